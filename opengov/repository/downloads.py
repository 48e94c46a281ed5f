"""Sending uploaded files: always as files, never as pages of the site.

A file someone uploaded must not run on the site's origin, whatever its name, its bytes or
the way it was stored:

- it is sent with the type stored when its content was checked (``DocumentVersion.mime_type``,
  see ``files.py``), never one guessed from its name; a type outside the accepted list goes
  out as ``application/octet-stream``;
- only PDF, PNG and JPEG open in the browser, and only when the file's first bytes are what
  the stored type says; everything else is an attachment;
- every file response forbids scripts and sniffing (``core.documents.as_file``);
- with ``DOWNLOAD_HOST`` set, files are served from that host alone, a user-content domain
  as GitHub's and Google's: the site links there, the main host redirects there, and that
  host answers nothing but downloads (``DownloadHostMiddleware``).
"""

import inspect

import filetype
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseNotFound, HttpResponseRedirect
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils.http import content_disposition_header

from opengov.core.documents import as_file

from .files import ACCEPTED, SNIFF_BYTES

OCTET_STREAM = "application/octet-stream"
ACCEPTED_TYPES = frozenset(kind.mime for kind in ACCEPTED)
# What a browser may show in the page instead of saving: formats that run no script.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
DOWNLOAD_VIEW = "web:document_download"


def served_type(stored: str, head: bytes | None) -> tuple[str, bool]:
    """The content type a version is sent with, and whether it may open in the browser.

    ``head`` is the start of the file, to check again that an inline type is what the bytes
    are (a version stored before types came from content may say otherwise); None where the
    file is not read here (object storage, which the content check at upload covers).
    """
    if stored not in ACCEPTED_TYPES:
        return OCTET_STREAM, False
    if stored not in INLINE_TYPES:
        return stored, False
    if head is not None and filetype.guess_mime(head) != stored:
        return OCTET_STREAM, False
    return stored, True


def serve(version):
    """The response that sends ``version``'s file, or sends the reader to the object storage
    that keeps it, with the same type and disposition."""
    file = version.file
    name = file.name.rsplit("/", 1)[-1]
    storage_url = file.storage.url(file.name)
    if storage_url.startswith("http"):  # object storage serves it directly
        content_type, inline = served_type(version.mime_type, None)
        return as_file(HttpResponseRedirect(
            _storage_url(file, content_type, content_disposition_header(not inline, name))
            or storage_url))
    try:
        handle = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file of this version is missing from storage.") from missing
    head = handle.read(SNIFF_BYTES)
    handle.seek(0)
    content_type, inline = served_type(version.mime_type, head)
    return as_file(FileResponse(handle, as_attachment=not inline, filename=name,
                                content_type=content_type))


def _storage_url(file, content_type, disposition):
    """A signed link that makes S3-compatible storage send the file with our type and
    disposition; None for a storage whose links take no such parameters."""
    if "parameters" not in inspect.signature(file.storage.url).parameters:
        return None
    return file.storage.url(file.name, parameters={
        "ResponseContentType": content_type, "ResponseContentDisposition": disposition})


# -- the download host ----------------------------------------------------------------------

def download_host() -> str:
    return getattr(settings, "DOWNLOAD_HOST", "") or ""


def download_url(document_id, number) -> str:
    """Where the site links to download a version: on the download host when there is one
    (scheme-relative, so it follows the page's http or https)."""
    path = reverse(DOWNLOAD_VIEW, args=[document_id, number])
    host = download_host()
    return f"//{host}{path}" if host else path


def on_download_host(request) -> bool:
    host = download_host().lower()
    if not host:
        return False
    asked = request.get_host().lower()
    # "files.example.org" matches whatever the port; "files.example.org:8001" only that port.
    return asked == host or (split_domain_port(host)[1] == ""
                             and split_domain_port(asked)[0] == host)


def to_download_host(request):
    """The redirect to the download host for a download asked on the main host, or None."""
    if not download_host() or on_download_host(request):
        return None
    return HttpResponseRedirect(f"{request.scheme}://{download_host()}"
                                f"{request.get_full_path()}")


def _not_found():
    return as_file(HttpResponseNotFound("Not found.", content_type="text/plain"))


class DownloadHostMiddleware:
    """On the download host, only downloads of files are answered: any other address gets
    a plain 404 before its view runs, so no page, form or static file of the site is ever
    served from the origin where user files live."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not on_download_host(request):
            return self.get_response(request)
        response = self.get_response(request)
        if getattr(request, "_opengov_download", False):
            return response
        return _not_found()  # static files, unknown addresses, redirects

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not on_download_host(request):
            return None
        if request.resolver_match.view_name != DOWNLOAD_VIEW:
            return _not_found()
        request._opengov_download = True
        return None
