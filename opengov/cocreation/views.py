"""Public co-creation pages: send a contribution, follow it, read the forum's feedback."""

from contextlib import suppress

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from opengov.core import spreadsheets
from opengov.core.client_ip import visitor_key
from opengov.core.documents import as_file
from opengov.core.models import ModerationState
from opengov.plans import selectors as plan_selectors
from opengov.plans.models import Commitment
from opengov.tracking import charts
from opengov.web.views import member_or_404

from . import drafts, moderation, selectors, services
from .forms import ContributionForm, DraftCommentForm, FeedbackFilterForm, ProblemReportForm
from .models import Contribution, ReasonedResponse

SUBMISSIONS_PER_HOUR = "6/h"


@require_http_methods(["GET", "HEAD", "POST"])
def contribute(request, slug):
    member = member_or_404(request)
    plan = plan_selectors.public_plan(member, slug)
    mechanism = selectors.open_online_mechanism(plan)
    if mechanism is None:
        return render(request, "cocreation/contribution_closed.html", {
            "member": member, "plan": plan, "next": selectors.next_online_mechanism(plan)})
    form = ContributionForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        limited = is_ratelimited(request, group="contribute", key="ip",
                                 rate=SUBMISSIONS_PER_HOUR, method="POST", increment=True)
        if limited:
            form.add_error(None, _("Many contributions were sent from your connection in the "
                                   "last hour. Please try again later: your text is kept below."))
        else:
            data = form.cleaned_data
            robot = form.is_robot
            contribution = services.contribution_submit(
                process=mechanism.process, mechanism=mechanism, text=data["text"],
                title=data["title"], language=get_language(),
                stakeholder_type=data["stakeholder_type"],
                consent_to_publish=data["consent_to_publish"],
                author_name=data["author_name"], author_organisation=data["author_organisation"],
                author_email="" if robot else data["author_email"], themes=data["themes"],
                moderation_state=ModerationState.SPAM if robot else ModerationState.PENDING,
                reason=form.suspicion,
                site_url=request.build_absolute_uri("/"),
            )
            messages.success(request, _("Thank you! Your contribution has been received."))
            return redirect("cocreation:receipt", reference=contribution.reference)
    return render(request, "cocreation/contribution_form.html", {
        "member": member, "plan": plan, "mechanism": mechanism, "form": form})


@require_safe
def draft(request, slug, pk):
    """CC7: the draft plan put to public comment, commitment by commitment and part by part,
    with how many comments each part has; once a version is delivered, what changed."""
    from opengov.plans.compare import compare

    member = member_or_404(request)
    plan = plan_selectors.public_plan_alone(member, slug)
    mechanism = drafts.public_draft(plan, pk)
    lang = get_language()
    delivered = drafts.delivered_after(mechanism)
    plan_changes, changes = (compare(mechanism.draft, delivered.snapshot, lang)
                             if delivered else ((), ()))
    return render(request, "cocreation/draft.html", {
        "member": member, "plan": plan, "mechanism": mechanism,
        "outline": drafts.outline(mechanism, lang), "is_open": mechanism.is_open(),
        "delivered": delivered, "plan_changes": plan_changes, "changes": changes})


@require_http_methods(["GET", "HEAD", "POST"])
def draft_part(request, slug, pk):
    """One part of the draft (the whole plan, a commitment, or a field of its template): its
    text, the published comments with their answers, and, while the period is open, the form
    to comment. Any part is reached by a link: no text selection is needed."""
    member = member_or_404(request)
    plan = plan_selectors.public_plan_alone(member, slug)
    mechanism = drafts.public_draft(plan, pk)
    commitment_slug = request.GET.get("commitment", "")
    part = request.GET.get("part", "")
    draft_commitment = drafts.commitment_in(mechanism.draft, commitment_slug)
    lang = get_language()
    if (commitment_slug and draft_commitment is None) or (part and not commitment_slug) or (
            part and part not in drafts.PARTS) or (
            part and not drafts.part_text(draft_commitment, part, lang)):
        raise Http404("No such part of the draft.")
    commitment = None
    if commitment_slug:  # the record the draft was taken from, even if renamed or hidden since
        commitment = get_object_or_404(Commitment.all_objects.filter(plan=plan), pk=drafts
                                       .commitment_ids(mechanism).get(commitment_slug))
    # A commitment hidden since the draft keeps its comments, and takes no new ones.
    is_open = mechanism.is_open() and not (commitment and commitment.deleted_at)
    taken = mechanism.drafted_at.isoformat()
    form = DraftCommentForm(request.POST or None, member=member,
                            initial={"draft_taken": taken})
    if request.method == "POST" and is_open and form.is_valid():
        if form.cleaned_data["draft_taken"] not in ("", taken):
            form.data = form.data.copy()
            form.data["draft_taken"] = taken  # sent again, it goes with the new text
            form.add_error(None, _("The draft was updated while you were writing. Read the "
                                   "new text above: your comment is kept below, send it "
                                   "again if it still applies."))
        elif is_ratelimited(request, group="contribute", key="ip", rate=SUBMISSIONS_PER_HOUR,
                            method="POST", increment=True):
            form.add_error(None, _("Many contributions were sent from your connection in the "
                                   "last hour. Please try again later: your text is kept below."))
        else:
            data, robot = form.cleaned_data, form.is_robot
            contribution = services.contribution_submit(
                process=mechanism.process, mechanism=mechanism, text=data["text"],
                language=lang, stakeholder_type=data["stakeholder_type"],
                consent_to_publish=data["consent_to_publish"],
                author_name=data["author_name"], author_organisation=data["author_organisation"],
                author_email="" if robot else data["author_email"],
                moderation_state=ModerationState.SPAM if robot else ModerationState.PENDING,
                reason=form.suspicion, site_url=request.build_absolute_uri("/"),
                commitment=commitment, draft_part=part)
            messages.success(request, _("Thank you! Your comment has been received."))
            return redirect("cocreation:receipt", reference=contribution.reference)
    comments = Paginator(drafts.part_comments(mechanism, commitment and commitment.pk, part),
                         PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cocreation/draft_part.html", {
        "member": member, "plan": plan, "mechanism": mechanism, "form": form,
        "is_open": is_open, "commitment": draft_commitment, "part": part,
        "part_label": drafts.part_label(part),
        "commitment_title": drafts._text(draft_commitment.get("title"), lang)
        if draft_commitment else "",
        "text": drafts.part_text(draft_commitment, part, lang) if draft_commitment and part
        else "", "comments": comments})


@require_safe
def receipt(request, reference):
    """What happened to a contribution, for whoever holds its reference (its author)."""
    member = member_or_404(request)
    contribution = get_object_or_404(
        Contribution.objects.filter(process__plan__member=member).select_related(
            "process__plan", "mechanism", "commitment").defer("mechanism__draft")
        .prefetch_related(
            Prefetch("responses", queryset=selectors.published_responses()
                     .prefetch_related("commitments__plan"))),
        reference=reference)
    context = {"member": member, "contribution": contribution, "reference": reference}
    if contribution.moderation_state in (ModerationState.SPAM, ModerationState.ABUSE):
        context["contribution"] = None  # nothing to show, and nothing that says why
    elif not contribution.is_public and contribution.moderation_decisions.filter(
            previous_state=ModerationState.PUBLISHED).exists():
        # Its reference was public while it was: hidden after reports, or kept out by a
        # moderator since, its text must not stay one link away.
        context.update(contribution=None, withdrawn=True)
    else:
        # What happens next: when the answer is expected, and the public pages to follow
        # (only those of a public process: its feedback page and feeds would not open).
        context.update(expected=selectors.expected_answer(contribution),
                       process_is_public=selectors.process_is_public(contribution.process_id),
                       journey=selectors.idea_journey(contribution.responses.all()),
                       groups=selectors.accepted_groups_of(contribution))
    return render(request, "cocreation/receipt.html", context)


PER_PAGE = 25


def _feedback(request, slug):
    member = member_or_404(request)
    plan = plan_selectors.public_plan_alone(member, slug)
    processes = list(selectors.processes_current_first(plan))
    form = FeedbackFilterForm(request.GET or None, member=member, processes=processes)
    rows = selectors.feedback_rows(plan, processes)
    if form.value("process"):
        rows = rows.filter(process_id=form.value("process"))
    if form.value("theme"):
        rows = rows.filter(themes=form.value("theme"))
    if form.value("decision"):
        rows = rows.filter(responses__decision=form.value("decision")).distinct()
    return member, plan, form, rows


@require_safe
def feedback(request, slug):
    member, plan, form, rows = _feedback(request, slug)
    # get_page shows the first page for "abc", the last for 0, -1 or 10**30: never an error.
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    selectors.mark_shared_responses(page)
    stats = selectors.feedback_stats(plan, process=form.value("process"))
    query = request.GET.copy()
    query.pop("page", None)  # the CSV link keeps the filters, and has no pages
    return render(request, "cocreation/feedback.html", {
        "member": member, "plan": plan, "form": form, "rows": page, "page": page,
        "total": page.paginator.count,
        "stats": stats, "by_decision": charts.bar_rows(
            [(label, stats["decisions"].get(value, 0)) for value, label in
             ReasonedResponse.Decision.choices]
            + [(_("Not answered yet"), stats["received"] - stats["answered"])]),
        "by_theme": charts.bar_rows(stats["themes"]),
        "query": query.urlencode()})


@require_safe
def feedback_csv(request, slug):
    _member, plan, _form, rows = _feedback(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="feedback-{plan.slug}.csv"'
    as_file(response)  # it quotes what people wrote
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = spreadsheets.csv_writer(response)  # citizens' texts never run as formulas
    writer.writerow(["reference", "submitted_on", "language", "stakeholder_type", "themes",
                     "contribution", "decision", "comments_received", "how_considered",
                     "influence", "reasons", "beyond_this_plan", "commitments",
                     "response_published_on"])
    for contribution in rows.iterator(chunk_size=500):  # never every row in memory at once
        themes = "; ".join(t.name for t in contribution.themes.all())
        for response_ in contribution.public_responses or [None]:
            writer.writerow([
                contribution.reference, contribution.submitted_at.date().isoformat(),
                contribution.language, contribution.stakeholder_type, themes, contribution.text,
                *(["", "", "", "", "", ""] if response_ is None else [
                    response_.decision, response_.summary, response_.consideration,
                    response_.influence, response_.reasons, response_.beyond_plan]),
                "" if response_ is None else "; ".join(str(c) for c in response_.commitments.all()),
                "" if response_ is None else response_.published_on.isoformat(),
            ])
    return response


def feedback_report_html(request, plan):
    """The feedback report as HTML: what the PDF shows, every element of every response.
    Without a request (in the task that makes the PDF), in the active language."""
    responses = ReasonedResponse.objects.public().filter(process__plan=plan).prefetch_related(
        Prefetch("contributions", queryset=selectors.public_contributions()),
        "commitments").order_by("decision", "pk")
    return render_to_string("cocreation/feedback_report.html", {
        "member": plan.member, "plan": plan, "responses": responses,
        "stats": selectors.feedback_stats(plan), "generated": timezone.localdate(),
        "LANGUAGE_CODE": get_language()}, request=request)


def make_feedback_report(plan_id, lang):
    """The feedback report's PDF (opengov.core.generated.MAKERS), made by a task."""
    from weasyprint import HTML

    from opengov.plans.models import ActionPlan

    plan = ActionPlan.objects.select_related("member").get(pk=plan_id)
    return HTML(string=feedback_report_html(None, plan),
                base_url=settings.SITE_URL).write_pdf(pdf_variant="pdf/ua-1")


@require_safe
def feedback_pdf(request, slug):
    """The feedback report, made by a task again only after content has changed."""
    from opengov.core import content, generated

    _member, plan, _form, _rows = _feedback(request, slug)
    lang = get_language()
    return generated.serve(request, generated.Wanted(
        subject=f"feedback:{plan.pk}:{lang}", maker="feedback", content_type="application/pdf",
        filename=f"feedback-{plan.slug}.pdf", label=f"{plan} — feedback ({lang}, PDF)",
        arguments={"plan_id": plan.pk, "lang": lang},
        fingerprint=str(content.current().number)))


# -- report a problem; moderation in public ----------------------------------------------------

REPORTS_PER_HOUR = "20/h"


@require_http_methods(["GET", "HEAD", "POST"])
def report_contribution(request, reference):
    member = member_or_404(request)
    item, back = moderation.reportable_contribution(member, reference)
    return _report(request, member, item, back, heading=item.heading)


@require_http_methods(["GET", "HEAD", "POST"])
def report_comment(request, pk):
    member = member_or_404(request)
    item, back = moderation.reportable_comment(member, pk)
    return _report(request, member, item, back,
                   heading=Truncator(" ".join(item.text.split())).words(10))


def _report(request, member, item, back, heading):
    """A visitor reports a published item: the reason and a note, no account. Whether the
    report counted (first from this visitor) or not, the answer is the same."""
    form = ProblemReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if is_ratelimited(request, group="report", key="ip", rate=REPORTS_PER_HOUR,
                          method="POST", increment=True):
            form.add_error(None, _("Many reports were sent from your connection in the last "
                                   "hour. Please try again later."))
        else:
            # A report sent by a script is thanked and not counted; so is one on a text
            # hidden meanwhile.
            if form.from_a_person:
                with suppress(ValidationError):
                    services.problem_report(item=item, reason=form.cleaned_data["reason"],
                                            note=form.cleaned_data["note"],
                                            reporter=visitor_key(request))
            messages.success(request, _("Thank you for your report. A moderator will read it; "
                                        "nothing is deleted, and every decision is counted in "
                                        "the moderation statistics."))
            return redirect(back + "#messages")
    return render(request, "cocreation/report_problem.html", {
        "member": member, "item": item, "heading": heading, "back": back, "form": form,
        "threshold": settings.REPORTS_TO_HIDE})


@require_safe
def moderation_statistics(request):
    member = member_or_404(request)
    return render(request, "cocreation/moderation_statistics.html", {
        "member": member, "months": moderation.monthly_statistics(member),
        "threshold": settings.REPORTS_TO_HIDE})


# -- similar ideas while a contribution is written ---------------------------------------------

SIMILAR_PER_MINUTE = "60/m"


@never_cache  # one answer per text typed: never worth keeping in the page cache
@require_safe
def similar_ideas(request, slug):
    """Up to five published contributions on the subject of the text being written, as an
    HTML fragment in the reader's language (static/js/similar-ideas.js puts it under the
    form). Without JavaScript nothing asks for it and the form is unchanged."""
    if is_ratelimited(request, group="similar", key="ip", rate=SIMILAR_PER_MINUTE,
                      method=["GET", "HEAD"], increment=True):
        return HttpResponse(status=429)
    member = member_or_404(request)
    plan = plan_selectors.public_plan_alone(member, slug)
    ideas = selectors.similar_ideas(plan, request.GET.get("text", "")[:4000], get_language())
    return render(request, "cocreation/includes/similar_ideas.html", {"ideas": ideas})


@require_safe
def prioritisation_result(request, slug, pk):
    """CC10: a round's aggregated result, public from its publication day (after it closed)."""
    from . import prioritisation
    from .models import PrioritisationRound

    member = member_or_404(request)
    plan = plan_selectors.public_plan_alone(member, slug)
    round_ = get_object_or_404(PrioritisationRound.objects.filter(process__plan=plan), pk=pk)
    if not round_.result_is_public():
        raise Http404
    return render(request, "cocreation/prioritisation.html", {
        "member": member, "plan": plan, "round": round_,
        "results": prioritisation.results(round_)})
