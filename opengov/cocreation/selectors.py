from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from opengov.core.models import ModerationState

from .models import CoCreationProcess, Contribution, InputMechanism, ReasonedResponse

# Spam and abuse are kept, but they are not contributions anyone made to the plan.
NOT_CONTRIBUTIONS = [ModerationState.SPAM, ModerationState.ABUSE]


def public_contributions():
    return Contribution.objects.filter(
        consent_to_publish=True, moderation_state=ModerationState.PUBLISHED
    )


def published_responses():
    today = timezone.localdate()
    return ReasonedResponse.objects.filter(published_on__isnull=False, published_on__lte=today)


def open_mechanisms(member, on=None):
    """Participation opportunities open now, for the home page (CC5)."""
    on = on or timezone.localdate()
    return (
        InputMechanism.objects.filter(
            process__plan__member=member, process__plan__is_public=True,
            opens_on__lte=on, closes_on__gte=on,
        )
        .select_related("process__plan")
        .order_by("closes_on")
    )


def public_process(plan, responses_per_process=20):
    """The plan's co-creation processes with their published parts, in a fixed few queries."""
    from opengov.plans.models import Commitment

    responses = published_responses().prefetch_related(
        Prefetch("contributions", queryset=public_contributions()),
        Prefetch("commitments", queryset=Commitment.objects.select_related("plan")),
    ).order_by("-published_on", "-pk")
    return list(
        CoCreationProcess.objects.filter(plan=plan)
        .prefetch_related(
            "stages", "outreach_activities", "input_mechanisms",
            Prefetch("responses", queryset=responses[:responses_per_process],
                     to_attr="public_responses"),
        )
        .annotate(
            contribution_count=Count(
                "contributions",
                filter=Q(contributions__deleted_at=None)
                & ~Q(contributions__moderation_state__in=NOT_CONTRIBUTIONS),
            )
        )
        .order_by("pk")
    )


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


def feedback_rows(plan):
    """Published contributions of a plan, each with its published responses (CC9)."""
    from opengov.plans.models import Commitment

    return (public_contributions().filter(process__plan=plan)
            .prefetch_related(
                "themes",
                Prefetch("responses", to_attr="public_responses",
                         queryset=published_responses().prefetch_related(
                             Prefetch("commitments",
                                      queryset=Commitment.objects.select_related("plan")))),
            ).order_by("-submitted_at"))


def feedback_stats(plan):
    """How many inputs were received and answered, and how: the share answered is CC8's."""
    received = Contribution.objects.filter(process__plan=plan).exclude(
        moderation_state__in=NOT_CONTRIBUTIONS)
    answered = received.filter(responses__in=published_responses()).distinct().count()
    total = received.count()
    decisions = dict(
        published_responses().filter(process__plan=plan).values_list("decision")
        .annotate(n=Count("contributions")).values_list("decision", "n"))
    return {"received": total, "answered": answered,
            "share": round(100 * answered / total) if total else 0, "decisions": decisions}
