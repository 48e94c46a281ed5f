from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import HoneypotMixin

from .models import Subscription


class FollowForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Never published, never shared. We first send a link to confirm it."))
    frequency = forms.ChoiceField(label=_("How often?"), choices=Subscription.Frequency.choices,
                                  initial=Subscription.Frequency.IMMEDIATE,
                                  widget=forms.RadioSelect)
