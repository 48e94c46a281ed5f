"""Writes on the repository: documents and their versions, always validated (R3)."""

from django.db import transaction
from django.utils import timezone

from .files import validate_upload
from .models import Document, DocumentVersion


@transaction.atomic
def document_add(*, member, upload, kind, title, language="", licence="", date=None,
                 description="", is_public=True, **links) -> Document:
    """A new document with ``upload`` as its first version."""
    validate_upload(upload)
    document = Document.objects.create(
        member=member, kind=kind, title=title[:300], description=description,
        date=date or timezone.localdate(), language=language or member.document_languages[0],
        licence=licence or Document.Licence.CC_BY_4, is_public=is_public, **links,
    )
    version_add(document=document, upload=upload)
    return document


@transaction.atomic
def version_add(*, document, upload, note="") -> DocumentVersion:
    """A new version; earlier ones stay as they are (R3: nothing is overwritten)."""
    kind = validate_upload(upload)
    document = Document.objects.select_for_update().get(pk=document.pk)
    return DocumentVersion.objects.create(
        document=document, file=upload, note=note, original_name=upload.name[:255],
        mime_type=kind.mime,
    )
