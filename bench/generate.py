"""Generate a large, realistic data set on top of the demo, for benchmarks.

Texts are recombined from the demo's own French and English content, so sizes and
character sets look like a real member's: many plans, commitments, milestones, updates and
public contributions. With ``vary=True`` (bench/load.py) the texts vary more: contributions
join two ideas and a remark, commitments and documents take real OGP commitment texts
(tests/data/ogp-commitments), French documents the demo's French texts. ``documents`` adds
repository documents whose version holds the text extracted from its file (no file is
written: the file's name is only recorded).
"""

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from opengov.cocreation.models import CoCreationProcess, Contribution, Theme
from opengov.core.models import ModerationState
from opengov.demo import content_contributions as cc
from opengov.members.models import Member
from opengov.plans.models import SHORT_DESCRIPTION_LIMIT, ActionPlan, Commitment, Milestone
from opengov.repository.models import Document, DocumentVersion
from opengov.tracking.models import ProgressUpdate

ROOT = Path(__file__).resolve().parent.parent
OGP_CSV = [ROOT / "tests" / "data" / "ogp-commitments" / "ogp-commitments-extract-2024.csv",
           ROOT.parent / "shared" / "data" / "ogp-commitments" /
           "ogp-commitments-extract-2024.csv"]
REMARKS = {
    "fr": ["Merci.", "C'est urgent.", "Dans notre quartier aussi.", "Nous en parlons depuis "
           "longtemps.", "Les associations sont prêtes à aider.", "Pensez aux zones rurales.",
           "Il faut un calendrier précis et public.", "Les jeunes doivent être associés."],
    "en": ["Thank you.", "This matters for young people.", "Please act quickly.",
           "The same happens in our town.", "Publish the data in an open format, please.",
           "Small businesses need this too.", "Involve the people who use the service."],
}
KINDS = ["evidence", "evidence", "evidence", "report", "minutes", "agenda", "legal", "other"]


def ogp_rows():
    """The real OGP commitments (title, full text) with enough text to read like one."""
    path = next((p for p in OGP_CSV if p.exists()), None)
    if path is None:
        raise SystemExit("The OGP commitment extract is missing: " + ", ".join(map(str, OGP_CSV)))
    with path.open(encoding="utf-8-sig") as handle:
        return [(row["Commitment Title"].strip(), row["Full Text"].strip())
                for row in csv.DictReader(handle)
                if len(row["Full Text"]) > 200 and row["Commitment Title"].strip()]


def _sentences(text):
    return [s.strip() + "." for s in text.replace("\n", " ").split(". ") if len(s.strip()) > 20]


def _clip(text, limit):
    return text if len(text) < limit else text[:limit - 2].rsplit(" ", 1)[0] + "…"


def french_paragraphs(template):
    """Paragraphs in French from the demo: its commitments' texts and the public's ideas."""
    paragraphs = [text for c in template for text in (
        c.problem_fr, c.causes_fr, c.solution_fr, c.expected_results_fr, c.short_description_fr)
        if text and len(text) > 40]
    ideas = [idea[4] for idea in cc.IDEAS if idea[0] == "fr"]
    return paragraphs + [" ".join(ideas[i:i + 4]) for i in range(0, len(ideas), 4)]


def _contribution_text(rng, sentences):
    idea = rng.choice(cc.IDEAS)
    lang = idea[0]
    parts = [idea[4]]
    if rng.random() < 0.7:
        parts.append(rng.choice(sentences[lang]))
    if rng.random() < 0.5:
        parts.append(rng.choice(REMARKS[lang]))
    return idea, lang, " ".join(parts)


def _commitment_texts(rng, source, rows):
    """Real OGP text in English, the demo's French: what a bilingual member publishes."""
    if rows is None:
        return {"title_en": source.title_en, "title_fr": source.title_fr,
                "short_description_en": source.short_description_en,
                "problem_en": source.problem_en, "solution_en": source.solution_en}
    title, text = rng.choice(rows)
    sentences = _sentences(text) or [text]
    third = max(1, len(sentences) // 3)
    return {
        "title_en": _clip(title, 300), "title_fr": source.title_fr,
        "short_description_en": _clip(sentences[0], SHORT_DESCRIPTION_LIMIT - 1),
        "short_description_fr": source.short_description_fr,
        "problem_en": " ".join(sentences[:third]), "problem_fr": source.problem_fr,
        "solution_en": " ".join(sentences[third:2 * third]) or text,
        "solution_fr": source.solution_fr,
        "expected_results_en": " ".join(sentences[2 * third:]) or source.expected_results_en,
        "expected_results_fr": source.expected_results_fr,
    }


def _plans(member, count, sizes):
    plans = []
    for n in range(count):
        start = 1990 + 2 * n
        plans.append(ActionPlan.objects.create(
            member=member, number=100 + n, slug=f"bench-plan-{n}", title=f"Plan {n}",
            title_fr=f"Plan {n}", start_year=start, duration_years=2, delivery_slot="june",
            status="completed", is_public=True, delivered_on=date(start, 6, 1),
        ))
    return list(zip(plans, sizes, strict=True))


def _commitments(rng, plans, template, orgs, rows):
    commitments = []
    for plan, size in plans:
        for c in range(size):
            source = template[c % len(template)]
            commitments.append(Commitment(
                plan=plan, number=c + 1, slug=f"c-{c + 1}", lead_agency=rng.choice(orgs),
                period_start=date(plan.start_year, 7, 1),
                period_end=date(plan.start_year + 2, 6, 30),
                **_commitment_texts(rng, source, rows)))
    commitments = Commitment.objects.bulk_create(commitments, batch_size=500)
    milestones = Milestone.objects.bulk_create([
        Milestone(commitment=c, number=m + 1, title_en=f"Milestone {m + 1}",
                  due_on=date(c.plan.start_year, 9, 1) + timedelta(days=150 * m))
        for c in commitments for m in range(4)], batch_size=2000)
    updates = [ProgressUpdate(
        commitment=m.commitment, milestone=m, completion="complete", timeliness="on_time",
        summary_en="Done.", reported_on=m.due_on, published_on=m.due_on) for m in milestones]
    for c in commitments:
        source = template[(c.number - 1) % len(template)]
        for u in range(4):
            day = date(c.plan.start_year, 12, 1) + timedelta(days=180 * u)
            updates.append(ProgressUpdate(
                commitment=c, completion=rng.choice(["limited", "substantial"]),
                timeliness="on_time", summary_en=source.expected_results_en or "In progress.",
                reported_on=day, published_on=day))
    ProgressUpdate.objects.bulk_create(updates, batch_size=2000)
    return commitments


def _contributions(rng, process, count, vary):
    if not vary:
        return Contribution.objects.bulk_create((
            Contribution(
                process=process, text=idea[4], language=idea[0], stakeholder_type=idea[1],
                consent_to_publish=True, moderation_state=ModerationState.PUBLISHED,
                reference=f"B-{i:08d}",
            )
            for i, idea in enumerate(rng.choice(cc.IDEAS) for _ in range(count))),
            batch_size=2000)
    sentences = {lang: [s for idea in cc.IDEAS if idea[0] == lang for s in _sentences(idea[4])]
                 for lang in REMARKS}
    themes = {t.slug: t.pk for t in Theme.objects.filter(member=process.plan.member)}
    now, rows, ideas, links = timezone.now(), [], [], []
    for i in range(count):
        idea, lang, text = _contribution_text(rng, sentences)
        ideas.append(idea)
        state = rng.choices([ModerationState.PUBLISHED, ModerationState.PENDING,
                             ModerationState.PRIVATE], weights=[85, 10, 5])[0]
        rows.append(Contribution(
            process=process, text=text, language=lang, stakeholder_type=idea[1],
            consent_to_publish=state != ModerationState.PRIVATE, moderation_state=state,
            moderation_reason="Personal details" if state == ModerationState.PRIVATE else "",
            reference=f"B-{i:08d}", submitted_at=now - timedelta(minutes=rng.randrange(600_000)),
        ))
    contributions = Contribution.objects.bulk_create(rows, batch_size=2000)
    through = Contribution.themes.through
    for contribution, idea in zip(contributions, ideas, strict=True):
        links += [through(contribution_id=contribution.pk, theme_id=themes[slug])
                  for slug in idea[3] if slug in themes]
    through.objects.bulk_create(links, batch_size=5000)
    return contributions


def _documents(rng, member, count, rows, french, commitments):
    """``count`` documents, each with one version holding the text of its file."""
    today = timezone.localdate()
    english = [text for _title, text in rows]
    docs, texts = [], []
    for i in range(count):
        lang = "fr" if rng.random() < 0.4 else "en"
        kind = rng.choice(KINDS)
        title, _text = rng.choice(rows)
        commitment = rng.choice(commitments) if commitments and rng.random() < 0.5 else None
        pool = french if lang == "fr" else english
        texts.append("\n\n".join(rng.sample(pool, min(len(pool), rng.randint(2, 4))))
                     + f"\nREF-{i:06d}")
        docs.append(Document(
            member=member, kind=kind, title=_clip(f"{title} ({i:05d})", 300),
            title_en=_clip(f"{title} ({i:05d})", 300),
            title_fr=_clip(f"Pièce {i:05d} : {title}", 300) if lang == "fr" else "",
            description_en=_clip(rng.choice(english), 400), date=today - timedelta(
                days=rng.randrange(3000)), language=lang, commitment=commitment,
            plan=commitment.plan if commitment else None))
    docs = Document.objects.bulk_create(docs, batch_size=2000)
    # The text is already read: say so where versions record it (no task reads a file).
    read = {"text_state": "indexed"} if any(
        f.name == "text_state" for f in DocumentVersion._meta.get_fields()) else {}
    DocumentVersion.objects.bulk_create((
        DocumentVersion(document=d, number=1, file=f"documents/{d.pk}/v1/document-{i:05d}.pdf",
                        size=len(text.encode()) * 3, sha256=f"{i:064x}",
                        mime_type="application/pdf", original_name=f"document-{i:05d}.pdf",
                        text=text, **read)
        for i, (d, text) in enumerate(zip(docs, texts, strict=True))), batch_size=1000)
    return docs


@transaction.atomic
def generate(*, plans=20, commitments_per_plan=12, contributions=10_000, seed=7,
             commitments=None, documents=0, vary=False):
    """Add ``plans`` completed plans of ``commitments_per_plan`` commitments (or, when
    ``commitments`` is given, as many plans as that many commitments need), their milestones
    and updates, ``contributions`` public contributions and ``documents`` documents."""
    rng = random.Random(seed)
    member = Member.objects.get(slug="valmerre")
    template = list(Commitment.objects.filter(plan__number=3))
    orgs = list(member.organisations.all())
    if commitments is None:
        sizes = [commitments_per_plan] * plans
    else:
        full, rest = divmod(commitments, commitments_per_plan)
        sizes = [commitments_per_plan] * full + ([rest] if rest else [])
    rows = ogp_rows() if vary or documents else None
    made = _commitments(rng, _plans(member, len(sizes), sizes), template, orgs,
                        rows if vary else None)
    process = CoCreationProcess.objects.filter(plan__number=3).first()
    _contributions(rng, process, contributions, vary)
    if documents:
        _documents(rng, member, documents, rows, french_paragraphs(template), made)
