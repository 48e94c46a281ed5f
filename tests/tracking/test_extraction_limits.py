"""Reading a file's text is held to limits, in a child process, after the upload (R2, R3):
a file built to make the reader work for minutes or fill the memory is still stored and
listed; only its text is "not searchable", with the reason shown to staff."""

import io
import zipfile
import zlib
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opengov.repository import extract as extraction
from opengov.repository import services
from opengov.repository.extract import ODT, PDF, Outcome, extract
from opengov.repository.models import Document, DocumentVersion
from opengov.search.query import search
from tests.helpers import as_user

from .files import odt_with, pdf_with

MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            f'manifest:full-path="/" manifest:media-type="{ODT}"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')


@cache
def odt_bomb(inflated=300 * 1024 * 1024):
    """A valid ODT of a few hundred KB whose content.xml inflates to about ``inflated`` bytes
    of paragraphs."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", ODT, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
        info = zipfile.ZipInfo("content.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as entry:
            entry.write(b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                        b"<office:body><office:text>")
            chunk = b"<text:p>x</text:p>" * 50_000
            for _ in range(inflated // len(chunk)):
                entry.write(chunk)
            entry.write(b"</office:text></office:body></office:document-content>")
    return out.getvalue()


def pdf_with_one_huge_stream(operators=400_000):
    """A small PDF whose one page content inflates to millions of text-drawing operators."""
    content = zlib.compress(b"BT /F1 1 Tf 0 0 Td (ab) Tj ET\n" * operators, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content
               + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def test_a_zip_that_would_inflate_past_the_limit_is_not_read():
    bomb = odt_bomb()
    assert len(bomb) < 2 * 1024 * 1024
    assert extract(bomb, ODT) == Outcome("", extraction.INFLATES)


def test_a_reader_that_runs_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(extraction, "TIME_LIMIT", 1)
    assert extract(pdf_with_one_huge_stream(), PDF) == Outcome("", extraction.TOO_SLOW)


def test_a_reader_that_needs_too_much_memory_is_stopped(monkeypatch):
    monkeypatch.setattr(extraction, "MEMORY_LIMIT", 200 * 1024 * 1024)
    monkeypatch.setattr(extraction, "INFLATED_LIMIT", 10**12)  # let it try
    assert extract(odt_bomb(600 * 1024 * 1024), ODT).reason == extraction.TOO_BIG


def test_only_the_first_part_of_a_long_text_is_kept(monkeypatch):
    monkeypatch.setattr(extraction, "TEXT_LIMIT", 40)
    outcome = extract(odt_with("Transparence " * 20), ODT)
    assert outcome.reason == extraction.TOO_MUCH_TEXT and len(outcome.text) == 40


@pytest.mark.django_db
class TestAfterTheUpload:
    def add(self, demo, name, data, capture):
        with capture(execute=True):
            document = services.document_add(
                member=demo, upload=SimpleUploadedFile(name, data), kind="report",
                title=f"Report {name}")
        return document, document.versions.get()

    def test_a_pdf_is_read_after_commit_and_found(self, demo,
                                                  django_capture_on_commit_callbacks):
        document = services.document_add(
            member=demo, upload=SimpleUploadedFile("a.pdf", pdf_with("Hippopotame budget")),
            kind="report", title="Report")
        assert document.versions.get().text_state == DocumentVersion.TextState.PENDING
        _, version = self.add(demo, "b.pdf", pdf_with("Hippopotame budget"),
                              django_capture_on_commit_callbacks)
        assert version.text_state == DocumentVersion.TextState.INDEXED
        assert "Hippopotame" in version.text
        hits = search("hippopotame", lang="en")[0]
        assert [h.entry.object_id for h in hits] == [version.document_id]

    def test_a_bomb_is_stored_and_listed_and_staff_see_why_it_is_not_searchable(
            self, client, users, demo, django_capture_on_commit_callbacks):
        document, version = self.add(demo, "rapport.odt", odt_bomb(),
                                     django_capture_on_commit_callbacks)
        assert version.text_state == DocumentVersion.TextState.INFLATES and version.text == ""
        assert Document.objects.filter(pk=document.pk, is_public=True).exists()
        assert client.get(f"/en/documents/{document.pk}/").status_code == 200
        page = as_user(client, users["poc"]).get(
            f"/en/workspace/documents/{document.pk}/edit/").content.decode()
        assert "Not searchable: it would unpack to more than 200 MB" in page

    def test_an_image_has_no_text_to_read(self, demo, django_capture_on_commit_callbacks):
        png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
               b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
               b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
        _, version = self.add(demo, "photo.png", png, django_capture_on_commit_callbacks)
        assert version.text_state == DocumentVersion.TextState.NONE
