from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from opengov.core.models import ModerationState

from .models import CoCreationProcess, Contribution, InputMechanism, ReasonedResponse


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


def public_process(plan):
    """The plan's co-creation processes with their published parts, or an empty list."""
    return list(
        CoCreationProcess.objects.filter(plan=plan)
        .prefetch_related("stages", "outreach_activities", "input_mechanisms")
        .annotate(
            contribution_count=Count("contributions", distinct=True),
            public_contribution_count=Count(
                "contributions",
                filter=Q(
                    contributions__consent_to_publish=True,
                    contributions__moderation_state=ModerationState.PUBLISHED,
                    contributions__deleted_at=None,
                ),
                distinct=True,
            ),
        )
        .order_by("pk")
    )


def recent_public_responses(process, limit=20):
    return (
        published_responses()
        .filter(process=process)
        .prefetch_related(
            Prefetch("contributions", queryset=public_contributions()),
            "commitments",
        )
        .order_by("-published_on", "-pk")[:limit]
    )
