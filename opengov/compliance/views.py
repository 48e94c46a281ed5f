"""Compliance pages: the dashboard (signed-in roles), the public standards page, the
deadline calendar and its iCalendar feed. Every verdict and date comes from opengov.rules."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from opengov.plans import selectors as plan_selectors
from opengov.plans.models import ActionPlan
from opengov.web.views import member_or_404

from .deadlines import plan_deadlines
from .evidence import evidence_for
from .services import plan_compliance


def _plan(member, slug, *, public):
    plans = ActionPlan.objects.filter(member=member)
    if public:
        plans = plans.filter(is_public=True)
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


@require_safe
def dashboard(request, slug=None):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("compliance.view_dashboard"):
        raise PermissionDenied
    member = member_or_404(request)
    plan = _plan(member, slug, public=False)
    compliance = _with_evidence(plan_compliance(plan, site_url=request.build_absolute_uri("/")),
                                public_only=False)
    return render(request, "compliance/dashboard.html", {
        "member": member, "plan": plan, "compliance": compliance,
        "plans": ActionPlan.objects.filter(member=member).order_by("-number"),
        "deadlines": plan_deadlines(compliance)[:12],
    })


@require_safe
def standards(request, slug):
    member = member_or_404(request)
    plan = _plan(member, slug, public=True)
    compliance = _with_evidence(plan_compliance(plan, site_url=request.build_absolute_uri("/")),
                                public_only=True)
    return render(request, "compliance/standards.html",
                  {"member": member, "plan": plan, "compliance": compliance})


def _open_plans(member):
    return [p for p in plan_selectors.public_plans(member)
            if p.status != ActionPlan.Status.COMPLETED]


def _calendar_deadlines(request, member):
    items = []
    for plan in _open_plans(member):
        compliance = plan_compliance(plan, site_url=request.build_absolute_uri("/"))
        items += [(plan, deadline) for deadline in plan_deadlines(compliance)]
    seen, unique = set(), []
    for plan, deadline in sorted(items, key=lambda item: item[1].date):
        if deadline.key.split(":", 1)[1] not in seen:  # scheduled meetings appear once
            seen.add(deadline.key.split(":", 1)[1])
            unique.append((plan, deadline))
    return unique


@require_safe
def deadline_calendar(request):
    member = member_or_404(request)
    return render(request, "compliance/calendar.html", {
        "member": member, "deadlines": _calendar_deadlines(request, member),
        "today": timezone.localdate(),
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
    for plan, deadline in _calendar_deadlines(request, member):
        event = Event()
        event.add("uid", f"{deadline.key}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)
        event.add("summary", f"{deadline.label} — {plan.title}")
        event.add("description", "{} — {}".format(deadline.rule_name, _(
            "Rule %(rule)s of the OGP National Handbook.") % {"rule": deadline.rule}))
        if deadline.url:
            event.add("url", request.build_absolute_uri(deadline.url))
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ogp-deadlines.ics"'
    return response

