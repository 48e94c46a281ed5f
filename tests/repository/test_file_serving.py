"""A file someone uploaded is never served as a page of the site: whatever its name, its
bytes or how it was stored, it comes back as a file (attachment, unless it is a PDF or an
image that is what it says), with the type its content was checked to be, in a sandbox,
never sniffed; and, with a download host, only from that host."""

import io
import zipfile
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone

from opengov.repository import services as repository
from opengov.repository.models import Document, DocumentVersion
from tests.tracking.files import pdf_with

pytestmark = pytest.mark.django_db

SANDBOX = "sandbox; default-src 'none'"
FILES_HOST = "files.ogp.example.gov"
# Active content a browser would run on the site's origin if it were served as a page.
EVIL = {
    "evil.html": b"<!doctype html><html><body><script>alert(document.cookie)</script>"
                 b"</body></html>",
    "evil.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "evil.js": b"fetch('/en/workspace/').then(r => r.text()).then(alert)",
    "evil.xml": b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">'
                b"<script>alert(1)</script></html>",
    "evil.pdf": b"<html><script>alert(document.domain)</script></html>",  # a lying name
}
ACTIVE_TYPES = ("html", "svg", "javascript", "xml", "ecmascript")


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(out, format="PNG")
    return out.getvalue()


def stored(demo, name, content, **version):
    """A public document whose first version is ``content``, stored as any path might."""
    document = Document.objects.create(member=demo, kind="other", title=f"File {name}",
                                       date=timezone.localdate(), language="en")
    return DocumentVersion.objects.create(document=document,
                                          file=ContentFile(content, name=name), **version)


def download(client, version, **extra):
    return client.get(f"/en/documents/{version.document_id}/v{version.number}/download/",
                      **extra)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def assert_a_file(response):
    assert response["Content-Security-Policy"] == SANDBOX  # not replaced by the site's own
    assert response["X-Content-Type-Options"] == "nosniff"


def assert_never_a_page(response):
    assert response.status_code == 200
    assert_a_file(response)
    assert response["Content-Disposition"].startswith("attachment")
    assert not any(kind in response["Content-Type"] for kind in ACTIVE_TYPES)


@pytest.mark.parametrize("name", EVIL)
def test_active_content_is_sent_as_an_attachment_of_its_checked_type(client, demo, name):
    version = stored(demo, name, EVIL[name])
    assert version.mime_type == "text/plain"  # from the bytes, not from the name
    response = download(client, version)
    assert_never_a_page(response)
    assert response["Content-Type"] in ("text/plain", "application/octet-stream")
    assert body(response) == EVIL[name]


def test_a_type_a_caller_claims_is_not_stored_when_the_content_disagrees(demo):
    version = stored(demo, "evil.pdf", EVIL["evil.pdf"], mime_type="application/pdf")
    assert version.mime_type == "text/plain"


@pytest.mark.parametrize("stored_type", ["application/pdf", "image/png", "text/html",
                                         "image/svg+xml", "application/zip", ""])
def test_a_version_stored_with_a_wrong_type_goes_out_as_octet_stream(client, demo,
                                                                     stored_type):
    # As a version stored before types came from the content, or written by hand, would be.
    version = stored(demo, "evil.html", EVIL["evil.html"])
    DocumentVersion.objects.filter(pk=version.pk).update(mime_type=stored_type)
    response = download(client, version)
    assert_never_a_page(response)
    assert response["Content-Type"] == "application/octet-stream"


def test_an_office_file_that_names_an_active_type_inside_is_octet_stream(client, demo):
    # An OpenDocument file says its own type in its "mimetype" entry: any bytes could.
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as odt:
        odt.writestr("mimetype", "text/html")
        odt.writestr("content.xml", "<script>alert(1)</script>")
    version = stored(demo, "report.odt", archive.getvalue())
    response = download(client, version)
    assert_never_a_page(response)
    assert response["Content-Type"] == "application/octet-stream"


def test_a_real_pdf_and_png_open_in_the_browser_with_their_type(client, demo, users):
    pdf = repository.document_add(
        actor=users["poc"], member=demo, kind="report", title="Annual report",
        upload=SimpleUploadedFile("report.pdf", pdf_with("Rapport annuel")))
    png = stored(demo, "chart.png", png_bytes())
    for version, kind in ((pdf.versions.get(), "application/pdf"), (png, "image/png")):
        assert version.mime_type == kind
        response = download(client, version)
        assert response.status_code == 200
        assert response["Content-Type"] == kind
        assert response["Content-Disposition"].startswith("inline")
        assert_a_file(response)


def test_other_accepted_types_are_attachments(client, demo, users):
    csv = repository.document_add(
        actor=users["poc"], member=demo, kind="report", title="Figures",
        upload=SimpleUploadedFile("figures.csv", b"year,amount\n2026,12\n"))
    response = download(client, csv.versions.get())
    assert_never_a_page(response)
    assert response["Content-Type"] == "text/csv"


def test_object_storage_is_asked_for_the_same_type_and_disposition(client, demo, monkeypatch):
    class Bucket:
        def url(self, name, parameters=None, expire=None, http_method=None):
            query = "&".join(f"{k}={v}" for k, v in (parameters or {}).items())
            return f"https://bucket.example.org/{name}?{query}"

    version = stored(demo, "evil.html", EVIL["evil.html"])
    monkeypatch.setattr(DocumentVersion._meta.get_field("file"), "storage", Bucket())
    response = download(client, version)
    assert response.status_code == 302
    asked = parse_qs(urlsplit(response["Location"]).query)
    assert asked["ResponseContentType"] == ["text/plain"]
    assert asked["ResponseContentDisposition"][0].startswith("attachment")
    assert_a_file(response)


@pytest.mark.parametrize("url", [
    "/open-data/opengov-open-data.zip",
    "/en/repository/valmerre-plan-3/tracking-sheet.csv",
    "/en/plans/valmerre-plan-3/co-creation/feedback.csv",
    "/en/calendar.ics",
])
def test_files_made_from_what_people_wrote_are_sandboxed_too(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_a_file(response)


def test_the_cache_keeps_a_files_sandbox(client, demo):
    from django.core.cache import caches

    caches["public_pages"].clear()
    with override_settings(PUBLIC_CACHE=True):
        client.get("/en/calendar.ics")
        again = Client().get("/en/calendar.ics")
    caches["public_pages"].clear()
    assert again["X-Cache"] == "hit"
    assert_a_file(again)


# -- the download host ---------------------------------------------------------------------

@pytest.fixture
def files_host():
    with override_settings(DOWNLOAD_HOST=FILES_HOST,
                           ALLOWED_HOSTS=["testserver", FILES_HOST]):
        yield FILES_HOST


def test_a_download_asked_on_the_site_goes_to_the_download_host(client, demo, files_host):
    version = stored(demo, "evil.html", EVIL["evil.html"])
    response = download(client, version)
    assert response.status_code == 302
    path = f"/en/documents/{version.document_id}/v1/download/"
    assert response["Location"] == f"http://{FILES_HOST}{path}"
    there = download(client, version, HTTP_HOST=FILES_HOST)
    assert_never_a_page(there)
    assert body(there) == EVIL["evil.html"]


@pytest.mark.parametrize("path", ["/en/", "/en/plans/", "/en/search/?q=open",
                                  "/en/workspace/", "/api/v1/plans", "/en/calendar.ics"])
def test_the_download_host_answers_nothing_but_downloads(client, demo, files_host, path):
    assert client.get(path).status_code in (200, 302)  # on the site itself
    response = client.get(path, HTTP_HOST=FILES_HOST)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")  # not even the site's 404 page
    assert_a_file(response)


@pytest.mark.parametrize("path", ["/static/css/site.css", "/nowhere/",
                                  "/documents/1/v1/download/"])
def test_the_download_host_serves_no_other_address(client, demo, files_host, path):
    response = client.get(path, HTTP_HOST=FILES_HOST)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")


def test_the_download_host_runs_no_form(client, demo, files_host):
    response = client.post("/en/plans/valmerre-plan-3/co-creation/contribute/",
                           {"text": "An idea"}, HTTP_HOST=FILES_HOST)
    assert response.status_code == 404


def test_a_document_page_on_the_download_host_is_not_found(client, demo, files_host):
    version = stored(demo, "notes.txt", b"Notes")
    assert client.get(f"/en/documents/{version.document_id}/").status_code == 200
    response = client.get(f"/en/documents/{version.document_id}/", HTTP_HOST=FILES_HOST)
    assert response.status_code == 404


def test_a_private_document_is_not_served_on_the_download_host(client, demo, files_host):
    version = stored(demo, "notes.txt", b"Private notes")
    Document.objects.filter(pk=version.document_id).update(is_public=False)
    assert download(client, version, HTTP_HOST=FILES_HOST).status_code == 404


def test_the_site_links_every_download_to_the_download_host(client, demo, files_host):
    version = stored(demo, "notes.txt", b"Notes")
    link = f"//{FILES_HOST}/en/documents/{version.document_id}/v1/download/"
    page = client.get(f"/en/documents/{version.document_id}/").content.decode()
    assert f'href="{link}"' in page
    listed = client.get("/api/v1/documents", {"limit": 500}).json()["items"]
    urls = {item["download_url"] for item in listed if item["download_url"]}
    assert link in urls and all(url.startswith(f"//{FILES_HOST}/") for url in urls)


def test_without_a_download_host_links_stay_on_the_site(client, demo):
    version = stored(demo, "notes.txt", b"Notes")
    path = f"/en/documents/{version.document_id}/v1/download/"
    assert f'href="{path}"' in client.get(f"/en/documents/{version.document_id}/").content.decode()
    assert download(client, version).status_code == 200
