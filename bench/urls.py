"""The site's addresses plus ``/bench/bare/``, outside the language prefix (bench/load.py)."""

from django.http import HttpResponse
from django.urls import path

from opengov.urls import urlpatterns as site_patterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


# i18n_patterns may not be included from another URLconf: the site's list is extended.
urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_patterns]
