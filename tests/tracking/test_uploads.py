"""R3: uploads are checked by content, given safe names, and never overwrite a version."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from opengov.repository import services
from opengov.repository.extract import DOCX, ODT, PDF, UNREADABLE, Outcome, extract
from opengov.repository.files import safe_name, validate_upload
from opengov.repository.models import DocumentVersion

from .files import docx_with, odt_with, pdf_with

SENTENCE = "Les registres fonciers de Valmerre sont désormais ouverts"


def upload(name, data):
    return SimpleUploadedFile(name, data)


def test_real_pdf_docx_odt_csv_are_accepted():
    assert validate_upload(upload("r.pdf", pdf_with(SENTENCE))).label == "PDF"
    assert validate_upload(upload("r.docx", docx_with(SENTENCE))).extensions == ("docx",)
    assert validate_upload(upload("r.odt", odt_with(SENTENCE))).extensions == ("odt",)
    assert validate_upload(upload("r.csv", b"a,b\n1,2\n")).mime == "text/csv"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.pdf", b"", "is empty"),
    ("tool.exe", b"MZ\x90\x00" + b"\x00" * 100, "are not accepted"),
    ("noextension", b"hello", "are not accepted"),
    ("fake.pdf", b"just some text pretending", "is named as PDF but its content is not"),
    ("fake.docx", b"%PDF-1.4\n%%EOF", "is named as Word (DOCX)"),
    ("image.png", b"%PDF-1.4\n%%EOF", "is named as PNG"),
    ("binary.csv", b"\x00\x01\x02\x03" * 10, "is named as CSV"),
])
def test_refused_uploads_say_why(name, data, message):
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload(name, data))
    assert message in " ".join(refused.value.messages)


def test_size_limit_is_enforced_with_a_readable_message(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("big.txt", b"a" * 2048))
    assert "2.0\xa0KB; files can be up to 1.0\xa0KB" in refused.value.messages[0]


def test_refusal_messages_are_translated(settings):
    from django.utils import translation

    with translation.override("fr"):
        with pytest.raises(ValidationError) as refused:
            validate_upload(upload("tool.exe", b"MZ"))
        assert "ne sont pas acceptés" in refused.value.messages[0]


@pytest.mark.parametrize(("given", "safe"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\agent\\Rapport final (v2).PDF", "rapport-final-v2.pdf"),
    ("Évaluation été 2026.docx", "evaluation-ete-2026.docx"),
    ("<script>.pdf", "script.pdf"),
    (".pdf", "pdf"),
    ("a" * 300 + ".pdf", "a" * 80 + ".pdf"),
])
def test_safe_names(given, safe):
    assert safe_name(given) == safe


def test_text_inside_pdf_docx_odt_is_extracted():
    assert SENTENCE in extract(pdf_with(SENTENCE), PDF).text.replace("\n", " ")
    assert SENTENCE in extract(docx_with(SENTENCE), DOCX).text
    assert SENTENCE in extract(odt_with(SENTENCE), ODT).text
    assert extract(b"%PDF-1.4 broken", PDF) == Outcome("", UNREADABLE)


@pytest.mark.django_db
def test_versions_never_overwrite_each_other(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the text is read after commit
        document = services.document_add(member=demo, upload=upload("rapport.txt",
                                                                    b"first text"),
                                         kind="evidence", title="Rapport")
    second = services.version_add(document=document, upload=upload("rapport.txt", b"second"),
                                  note="corrected")
    first = document.versions.get(number=1)
    assert (first.number, second.number) == (1, 2)
    assert first.file.name != second.file.name
    assert first.file.open("rb").read() == b"first text"
    assert second.file.open("rb").read() == b"second"
    assert first.text == "first text" and first.size == 10 and len(first.sha256) == 64
    with pytest.raises(ValidationError):
        first.save()  # a stored version is never changed
    assert DocumentVersion.objects.get(pk=first.pk).sha256 == first.sha256


@pytest.mark.django_db
def test_a_refused_file_creates_nothing(demo):
    from opengov.repository.models import Document

    before = Document.objects.count()
    with pytest.raises(ValidationError):
        services.document_add(member=demo, upload=upload("x.pdf", b"not a pdf"),
                              kind="evidence", title="X")
    assert Document.objects.count() == before
