"""Compliance pages: the dashboard (signed-in roles), the public standards page, the
deadline calendar and its iCalendar feed. Every verdict and date comes from opengov.rules."""

from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from opengov.core.documents import as_file
from opengov.core.predicates import is_poc_team
from opengov.plans import selectors as plan_selectors
from opengov.plans.models import ActionPlan
from opengov.web.views import member_or_404

from .deadlines import plan_deadlines, public_calendar
from .evidence import evidence_for
from .services import minimum_requirements_summary, plan_compliance, rows_to_act_on


def _plan(member, slug, *, public):
    plans = ActionPlan.objects.filter(member=member)
    if public:
        plans = plans.public()
    if slug:
        return get_object_or_404(plans, slug=slug)
    plan = plan_selectors.current_plan(member) if public else (
        plans.exclude(status=ActionPlan.Status.COMPLETED).order_by("-number").first()
        or plans.order_by("-number").first())
    if plan is None:
        raise Http404("No plan yet.")
    return plan


def _with_evidence(compliance, *, public_only):
    for row in compliance.rows:
        row.evidence = evidence_for(compliance.plan, row.verdict, public_only=public_only)
    return compliance


# Where the next step of a rule is done in the workspace: rule ID → (URL name, whether the
# URL takes the plan's pk). Some desks are still being built: a name ``reverse`` cannot
# resolve is skipped, so the dashboard never breaks and the link appears once the desk does.
WORKSPACE_PAGES = {
    "F1": ("workspace:forum_desk", False),
    "F4": ("workspace:forum_desk", False),
    "I5": ("workspace:forum_desk", False),
    "I6": ("workspace:forum_desk", False),
    "CC3": ("workspace:cocreation_desk", False),
    "CC4": ("workspace:cocreation_desk", False),
    "CC5": ("workspace:cocreation_desk", False),
    "CC8": ("workspace:cocreation_desk", False),
    "CC9": ("workspace:cocreation_desk", False),
    "W2": ("workspace:moderation_desk", False),
    "R1": ("workspace:repository_desk", False),
    "C10": ("workspace:irm_desk", False),
    "SA1": ("workspace:self_assessments", False),
    "W3": ("workspace:home", False),
    "CM6": ("workspace:home", False),
    "C7": ("workspace:plan", True),
    "C8": ("workspace:plan", True),
    "C12": ("workspace:plan", True),
}
PAGE_LABELS = {
    "workspace:forum_desk": gettext_lazy("Go to the forum desk"),
    "workspace:cocreation_desk": gettext_lazy("Go to the co-creation desk"),
    "workspace:moderation_desk": gettext_lazy("Go to the moderation desk"),
    "workspace:repository_desk": gettext_lazy("Go to the repository desk"),
    "workspace:irm_desk": gettext_lazy("Go to the IRM desk"),
    "workspace:self_assessments": gettext_lazy("Go to the self-assessments"),
    "workspace:home": gettext_lazy("Go to the commitments in your workspace"),
    "workspace:plan": gettext_lazy("Go to the plan in your workspace"),
}
# Pages every signed-in role may open; the desks are the Point of Contact team's.
OPEN_TO_EVERY_ROLE = {"workspace:home", "workspace:plan"}


@dataclass(frozen=True)
class WorkspaceLink:
    url: str
    label: str


def workspace_link(rule_id, plan, user) -> WorkspaceLink | None:
    """The workspace page where the next step of ``rule_id`` is done, if it exists and the
    user may use it; None otherwise."""
    name, with_plan = WORKSPACE_PAGES.get(rule_id, (None, False))
    if name is None or (name not in OPEN_TO_EVERY_ROLE and not is_poc_team.test(user)):
        return None
    try:
        url = reverse(name, args=[plan.pk] if with_plan else [])
    except NoReverseMatch:
        return None
    return WorkspaceLink(url, str(PAGE_LABELS.get(name, _("Go to the workspace"))))


@require_safe
def dashboard(request, slug=None):
    """What a Point of Contact needs: a summary of the minimum requirements and the next
    deadline, what to do now for each requirement at risk, not met or not known (with the
    workspace page where it is done), then every verdict with its evidence."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("compliance.view_dashboard"):
        raise PermissionDenied
    member = member_or_404(request)
    plan = _plan(member, slug, public=False)
    compliance = _with_evidence(plan_compliance(plan, site_url=request.build_absolute_uri("/")),
                                public_only=False)
    deadlines = plan_deadlines(compliance)[:12]
    next_deadline = deadlines[0] if deadlines else None
    for row in compliance.rows:
        row.link = workspace_link(row.rule, plan, request.user)
    return render(request, "compliance/dashboard.html", {
        "member": member, "plan": plan, "compliance": compliance,
        "plans": ActionPlan.objects.filter(member=member).order_by("-number"),
        "summary": minimum_requirements_summary(compliance.rows),
        "actions": rows_to_act_on(compliance.rows), "deadlines": deadlines,
        "next_deadline": next_deadline,
        "next_deadline_link": next_deadline and workspace_link(next_deadline.rule, plan,
                                                               request.user),
    })


@require_safe
def standards(request, slug):
    member = member_or_404(request)
    plan = _plan(member, slug, public=True)
    compliance = _with_evidence(plan_compliance(plan, site_url=request.build_absolute_uri("/")),
                                public_only=True)
    return render(request, "compliance/standards.html",
                  {"member": member, "plan": plan, "compliance": compliance})


@require_safe
def deadline_calendar(request):
    member = member_or_404(request)
    return render(request, "compliance/calendar.html", {
        "member": member, "today": timezone.localdate(),
        "groups": public_calendar(member, site_url=request.build_absolute_uri("/")),
    })


@require_safe
def calendar_ics(request):
    member = member_or_404(request)
    cal = Calendar()
    cal.add("prodid", "-//OpenGov Platform//deadlines//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("%(member)s: OGP deadlines") % {"member": member.name})
    host = request.get_host().split(":")[0]
    stamp = timezone.now()
    for group in public_calendar(member, site_url=request.build_absolute_uri("/")):
        for deadline in group.deadlines:
            event = Event()
            event.add("uid", f"{deadline.key}@{host}")
            event.add("dtstamp", stamp)
            event.add("dtstart", deadline.date)
            event.add("summary", f"{deadline.label} — {group.plan.title}" if group.plan
                      else deadline.label)
            event.add("description", "{} — {}".format(deadline.rule_name, _(
                "Rule %(rule)s of the OGP National Handbook.") % {"rule": deadline.rule}))
            if deadline.url:
                event.add("url", request.build_absolute_uri(deadline.url))
            cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ogp-deadlines.ics"'
    return as_file(response)  # calendar programs subscribe to it; meeting titles are typed in

