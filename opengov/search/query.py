"""Searching the index: every word must match (in any of its forms), title matches first."""

import re
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SearchEntry
from .text import fold, stems, words

MAX_CANDIDATES = 2000
# Updates and milestones carry their commitment's title: it counts less for them.
TITLE_WEIGHT = {"update": 1, "milestone": 1, "contribution": 2}


@dataclass
class Hit:
    entry: SearchEntry
    title: str
    excerpt: str
    score: float


def _localized(values: dict, lang: str) -> str:
    return values.get(lang) or values.get("en") or next((v for v in values.values() if v), "")


def excerpt(text: str, query_words: list[str], width=220) -> str:
    """A piece of ``text`` around the first word that matches, matches in <mark>."""
    folded = fold(text)
    forms = {form for word in query_words for form in stems(word) if len(form) > 1}
    positions = [m.start() for form in forms
                 for m in re.finditer(r"\b" + re.escape(form), folded)]
    start = max(0, min(positions) - width // 3) if positions else 0
    piece = text[start:start + width]
    folded_piece = folded[start:start + width]
    marked, cursor = [], 0
    spans = sorted({(m.start(), m.end()) for form in forms
                    for m in re.finditer(r"\b" + re.escape(form) + r"\w*", folded_piece)})
    for begin, end in spans:
        if begin < cursor:
            continue
        marked += [escape(piece[cursor:begin]), "<mark>", escape(piece[begin:end]), "</mark>"]
        cursor = end
    marked.append(escape(piece[cursor:]))
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + "".join(marked) + suffix)  # noqa: S308 - escaped above


def search(query: str, *, lang: str, kind="", plan=None, theme="", since=None, until=None,
           limit=50):
    """Ranked hits for ``query``: (hits, total, counts per kind)."""
    query_words = words(query)[:8]
    if not query_words:
        return [], 0, {}
    entries = SearchEntry.objects.select_related("plan")
    for word in query_words:
        any_form = Q()
        for form in stems(word):
            any_form |= Q(terms__contains=f" {form} ")
        entries = entries.filter(any_form)
    if plan:
        entries = entries.filter(plan=plan)
    if theme:
        entries = entries.filter(themes__contains=f" {theme} ")
    if since:
        entries = entries.filter(date__gte=since)
    if until:
        entries = entries.filter(date__lte=until)
    counts = dict(entries.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    if kind:
        entries = entries.filter(kind=kind)
    hits = []
    for entry in entries[:MAX_CANDIDATES]:
        title = _localized(entry.titles, lang)
        body = _localized(entry.bodies, lang)
        folded_title, folded_body = fold(title), fold(body)
        score = 0.0
        for word in query_words:
            forms = stems(word)
            score += TITLE_WEIGHT.get(entry.kind, 3) * sum(folded_title.count(f) for f in forms)
            score += min(5, sum(folded_body.count(f) for f in forms))
        in_body = any(f in folded_body for word in query_words for f in stems(word))
        hits.append(Hit(entry, title, excerpt(body if in_body else title, query_words), score))
    hits.sort(key=lambda h: (-h.score, -(h.entry.date.toordinal() if h.entry.date else 0)))
    return hits[:limit], len(hits), counts
