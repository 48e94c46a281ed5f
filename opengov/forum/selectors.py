from django.db.models import Prefetch
from django.utils import timezone

from opengov.core.models import Constituency
from opengov.repository.models import Document

from .models import Meeting, Seat, WorkingGroup


def current_seats(forum, on=None):
    """The forum's seats held on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return Seat.objects.filter(forum=forum, starts_on__lte=on).exclude(ends_on__lt=on)


def current_seats_by_constituency(forum, on=None):
    """Current seats grouped in constituency order: [(label, [seats])]."""
    seats = current_seats(forum, on).select_related("organisation", "person").order_by(
        "organisation__name")
    groups = {value: [] for value in Constituency.values}
    for seat in seats:
        groups[seat.constituency].append(seat)
    return [(Constituency(value).label, groups[value]) for value in Constituency.values]


def public_meetings(forum):
    return Meeting.objects.public().filter(forum=forum).order_by("-starts_at")


def public_meetings_with_minutes(forum):
    """The forum's public meetings, newest first, each with ``minutes_files``: its public
    minutes documents, read in one more query. Link them only when
    ``Meeting.minutes_are_public``."""
    files = Document.objects.public().filter(kind=Document.Kind.MINUTES).order_by("date", "pk")
    return public_meetings(forum).prefetch_related(
        Prefetch("documents", queryset=files, to_attr="minutes_files"))


def public_meeting(forum, pk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        public_meetings(forum).select_related("plan", "commitment").prefetch_related(
            Prefetch("documents", queryset=Document.objects.public())
        ),
        pk=pk,
    )


def upcoming_public_meetings(member, limit=3):
    forum = getattr(member, "forum", None)
    if forum is None:
        return Meeting.objects.none()
    return public_meetings(forum).filter(starts_at__gte=timezone.now()).order_by("starts_at")[
        :limit
    ]


def public_working_groups(forum):
    return WorkingGroup.objects.public().filter(forum=forum).order_by("name")
