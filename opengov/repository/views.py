"""The public repository (R1–R4): folders, documents and the tracking sheet, no password."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from opengov.core.documents import as_file
from opengov.plans import selectors as plan_selectors
from opengov.web.views import member_or_404

from . import selectors, tracking_sheet


def _plan(request, slug=None):
    member = member_or_404(request)
    if slug is None:
        current = plan_selectors.current_plan(member)
        if current is None:
            raise Http404("No plan yet.")
        slug = current.slug
    return member, plan_selectors.public_plan(member, slug)


@require_safe
def repository(request, slug=None):
    member, plan = _plan(request, slug)
    return render(request, "repository/repository.html", {
        "member": member, "plan": plan, "folders": selectors.folders(plan),
        "plans": plan_selectors.public_plans(member)})


@require_safe
def folder(request, slug, key):
    member, plan = _plan(request, slug)
    folder, documents = selectors.folder(plan, key)
    return render(request, "repository/folder.html", {
        "member": member, "plan": plan, "folder": folder, "documents": documents})


@require_safe
def sheet(request, slug, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("The tracking sheet is in CSV or XLSX.")
    _member, plan = _plan(request, slug)
    name = f"tracking-sheet-{slugify(plan.slug)}"
    if fmt == "xlsx":
        response = HttpResponse(
            tracking_sheet.as_xlsx(plan, request.build_absolute_uri),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        response = HttpResponse(tracking_sheet.as_csv(plan, request.build_absolute_uri),
                                content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return as_file(response)  # it quotes what people wrote
