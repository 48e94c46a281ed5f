"""The plain facts the rules are evaluated on, and how they are read from JSON.

The platform builds these from its database (``opengov.compliance``); anyone else can write
them by hand as JSON, described by ``schemas/facts.schema.json`` beside this file (see
docs/rules.md). ``parse_facts`` checks the JSON against that schema first, then reads it;
``facts_as_json`` writes facts back in the same form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .calendar import PlanCalendar, Slot, plan_calendar


class FactsError(ValueError):
    """Input that cannot be evaluated; the message says where and why."""


@dataclass
class PlanFacts:
    slot: Slot
    start_year: int
    years: int
    delivered_on: date | None = None
    limited: bool = False  # C12: a limited plan, completed later by amendment
    amendments: list[date] = field(default_factory=list)

    @property
    def calendar(self) -> PlanCalendar:
        return plan_calendar(self.slot, self.start_year, self.years)

    @property
    def implementation_start(self) -> date | None:
        return self.delivered_on


@dataclass
class Meeting:
    date: date
    kind: str
    ref: str | None = None


@dataclass
class Outreach:
    date: date
    format: str | None = None
    ref: str | None = None


@dataclass
class Mechanism:
    opens_on: date
    closes_on: date
    kind: str | None = None
    ref: str | None = None


@dataclass
class CoCreation:
    timeline_published_on: date | None = None
    development_starts_on: date | None = None
    outreach: list[Outreach] = field(default_factory=list)
    mechanisms: list[Mechanism] = field(default_factory=list)
    contributions_received: int | None = None
    contributions_answered: int | None = None
    stakeholder_types: int | None = None
    feedback_published_on: date | None = None


@dataclass
class CommitmentFacts:
    id: str
    local: bool = False
    updates: list[date] = field(default_factory=list)


@dataclass
class Letter:
    """A letter from OGP's Support Unit (P2)."""

    date: date
    url: str | None = None
    ref: str | None = None


@dataclass
class Cycle:
    """One past or current action-plan cycle, for contrary-to-process (P1–P3)."""

    plan: str
    ends_on: date
    next_delivered_on: date | None = None
    irm_failed_requirements: list[str] = field(default_factory=list)
    irm_no_progress: bool = False
    support_unit_letters: list[Letter] = field(default_factory=list)


@dataclass
class Facts:
    today: date
    plan: PlanFacts | None = None
    period_start: date | None = None
    forum_rules_published_on: date | None = None
    inclusion_groups: list[str] | None = None  # F4; None: not recorded
    meetings: list[Meeting] = field(default_factory=list)
    website_url: str | None = None
    repository_updates: list[date] | None = None
    cocreation: CoCreation | None = None
    refresh: CoCreation | None = None
    commitments: list[CommitmentFacts] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)

    def meetings_of(self, *kinds: str) -> list[date]:
        return sorted(m.date for m in self.meetings if m.kind in kinds)


# -- reading JSON ------------------------------------------------------------------------

def parse_date(value, where: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FactsError(f"{where}: expected an ISO 8601 date such as \"2025-06-30\".")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise FactsError(f"{where}: {value!r} is not an ISO 8601 date (YYYY-MM-DD).") from error


def _day(value) -> date | None:
    """A date already checked by the schema (or null)."""
    return date.fromisoformat(value) if value else None


def _days(values) -> list[date]:
    return sorted(date.fromisoformat(v) for v in values or [])


def parse_plan(data: dict) -> PlanFacts:
    return PlanFacts(Slot(data["slot"]), data["start_year"], data["years"],
                     _day(data.get("delivered_on")), data.get("limited", False),
                     _days(data.get("amendments")))


def parse_cocreation(data: dict | None, where: str) -> CoCreation | None:
    if data is None:
        return None
    mechanisms = []
    for i, item in enumerate(data.get("mechanisms") or []):
        opens, closes = _day(item["opens_on"]), _day(item["closes_on"])
        if closes < opens:  # the one thing a schema cannot say
            raise FactsError(f"{where}.mechanisms[{i}]: closes_on is before opens_on.")
        mechanisms.append(Mechanism(opens, closes, item.get("kind"), item.get("ref")))
    counts = data.get("contributions") or {}
    return CoCreation(
        timeline_published_on=_day(data.get("timeline_published_on")),
        development_starts_on=_day(data.get("development_starts_on")),
        outreach=[Outreach(_day(o["date"]), o.get("format"), o.get("ref"))
                  for o in data.get("outreach") or []],
        mechanisms=mechanisms,
        contributions_received=counts.get("received"),
        contributions_answered=counts.get("answered"),
        stakeholder_types=counts.get("stakeholder_types"),
        feedback_published_on=_day(data.get("feedback_published_on")),
    )


def parse_facts(data, today: date | None = None) -> Facts:
    """Read facts from decoded JSON, or raise FactsError saying what is wrong and where.

    The JSON is checked against the published schema first (an unknown key or value is
    refused, never ignored), so what follows reads values already known to be well formed."""
    from .schema import validate

    validate(data)
    today = today or _day(data.get("today"))
    if today is None:
        raise FactsError("today: give the evaluation date in the facts or with --today.")
    forum = data.get("forum") or {}
    repository = data.get("repository")
    return Facts(
        today=today,
        plan=parse_plan(data["plan"]) if data.get("plan") is not None else None,
        period_start=_day(data.get("period_start")),
        forum_rules_published_on=_day(forum.get("rules_published_on")),
        inclusion_groups=forum.get("inclusion_groups"),
        meetings=[Meeting(_day(m["date"]), m["kind"], m.get("ref"))
                  for m in data.get("meetings") or []],
        website_url=(data.get("website") or {}).get("url"),
        repository_updates=None if repository is None else _days(repository.get("updates")),
        cocreation=parse_cocreation(data.get("cocreation"), "cocreation"),
        refresh=parse_cocreation(data.get("refresh"), "refresh"),
        commitments=[CommitmentFacts(str(c.get("id", i + 1)), c.get("local", False),
                                     _days(c.get("updates")))
                     for i, c in enumerate(data.get("commitments") or [])],
        cycles=[Cycle(str(c.get("plan", i + 1)), _day(c["ends_on"]),
                      _day(c.get("next_delivered_on")),
                      list(c.get("irm_failed_requirements") or []),
                      c.get("irm_no_progress", False),
                      [Letter(_day(x["date"]), x.get("url"), x.get("ref"))
                       for x in c.get("support_unit_letters") or []])
                for i, c in enumerate(data.get("cycles") or [])],
    )


# -- writing JSON -------------------------------------------------------------------------

def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _cocreation_json(process: CoCreation | None) -> dict | None:
    if process is None:
        return None
    counts = {"received": process.contributions_received,
              "answered": process.contributions_answered,
              "stakeholder_types": process.stakeholder_types}
    return _without_none({
        "timeline_published_on": _iso(process.timeline_published_on),
        "development_starts_on": _iso(process.development_starts_on),
        "feedback_published_on": _iso(process.feedback_published_on),
        "outreach": [_without_none({"date": o.date.isoformat(), "format": o.format or None,
                                    "ref": o.ref}) for o in process.outreach],
        "mechanisms": [_without_none({"opens_on": m.opens_on.isoformat(),
                                      "closes_on": m.closes_on.isoformat(),
                                      "kind": m.kind or None, "ref": m.ref})
                       for m in process.mechanisms],
        "contributions": _without_none(counts) or None,
    })


def _without_none(data: dict) -> dict:
    return {k: v for k, v in data.items() if v is not None}


def facts_as_json(facts: Facts) -> dict:
    """The facts as the JSON that ``parse_facts`` reads (and the schema describes)."""
    plan = facts.plan
    forum = _without_none({"rules_published_on": _iso(facts.forum_rules_published_on),
                           "inclusion_groups": facts.inclusion_groups})
    return _without_none({
        "today": facts.today.isoformat(),
        "period_start": _iso(facts.period_start),
        "plan": None if plan is None else _without_none({
            "slot": str(plan.slot), "start_year": plan.start_year, "years": plan.years,
            "delivered_on": _iso(plan.delivered_on), "limited": plan.limited,
            "amendments": [d.isoformat() for d in plan.amendments]}),
        "forum": forum or None,
        "meetings": [_without_none({"date": m.date.isoformat(), "kind": m.kind, "ref": m.ref})
                     for m in facts.meetings],
        "website": {"url": facts.website_url} if facts.website_url else None,
        "repository": None if facts.repository_updates is None else {
            "updates": [d.isoformat() for d in facts.repository_updates]},
        "cocreation": _cocreation_json(facts.cocreation),
        "refresh": _cocreation_json(facts.refresh),
        "commitments": [{"id": c.id, "local": c.local,
                         "updates": [d.isoformat() for d in c.updates]}
                        for c in facts.commitments],
        "cycles": [_without_none({
            "plan": c.plan, "ends_on": c.ends_on.isoformat(),
            "next_delivered_on": _iso(c.next_delivered_on),
            "irm_failed_requirements": list(c.irm_failed_requirements),
            "irm_no_progress": c.irm_no_progress,
            "support_unit_letters": [_without_none({"date": x.date.isoformat(), "url": x.url,
                                                    "ref": x.ref})
                                     for x in c.support_unit_letters]})
                   for c in facts.cycles],
    })
