"""What goes into the search index: public records only, in every content language.

Each kind of record has a *source*: the queryset of its public records, and how one of them
reads as an entry. The index is kept in step one record at a time (``index``, run by the
task ``index_records`` after the change commits, see signals.py): a record that is public
gets its entry written again, a record that is not (any more) loses it. ``rebuild`` writes
the whole index again from the sources, streaming, for repairs.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Prefetch, Q
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
from .text import terms

LANGS = settings.MODELTRANSLATION_LANGUAGES
BATCH = 500  # records read and written at a time: memory stays bounded at any size


def _texts(obj, *fields):
    """Several translated fields joined, per language."""
    parts = [in_every_language(obj, field) for field in fields]
    return {lang: "\n".join(filter(None, (part[lang] for part in parts))) for lang in LANGS}


def _url(name, *args):
    """Stored without its language prefix (index and rebuild read in English)."""
    return reverse(name, args=args).removeprefix("/en")


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
        getattr(r, f"reasons_{lang}") or "" for r in contribution.public_responses)])
        for lang in LANGS}
    return Values(contribution.plan_id, contribution.submitted_at.date(),
                  _url("cocreation:receipt", contribution.reference),
                  dict.fromkeys(LANGS, contribution.title or contribution.reference), body,
                  [t.slug for t in contribution.themes.all()])


def _meeting(meeting):
    return Values(meeting.plan_id, meeting.starts_at.date(), _url("web:meeting_detail", meeting.pk),
                  _texts(meeting, "title"),
                  _texts(meeting, "agenda", *(["minutes"] if meeting.minutes_are_public else [])),
                  [])


def _document(document):
    # R2: the words inside the current file are searchable too (PDF, DOCX, ODT, text).
    version = document.current_version
    return Values(document.plan_id, document.date, _url("web:document_detail", document.pk),
                  _texts(document, "title"), _texts(document, "description"), [],
                  version.text if version else "")


def _public_contributions():
    # Only the plan's id is read (an entry's plan), never the plan's long texts per row.
    return (Contribution.objects.public()
            .annotate(plan_id=F("process__plan_id")).prefetch_related(
                "themes", Prefetch("responses", to_attr="public_responses",
                                   queryset=ReasonedResponse.objects.public())))


def _public_documents():
    # Only the current version's text is read, never every version's.
    current = DocumentVersion.objects.order_by("-number")
    return Document.objects.public().prefetch_related(Prefetch("versions", queryset=current))


# kind -> (its public records, how one reads as an entry). "Public" is each model's
# ``public()``: a record is indexed only while it and all it hangs under are public.
SOURCES = {
    "plan": (lambda: ActionPlan.objects.public(), _plan),
    "commitment": (lambda: Commitment.objects.public()
                   .select_related("plan").prefetch_related("themes"), _commitment),
    "milestone": (lambda: Milestone.objects.public().select_related("commitment__plan"),
                  _milestone),
    "update": (lambda: ProgressUpdate.objects.public().select_related("commitment__plan"),
               _update),
    "contribution": (_public_contributions, _contribution),
    "meeting": (lambda: Meeting.objects.public(), _meeting),
    "document": (_public_documents, _document),
}


def _entry(kind, obj, values):
    text = " ".join([*values.titles.values(), *values.bodies.values(), values.content])
    return SearchEntry(kind=kind, object_id=obj.pk, plan_id=values.plan_id, date=values.date,
                       url=values.url, titles=values.titles, bodies=values.bodies,
                       content=values.content,
                       themes=" " + " ".join(values.themes) + " " if values.themes else "",
                       terms=" " + " ".join(sorted(terms(text))) + " ")


def _entries(kind, records):
    read = SOURCES[kind][1]
    return [_entry(kind, obj, read(obj)) for obj in records]


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
            entries = _entries(kind, SOURCES[kind][0]().filter(pk__in=chunk))
            removed += SearchEntry.objects.filter(kind=kind, object_id__in=chunk).delete()[0]
            SearchEntry.objects.bulk_create(entries)
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


def rebuild() -> int:
    """Write the whole index again from the records (what is public now, and only that).

    Streams: records are read and written ``BATCH`` at a time, so memory does not grow with
    the site. One transaction, so searches see the old index until the new one is whole.
    """
    count = 0
    with transaction.atomic(), translation.override("en"):
        SearchEntry.objects.all().delete()
        for kind, (public, read) in SOURCES.items():
            batch = []
            for obj in public().order_by("pk").iterator(chunk_size=BATCH):
                batch.append(_entry(kind, obj, read(obj)))
                if len(batch) == BATCH:
                    SearchEntry.objects.bulk_create(batch)
                    count, batch = count + len(batch), []
            SearchEntry.objects.bulk_create(batch)
            count += len(batch)
    if connection.vendor == "postgresql":  # fresh statistics, so the word index is used
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    content.bump()
    return count
