"""Upcoming dates of a plan, all from the rules engine (and the meetings already scheduled)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from opengov.forum.models import Meeting
from opengov.rules import registry
from opengov.rules.verdicts import Status

from .services import Compliance, rule_name

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


def plan_deadlines(compliance: Compliance, *, include_past=False) -> list[Deadline]:
    plan, cal, today = compliance.plan, compliance.calendar, compliance.today
    items = []

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
                    label = _("Update due on commitment %(number)s") % {"number": number}
                    add(f"update-{verdict.rule}-{number}", info["due"], label, verdict.rule)
    forum = getattr(plan.member, "forum", None)
    if forum is not None:
        for meeting in Meeting.objects.public().filter(
                forum=forum, starts_at__date__gte=today).order_by("starts_at"):
            items.append(Deadline(f"{plan.pk}:meeting-{meeting.pk}", meeting.starts_at.date(),
                                  str(meeting.title), "F1", meeting.get_absolute_url()))
    return sorted(items, key=lambda d: (d.date, d.rule))
