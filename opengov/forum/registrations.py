"""Registering for a public meeting without an account (F6, I5): places, a waiting list, the
remote link sent to registered people only, and attendance.

- **Confirmed addresses only.** Anyone can type anyone's address, so a registration takes a
  place only once the owner of the address has confirmed it from the message sent to it.
  Unconfirmed registrations are forgotten after ``CONFIRM_WITHIN``.
- **Places in order.** Confirmations and cancellations lock the meeting row, so two people
  never take the last place; when a place frees up, the first on the waiting list gets it
  and is told.
- **The remote link** is in no page, feed or export: it is e-mailed to registered people
  ``LINK_BEFORE`` the meeting (by ``send_meeting_mail``, hourly), or at once to those whose
  place is confirmed later, and again when the team changes it.
- **Personal data** (name, organisation, address, needs) is read by the Point of Contact team
  only, erased on cancellation, and erased ``KEPT_DAYS`` after the meeting; the constituency
  and attendance stay, as counts.

Messages are composed by tasks from the registration's number: no address or link is ever a
task's argument.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opengov.core.activity import authorise, record
from opengov.core.models import Activity, Constituency
from opengov.core.tasks import MailNotSent, after_commit, background

from .calendar import meeting_calendar
from .models import Meeting, Registration

CONFIRM_WITHIN = timedelta(days=2)
LINK_BEFORE = timedelta(hours=24)
KEPT_DAYS = 30
REGISTRATION_FIELDS = ("name", "organisation", "constituency", "email", "accessibility_needs")
PERSONAL_FIELDS = ("name", "organisation", "email", "accessibility_needs")
Status = Registration.Status


def places_left(meeting) -> int | None:
    """Places not taken yet (None: no limit)."""
    if meeting.capacity is None:
        return None
    taken = meeting.registrations.filter(status=Status.REGISTERED).count()
    return max(0, meeting.capacity - taken)


def waiting_position(registration) -> int | None:
    """Where ``registration`` stands on its meeting's waiting list (1 is next), or None."""
    if registration.status != Status.WAITING:
        return None
    return registration.meeting.registrations.filter(
        status=Status.WAITING, confirmed_at__lte=registration.confirmed_at).count()


def _locked(meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def register_start(*, meeting, values, language) -> Registration:
    """Ask for a place. Nothing is taken before the address's owner confirms from the
    message mailed now. Asking again with the same address changes nothing of a confirmed
    registration (its owner cancels and registers again to change it), and mails the link of
    an unconfirmed one at most once an hour."""
    meeting = _locked(meeting)
    if not meeting.registration_is_open:
        raise ValidationError(_("Registration for this meeting is closed."))
    email = values["email"].strip()
    registration = (meeting.registrations.filter(email__iexact=email)
                    .exclude(status=Status.CANCELLED).order_by("pk").first())
    if registration is not None:
        # Already asked (pending) or confirmed: what its owner typed stays; asking again only
        # mails the link of a pending one again.
        if registration.status == Status.PENDING:
            _mail_confirmation(registration)
        return registration
    registration = Registration(meeting=meeting)
    for field in REGISTRATION_FIELDS:
        setattr(registration, field, (values.get(field) or "").strip())
    registration.email = email
    registration.language = language
    registration.full_clean(exclude=["meeting", "token"])
    registration.save()
    _mail_confirmation(registration)
    return registration


def _mail_confirmation(registration):
    """At most once an hour per address and meeting (the key is a hash, never the address)."""
    key = "register-confirm:" + salted_hmac(
        "opengov.forum", f"{registration.email.lower()}|{registration.meeting_id}",
        algorithm="sha256").hexdigest()
    if cache.add(key, 1, timeout=3600):
        after_commit(send_registration_mail, registration.pk, "confirm")


@transaction.atomic
def register_confirm(*, registration) -> Registration:
    """The owner of the address confirmed: a place if one is left, else the waiting list.
    Confirming twice changes nothing; a cancelled registration stays cancelled."""
    meeting = _locked(registration.meeting)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status != Status.PENDING:
        return registration
    if not meeting.registration_is_open:
        raise ValidationError(_("Registration for this meeting is closed."))
    left = places_left(meeting)
    registration.status = Status.REGISTERED if left is None or left > 0 else Status.WAITING
    registration.confirmed_at = timezone.now()
    if registration.status == Status.REGISTERED and link_is_due(meeting):
        registration.link_sent_at = registration.confirmed_at  # it goes with the confirmation
    registration.save(update_fields=["status", "confirmed_at", "link_sent_at"])
    after_commit(send_registration_mail, registration.pk, registration.status)
    return registration


@transaction.atomic
def register_cancel(*, registration) -> Registration:
    """Cancel and forget the person at once. A place freed goes to the first on the waiting
    list."""
    meeting = _locked(registration.meeting)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return registration
    freed = registration.status == Status.REGISTERED
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    _erase(registration)
    registration.save()
    if freed:
        promote_waiting(meeting)
    return registration


def _erase(registration):
    for field in PERSONAL_FIELDS:
        setattr(registration, field, "")
    registration.erased_at = timezone.now()


def promote_waiting(meeting) -> int:
    """Give the places left, in order, to the people on the waiting list (the meeting row
    is locked by the caller). Each is told."""
    if meeting.starts_at <= timezone.now():
        return 0
    left = places_left(meeting)
    waiting = meeting.registrations.filter(status=Status.WAITING).order_by("confirmed_at", "pk")
    promoted = list(waiting if left is None else waiting[:left])
    for registration in promoted:
        registration.status = Status.REGISTERED
        if link_is_due(meeting):
            registration.link_sent_at = timezone.now()
        registration.save(update_fields=["status", "link_sent_at"])
        after_commit(send_registration_mail, registration.pk, "promoted")
    return len(promoted)


def link_is_due(meeting, now=None) -> bool:
    """Whether registered people get the remote link now: the meeting takes people online,
    has a link, and starts within ``LINK_BEFORE``."""
    now = now or timezone.now()
    return bool(meeting.is_public and meeting.takes_remote_participants and meeting.remote_link
                and now < meeting.starts_at <= now + LINK_BEFORE)


def after_meeting_saved(meeting, *, link_changed):
    """Called by ``meeting_save`` inside its transaction: more places go to the waiting list,
    and a changed remote link is sent again, at once when it is due, to those who had the
    old one."""
    promote_waiting(_locked(meeting))
    if link_changed:
        meeting.registrations.filter(status=Status.REGISTERED,
                                     link_sent_at__isnull=False).update(link_sent_at=None)
        transaction.on_commit(lambda: send_due_links(meeting=meeting))


@transaction.atomic
def attendance_save(*, actor, meeting, attended, counts_too=False) -> Meeting:
    """Mark who came among the confirmed registrations (``attended``: their numbers). With
    ``counts_too``, the meeting's attendance by constituency (F1, I5) becomes the count of
    those marked present; otherwise the counts typed on the meeting stay."""
    authorise(actor, "forum.change_meeting", meeting)
    meeting = _locked(meeting)
    confirmed = meeting.registrations.filter(status__in=[Status.REGISTERED, Status.WAITING])
    attended = {int(pk) for pk in attended}
    confirmed.filter(pk__in=attended).update(attended=True)
    confirmed.exclude(pk__in=attended).update(attended=False)
    summary = _("Attendance recorded from registrations")
    if counts_too:
        counts = present_by_constituency(meeting)
        meeting.attendance_government = counts[Constituency.GOVERNMENT]
        meeting.attendance_civil_society = counts[Constituency.CIVIL_SOCIETY]
        meeting.attendance_other = counts[Constituency.OTHER]
        meeting.save(update_fields=["attendance_government", "attendance_civil_society",
                                    "attendance_other", "updated_at"])
    record(actor=actor, kind=Activity.Kind.MEETING_SAVED, target=meeting, summary=summary)
    return meeting


def present_by_constituency(meeting) -> dict:
    """People marked present, by constituency; those who gave none count as "other"."""
    rows = (meeting.registrations.filter(attended=True).values("constituency")
            .annotate(n=Count("pk")))
    counts = dict.fromkeys(Constituency.values, 0)
    for row in rows:
        counts[row["constituency"] or Constituency.OTHER] += row["n"]
    return counts


def status_counts(meeting) -> dict:
    """How many registrations are in each status, in one query."""
    counts = dict.fromkeys(Status.values, 0)
    for row in meeting.registrations.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


# -- hourly: links before the meeting, forgetting -------------------------------------------

def send_due_links(now=None, meeting=None) -> int:
    """E-mail the remote link to registered people of meetings starting within
    ``LINK_BEFORE`` who have not had it (or had an older link)."""
    now = now or timezone.now()
    due = Registration.objects.filter(**({"meeting": meeting} if meeting else {})).filter(
        status=Status.REGISTERED, link_sent_at__isnull=True,
        meeting__is_public=True, meeting__deleted_at__isnull=True, meeting__starts_at__gt=now,
        meeting__starts_at__lte=now + LINK_BEFORE,
        meeting__format__in=["online", "hybrid"]).exclude(meeting__remote_link="")
    numbers = list(due.values_list("pk", flat=True))
    Registration.objects.filter(pk__in=numbers).update(link_sent_at=now)
    for number in numbers:
        send_registration_mail.enqueue(number, "link")
    return len(numbers)


def forget_registrations(now=None) -> int:
    """Unconfirmed registrations are deleted after ``CONFIRM_WITHIN``; the personal data of
    the others is erased ``KEPT_DAYS`` after their meeting."""
    now = now or timezone.now()
    deleted, _kinds = Registration.objects.filter(
        status=Status.PENDING, created_at__lt=now - CONFIRM_WITHIN).delete()
    erased = Registration.objects.filter(
        erased_at__isnull=True,
        meeting__starts_at__lt=now - timedelta(days=KEPT_DAYS)).update(
        erased_at=now, **dict.fromkeys(PERSONAL_FIELDS, ""))
    return deleted + erased


# -- messages ---------------------------------------------------------------------------------

def link(registration, name):
    with translation.override(registration.language):
        return settings.SITE_URL.rstrip("/") + reverse(name, args=[registration.token])


def _when(meeting):
    return formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")


def _compose(registration, kind):
    """Subject, body and whether the invitation (with the link, when it is due) goes with it."""
    meeting = registration.meeting
    names = {"meeting": meeting.title, "date": _when(meeting)}
    page = settings.SITE_URL.rstrip("/") + meeting.get_absolute_url()
    cancel = _("Cannot come? Free your place for someone else: %(url)s") % {
        "url": link(registration, "web:registration_cancel")}
    place = (_("Place: %(place)s") % {"place": meeting.place}) if meeting.place else ""
    link_now = bool(meeting.remote_link and registration.link_sent_at)
    join = (_("To join online: %(link)s") % {"link": meeting.remote_link}) if link_now else (
        _("The link to join online will be e-mailed to you the day before.")
        if meeting.takes_remote_participants else "")
    if kind == "confirm":
        return (_("Confirm your registration for %(meeting)s") % names, "\n\n".join([
            _("Someone, probably you, asked to register for %(meeting)s on %(date)s.") % names,
            _("To confirm, open this link and press the button: %(url)s") % {
                "url": link(registration, "web:registration_confirm")},
            _("If it was not you, ignore this message: the request is forgotten in two "
              "days.")]), False, False)
    if kind == "waiting":
        position = waiting_position(registration)
        return (_("You are on the waiting list: %(meeting)s") % names, "\n\n".join([
            _("All places for %(meeting)s on %(date)s are taken. You are number %(n)s on the "
              "waiting list.") % {**names, "n": position},
            _("If a place frees up, it goes to the next person on the list, who is told by "
              "e-mail."),
            _("No longer interested? Leave the list: %(url)s") % {
                "url": link(registration, "web:registration_cancel")}, page]), False, False)
    if kind == "link":
        return (_("How to join %(meeting)s online") % names, "\n\n".join(filter(None, [
            _("%(meeting)s starts on %(date)s.") % names,
            _("To join online: %(link)s") % {"link": meeting.remote_link},
            _("This link is for you: please do not publish it."), cancel, page])), True, True)
    subject = (_("A place is free: you are registered for %(meeting)s") if kind == "promoted"
               else _("You are registered: %(meeting)s")) % names
    return subject, "\n\n".join(filter(None, [
        _("Your place for %(meeting)s on %(date)s is confirmed.") % names, place, join,
        _("The calendar invitation is attached."), cancel, page])), True, bool(link_now)


@background(label=gettext_lazy("Send a meeting registration message"))
def send_registration_mail(registration_id, kind):
    """``kind``: confirm, registered, waiting, promoted or link. Nothing is sent to a
    registration that was cancelled, erased or is no longer in the state told."""
    registration = (Registration.objects.select_related("meeting")
                    .filter(pk=registration_id, erased_at__isnull=True,
                            meeting__deleted_at__isnull=True).first())
    expected = {"confirm": Status.PENDING, "waiting": Status.WAITING}.get(
        kind, Status.REGISTERED)
    if registration is None or registration.status != expected:
        return
    meeting = registration.meeting
    with translation.override(registration.language):
        subject, body, invitation, with_link = _compose(registration, kind)
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL,
                               [registration.email],
                               headers={"Auto-Submitted": "auto-generated"})
        if invitation:
            message.attach("meeting.ics", meeting_calendar(
                meeting, url=settings.SITE_URL.rstrip("/") + meeting.get_absolute_url(),
                remote_link=meeting.remote_link if with_link else ""),
                "text/calendar")
    try:
        message.send()
    except Exception as error:
        raise MailNotSent(type(error).__name__) from None


def meetings_with_counts(meetings):
    """Annotate each meeting with how many are registered and waiting (one query)."""
    return meetings.annotate(
        registered=Count("registrations", filter=Q(registrations__status=Status.REGISTERED)),
        waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)))
