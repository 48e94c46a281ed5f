"""Two-step sign-in: after the password, a code from an authentication app (TOTP) or one of
the person's backup codes, with django-otp.

Anyone signed in may turn it on from the workspace. With ``OTP_REQUIRED_FOR_STAFF`` the Point
of Contact team and administrators must: until they have set it up and typed a code, they
reach nothing but the setup page. A session signed in with the password alone by someone
who has a confirmed device is held at the code page the same way, whatever address it asks
for (``SecondStepMiddleware``).

Whether the session owes a code is decided when the password is accepted and kept in the
session, so a page costs no query for it; a device confirmed or removed in this session
updates it.
"""

import logging

import django_otp
from django.conf import settings
from django.contrib.auth import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from opengov.core.activity import record
from opengov.core.models import Activity
from opengov.core.predicates import is_administrator, is_poc_team

log = logging.getLogger(__name__)

# True when the person had a confirmed device as the password was accepted.
CODE_OWED = "opengov_code_owed"
BACKUP_CODES = 10
# What a session still owing a step may open: the step itself (in any language) and signing
# out.
OPEN_BEFORE_SECOND_STEP = {"workspace:two_step_verify", "workspace:two_step_setup",
                           "workspace:logout"}


def required_for(user) -> bool:
    """Does the setting oblige ``user`` to sign in in two steps (POC team, administrators)?"""
    return settings.OTP_REQUIRED_FOR_STAFF and (is_poc_team | is_administrator).test(user)


def has_device(user) -> bool:
    return django_otp.user_has_device(user, confirmed=True)


@receiver(user_logged_in)
def _note_code_owed(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[CODE_OWED] = has_device(user)


def step_due(request):
    """``"verify"`` or ``"setup"`` when the signed-in session may not go on yet, else None."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if CODE_OWED not in request.session:  # signed in before two-step sign-in existed
        request.session[CODE_OWED] = has_device(user)
    if request.session[CODE_OWED]:
        return "verify"
    if required_for(user):
        return "setup"
    return None


class SecondStepMiddleware:
    """Sends a session that still owes its second step to that step, from any page (the
    workspace, the admin, a crafted address): nothing else is served to it. After
    ``OTPMiddleware``, which tells whether the session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in OPEN_BEFORE_SECOND_STEP:
            return None
        step = step_due(request)
        if step is None:
            return None
        return redirect_to_login(request.get_full_path(),
                                 reverse(f"workspace:two_step_{step}"))


def verified(request, device):
    """The code was right: the session is fully signed in from now on (a new session key,
    as for any rise in privilege)."""
    request.session.cycle_key()
    django_otp.login(request, device)
    request.session[CODE_OWED] = True


# -- writes: a person's own devices ------------------------------------------------------

def setup_device(*, user) -> TOTPDevice:
    """The authentication app being set up: the same secret until it is confirmed, so the
    page can be read again."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").last()
    return device or TOTPDevice.objects.create(user=user, name="Authentication app",
                                               confirmed=False)


@transaction.atomic
def confirm_setup(*, user, device) -> list[str]:
    """The first right code confirms the app. Replaces any backup codes and returns the new
    ones, to be shown once."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name="Backup codes")
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    log.warning("Two-step sign-in turned on by %s.", user.get_username())
    record(actor=user, kind=Activity.Kind.TWO_STEP_ON, target=user)
    return codes


@transaction.atomic
def turn_off(*, request):
    """Remove the person's app and backup codes (they proved they hold one)."""
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    request.session[CODE_OWED] = False
    log.warning("Two-step sign-in turned off by %s.", user.get_username())
    record(actor=user, kind=Activity.Kind.TWO_STEP_OFF, target=user)
