"""Public pages and API answers for anonymous readers, cached until content changes.

- **Who.** Only GET and HEAD requests that carry no session and no pending message: a
  signed-in user (or an anonymous reader with a message to see) never gets a cached page,
  and their pages are never stored.
- **Key.** The content version (``opengov.core.content``), the day (deadlines and "published
  on" dates move with it), the scheme, the host and the full path (feeds and pages carry
  absolute links). A change to public content bumps the
  version after commit, so every server stops serving the old pages at once.
- **Where.** The ``public_pages`` cache: Redis when ``REDIS_URL`` is set (all servers share
  it), else files under ``var/cache`` (every process of one server shares them).
- **No one else's token.** A page with a form carries a CSRF token. It is stored with a
  placeholder instead, and each reader gets a token of their own (and the cookie that goes
  with it); a public form's signed start time likewise (``PER_READER``). Responses that set
  any other cookie are not stored.
- **Conditional requests.** Cached answers carry a weak ``ETag`` (of the stored body) and
  ``Last-Modified`` (when content last changed); ``ConditionalGetMiddleware`` answers 304.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.http import http_date

from . import content
from .forms import form_started_token

CACHE = "public_pages"
SKIPPED_PREFIXES = ("/admin/", "/workspace/", "/sign-in/", "/sign-out/", "/media/",
                    "/static/")
# What each reader of a cached page gets of their own: the field's value is stored as a
# placeholder and made again for every answer.
PER_READER = (
    # The CSRF token (its cookie is set by CsrfViewMiddleware on the way out).
    (re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")'), b"@@csrf@@",
     get_token),
    # A public form's signed start time (opengov.core.forms.HoneypotMixin).
    (re.compile(rb'(name="started" value=")[A-Za-z0-9_:.\-]+(")'), b"@@started@@",
     lambda request: form_started_token()),
)
MAX_BYTES = 2 * 1024 * 1024
# A policy set by the view itself (a file's sandbox, core.documents.as_file) is kept with the
# answer; pages get the site's own policy from django-csp on the way out, hit or miss.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link",
                "Access-Control-Allow-Origin", "X-Robots-Tag", "Content-Security-Policy",
                "X-Content-Type-Options")


def _path(request):
    path = request.path
    parts = path.split("/", 2)  # /fr/workspace/... -> /workspace/...
    if len(parts) > 2 and parts[1] in {code for code, _name in settings.LANGUAGES}:
        path = "/" + parts[2]
    return path


def _cacheable_request(request):
    return (request.method in ("GET", "HEAD") and getattr(settings, "PUBLIC_CACHE", True)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not _path(request).startswith(SKIPPED_PREFIXES)
            and not request.user.is_authenticated)


def _key(request, version):
    raw = "|".join([str(version.number), timezone.localdate().isoformat(), request.scheme,
                    request.get_host(), request.get_full_path()])
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        version = content.current()
        key = _key(request, version)
        cache = caches[CACHE]
        stored = cache.get(key)
        if stored is not None:
            return self._answer(request, stored, version)
        response = self.get_response(request)
        stored = self._storable(request, response)
        if stored is None:
            return response
        cache.set(key, stored, timeout=24 * 3600)
        return self._answer(request, stored, version, response)

    def _storable(self, request, response):
        """What to keep of ``response``, or None when it must not be kept."""
        messages = getattr(request, "_messages", None)
        if (response.status_code != 200 or response.streaming or response.cookies
                or "no-store" in response.get("Cache-Control", "")
                or "private" in response.get("Cache-Control", "")
                or len(response.content) > MAX_BYTES
                or request.user.is_authenticated  # signed in by this very request
                or not request.session.is_empty()  # something was kept for this reader
                or messages is not None and messages._queued_messages):
            return None
        body = response.content
        for pattern, placeholder, _value in PER_READER:
            body = pattern.sub(rb"\1" + placeholder + rb"\2", body)
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        return {"body": body, "headers": headers,
                "etag": 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'}

    def _answer(self, request, stored, version, response=None):
        body = stored["body"]
        for _pattern, placeholder, value in PER_READER:
            if placeholder in body:
                body = body.replace(placeholder, value(request).encode())
        if response is None:
            response = HttpResponse(body)
            for name, value in stored["headers"].items():
                response[name] = value
            response["X-Cache"] = "hit"
        else:
            response.content = body
            response["X-Cache"] = "miss"
        response["ETag"] = stored["etag"]
        response["Last-Modified"] = http_date(version.changed_at.timestamp())
        response["Cache-Control"] = "max-age=0, must-revalidate"
        response["Vary"] = "Cookie, Accept-Language"
        return response
