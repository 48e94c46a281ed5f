"""Writes on the repository: documents and their versions, always validated (R3).

Every upload, from any page, the admin or a command, passes ``validate_upload`` here and
nowhere else.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opengov.core.activity import authorise, record
from opengov.core.models import Activity
from opengov.core.writes import assign

from .files import validate_upload
from .models import Document, DocumentVersion

# The details of a document that the services set; ``member`` and the files are not among
# them (a document never changes member, and a file is a new version).
DOCUMENT_FIELDS = (
    *(f"{name}_{lang}" for name in ("title", "description")
      for lang in settings.MODELTRANSLATION_LANGUAGES),
    "title", "description", "kind", "date", "language", "licence", "external_url",
    "is_public", "plan", "commitment", "milestone", "meeting", "process",
)


@transaction.atomic
def document_add(*, actor=None, member, upload, kind, title, language="", licence="",
                 date=None, description="", is_public=True, **links) -> Document:
    """A new document with ``upload`` as its first version.

    ``links`` are what it documents (``plan``, ``commitment``, ``milestone``, ``meeting``,
    ``process``) and, optionally, its title and description in each content language
    (``title_fr``, ``description_en``...); ``title`` and ``description`` fill the languages
    not given. The permission is asked about the new document itself (its kind, and the
    commitment it is filed under), before the file is even read: a refused actor learns
    nothing about the file.
    """
    unknown = set(links) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"Document fields that cannot be set here: {', '.join(sorted(unknown))}")
    document = Document(
        member=member, kind=kind, title=title[:300], description=description,
        date=date or timezone.localdate(), language=language or member.document_languages[0],
        licence=licence or Document.Licence.CC_BY_4, is_public=is_public, **links,
    )
    authorise(actor, "repository.add_document", document)
    kind_of_file = validate_upload(upload)
    document.save()
    _version_create(document, upload, "", kind_of_file)
    record(actor=actor, kind=Activity.Kind.DOCUMENT_ADDED, target=document)
    return document


@transaction.atomic
def document_change(*, actor, document, **fields) -> Document:
    """Change a document's details: title and description (in any language), kind, date,
    language, licence, public or private, and what it documents (``DOCUMENT_FIELDS``).

    The permission is asked about the document as it stands and again as it will stand, so
    that nobody moves a document under a commitment they could not file it under.
    """
    authorise(actor, "repository.change_document", document)
    changed = assign(document, fields, DOCUMENT_FIELDS)
    authorise(actor, "repository.change_document", document)
    document.full_clean()
    document.save()
    record(actor=actor, kind=Activity.Kind.DOCUMENT_CHANGED, target=document,
           summary=", ".join(changed))
    return document


@transaction.atomic
def version_add(*, actor=None, document, upload, note="") -> DocumentVersion:
    """A new version; earlier ones stay as they are (R3: nothing is overwritten)."""
    authorise(actor, "repository.add_documentversion", document)
    version = _version_create(document, upload, note, validate_upload(upload))
    record(actor=actor, kind=Activity.Kind.VERSION_ADDED, target=document,
           summary=f"v{version.number}")
    return version


def _version_create(document, upload, note, kind):
    document = Document.objects.select_for_update().get(pk=document.pk)
    return DocumentVersion.objects.create(
        document=document, file=upload, note=note, original_name=upload.name[:255],
        mime_type=kind.mime,
    )
