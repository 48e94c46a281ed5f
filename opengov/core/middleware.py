from django.http import HttpResponseBadRequest


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
