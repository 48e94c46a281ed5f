from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from opengov.core.models import ModerationState

from .models import (
    CoCreationProcess,
    Contribution,
    InputMechanism,
    ReasonedResponse,
    Stage,
    Theme,
)

# Spam and abuse are kept, but they are not contributions anyone made to the plan.
NOT_CONTRIBUTIONS = [ModerationState.SPAM, ModerationState.ABUSE]


def public_contributions():
    """Published with their authors' consent, in a public plan."""
    return Contribution.objects.public()


def published_responses():
    """Published responses, whatever their plan: what "answered" means for the desk and the
    compliance facts. The public reads ``ReasonedResponse.objects.public()``."""
    return ReasonedResponse.objects.published()


def received_contributions():
    """What counts as a contribution to the plan (spam and abuse do not)."""
    return Contribution.objects.exclude(moderation_state__in=NOT_CONTRIBUTIONS)


def with_answer_state(contributions):
    """Annotate ``is_answered`` (a published reasoned response covers it, CC8/CC9) and
    ``has_draft_answer`` (a response is written but not yet published).

    The one definition of "answered", used by the co-creation desk, the feedback page and the
    compliance facts alike.
    """
    links = ReasonedResponse.contributions.through.objects.filter(contribution=OuterRef("pk"))
    published = published_responses().values("pk")
    return contributions.annotate(
        is_answered=Exists(links.filter(reasonedresponse__in=published)),
        has_draft_answer=Exists(links.filter(reasonedresponse__published_on__isnull=True,
                                             reasonedresponse__deleted_at=None)),
    )


def answered_count(contributions) -> int:
    return with_answer_state(contributions).filter(is_answered=True).count()


def open_mechanisms(member, on=None):
    """Participation opportunities open now, for the home page (CC5)."""
    on = on or timezone.localdate()
    return (
        InputMechanism.objects.public().filter(
            process__plan__member=member, opens_on__lte=on, closes_on__gte=on,
        )
        .select_related("process__plan").defer("draft")
        .order_by("closes_on")
    )


def processes_current_first(plan, on=None):
    """The plan's co-creation processes, the current one first: open for inputs today, then
    the most recent (a closed process of an earlier year comes after)."""
    on = on or timezone.localdate()
    open_now = InputMechanism.objects.filter(process=OuterRef("pk"), opens_on__lte=on,
                                             closes_on__gte=on)
    return (CoCreationProcess.objects.filter(plan=plan)
            .annotate(is_open=Exists(open_now))
            .order_by("-is_open", F("development_starts_on").desc(nulls_last=True),
                      F("timeline_published_on").desc(nulls_last=True), "-pk"))


def in_process_order(queryset, processes):
    """``queryset`` (of rows with a ``process``) annotated with ``process_rank``, the place
    of its process in ``processes``: order by it to list the current process first."""
    ranks = [When(process_id=process.pk, then=Value(rank))
             for rank, process in enumerate(processes)]
    return queryset.annotate(process_rank=Case(*ranks, default=Value(len(ranks)),
                                               output_field=IntegerField()))


def _count_per_process(rows):
    """How many of ``rows`` belong to the outer process: a COUNT subquery, so that two
    counts never multiply each other's joins."""
    return Coalesce(Subquery(rows.filter(process=OuterRef("pk")).order_by().values("process")
                             .annotate(n=Count("pk")).values("n")), 0)


def public_process(plan):
    """The plan's co-creation processes, current first, with their published parts and
    counts, in a fixed few queries."""
    return list(
        processes_current_first(plan)
        .prefetch_related("stages", "outreach_activities", Prefetch(
            "input_mechanisms", queryset=InputMechanism.objects.defer("draft")))
        .annotate(contribution_count=_count_per_process(received_contributions()),
                  response_count=_count_per_process(published_responses()))
    )


# The first few contributions a response answers, shown on its card; the count says the rest.
RESPONSE_SAMPLE = 3


def public_responses(processes):
    """Published responses of ``processes``, the current process first, newest first; each
    with ``public_count`` (the published contributions it answers) and ``sample`` (the
    first few of them). Nothing here loads every contribution of a response."""
    from opengov.plans.models import Commitment

    public = Q(contributions__consent_to_publish=True, contributions__deleted_at=None,
               contributions__moderation_state=ModerationState.PUBLISHED)
    sample = public_contributions().order_by("submitted_at", "pk")[:RESPONSE_SAMPLE]
    return (in_process_order(ReasonedResponse.objects.public().filter(process__in=processes),
                             processes)
            .select_related("process")
            .annotate(public_count=Count("contributions", filter=public))
            .prefetch_related(
                Prefetch("contributions", queryset=sample, to_attr="sample"),
                Prefetch("commitments", queryset=Commitment.objects.select_related("plan")))
            .order_by("process_rank", "-published_on", "-pk"))


def open_online_mechanism(plan, on=None):
    """The plan's online form open today, if any (the public form posts to it)."""
    on = on or timezone.localdate()
    return (InputMechanism.objects.filter(process__plan=plan, kind=InputMechanism.Kind.ONLINE_FORM,
                                          opens_on__lte=on, closes_on__gte=on)
            .select_related("process").order_by("closes_on").first())


def next_online_mechanism(plan, on=None):
    on = on or timezone.localdate()
    return (InputMechanism.objects.filter(process__plan=plan, kind=InputMechanism.Kind.ONLINE_FORM,
                                          opens_on__gt=on).order_by("opens_on").first())


def feedback_rows(plan, processes):
    """Published contributions of a plan, each with its published responses (CC9), the
    current process first (``processes`` in their order); within a process, those answered
    together one after the other (the latest answer first), then those not answered yet,
    newest first."""
    from opengov.plans.models import Commitment

    first_answer = (ReasonedResponse.objects.public().filter(contributions=OuterRef("pk"))
                    .order_by("pk").values("pk")[:1])
    return (in_process_order(public_contributions().filter(process__plan=plan), processes)
            .annotate(first_answer=Subquery(first_answer))
            .select_related("process")
            .prefetch_related(
                "themes",
                Prefetch("responses", to_attr="public_responses",
                         queryset=ReasonedResponse.objects.public().prefetch_related(
                             Prefetch("commitments",
                                      queryset=Commitment.objects.select_related("plan")))),
            ).order_by("process_rank", F("first_answer").desc(nulls_last=True),
                       "-submitted_at", "-pk"))


def mark_shared_responses(contributions):
    """A response answering several contributions of one page is shown in full on the first
    of them only: on the others ``response.shown_above`` is true, and the card links to it."""
    seen = set()
    for contribution in contributions:
        for response in contribution.public_responses:
            response.shown_above = response.pk in seen
            seen.add(response.pk)


def feedback_stats(plan, process=None):
    """How many inputs were received and answered, and how: the share answered is CC8's.
    Of one process when given, else of the whole plan."""
    received = received_contributions().filter(process__plan=plan)
    responses = published_responses().filter(process__plan=plan)
    if process is not None:
        received, responses = received.filter(process=process), responses.filter(process=process)
    answered = answered_count(received)
    total = received.count()
    decisions = dict(responses.values_list("decision").annotate(n=Count("contributions"))
                     .values_list("decision", "n"))
    per_theme = dict(received.filter(themes__isnull=False).values_list("themes")
                     .annotate(n=Count("pk", distinct=True)).values_list("themes", "n"))
    # Names read from the themes themselves, so they come in the reader's language.
    themes = sorted(((theme.name, per_theme[pk]) for pk, theme in
                     Theme.objects.in_bulk(list(per_theme)).items()),
                    key=lambda item: (-item[1], item[0]))
    return {"received": total, "answered": answered,
            "share": round(100 * answered / total) if total else 0, "decisions": decisions,
            "themes": themes}


# -- the co-creation and moderation desks --------------------------------------------------

def desk_queue(process, filters: dict):
    """The contributions of ``process`` for the desk, filtered and ordered, each with its
    answer state, themes and groups, in a fixed number of queries per page."""
    from .models import ContributionGroup

    contributions = with_answer_state(Contribution.objects.filter(process=process))
    if filters.get("q"):
        contributions = contributions.filter(Q(text__icontains=filters["q"])
                                             | Q(title__icontains=filters["q"]))
    if filters.get("stage"):
        stage = filters["stage"]
        contributions = contributions.filter(submitted_at__date__gte=stage.starts_on,
                                             submitted_at__date__lte=stage.ends_on)
    if filters.get("theme"):
        contributions = contributions.filter(themes=filters["theme"])
    for name in ("stakeholder_type", "language", "moderation_state"):
        if filters.get(name):
            contributions = contributions.filter(**{name: filters[name]})
    if filters.get("answered"):
        contributions = desk_queue_answered(contributions, filters["answered"])
    return contributions.select_related("mechanism", "commitment").defer(
        "mechanism__draft").prefetch_related(
        "themes", Prefetch("groups", queryset=ContributionGroup.objects.exclude(
            status=ContributionGroup.Status.IGNORED), to_attr="open_groups"),
    ).order_by(filters.get("sort") or "-submitted_at", "-pk")


def desk_queue_answered(contributions, answered):
    """Keep the contributions that are answered ("yes"), have only an unpublished answer
    ("draft") or none at all ("no")."""
    if "is_answered" not in contributions.query.annotations:
        contributions = with_answer_state(contributions)
    return {
        "yes": contributions.filter(is_answered=True),
        "draft": contributions.filter(is_answered=False, has_draft_answer=True),
        "no": contributions.filter(is_answered=False, has_draft_answer=False),
    }.get(answered, contributions)


def accepted_groups_of(contribution):
    """The groups staff accepted that hold ``contribution`` (read and answered together), with
    how many contributions each holds, for its public page (the journey of an idea)."""
    from .models import ContributionGroup

    holding = ContributionGroup.contributions.through.objects.filter(
        contribution=contribution).values("contributiongroup")
    # Counted apart from the filter, whose join would count this contribution alone.
    return list(ContributionGroup.objects.filter(
        pk__in=holding, status=ContributionGroup.Status.ACCEPTED)
        .annotate(size=Count("contributions", distinct=True)).order_by("name"))


def desk_groups(process):
    """The process's groups (suggested and accepted first), each with its members."""
    from .models import ContributionGroup

    return (ContributionGroup.objects.filter(process=process)
            .prefetch_related(Prefetch(
                "contributions", queryset=with_answer_state(Contribution.objects.all())
                .order_by("submitted_at")))
            .annotate(size=Count("contributions", distinct=True))
            .order_by("status", "-size", "name"))


def process_counts(processes):
    """Received, answered and pending inputs of each process, in three queries."""
    received = dict(received_contributions().filter(process__in=processes)
                    .values_list("process").annotate(n=Count("pk")))
    answered = dict(with_answer_state(received_contributions().filter(process__in=processes))
                    .filter(is_answered=True).values_list("process").annotate(n=Count("pk")))
    pending = dict(Contribution.objects.filter(process__in=processes,
                                               moderation_state=ModerationState.PENDING)
                   .values_list("process").annotate(n=Count("pk")))
    return {p.pk: {"received": received.get(p.pk, 0), "answered": answered.get(p.pk, 0),
                   "pending": pending.get(p.pk, 0)} for p in processes}


# -- the receipt: what happens next to one contribution -------------------------------------

@dataclass(frozen=True)
class ExpectedAnswer:
    """When the forum's answer to a contribution can be expected, from its process's
    timeline. ``by``: the day the feedback stage (CC8, CC9) ends, ``stage`` that stage, and
    ``late`` when that day has passed; ``after``: failing a feedback stage, the day the
    consultation closes (the answers come after it), ``closed`` when that day has passed.
    Neither when the timeline says nothing."""

    by: date | None = None
    stage: Stage | None = None
    late: bool = False
    after: date | None = None
    closed: bool = False


def expected_answer(contribution, on=None) -> ExpectedAnswer:
    """When an answer to ``contribution`` can be expected: the end of its process's feedback
    stage (the first one still running when it was sent, else the last one); failing that,
    the close of the consultation it was sent to. Two queries at most."""
    on = on or timezone.localdate()
    sent = timezone.localdate(contribution.submitted_at)
    stages = list(Stage.objects.filter(process_id=contribution.process_id,
                                       moment=Stage.Moment.FEEDBACK).order_by("ends_on", "pk"))
    if stages:
        stage = next((s for s in stages if s.ends_on >= sent), stages[-1])
        return ExpectedAnswer(by=stage.ends_on, stage=stage, late=stage.ends_on < on)
    closes = (InputMechanism.objects.filter(pk=contribution.mechanism_id)
              .values_list("closes_on", flat=True).first()
              if contribution.mechanism_id else None)
    if closes is None:
        closes = (InputMechanism.objects.filter(process_id=contribution.process_id)
                  .aggregate(last=Max("closes_on"))["last"])
    return ExpectedAnswer(after=closes, closed=closes is not None and closes < on)


def process_is_public(process_id) -> bool:
    """The process (and so its plan) is on the public site: its pages and feeds open."""
    return CoCreationProcess.objects.public().filter(pk=process_id).exists()


# -- the journey of an idea ------------------------------------------------------------------

def idea_journey(responses, *, today=None):
    """Where the ideas answered by ``responses`` went: each public commitment those responses
    led to, with its milestones complete, its latest published update and the IRM's latest
    published finding on it. A fixed number of queries, whatever the number of commitments."""
    from opengov.plans.models import Commitment
    from opengov.reports.selectors import latest_findings
    from opengov.tracking.selectors import progress

    today = today or timezone.localdate()
    commitments = Commitment.objects.public().filter(
        responses__in=[r.pk for r in responses]).distinct()
    findings = latest_findings(commitments, today)
    return [{"commitment": row.commitment, "share": row.share, "latest": row.latest,
             "finding": findings.get(row.commitment.pk)}
            for row in progress(commitments, today=today)]


def shaping_contributions(commitment, limit=10):
    """The public contributions whose reasoned responses led to ``commitment``: how many, and
    the first ``limit`` of them, oldest first."""
    # Through the link table, so that no DISTINCT sorts whole rows (250 ms at 50,000).
    answered = ReasonedResponse.contributions.through.objects.filter(
        reasonedresponse__in=ReasonedResponse.objects.public().filter(commitments=commitment))
    contributions = public_contributions().filter(pk__in=answered.values("contribution_id"))
    return contributions.count(), list(contributions.order_by("submitted_at", "pk")[:limit])


def similar_ideas(plan, text, lang, limit=5):
    """Published contributions of ``plan`` on the subject of ``text``, with their published
    answers: ``[(contribution, excerpt)]``, closest first (the search index ranks them)."""
    from opengov.search.query import similar

    hits = similar(text, lang=lang, plan=plan, limit=limit)
    found = {c.pk: c for c in public_contributions().filter(
        pk__in=[hit.entry.object_id for hit in hits]).prefetch_related(
        Prefetch("responses", queryset=ReasonedResponse.objects.public(),
                 to_attr="public_responses"))}
    return [(found[hit.entry.object_id], hit.excerpt) for hit in hits
            if hit.entry.object_id in found]
