"""Two-step sign-in pages: the code after the password, setting up the app, turning it off.

The rules (who must, what a session may reach before its code) are in ``two_step.py``;
wrong codes after the password count towards the sign-in lockout (``sign_in.py``).
"""

from base64 import b32encode

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import sign_in, two_step
from .two_step_forms import CodeForm, SetupForm


def _next(request):
    """Where to go once signed in: a page of this site, else the workspace."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return url
    return reverse("workspace:home")


def _with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _locked_out(request, user):
    """Wrong codes locked the person out: the password-only session ends too."""
    credentials = sign_in.credentials_of(user)
    logout(request)
    return sign_in.lockout_response(request, credentials=credentials)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """The code asked for after the password, before any other page."""
    user, next_url = request.user, _next(request)
    if user.is_verified():
        return redirect(next_url)
    if not two_step.has_device(user):
        return redirect(_with_next("workspace:two_step_setup", next_url)
                        if two_step.required_for(user) else next_url)
    request.session[two_step.CODE_OWED] = True
    if sign_in.is_locked_out(request, user):
        return _locked_out(request, user)
    form = CodeForm(user, request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            two_step.verified(request, user.otp_device)
            if form.used_backup_code():
                left = user.otp_device.token_set.count()
                messages.warning(request, ngettext(
                    "You signed in with a backup code: %(n)s is left. Each works only once.",
                    "You signed in with a backup code: %(n)s are left. Each works only once.",
                    left) % {"n": left})
            return redirect(next_url)
        if form.data.get("otp_token", "").strip() and sign_in.count_failed_code(request, user):
            return _locked_out(request, user)
    return render(request, "workspace/two_step_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def setup(request):
    """Set up the authentication app: a QR code and the secret spelled out, then a first
    code to confirm it; the backup codes are shown once, in the answer."""
    user, next_url = request.user, _next(request)
    if two_step.has_device(user):
        if not user.is_verified():
            return redirect(_with_next("workspace:two_step_verify", next_url))
        messages.info(request, _("Two-step sign-in is already on."))
        return redirect("workspace:two_step")
    device = two_step.setup_device(user=user)
    form = SetupForm(request.POST or None, user=user, device=device)
    if request.method == "POST" and form.is_valid():
        codes = two_step.confirm_setup(user=user, device=device)
        two_step.verified(request, device)
        return render(request, "workspace/two_step_codes.html",
                      {"codes": codes, "next": next_url})
    secret = b32encode(device.bin_key).decode()
    return render(request, "workspace/two_step_setup.html", {
        "form": form, "next": next_url, "required": two_step.required_for(user),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(
            scale=4, border=4, dark="#000", light="#fff"),
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "digits": device.digits, "step": device.step,
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def overview(request):
    """The "Two-step sign-in" page of the workspace: whether it is on, and turning it off
    with a code."""
    user = request.user
    devices = list(django_otp.devices_for_user(user))
    app = next((device for device in devices if isinstance(device, TOTPDevice)), None)
    backup = next((device for device in devices if isinstance(device, StaticDevice)), None)
    form = CodeForm(user, request, data=request.POST or None) if devices else None
    if request.method == "POST" and form is not None and form.is_valid():
        two_step.turn_off(request=request)
        if two_step.required_for(user):
            # Their role must use it: straight to setting it up again (a new phone...).
            return redirect("workspace:two_step_setup")
        messages.success(request, _("Two-step sign-in is off: your password alone signs "
                                    "you in."))
        return redirect("workspace:two_step")
    return render(request, "workspace/two_step.html", {
        "on": bool(devices), "app": app, "form": form, "required": two_step.required_for(user),
        "backup_left": backup.token_set.count() if backup else 0})
