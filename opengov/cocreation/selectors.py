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
