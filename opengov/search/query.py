"""Searching the index: every word must match (in any of its forms), title matches first."""

import re
from collections import Counter
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q, Value, prefetch_related_objects
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SearchEntry
from .text import fold, stems, words

MAX_CANDIDATES = 1000  # newest first; more matches are counted, not ranked
RANK_CHARS = 1500  # of a file's text, read to rank a hit
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


def _matching(query_words, *, every=True):
    """Entries that have, for every word (or, with ``every=False``, for any word), one of its
    forms among their terms.

    The same test three ways: an FTS5 match on SQLite and a tsvector match on PostgreSQL,
    each read from the word index of migration 0003, and a substring scan elsewhere. Terms
    and forms are letters and digits only, so quoting them is safe.
    """
    vendor = connection.vendor
    if vendor == "sqlite":
        match = (" AND " if every else " OR ").join(
            "(" + " OR ".join(f'"{form}"' for form in sorted(stems(word))) + ")"
            for word in query_words)
        return SearchEntry.objects.filter(pk__in=RawSQL(
            "SELECT rowid FROM search_entry_terms WHERE search_entry_terms MATCH %s",
            [match]))
    if vendor == "postgresql":
        match = (" & " if every else " | ").join(
            "(" + " | ".join(f"'{form}'" for form in sorted(stems(word))) + ")"
            for word in query_words)
        return SearchEntry.objects.filter(pk__in=RawSQL(
            "SELECT id FROM search_searchentry WHERE terms_words @@ to_tsquery('simple', %s)",
            [match]))
    conditions = []
    for word in query_words:
        any_form = Q()
        for form in stems(word):
            any_form |= GreaterThan(StrIndex("terms", Value(f" {form} ")), 0)
        conditions.append(any_form)
    if every:
        entries = SearchEntry.objects.all()
        for condition in conditions:
            entries = entries.filter(condition)
        return entries
    either = Q()
    for condition in conditions:
        either |= condition
    return SearchEntry.objects.filter(either)


def _read_matches(queryset):
    """On PostgreSQL the terms' tsvectors are stored out of line, which the planner does not
    count: it would scan every row. Asking for the word index is 5 to 300 times faster
    (bench/repository.py), so say so for this one query."""
    if connection.vendor != "postgresql":
        return list(queryset)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        try:
            return list(queryset)
        finally:
            cursor.execute("SET LOCAL enable_seqscan = on")
            cursor.execute("SET LOCAL enable_indexscan = on")


def search(query: str, *, lang: str, kind="", plan=None, theme="", since=None, until=None,
           limit=50):
    """Ranked hits for ``query``: (hits, total, counts per kind)."""
    query_words = words(query)[:8]
    if not query_words:
        return [], 0, {}
    entries = _matching(query_words)
    if plan:
        entries = entries.filter(plan=plan)
    if theme:
        entries = entries.filter(themes__contains=f" {theme} ")
    if since:
        entries = entries.filter(date__gte=since)
    if until:
        entries = entries.filter(date__lte=until)
    # One scan of the terms gives the counts per kind and the candidates' keys.
    matches = _read_matches(entries.order_by("-date", "-pk").values_list("pk", "kind"))
    counts = dict(Counter(found for _pk, found in matches))
    keys = [pk for pk, found in matches if not kind or found == kind]
    total, keys = len(keys), keys[:MAX_CANDIDATES]
    # Ranking reads the start of each file's text only; the shown hits get all of it.
    candidates = (SearchEntry.objects.filter(pk__in=keys)
                  .only("kind", "date", "url", "titles", "bodies", "plan_id")
                  .annotate(head=Substr("content", 1, RANK_CHARS)))
    hits = []
    for entry in candidates:
        title = _localized(entry.titles, lang)
        body = "\n".join(filter(None, (_localized(entry.bodies, lang), entry.head)))
        folded_title, folded_body = fold(title), fold(body)
        score = 0.0
        for word in query_words:
            forms = stems(word)
            score += TITLE_WEIGHT.get(entry.kind, 3) * sum(folded_title.count(f) for f in forms)
            score += min(5, sum(folded_body.count(f) for f in forms))
        hits.append(Hit(entry, title, "", score))
    hits.sort(key=lambda h: (-h.score, -(h.entry.date.toordinal() if h.entry.date else 0)))
    shown = hits[:limit]
    # The plans of the shown hits only, once each (not a plan row per candidate).
    prefetch_related_objects([hit.entry for hit in shown], "plan")
    contents = dict(SearchEntry.objects.filter(pk__in=[h.entry.pk for h in shown])
                    .exclude(content="").values_list("pk", "content"))
    for hit in shown:  # excerpts only for what is shown
        body = "\n".join(filter(None, (_localized(hit.entry.bodies, lang),
                                        contents.get(hit.entry.pk, ""))))
        folded_body = fold(body)
        in_body = any(f in folded_body for word in query_words for f in stems(word))
        hit.excerpt = excerpt(body if in_body else hit.title, query_words)
    return shown, total, counts


SIMILAR_WORDS = 8  # the longest words of a text say most about its subject
SIMILAR_CANDIDATES = 300  # newest first


def similar(text: str, *, lang: str, plan, kind=SearchEntry.Kind.CONTRIBUTION, limit=5):
    """Published records of ``plan`` on the subject of ``text`` (a contribution being
    written): those that share at least two of its longest words, most shared first.

    Any word may match, unlike ``search``: an idea is not a query, and no published text has
    every word of it. Only the newest ``SIMILAR_CANDIDATES`` matches are ranked, so the cost
    does not grow with the consultation."""
    chosen = sorted({word for word in words(text[:4000]) if len(word) >= 4},
                    key=lambda word: (-len(word), word))[:SIMILAR_WORDS]
    if len(chosen) < 2:
        return []
    entries = _matching(chosen, every=False).filter(kind=kind, plan=plan)
    keys = [pk for pk, _kind in _read_matches(
        entries.order_by("-date", "-pk").values_list("pk", "kind")[:SIMILAR_CANDIDATES])]
    ranked = []
    for entry in SearchEntry.objects.filter(pk__in=keys).defer("content"):
        shared = [word for word in chosen
                  if any(f" {form} " in entry.terms for form in stems(word))]
        if len(shared) >= 2:
            ranked.append((len(shared), entry.date, entry.pk, entry, shared))
    ranked.sort(key=lambda row: (-row[0], -(row[1].toordinal() if row[1] else 0), -row[2]))
    hits = []
    for _n, _date, _pk, entry, shared in ranked[:limit]:
        title = _localized(entry.titles, lang)
        hits.append(Hit(entry, title, excerpt(_localized(entry.bodies, lang) or title, shared,
                                              width=160), len(shared)))
    return hits
