"""Public pages of the plan's delivered versions (C7, C8): each version, a comparison of two,
and the official documents in every language of the plan."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from opengov.core import content, generated
from opengov.core.forms import parse_id
from opengov.web.views import member_or_404

from . import documents, selectors
from .compare import compare, text_of
from .models import PlanVersion


def _version(plan, number):
    return get_object_or_404(PlanVersion.objects.filter(plan=plan), number=number)


def _content_language(member):
    """The reader's language if the plan is written in it, else the plan's first language."""
    langs = member.document_languages
    return get_language() if get_language() in langs else langs[0]


@require_safe
def version(request, slug, number):
    member = member_or_404(request)
    plan = selectors.public_plan(member, slug)
    version = _version(plan, number)
    lang = _content_language(member)
    return render(request, "plans/version.html", {
        "member": member, "plan": plan, "version": version, "lang": lang,
        "doc_langs": member.document_languages,
        "notes": version.change_notes.get(lang) or version.change_notes.get("en", ""),
        "commitments": [(c["number"], text_of(c.get("title"), lang),
                         text_of(c.get("lead_agency"), lang), len(c.get("milestones", [])))
                        for c in version.snapshot["commitments"]],
        "previous": plan.versions.filter(number__lt=number).order_by("-number").first()})


@require_safe
def version_compare(request, slug):
    member = member_or_404(request)
    plan = selectors.public_plan(member, slug)
    versions = list(plan.versions.order_by("number"))
    if len(versions) < 2:
        raise Http404("Only one version.")
    old_n = parse_id(request.GET.get("from", versions[-2].number))
    new_n = parse_id(request.GET.get("to", versions[-1].number))
    if old_n is None or new_n is None:
        raise Http404("Bad version number.")
    old, new = _version(plan, old_n), _version(plan, new_n)
    lang = _content_language(member)
    plan_changes, changes = compare(old.snapshot, new.snapshot, lang)
    return render(request, "plans/compare.html", {
        "member": member, "plan": plan, "old": old, "new": new, "versions": versions,
        "plan_changes": plan_changes, "changes": changes})


@require_safe
def version_file(request, slug, number, lang, fmt):
    """A delivered version's document, made once and served from storage."""
    member = member_or_404(request)
    plan = selectors.public_plan(member, slug)
    version = _version(plan, number)
    if lang not in member.document_languages or fmt not in ("docx", "pdf"):
        raise Http404("No such document.")
    return generated.serve(request, documents.version_file(version, lang, fmt))


@require_safe
def commitment_file(request, plan_slug, slug, lang, fmt):
    """One commitment's template as it stands, in one language (CM1), made again only after
    content has changed."""
    member = member_or_404(request)
    commitment = selectors.public_commitment(member, plan_slug, slug)
    if lang not in member.document_languages or fmt not in ("docx", "pdf"):
        raise Http404("No such document.")
    return generated.serve(request, documents.commitment_file(
        commitment, lang, fmt, str(content.current().number)))
