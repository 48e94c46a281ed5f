from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .forms import SearchForm
from .models import SearchEntry
from .query import search


@require_safe
def search_page(request):
    form = SearchForm(request.GET or None)
    hits, total, counts = [], 0, {}
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        hits, total, counts = search(
            data["q"], lang=get_language(), kind=data["kind"], plan=data["plan"],
            theme=data["theme"].slug if data["theme"] else "", since=data["since"],
            until=data["until"])
    prefix = "/" + get_language()
    return render(request, "search/search.html", {
        "form": form, "hits": hits, "total": total, "prefix": prefix,
        "facets": facets(request.GET, counts, current=form.cleaned_data.get("kind", "")
                         if form.is_valid() else ""),
    })


def facets(query, counts, *, current):
    """Each kind with results, its count and the link that shows only it (the other filters
    kept), "everything" first: the counts filter."""
    def link(kind):
        params = query.copy()
        params.pop("page", None)
        params["kind"] = kind
        return "?" + params.urlencode()

    if not counts:
        return []
    return [{"label": _("Everything"), "n": sum(counts.values()), "url": link(""),
             "current": not current}] + [
        {"label": label, "n": counts[value], "url": link(value), "current": value == current}
        for value, label in SearchEntry.Kind.choices if counts.get(value)]
