"""Prioritisation of candidate commitments by the forum (CC10): setting up a round, scoring,
and the aggregates by constituency that the forum sees and the public reads once published.

Who gave which score is never shown to anyone, staff included: the desk and the public page
read the same aggregates, and a forum member sees only their own scores."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core.activity import authorise, record
from opengov.core.models import Activity, Constituency
from opengov.forum.models import Seat

from .models import SCORE_CRITERIA, Candidate, PrioritisationRound, Score

ROUND_FIELDS = ("title", "opens_on", "closes_on", "published_on")
LANGS = settings.MODELTRANSLATION_LANGUAGES


def seat_of(user, member, on=None):
    """The user's current seat in ``member``'s forum, or None."""
    on = on or timezone.localdate()
    seats = Seat.objects.filter(forum__member=member, person__user=user, starts_on__lte=on)
    return seats.exclude(ends_on__lt=on).order_by("-starts_on").first()


@transaction.atomic
def round_save(*, actor, process, round_=None, values, commitments=(), groups=()):
    """Create or change a round: its dates, and its candidates from the plan's draft
    commitments and the process's accepted groups. A candidate already scored stays."""
    if round_ is None:
        authorise(actor, "cocreation.add_prioritisationround", process)
        round_ = PrioritisationRound(process=process)
    else:
        authorise(actor, "cocreation.change_prioritisationround", round_)
    for name in ROUND_FIELDS:
        setattr(round_, name, values.get(name))
    if round_.closes_on < round_.opens_on:
        raise ValidationError({"closes_on": _("The round closes after it opens.")})
    if round_.published_on and round_.published_on <= round_.closes_on:
        raise ValidationError({"published_on": _(
            "The result is published after the round closes, not while members score.")})
    round_.save()
    wanted = {("commitment", c.pk): c for c in commitments} | {
        ("group", g.pk): g for g in groups}
    for candidate in round_.candidates.all():
        key = ("commitment", candidate.commitment_id) if candidate.commitment_id else (
            "group", candidate.group_id)
        if wanted.pop(key, None) is None and not candidate.scores.exists():
            candidate.delete()
    for (kind, _pk), source in wanted.items():
        if kind == "commitment":  # its title and description in every language
            Candidate.objects.create(
                round=round_, commitment=source,
                **{f"title_{lang}": getattr(source, f"title_{lang}") for lang in LANGS},
                **{f"description_{lang}": getattr(source, f"short_description_{lang}", "")
                   or "" for lang in LANGS})
        else:
            Candidate.objects.create(round=round_, group=source, title=source.name,
                                     description=source.keywords)
    record(actor=actor, kind=Activity.Kind.PROCESS_SAVED, target=round_,
           summary=_("Prioritisation round saved"))
    return round_


@transaction.atomic
def scores_give(*, actor, round_, scores: dict):
    """A forum member's scores, ``{candidate_id: {criterion: 1..5}}``, for every candidate
    of an open round; given again, they replace the earlier ones."""
    authorise(actor, "cocreation.score_candidate", round_)
    seat = seat_of(actor, round_.process.plan.member)
    if seat is None:
        raise PermissionDenied(_("Only members with a current seat in the forum score."))
    candidates = list(round_.candidates.all())
    if {c.pk for c in candidates} != set(scores):
        raise ValidationError(_("Score every candidate on every criterion."))
    for candidate in candidates:
        given = scores[candidate.pk]
        if set(given) != set(SCORE_CRITERIA) or not all(
                isinstance(v, int) and 1 <= v <= 5 for v in given.values()):
            raise ValidationError(_("Each score is a whole number from 1 to 5."))
        Score.objects.update_or_create(candidate=candidate, seat=seat, defaults={
            **given, "constituency": seat.constituency})


def own_scores(round_, seat) -> dict:
    """``{candidate_id: {criterion: value}}`` of one seat (for its own form)."""
    if seat is None:
        return {}
    return {row["candidate_id"]: {name: row[name] for name in SCORE_CRITERIA}
            for row in Score.objects.filter(candidate__round=round_, seat=seat)
            .values("candidate_id", *SCORE_CRITERIA)}


@dataclass
class Aggregate:
    scorers: int = 0
    means: dict = field(default_factory=dict)

    @property
    def overall(self):
        return round(sum(self.means.values()) / len(self.means), 2) if self.means else None


@dataclass
class CandidateResult:
    candidate: Candidate
    all: Aggregate
    by_constituency: dict  # constituency value -> Aggregate


def results(round_) -> list[CandidateResult]:
    """Per candidate, best overall first: how many seats scored it and the mean of each
    criterion, in all and per constituency (government, civil society, other). Two queries."""
    means = {name: Avg(name) for name in SCORE_CRITERIA}
    rows = (Score.objects.filter(candidate__round=round_)
            .values("candidate_id", "constituency").annotate(n=Count("pk"), **means)
            .order_by())
    totals = (Score.objects.filter(candidate__round=round_).values("candidate_id")
              .annotate(n=Count("pk"), **means).order_by())

    def aggregate(row):
        return Aggregate(row["n"], {name: round(row[name], 2) for name in SCORE_CRITERIA})

    per = {}
    for row in rows:
        per.setdefault(row["candidate_id"], {})[row["constituency"]] = aggregate(row)
    overall = {row["candidate_id"]: aggregate(row) for row in totals}
    found = [CandidateResult(c, overall.get(c.pk, Aggregate()),
                             {value: per.get(c.pk, {}).get(value, Aggregate())
                              for value, _label in Constituency.choices})
             for c in round_.candidates.all()]
    found.sort(key=lambda r: (r.all.overall is None, -(r.all.overall or 0), r.candidate.pk))
    return found
