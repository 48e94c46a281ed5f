"""The self-assessment desk (SA1, SA2) of the Point of Contact team: the member's reports with
where each stands, and one page to correct a report (its texts, every commitment's colour and
texts, the public comment period) and publish it.

A draft is written from the progress data by ``views.self_assessment_draft``, which then
brings the team here.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from opengov.core.models import ModerationState
from opengov.core.predicates import is_poc_team
from opengov.reports import services
from opengov.reports.models import SelfAssessment
from opengov.web.views import member_or_404

from .access import require
from .self_assessment_forms import PublishForm, commitment_assessment_form, self_assessment_form


def state_of(assessment, today):
    """Where a report stands: ``(key, sentence)`` for a badge and a reader."""
    def day(value):
        return date_format(value, "DATE_FORMAT")

    if assessment.published_on and assessment.published_on <= today:
        return "published", _("Published on %(date)s") % {"date": day(assessment.published_on)}
    if assessment.published_on:
        return "scheduled", _("To be published on %(date)s") % {
            "date": day(assessment.published_on)}
    if assessment.comments_open(today):
        if assessment.comments_close_on:
            return "open", _("Open for public comment until %(date)s") % {
                "date": day(assessment.comments_close_on)}
        return "open", _("Open for public comment until publication")
    if assessment.comments_open_on and assessment.comments_open_on > today:
        return "draft", _("Private draft; comments open on %(date)s") % {
            "date": day(assessment.comments_open_on)}
    if assessment.comments_close_on and assessment.comments_close_on < today:
        return "closed", _("Comments closed on %(date)s; not published yet") % {
            "date": day(assessment.comments_close_on)}
    return "draft", _("Private draft")


@login_required
@require_safe
def self_assessments(request):
    """The member's self-assessment reports, newest first, with their state."""
    member = member_or_404(request)
    if not is_poc_team.test(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    reports = (SelfAssessment.objects.filter(plan__member=member).select_related("plan")
               .annotate(items=Count("commitment_assessments", distinct=True),
                         pending=Count("comments", distinct=True, filter=Q(
                             comments__moderation_state=ModerationState.PENDING)),
                         published_comments=Count("comments", distinct=True, filter=Q(
                             comments__moderation_state=ModerationState.PUBLISHED)))
               .order_by("-prepared_on", "-pk"))
    rows = []
    for report in reports:
        key, label = state_of(report, today)
        rows.append({"report": report, "state": key, "label": label,
                     "public": report.is_visible(today),
                     "can_change": request.user.has_perm("reports.change_selfassessment",
                                                         report)})
    return render(request, "workspace/self_assessment/list.html", {
        "member": member, "rows": rows,
        "can_draft": request.user.has_perm("reports.add_selfassessment")})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def self_assessment_edit(request, pk):
    """Correct a report and its commitments' colours, set the comment period, publish."""
    member = member_or_404(request)
    assessment = get_object_or_404(
        SelfAssessment.objects.filter(plan__member=member).select_related("plan"), pk=pk)
    require(request.user, "reports.change_selfassessment", assessment)
    today = timezone.localdate()
    # Where the report stands as stored, before the forms put what was typed on it.
    key, label = state_of(assessment, today)
    public, comments_open = assessment.is_visible(today), assessment.comments_open(today)
    langs = member.document_languages
    publishing = request.method == "POST" and request.POST.get("action") == "publish"
    data = request.POST if request.method == "POST" and not publishing else None
    form = self_assessment_form(langs)(data, instance=assessment)
    item_form = commitment_assessment_form(langs)
    items = [item_form(data, instance=row, prefix=f"c{row.pk}") for row in
             assessment.commitment_assessments.select_related("commitment")
             .order_by("commitment__number")]
    publish_form = PublishForm(request.POST if publishing else None)
    if publishing and publish_form.is_valid():
        try:
            services.self_assessment_publish(
                actor=request.user, assessment=assessment,
                published_on=publish_form.cleaned_data["published_on"])
        except ValidationError as error:
            publish_form.add_error(None, error)
        else:
            messages.success(request, _("The report is published."))
            return redirect("workspace:self_assessments")
    elif data is not None and all([form.is_valid(), *[item.is_valid() for item in items]]):
        try:
            services.self_assessment_save(
                actor=request.user, assessment=assessment,
                values={name: form.cleaned_data[name] for name in form.fields},
                items={item.instance.pk: {name: item.cleaned_data[name] for name in item.fields}
                       for item in items})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The report is saved."))
            return redirect("workspace:self_assessment_edit", pk=assessment.pk)
    errors = [("", form), *[(str(item.instance.commitment.number), item) for item in items],
              ("", publish_form)]
    return render(request, "workspace/self_assessment/edit.html", {
        "member": member, "assessment": assessment, "plan": assessment.plan, "form": form,
        "items": items, "publish_form": publish_form, "state": key, "state_label": label,
        "public": public, "comments_open": comments_open,
        "errors": [(prefix, f) for prefix, f in errors if f.errors]})
