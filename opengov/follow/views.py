"""Public pages to follow by e-mail, confirm, and stop: no account, no password."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from opengov.cocreation.models import CoCreationProcess
from opengov.plans.models import ActionPlan, Commitment
from opengov.web.views import member_or_404

from . import services
from .forms import FollowForm
from .models import Subscription

REQUESTS_PER_HOUR = "10/h"


def _target(member, scope, key, plan_slug):
    """The public thing followed, its page and its feed."""
    scope_ = Subscription.Scope
    if scope == scope_.SITE:
        return None, reverse("web:home"), reverse("web:feed_updates")
    if scope == scope_.MEETINGS:
        return None, reverse("web:forum"), reverse("web:feed_meetings")
    if scope == scope_.PLAN:
        plan = get_object_or_404(ActionPlan.objects.public().filter(member=member), slug=key)
        return plan, plan.get_absolute_url(), reverse("web:feed_plan_updates", args=[plan.slug])
    if scope == scope_.COMMITMENT:
        commitment = get_object_or_404(Commitment.objects.public().filter(
            plan__member=member, plan__slug=plan_slug).select_related("plan"), slug=key)
        return commitment, commitment.get_absolute_url(), reverse(
            "web:feed_commitment_updates", args=[plan_slug, commitment.slug])
    if scope == scope_.PROCESS:
        process = get_object_or_404(CoCreationProcess.objects.public().filter(
            plan__member=member).select_related("plan"), pk=key)
        return process, process.get_absolute_url(), reverse("web:feed_opportunities")
    raise Http404


@require_http_methods(["GET", "HEAD", "POST"])
def follow(request, scope, key=None, plan_slug=None):
    member = member_or_404(request)
    target, page, feed = _target(member, scope, key, plan_slug)
    form = FollowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if is_ratelimited(request, group="follow", key="ip", rate=REQUESTS_PER_HOUR,
                          method="POST", increment=True):
            form.add_error(None, _("Many requests were sent from your connection in the last "
                                   "hour. Please try again later."))
        else:
            # A form never shown (no signed start time) or filled by a robot mails nobody.
            if form.from_a_person:
                services.follow_start(
                    member=member, scope=scope, target=target,
                    email=form.cleaned_data["email"], language=get_language(),
                    frequency=form.cleaned_data["frequency"])
            # The same answer whether the address followed already or not: it is nobody's
            # business but its owner's.
            messages.success(request, _("Almost done: we have sent a link to your e-mail. "
                                        "Open it to confirm; nothing is sent before."))
            return redirect(request.path + "#messages")
    subscription = Subscription(member=member, scope=scope,
                                **({scope: target} if target else {}))
    return render(request, "follow/follow.html", {
        "member": member, "form": form, "page": page, "feed": feed,
        "what": services.what_is_followed(subscription)})


def _by_token(token):
    return get_object_or_404(Subscription.objects.select_related(
        "member", "plan", "commitment", "process"), token=token)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """A button, not the link itself: mail scanners open links, and must not confirm."""
    subscription = _by_token(token)
    if request.method == "POST":
        subscription = services.follow_confirm(subscription=subscription)
    return render(request, "follow/confirm.html", {
        "member": subscription.member, "subscription": subscription,
        "what": services.what_is_followed(subscription)})


@never_cache
@csrf_exempt  # one click from the mail client (RFC 8058): the token is the proof
@require_http_methods(["GET", "HEAD", "POST"])
def stop(request, token):
    subscription = _by_token(token)
    if request.method == "POST":
        subscription = services.follow_stop(subscription=subscription)
    return render(request, "follow/stop.html", {
        "member": subscription.member, "subscription": subscription,
        "what": services.what_is_followed(subscription)})
