"""Authoring the action plan (AP1) and its commitments (CM1) in the workspace; submitting,
amending and refreshing it (C5–C8). The Point of Contact team writes the plan; an agency
editor writes the commitments its agency leads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from opengov.cocreation.models import ReasonedResponse
from opengov.compliance.services import plan_readiness
from opengov.core.documents import DOCX_MIME, file_response
from opengov.core.predicates import is_signed_in_role
from opengov.plans import documents, forms, services
from opengov.plans.models import ActionPlan, Commitment
from opengov.web.views import member_or_404


def _plan(request, pk):
    member = member_or_404(request)
    plan = get_object_or_404(ActionPlan.objects.filter(member=member), pk=pk)
    if not is_signed_in_role.test(request.user):
        raise PermissionDenied
    return member, plan


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _findings_by_field(findings):
    by_field = {}
    for finding in findings:
        by_field.setdefault(finding["field"] or "languages", []).append(finding)
    return by_field


@login_required
@require_safe
def plans(request):
    member = member_or_404(request)
    if not is_signed_in_role.test(request.user):
        raise PermissionDenied
    return render(request, "workspace/plans.html", {
        "member": member, "plans": ActionPlan.objects.filter(member=member)
        .exclude(status=ActionPlan.Status.COMPLETED).order_by("-start_year")})


@login_required
@require_safe
def plan(request, pk):
    member, plan = _plan(request, pk)
    readiness = plan_readiness(plan)
    commitments = plan.commitments.select_related("lead_agency").order_by("number")
    return render(request, "workspace/plan.html", {
        "member": member, "plan": plan, "readiness": readiness,
        "rows": [(c, readiness["commitments"].get(str(c.number), []),
                  request.user.has_perm("plans.change_commitment", c)) for c in commitments],
        "versions": plan.versions.order_by("number"), "calendar": plan.rules_calendar,
        "can_edit_plan": request.user.has_perm("plans.change_actionplan", plan),
        "submit_form": forms.SubmitForm(initial={"delivered_on": timezone.localdate()}),
        "doc_langs": member.document_languages})


@login_required
@require_safe
def readiness(request, pk):
    member, plan = _plan(request, pk)
    report = plan_readiness(plan)
    numbers = {str(c.number): c for c in plan.commitments.all()}
    return render(request, "workspace/readiness.html", {
        "member": member, "plan": plan, "report": report,
        "by_commitment": [(numbers.get(n), findings) for n, findings
                          in report["commitments"].items()]})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_edit(request, pk):
    member, plan = _plan(request, pk)
    _require(request.user, "plans.change_actionplan", plan)
    langs = member.document_languages
    form = forms.plan_sections_form(langs)(request.POST or None, instance=plan)
    form.findings = _findings_by_field(plan_readiness(plan)["plan"])
    initiatives = forms.local_initiative_formset(langs)(
        request.POST or None, instance=plan, prefix="initiatives", form_kwargs={"langs": langs})
    if request.method == "POST" and form.is_valid() and initiatives.is_valid():
        with transaction.atomic():
            form.save()
            initiatives.save()
        messages.success(request, _("The plan's sections are saved."))
        return redirect("workspace:plan", pk=plan.pk)
    return render(request, "workspace/plan_edit.html", {
        "member": member, "plan": plan, "form": form, "initiatives": initiatives})


def _responses(plan):
    return ReasonedResponse.objects.filter(process__plan=plan).order_by("pk")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commitment_edit(request, pk=None, plan_pk=None):
    """The whole CM1 template with its guiding questions, milestones and stakeholders."""
    if pk is None:
        member, plan = _plan(request, plan_pk)
        _require(request.user, "plans.add_commitment")
        commitment = Commitment(plan=plan)
    else:
        member = member_or_404(request)
        commitment = get_object_or_404(Commitment.objects.filter(plan__member=member)
                                       .select_related("plan"), pk=pk)
        plan = commitment.plan
        _require(request.user, "plans.change_commitment", commitment)
    langs = member.document_languages
    data = request.POST or None
    form = forms.commitment_form(langs)(data, instance=commitment, plan=plan)
    kwargs = {"member": member, "langs": langs}
    milestones = forms.milestone_formset(langs)(data, instance=commitment, prefix="milestones",
                                               form_kwargs=kwargs)
    stakeholders = forms.stakeholder_formset(langs)(data, instance=commitment,
                                                    prefix="stakeholders", form_kwargs=kwargs)
    responses = _responses(plan)
    chosen = set(responses.filter(commitments=commitment).values_list("pk", flat=True)) \
        if commitment.pk else set()
    if request.method == "POST":
        valid = all([form.is_valid(), milestones.is_valid(), stakeholders.is_valid()])
        if valid:
            try:
                with transaction.atomic():
                    commitment = form.save()
                    milestones.instance = stakeholders.instance = commitment
                    milestones.save()
                    stakeholders.save()
                    picked = set(map(int, request.POST.getlist("responses")))
                    for response in responses:
                        if response.pk in picked:
                            response.commitments.add(commitment)
                        elif response.pk in chosen:
                            response.commitments.remove(commitment)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The commitment is saved. The readiness checks "
                                            "beside the form are up to date."))
                return redirect("workspace:commitment_edit", pk=commitment.pk)
        chosen = set(map(int, request.POST.getlist("responses")))
    findings = []
    if commitment.pk:
        findings = plan_readiness(plan)["commitments"].get(str(commitment.number), [])
    form.findings = _findings_by_field(findings)
    return render(request, "workspace/commitment_edit.html", {
        "member": member, "plan": plan, "commitment": commitment, "form": form,
        "milestones": milestones, "stakeholders": stakeholders, "responses": responses,
        "chosen": chosen, "findings": findings, "by_field": _findings_by_field(findings)})


@login_required
@require_http_methods(["POST"])
def plan_submit(request, pk):
    member, plan = _plan(request, pk)
    _require(request.user, "plans.change_actionplan", plan)
    form = forms.SubmitForm(request.POST)
    if form.is_valid():
        blocking = plan_readiness(plan)["errors"]
        if blocking and not request.POST.get("despite_findings"):
            messages.error(request, _("The readiness report still has %(n)s problems to fix. "
                                      "Fix them, or confirm that you submit anyway.")
                           % {"n": blocking})
            return redirect("workspace:plan", pk=plan.pk)
        try:
            version = services.plan_submit(actor=request.user, plan=plan,
                                           delivered_on=form.cleaned_data["delivered_on"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The plan is submitted: version %(n)s is frozen and "
                                        "public.") % {"n": version.number})
    else:
        messages.error(request, _("Give the date the plan was delivered."))
    return redirect("workspace:plan", pk=plan.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_amend(request, pk):
    member, plan = _plan(request, pk)
    _require(request.user, "plans.change_actionplan", plan)
    langs = member.document_languages
    form = forms.AmendForm(request.POST or None, langs=langs,
                           initial={"kind": "amendment", "delivered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            version = services.plan_amend(
                actor=request.user, plan=plan, kind=form.cleaned_data["kind"],
                delivered_on=form.cleaned_data["delivered_on"], change_notes=form.notes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Version %(n)s is delivered and frozen.")
                             % {"n": version.number})
            return redirect("workspace:plan", pk=plan.pk)
    return render(request, "workspace/plan_amend.html", {
        "member": member, "plan": plan, "form": form, "calendar": plan.rules_calendar})


@login_required
@require_safe
def draft_file(request, pk, lang, fmt):
    """The plan as it stands now (a working draft), for the team to review."""
    member, plan = _plan(request, pk)
    if lang not in member.document_languages or fmt not in ("docx", "pdf"):
        raise Http404("No such document.")
    snapshot = services.plan_snapshot(plan)
    name = f"{plan.slug}-draft-{lang}.{fmt}"
    if fmt == "docx":
        return file_response(documents.plan_docx(snapshot, lang), DOCX_MIME, name)
    return file_response(documents.plan_pdf(snapshot, lang,
                                             base_url=request.build_absolute_uri("/")),
                         "application/pdf", name)
