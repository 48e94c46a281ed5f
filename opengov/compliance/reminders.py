"""E-mail the Point of Contact team about requirements at risk and deadlines ahead.

Each reminder has a key (plan, rule or deadline, date, kind); a key is e-mailed once,
whatever how often the command runs.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from opengov.core.roles import Role
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
            if not to:
                continue
            for reminder in reminders_for(plan, today):
                if SentReminder.objects.filter(key=reminder.key).exists():
                    continue
                if dry_run:
                    sent.append(reminder)
                    continue
                try:
                    with transaction.atomic():
                        SentReminder.objects.create(key=reminder.key, subject=reminder.subject,
                                                    recipients=", ".join(to))
                        send_mail(f"[OGP] {reminder.subject}", reminder.body,
                                  settings.DEFAULT_FROM_EMAIL, to)
                except IntegrityError:
                    continue  # sent meanwhile by another run
                sent.append(reminder)
    return sent
