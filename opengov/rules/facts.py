"""The plain facts the rules are evaluated on, and how they are read from JSON.

The platform builds these from its database (``opengov.compliance``); anyone else can write
them by hand as JSON, described by ``schemas/facts.schema.json`` beside this file (see
docs/rules.md). ``parse_facts`` checks the JSON against that schema first, then reads it;
``facts_as_json`` writes facts back in the same form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .calendar import DURATIONS, PlanCalendar, Slot, plan_calendar

MEETING_KINDS = {"forum", "cocreation_workshop", "outreach", "implementation_review",
                 "commitment_monitoring", "high_level"}
INCLUSION_GROUPS = ("women", "youth", "elderly", "disability", "lgbtqia", "indigenous", "other")


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


def _dates(values, where: str) -> list[date]:
    if values is None:
        return []
    if not isinstance(values, list):
        raise FactsError(f"{where}: expected a list of dates.")
    return sorted(parse_date(v, f"{where}[{i}]") for i, v in enumerate(values))


def _object(value, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FactsError(f"{where}: expected an object.")
    return value


def _list(value, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise FactsError(f"{where}: expected a list.")
    return value


def _int(value, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FactsError(f"{where}: expected a whole number, 0 or more.")
    return value


def parse_plan(data: dict, where: str = "plan") -> PlanFacts:
    data = _object(data, where)
    slot = data.get("slot")
    if slot not in {s.value for s in Slot}:
        raise FactsError(f"{where}.slot: expected \"june\" or \"december\" (C2).")
    start_year = data.get("start_year")
    if isinstance(start_year, bool) or not isinstance(start_year, int):
        raise FactsError(f"{where}.start_year: expected a year such as 2024.")
    years = data.get("years")
    if years not in DURATIONS:
        raise FactsError(f"{where}.years: a plan lasts 2 or 4 years (C1).")
    return PlanFacts(Slot(slot), start_year, years,
                     parse_date(data.get("delivered_on"), f"{where}.delivered_on"),
                     bool(data.get("limited")),
                     _dates(data.get("amendments"), f"{where}.amendments"))


def parse_cocreation(data, where: str) -> CoCreation | None:
    if data is None:
        return None
    data = _object(data, where)
    contributions = _object(data.get("contributions"), f"{where}.contributions")
    outreach = []
    for i, item in enumerate(_list(data.get("outreach"), f"{where}.outreach")):
        item = _object(item, f"{where}.outreach[{i}]")
        outreach.append(Outreach(parse_date(item.get("date"), f"{where}.outreach[{i}].date")
                                 or _missing(f"{where}.outreach[{i}].date"),
                                 item.get("format"), item.get("ref")))
    mechanisms = []
    for i, item in enumerate(_list(data.get("mechanisms"), f"{where}.mechanisms")):
        item = _object(item, f"{where}.mechanisms[{i}]")
        opens = parse_date(item.get("opens_on"), f"{where}.mechanisms[{i}].opens_on")
        closes = parse_date(item.get("closes_on"), f"{where}.mechanisms[{i}].closes_on")
        if opens is None or closes is None:
            raise FactsError(f"{where}.mechanisms[{i}]: opens_on and closes_on are required.")
        if closes < opens:
            raise FactsError(f"{where}.mechanisms[{i}]: closes_on is before opens_on.")
        mechanisms.append(Mechanism(opens, closes, item.get("kind"), item.get("ref")))
    return CoCreation(
        timeline_published_on=parse_date(data.get("timeline_published_on"),
                                         f"{where}.timeline_published_on"),
        development_starts_on=parse_date(data.get("development_starts_on"),
                                         f"{where}.development_starts_on"),
        outreach=outreach,
        mechanisms=mechanisms,
        contributions_received=_int(contributions.get("received"),
                                    f"{where}.contributions.received"),
        contributions_answered=_int(contributions.get("answered"),
                                    f"{where}.contributions.answered"),
        stakeholder_types=_int(contributions.get("stakeholder_types"),
                               f"{where}.contributions.stakeholder_types"),
        feedback_published_on=parse_date(data.get("feedback_published_on"),
                                         f"{where}.feedback_published_on"),
    )


def _missing(where: str):
    raise FactsError(f"{where}: this date is required.")


def parse_facts(data, today: date | None = None) -> Facts:
    """Read facts from decoded JSON, or raise FactsError saying what is wrong and where.

    The JSON is first checked against the published schema: an unknown key or value is
    refused, never ignored."""
    from .schema import validate

    validate(data)
    data = _object(data, "facts")
    today = today or parse_date(data.get("today"), "today")
    if today is None:
        raise FactsError("today: give the evaluation date in the facts or with --today.")
    meetings = []
    for i, item in enumerate(_list(data.get("meetings"), "meetings")):
        item = _object(item, f"meetings[{i}]")
        kind = item.get("kind")
        if kind not in MEETING_KINDS:
            raise FactsError(f"meetings[{i}].kind: expected one of {sorted(MEETING_KINDS)}.")
        day = parse_date(item.get("date"), f"meetings[{i}].date") or _missing(f"meetings[{i}].date")
        meetings.append(Meeting(day, kind, item.get("ref")))
    forum = _object(data.get("forum"), "forum")
    website = _object(data.get("website"), "website")
    repository = data.get("repository")
    commitments = []
    for i, item in enumerate(_list(data.get("commitments"), "commitments")):
        item = _object(item, f"commitments[{i}]")
        commitments.append(CommitmentFacts(str(item.get("id", i + 1)), bool(item.get("local")),
                                           _dates(item.get("updates"),
                                                  f"commitments[{i}].updates")))
    cycles = []
    for i, item in enumerate(_list(data.get("cycles"), "cycles")):
        item = _object(item, f"cycles[{i}]")
        ends = parse_date(item.get("ends_on"), f"cycles[{i}].ends_on") or _missing(
            f"cycles[{i}].ends_on")
        failed = _list(item.get("irm_failed_requirements"), f"cycles[{i}].irm_failed_requirements")
        letters = [Letter(parse_date(letter["date"], f"cycles[{i}].support_unit_letters[{j}]"),
                          letter.get("url"), letter.get("ref"))
                   for j, letter in enumerate(item.get("support_unit_letters") or [])]
        cycles.append(Cycle(str(item.get("plan", i + 1)), ends,
                            parse_date(item.get("next_delivered_on"),
                                       f"cycles[{i}].next_delivered_on"),
                            [str(rule) for rule in failed], bool(item.get("irm_no_progress")),
                            letters))
    return Facts(
        today=today,
        plan=parse_plan(data["plan"]) if data.get("plan") is not None else None,
        period_start=parse_date(data.get("period_start"), "period_start"),
        forum_rules_published_on=parse_date(forum.get("rules_published_on"),
                                            "forum.rules_published_on"),
        inclusion_groups=forum.get("inclusion_groups"),
        meetings=meetings,
        website_url=website.get("url"),
        repository_updates=None if repository is None else _dates(
            _object(repository, "repository").get("updates"), "repository.updates"),
        cocreation=parse_cocreation(data.get("cocreation"), "cocreation"),
        refresh=parse_cocreation(data.get("refresh"), "refresh"),
        commitments=commitments,
        cycles=cycles,
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
