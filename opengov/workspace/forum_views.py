"""The forum desk (F1–F7, I5, I6): the forum's rules and basis, its seats by constituency
and its meetings with agendas, minutes and attendance.

Every signed-in role reads the desk; the Point of Contact team writes it
(``forum/rules.py``). Seats are never deleted: a seat that ends is given its last day. Each
write goes through ``opengov.forum.services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from opengov.core.models import Constituency
from opengov.forum import registrations, services
from opengov.forum.models import Forum, Meeting, Registration, Seat, WorkingGroup
from opengov.repository.models import Document
from opengov.web.views import forum_or_404, member_or_404

from .access import new_or_stored, require
from .forum_forms import (
    AttendanceForm,
    ForumForm,
    MeetingForm,
    SeatEndForm,
    SeatForm,
    WorkingGroupForm,
)

MEETINGS_PER_PAGE = 25
LATEST_MEETINGS = 5  # on the desk; the meetings page has them all



def _forum(request):
    """The member and its forum, for a user who may read the desk."""
    member = member_or_404(request)
    forum = forum_or_404(member)
    require(request.user, "forum.view_forum", forum)
    return member, forum


def form_errors(form, error):
    """Put a service's ValidationError on the form: beside its field when the form has one,
    at the top otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _minutes_files():
    """Per meeting: how many minutes files it has (soft-deleted ones do not count)."""
    return Count("documents", filter=Q(documents__kind=Document.Kind.MINUTES,
                                       documents__deleted_at__isnull=True))


@login_required
@require_safe
def forum_desk(request):
    """The forum at a glance: its rules, current seats by constituency, past seats, the
    latest meetings."""
    member = member_or_404(request)
    forum = getattr(member, "forum", None)
    user = request.user
    if forum is None:
        require(user, "forum.view_forum", member)
        return render(request, "workspace/forum/desk.html", {
            "member": member, "forum": None,
            "can_create": user.has_perm("forum.add_forum", member)})
    require(user, "forum.view_forum", forum)
    today = timezone.localdate()
    current = {value: [] for value in Constituency.values}
    others = []
    for seat in forum.seats.select_related("organisation", "person").order_by(
            "organisation__name"):
        seat.can_change = user.has_perm("forum.change_seat", seat)
        (current[seat.constituency] if seat.is_current(today) else others).append(seat)
    others.sort(key=lambda seat: (seat.ends_on or seat.starts_on), reverse=True)
    meetings = list(registrations.meetings_with_counts(
        forum.meetings.annotate(minutes_files=_minutes_files()))
        .order_by("-starts_at", "-pk")[:LATEST_MEETINGS])
    for meeting in meetings:
        meeting.can_change = user.has_perm("forum.change_meeting", meeting)
    return render(request, "workspace/forum/desk.html", {
        "member": member, "forum": forum, "today": today,
        "constituencies": [(Constituency(value).label, current[value])
                           for value in Constituency.values],
        "balance": {value: len(current[value]) for value in Constituency.values},
        "other_seats": others, "meetings": meetings,
        "can_change": user.has_perm("forum.change_forum", forum),
        "can_add_seat": user.has_perm("forum.add_seat", forum),
        "can_add_meeting": user.has_perm("forum.add_meeting", forum),
        "working_groups": forum.working_groups.order_by("name"),
        "can_add_group": user.has_perm("forum.add_workinggroup", forum)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def forum_edit(request):
    """F1, F2, F7: the forum's name, legal basis, rules of participation and when they were
    published. Creates the forum when the member has none yet."""
    member = member_or_404(request)
    forum = getattr(member, "forum", None)
    if forum is None:
        require(request.user, "forum.add_forum", member)
        instance = Forum(member=member)
    else:
        require(request.user, "forum.change_forum", forum)
        instance = forum
    form = ForumForm.for_languages(member.document_languages)(request.POST or None,
                                                               instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.forum_save(actor=request.user, member=member, forum=forum,
                                values=form.values())
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The forum's rules and basis are saved; the public "
                                        "forum page shows them."))
            return redirect("workspace:forum_desk")
    return render(request, "workspace/forum/forum_edit.html", {
        "member": member, "forum": forum, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def seat_edit(request, pk=None):
    """F3–F5: add a seat to the forum (``pk`` None) or change one."""
    member, forum = _forum(request)
    seat = new_or_stored(request.user, Seat, Seat.objects.filter(forum=forum), pk, forum=forum)
    form = SeatForm.for_languages(member.document_languages)(
        request.POST or None, instance=seat, member=member,
        initial=None if pk else {"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_save(actor=request.user, forum=forum, seat=seat if pk else None,
                               values=form.values())
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The seat is saved."))
            return redirect("workspace:forum_desk")
    return render(request, "workspace/forum/seat_edit.html", {
        "member": member, "forum": forum, "seat": seat if pk else None, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def seat_end(request, pk):
    """End a seat on a given day. It stays in the forum's history: seats are never
    deleted."""
    member, forum = _forum(request)
    seat = get_object_or_404(Seat.objects.filter(forum=forum).select_related(
        "organisation", "person"), pk=pk)
    require(request.user, "forum.change_seat", seat)
    form = SeatEndForm(request.POST or None, initial={"ends_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_end(actor=request.user, seat=seat,
                              ends_on=form.cleaned_data["ends_on"])
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The seat ends on %(date)s; it stays in the forum's "
                                        "history.") % {"date": form.cleaned_data["ends_on"]})
            return redirect("workspace:forum_desk")
    return render(request, "workspace/forum/seat_end.html", {
        "member": member, "forum": forum, "seat": seat, "form": form})


@login_required
@require_safe
def meeting_list(request):
    """Every meeting of the forum, public or not, newest first, 25 a page."""
    member, forum = _forum(request)
    meetings = registrations.meetings_with_counts(
        Meeting.objects.filter(forum=forum).select_related("plan", "commitment")
        .annotate(minutes_files=_minutes_files())).order_by("-starts_at", "-pk")
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    for meeting in rows:
        meeting.can_change = request.user.has_perm("forum.change_meeting", meeting)
    return render(request, "workspace/forum/meetings.html", {
        "member": member, "forum": forum, "page": page, "meetings": rows,
        "can_add_meeting": request.user.has_perm("forum.add_meeting", forum)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request, pk=None):
    """F6, I5, I6: a meeting (``pk`` None for a new one) with its agenda, minutes as text
    and/or a file, attendance by constituency, and whether it is public."""
    member, forum = _forum(request)
    meeting = new_or_stored(request.user, Meeting, Meeting.objects.filter(forum=forum), pk,
                            forum=forum)
    langs = member.document_languages
    form = MeetingForm.for_languages(langs)(
        request.POST or None, request.FILES or None, instance=meeting, member=member,
        initial={"minutes_file_language": langs[0]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_save(
                actor=request.user, forum=forum, meeting=meeting if pk else None,
                values=form.values(), minutes_file=data["minutes_file"],
                minutes_file_title=data["minutes_file_title"],
                minutes_file_language=data["minutes_file_language"])
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("workspace:meeting_edit", pk=meeting.pk)
    documents = (meeting.documents.prefetch_related("versions").order_by("-date", "pk")
                 if pk else [])
    return render(request, "workspace/forum/meeting_edit.html", {
        "member": member, "forum": forum, "meeting": meeting if pk else None, "form": form,
        "documents": documents,
        "registrations": registrations.status_counts(meeting) if pk else None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_registrations(request, pk):
    """F6, I5: who registered (private: the Point of Contact team only), and who came."""
    member, forum = _forum(request)
    meeting = get_object_or_404(Meeting.objects.filter(forum=forum), pk=pk)
    require(request.user, "forum.change_meeting", meeting)
    Status = Registration.Status
    rows = list(meeting.registrations.exclude(status=Status.PENDING).order_by(
        "status", "confirmed_at", "pk"))
    present = [r for r in rows if r.status in (Status.REGISTERED, Status.WAITING)]
    form = AttendanceForm(request.POST or None, registrations=present,
                          initial={"attended": [r.pk for r in present if r.attended]})
    if request.method == "POST" and form.is_valid():
        registrations.attendance_save(actor=request.user, meeting=meeting,
                                      attended=form.cleaned_data["attended"],
                                      counts_too=form.cleaned_data["counts_too"])
        messages.success(request, _("Attendance is saved."))
        return redirect("workspace:meeting_registrations", pk=meeting.pk)
    return render(request, "workspace/forum/registrations.html", {
        "member": member, "forum": forum, "meeting": meeting, "rows": rows, "form": form,
        "counts": registrations.status_counts(meeting),
        "present": registrations.present_by_constituency(meeting),
        "places_left": registrations.places_left(meeting)})


@login_required
@require_safe
def working_groups(request):
    """CC7, I3: the forum's thematic working groups."""
    member, forum = _forum(request)
    groups = list(forum.working_groups.annotate(
        members=Count("seats", distinct=True),
        meeting_count=Count("meetings", distinct=True)).order_by("name"))
    for group in groups:
        group.can_change = request.user.has_perm("forum.change_workinggroup", group)
    return render(request, "workspace/forum/working_groups.html", {
        "member": member, "forum": forum, "groups": groups,
        "can_add_group": request.user.has_perm("forum.add_workinggroup", forum)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def working_group_edit(request, pk=None):
    member, forum = _forum(request)
    group = new_or_stored(request.user, WorkingGroup, WorkingGroup.objects.filter(forum=forum),
                          pk, forum=forum)
    form = WorkingGroupForm.for_languages(member.document_languages)(
        request.POST or None, instance=group, forum=forum,
        initial=None if pk else {"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.working_group_save(actor=request.user, forum=forum,
                                        group=group if pk else None, values=form.values(),
                                        seats=form.cleaned_data["seats"])
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The working group is saved."))
            return redirect("workspace:working_groups")
    return render(request, "workspace/forum/working_group_edit.html", {
        "member": member, "forum": forum, "group": group if pk else None, "form": form})
