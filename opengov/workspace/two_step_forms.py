"""The forms of two-step sign-in. Codes are checked by django-otp (its token form, and
``verify_token`` for the app being set up), which also slows down repeated wrong codes."""

import django_otp
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_otp.forms import OTPTokenForm
from django_otp.plugins.otp_static.models import StaticDevice

CODE_ATTRS = {"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false",
              "class": "code-input"}
ERRORS = {
    "token_required": _("Type the code."),
    "invalid_token": _("This code is not right. Type the code your app shows now, or one of "
                       "your backup codes, and check which of the two you chose."),
    "n_failed_attempts": ngettext_lazy(
        "%(failure_count)d wrong code in a row: wait a few seconds, then type the code again.",
        "%(failure_count)d wrong codes in a row: wait a few seconds, then type the code again.",
        "failure_count"),
    "verification_not_allowed": _("Codes cannot be checked just now. Try again in a minute."),
    "device_required": _("Choose where your code comes from."),
}


class CodeForm(OTPTokenForm):
    """A code from one of the person's confirmed devices: the app, or a backup code."""

    otp_error_messages = {**OTPTokenForm.otp_error_messages, **ERRORS}
    otp_device = forms.ChoiceField(label=_("Where your code comes from"), choices=[],
                                   widget=forms.RadioSelect)
    otp_token = forms.CharField(label=_("Code"), required=False, max_length=16,
                                widget=forms.TextInput(attrs=CODE_ATTRS))
    otp_challenge = None  # for devices that send a code; the app and backup codes do not

    def __init__(self, user, request=None, *args, **kwargs):
        super().__init__(user, request, *args, **kwargs)
        choices = self.fields["otp_device"].choices
        if choices and not self.is_bound:
            self.initial.setdefault("otp_device", choices[0][0])

    @staticmethod
    def device_choices(user):
        # The app first: it is the usual way; backup codes are for when the phone is away.
        devices = sorted(django_otp.devices_for_user(user),
                         key=lambda device: isinstance(device, StaticDevice))
        return [(device.persistent_id, _("One of my backup codes")
                 if isinstance(device, StaticDevice) else _("My authentication app"))
                for device in devices]

    def clean(self):
        # A refused code is an error of the code field, so the error summary links to it.
        try:
            return super().clean()
        except forms.ValidationError as error:
            self.add_error("otp_token", error)
            return self.cleaned_data

    def used_backup_code(self):
        return isinstance(self.user.otp_device, StaticDevice)


class SetupForm(forms.Form):
    """The first code of the app being set up, which proves it holds the secret."""

    otp_token = forms.CharField(label=_("Code shown by the app"), max_length=8,
                                error_messages={"required": ERRORS["token_required"]},
                                widget=forms.TextInput(attrs={**CODE_ATTRS,
                                                              "inputmode": "numeric"}))

    def __init__(self, *args, user, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.device = user, device

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].replace(" ", "")
        allowed, extra = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(ERRORS["n_failed_attempts"] % extra
                                        if "failure_count" in (extra or {})
                                        else ERRORS["verification_not_allowed"])
        if django_otp.verify_token(self.user, self.device.persistent_id, token) is None:
            raise forms.ValidationError(_("This code is not right. Type the six digits the "
                                          "app shows now (they change every 30 seconds)."))
        return token
