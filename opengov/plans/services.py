"""Writes on plans. Each is one atomic function called by the admin, commands and tests alike."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from opengov.core.translation import in_every_language as _translated

from .models import ActionPlan, PlanVersion

PLAN_TEXT = ("title", "introduction", "efforts_to_date", "development_process")
COMMITMENT_TEXT = (
    "title", "short_description", "problem", "causes", "done_so_far", "solution",
    "expected_results", "transparency", "accountability", "participation",
    "challenge_priority", "challenge_cocreation_note", "local_jurisdiction", "national_policy",
)
MILESTONE_TEXT = ("title", "expected_result")


def plan_snapshot(plan: ActionPlan) -> dict:
    """Everything the plan says, in every language, as plain JSON (frozen in a PlanVersion)."""
    commitments = plan.commitments.select_related("lead_agency").prefetch_related(
        "milestones__lead", "stakeholders__organisation"
    )
    return {
        "plan": {
            "member": plan.member.name,
            "number": plan.number,
            "start_year": plan.start_year,
            "duration_years": plan.duration_years,
            "delivery_slot": plan.delivery_slot,
            "ends_on": plan.ends_on.isoformat(),
            **{field: _translated(plan, field) for field in PLAN_TEXT},
        },
        "commitments": [
            {
                "number": c.number,
                "slug": c.slug,
                "lead_agency": str(c.lead_agency),
                "period": [c.period_start.isoformat(), c.period_end.isoformat()],
                "is_challenge": c.is_challenge,
                "is_local": c.is_local,
                **{field: _translated(c, field) for field in COMMITMENT_TEXT},
                "stakeholders": [
                    {"organisation": str(s.organisation), "constituency": s.constituency,
                     "role": _translated(s, "role")}
                    for s in c.stakeholders.all()
                ],
                "milestones": [
                    {
                        "number": m.number,
                        "due_on": m.due_on.isoformat() if m.due_on else None,
                        "lead": str(m.lead) if m.lead else None,
                        **{field: _translated(m, field) for field in MILESTONE_TEXT},
                    }
                    for m in c.milestones.all()
                ],
            }
            for c in commitments
        ],
    }


@transaction.atomic
def plan_submit(*, actor, plan: ActionPlan, delivered_on) -> PlanVersion:
    """Deliver a plan (C5) and freeze its original version forever (C7).

    The plan moves to implementation and becomes public. Submitting twice is refused: later
    changes are amendments or the refresh, each a new version.
    """
    caller_copy = plan
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.versions.filter(kind=PlanVersion.Kind.ORIGINAL).exists():
        raise ValidationError(
            _("This plan was already submitted. Later changes are amendments (C7).")
        )
    if not plan.commitments.exists():
        raise ValidationError(_("A plan without commitments cannot be submitted (C6)."))
    plan.delivered_on = delivered_on
    plan.status = ActionPlan.Status.IMPLEMENTATION
    plan.is_public = True
    plan.save()
    caller_copy.refresh_from_db()  # so that a later save by the caller keeps these changes
    return PlanVersion.objects.create(
        plan=plan,
        number=(plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1,
        kind=PlanVersion.Kind.ORIGINAL,
        delivered_on=delivered_on,
        snapshot=plan_snapshot(plan),
        created_by=actor,
    )
