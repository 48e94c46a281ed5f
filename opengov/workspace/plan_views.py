"""Authoring the action plan (AP1) and its commitments (CM1) in the workspace; submitting,
amending and refreshing it (C5–C8). The Point of Contact team writes the plan; an agency
editor writes the commitments its agency leads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from opengov.compliance.services import plan_readiness
from opengov.core import content, generated
from opengov.core.predicates import is_signed_in_role
from opengov.plans import documents, forms, services
from opengov.plans.models import ActionPlan, Commitment
from opengov.web.views import member_or_404

from .access import require


def _plan(request, pk):
    member = member_or_404(request)
    plan = get_object_or_404(ActionPlan.objects.filter(member=member), pk=pk)
    if not is_signed_in_role.test(request.user):
        raise PermissionDenied
    return member, plan



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
    # Deadlines decide what is offered: a closed window shows its date and rule instead.
    windows = services.version_windows(plan, timezone.localdate())
    return render(request, "workspace/plan.html", {
        "member": member, "plan": plan, "readiness": readiness,
        "rows": [(c, readiness["commitments"].get(str(c.number), []),
                  request.user.has_perm("plans.change_commitment", c)) for c in commitments],
        "versions": plan.versions.order_by("number"), "calendar": plan.rules_calendar,
        "windows": windows, "may_deliver_version": any(w.is_open for w in windows),
        "can_edit_plan": request.user.has_perm("plans.change_actionplan", plan),
        "can_add_commitment": request.user.has_perm("plans.add_commitment", plan),
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
    require(request.user, "plans.change_actionplan", plan)
    langs = member.document_languages
    form = forms.plan_sections_form(langs)(request.POST or None, instance=plan)
    form.findings = _findings_by_field(plan_readiness(plan)["plan"])
    initiatives = forms.local_initiative_formset(langs)(
        request.POST or None, instance=plan, prefix="initiatives", form_kwargs={"langs": langs})
    if request.method == "POST" and form.is_valid() and initiatives.is_valid():
        services.plan_sections_save(actor=request.user, form=form, initiatives=initiatives)
        messages.success(request, _("The plan's sections are saved."))
        return redirect("workspace:plan", pk=plan.pk)
    return render(request, "workspace/plan_edit.html", {
        "member": member, "plan": plan, "form": form, "initiatives": initiatives})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commitment_edit(request, pk=None, plan_pk=None):
    """The whole CM1 template with its guiding questions, milestones and stakeholders.

    Only holders of ``plans.assign_commitment`` set the number and the lead agency; for
    others both fields are shown disabled and what a request sends for them is ignored.
    """
    if pk is None:
        member, plan = _plan(request, plan_pk)
        require(request.user, "plans.add_commitment", plan)
        commitment = Commitment(plan=plan)
    else:
        member = member_or_404(request)
        commitment = get_object_or_404(Commitment.objects.filter(plan__member=member)
                                       .select_related("plan"), pk=pk)
        plan = commitment.plan
        require(request.user, "plans.change_commitment", commitment)
    langs = member.document_languages
    data = request.POST or None
    can_assign = request.user.has_perm("plans.assign_commitment",
                                       commitment if commitment.pk else plan)
    form = forms.commitment_form(langs)(data, instance=commitment, plan=plan,
                                        can_assign=can_assign)
    milestones, stakeholders = forms.commitment_formsets(data, commitment, member=member,
                                                         langs=langs)
    if request.method == "POST" and all(
            [form.is_valid(), milestones.is_valid(), stakeholders.is_valid()]):
        try:
            commitment = services.commitment_save(
                actor=request.user, form=form, milestones=milestones,
                stakeholders=stakeholders, responses=form.cleaned_data["responses"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The commitment is saved. The readiness checks "
                                        "beside the form are up to date."))
            return redirect("workspace:commitment_edit", pk=commitment.pk)
    findings = []
    if commitment.pk:
        findings = plan_readiness(plan)["commitments"].get(str(commitment.number), [])
    form.findings = _findings_by_field(findings)
    return render(request, "workspace/commitment_edit.html", {
        "member": member, "plan": plan, "commitment": commitment, "form": form,
        "milestones": milestones, "stakeholders": stakeholders, "findings": findings})


@login_required
@require_http_methods(["POST"])
def plan_submit(request, pk):
    member, plan = _plan(request, pk)
    require(request.user, "plans.change_actionplan", plan)
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
    """C7, C8: deliver an amended or refreshed version, while the rules' deadlines allow it.

    Only the kinds whose window is open today are offered; once every window has closed,
    the page says when and why, and a POST is refused with that message.
    """
    member, plan = _plan(request, pk)
    require(request.user, "plans.change_actionplan", plan)
    windows = services.version_windows(plan, timezone.localdate())
    context = {"member": member, "plan": plan, "calendar": plan.rules_calendar,
               "windows": windows, "form": None}
    if not any(window.is_open for window in windows):
        if request.method == "POST":
            for window in windows:
                messages.error(request, window.message)
            return redirect("workspace:plan", pk=plan.pk)
        return render(request, "workspace/plan_amend.html", context)
    langs = member.document_languages
    form = forms.AmendForm(request.POST or None, langs=langs, windows=windows,
                           initial={"delivered_on": timezone.localdate()})
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
    return render(request, "workspace/plan_amend.html", {**context, "form": form})


@login_required
@require_safe
def draft_file(request, pk, lang, fmt):
    """The plan as it stands now (a working draft), for the team to review."""
    member, plan = _plan(request, pk)
    if lang not in member.document_languages or fmt not in ("docx", "pdf"):
        raise Http404("No such document.")
    return generated.serve(request, documents.draft_file(plan, lang, fmt,
                                                         str(content.current().number)))
