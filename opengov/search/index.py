"""What goes into the search index: public records only, in every content language."""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from opengov.cocreation import selectors as cocreation_selectors
from opengov.cocreation.models import Contribution, ReasonedResponse
from opengov.core.translation import in_every_language
from opengov.forum.models import Meeting
from opengov.plans import selectors as plan_selectors
from opengov.plans.models import ActionPlan, Commitment, Milestone
from opengov.repository.models import Document, DocumentVersion
from opengov.tracking.models import ProgressUpdate

from .models import SearchEntry
from .text import terms

LANGS = settings.MODELTRANSLATION_LANGUAGES


def _texts(obj, *fields):
    """Several translated fields joined, per language."""
    parts = [in_every_language(obj, field) for field in fields]
    return {lang: "\n".join(filter(None, (part[lang] for part in parts))) for lang in LANGS}


def _url(name, *args):
    with translation.override("en"):  # stored without its language prefix
        return reverse(name, args=args).removeprefix("/en")


def _entries():
    """(kind, object, plan, date, url, titles, bodies, themes[, content]) for every public
    record."""
    for plan in ActionPlan.objects.filter(is_public=True):
        yield ("plan", plan, plan, plan.delivered_on, _url("web:plan_detail", plan.slug),
               _texts(plan, "title"), _texts(plan, "introduction", "efforts_to_date",
                                             "development_process"), [])
    for c in Commitment.objects.filter(plan__is_public=True).select_related("plan") \
            .prefetch_related("themes"):
        yield ("commitment", c, c.plan, c.period_start,
               _url("web:commitment_detail", c.plan.slug, c.slug), _texts(c, "title"),
               _texts(c, "short_description", "problem", "causes", "solution",
                      "expected_results"), [t.slug for t in c.themes.all()])
    for m in Milestone.objects.filter(commitment__plan__is_public=True).select_related(
            "commitment__plan"):
        yield ("milestone", m, m.commitment.plan, m.due_on,
               _url("web:commitment_detail", m.commitment.plan.slug, m.commitment.slug) +
               "#milestones", _texts(m, "title"), _texts(m, "expected_result"), [])
    for u in plan_selectors.published_updates().filter(commitment__plan__is_public=True) \
            .select_related("commitment__plan"):
        c = u.commitment
        yield ("update", u, c.plan, u.reported_on,
               _url("web:commitment_detail", c.plan.slug, c.slug) + f"#update-{u.pk}",
               _texts(c, "title"), _texts(u, "summary", "delay_reasons", "next_steps"), [])
    for contribution in cocreation_selectors.public_contributions().filter(
            process__plan__is_public=True).select_related("process__plan").prefetch_related(
            "themes", Prefetch("responses", to_attr="public_responses",
                               queryset=cocreation_selectors.published_responses())):
        body = {lang: "\n".join([contribution.text, *(
            getattr(r, f"reasons_{lang}") or "" for r in contribution.public_responses)])
            for lang in LANGS}
        title = dict.fromkeys(LANGS, contribution.title or contribution.reference)
        yield ("contribution", contribution, contribution.process.plan,
               contribution.submitted_at.date(), _url("cocreation:receipt",
                                                      contribution.reference),
               title, body, [t.slug for t in contribution.themes.all()])
    for meeting in Meeting.objects.filter(is_public=True):
        yield ("meeting", meeting, meeting.plan, meeting.starts_at.date(),
               _url("web:meeting_detail", meeting.pk), _texts(meeting, "title"),
               _texts(meeting, "agenda", "minutes"), [])
    for document in Document.objects.filter(is_public=True).prefetch_related("versions"):
        # R2: the words inside the current file are searchable too (PDF, DOCX, ODT, text).
        version = document.current_version
        yield ("document", document, document.plan, document.date,
               _url("web:document_detail", document.pk), _texts(document, "title"),
               _texts(document, "description"), [], version.text if version else "")


def _entry(kind, obj, plan, day, url, titles, bodies, themes, content=""):
    text = " ".join([*titles.values(), *bodies.values(), content])
    return SearchEntry(kind=kind, object_id=obj.pk, plan=plan, date=day, url=url,
                       titles=titles, bodies=bodies, content=content,
                       themes=" " + " ".join(themes) + " " if themes else "",
                       terms=" " + " ".join(sorted(terms(text))) + " ")


@transaction.atomic
def rebuild() -> int:
    """Rebuild the whole index from the records (what is public now, and only that)."""
    SearchEntry.objects.all().delete()
    entries = [_entry(*values) for values in _entries()]
    SearchEntry.objects.bulk_create(entries, batch_size=1000)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":  # the FTS5 word index reads the table (0003)
            cursor.execute("INSERT INTO search_entry_terms(search_entry_terms) VALUES('rebuild')")
        elif connection.vendor == "postgresql":  # fresh statistics, so the index is used
            cursor.execute("ANALYZE search_searchentry")
    return len(entries)


MODELS = (ActionPlan, Commitment, Milestone, ProgressUpdate, Contribution, ReasonedResponse,
          Meeting, Document, DocumentVersion)
