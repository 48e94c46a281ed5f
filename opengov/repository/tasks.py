"""The repository's background work: reading the words inside a new version's file."""

from django.utils.translation import gettext_lazy as _

from opengov.core.tasks import background

from .extract import extract


@background(label=_("Read the text of an uploaded file for the search"))
def read_version_text(version_id):
    """Read the file's text in a sandboxed child process, keep it, and index the document."""
    from opengov.search.index import index

    from .models import DocumentVersion

    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None or version.text_state != DocumentVersion.TextState.PENDING:
        return  # gone, or already read (a task can run twice)
    with version.file.open("rb") as file:
        outcome = extract(file.read(), version.mime_type)
    state = outcome.reason or DocumentVersion.TextState.INDEXED
    # A version is never changed through save() (R3); its derived text is set here only.
    DocumentVersion.objects.filter(pk=version_id).update(text=outcome.text, text_state=state)
    index("document", [version.document_id])
