import re

from django.http import HttpResponseBadRequest
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _


class RejectNulBytesMiddleware:
    """A NUL byte in a query or form value is never legitimate, and PostgreSQL refuses it in
    text: answer 400 at once instead of failing deep in a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for values in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
            for key, items in values.lists():
                if "\x00" in key or any("\x00" in item for item in items):
                    return HttpResponseBadRequest("NUL bytes are not allowed.")
        if "\x00" in request.path:
            return HttpResponseBadRequest("NUL bytes are not allowed.")
        return self.get_response(request)


# The acronyms of open government, in the reader's language ("OGP" is "PGO" in French).
ACRONYMS = [
    (_("OGP"), _("Open Government Partnership")),
    (_("IRM"), _("Independent Reporting Mechanism")),
    (_("POC"), _("Point of Contact")),
]
MAIN = re.compile(r"(<main\b[^>]*>)(.*)(</main>)", re.S)
TAG = re.compile(r"(<[^>]*>)")
# Text inside these is left as it is: typed text, code, drawings, what is spelled out (or
# defined) already.
LEAVE = {"textarea", "pre", "code", "abbr", "dfn", "option", "script", "style", "svg", "title"}


def spell_out_acronyms(html: str) -> str:
    """``html`` with the first use of each acronym in its ``<main>`` wrapped in an ``<abbr>``
    that spells it out (WCAG 3.1.4), in the active language."""
    match = MAIN.search(html)
    if not match:
        return html
    pending = {str(short): str(long) for short, long in ACRONYMS}
    patterns = {short: re.compile(rf"\b{re.escape(short)}\b") for short in pending}
    parts, inside = TAG.split(match.group(2)), []
    for index, part in enumerate(parts):
        if not pending:
            break
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in LEAVE and not part.endswith("/>"):
                if part.startswith("</"):
                    if inside:
                        inside.pop()
                else:
                    inside.append(name.group(1).lower())
            continue
        if inside:
            continue
        for short in list(pending):
            if patterns[short].search(part):
                title = escape(pending.pop(short))
                part = patterns[short].sub(f'<abbr title="{title}">{short}</abbr>', part, 1)
        parts[index] = part
    return html[:match.start(2)] + "".join(parts) + html[match.end(2):]


class AcronymMiddleware:
    """Spells out the first use of each acronym on every public HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code == 200 and not response.streaming
                and response.get("Content-Type", "").startswith("text/html")
                and "/workspace/" not in request.path and "/admin/" not in request.path):
            response.content = spell_out_acronyms(response.content.decode()).encode()
        return response
