"""The repository desk (R1–R4): the documents a user files and versions, in the workspace.

The Point of Contact team works on every document of the member; an agency editor on the
documents of the commitments its organisation leads (``opengov/repository/rules.py``). The
list starts from ``documents_for``; each page also asks the object-level permission, so a
crafted address or form reaches nothing more (403). Files are written by the repository's
services only, which check every upload by its content (R3).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from opengov.core.forms import first_filled
from opengov.core.predicates import is_agency_editor, is_poc_team
from opengov.plans.models import ActionPlan, Commitment
from opengov.repository import services
from opengov.repository.models import Document, DocumentVersion
from opengov.repository.selectors import documents_for
from opengov.web.views import member_or_404

from .access import require
from .repository_forms import DeskFilterForm, document_form

PER_PAGE = 25
# Who works at the desk at all; what each may do is decided document by document.
uses_repository_desk = is_poc_team | is_agency_editor



def _desk_member(request):
    member = member_or_404(request)
    if not uses_repository_desk.test(request.user):
        raise PermissionDenied
    return member


def _commitments(member):
    return (Commitment.objects.filter(plan__member=member).select_related("plan")
            .order_by("-plan__start_year", "number"))


def _form_kwargs(request, member):
    """The choices of the document form: the member's plans and commitments (what validates)
    and the commitments the user may file under (what is offered)."""
    commitments = _commitments(member)
    offered = [c for c in commitments if request.user.has_perm("repository.add_document", c)]
    return {"plans": ActionPlan.objects.filter(member=member).order_by("-start_year"),
            "commitments": commitments, "offered": offered,
            "require_commitment": not is_poc_team.test(request.user)}


def _check_filing(request, form, member):
    """403 if the chosen commitment (or none: the document itself) is not one the user may
    file under, whatever else the form says; crafted forms included."""
    if "commitment" in form.cleaned_data:
        data = form.cleaned_data
        require(request.user, "repository.add_document", Document(
            member=member, plan=data.get("plan"), commitment=data["commitment"],
            kind=data.get("kind") or ""))


@login_required
@require_safe
def desk(request):
    """The documents the user acts on, filtered, 25 a page, newest first."""
    member = _desk_member(request)
    user = request.user
    documents = documents_for(user, member)
    form = DeskFilterForm(
        request.GET, plans=ActionPlan.objects.filter(member=member).order_by("-start_year"),
        commitments=_commitments(member).filter(pk__in=documents.values("commitment")))
    documents = (form.filter(documents).select_related("plan", "commitment__plan")
                 .prefetch_related(Prefetch("versions",
                                            queryset=DocumentVersion.objects.order_by("number")))
                 .order_by("-date", "-pk"))
    page = Paginator(documents, PER_PAGE).get_page(request.GET.get("page"))
    languages = dict(settings.LANGUAGES)
    rows = [{
        "document": document, "latest": document.current_version,
        "language": languages.get(document.language, document.language),
        "can_change": user.has_perm("repository.change_document", document),
        "can_version": user.has_perm("repository.add_documentversion", document),
    } for document in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "workspace/repository/desk.html", {
        "member": member, "form": form, "page": page, "rows": rows,
        "query": query.urlencode(), "is_poc": is_poc_team.test(user)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_new(request):
    """File a document with its first file, under a commitment the user may file under."""
    member = _desk_member(request)
    langs = member.document_languages
    form = document_form(langs, with_file=True)(
        request.POST or None, request.FILES or None, **_form_kwargs(request, member),
        initial={"date": timezone.localdate(), "language": langs[0],
                 "licence": Document.Licence.CC_BY_4, "is_public": True})
    if request.method == "POST":
        valid = form.is_valid()
        _check_filing(request, form, member)
        if valid:
            try:
                document = services.document_add(
                    actor=request.user, member=member, upload=form.cleaned_data["file"],
                    title=first_filled(form, "title", langs),
                    description=first_filled(form, "description", langs),
                    **form.details(), **form.texts())
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("“%(title)s” is filed, with its file as version "
                                            "1.") % {"title": document.title})
                return redirect("workspace:repository_desk")
    return render(request, "workspace/repository/document_form.html", {
        "member": member, "form": form, "document": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_edit(request, pk):
    """Change a document's details and whether it is public; see and add its versions."""
    member = _desk_member(request)
    document = get_object_or_404(
        Document.objects.filter(member=member).select_related("plan", "commitment__plan"),
        pk=pk)
    require(request.user, "repository.change_document", document)
    langs = member.document_languages
    initial = {name: getattr(document, name) for name in
               ("kind", "date", "language", "licence", "is_public")}
    initial.update(plan=document.plan_id, commitment=document.commitment_id)
    initial.update({f"{name}_{lang}": getattr(document, f"{name}_{lang}", "") or ""
                    for name in ("title", "description") for lang in langs})
    kwargs = _form_kwargs(request, member)
    if document.commitment is not None and document.commitment not in kwargs["offered"]:
        kwargs["offered"].append(document.commitment)
    # Not bound to the document: the form must not change it before the service checks.
    form = document_form(langs, with_file=False)(request.POST or None, initial=initial,
                                                 **kwargs)
    if request.method == "POST":
        valid = form.is_valid()
        if form.cleaned_data.get("commitment", document.commitment) != document.commitment:
            _check_filing(request, form, member)
        if valid:
            try:
                services.document_change(actor=request.user, document=document,
                                         **form.details(), **form.texts())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The details of “%(title)s” are saved.")
                                 % {"title": document.title})
                return redirect("workspace:repository_desk")
    return render(request, "workspace/repository/document_form.html", {
        "member": member, "form": form, "document": document,
        "versions": document.versions.order_by("-number"),
        "can_version": request.user.has_perm("repository.add_documentversion", document)})
