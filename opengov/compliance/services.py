"""The compliance of one plan: verdicts, calendar, contrary to process, deadlines.

Everything is computed by ``opengov.rules``; this module only assembles and presents.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from opengov.plans.models import ActionPlan
from opengov.rules.calendar import PlanCalendar
from opengov.rules.commitments import check_plan
from opengov.rules.requirements import contrary_to_process, evaluate
from opengov.rules.verdicts import Status, Verdict

from .facts import plan_facts

REQUIREMENT_NAMES = {
    "F1": _("1.1 A forum that meets every six months, with public rules"),
    "W1": _("2.1 A public OGP website"),
    "R1": _("2.2 A public document repository, updated twice a year"),
    "CC3": _("3.1 Timeline published two weeks before development"),
    "CC4": _("3.2 Outreach on OGP and on ways to take part"),
    "CC5": _("3.3 A way for everyone to send inputs"),
    "CC9": _("4.1 Feedback on how contributions were considered"),
    "I5": _("5.1 Two implementation meetings a year with civil society"),
    "I6": _("High-level engagement once a year"),
    "CM6": _("Quarterly reports on local commitments"),
    "W3": _("Progress updates every six months"),
}
NEXT_STEPS = {
    ("F1", Status.AT_RISK): _("Hold a forum meeting before the due date and publish its agenda."),
    ("F1", Status.NOT_MET): _("Convene the forum now and publish its rules of participation."),
    ("R1", Status.AT_RISK): _("Publish recent evidence or minutes in the repository."),
    ("R1", Status.NOT_MET): _("Update the repository with evidence of co-creation and "
                              "implementation."),
    ("CC3", Status.AT_RISK): _("Publish the co-creation timeline on the website now."),
    ("CC3", Status.NOT_YET_DUE): _("Prepare the co-creation timeline and its participation "
                                   "opportunities."),
    ("CC4", Status.AT_RISK): _("Plan outreach, in person and online, towards groups usually "
                               "left out."),
    ("CC5", Status.AT_RISK): _("Open a way to send inputs for at least two weeks."),
    ("CC9", Status.AT_RISK): _("Answer every contribution and publish the reasoned responses."),
    ("I5", Status.AT_RISK): _("Schedule an implementation review with civil society."),
    ("I6", Status.AT_RISK): _("Schedule a meeting with a minister or senior official."),
    ("CM6", Status.AT_RISK): _("Ask the lead agencies of local commitments for an update."),
    ("W3", Status.AT_RISK): _("Ask the lead agencies for their six-monthly update."),
    ("W3", Status.NOT_MET): _("Publish an update for each commitment concerned."),
}


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
    rows = []
    for verdict in evaluate(facts):
        step = NEXT_STEPS.get((verdict.rule, verdict.status), "")
        rows.append(Row(
            verdict=verdict,
            name=str(REQUIREMENT_NAMES.get(verdict.rule, verdict.rule)),
            explanation=localize(verdict.template, verdict.params),
            advice=[_g(a) for a in verdict.advice],
            next_step=str(step),
        ))
    contrary = contrary_to_process(facts) if facts.cycles else {"cycles": []}
    for cycle in contrary["cycles"]:
        for reason in cycle["reasons"]:
            reason["localized"] = localize(reason["template"], reason["params"])
    return Compliance(plan, today, facts.plan.calendar, rows, contrary, plan_readiness(plan))


def plan_readiness(plan, snapshot=None) -> dict:
    """AP1, CM1–CM6, C6 on the plan as it stands (or on a ``snapshot`` of it), each finding
    with its text in the reader's language; counts of errors and warnings."""
    from opengov.plans.services import plan_snapshot

    snapshot = snapshot or plan_snapshot(plan)
    calendar = plan.rules_calendar
    checks = check_plan(snapshot["commitments"], status=plan.status,
                        plan_start=calendar.window.first, plan_end=calendar.ends_on,
                        languages=tuple(plan.member.document_languages),
                        sections=snapshot["plan"])
    every = [*checks["plan"], *(f for fs in checks["commitments"].values() for f in fs)]
    for finding in every:
        finding["localized"] = localize(finding["template"], finding["params"])
    checks["errors"] = sum(f["severity"] == "error" for f in every)
    checks["warnings"] = sum(f["severity"] == "warning" for f in every)
    return checks
