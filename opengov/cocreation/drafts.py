"""Public comment on the draft plan (CC7, CC8).

The Point of Contact team puts the draft to comment by adding, on a co-creation process, an
input mechanism of the kind "Public comment on the draft plan" with its period. The plan as
it stands is then frozen on it (``InputMechanism.draft``, the snapshot a delivered version
keeps): that is what people read and comment on, part by part, and what the delivered
version is later compared with. Until the first comment arrives, the team may take the draft
again after editing the plan.

A comment is a ``Contribution`` of the process with the commitment and the part of its
template it is about: it is moderated, answered with a reasoned response from the
co-creation desk, and counted in the feedback report and in CC9 like every other input.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from opengov.core.activity import authorise, record
from opengov.core.models import Activity

from .models import Contribution, InputMechanism, ReasonedResponse

# The parts of a commitment's template (CM1) that can be commented on one by one; "" is the
# whole commitment (or, without a commitment, the whole plan).
PARTS = ("short_description", "problem", "causes", "done_so_far", "solution",
         "expected_results", "transparency", "accountability", "participation", "milestones")
KIND = InputMechanism.Kind.DRAFT_COMMENT


def take_draft(mechanism, now=None):
    """Freeze the plan as it stands now on ``mechanism`` (the caller saves it)."""
    from opengov.plans.services import plan_snapshot

    mechanism.draft = plan_snapshot(mechanism.process.plan)
    mechanism.drafted_at = now or timezone.now()


def take_missing_drafts(process):
    """After the process is saved: a new comment period gets the draft as it stands."""
    for mechanism in process.input_mechanisms.filter(kind=KIND, draft__isnull=True):
        take_draft(mechanism)
        mechanism.save(update_fields=["draft", "drafted_at"])


@transaction.atomic
def draft_retake(*, actor, mechanism) -> InputMechanism:
    """Put the plan as it stands now to comment instead of the draft taken earlier: only
    while nobody has commented, so that every comment reads the text it was written on."""
    mechanism = InputMechanism.objects.select_for_update().select_related(
        "process__plan").get(pk=mechanism.pk, kind=KIND)
    authorise(actor, "cocreation.change_cocreationprocess", mechanism.process)
    if Contribution.all_objects.filter(mechanism=mechanism).exists():  # hidden ones too
        raise ValidationError(_("People have commented on this draft already: it stays as "
                                "they read it. Open another comment period for a new draft."))
    take_draft(mechanism)
    mechanism.save(update_fields=["draft", "drafted_at"])
    record(actor=actor, kind=Activity.Kind.PROCESS_SAVED, target=mechanism.process,
           summary=_("Draft plan taken again for comment"))
    return mechanism


# -- reading --------------------------------------------------------------------------------

def public_draft(plan, pk):
    return get_object_or_404(
        InputMechanism.objects.public().filter(process__plan=plan, kind=KIND,
                                               draft__isnull=False).select_related("process"),
        pk=pk)


def public_drafts(plan):
    return (InputMechanism.objects.public()
            .filter(process__plan=plan, kind=KIND, draft__isnull=False)
            .only("pk", "title", "opens_on", "closes_on", "process_id", "drafted_at")
            .order_by("-opens_on"))


def _text(value, lang):
    if isinstance(value, dict):
        return (value.get(lang) or value.get("en") or next(
            (v for v in value.values() if v), "")).strip()
    return value or ""


def part_label(part):
    from opengov.plans.compare import field_label

    if part == "milestones":
        return _("Milestones")
    return field_label(part).capitalize() if part else ""


def commitment_in(draft, slug):
    """The commitment ``slug`` of a draft snapshot, or None."""
    return next((c for c in draft.get("commitments", []) if c.get("slug") == slug), None)


def part_text(commitment, part, lang) -> str:
    """What the draft says in ``part`` of ``commitment`` (the milestones as a list)."""
    if part == "milestones":
        return "\n".join(
            f"{commitment['number']}.{m['number']} {_text(m.get('title'), lang)}"
            + (" ({})".format(formats.date_format(date.fromisoformat(m["due_on"]),
                                                   "DATE_FORMAT")) if m.get("due_on") else "")
            for m in commitment.get("milestones", []))
    return _text(commitment.get(part), lang)


def commitment_ids(mechanism) -> dict:
    """{slug in the draft: the commitment's number in the database}. A draft keeps each
    commitment's ``pk``; one taken before it did is matched by slug (deleted ones too)."""
    from opengov.plans.models import Commitment

    found = {c["slug"]: c["pk"] for c in mechanism.draft.get("commitments", []) if "pk" in c}
    missing = [c["slug"] for c in mechanism.draft.get("commitments", []) if "pk" not in c]
    if missing:
        found.update(Commitment.all_objects.filter(
            plan=mechanism.process.plan_id, slug__in=missing).values_list("slug", "pk"))
    return found


def comment_counts(mechanism) -> dict:
    """Published comments per (commitment pk or None, part), in one query."""
    rows = (Contribution.objects.public().filter(mechanism=mechanism)
            .values("commitment_id", "draft_part").annotate(n=Count("pk")))
    return {(row["commitment_id"], row["draft_part"]): row["n"] for row in rows}


def outline(mechanism, lang):
    """The draft as the page shows it: each commitment with its parts, their text in
    ``lang`` (or another language of the plan when missing) and how many comments each has."""
    counts = comment_counts(mechanism)
    ids = commitment_ids(mechanism)
    commitments = []
    for commitment in mechanism.draft.get("commitments", []):
        slug = commitment.get("slug")
        pk = ids.get(slug)
        parts = [{"name": part, "label": part_label(part),
                  "text": part_text(commitment, part, lang),
                  "comments": counts.get((pk, part), 0)}
                 for part in PARTS]
        commitments.append({
            "number": commitment["number"], "slug": slug,
            "title": _text(commitment.get("title"), lang),
            "parts": [p for p in parts if p["text"]],
            "comments": counts.get((pk, ""), 0),
            "all_comments": sum(n for (c, _p), n in counts.items() if c == pk and pk)})
    return {"title": _text(mechanism.draft["plan"].get("title"), lang),
            "commitments": commitments, "plan_comments": counts.get((None, ""), 0),
            "total": sum(counts.values())}


def part_comments(mechanism, commitment_id, part):
    """The published comments on one part (``commitment_id`` None: the whole plan), oldest
    first, with their published answers."""
    return (Contribution.objects.public()
            .filter(mechanism=mechanism, draft_part=part, commitment_id=commitment_id)
            .prefetch_related(Prefetch(
                "responses", queryset=ReasonedResponse.objects.public().prefetch_related(
                    "commitments__plan")))
            .order_by("submitted_at", "pk"))


def delivered_after(mechanism):
    """The first version of the plan delivered after the draft was taken, if any: what
    became of the draft."""
    if mechanism.drafted_at is None:
        return None
    drafted_on = timezone.localtime(mechanism.drafted_at).date()
    return (mechanism.process.plan.versions.filter(delivered_on__gte=drafted_on)
            .order_by("number").first())
