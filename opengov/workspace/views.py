"""The signed-in workspace: what agency editors and the Point of Contact team do on the site.

Every view checks the object-level permission of ``rules`` (see each app's rules.py): an
agency editor reaches only the commitments their agency leads.
"""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opengov.cocreation import moderation
from opengov.cocreation.models import Contribution
from opengov.core.models import ModerationState
from opengov.core.predicates import is_administrator, is_poc_team, is_signed_in_role
from opengov.plans.models import Commitment
from opengov.plans.ogp_import import import_commitments
from opengov.reports.services import self_assessment_create
from opengov.repository import services as repository
from opengov.repository.models import Document
from opengov.tracking import selectors as tracking
from opengov.tracking import services
from opengov.tracking.forms import (
    VersionForm,
    answer_form,
    implementation_plan_form,
    progress_update_form,
)
from opengov.tracking.models import Comment, ImplementationPlan, ProgressUpdate
from opengov.web.views import member_or_404

from .access import require
from .forms import OGPImportForm, SelfAssessmentDraftForm
from .repository_views import uses_repository_desk


def _langs(member):
    return member.document_languages


@login_required
def home(request):
    member = member_or_404(request)
    commitments = tracking.editable_commitments(request.user, member)
    if not is_signed_in_role.test(request.user):
        raise PermissionDenied
    rows = tracking.progress(commitments, public=True)
    drafts = dict(ProgressUpdate.objects.filter(commitment__in=commitments,
                                                published_on__isnull=True)
                  .values_list("commitment").annotate(n=Count("pk")))
    for row in rows:
        row.drafts = drafts.get(row.commitment.pk, 0)
    unanswered = (Comment.objects.filter(progress_update__commitment__in=commitments,
                                         moderation_state=ModerationState.PUBLISHED, answer="")
                  .select_related("progress_update__commitment"))
    return render(request, "workspace/home.html", {
        "member": member, "rows": rows, "unanswered": unanswered,
        # Pending, less what visitors reported (counted apart, as on the desk).
        "pending": moderation.not_reported(Comment.objects.filter(
            moderation.comment_of_member(member),
            moderation_state=ModerationState.PENDING)).count()
        if request.user.has_perm("tracking.moderate_comment", member) else None,
        "reported": moderation.reported_count(member)
        if request.user.has_perm("tracking.moderate_comment", member) else None,
        "pending_contributions": moderation.not_reported(Contribution.objects.filter(
            process__plan__member=member, moderation_state=ModerationState.PENDING)).count()
        if request.user.has_perm("cocreation.moderate_contribution", member) else None,
        "is_poc": is_poc_team.test(request.user),
        "uses_repository_desk": uses_repository_desk.test(request.user),
        "is_administrator": is_administrator.test(request.user)})


def _commitment(request, pk, perm="tracking.add_progressupdate"):
    member = member_or_404(request)
    commitment = get_object_or_404(
        Commitment.objects.filter(plan__member=member).select_related("plan", "lead_agency"),
        pk=pk)
    require(request.user, perm, commitment)
    return member, commitment


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commitment(request, pk):
    """Post an update with evidence; see past updates, drafts, documents and comments.

    Evidence that passed the repository's checks is kept when the form is refused for
    another reason, and used on the next valid submission (see ``kept_files``).
    """
    from . import kept_files

    member, commitment = _commitment(request, pk)
    langs = _langs(member)
    form_class = progress_update_form(langs)
    form = form_class(request.POST or None, request.FILES or None, commitment=commitment,
                      langs=langs, initial={"licence": Document.Licence.CC_BY_4})
    kept = kept_files.load(request.POST.getlist(kept_files.FIELD), user=request.user,
                           commitment=commitment) if request.method == "POST" else []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update = services.progress_update_post(
                commitment=commitment, author=request.user, texts=form.texts(),
                completion=data["completion"], timeliness=data["timeliness"],
                milestone=data["milestone"], publish=data["publish"],
                files=[*data["evidence"], *(file.as_upload() for file in kept)],
                evidence_language=langs[0], licence=data["licence"])
        except ValidationError as error:
            form.add_error("evidence", error)
        else:
            kept_files.discard(kept)
            if update.published_on:
                messages.success(request, _("Your update is published on the public website, "
                                            "with %(n)s evidence file(s).")
                                 % {"n": update.evidence.count()})
            else:
                messages.success(request, _("Your update is saved as a draft."))
            return redirect("workspace:commitment", pk=commitment.pk)
    if request.method == "POST":
        kept += kept_files.keep_uploads(request, form, commitment=commitment)
    row = tracking.progress(Commitment.objects.filter(pk=commitment.pk), public=True)[0]
    updates = (ProgressUpdate.objects.filter(commitment=commitment)
               .select_related("milestone", "author").prefetch_related(
                   "evidence", Prefetch("comments", queryset=Comment.objects.filter(
                       moderation_state=ModerationState.PUBLISHED), to_attr="public_comments"))
               .order_by("-reported_on", "-pk"))
    return render(request, "workspace/commitment.html", {
        "member": member, "commitment": commitment, "plan": commitment.plan, "form": form,
        "row": row, "updates": updates, "kept": kept,
        "can_edit_template": request.user.has_perm("plans.change_commitment", commitment),
        "documents": commitment.documents.prefetch_related("versions").order_by("-date")})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def implementation_plan(request, pk):
    """I1: activities, resources, schedule, expected results, who is responsible, risks."""
    member, commitment = _commitment(request, pk, perm="tracking.change_implementationplan")
    plan_of_work = ImplementationPlan.objects.filter(commitment=commitment).first() \
        or ImplementationPlan(commitment=commitment)
    langs = _langs(member)
    form = implementation_plan_form(langs)(request.POST or None, instance=plan_of_work)
    if request.method == "POST" and form.is_valid():
        services.implementation_plan_save(actor=request.user, form=form)
        messages.success(request, _("The implementation plan is saved and public."))
        return redirect("workspace:commitment", pk=commitment.pk)
    return render(request, "workspace/implementation_plan.html", {
        "member": member, "commitment": commitment, "form": form})


@login_required
@require_POST
def publish_update(request, pk):
    update = get_object_or_404(ProgressUpdate.objects.filter(
        commitment__plan__member=member_or_404(request)), pk=pk)
    require(request.user, "tracking.change_progressupdate", update)
    if update.published_on is None:
        services.progress_update_publish(actor=request.user, update=update)
        messages.success(request, _("The update is published."))
    return redirect("workspace:commitment", pk=update.commitment_id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, pk):
    """W2: the lead agency answers a published comment; the answer shows under it."""
    member = member_or_404(request)
    comment = get_object_or_404(
        Comment.objects.filter(progress_update__commitment__plan__member=member,
                               moderation_state=ModerationState.PUBLISHED)
        .select_related("progress_update__commitment"), pk=pk)
    commitment = comment.progress_update.commitment
    require(request.user, "tracking.answer_comment", comment)
    langs = _langs(member)
    form = answer_form(langs)(request.POST or None, instance=comment, langs=langs)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_answer(actor=request.user, comment=comment,
                                    answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answer is published under the comment."))
            return redirect("workspace:commitment", pk=commitment.pk)
    return render(request, "workspace/answer.html", {
        "member": member, "comment": comment, "commitment": commitment, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_version(request, pk):
    """R3: a corrected or updated file becomes a new version; the earlier ones are kept."""
    member = member_or_404(request)
    document = get_object_or_404(Document.objects.filter(member=member), pk=pk)
    require(request.user, "repository.add_documentversion", document)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = repository.version_add(actor=request.user, document=document,
                                             upload=form.cleaned_data["file"],
                                             note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Version %(n)s is stored; earlier versions are kept.")
                             % {"n": version.number})
            if document.commitment_id:
                return redirect("workspace:commitment", pk=document.commitment_id)
            return redirect("workspace:document_edit", pk=document.pk)
    return render(request, "workspace/new_version.html", {
        "member": member, "document": document, "form": form,
        "versions": document.versions.order_by("-number")})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ogp_import(request):
    """Staff upload of OGP's public commitment data: all or nothing, with a report."""
    if not is_poc_team.test(request.user):
        raise PermissionDenied
    member = member_or_404(request)
    form = OGPImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        rows = list(csv.DictReader(io.StringIO(form.cleaned_data["file"])))
        report = import_commitments(rows, member_name=form.cleaned_data["member"] or None,
                                    actor=request.user, on=member)
        messages.success(request, _("Import finished: %(members)s new members, %(plans)s new "
                                    "plans, %(commitments)s new commitments.") % {
            "members": report.members, "plans": report.plans,
            "commitments": report.commitments})
    return render(request, "workspace/ogp_import.html", {
        "member": member, "form": form, "report": report})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def self_assessment_draft(request):
    """SA1: write the draft from the progress data, then correct it at the desk."""
    if not request.user.has_perm("reports.add_selfassessment"):
        raise PermissionDenied
    member = member_or_404(request)
    form = SelfAssessmentDraftForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        assessment = self_assessment_create(actor=request.user, plan=form.cleaned_data["plan"],
                                            absolute=request.build_absolute_uri)
        messages.success(request, _("The draft is ready. Check each colour and text, set the "
                                    "comment period, then publish it."))
        return redirect("workspace:self_assessment_edit", pk=assessment.pk)
    return render(request, "workspace/self_assessment.html", {"member": member, "form": form})

