from django.conf import settings

from opengov.members.selectors import member_for_request

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def path_without_language(path):
    """``/fr/plans/x/`` -> ``/plans/x/``: after a language change, the site adds the new prefix."""
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in LANGUAGE_CODES:
        return "/" + parts[2]
    return path


def site(request):
    """What every page's layout needs: the member whose site this is, the language switch."""
    query = request.META.get("QUERY_STRING", "")
    from .models import Page

    return {
        "site_member": member_for_request(request),
        "nav_pages": Page.objects.filter(is_published=True, in_navigation=True),
        "language_next": path_without_language(request.path) + (f"?{query}" if query else ""),
    }
