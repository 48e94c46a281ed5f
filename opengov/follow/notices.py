"""What followers are told of, found from the records themselves.

``collect`` looks at what became public in the last few days (an update published, a plan
version delivered, a consultation opening or closing soon, a meeting announced, minutes
published, a self-assessment opened for comment) and records a ``Notice`` for each, keyed
on the record: it can run as often as wanted (after each publishing action, and hourly from
``send_follow_alerts``) and never tells the same thing twice. Looking back a few days only
keeps each run small and never sends old news to new followers.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .models import Notice

LOOK_BACK_DAYS = 2
CLOSING_SOON_DAYS = 3


def _found(today):
    """``(key, kind, record, member, plan, commitment, process)`` of what is new."""
    from opengov.cocreation.models import InputMechanism
    from opengov.forum.models import Meeting
    from opengov.plans.models import PlanVersion
    from opengov.reports.models import SelfAssessment
    from opengov.tracking.models import ProgressUpdate

    since = today - timedelta(days=LOOK_BACK_DAYS)
    now = timezone.now()
    for update in (ProgressUpdate.objects.public().filter(published_on__gte=since)
                   .select_related("commitment__plan")):
        plan = update.commitment.plan
        yield (f"update:{update.pk}", Notice.Kind.UPDATE, update, plan.member_id, plan.pk,
               update.commitment_id, None)
    for version in (PlanVersion.objects.filter(delivered_on__gte=since, delivered_on__lte=today,
                                               plan__is_public=True)
                    .select_related("plan")):
        yield (f"version:{version.pk}", Notice.Kind.VERSION, version, version.plan.member_id,
               version.plan_id, None, None)
    mechanisms = (InputMechanism.objects.public().select_related("process__plan")
                  .defer("draft").filter(closes_on__gte=today))
    for mechanism in mechanisms.filter(opens_on__gte=since, opens_on__lte=today):
        process = mechanism.process
        yield (f"opens:{mechanism.pk}", Notice.Kind.OPENS, mechanism, process.plan.member_id,
               process.plan_id, None, process.pk)
    for mechanism in mechanisms.filter(closes_on__lte=today + timedelta(days=CLOSING_SOON_DAYS),
                                       opens_on__lt=today):
        process = mechanism.process
        yield (f"closing:{mechanism.pk}", Notice.Kind.CLOSING, mechanism,
               process.plan.member_id, process.plan_id, None, process.pk)
    meetings = Meeting.objects.public().select_related("forum")
    for meeting in meetings.filter(created_at__gte=now - timedelta(days=LOOK_BACK_DAYS),
                                   starts_at__gte=now):
        yield (f"meeting:{meeting.pk}", Notice.Kind.MEETING, meeting, meeting.forum.member_id,
               meeting.plan_id, meeting.commitment_id, None)
    for meeting in meetings.filter(minutes_published_on__gte=since,
                                   minutes_published_on__lte=today):
        yield (f"minutes:{meeting.pk}", Notice.Kind.MINUTES, meeting, meeting.forum.member_id,
               meeting.plan_id, meeting.commitment_id, None)
    for assessment in (SelfAssessment.objects.public()
                       .filter(comments_open_on__gte=since, comments_open_on__lte=today,
                               comments_close_on__gte=today).select_related("plan")):
        yield (f"comments:{assessment.pk}", Notice.Kind.COMMENTS, assessment,
               assessment.plan.member_id, assessment.plan_id, None, None)


def collect(today=None) -> list[Notice]:
    """Record a notice for each new thing; the new notices, oldest first."""
    today = today or timezone.localdate()
    known = set(Notice.objects.filter(created_at__gte=timezone.now() - timedelta(
        days=LOOK_BACK_DAYS + CLOSING_SOON_DAYS + 2)).values_list("key", flat=True))
    made = []
    for key, kind, record, member, plan, commitment, process in _found(today):
        if key in known:
            continue
        known.add(key)
        try:
            with transaction.atomic():  # two runs at once: the second one finds it there
                made.append(Notice.objects.create(
                    key=key, kind=kind, object_id=record.pk, member_id=member, plan_id=plan,
                    commitment_id=commitment, process_id=process))
        except IntegrityError:
            continue
    return made


def _record(notice):
    from opengov.cocreation.models import InputMechanism
    from opengov.forum.models import Meeting
    from opengov.plans.models import PlanVersion
    from opengov.reports.models import SelfAssessment
    from opengov.tracking.models import ProgressUpdate

    model = {Notice.Kind.UPDATE: ProgressUpdate, Notice.Kind.VERSION: PlanVersion,
             Notice.Kind.OPENS: InputMechanism, Notice.Kind.CLOSING: InputMechanism,
             Notice.Kind.MEETING: Meeting, Notice.Kind.MINUTES: Meeting,
             Notice.Kind.COMMENTS: SelfAssessment}[notice.kind]
    records = model.objects.public() if hasattr(model.objects, "public") else \
        model.objects.filter(plan__is_public=True)
    return records.filter(pk=notice.object_id).first()


def describe(notice, lang) -> tuple[str, str] | None:
    """``(what happened, path of the page that shows it)`` in ``lang``; None when the record
    is gone or no longer public (nothing is sent about it)."""
    record = _record(notice)
    if record is None:
        return None
    with translation.override(lang):
        date = lambda day: formats.date_format(day, "DATE_FORMAT")  # noqa: E731
        match notice.kind:
            case Notice.Kind.UPDATE:
                text = _("New progress on “%(commitment)s”: %(completion)s.") % {
                    "commitment": record.commitment, "completion":
                    record.get_completion_display()}
                path = reverse("tracking:update_detail", args=[record.pk])
            case Notice.Kind.VERSION:
                text = _("%(plan)s: a new version (%(kind)s) was delivered on %(date)s.") % {
                    "plan": record.plan, "kind": record.get_kind_display(),
                    "date": date(record.delivered_on)}
                path = record.plan.get_absolute_url()
            case Notice.Kind.OPENS:
                text = _("A consultation is open until %(date)s: %(title)s.") % {
                    "date": date(record.closes_on), "title": record.title}
                path = record.process.get_absolute_url()
            case Notice.Kind.CLOSING:
                text = _("Last days to take part: “%(title)s” closes on %(date)s.") % {
                    "date": date(record.closes_on), "title": record.title}
                path = record.process.get_absolute_url()
            case Notice.Kind.MEETING:
                text = _("Meeting announced: %(title)s, %(date)s.") % {
                    "title": record.title, "date": formats.date_format(
                        timezone.localtime(record.starts_at), "DATETIME_FORMAT")}
                path = record.get_absolute_url()
            case Notice.Kind.MINUTES:
                text = _("Minutes published: %(title)s.") % {"title": record.title}
                path = record.get_absolute_url()
            case _kind:
                text = _("The self-assessment of %(plan)s is open for comment until "
                         "%(date)s.") % {"plan": record.plan,
                                         "date": date(record.comments_close_on)}
                path = reverse("reports:self_assessment", args=[record.plan.slug, record.pk])
    return text, path
