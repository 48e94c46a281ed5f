"""E-mail the Point of Contact team about requirements at risk and deadlines ahead, and the
agency editors of a commitment when its progress update is due or overdue (W3 f, CM6).

Each reminder has a key (plan, rule or deadline, date, kind); a key is e-mailed once,
whatever how often the command runs.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from opengov.core.roles import Role
from opengov.core.tasks import email_after_commit
from opengov.plans.models import ActionPlan
from opengov.rules.verdicts import Status

from .deadlines import plan_deadlines
from .models import SentReminder
from .services import plan_compliance

AHEAD = (30, 7)  # days before a deadline


@dataclass
class Reminder:
    key: str
    subject: str
    body: str
    to: list[str] | None = None  # None: the Point of Contact team


def agency_editors(organisation_id) -> list[str]:
    users = get_user_model().objects.filter(
        groups__name=Role.AGENCY_EDITOR.value, is_active=True,
        person__organisation_id=organisation_id)
    return sorted({u.email for u in users if u.email})


def update_reminders(plan: ActionPlan, today) -> list[Reminder]:
    """W3 (f), CM6: tell a commitment's agency editors when its update is due or overdue."""
    from opengov.tracking.selectors import progress

    found = []
    for row in progress(plan.commitments.all(), today=today):
        if not (row.stale or row.due_soon):
            continue
        to = agency_editors(row.commitment.lead_agency_id)
        if not to:
            continue
        due = formats.date_format(row.due.due, "DATE_FORMAT") if row.due.due else "-"
        state = "overdue" if row.stale else "due"
        found.append(Reminder(
            f"{row.commitment.pk}:update:{state}:{row.due.due}",
            (_("Progress update overdue: %(commitment)s") if row.stale
             else _("Progress update due by %(date)s: %(commitment)s")) % {
                "commitment": row.commitment, "date": due},
            _("The next progress update on “%(commitment)s” is due by %(date)s (rule "
              "%(rule)s). Post it, with its evidence, from your workspace: %(url)s") % {
                "commitment": row.commitment, "date": due, "rule": row.due.rule,
                "url": settings.SITE_URL.rstrip("/") + reverse(
                    "workspace:commitment", args=[row.commitment.pk])},
            to))
    return found


def recipients(member) -> list[str]:
    users = get_user_model().objects.filter(groups__name=Role.POC_TEAM.value, is_active=True)
    emails = {u.email for u in users if u.email}
    if member.point_of_contact and member.point_of_contact.email:
        emails.add(member.point_of_contact.email)
    return sorted(emails)


def reminders_for(plan: ActionPlan, today) -> list[Reminder]:
    compliance = plan_compliance(plan, today=today)
    found = []
    for row in compliance.rows:
        verdict = row.verdict
        if verdict.status is Status.AT_RISK:
            due = verdict.due.isoformat() if verdict.due else "-"
            found.append(Reminder(
                f"{plan.pk}:at-risk:{verdict.rule}:{verdict.scope}:{due}",
                _("At risk: %(name)s (%(rule)s)") % {"name": row.name, "rule": verdict.rule},
                f"{row.explanation}\n\n{row.next_step}",
            ))
    for deadline in plan_deadlines(compliance):
        days = (deadline.date - today).days
        for ahead in AHEAD:
            # The 30-day reminder covers 8-30 days ahead; the 7-day one, 0-7 days.
            if (ahead == 7 and 0 <= days <= 7) or (ahead == 30 and 7 < days <= 30):
                found.append(Reminder(
                    f"{deadline.key}:{ahead}",
                    _("In %(days)s days: %(label)s") % {"days": days, "label": deadline.label},
                    _("%(label)s on %(date)s (rule %(rule)s), for %(plan)s.") % {
                        "label": deadline.label, "rule": deadline.rule, "plan": plan.title,
                        "date": formats.date_format(deadline.date, "DATE_FORMAT")},
                ))
    return found


def send_reminders(*, today, dry_run=False) -> list[Reminder]:
    """Send what has not been sent yet; return what was (or, with dry_run, would be) sent."""
    sent = []
    plans = ActionPlan.objects.exclude(status=ActionPlan.Status.COMPLETED).select_related(
        "member__point_of_contact")
    for plan in plans:
        member = plan.member
        language = (member.administrative_languages or [settings.LANGUAGE_CODE])[0]
        with translation.override(language):
            to = recipients(member)
            for reminder in [*reminders_for(plan, today), *update_reminders(plan, today)]:
                if SentReminder.objects.filter(key=reminder.key).exists():
                    continue
                to_this = reminder.to or to
                if not to_this:
                    continue
                if dry_run:
                    sent.append(reminder)
                    continue
                try:
                    with transaction.atomic():
                        SentReminder.objects.create(key=reminder.key, subject=reminder.subject,
                                                    recipients=", ".join(to_this))
                        email_after_commit(f"[OGP] {reminder.subject}", reminder.body,
                                           to_this)
                except IntegrityError:
                    continue  # sent meanwhile by another run
                sent.append(reminder)
    return sent
