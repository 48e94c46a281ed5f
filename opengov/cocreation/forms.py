from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import HoneypotMixin

from .models import Contribution, Theme


class ContributionForm(HoneypotMixin, forms.ModelForm):
    """The public form: plain language, no account, only the idea is required."""

    class Meta:
        model = Contribution
        fields = ["text", "title", "stakeholder_type", "themes", "author_name",
                  "author_organisation", "author_email", "consent_to_publish"]
        labels = {
            "text": _("Your idea, or the problem you see"),
            "title": _("A short title (optional)"),
            "stakeholder_type": _("You are"),
            "themes": _("Themes, if you know them (optional)"),
            "author_name": _("Your name (optional)"),
            "author_organisation": _("Your organisation (optional)"),
            "author_email": _("Your e-mail (optional, never published)"),
            "consent_to_publish": _("I agree that my contribution is published on this "
                                    "website, with my name if I gave it (never my e-mail)."),
        }
        help_texts = {
            "text": _("Write it in your own words: no special knowledge is needed. "
                      "What is the problem, who does it affect, what could government do?"),
            "author_email": _("Only the forum's team sees it. We use it to tell you when "
                              "your contribution has been answered."),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(member=member).order_by("kind",
                                                                                    "name")
        self.fields["themes"].required = False
        self.fields["text"].required = True

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Please write a little more: at least a sentence."))
        return text


class FeedbackFilterForm(forms.Form):
    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), required=False,
                                   label=_("Theme"), empty_label=_("All themes"),
                                   to_field_name="slug")
    decision = forms.ChoiceField(required=False, label=_("Decision"))

    def __init__(self, *args, member=None, **kwargs):
        from .models import ReasonedResponse

        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(member=member).order_by("name")
        self.fields["decision"].choices = [("", _("All decisions")),
                                           *ReasonedResponse.Decision.choices]
