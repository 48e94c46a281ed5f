from django.conf import settings
from django.utils.translation import get_language, get_language_info

from opengov.members.selectors import member_for_request

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def path_without_language(path):
    """``/fr/plans/x/`` -> ``/plans/x/``: after a language change, the site adds the new prefix."""
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in LANGUAGE_CODES:
        return "/" + parts[2]
    return path


def language_links(request):
    """The same page in each of the site's languages, named in its own language."""
    query = request.META.get("QUERY_STRING", "")
    rest = path_without_language(request.path) + (f"?{query}" if query else "")
    current = get_language()
    return [{"code": code, "name": get_language_info(code)["name_local"].capitalize(),
             "url": f"/{code}{rest}", "current": code == current}
            for code, _name in settings.LANGUAGES]


def site(request):
    """What every page's layout needs: the member whose site this is, the language switch."""
    from .models import Page

    return {
        "site_member": member_for_request(request),
        "nav_pages": Page.objects.filter(is_published=True, in_navigation=True),
        "language_links": language_links(request),
    }
