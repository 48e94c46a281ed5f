"""Minimum requirements (F1, W1, R1, CC3, CC4, CC5, CC9, I5), I6, CM6, W3 (f), the
recommendation F4, limited plans (C12), and contrary to process (P1–P3, with P2's letters).

Each check takes plain facts and returns a ``Verdict``. "At risk" is the point: a check says
so as soon as the requirement will fail on a known date unless something happens, and
gives that date in ``due``.
"""

from __future__ import annotations

from datetime import date, timedelta

from .calendar import TIMELINE_NOTICE_DAYS, add_months
from .facts import CoCreation, Facts
from .registry import MINIMUM_REQUIREMENTS
from .verdicts import Status, Verdict, _, worst

WARNING_DAYS = 30  # "at risk" this many days before a periodic deadline
MIN_INPUT_WINDOW_DAYS = 14  # CC5 "an appropriate period": our floor, see docs/rules.md
YEAR_END_WARNING_DAYS = 90  # I5/I6: a yearly count still short this close to the year's end
PENDING_WARNING_DAYS = 90  # CC4, CC5, CC9: still missing this close to the delivery deadline


def periodic(rule, dates, *, months, since, today, what, scope="plan"):
    """Something that must happen at least every ``months`` months from ``since`` on."""
    events = sorted(d for d in dates if since <= d <= today)
    previous = since
    for event in events:
        if event > add_months(previous, months):
            return Verdict(rule, Status.NOT_MET, _(
                "Nothing between {start} and {event}: {what} must happen at least every "
                "{months} months."),
                {"start": previous, "event": event, "what": what, "months": months},
                {"dates": events, "since": since}, scope=scope)
        previous = event
    due = add_months(previous, months)
    facts = {"dates": events, "since": since, "last": events[-1] if events else None}
    params = {"last": previous, "due": due, "what": what, "months": months}
    if today > due:
        return Verdict(rule, Status.NOT_MET, _(
            "Nothing since {last}: {what} was due by {due}."), params, facts, due, scope)
    if today >= due - timedelta(days=WARNING_DAYS):
        return Verdict(rule, Status.AT_RISK, _(
            "Last on {last}: {what} must happen again by {due}."), params, facts, due, scope)
    if not events:
        return Verdict(rule, Status.NOT_YET_DUE, _(
            "Not yet due: {what} is first expected by {due}."), params, facts, due, scope)
    return Verdict(rule, Status.MET, _(
        "Last on {last}; next expected by {due}."), params, facts, due, scope)


def check_f1(facts: Facts, since: date) -> Verdict:
    """F1 (1.1): the forum meets at least every six months; its rules are public."""
    if facts.forum_rules_published_on is None:
        return Verdict("F1", Status.NOT_MET, _(
            "The forum's basic rules of participation are not published."),
            facts={"rules_published_on": None})
    verdict = periodic("F1", facts.meetings_of("forum"), months=6, since=since,
                       today=facts.today, what=_("a forum meeting"))
    verdict.facts["rules_published_on"] = facts.forum_rules_published_on
    return verdict


def check_f4(facts: Facts) -> Verdict:
    """F4 (a recommendation): the forum proactively includes historically under-represented
    groups. Met when at least one current member is recorded as representing one."""
    groups = facts.inclusion_groups
    if groups is None:
        return Verdict("F4", Status.UNKNOWN, _("Whom forum members represent is not recorded."))
    if not groups:
        return Verdict("F4", Status.NOT_MET, _(
            "No current forum member is recorded as representing a historically "
            "under-represented group."), facts={"groups": []})
    return Verdict("F4", Status.MET, _("Forum members represent {count} under-represented "
                                       "groups."), {"count": len(groups)},
                   {"groups": sorted(groups)})


def check_w1(facts: Facts) -> Verdict:
    """W1 (2.1): a public website dedicated to the member's OGP participation."""
    if not facts.website_url:
        return Verdict("W1", Status.UNKNOWN, _("No OGP website address is recorded."))
    return Verdict("W1", Status.MET, _("The OGP website is online at {url}."),
                   {"url": facts.website_url}, {"url": facts.website_url})


def check_r1(facts: Facts, since: date) -> Verdict:
    """R1 (2.2): a public repository, updated at least twice a year (every six months)."""
    if facts.repository_updates is None:
        return Verdict("R1", Status.UNKNOWN, _("No document repository is recorded."))
    return periodic("R1", facts.repository_updates, months=6, since=since, today=facts.today,
                    what=_("a repository update"))


def check_cc3(process: CoCreation | None, today: date, scope="plan") -> Verdict:
    """CC3 (3.1), C8: the timeline is published at least 14 days before development starts."""
    if process is None or process.development_starts_on is None:
        return Verdict("CC3", Status.UNKNOWN, _(
            "The date plan development starts is not recorded."), scope=scope)
    starts = process.development_starts_on
    due = starts - timedelta(days=TIMELINE_NOTICE_DAYS)
    published = process.timeline_published_on
    facts = {"timeline_published_on": published, "development_starts_on": starts}
    params = {"published": published, "starts": starts, "due": due}
    if published is not None:
        if published <= due:
            return Verdict("CC3", Status.MET, _(
                "The timeline was published on {published}, at least two weeks before "
                "development started on {starts}."), params, facts, scope=scope)
        return Verdict("CC3", Status.NOT_MET, _(
            "The timeline was published on {published}, less than two weeks before "
            "development started on {starts}."), params, facts, scope=scope)
    if today > due:
        return Verdict("CC3", Status.NOT_MET, _(
            "The timeline was not published by {due}, two weeks before development starts "
            "on {starts}."), params, facts, due, scope)
    status = Status.AT_RISK if today >= due - timedelta(days=WARNING_DAYS) else Status.NOT_YET_DUE
    return Verdict("CC3", status, _(
        "Publish the timeline by {due}, two weeks before development starts on {starts}."),
        params, facts, due, scope)


def _cocreation_deadline(facts: Facts, scope: str) -> date | None:
    if facts.plan is None:
        return None
    if scope == "refresh":
        return facts.plan.calendar.refresh_deadline
    return facts.plan.calendar.window.last


def _delivered(facts: Facts) -> bool:
    return bool(facts.plan and facts.plan.delivered_on and facts.plan.delivered_on <= facts.today)


def _pending(rule, facts: Facts, process: CoCreation | None, template, scope="plan") -> Verdict:
    """Something still missing during co-creation: failed once the plan is delivered."""
    if _delivered(facts) and scope == "plan":
        return Verdict(rule, Status.NOT_MET, template, {}, {}, scope=scope)
    started = process and process.development_starts_on and process.development_starts_on <= \
        facts.today
    due = _cocreation_deadline(facts, scope)
    if started and (due is None or (due - facts.today).days <= PENDING_WARNING_DAYS):
        return Verdict(rule, Status.AT_RISK, template, {}, {}, due, scope)
    return Verdict(rule, Status.NOT_YET_DUE, template, {}, {}, due, scope)


def check_cc4(facts: Facts, process: CoCreation | None, scope="plan") -> Verdict:
    """CC4 (3.2): outreach raises awareness of OGP and of the ways to take part."""
    if process is None:
        return Verdict("CC4", Status.UNKNOWN, _("No co-creation process is recorded."),
                       scope=scope)
    if not process.outreach:
        return _pending("CC4", facts, process, _("No outreach activity is recorded."), scope)
    formats = sorted({o.format for o in process.outreach if o.format})
    verdict = Verdict("CC4", Status.MET, _("{count} outreach activities, from {first} to {last}."),
                      {"count": len(process.outreach), "first": process.outreach[0].date,
                       "last": process.outreach[-1].date},
                      {"activities": [o.ref or o.date for o in process.outreach],
                       "formats": formats}, scope=scope)
    if not {"online", "hybrid"} & set(formats):
        verdict.advice.append(_("Offer remote participation too (CC4, F6)."))
    return verdict


def check_cc5(facts: Facts, process: CoCreation | None, scope="plan") -> Verdict:
    """CC5 (3.3): a mechanism gathers inputs from a range of stakeholders over a fair period."""
    if process is None:
        return Verdict("CC5", Status.UNKNOWN, _("No co-creation process is recorded."),
                       scope=scope)
    if not process.mechanisms:
        return _pending("CC5", facts, process, _("No way to send inputs is recorded."), scope)
    longest = max(process.mechanisms, key=lambda m: (m.closes_on - m.opens_on).days)
    days = (longest.closes_on - longest.opens_on).days + 1
    facts_used = {"mechanisms": [m.ref or m.opens_on for m in process.mechanisms],
                  "longest_days": days, "stakeholder_types": process.stakeholder_types,
                  "received": process.contributions_received}
    params = {"days": days, "opens": longest.opens_on, "closes": longest.closes_on,
              "minimum": MIN_INPUT_WINDOW_DAYS}
    if days < MIN_INPUT_WINDOW_DAYS:
        status = Status.NOT_MET if longest.closes_on < facts.today else Status.AT_RISK
        return Verdict("CC5", status, _(
            "Inputs were open for only {days} days ({opens} to {closes}); allow at least "
            "{minimum}."), params, facts_used, longest.closes_on, scope)
    if longest.opens_on > facts.today:
        return Verdict("CC5", Status.NOT_YET_DUE, _(
            "Inputs open from {opens} to {closes}."), params, facts_used, scope=scope)
    verdict = Verdict("CC5", Status.MET, _(
        "Inputs were open for {days} days, from {opens} to {closes}."), params, facts_used,
        scope=scope)
    if process.stakeholder_types is not None and process.stakeholder_types < 2:
        verdict.advice.append(_("Reach a wider range of stakeholders (CC5)."))
    return verdict


def check_cc9(facts: Facts, process: CoCreation | None, scope="plan") -> Verdict:
    """CC9 (4.1): written feedback on how contributions were considered is published."""
    if process is None:
        return Verdict("CC9", Status.UNKNOWN, _("No co-creation process is recorded."),
                       scope=scope)
    received, answered = process.contributions_received, process.contributions_answered
    facts_used = {"received": received, "answered": answered,
                  "feedback_published_on": process.feedback_published_on}
    if process.feedback_published_on is None:
        verdict = _pending("CC9", facts, process, _(
            "No feedback on the contributions has been published."), scope)
        verdict.facts = facts_used
        return verdict
    values = {"published": process.feedback_published_on, "answered": answered or 0,
              "received": received or 0}
    if received and (answered or 0) < received:
        # CC8 asks for a decision on each input: feedback on some of them is not feedback
        # on how "contributions" were considered. Judged like a missing feedback.
        verdict = _pending("CC9", facts, process, _(
            "Feedback was published on {published}, but only {answered} of {received} "
            "contributions have a published reasoned response."), scope)
        verdict.params, verdict.facts = values, facts_used
        verdict.advice.append(_("Give a reasoned response to every contribution (CC8)."))
        return verdict
    return Verdict("CC9", Status.MET, _(
        "Feedback was published on {published}: {answered} of {received} contributions "
        "answered."), values, facts_used, scope=scope)


def yearly(rule, dates, *, per_year, start, end, today, what):
    """At least ``per_year`` events in each implementation year from ``start`` to ``end``."""
    failed, current = [], None
    year_start = start
    while year_start <= min(end, today):
        year_end = min(add_months(year_start, 12) - timedelta(days=1), end)
        count = sum(year_start <= d <= year_end for d in dates)
        if year_end < today:
            if count < per_year:
                failed.append({"from": year_start, "to": year_end, "count": count})
        else:
            current = {"from": year_start, "to": year_end, "count": count}
        year_start = year_end + timedelta(days=1)
    facts = {"dates": sorted(d for d in dates if start <= d <= today), "failed_years": failed,
             "current_year": current}
    if failed:
        first = failed[0]
        return Verdict(rule, Status.NOT_MET, _(
            "{what}: {count} between {start} and {end}, fewer than the {needed} a year "
            "required."), {"count": first["count"], "what": what, "start": first["from"],
                           "end": first["to"], "needed": per_year}, facts)
    if current and current["count"] < per_year:
        params = {"count": current["count"], "what": what, "end": current["to"],
                  "needed": per_year}
        if today >= current["to"] - timedelta(days=YEAR_END_WARNING_DAYS):
            return Verdict(rule, Status.AT_RISK, _(
                "{what}: {count} so far this year; {needed} are needed by {end}."), params,
                facts, current["to"])
        return Verdict(rule, Status.NOT_YET_DUE, _(
            "{what}: {count} so far this year; {needed} are needed by {end}."), params, facts,
            current["to"])
    return Verdict(rule, Status.MET, _("{what}: at least {needed} in every year so far."),
                   {"needed": per_year, "what": what}, facts)


def _implementation_period(facts: Facts):
    if not facts.plan or not facts.plan.delivered_on:
        return None
    return facts.plan.delivered_on, facts.plan.calendar.ends_on


def check_i5(facts: Facts) -> Verdict:
    """I5 (5.1): at least two meetings a year with civil society on implementation."""
    period = _implementation_period(facts)
    if period is None:
        return Verdict("I5", Status.NOT_YET_DUE, _("Implementation has not started."))
    return yearly("I5", facts.meetings_of("implementation_review"), per_year=2,
                  start=period[0], end=period[1], today=facts.today,
                  what=_("Implementation meetings with civil society"))


def check_i6(facts: Facts) -> Verdict:
    """I6: ministers or high-level officials engaged at least once a year."""
    period = _implementation_period(facts)
    if period is None:
        return Verdict("I6", Status.NOT_YET_DUE, _("Implementation has not started."))
    return yearly("I6", facts.meetings_of("high_level"), per_year=1, start=period[0],
                  end=period[1], today=facts.today, what=_("High-level meetings"))


def _per_commitment(rule, facts: Facts, commitments, months, what) -> Verdict | None:
    period = _implementation_period(facts)
    if not commitments:
        return None
    if period is None:
        return Verdict(rule, Status.NOT_YET_DUE, _("Implementation has not started."))
    verdicts = {c.id: periodic(rule, c.updates, months=months, since=period[0],
                               today=min(facts.today, period[1]), what=what)
                for c in commitments}
    status = worst(v.status for v in verdicts.values())
    concerned = sorted(cid for cid, v in verdicts.items() if v.status == status)
    dues = [v.due for v in verdicts.values() if v.status == status and v.due]
    facts_used = {"commitments": {cid: {"status": v.status.value, "due": v.due,
                                        "last": v.facts.get("last")}
                                  for cid, v in verdicts.items()}}
    params = {"count": len(concerned), "total": len(commitments), "ids": ", ".join(concerned),
              "months": months, "what": what}
    templates = {
        Status.NOT_MET: _("{count} of {total} commitments missed {what} (every {months} "
                          "months): {ids}."),
        Status.AT_RISK: _("{count} of {total} commitments need {what} soon: {ids}."),
        Status.MET: _("Every commitment concerned ({total}) has had {what} at least every "
                      "{months} months."),
        Status.NOT_YET_DUE: _("No {what} is due yet."),
        Status.UNKNOWN: _("No {what} is recorded."),
    }
    return Verdict(rule, status, templates[status], params, facts_used,
                   min(dues) if dues else None)


def check_cm6(facts: Facts) -> Verdict | None:
    """CM6: local commitments report progress at least quarterly."""
    return _per_commitment("CM6", facts, [c for c in facts.commitments if c.local], 3,
                           _("a progress update"))


def check_w3f(facts: Facts) -> Verdict | None:
    """W3 (f): updates on implementation at least every six months, for each commitment."""
    return _per_commitment("W3", facts, facts.commitments, 6, _("a progress update"))


def check_c12(facts: Facts) -> Verdict | None:
    """C12: a limited plan, delivered during a political transition, is completed by an
    amendment within the amendment deadline (C7). Only for plans recorded as limited."""
    plan = facts.plan
    if plan is None or not plan.limited:
        return None
    deadline = plan.calendar.amendment_deadline
    params = {"deadline": deadline}
    amended = sorted(d for d in plan.amendments if d <= facts.today)
    facts_used = {"amendments": amended, "amendment_deadline": deadline}
    if amended:
        return Verdict("C12", Status.MET, _("The limited plan was completed by amendment on "
                                            "{amended}."), {"amended": amended[-1]},
                       facts_used)
    if facts.today > deadline:
        return Verdict("C12", Status.NOT_MET, _(
            "The limited plan was not completed by amendment before {deadline}."), params,
            facts_used)
    status = (Status.AT_RISK if (deadline - facts.today).days <= PENDING_WARNING_DAYS
              else Status.NOT_YET_DUE)
    return Verdict("C12", status, _(
        "A limited plan: add the new commitments by amendment by {deadline}."), params,
        facts_used, deadline)


def evaluation_start(facts: Facts) -> date:
    """Where periodic requirements start counting: stated, or the co-creation, or the plan."""
    if facts.period_start:
        return facts.period_start
    if facts.cocreation and facts.cocreation.timeline_published_on:
        return facts.cocreation.timeline_published_on
    if facts.plan:
        return facts.plan.calendar.window.first
    return facts.today


def evaluate(facts: Facts) -> list[Verdict]:
    """Every requirement the facts allow to check, in the handbook's order."""
    since = evaluation_start(facts)
    verdicts = [
        check_f1(facts, since), check_w1(facts), check_r1(facts, since),
        check_cc3(facts.cocreation, facts.today), check_cc4(facts, facts.cocreation),
        check_cc5(facts, facts.cocreation), check_cc9(facts, facts.cocreation),
        check_i5(facts), check_i6(facts),
    ]
    if facts.refresh is not None:  # C8: 3.1 and 4.1 apply to the refresh too
        verdicts += [check_cc3(facts.refresh, facts.today, scope="refresh"),
                     check_cc9(facts, facts.refresh, scope="refresh")]
    verdicts += [v for v in (check_cm6(facts), check_w3f(facts), check_c12(facts))
                 if v is not None]
    if facts.inclusion_groups is not None:
        verdicts.append(check_f4(facts))
    return verdicts


# -- contrary to process (P1–P3) -----------------------------------------------------------


def contrary_to_process(facts: Facts) -> dict:
    """P1 per cycle (late plan, failed minimum requirement, no progress) and P3."""
    from .calendar import LATE_AFTER_MONTHS

    cycles = []
    for cycle in sorted(facts.cycles, key=lambda c: c.ends_on):
        late_after = add_months(cycle.ends_on, LATE_AFTER_MONTHS)
        reasons = []
        if cycle.next_delivered_on and cycle.next_delivered_on > late_after:
            reasons.append({"rule": "C9", "template": _(
                "The next plan was delivered on {delivered}, more than 12 months after this "
                "plan ended on {ended}."), "params": {"delivered": cycle.next_delivered_on,
                                                      "ended": cycle.ends_on}})
        elif cycle.next_delivered_on is None and facts.today > late_after:
            reasons.append({"rule": "C9", "template": _(
                "No new plan was published within 12 months after this plan ended on "
                "{ended}."), "params": {"ended": cycle.ends_on}})
        for rule in cycle.irm_failed_requirements:
            if rule in MINIMUM_REQUIREMENTS:
                reasons.append({"rule": rule, "template": _(
                    "The IRM found minimum requirement {rule} not met."), "params": {"rule": rule}})
        if cycle.irm_no_progress:
            reasons.append({"rule": "P1", "template": _(
                "The IRM found no progress on any commitment."), "params": {}})
        cycles.append({"plan": cycle.plan, "ends_on": cycle.ends_on.isoformat(),
                       "late_after": late_after.isoformat(),
                       "contrary_to_process": bool(reasons),
                       "reasons": [{**r, "explanation": r["template"].format(**r["params"]),
                                    "params": {k: str(v) for k, v in r["params"].items()}}
                                   for r in reasons],
                       "support_unit_letters": [
                           {"date": x.date.isoformat(), "url": x.url, "ref": x.ref, "rule": "P2"}
                           for x in sorted(cycle.support_unit_letters, key=lambda x: x.date)],
                       "rule": "P1"})
    review = any(a["contrary_to_process"] and b["contrary_to_process"]
                 for a, b in zip(cycles, cycles[1:], strict=False))
    return {"cycles": cycles, "procedural_review": review, "rule": "P3"}
