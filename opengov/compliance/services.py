"""The compliance of one plan: verdicts, calendar, contrary to process, deadlines.

Everything is computed by ``opengov.rules``; this module only assembles and presents.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _g

from opengov.plans.models import ActionPlan
from opengov.rules import registry
from opengov.rules.calendar import PlanCalendar
from opengov.rules.commitments import check_plan
from opengov.rules.facts import facts_as_json
from opengov.rules.requirements import contrary_to_process, evaluate
from opengov.rules.schema import validate
from opengov.rules.verdicts import SEVERITY, Status, Verdict

from .facts import commitment_checks_input, plan_facts


def rule_name(rule_id: str) -> str:
    """A rule's plain name in the reader's language ("1.1 The forum meets…"), from the
    registry; the ID itself for a rule the registry does not know."""
    rule = registry.get(rule_id)
    return rule.label(_g) if rule else rule_id


def next_step(rule_id: str, status) -> str:
    rule = registry.get(rule_id)
    step = rule.next_step(status) if rule else ""
    return _g(step) if step else ""


def check_facts(build) -> None:
    """With ``RULES_CHECK_FACTS`` (on in the tests), what the platform hands the engine is
    checked against the engine's published schema, as a JSON file would be. ``build``
    makes that JSON, only when it is checked: production pays nothing."""
    if getattr(settings, "RULES_CHECK_FACTS", False):
        validate(build())


def localize_param(value):
    """Dates in the reader's format; marked phrases ("a forum meeting") in the reader's
    language; numbers as they are."""
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, str):
        try:
            return formats.date_format(date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return _g(value) if value else value
    return value


def localize(template: str, params: dict) -> str:
    return _g(template).format(**{k: localize_param(v) for k, v in params.items()})


@dataclass
class Row:
    """A verdict as a page shows it."""

    verdict: Verdict
    name: str
    explanation: str
    advice: list[str]
    next_step: str
    evidence: list = field(default_factory=list)

    @property
    def status(self):
        return self.verdict.status.value

    @property
    def rule(self):
        return self.verdict.rule

    @property
    def needs_action(self) -> bool:
        return self.verdict.status in ACTION_STATUSES


# What a Point of Contact must act on: a requirement failed, about to fail, or that cannot be
# judged because facts are missing. Each of them has a next step in the registry.
ACTION_STATUSES = (Status.NOT_MET, Status.AT_RISK, Status.UNKNOWN)


@dataclass(frozen=True)
class Summary:
    """How the minimum requirements stand: one count per verdict (the refresh of a
    four-year plan is judged apart from the plan, so a requirement can count twice)."""

    met: int
    at_risk: int
    not_met: int
    other: int  # not yet due, or not known

    @property
    def total(self) -> int:
        return self.met + self.at_risk + self.not_met + self.other


def minimum_requirements_summary(rows) -> Summary:
    statuses = [row.verdict.status for row in rows
                if row.rule in registry.MINIMUM_REQUIREMENTS]
    met, at_risk, not_met = (statuses.count(s) for s in
                             (Status.MET, Status.AT_RISK, Status.NOT_MET))
    return Summary(met, at_risk, not_met, len(statuses) - met - at_risk - not_met)


def rows_to_act_on(rows) -> list[Row]:
    """The verdicts needing action, worst first, then the soonest due."""
    return sorted((row for row in rows if row.needs_action),
                  key=lambda row: (SEVERITY.index(row.verdict.status),
                                   row.verdict.due or date.max))


@dataclass
class Compliance:
    plan: ActionPlan
    today: date
    calendar: PlanCalendar
    rows: list[Row]
    contrary: dict
    checks: dict


def plan_compliance(plan: ActionPlan, *, today: date | None = None, site_url="") -> Compliance:
    today = today or timezone.localdate()
    if plan.status == ActionPlan.Status.COMPLETED:
        today = min(today, plan.ends_on)  # a closed cycle is judged as it ended
    facts = plan_facts(plan, today=today, site_url=site_url)
    check_facts(lambda: facts_as_json(facts))
    rows = []
    for verdict in evaluate(facts):
        rows.append(Row(
            verdict=verdict,
            name=rule_name(verdict.rule),
            explanation=localize(verdict.template, verdict.params),
            advice=[_g(a) for a in verdict.advice],
            next_step=next_step(verdict.rule, verdict.status),
        ))
    contrary = contrary_to_process(facts) if facts.cycles else {"cycles": []}
    for cycle in contrary["cycles"]:
        cycle["ended"] = date.fromisoformat(cycle["ends_on"])
        for reason in cycle["reasons"]:
            reason["localized"] = localize(reason["template"], reason["params"])
        for letter in cycle["support_unit_letters"]:
            letter["day"] = date.fromisoformat(letter["date"])
    return Compliance(plan, today, facts.plan.calendar, rows, contrary, plan_readiness(plan))


def plan_readiness(plan, snapshot=None) -> dict:
    """AP1, CM1–CM6, C6 on the plan as it stands (or on a ``snapshot`` of it), each finding
    with its text in the reader's language; counts of errors and warnings."""
    from opengov.plans.services import plan_snapshot

    given = commitment_checks_input(plan, snapshot or plan_snapshot(plan))
    check_facts(lambda: {"commitment_checks": given})
    calendar = plan.rules_calendar
    checks = check_plan(given["commitments"], status=given["status"],
                        plan_start=calendar.window.first, plan_end=calendar.ends_on,
                        languages=tuple(given["languages"]), sections=given["sections"])
    every = [*checks["plan"], *(f for fs in checks["commitments"].values() for f in fs)]
    for finding in every:
        finding["localized"] = localize(finding["template"], finding["params"])
        finding["rule_name"] = rule_name(finding["rule"])
    checks["errors"] = sum(f["severity"] == "error" for f in every)
    checks["warnings"] = sum(f["severity"] == "warning" for f in every)
    return checks
