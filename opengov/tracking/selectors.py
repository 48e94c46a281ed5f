"""Reads on implementation: where each commitment stands, what is due, what is overdue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from opengov.core.predicates import is_agency_editor, is_poc_team, organisation_of
from opengov.plans.models import Commitment, Milestone
from opengov.plans.selectors import published_updates
from opengov.rules.implementation import update_due
from opengov.rules.verdicts import Status, Verdict

from .models import Comment, Completion, ProgressUpdate


@dataclass
class MilestoneProgress:
    milestone: Milestone
    latest: ProgressUpdate | None
    overdue_days: int  # 0 unless past its planned date and not complete


@dataclass(frozen=True)
class Share:
    """Milestones complete out of all: what a progress bar shows."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class CommitmentProgress:
    commitment: Commitment
    latest: ProgressUpdate | None
    due: Verdict  # W3 (f) or CM6 for this commitment
    milestones: list[MilestoneProgress] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        """No update for six months (three for a local commitment)."""
        return self.due.status == Status.NOT_MET

    @property
    def due_soon(self) -> bool:
        return self.due.status == Status.AT_RISK

    @property
    def overdue_milestones(self):
        return [m for m in self.milestones if m.overdue_days]

    @property
    def share(self) -> Share:
        """A milestone counts as complete when its latest published update says so."""
        return Share(sum(_completed(m.latest) for m in self.milestones), len(self.milestones))


def plan_share(shares) -> Share:
    """The milestones of a whole plan, complete out of all, from its commitments' shares."""
    shares = list(shares)
    return Share(sum(s.done for s in shares), sum(s.total for s in shares))


def milestone_shares(commitments) -> dict[int, Share]:
    """Milestones complete out of all, by commitment id, as ``CommitmentProgress.share``
    counts them (complete when the latest published update says so), in one query that
    reads no update: for pages that show the bar and nothing else of the progress."""
    latest = (published_updates().filter(milestone=OuterRef("pk"))
              .order_by("-reported_on", "-pk").values("completion")[:1])
    rows = (Milestone.objects.filter(commitment__in=commitments)
            .annotate(latest=Subquery(latest)).values("commitment_id")
            .annotate(total=Count("pk"), done=Count("pk", filter=Q(latest=Completion.COMPLETE)))
            .order_by())
    return {row["commitment_id"]: Share(row["done"], row["total"]) for row in rows}


def editable_commitments(user, member):
    """The commitments ``user`` reports on: all for the Point of Contact team, the ones their
    agency leads for an agency editor, none for anyone else."""
    commitments = Commitment.objects.filter(plan__member=member).exclude(
        plan__status="completed").select_related("plan", "lead_agency")
    if is_poc_team.test(user):
        return commitments
    org = organisation_of(user)
    if org is None or not is_agency_editor.test(user):
        return commitments.none()
    return commitments.filter(lead_agency_id=org)


def _completed(update):
    return update is not None and update.completion == Completion.COMPLETE


def progress(commitments, *, today: date | None = None, public=True) -> list[CommitmentProgress]:
    """Latest update, staleness and milestones of each commitment, in number order."""
    today = today or timezone.localdate()
    updates = published_updates() if public else ProgressUpdate.objects.all()
    updates = updates.order_by("-reported_on", "-pk")
    commitments = commitments.select_related("plan").prefetch_related(
        Prefetch("progress_updates", queryset=updates.filter(milestone__isnull=True),
                 to_attr="own_updates"),
        Prefetch("progress_updates", queryset=updates, to_attr="all_updates"),
        Prefetch("milestones", queryset=Milestone.objects.order_by("number").prefetch_related(
            Prefetch("progress_updates", queryset=updates, to_attr="ordered_updates"))),
    ).order_by("plan", "number")
    rows = []
    for c in commitments:
        plan = c.plan
        since = plan.delivered_on or c.period_start
        reported = [u.reported_on for u in c.all_updates]
        due = update_due(reported, local=c.is_local, since=since,
                         today=min(today, plan.ends_on))
        milestones = []
        for m in c.milestones.all():
            latest = m.ordered_updates[0] if m.ordered_updates else None
            late = m.due_on is not None and m.due_on < today and not _completed(latest)
            milestones.append(MilestoneProgress(m, latest, (today - m.due_on).days if late else 0))
        latest = c.own_updates[0] if c.own_updates else (
            c.all_updates[0] if c.all_updates else None)
        rows.append(CommitmentProgress(c, latest, due, milestones))
    return rows


def public_comments(update):
    return Comment.objects.public().filter(progress_update=update)


def public_update(member, pk):
    return get_object_or_404(
        ProgressUpdate.objects.public().filter(commitment__plan__member=member)
        .select_related("commitment__plan", "milestone"), pk=pk)


def updates_per_month(updates) -> list[tuple[date, int]]:
    """Published updates counted by month, every month from the first to the last present."""
    months: dict[date, int] = {}
    for reported in updates.values_list("reported_on", flat=True):
        key = reported.replace(day=1)
        months[key] = months.get(key, 0) + 1
    if not months:
        return []
    first, last = min(months), max(months)
    result, current = [], first
    while current <= last:
        result.append((current, months.get(current, 0)))
        current = (current.replace(year=current.year + 1, month=1) if current.month == 12
                   else current.replace(month=current.month + 1))
    return result
