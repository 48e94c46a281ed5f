"""Public pages to register for a meeting, confirm, cancel, add it to a calendar, and read
a working group (F6, I3, I5, CC7). No account, no password."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from opengov.core.documents import file_response
from opengov.web.views import forum_or_404, member_or_404

from . import registrations, selectors
from .calendar import meeting_calendar
from .forms import RegistrationForm
from .models import Registration, WorkingGroup

REQUESTS_PER_HOUR = "10/h"


@never_cache  # the places left change with every registration
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_register(request, pk):
    member = member_or_404(request)
    meeting = selectors.public_meeting(forum_or_404(member), pk)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and meeting.registration_is_open and form.is_valid():
        if is_ratelimited(request, group="register", key="ip", rate=REQUESTS_PER_HOUR,
                          method="POST", increment=True):
            form.add_error(None, _("Many requests were sent from your connection in the last "
                                   "hour. Please try again later."))
        else:
            try:
                # A form never shown (no signed start time) or filled by a robot mails nobody.
                if form.from_a_person:
                    registrations.register_start(
                        meeting=meeting, values=form.cleaned_data, language=get_language())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                # The same answer whether the address was registered already or not.
                messages.success(request, _(
                    "Almost done: we have sent a link to your e-mail. Open it to confirm your "
                    "place; nothing is reserved before."))
                return redirect(meeting.get_absolute_url() + "#messages")
    return render(request, "forum/register.html", {
        "member": member, "meeting": meeting, "form": form,
        "places_left": registrations.places_left(meeting)})


def _by_token(token):
    # A cancelled registration's links still say so; one erased after its meeting is gone.
    return get_object_or_404(
        Registration.objects.select_related("meeting__forum__member")
        .filter(Q(erased_at__isnull=True) | Q(status=Registration.Status.CANCELLED)),
        token=token, meeting__deleted_at__isnull=True)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_confirm(request, token):
    """A button, not the link itself: mail scanners open links, and must not take places."""
    registration = _by_token(token)
    error = ""
    if request.method == "POST":
        try:
            registration = registrations.register_confirm(registration=registration)
        except ValidationError as refused:
            error = " ".join(refused.messages)
    meeting = registration.meeting
    return render(request, "forum/registration.html", {
        "member": meeting.forum.member, "registration": registration, "meeting": meeting,
        "error": error, "action": "confirm", "places_left": registrations.places_left(meeting),
        "position": registrations.waiting_position(registration)})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request, token):
    registration = _by_token(token)
    meeting = registration.meeting
    if request.method == "POST":
        registration = registrations.register_cancel(registration=registration)
    return render(request, "forum/registration.html", {
        "member": meeting.forum.member, "registration": registration, "meeting": meeting,
        "action": "cancel"})


@require_safe
def meeting_ics(request, pk):
    """The public invitation: date, place, agenda and page; never the remote link."""
    member = member_or_404(request)
    meeting = selectors.public_meeting(forum_or_404(member), pk)
    return file_response(
        meeting_calendar(meeting, url=request.build_absolute_uri(meeting.get_absolute_url())),
        "text/calendar; charset=utf-8", f"meeting-{meeting.pk}.ics")


@require_safe
def working_group(request, pk):
    member = member_or_404(request)
    forum = forum_or_404(member)
    group = get_object_or_404(WorkingGroup.objects.public().filter(forum=forum)
                              .select_related("plan"), pk=pk)
    return render(request, "forum/working_group.html", {
        "member": member, "forum": forum, "group": group,
        "seats": group.seats.select_related("organisation", "person")
        .order_by("constituency", "organisation__name"),
        "meetings": selectors.public_meetings(forum).filter(working_group=group)})
