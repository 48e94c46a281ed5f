"""Reads of plans and commitments for the public site: only what is published."""

from django.db.models import Count, Max, Min, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from opengov.repository.models import Document
from opengov.tracking.models import ProgressUpdate

from .models import ActionPlan, Commitment, CommitmentStakeholder, Milestone


def public_plans(member):
    return (
        ActionPlan.objects.public().filter(member=member)
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
    """Published updates, whatever their plan; ``ProgressUpdate.objects.public()`` is what
    the public reads."""
    return ProgressUpdate.objects.published()


def public_plan(member, slug):
    return get_object_or_404(
        ActionPlan.objects.public().filter(member=member).prefetch_related(
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
    return get_object_or_404(ActionPlan.objects.public().filter(member=member), slug=slug)


def public_commitment(member, plan_slug, slug):
    return get_object_or_404(
        Commitment.objects.public().filter(plan__member=member, plan__slug=plan_slug)
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
                                           queryset=Document.objects.public())),
                to_attr="public_updates",
            ),
            "themes",
        ),
        slug=slug,
    )


# The life of a plan as the public sees it, in order. The refresh is a phase of four-year plans
# only (C8).
PHASES = [("co_creation", _("Co-creation")), ("delivered", _("Delivered")),
          ("implementation", _("Implementation")), ("refresh", _("Refresh")),
          ("completed", _("Completed"))]


def plan_phases(plan, today):
    """The phases of ``plan``, each with ``state`` "done", "current" or "coming"."""
    from opengov.cocreation.models import CoCreationProcess

    status = ActionPlan.Status
    # One query whatever the plan, so that every plan page costs the same.
    window = (CoCreationProcess.objects.filter(plan=plan, purpose="refresh")
              .aggregate(start=Min("stages__starts_on"), end=Max("stages__ends_on")))
    started = (plan.duration_years == 4 and window["start"] is not None
               and window["start"] <= today)
    refreshed = started and window["end"] < today  # back to implementation after it
    if plan.status == status.CO_CREATION:
        current = "co_creation"
    elif plan.status == status.COMPLETED:
        current = "completed"
    elif today < plan.starts_on:
        current = "delivered"
    else:
        current = "refresh" if started and not refreshed else "implementation"
    keys = [key for key, _label in PHASES if key != "refresh" or plan.duration_years == 4]
    at = keys.index(current)

    def state(key):
        if key == current:
            return "current"
        return "done" if keys.index(key) < at or (key == "refresh" and refreshed) else "coming"

    return [{"key": key, "label": label, "state": state(key)}
            for key, label in PHASES if key in keys]
