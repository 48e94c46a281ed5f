"""Links from a verdict to the records it rests on (meetings, documents, pages).

The public page shows public evidence only; the dashboard also links private records to
the back office, where the viewer's permissions apply.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from opengov.forum.models import Meeting
from opengov.repository.models import Document, DocumentVersion

MEETING_KINDS = {"F1": ["forum"], "I5": ["implementation_review"], "I6": ["high_level"]}
COCREATION_RULES = {"CC3", "CC4", "CC5", "CC9"}


@dataclass
class Evidence:
    label: str
    url: str
    public: bool
    detail: str = ""


def _meeting_detail(meeting) -> str:
    """F1, I5: what the meeting left behind — its minutes and who came, by constituency."""
    if meeting.minutes_are_public:
        minutes = _("minutes published on %(date)s") % {
            "date": formats.date_format(meeting.minutes_published_on, "SHORT_DATE_FORMAT")}
    else:
        minutes = _("minutes not published")
    if meeting.attendance_total is None:
        attendance = _("attendance not recorded")
    else:
        attendance = _("%(g)s from government, %(c)s from civil society, %(o)s others") % {
            "g": meeting.attendance_government or 0, "c": meeting.attendance_civil_society or 0,
            "o": meeting.attendance_other or 0}
    return f"{minutes}; {attendance}"


def _meeting_evidence(plan, verdict, public_only):
    dates = set(verdict.facts.get("dates") or [])
    meetings = Meeting.objects.filter(forum__member=plan.member,
                                      kind__in=MEETING_KINDS[verdict.rule])
    # Whether the public may open it: the meeting and the plan it belongs to are public.
    shown = Exists(Meeting.objects.public().filter(pk=OuterRef("pk")))
    found = []
    # Only what the link shows: the minutes and agendas stay in the database.
    for meeting in meetings.only(
            "pk", "title", "starts_at", "is_public", "minutes_published_on",
            "attendance_government", "attendance_civil_society", "attendance_other").annotate(
            shown=shown).order_by("-starts_at"):
        if len(found) == 6:
            break
        if meeting.starts_at.date() not in dates:
            continue
        label = f"{meeting.title} ({formats.date_format(meeting.starts_at, 'SHORT_DATE_FORMAT')})"
        detail = _meeting_detail(meeting)
        if meeting.shown:
            found.append(Evidence(label, meeting.get_absolute_url(), True, detail))
        elif not public_only:
            found.append(Evidence(label, reverse("workspace:meeting_edit", args=[meeting.pk]),
                                  False, detail))
    return found


def _document_evidence(plan, verdict):
    public = Document.objects.public().filter(member=plan.member)
    versions = (DocumentVersion.objects.filter(document__in=public)
                .select_related("document").defer("text")  # not the words of each file
                .order_by("-uploaded_at")[:5])
    return [Evidence(v.document.title, v.document.get_absolute_url(), True) for v in versions]


def _commitment_evidence(plan, verdict):
    statuses = verdict.facts.get("commitments") or {}
    concerned = [number for number, info in statuses.items()
                 if info["status"] == verdict.status.value]
    commitments = plan.commitments.filter(number__in=concerned).order_by("number")
    return [Evidence(str(c), c.get_absolute_url(), True) for c in commitments[:8]]


def evidence_for(plan, verdict, *, public_only: bool) -> list[Evidence]:
    rule = verdict.rule
    if rule in MEETING_KINDS:
        return _meeting_evidence(plan, verdict, public_only)
    if rule == "R1":
        return _document_evidence(plan, verdict)
    if rule in COCREATION_RULES:
        return [Evidence(str(plan.title), reverse("web:cocreation", args=[plan.slug]), True)]
    if rule in {"W3", "CM6"}:
        return _commitment_evidence(plan, verdict)
    if rule == "W1":
        return [Evidence(str(plan.member), reverse("web:home"), True)]
    return []
