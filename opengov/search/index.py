"""What goes into the search index: public records only, in every content language.

Each kind of record has a *source*: the queryset of its public records, and how one of them
reads as an entry. The index is kept in step one record at a time (``index``, run by the
task ``index_records`` after the change commits, see signals.py): a record that is public
gets its entry written again, a record that is not (any more) loses it. ``rebuild`` writes
the whole index again from the sources, streaming, for repairs.
"""

import json
import queue
import re
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import translation

from opengov.cocreation.models import Contribution, ReasonedResponse
from opengov.core import content
from opengov.core.translation import in_every_language
from opengov.forum.models import Meeting
from opengov.plans.models import ActionPlan, Commitment, Milestone
from opengov.repository.models import Document, DocumentVersion
from opengov.tracking.models import ProgressUpdate

from .models import SearchEntry
from .swap import replaced
from .text import terms

LANGS = settings.MODELTRANSLATION_LANGUAGES
BATCH = 500  # records read and written at a time: memory stays bounded at any size


def _texts(obj, *fields):
    """Several translated fields joined, per language."""
    parts = [in_every_language(obj, field) for field in fields]
    return {lang: "\n".join(filter(None, (part[lang] for part in parts))) for lang in LANGS}


SAFE_ARGUMENT = re.compile(r"[A-Za-z0-9_.\-]+")


PLACEHOLDER = "9182736450{}"  # digits: every converter (int, slug, str) takes them


@lru_cache(maxsize=64)
def _url_pattern(name, arity, language):
    return reverse(name, args=[PLACEHOLDER.format(n) for n in range(arity)]).removeprefix("/en")


def _url(name, *args):
    """Stored without its language prefix (index and rebuild read in English).

    Arguments that need no quoting fill a pattern reversed once per URL name: reversing
    every record's address was a tenth of a rebuild."""
    texts = [str(arg) for arg in args]
    if not all(SAFE_ARGUMENT.fullmatch(text) for text in texts):
        return reverse(name, args=args).removeprefix("/en")
    url = _url_pattern(name, len(args), translation.get_language())
    for number, text in enumerate(texts):
        url = url.replace(PLACEHOLDER.format(number), text)
    return url


@dataclass
class Values:
    plan_id: int | None
    date: object
    url: str
    titles: dict
    bodies: dict
    themes: list
    content: str = ""


def _plan(plan):
    return Values(plan.pk, plan.delivered_on, _url("web:plan_detail", plan.slug),
                  _texts(plan, "title"),
                  _texts(plan, "introduction", "efforts_to_date", "development_process"), [])


def _commitment(c):
    return Values(c.plan_id, c.period_start, _url("web:commitment_detail", c.plan.slug, c.slug),
                  _texts(c, "title"), _texts(c, "short_description", "problem", "causes",
                                             "solution", "expected_results"),
                  [t.slug for t in c.themes.all()])


def _milestone(m):
    c = m.commitment
    return Values(c.plan_id, m.due_on,
                  _url("web:commitment_detail", c.plan.slug, c.slug) + "#milestones",
                  _texts(m, "title"), _texts(m, "expected_result"), [])


def _update(u):
    c = u.commitment
    return Values(c.plan_id, u.reported_on,
                  _url("web:commitment_detail", c.plan.slug, c.slug) + f"#update-{u.pk}",
                  _texts(c, "title"), _texts(u, "summary", "delay_reasons", "next_steps"), [])


def _contribution(contribution):
    body = {lang: "\n".join([contribution.text, *(
        reasons[lang] or "" for reasons in contribution.public_reasons)]) for lang in LANGS}
    return Values(contribution.plan_id, contribution.submitted_at.date(),
                  _url("cocreation:receipt", contribution.reference),
                  dict.fromkeys(LANGS, contribution.title or contribution.reference), body,
                  contribution.theme_slugs)


def _meeting(meeting):
    return Values(meeting.plan_id, meeting.starts_at.date(), _url("web:meeting_detail", meeting.pk),
                  _texts(meeting, "title"),
                  _texts(meeting, "agenda", *(["minutes"] if meeting.minutes_are_public else [])),
                  [])


def _document(document):
    # R2: the words inside the current file are searchable too (PDF, DOCX, ODT, text).
    return Values(document.plan_id, document.date, _url("web:document_detail", document.pk),
                  _texts(document, "title"), _texts(document, "description"), [],
                  document.current_text)


def _grouped(rows):
    """(key, value...) rows -> {key: [value, ...]}, in the rows' order."""
    groups = defaultdict(list)
    for key, *values in rows:
        groups[key].append(values[0] if len(values) == 1 else values)
    return groups


# What a batch of records needs beyond its own rows is read for the whole batch in one query
# each: prefetch_related builds a queryset per record, a third of a rebuild at 66,000 entries.

def _contribution_links(contributions):
    ids = [c.pk for c in contributions]
    themes = _grouped(Contribution.themes.through.objects.filter(contribution_id__in=ids)
                      .order_by("theme__slug").values_list("contribution_id", "theme__slug"))
    answered = ReasonedResponse.contributions.through.objects.filter(
        contribution_id__in=ids, reasonedresponse__in=ReasonedResponse.objects.public())
    reasons = _grouped(answered.order_by(
        "-reasonedresponse__published_on", "-reasonedresponse_id").values_list(
        "contribution_id", *(f"reasonedresponse__reasons_{lang}" for lang in LANGS)))
    for contribution in contributions:
        contribution.theme_slugs = themes.get(contribution.pk, [])
        contribution.public_reasons = [dict(zip(LANGS, row, strict=True))
                                       for row in reasons.get(contribution.pk, [])]


def _current_texts(documents):
    # Only the current version's text is read, never every version's.
    latest = DocumentVersion.objects.filter(document_id=OuterRef("document_id")) \
        .order_by("-number").values("pk")[:1]
    texts = dict(DocumentVersion.objects.filter(
        document_id__in=[d.pk for d in documents], pk=Subquery(latest))
        .values_list("document_id", "text"))
    for document in documents:
        document.current_text = texts.get(document.pk) or ""


@dataclass(frozen=True)
class Source:
    """One kind of record: its public records, and how one of them reads as an entry."""

    records: Callable
    read: Callable
    attach: Callable = lambda records: None  # what a batch needs beyond its own rows


# "Public" is each model's ``public()``: a record is indexed only while it and all it hangs
# under are public.
SOURCES = {
    "plan": Source(lambda: ActionPlan.objects.public(), _plan),
    "commitment": Source(lambda: Commitment.objects.public()
                         .select_related("plan").prefetch_related("themes"), _commitment),
    "milestone": Source(lambda: Milestone.objects.public().select_related("commitment__plan"),
                        _milestone),
    "update": Source(lambda: ProgressUpdate.objects.public()
                     .select_related("commitment__plan"), _update),
    # Only the plan's id is read (an entry's plan), never the plan's long texts per row.
    "contribution": Source(lambda: Contribution.objects.public()
                           .annotate(plan_id=F("process__plan_id")), _contribution,
                           _contribution_links),
    "meeting": Source(lambda: Meeting.objects.public(), _meeting),
    "document": Source(lambda: Document.objects.public(), _document, _current_texts),
}


def _entry(kind, obj, values):
    # Each distinct text once: untranslated fields read the same in every language.
    text = " ".join(dict.fromkeys([*values.titles.values(), *values.bodies.values(),
                                   values.content]))
    return SearchEntry(kind=kind, object_id=obj.pk, plan_id=values.plan_id, date=values.date,
                       url=values.url, titles=values.titles, bodies=values.bodies,
                       content=values.content,
                       themes=" " + " ".join(values.themes) + " " if values.themes else "",
                       terms=" " + " ".join(sorted(terms(text))) + " ")


def _entries(kind, records):
    source = SOURCES[kind]
    records = list(records)
    source.attach(records)
    return [_entry(kind, obj, source.read(obj)) for obj in records]


COLUMNS = ("kind", "object_id", "plan_id", "date", "url", "titles", "bodies", "content",
           "themes", "terms")


def _write(entries, table=SearchEntry._meta.db_table):
    """Add entries to the index. On PostgreSQL through COPY: a rebuild writes 140 MB of
    document text, and a multi-row INSERT spends as long again turning it into parameters."""
    if connection.vendor != "postgresql":
        SearchEntry.objects.bulk_create(entries)
        return
    with connection.cursor() as cursor, cursor.cursor.copy(
            f'COPY "{table}" ({", ".join(COLUMNS)}) FROM STDIN') as copy:
        for e in entries:
            copy.write_row((e.kind, e.object_id, e.plan_id, e.date, e.url, json.dumps(e.titles),
                            json.dumps(e.bodies), e.content, e.themes, e.terms))


def index(kind: str, ids) -> int:
    """Write again the entries of these records of ``kind``: the public ones get their entry,
    the others lose theirs. Returns how many are in the index now."""
    with translation.override("en"):
        written, removed = _index(kind, sorted(set(ids)))
    if written or removed:  # pages that show search results were cached before this change
        content.bump()
    return written


def _index(kind, ids):
    written = removed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        with transaction.atomic():
            entries = _entries(kind, SOURCES[kind].records().filter(pk__in=chunk))
            removed += SearchEntry.objects.filter(kind=kind, object_id__in=chunk).delete()[0]
            _write(entries)
        written += len(entries)
    return written, removed


def index_plan(plan_id: int) -> int:
    """A plan, and everything filed under it when that changes too: when the plan is
    published or withdrawn (so is all that hangs under it) or moves to a new address."""
    before = SearchEntry.objects.filter(kind="plan", object_id=plan_id).values_list(
        "url", flat=True).first()
    written = index("plan", [plan_id])
    if not written:  # not public: nothing under it is either
        SearchEntry.objects.filter(plan_id=plan_id).delete()
        # A meeting or a document may hang under it through a commitment, a milestone or a
        # process, with no plan on its entry: each is read again, and leaves.
        under = _under(plan_id)
        for kind in ("meeting", "document"):
            index(kind, list(under[kind].values_list("pk", flat=True)))
        return 0
    after = SearchEntry.objects.filter(kind="plan", object_id=plan_id).values_list(
        "url", flat=True).first()
    if before == after:
        return written  # same state and address: the entries under it still hold
    for kind, records in _under(plan_id).items():
        written += index(kind, list(records.values_list("pk", flat=True)))
    return written


def _under(plan_id):
    """The records of each kind that hang under a plan, by any of their links."""
    of_plan = Q(plan_id=plan_id) | Q(commitment__plan_id=plan_id)
    return {
        "commitment": Commitment.objects.filter(plan_id=plan_id),
        "milestone": Milestone.objects.filter(commitment__plan_id=plan_id),
        "update": ProgressUpdate.objects.filter(commitment__plan_id=plan_id),
        "contribution": Contribution.objects.filter(process__plan_id=plan_id),
        "meeting": Meeting.objects.filter(of_plan),
        "document": Document.objects.filter(
            of_plan | Q(milestone__commitment__plan_id=plan_id) | Q(meeting__plan_id=plan_id)
            | Q(meeting__commitment__plan_id=plan_id) | Q(process__plan_id=plan_id)),
    }


def _all_entries():
    """Every entry the records give now, BATCH at a time."""
    with translation.override("en"):
        for kind, source in SOURCES.items():
            batch = []
            for obj in source.records().order_by("pk").iterator(chunk_size=BATCH):
                batch.append(obj)
                if len(batch) == BATCH:
                    yield _entries(kind, batch)
                    batch = []
            yield _entries(kind, batch)


def _read_ahead(batches, depth=4):
    """The same batches, made by a thread with its own connection while the caller writes the
    ones before: on PostgreSQL reading and stemming (Python) and storing (the database
    server) then run side by side, about halving a rebuild. At most ``depth`` batches wait,
    so memory stays bounded."""
    waiting, stop = queue.Queue(maxsize=depth), threading.Event()

    def hand(item):
        """Queue ``item`` unless the writer has stopped; whether it was queued."""
        while not stop.is_set():
            try:
                waiting.put(item, timeout=0.5)
                return True
            except queue.Full:
                continue
        return False

    def make():
        try:
            for batch in batches:
                if not hand(batch):
                    return
            hand(None)
        except BaseException as error:  # noqa: BLE001 - handed over to the caller
            hand(error)
        finally:
            connection.close()  # this thread's own

    maker = threading.Thread(target=make, name="search-index-reader", daemon=True)
    maker.start()
    try:
        while (batch := waiting.get()) is not None:
            if isinstance(batch, BaseException):
                raise batch
            yield batch
    finally:
        stop.set()
        maker.join()


def rebuild() -> int:
    """Write the whole index again from the records (what is public now, and only that).

    Streams: records are read and written ``BATCH`` at a time, so memory does not grow with
    the site. One transaction, so searches see the old index until the new one is whole. On
    PostgreSQL the new index is written into a bare copy of the table, indexed once full and
    put in the old one's place (swap.py), while a second connection reads the records.
    """
    count = 0
    batches = _all_entries()
    if connection.vendor != "postgresql":
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            for entries in batches:
                _write(entries)
                count += len(entries)
    else:
        # A second connection sees only committed records: not inside a caller's
        # transaction (tests).
        if not connection.in_atomic_block:
            batches = _read_ahead(batches)
        with replaced(SearchEntry._meta.db_table) as table:
            for entries in batches:
                _write(entries, table)
                count += len(entries)
    if connection.vendor == "postgresql":  # fresh statistics, so the word index is used
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    content.bump()
    return count
