from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import HoneypotMixin
from opengov.core.models import Constituency

from .models import Registration


class RegistrationForm(HoneypotMixin, forms.Form):
    """Registering for a meeting, no account (F6). Only the name and address are needed."""

    name = forms.CharField(label=_("Your name"), max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=250, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    constituency = forms.ChoiceField(
        label=_("You come as (optional)"), required=False,
        choices=[("", _("I prefer not to say"))] + list(Constituency.choices),
        help_text=_("Counted, without your name, to show the balance between government and "
                    "civil society."))
    email = forms.EmailField(
        label=_("Your e-mail"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Never published. We send a link to confirm your place, then the "
                    "invitation."))
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"), required=False,
        max_length=Registration._meta.get_field("accessibility_needs").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sign language, captions, step-free access, documents in advance... "
                    "Only the organisers read it."))
