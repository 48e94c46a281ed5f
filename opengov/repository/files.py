"""Uploaded files: what is accepted (R3), safe names, and the text inside them for search.

A file is judged by its content, not by its name: the extension must agree with what the
bytes are. Text is extracted once, when a version is stored, so that searching never opens
files.
"""

from __future__ import annotations

import logging
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    label: str
    mime: str
    extensions: tuple[str, ...]


ACCEPTED = (
    Kind("PDF", "application/pdf", ("pdf",)),
    Kind("Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ("docx",)),
    Kind("OpenDocument Text (ODT)", "application/vnd.oasis.opendocument.text", ("odt",)),
    Kind("Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ("xlsx",)),
    Kind("OpenDocument Spreadsheet (ODS)", "application/vnd.oasis.opendocument.spreadsheet",
         ("ods",)),
    Kind("PowerPoint (PPTX)",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation", ("pptx",)),
    Kind("OpenDocument Presentation (ODP)", "application/vnd.oasis.opendocument.presentation",
         ("odp",)),
    Kind("PNG", "image/png", ("png",)),
    Kind("JPEG", "image/jpeg", ("jpg", "jpeg")),
    Kind("CSV", "text/csv", ("csv",)),
    Kind("Text", "text/plain", ("txt",)),
)
BY_EXTENSION = {ext: kind for kind in ACCEPTED for ext in kind.extensions}
TEXT_MIMES = {"text/csv", "text/plain"}
SNIFF_BYTES = 8192


def max_upload_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", 25 * 1024 * 1024)


def with_size_limit(message):
    """``message``, a lazy translation with ``%(limit)s``, completed with the upload limit
    in megabytes when it is shown, so that it reads in the reader's language."""
    return lazy(lambda: str(message) % {"limit": max_upload_bytes() // (1024 * 1024)}, str)()


def accepted_extensions() -> str:
    return ", ".join(sorted(f".{ext}" for ext in BY_EXTENSION))


def safe_name(name: str) -> str:
    """A file name that is safe on every storage: no path, ASCII, short, never empty."""
    base = PurePath(name.replace("\\", "/")).name
    stem, _dot, ext = base.rpartition(".")
    if not stem:
        stem, ext = ext, ""
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = slugify(stem)[:80] or "document"
    ext = get_valid_filename(ext.lower())[:10] if ext else ""
    return f"{stem}.{ext}" if ext else stem


def _sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    guess = filetype.guess(head)
    if guess is not None:
        if guess.mime == "application/zip":
            return _office_mime(upload)
        return guess.mime
    if head.startswith(b"PK"):
        return _office_mime(upload)
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the sniff boundary
            return None
    return "text/plain"


def _office_mime(upload) -> str | None:
    """Office files are ZIP archives; their inner files say which kind."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as entry:  # a few bytes, never the whole entry
                    return entry.read(100).decode("ascii", "replace").strip()
            for marker, mime in (("word/document.xml", ACCEPTED[1].mime),
                                 ("xl/workbook.xml", ACCEPTED[3].mime),
                                 ("ppt/presentation.xml", ACCEPTED[5].mime)):
                if marker in names:
                    return mime
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    return "application/zip"


def agrees(claimed: str, sniffed: str | None) -> bool:
    """The content read as ``sniffed`` is of type ``claimed`` (a CSV file reads as text)."""
    return bool(claimed) and (claimed == sniffed
                              or (claimed in TEXT_MIMES and sniffed == "text/plain"))


def validate_upload(upload) -> Kind:
    """The accepted kind of ``upload``, or a ValidationError that says what is wrong."""
    limit = max_upload_bytes()
    if upload.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty."), code="empty",
                              params={"name": upload.name})
    if upload.size > limit:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s; files can be up to %(limit)s."),
            code="too_large", params={"name": upload.name, "size": filesizeformat(upload.size),
                                      "limit": filesizeformat(limit)})
    ext = PurePath(upload.name).suffix.lower().lstrip(".")
    kind = BY_EXTENSION.get(ext)
    if kind is None:
        raise ValidationError(
            _("Files of type “.%(ext)s” are not accepted. Accepted types: %(accepted)s."),
            code="type", params={"ext": ext or "?", "accepted": accepted_extensions()})
    if not agrees(kind.mime, _sniff(upload)):
        raise ValidationError(
            _("The file “%(name)s” is named as %(kind)s but its content is not: it may be "
              "damaged or of another type. Save it again as %(kind)s and retry."),
            code="content", params={"name": upload.name, "kind": kind.label})
    return kind
