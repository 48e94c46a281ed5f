"""Upcoming dates of a plan, all from the rules engine (and the meetings already scheduled);
the public calendar adds the openings and closings of consultations, grouped by plan."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from opengov.cocreation.models import InputMechanism
from opengov.forum.models import Meeting
from opengov.plans import selectors as plan_selectors
from opengov.plans.models import ActionPlan, Commitment
from opengov.rules import registry
from opengov.rules.verdicts import Status

from .services import Compliance, plan_compliance, rule_name

IRM_LABELS = {
    "cocreation_brief": _("IRM co-creation brief expected"),
    "action_plan_review": _("IRM action plan review expected"),
    "implementation_check": _("IRM implementation check expected"),
    "results_report": _("IRM results report expected"),
}


@dataclass(frozen=True)
class Deadline:
    key: str
    date: date
    label: str
    rule: str
    url: str = ""

    @property
    def rule_name(self) -> str:
        """The rule's plain name in the reader's language, from the registry."""
        return rule_name(self.rule)


def plan_deadlines(compliance: Compliance, *, include_past=False,
                   meetings=True) -> list[Deadline]:
    """The plan's upcoming dates (also the past ones with ``include_past``), soonest first;
    with the forum's scheduled public meetings unless ``meetings`` is false."""
    plan, cal, today = compliance.plan, compliance.calendar, compliance.today
    items = []
    commitment_urls = None  # number → public page, read once, when an update is due

    def add(key, day, label, rule, url=""):
        if day is not None and (include_past or day >= today):
            items.append(Deadline(f"{plan.pk}:{key}:{day.isoformat()}", day, str(label), rule,
                                  url))

    if plan.delivered_on is None:
        add("window-opens", cal.window.first, _("Delivery window opens"), cal.window.rule)
        add("window-closes", cal.window.last, _("Last day to deliver the plan"), cal.window.rule)
    else:
        add("amendments", cal.amendment_deadline, _("Last day for amendments"), "C7")
    if cal.refresh_mark:
        add("refresh-mark", cal.refresh_mark, _("Four-year refresh begins"), "C8")
        add("refresh-deadline", cal.refresh_deadline, _("Refreshed plan due"), "C8")
    add("ends", cal.ends_on, _("Plan ends"), "C2")
    add("late-after", cal.next_plan_late_after, _("Next plan late after this day"), "C9")
    add("next-cocreation", cal.next_cocreation_from, _g(registry.get("C11").due_label), "C11")
    for product in cal.irm_products(plan.delivered_on):
        day = date.fromisoformat(product.get("expected_by") or product["expected_after"])
        add(f"irm-{product['product']}", day, IRM_LABELS[product["product"]], "C10")
    for row in compliance.rows:
        verdict = row.verdict
        rule = registry.get(verdict.rule)
        if rule and rule.due_label and verdict.due and verdict.status != Status.NOT_MET:
            add(f"due-{verdict.rule}-{verdict.scope}", verdict.due, _g(rule.due_label),
                verdict.rule)
        if verdict.rule in {"W3", "CM6"}:
            for number, info in (verdict.facts.get("commitments") or {}).items():
                if info["due"] and info["status"] != Status.NOT_MET:
                    if commitment_urls is None:
                        commitment_urls = _commitment_urls(plan)
                    label = _("Update due on commitment %(number)s") % {"number": number}
                    add(f"update-{verdict.rule}-{number}", info["due"], label, verdict.rule,
                        commitment_urls.get(number, ""))
    forum = getattr(plan.member, "forum", None)
    if meetings and forum is not None:
        items += [_meeting_deadline(meeting, prefix=f"{plan.pk}:")
                  for meeting in upcoming_meetings(forum, today)]
    return sorted(items, key=lambda d: (d.date, d.rule))


def _commitment_urls(plan) -> dict[str, str]:
    """The public page of each public commitment of ``plan``, by number as the rules name
    them ("3"); none for a plan that is not public. One query."""
    return {str(number): reverse("web:commitment_detail", args=[plan.slug, slug])
            for number, slug in Commitment.objects.public().filter(plan=plan)
            .values_list("number", "slug")}


def upcoming_meetings(forum, today):
    return (Meeting.objects.public().filter(forum=forum, starts_at__date__gte=today)
            .select_related("commitment").order_by("starts_at", "pk"))


def _meeting_deadline(meeting, prefix=""):
    return Deadline(f"{prefix}meeting-{meeting.pk}", meeting.starts_at.date(),
                    str(meeting.title), "F1", meeting.get_absolute_url())


# -- the public calendar ---------------------------------------------------------------------

def consultation_deadlines(plans, today) -> dict[int, list[Deadline]]:
    """The openings and closings of the public consultations (CC5: the ways to send inputs)
    of ``plans`` from ``today`` on, by plan pk, each linked to its process on the plan's
    co-creation page. One row per process and day: when the ways to take part of a process
    open or close on different days, each row names those concerned. One query."""
    mechanisms = (InputMechanism.objects.public()
                  .filter(process__plan__in=plans, closes_on__gte=today)
                  .select_related("process__plan").defer("draft")
                  .order_by("process", "opens_on", "pk"))
    days = {}  # (process, "opens"/"closes", day) → mechanisms
    periods = {}  # process → its mechanisms' distinct (opens_on, closes_on)
    for mechanism in mechanisms:
        process = mechanism.process
        periods.setdefault(process, set()).add((mechanism.opens_on, mechanism.closes_on))
        if mechanism.opens_on >= today:
            days.setdefault((process, "opens", mechanism.opens_on), []).append(mechanism)
        days.setdefault((process, "closes", mechanism.closes_on), []).append(mechanism)
    labels = {"opens": _("Consultation opens: %(process)s"),
              "closes": _("Consultation closes: %(process)s")}
    found = {}
    for (process, what, day), concerned in days.items():
        label = labels[what] % {"process": process.title}
        if len(periods[process]) > 1:  # not every way to take part: say which
            label = f"{label} — {', '.join(m.title for m in concerned)}"
        plan = process.plan
        url = reverse("web:cocreation", args=[plan.slug]) + f"#process-{process.pk}"
        found.setdefault(plan.pk, []).append(Deadline(
            f"{plan.pk}:consultation-{what}-{process.pk}:{day.isoformat()}", day, label, "CC5",
            url))
    return found


@dataclass(frozen=True)
class CalendarGroup:
    """The upcoming dates of one plan, soonest first; ``plan`` None for the forum's
    meetings that belong to none of the plans shown."""

    plan: ActionPlan | None
    deadlines: list[Deadline]


def public_calendar(member, *, site_url="", today=None) -> list[CalendarGroup]:
    """The public deadline calendar: for each public plan not completed (newest first), its
    upcoming dates from the rules, the openings and closings of its consultations and the
    forum meetings held for it; then the forum's other meetings. A fixed number of queries
    per plan, whatever the number of dates."""
    today = today or timezone.localdate()
    plans = [p for p in plan_selectors.public_plans(member)
             if p.status != ActionPlan.Status.COMPLETED]
    by_plan = {plan.pk: plan_deadlines(plan_compliance(plan, today=today, site_url=site_url),
                                       meetings=False)
               for plan in plans}
    for plan_pk, consultations in consultation_deadlines(plans, today).items():
        by_plan[plan_pk] += consultations
    others = []
    forum = getattr(member, "forum", None)
    if forum is not None:
        for meeting in upcoming_meetings(forum, today):
            plan_pk = meeting.plan_id or (meeting.commitment.plan_id if meeting.commitment_id
                                          else None)
            if plan_pk in by_plan:
                by_plan[plan_pk].append(_meeting_deadline(meeting, prefix=f"{plan_pk}:"))
            else:
                others.append(_meeting_deadline(meeting))
    groups = [CalendarGroup(plan, sorted(by_plan[plan.pk], key=lambda d: (d.date, d.rule)))
              for plan in plans if by_plan[plan.pk]]
    if others:
        groups.append(CalendarGroup(None, others))
    return groups
