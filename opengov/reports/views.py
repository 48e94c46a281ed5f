"""Public self-assessment reports (SA2): read, comment while the period is open, download."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from opengov.core import generated
from opengov.plans import selectors as plan_selectors
from opengov.tracking.forms import CommentForm
from opengov.tracking.views import MESSAGES, comment_from_form
from opengov.web.views import member_or_404

from . import documents
from .models import SelfAssessment


def _visible(request, slug, pk):
    member = member_or_404(request)
    plan = plan_selectors.public_plan(member, slug)
    assessment = get_object_or_404(SelfAssessment.objects.public().filter(plan=plan), pk=pk)
    return member, plan, assessment


@require_http_methods(["GET", "HEAD", "POST"])
def self_assessment(request, slug, pk):
    member, plan, assessment = _visible(request, slug, pk)
    today = timezone.localdate()
    open_ = assessment.comments_open(today)
    form = CommentForm(request.POST or None) if open_ else None
    if request.method == "POST":
        if not open_:
            raise Http404("Comments are closed.")
        if comment_from_form(request, form, self_assessment=assessment):
            return redirect(reverse("reports:self_assessment", args=[plan.slug, assessment.pk])
                            + MESSAGES)
    return render(request, "reports/self_assessment.html", {
        "member": member, "plan": plan, "assessment": assessment, "form": form,
        "comments_open": open_,
        "items": assessment.commitment_assessments.select_related("commitment__plan"),
        "comments": assessment.comments.public()})


@require_safe
def self_assessment_file(request, slug, pk, fmt):
    _member, plan, assessment = _visible(request, slug, pk)
    if fmt not in ("pdf", "docx"):
        raise Http404("PDF or DOCX.")
    return generated.serve(request, documents.wanted(assessment, get_language(), fmt))
