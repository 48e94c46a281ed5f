from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import SafeModelChoiceField
from opengov.plans.models import ActionPlan


class OGPImportForm(forms.Form):
    """The staff upload of OGP's public commitment data (same format as the command)."""

    file = forms.FileField(label=_("CSV file in OGP's column format"), help_text=_(
        "As downloaded from OGP's open data (one row per commitment, columns such as "
        "“Action Plan ID” and “Commitment Unique Identifier”)."))
    member = forms.CharField(
        label=_("Only this member (optional)"), required=False,
        help_text=_("Its name as in the “Country/Locality” column, e.g. Albania."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("This file is not UTF-8 text. Save it as “CSV UTF-8” "
                                          "and retry.")) from error
        first_line = text.splitlines()[0] if text.strip() else ""
        if "Action Plan ID" not in first_line:
            raise forms.ValidationError(_("This file does not have OGP's columns: the first "
                                          "line must name “Action Plan ID” among others."))
        return text


class SelfAssessmentDraftForm(forms.Form):
    plan = SafeModelChoiceField(queryset=ActionPlan.objects.none(), label=_("Action plan"))

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ActionPlan.objects.filter(member=member).order_by(
            "-start_year")
