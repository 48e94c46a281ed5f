from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.cocreation.models import Theme
from opengov.core.forms import DateField, SafeModelChoiceField
from opengov.plans.models import ActionPlan

from .models import SearchEntry


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False,
                             choices=[("", _("Everything")), *SearchEntry.Kind.choices])
    plan = SafeModelChoiceField(label=_("Action plan"), required=False,
                                queryset=ActionPlan.objects.public(),
                                to_field_name="slug", empty_label=_("All plans"))
    theme = SafeModelChoiceField(label=_("Theme"), required=False, queryset=Theme.objects.all(),
                                 to_field_name="slug", empty_label=_("All themes"))
    since = DateField(label=_("From"), required=False,
                      widget=forms.DateInput(attrs={"type": "date"}))
    until = DateField(label=_("To"), required=False,
                      widget=forms.DateInput(attrs={"type": "date"}))
