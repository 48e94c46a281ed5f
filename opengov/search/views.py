from django.shortcuts import render
from django.utils.translation import get_language
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
        "counts": [(value, label, counts.get(value, 0))
                   for value, label in SearchEntry.Kind.choices if counts.get(value)],
    })
