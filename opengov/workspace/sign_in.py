"""Failed sign-ins, counted by django-axes per person and address (settings.py, "Sign-in
protection"): wrong passwords on the workspace's and the admin's sign-in pages, and wrong
second-step codes."""

import math

from axes.conf import settings
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off, get_credentials
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out person gets instead of the sign-in (``AXES_LOCKOUT_CALLABLE``):
    what happened and when they may try again, which is the cool-off after their last
    attempt (every attempt while locked out starts it again)."""
    AxesProxyHandler.update_request(request)
    attempts = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials)
    last = max((at for at in (qs.aggregate(at=Max("attempt_time"))["at"] for qs in attempts)
                if at is not None), default=request.axes_attempt_time)
    until = last + get_cool_off(request)
    seconds = max(0, (until - timezone.now()).total_seconds())
    response = render(request, "workspace/locked_out.html", {
        "username": get_client_username(request, credentials) or "",
        "until": until, "minutes": max(1, math.ceil(seconds / 60)),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(math.ceil(seconds))
    return response


def credentials_of(user):
    return get_credentials(user.get_username())


def is_locked_out(request, user) -> bool:
    return AxesProxyHandler.is_locked(request, credentials_of(user))


def count_failed_code(request, user) -> bool:
    """A wrong second-step code is a failed sign-in like a wrong password. True when it is
    the one that locks the person out."""
    user_login_failed.send(sender=__name__, credentials=credentials_of(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))
