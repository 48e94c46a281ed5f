"""Reads of the public repository (R1, R4): a folder for the development process and one per
commitment, each with its documents and the date it was last updated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from opengov.core.predicates import is_agency_editor, is_poc_team, organisation_of

from .models import Document

PROCESS = "process"


@dataclass
class Folder:
    key: str  # "process" or a commitment's slug
    title: str
    commitment: object | None
    count: int
    last_updated: date | None


def public_documents(plan):
    return Document.objects.public().filter(plan__member=plan.member).filter(
        Q(plan=plan) | Q(commitment__plan=plan))


def folders(plan) -> list[Folder]:
    """Every commitment has its folder, even before its first document (R4)."""
    stats = {row["commitment"]: row for row in public_documents(plan).values("commitment")
             .annotate(n=Count("pk"), last_version=Max("versions__uploaded_at"),
                       last_date=Max("date"))}

    def last(row):
        if not row:
            return None
        version = row["last_version"].date() if row["last_version"] else None
        return max(filter(None, (version, row["last_date"])), default=None)

    process = stats.get(None, {})
    result = [Folder(PROCESS, _("Development process"), None, process.get("n", 0),
                     last(process))]
    for commitment in plan.commitments.order_by("number"):
        row = stats.get(commitment.pk, {})
        result.append(Folder(commitment.slug, str(commitment), commitment, row.get("n", 0),
                             last(row)))
    return result


def folder(plan, key) -> tuple[Folder, object]:
    """A folder and its public documents, newest first."""
    match = next((f for f in folders(plan) if f.key == key), None)
    if match is None:
        raise Http404("No such folder.")
    documents = public_documents(plan)
    documents = (documents.filter(commitment__isnull=True) if key == PROCESS
                 else documents.filter(commitment=match.commitment))
    return match, documents.prefetch_related("versions").order_by("-date", "-pk")


def documents_for(user, member):
    """The documents of ``member`` that ``user`` files and versions in the workspace.

    The Point of Contact team (and superusers) act on all of them; an agency editor on those
    filed under a commitment its organisation leads (``repository/rules.py``); anybody else
    on none. Every list of the repository desk starts from this queryset, so that a list
    never shows what its row's actions would refuse.
    """
    documents = Document.objects.filter(member=member)
    if is_poc_team.test(user):
        return documents
    organisation = organisation_of(user) if is_agency_editor.test(user) else None
    if organisation is None:
        return documents.none()
    return documents.filter(commitment__lead_agency_id=organisation)
