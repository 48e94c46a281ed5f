"""What moderators and the public read about moderation: reported items first on the desk,
and the public statistics per month. Writes are in ``services`` (``moderate``,
``problem_report``)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Min, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.urls import reverse

from opengov.core.models import ModerationState
from opengov.tracking.models import Comment

from .models import Contribution, ModerationDecision, ProblemReport

OPEN = Q(problem_reports__decision__isnull=True)


def comment_of_member(member, prefix="", public_plans=False):
    """Comments of ``member`` (on an update or a self-assessment); with ``public_plans``,
    only those under a public plan."""
    plan = {"is_public": True} if public_plans else {}

    def under(path):
        return Q(**{f"{prefix}{path}__member": member},
                 **{f"{prefix}{path}__{key}": value for key, value in plan.items()})

    return under("progress_update__commitment__plan") | under("self_assessment__plan")


def contribution_of_member(member, prefix="", public_plans=False):
    return Q(**{f"{prefix}process__plan__member": member},
             **({f"{prefix}process__plan__is_public": True} if public_plans else {}))


def decision_of_member(member, public_plans=False):
    return (contribution_of_member(member, "contribution__", public_plans)
            | comment_of_member(member, "comment__", public_plans))


# -- what the public may report -------------------------------------------------------------

def public_page(item) -> str:
    """Where a contribution or a comment is read on the public site."""
    if isinstance(item, Contribution):
        back = reverse("cocreation:feedback", args=[item.process.plan.slug])
        return f"{back}?process={item.process_id}"
    if item.progress_update_id:
        return reverse("tracking:update_detail", args=[item.progress_update_id])
    return reverse("reports:self_assessment",
                   args=[item.self_assessment.plan.slug, item.self_assessment_id])


def reportable_contribution(member, reference):
    """A public contribution of ``member`` (404 otherwise), and the page it is read on."""
    contribution = get_object_or_404(
        Contribution.objects.public().filter(process__plan__member=member)
        .select_related("process__plan"), reference=reference)
    return contribution, public_page(contribution)


def reportable_comment(member, pk):
    """A public comment of ``member`` (404 otherwise), and the page it is read on."""
    comment = get_object_or_404(
        Comment.objects.public().filter(comment_of_member(member))
        .select_related("progress_update", "self_assessment__plan"), pk=pk)
    return comment, public_page(comment)


# -- the moderation desk ----------------------------------------------------------------------

def _with_open_reports(queryset):
    return (queryset.annotate(open_reports=Count("problem_reports", filter=OPEN),
                              first_reported=Min("problem_reports__reported_at", filter=OPEN))
            .filter(open_reports__gt=0)
            .prefetch_related(Prefetch("problem_reports",
                                       queryset=ProblemReport.objects.filter(
                                           decision__isnull=True),
                                       to_attr="open_report_list"))
            .order_by("-open_reports", "first_reported", "pk"))


def reported_contributions(member):
    """Contributions with open reports, most reported first (hidden ones among them)."""
    return _with_open_reports(Contribution.objects.filter(process__plan__member=member)
                              .select_related("process__plan"))


def reported_comments(member):
    return _with_open_reports(
        Comment.objects.filter(comment_of_member(member))
        .select_related("progress_update__commitment", "self_assessment__plan"))


def reported_count(member) -> int:
    """How many texts of ``member`` have open reports (two counting queries)."""
    return reported_contributions(member).count() + reported_comments(member).count()


def not_reported(queryset):
    """Leave out what the reported list shows already."""
    name = queryset.model._meta.model_name  # "contribution" or "comment"
    return queryset.exclude(pk__in=ProblemReport.objects.filter(
        decision__isnull=True, **{f"{name}__isnull": False}).values(name))


def reasons(reports) -> list[tuple[str, int]]:
    """``[(reason label, visitors)]`` of a list of reports, most given first."""
    labels = dict(ProblemReport.Reason.choices)
    return [(labels.get(reason, reason), n)
            for reason, n in Counter(report.reason for report in reports).most_common()]


# -- public statistics ----------------------------------------------------------------------

KEPT_OUT = (ModerationState.PRIVATE, ModerationState.SPAM, ModerationState.ABUSE)


@dataclass
class Month:
    month: date
    received: int = 0
    reports: int = 0
    hidden_after_reports: int = 0
    decisions: dict = field(default_factory=dict)

    @property
    def published(self):
        return self.decisions.get(ModerationState.PUBLISHED, 0)

    @property
    def kept_private(self):
        return self.decisions.get(ModerationState.PRIVATE, 0)

    @property
    def spam(self):
        return self.decisions.get(ModerationState.SPAM, 0)

    @property
    def abuse(self):
        return self.decisions.get(ModerationState.ABUSE, 0)


def _per_month(queryset, when):
    return queryset.annotate(month=TruncMonth(when)).values("month")


def monthly_statistics(member) -> list[Month]:
    """Per month, newest first: public input received, moderators' decisions by outcome,
    visitors' reports and the items they hid, under public plans. Counts only, in four
    aggregate queries."""
    months: dict[date, Month] = {}

    def at(moment):
        day = moment.date() if hasattr(moment, "date") else moment
        return months.setdefault(day, Month(day))

    received = [
        _per_month(Contribution.objects.filter(contribution_of_member(member, public_plans=True)),
                   "submitted_at"),
        _per_month(Comment.objects.filter(comment_of_member(member, public_plans=True)),
                   "submitted_at"),
    ]
    for queryset in received:
        for row in queryset.annotate(n=Count("pk")).order_by():
            at(row["month"]).received += row["n"]
    decisions = (ModerationDecision.objects.filter(decision_of_member(member, True))
                 .annotate(month=TruncMonth("decided_at")).values("month", "state")
                 .annotate(n=Count("pk"), by_person=Count("decided_by")).order_by())
    for row in decisions:
        month = at(row["month"])
        if row["by_person"]:
            month.decisions[row["state"]] = month.decisions.get(row["state"], 0) + row["by_person"]
        if row["state"] == ModerationState.PENDING:  # the only decision nobody signs
            month.hidden_after_reports += row["n"] - row["by_person"]
    reports = _per_month(ProblemReport.objects.filter(decision_of_member(member, True)),
                         "reported_at")
    for row in reports.annotate(n=Count("pk")).order_by():
        at(row["month"]).reports += row["n"]
    return sorted(months.values(), key=lambda month: month.month, reverse=True)
