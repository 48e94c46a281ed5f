"""Writes on the forum: its rules and basis (F1, F2, F7), its seats (F3–F5) and its meetings
with their agendas, minutes and attendance (F6, I5, I6).

Each function is one transaction that checks the actor's permission first and logs what it
did last (``opengov.core.activity``). The Point of Contact team writes the forum
(``forum/rules.py``); a new seat or meeting is asked about the forum it joins. Seats are
never deleted: a seat that ends keeps its place in the forum's history (``seat_end``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from opengov.core.activity import authorise, record
from opengov.core.models import Activity
from opengov.core.writes import assign, for_save
from opengov.follow.tasks import news_after_commit
from opengov.repository import services as repository
from opengov.repository.models import Document

from . import registrations
from .models import Forum, Meeting, Seat, WorkingGroup

# What the desk may set on each record; a translated field may also be set per language
# (``rules_of_participation_fr``...).
FORUM_FIELDS = ("name", "legal_basis_kind", "legal_basis", "mandate", "rules_of_participation",
                "membership_rules", "meeting_frequency", "decision_making",
                "rules_published_on")
SEAT_FIELDS = ("organisation", "person", "constituency", "role", "starts_on", "ends_on",
               "selection", "selection_note", "inclusion_groups")
MEETING_FIELDS = ("kind", "title", "starts_at", "format", "place", "is_public", "agenda",
                  "minutes", "minutes_published_on", "plan", "commitment",
                  "attendance_government", "attendance_civil_society", "attendance_other",
                  "duration_minutes", "working_group", "registration_open", "capacity",
                  "remote_link")
GROUP_FIELDS = ("name", "remit", "plan", "other_participants", "is_public", "starts_on",
                "ends_on")



@transaction.atomic
def forum_save(*, actor, member, forum=None, values) -> Forum:
    """Create the member's forum (``forum`` None) or change its rules, basis and dates."""
    if forum is None or forum.pk is None:
        authorise(actor, "forum.add_forum", member)
        forum = Forum(member=member)
        new = True
    else:
        if forum.member_id != member.pk:
            raise ValidationError(_("This forum belongs to another member."))
        forum = Forum.objects.select_for_update().get(pk=forum.pk)
        authorise(actor, "forum.change_forum", forum)
        new = False
    changed = ", ".join(assign(forum, values, FORUM_FIELDS))
    summary = _("Forum created") if new else changed
    forum.full_clean()
    forum.save()
    record(actor=actor, kind=Activity.Kind.FORUM_CHANGED, target=forum, summary=summary)
    return forum


def _check_seat(seat):
    member_id = seat.forum.member_id
    errors = {}
    if seat.organisation_id and seat.organisation.member_id != member_id:
        errors["organisation"] = _("Choose an organisation of this member.")
    if seat.person_id and seat.person.organisation_id != seat.organisation_id:
        errors["person"] = _("The representative must work for the seat's organisation.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def seat_save(*, actor, forum, seat=None, values) -> Seat:
    """Add a seat to ``forum`` (``seat`` None) or change ``seat``.

    A change is made on the stored row (locked), whatever ``seat`` holds in memory.
    """
    seat, new = for_save(actor=actor, model=Seat, obj=seat, parent_field="forum", parent=forum,
                         elsewhere=_("This seat belongs to another forum."))
    changed = ", ".join(assign(seat, values, SEAT_FIELDS))
    summary = _("Seat added") if new else changed
    seat.full_clean()
    _check_seat(seat)
    seat.save()
    record(actor=actor, kind=Activity.Kind.FORUM_CHANGED, target=seat, summary=summary)
    return seat


@transaction.atomic
def seat_end(*, actor, seat, ends_on=None) -> Seat:
    """End a seat on ``ends_on`` (today by default). The seat is kept, as history (F3)."""
    authorise(actor, "forum.change_seat", seat)
    ends_on = ends_on or timezone.localdate()
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if ends_on < seat.starts_on:
        raise ValidationError({"ends_on": _("A seat cannot end before it starts.")})
    if seat.ends_on is not None and seat.ends_on <= ends_on:
        raise ValidationError({"ends_on": _("This seat already ends on %(date)s.")
                               % {"date": seat.ends_on.isoformat()}})
    seat.ends_on = ends_on
    seat.save(update_fields=["ends_on", "updated_at"])
    record(actor=actor, kind=Activity.Kind.FORUM_CHANGED, target=seat,
           summary=_("Seat ended on %(date)s") % {"date": ends_on.isoformat()})
    return seat


def _check_meeting(meeting):
    member_id = meeting.forum.member_id
    errors = {}
    if meeting.plan_id and meeting.plan.member_id != member_id:
        errors["plan"] = _("Choose an action plan of this member.")
    if meeting.commitment_id:
        if meeting.commitment.plan.member_id != member_id:
            errors["commitment"] = _("Choose a commitment of this member.")
        elif meeting.plan_id and meeting.commitment.plan_id != meeting.plan_id:
            errors["commitment"] = _("The commitment must belong to the meeting's action plan.")
    if meeting.working_group_id and meeting.working_group.forum_id != meeting.forum_id:
        errors["working_group"] = _("Choose a working group of this forum.")
    if meeting.remote_link and not meeting.takes_remote_participants:
        errors["remote_link"] = _("An in-person meeting has no link to join online: choose "
                                  "the online or hybrid format, or leave the link empty.")
    if meeting.registration_open and not meeting.is_public:
        errors["registration_open"] = _("Only public meetings take registrations.")
    held_on = timezone.localtime(meeting.starts_at).date() if meeting.starts_at else None
    if meeting.minutes_published_on and held_on and meeting.minutes_published_on < held_on:
        errors["minutes_published_on"] = _(
            "Minutes are published after the meeting: it is held on %(date)s.") % {
            "date": formats.date_format(held_on, "DATE_FORMAT")}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_save(*, actor, forum, meeting=None, values, minutes_file=None,
                 minutes_file_title="", minutes_file_language="") -> Meeting:
    """Add a meeting to ``forum`` (``meeting`` None) or change ``meeting``.

    ``minutes_file``, if given, is filed in the repository as the meeting's minutes
    (``document_add``, which refuses a file that is not what its name says: the error is
    then keyed ``minutes_file`` and nothing is saved). The minutes
    files of the meeting are public exactly when ``Meeting.minutes_are_public``: saving the meeting
    brings the earlier ones into line too.
    """
    meeting, new = for_save(actor=actor, model=Meeting, obj=meeting, parent_field="forum",
                            parent=forum,
                            elsewhere=_("This meeting belongs to another forum."))
    old_link = meeting.remote_link
    changed = ", ".join(assign(meeting, values, MEETING_FIELDS))
    summary = _("Meeting added") if new else changed
    meeting.full_clean()
    _check_meeting(meeting)
    meeting.save()
    registrations.after_meeting_saved(meeting, link_changed=bool(
        not new and old_link and meeting.remote_link != old_link))
    public = meeting.minutes_are_public
    for document in meeting.documents.filter(kind=Document.Kind.MINUTES).exclude(
            is_public=public):
        repository.document_change(actor=actor, document=document, is_public=public)
    if minutes_file is not None:
        try:
            repository.document_add(
                actor=actor, member=forum.member, upload=minutes_file,
                kind=Document.Kind.MINUTES, title=minutes_file_title
                or _("Minutes: %(meeting)s") % {"meeting": meeting.title},
                language=minutes_file_language, date=meeting.minutes_published_on,
                meeting=meeting, plan=meeting.plan, is_public=public)
        except ValidationError as error:  # the file is refused: say so beside it
            raise ValidationError({"minutes_file": error.messages}) from error
        summary = ", ".join(filter(None, [summary, _("minutes file")]))
    record(actor=actor, kind=Activity.Kind.MEETING_SAVED, target=meeting, summary=summary)
    news_after_commit()  # a meeting announced, or its minutes published today
    return meeting


def _check_group(group, seats):
    member_id = group.forum.member_id
    errors = {}
    if group.plan_id and group.plan.member_id != member_id:
        errors["plan"] = _("Choose an action plan of this member.")
    if any(seat.forum_id != group.forum_id for seat in seats):
        errors["seats"] = _("Choose members among this forum's seats.")
    if group.ends_on and group.ends_on < group.starts_on:
        errors["ends_on"] = _("A working group cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def working_group_save(*, actor, forum, group=None, values, seats=()) -> WorkingGroup:
    """Add a thematic working group to ``forum`` (CC7, I3), or change one: its remit, its
    members among the forum's seats, and whom it invites."""
    group, new = for_save(actor=actor, model=WorkingGroup, obj=group, parent_field="forum",
                          parent=forum,
                          elsewhere=_("This working group belongs to another forum."))
    changed = ", ".join(assign(group, values, GROUP_FIELDS))
    seats = list(seats)
    group.full_clean()
    _check_group(group, seats)
    group.save()
    before = set(group.seats.values_list("pk", flat=True))
    if before != {seat.pk for seat in seats}:
        group.seats.set(seats)
        changed = ", ".join(filter(None, [changed, _("members")]))
    record(actor=actor, kind=Activity.Kind.FORUM_CHANGED, target=group,
           summary=_("Working group added") if new else changed)
    return group
