"""Gather the plain facts of one action plan from the database, for ``opengov.rules``.

This is the only bridge between the records and the rules: the engine decides, this module
only reads. Each fact carries a ``ref`` ("meeting:12") so that verdicts can link to their
evidence.
"""

from datetime import date

from django.db.models import Min

from opengov.cocreation.models import CoCreationProcess, Contribution, ReasonedResponse
from opengov.cocreation.selectors import NOT_CONTRIBUTIONS
from opengov.forum.models import Meeting
from opengov.plans.models import ActionPlan
from opengov.reports.models import CommitmentFinding, RequirementFinding
from opengov.repository.models import DocumentVersion
from opengov.rules import facts as rf
from opengov.tracking.models import ProgressUpdate


def _process_facts(process: CoCreationProcess | None) -> rf.CoCreation | None:
    if process is None:
        return None
    contributions = Contribution.objects.filter(process=process).exclude(
        moderation_state__in=NOT_CONTRIBUTIONS)
    published = ReasonedResponse.objects.filter(process=process, published_on__isnull=False)
    answered = contributions.filter(responses__in=published).distinct().count()
    feedback = process.feedback_published_on or published.aggregate(d=Min("published_on"))["d"]
    return rf.CoCreation(
        timeline_published_on=process.timeline_published_on,
        development_starts_on=process.development_starts_on,
        outreach=[rf.Outreach(a.held_on, a.format, f"outreach:{a.pk}")
                  for a in process.outreach_activities.order_by("held_on")],
        mechanisms=[rf.Mechanism(m.opens_on, m.closes_on, m.kind, f"mechanism:{m.pk}")
                    for m in process.input_mechanisms.order_by("opens_on")],
        contributions_received=contributions.count(),
        contributions_answered=answered,
        stakeholder_types=contributions.values("stakeholder_type").distinct().count(),
        feedback_published_on=feedback,
    )


def _cycles(plan: ActionPlan) -> list[rf.Cycle]:
    plans = list(ActionPlan.objects.filter(member=plan.member, number__lte=plan.number)
                 .order_by("number"))
    following = {p.number: p for p in ActionPlan.objects.filter(member=plan.member)}
    failed = {}
    for finding in RequirementFinding.objects.filter(
            product__plan__in=plans, verdict=RequirementFinding.Verdict.NOT_MET):
        failed.setdefault(finding.product.plan_id, set()).add(finding.requirement)
    no_progress = set()
    for p in plans:
        completions = list(CommitmentFinding.objects.filter(
            product__plan=p, product__kind="results_report").exclude(completion="")
            .values_list("completion", flat=True))
        if completions and all(c == "not_started" for c in completions):
            no_progress.add(p.pk)
    cycles = []
    for p in plans:
        successor = following.get(p.number + 1)
        cycles.append(rf.Cycle(
            plan=str(p.number), ends_on=p.ends_on,
            next_delivered_on=successor.delivered_on if successor else None,
            irm_failed_requirements=sorted(failed.get(p.pk, ())),
            irm_no_progress=p.pk in no_progress,
        ))
    return cycles


def plan_facts(plan: ActionPlan, *, today: date, site_url: str = "") -> rf.Facts:
    """Everything the rules need to know about ``plan`` on ``today``."""
    member = plan.member
    processes = {p.purpose: p for p in CoCreationProcess.objects.filter(plan=plan)
                 .prefetch_related("outreach_activities", "input_mechanisms")}
    forum = getattr(member, "forum", None)
    meetings = []
    if forum is not None:
        meetings = [rf.Meeting(m.starts_at.date(), m.kind, f"meeting:{m.pk}")
                    for m in Meeting.objects.filter(forum=forum).order_by("starts_at")]
    repository = sorted({
        v.uploaded_at.date() for v in DocumentVersion.objects.filter(
            document__member=member, document__is_public=True, document__deleted_at=None)
    })
    updates = {}
    for commitment_id, reported in ProgressUpdate.objects.filter(
            commitment__plan=plan, published_on__isnull=False, published_on__lte=today
    ).values_list("commitment_id", "reported_on"):
        updates.setdefault(commitment_id, []).append(reported)
    main = processes.get(CoCreationProcess.Purpose.PLAN)
    return rf.Facts(
        today=today,
        plan=rf.PlanFacts(plan.delivery_slot, plan.start_year, plan.duration_years,
                          plan.delivered_on),
        period_start=(main.timeline_published_on if main and main.timeline_published_on
                      else None),
        forum_rules_published_on=forum.rules_published_on if forum else None,
        meetings=meetings,
        website_url=member.website or site_url or None,
        repository_updates=repository,
        cocreation=_process_facts(main),
        refresh=_process_facts(processes.get(CoCreationProcess.Purpose.REFRESH)),
        commitments=[rf.CommitmentFacts(str(c.number), c.is_local, sorted(updates.get(c.pk, [])))
                     for c in plan.commitments.order_by("number")],
        cycles=_cycles(plan),
    )

