"""Reads of plans and commitments for the public site: only what is published."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from opengov.repository.models import Document
from opengov.tracking.models import ProgressUpdate

from .models import ActionPlan, Commitment, CommitmentStakeholder, Milestone


def public_plans(member):
    return (
        ActionPlan.objects.filter(member=member, is_public=True)
        .annotate(commitment_count=Count("commitments", filter=Q(commitments__deleted_at=None)))
        .order_by("-start_year", "-number")
    )


def current_plan(member):
    plans = public_plans(member)
    return (
        plans.filter(status=ActionPlan.Status.IMPLEMENTATION).first()
        or plans.exclude(status=ActionPlan.Status.COMPLETED).first()
        or plans.first()
    )


def published_updates():
    today = timezone.localdate()
    return ProgressUpdate.objects.filter(published_on__isnull=False, published_on__lte=today)


def public_plan(member, slug):
    return get_object_or_404(
        ActionPlan.objects.filter(member=member, is_public=True).prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("lead_agency")
                .prefetch_related(
                    Prefetch(
                        "progress_updates",
                        queryset=published_updates().filter(milestone__isnull=True),
                        to_attr="public_updates",
                    )
                )
                .annotate(
                    milestone_count=Count("milestones", filter=Q(milestones__deleted_at=None))
                )
                .order_by("number"),
            ),
            "versions",
            "local_initiatives",
        ),
        slug=slug,
    )


def public_plan_alone(member, slug):
    """A public plan without its commitments and versions, for the pages that only name it
    (co-creation, feedback): four queries fewer than ``public_plan``."""
    return get_object_or_404(ActionPlan.objects.filter(member=member, is_public=True), slug=slug)


def public_commitment(member, plan_slug, slug):
    return get_object_or_404(
        Commitment.objects.filter(
            plan__member=member, plan__is_public=True, plan__slug=plan_slug
        )
        .select_related("plan", "lead_agency")
        .prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.select_related("lead")
                .prefetch_related(
                    "supporting",
                    Prefetch("progress_updates", queryset=published_updates(),
                             to_attr="public_updates"),
                )
                .order_by("number"),
            ),
            Prefetch(
                "stakeholders",
                queryset=CommitmentStakeholder.objects.select_related("organisation"),
            ),
            Prefetch(
                "progress_updates",
                queryset=published_updates().select_related("milestone").annotate(
                    comment_count=Count("comments", filter=Q(
                        comments__moderation_state="published", comments__deleted_at=None)))
                .prefetch_related(Prefetch("evidence", to_attr="public_evidence",
                                           queryset=Document.objects.filter(is_public=True))),
                to_attr="public_updates",
            ),
            "themes",
        ),
        slug=slug,
    )
