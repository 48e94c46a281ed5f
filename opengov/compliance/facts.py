"""Gather the plain facts of one action plan from the database, for ``opengov.rules``.

This is the only bridge between the records and the rules: the engine decides, this module
only reads. Each fact carries a ``ref`` ("meeting:12") so that verdicts can link to their
evidence.
"""

from datetime import UTC, date

from django.db.models import Count, Min

from opengov.cocreation.models import CoCreationProcess, ReasonedResponse
from opengov.cocreation.selectors import answered_count, received_contributions
from opengov.forum.models import Meeting
from opengov.forum.selectors import current_seats
from opengov.plans.models import ActionPlan, PlanVersion
from opengov.reports.models import CommitmentFinding, RequirementFinding, SupportUnitLetter
from opengov.repository.models import Document, DocumentVersion
from opengov.rules import facts as rf
from opengov.rules import schema
from opengov.tracking.models import ProgressUpdate


def _process_facts(process: CoCreationProcess | None) -> rf.CoCreation | None:
    if process is None:
        return None
    contributions = received_contributions().filter(process=process)
    # Counts and dates only: one aggregate each, never the rows themselves.
    counts = contributions.aggregate(received=Count("pk"),
                                     types=Count("stakeholder_type", distinct=True))
    published = ReasonedResponse.objects.filter(process=process, published_on__isnull=False)
    feedback = process.feedback_published_on or published.aggregate(d=Min("published_on"))["d"]
    return rf.CoCreation(
        timeline_published_on=process.timeline_published_on,
        development_starts_on=process.development_starts_on,
        outreach=[rf.Outreach(held_on, format_, f"outreach:{pk}")
                  for held_on, format_, pk in process.outreach_activities.order_by("held_on")
                  .values_list("held_on", "format", "pk")],
        mechanisms=[rf.Mechanism(opens_on, closes_on, kind, f"mechanism:{pk}")
                    for opens_on, closes_on, kind, pk in process.input_mechanisms
                    .order_by("opens_on").values_list("opens_on", "closes_on", "kind", "pk")],
        contributions_received=counts["received"],
        contributions_answered=answered_count(contributions),
        stakeholder_types=counts["types"],
        feedback_published_on=feedback,
    )


def _cycles(plan: ActionPlan) -> list[rf.Cycle]:
    plans = list(ActionPlan.objects.filter(member=plan.member, number__lte=plan.number)
                 .order_by("number"))
    following = {p.number: p for p in ActionPlan.objects.filter(member=plan.member)}
    failed = {}
    for plan_id, requirement in RequirementFinding.objects.filter(
            product__plan__in=plans, verdict=RequirementFinding.Verdict.NOT_MET
    ).values_list("product__plan_id", "requirement"):
        failed.setdefault(plan_id, set()).add(requirement)
    letters = {}
    for plan_id, sent_on, url, pk in (SupportUnitLetter.objects.filter(plan__in=plans)
                                      .order_by("sent_on")
                                      .values_list("plan_id", "sent_on", "url", "pk")):
        letters.setdefault(plan_id, []).append(rf.Letter(sent_on, url or None, f"letter:{pk}"))
    # One query for every plan's results reports: the completions each one found.
    completions = {}
    for plan_id, completion in (CommitmentFinding.objects.filter(
            product__plan__in=plans, product__kind="results_report").exclude(completion="")
            .values_list("product__plan_id", "completion")):
        completions.setdefault(plan_id, []).append(completion)
    no_progress = {plan_id for plan_id, found in completions.items()
                   if all(c == "not_started" for c in found)}
    cycles = []
    for p in plans:
        successor = following.get(p.number + 1)
        cycles.append(rf.Cycle(
            plan=str(p.number), ends_on=p.ends_on,
            next_delivered_on=successor.delivered_on if successor else None,
            irm_failed_requirements=sorted(failed.get(p.pk, ())),
            irm_no_progress=p.pk in no_progress,
            support_unit_letters=letters.get(p.pk, []),
        ))
    return cycles


def _inclusion_groups(forum, today) -> list[str] | None:
    """F4: the under-represented groups current forum members speak for."""
    if forum is None:
        return None
    groups = set()
    for chosen in current_seats(forum, today).values_list("inclusion_groups", flat=True):
        groups.update(chosen or [])
    return sorted(groups)


def plan_facts(plan: ActionPlan, *, today: date, site_url: str = "") -> rf.Facts:
    """Everything the rules need to know about ``plan`` on ``today``."""
    member = plan.member
    processes = {p.purpose: p for p in CoCreationProcess.objects.filter(plan=plan)}
    forum = getattr(member, "forum", None)
    meetings = []
    if forum is not None:
        meetings = [rf.Meeting(starts_at.date(), kind, f"meeting:{pk}")
                    for starts_at, kind, pk in Meeting.objects.filter(forum=forum)
                    .order_by("starts_at").values_list("starts_at", "kind", "pk")]
    # The days a public file was added, counted in the database: never the files' text.
    repository = [day.date() for day in DocumentVersion.objects.filter(
        document__in=Document.objects.public().filter(member=member)
    ).datetimes("uploaded_at", "day", tzinfo=UTC)]
    updates = {}
    for commitment_id, reported in ProgressUpdate.objects.filter(
            commitment__plan=plan, published_on__isnull=False, published_on__lte=today
    ).values_list("commitment_id", "reported_on"):
        updates.setdefault(commitment_id, []).append(reported)
    main = processes.get(CoCreationProcess.Purpose.PLAN)
    amendments = sorted(plan.versions.filter(kind=PlanVersion.Kind.AMENDMENT)
                        .values_list("delivered_on", flat=True))
    return rf.Facts(
        today=today,
        plan=rf.PlanFacts(plan.delivery_slot, plan.start_year, plan.duration_years,
                          plan.delivered_on, plan.is_limited, amendments),
        period_start=(main.timeline_published_on if main and main.timeline_published_on
                      else None),
        forum_rules_published_on=forum.rules_published_on if forum else None,
        inclusion_groups=_inclusion_groups(forum, today),
        meetings=meetings,
        website_url=member.website or site_url or None,
        repository_updates=repository,
        cocreation=_process_facts(main),
        refresh=_process_facts(processes.get(CoCreationProcess.Purpose.REFRESH)),
        commitments=[rf.CommitmentFacts(str(number), is_local, sorted(updates.get(pk, [])))
                     for pk, number, is_local in plan.commitments.order_by("number")
                     .values_list("pk", "number", "is_local")],
        cycles=_cycles(plan),
    )


def _keys(definition: str) -> list[str]:
    """The fields the engine reads, as its published schema lists them."""
    return list(schema.load("facts")["$defs"][definition]["properties"])


def commitment_checks_input(plan: ActionPlan, snapshot: dict) -> dict:
    """The ``commitment_checks`` part of the facts, from a plan snapshot: exactly the keys
    the engine reads (the snapshot also holds what the documents need)."""
    sections = schema.load("facts")["properties"]["commitment_checks"]["properties"]
    commitment_keys = [k for k in _keys("commitment_template") if k != "milestones"]
    return {
        "status": plan.status,
        "languages": list(plan.member.document_languages),
        "sections": {k: snapshot["plan"].get(k) for k in sections["sections"]["properties"]},
        "commitments": [
            {**{k: c[k] for k in commitment_keys if k in c},
             "milestones": [{k: m[k] for k in _keys("milestone") if k in m}
                            for m in c.get("milestones") or []]}
            for c in snapshot["commitments"]
        ],
    }
