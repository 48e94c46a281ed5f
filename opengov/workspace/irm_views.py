"""The IRM desk (C10, P1): the IRM's products on each plan, their report files, and their
findings on the minimum requirements and on commitments.

Every signed-in role reads the desk; IRM researchers and the Point of Contact team write it
(``reports/rules.py``). A new product is asked about its plan, a new finding about its
product. Each write goes through ``opengov.reports.services``; the report file goes
through the repository's own service and rules.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from opengov.plans.models import ActionPlan
from opengov.reports import services
from opengov.reports.models import CommitmentFinding, IRMProduct, RequirementFinding
from opengov.repository.models import Document
from opengov.web.views import member_or_404

from .access import new_or_stored, require
from .forum_views import form_errors
from .irm_forms import CommitmentFindingForm, IRMProductForm, RequirementFindingForm


def _products(member):
    return IRMProduct.objects.filter(plan__member=member).select_related("plan", "document")


def _product(request, pk, perm="reports.view_irmproduct"):
    member = member_or_404(request)
    product = get_object_or_404(_products(member), pk=pk)
    require(request.user, perm, product)
    return member, product


def _finding(request, model, pk, product_pk, *related):
    """(member, product, finding): a new finding under the product ``product_pk``, or the
    member's finding ``pk``; the add or change permission checked."""
    member = member_or_404(request)
    product = get_object_or_404(_products(member), pk=product_pk) if pk is None else None
    stored = model.objects.filter(product__plan__member=member).select_related(
        "product__plan", *related)
    finding = new_or_stored(request.user, model, stored, pk, product=product)
    return member, finding.product, finding


def _can_file(user, member, product):
    """Whether the repository lets ``user`` file the product's report (a first document, or
    a new version of the one filed)."""
    if product.document_id:
        return user.has_perm("repository.add_documentversion", product.document)
    return user.has_perm("repository.add_document",
                         Document(member=member, kind=Document.Kind.IRM_REPORT))


@login_required
@require_safe
def irm_desk(request):
    """The member's plans, newest first, each with its IRM products and how many findings
    each records."""
    member = member_or_404(request)
    require(request.user, "reports.view_irmproduct", member)
    products = (IRMProduct.objects.select_related("document").annotate(
        requirement_count=Count("requirement_findings",
                                filter=Q(requirement_findings__deleted_at__isnull=True),
                                distinct=True),
        commitment_count=Count("commitment_findings",
                               filter=Q(commitment_findings__deleted_at__isnull=True),
                               distinct=True)).order_by("published_on", "pk"))
    plans = list(ActionPlan.objects.filter(member=member).order_by("-start_year", "-number")
                 .prefetch_related(Prefetch("irm_products", queryset=products)))
    user = request.user
    for plan in plans:
        plan.can_add_product = user.has_perm("reports.add_irmproduct", plan)
        for product in plan.irm_products.all():
            product.can_change = user.has_perm("reports.change_irmproduct", product)
    return render(request, "workspace/irm/desk.html", {"member": member, "plans": plans})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def irm_product_edit(request, pk=None, plan_pk=None):
    """Record an IRM product of a plan (``plan_pk``) or change one (``pk``), with its
    report file."""
    user = request.user
    if pk is None:
        member = member_or_404(request)
        plan = get_object_or_404(ActionPlan.objects.filter(member=member), pk=plan_pk)
        require(user, "reports.add_irmproduct", plan)
        product = IRMProduct(plan=plan)
    else:
        member, product = _product(request, pk, "reports.change_irmproduct")
        plan = product.plan
    form = IRMProductForm(request.POST or None, request.FILES or None, instance=product,
                          member=member, can_file=_can_file(user, member, product),
                          initial={"document_language": member.document_languages[0]})
    if request.method == "POST" and form.is_valid():
        try:
            product = services.irm_product_save(
                actor=user, plan=plan, product=product if pk else None,
                values=form.values(), **form.file_options())
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The IRM product is saved."))
            return redirect("workspace:irm_product", pk=product.pk)
    return render(request, "workspace/irm/product_edit.html", {
        "member": member, "plan": plan, "product": product if pk else None, "form": form})


@login_required
@require_safe
def irm_product(request, pk):
    """One product: what it says, its report file, and its findings."""
    member, product = _product(request, pk)
    user = request.user
    requirements = list(RequirementFinding.objects.filter(product=product).order_by(
        "requirement"))
    commitments = list(CommitmentFinding.objects.filter(product=product).select_related(
        "commitment").order_by("commitment__number", "pk"))
    for finding in requirements:
        finding.can_change = user.has_perm("reports.change_requirementfinding", finding)
    for finding in commitments:
        finding.can_change = user.has_perm("reports.change_commitmentfinding", finding)
    return render(request, "workspace/irm/product.html", {
        "member": member, "product": product, "requirements": requirements,
        "commitments": commitments,
        "can_change": user.has_perm("reports.change_irmproduct", product),
        "can_add_requirement": user.has_perm("reports.add_requirementfinding", product),
        "can_add_commitment": user.has_perm("reports.add_commitmentfinding", product)})


def _finding_page(request, *, member, product, finding, form_class, service, template):
    form = form_class(request.POST or None, instance=finding, product=product)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, product=product,
                    finding=finding if finding.pk else None, values=form.values())
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The finding is saved."))
            return redirect("workspace:irm_product", pk=product.pk)
    return render(request, template, {"member": member, "product": product,
                                      "finding": finding if finding.pk else None,
                                      "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def requirement_finding_edit(request, pk=None, product_pk=None):
    """P1: a finding on a minimum requirement, new (under ``product_pk``) or changed."""
    member, product, finding = _finding(request, RequirementFinding, pk, product_pk)
    return _finding_page(request, member=member, product=product, finding=finding,
                         form_class=RequirementFindingForm,
                         service=services.requirement_finding_save,
                         template="workspace/irm/requirement_finding_edit.html")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commitment_finding_edit(request, pk=None, product_pk=None):
    """A finding on one commitment of the product's plan, new or changed."""
    member, product, finding = _finding(request, CommitmentFinding, pk, product_pk,
                                        "commitment")
    return _finding_page(request, member=member, product=product, finding=finding,
                         form_class=CommitmentFindingForm,
                         service=services.commitment_finding_save,
                         template="workspace/irm/commitment_finding_edit.html")
