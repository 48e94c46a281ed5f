"""Public pages. Each view reads through a selector and renders; no account is needed.

Only published content reaches these pages: public plans, public meetings, published
updates and responses, consenting and moderated contributions, public documents. Private
fields (e-mails, phones) are never put in a template context.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from opengov.api import opendata
from opengov.cocreation import drafts as cocreation_drafts
from opengov.cocreation import selectors as cocreation_selectors
from opengov.cocreation.forms import ProcessFilterForm
from opengov.cocreation.models import PrioritisationRound, ReasonedResponse
from opengov.forum import selectors as forum_selectors
from opengov.members.selectors import member_for_request
from opengov.plans import selectors as plan_selectors
from opengov.reports import selectors as reports_selectors
from opengov.repository import downloads
from opengov.repository.models import Document, DocumentVersion
from opengov.tracking import charts
from opengov.tracking import selectors as tracking_selectors
from opengov.tracking.models import ProgressUpdate

from . import selectors as site_selectors


def member_or_404(request):
    member = member_for_request(request)
    if member is None:
        raise Http404("No OGP member is configured yet.")
    return member


def forum_or_404(member):
    forum = getattr(member, "forum", None)
    if forum is None:
        raise Http404("This member has no forum yet.")
    return forum


@require_safe
def home(request):
    member = member_for_request(request)
    context = {"member": member}
    if member is not None:
        plan = plan_selectors.current_plan(member)
        context.update(
            plan=plan,
            opportunities=cocreation_selectors.open_mechanisms(member),
            next_meetings=forum_selectors.upcoming_public_meetings(member),
        )
    return render(request, "web/home.html", context)


@require_safe
def plan_list(request):
    member = member_or_404(request)
    return render(
        request, "web/plan_list.html",
        {"member": member, "plans": plan_selectors.public_plans(member)},
    )


@require_safe
def plan_detail(request, slug):
    member = member_or_404(request)
    plan = plan_selectors.public_plan(member, slug)
    today = timezone.localdate()
    langs = member.document_languages
    shares = tracking_selectors.milestone_shares(plan.commitments.all())
    for commitment in plan.commitments.all():
        commitment.share = shares.get(commitment.pk)
    return render(request, "web/plan_detail.html", {
        "member": member, "plan": plan,
        "share": tracking_selectors.plan_share(shares.values()),
        "phases": plan_selectors.plan_phases(plan, today),
        "content_language": get_language() if get_language() in langs else langs[0],
        "self_assessments": plan.self_assessments.public(),
        # CC10: published prioritisations, linked from the development-process section.
        "prioritisations": PrioritisationRound.objects.filter(
            process__plan=plan, closes_on__lt=today, published_on__lte=today),
        # CC7: the drafts put to public comment, and what became of them.
        "drafts": cocreation_drafts.public_drafts(plan),
        "irm_products": plan.irm_products.filter(published_on__lte=today)
        .select_related("document").order_by("published_on")})


PER_PAGE = 25


@require_safe
def cocreation(request, slug):
    """The plan's co-creation processes (current first) and their published responses, 25 a
    page; a filter shows one process."""
    member = member_or_404(request)
    plan = plan_selectors.public_plan_alone(member, slug)
    processes = cocreation_selectors.public_process(plan)
    form = ProcessFilterForm(request.GET or None, processes=processes)
    if form.value("process"):
        processes = [p for p in processes if p.pk == form.value("process")]
    responses = Paginator(cocreation_selectors.public_responses(processes), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "web/cocreation.html", {
        "member": member, "plan": plan, "processes": processes, "form": form,
        "phases": plan_selectors.plan_phases(plan, timezone.localdate()),
        "responses": responses, "open_form": cocreation_selectors.open_online_mechanism(plan),
    })


@require_safe
def commitment_detail(request, plan_slug, slug):
    member = member_or_404(request)
    commitment = plan_selectors.public_commitment(member, plan_slug, slug)
    return render(
        request, "web/commitment_detail.html",
        {
            "member": member,
            "plan": commitment.plan,
            "commitment": commitment,
            "share": tracking_selectors.milestone_shares([commitment]).get(commitment.pk),
            "documents": Document.objects.public().filter(commitment=commitment),
            "responses": ReasonedResponse.objects.public().filter(commitments=commitment),
            "shaping": cocreation_selectors.shaping_contributions(commitment),
            "finding": reports_selectors.latest_finding(commitment),
            "doc_langs": member.document_languages,
        },
    )


@require_safe
def forum(request):
    member = member_or_404(request)
    forum = forum_or_404(member)
    return render(
        request, "web/forum.html",
        {
            "member": member,
            "forum": forum,
            "constituencies": forum_selectors.current_seats_by_constituency(forum),
            "meetings": forum_selectors.public_meetings_with_minutes(forum),
            "working_groups": forum_selectors.public_working_groups(forum),
        },
    )


@require_safe
def meeting_detail(request, pk):
    member = member_or_404(request)
    meeting = forum_selectors.public_meeting(forum_or_404(member), pk)
    minutes_files = [d for d in meeting.documents.all() if d.kind == Document.Kind.MINUTES]
    group = meeting.working_group_id and forum_selectors.public_working_groups(
        meeting.forum).filter(pk=meeting.working_group_id).first()
    return render(request, "web/meeting_detail.html", {
        "member": member, "meeting": meeting, "minutes_files": minutes_files,
        "working_group": group})


def public_document(member, pk):
    return get_object_or_404(
        Document.objects.public().filter(member=member).prefetch_related("versions"),
        pk=pk,
    )


@require_safe
def document_detail(request, pk):
    member = member_or_404(request)
    document = public_document(member, pk)
    return render(request, "web/document_detail.html", {"member": member, "document": document})


@require_safe
def document_download(request, pk, number):
    """Files are served through this view so that a private document stays private (R2),
    and as files, never as pages of the site (``repository/downloads.py``)."""
    document = public_document(member_or_404(request), pk)
    version = get_object_or_404(DocumentVersion, document=document, number=number)
    return downloads.to_download_host(request) or downloads.serve(version)


@require_safe
def page(request, slug):
    from .models import Page

    return render(request, "web/page.html", {
        "page": get_object_or_404(Page.objects.filter(is_published=True), slug=slug)})


@require_safe
def agencies(request):
    """W3 (a, b): the lead agency, the Point of Contact and every participating agency."""
    member = member_or_404(request)
    return render(request, "web/agencies.html", {
        "member": member, "agencies": site_selectors.participating_agencies(member)})


@require_safe
def take_part(request):
    """W3 (c): the OGP process and the participation opportunities open now and coming."""
    member = member_or_404(request)
    return render(request, "web/take_part.html", {
        "member": member, "plan": plan_selectors.current_plan(member),
        "open_now": cocreation_selectors.open_mechanisms(member),
        "coming": site_selectors.coming_mechanisms(member),
        "next_meetings": forum_selectors.upcoming_public_meetings(member, limit=5),
    })


@require_safe
def glossary(request):
    """The words of open government in plain language, for people new to OGP."""
    return render(request, "web/glossary.html", {"member": member_or_404(request)})


DOCUMENTS_PER_PAGE = 50


@require_safe
def document_list(request):
    """W3 (g), R1: every public document, newest first, by kind and plan."""
    member = member_or_404(request)
    documents = site_selectors.public_documents(member)
    kind = request.GET.get("kind", "")
    if kind in Document.Kind.values:
        documents = documents.filter(kind=kind)
    page = Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/document_list.html", {
        "member": member, "page": page, "documents": page.object_list,
        "kinds": Document.Kind.choices, "kind": kind})


@require_safe
def implementation(request):
    """I4, W3 (f): the plan's progress at a glance, with charts, tables and the evidence."""
    member = member_or_404(request)
    plan = plan_selectors.current_plan(member)
    if plan is None:
        raise Http404("No plan yet.")
    plan = plan_selectors.public_plan(member, plan.slug)
    today = timezone.localdate()
    rows = tracking_selectors.progress(plan.commitments.all(), today=today)
    updates = (ProgressUpdate.objects.public().filter(commitment__plan=plan)
               .select_related("commitment__plan", "milestone").prefetch_related(
                   Prefetch("evidence", queryset=Document.objects.public()))
               .order_by("-reported_on", "-pk"))
    levels, unreported = site_selectors.completion_counts(plan.commitments.all())
    months = tracking_selectors.updates_per_month(updates)
    return render(request, "web/implementation.html", {
        "member": member, "plan": plan, "rows": rows, "updates": updates[:8],
        "levels": levels, "unreported": unreported, "months": months,
        "status_chart": charts.status_bar(levels, unreported),
        "timeline": charts.milestone_timeline(rows, start=plan.starts_on, end=plan.ends_on,
                                              today=today),
        "monthly": charts.monthly_bars(months),
        "overdue": [(row.commitment, m) for row in rows for m in row.overdue_milestones],
        "share": tracking_selectors.plan_share(row.share for row in rows),
        "stale_count": sum(row.stale for row in rows)})


@require_safe
def open_data(request):
    """W4: what the open data holds (the ZIP's tables, the XLSX, the feeds, the API), under
    which licence, and how to fetch it: curl examples with this site's own address."""
    def absolute(name):
        return request.build_absolute_uri(reverse(name))

    return render(request, "web/open_data.html", {
        "licence": opendata.licence(), "rows": opendata.row_counts(),
        "zip_url": absolute("open_data_zip"),
        "api_page_url": absolute("api:list_commitments") + "?limit=20&offset=20",
        "openapi_url": absolute("api:openapi-json")})
