"""Forms of the self-assessment desk (SA1, SA2): the report's texts and comment period, one
form per commitment (colour, evidence and reasons, next steps), and publication.

Every text has one box per language the member writes in (C6). The forms only check what was
typed; ``opengov.reports.services`` writes.
"""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import DateField, language_name
from opengov.plans.forms import DATE, TranslatedForm, _with_languages
from opengov.reports.models import CommitmentAssessment, SelfAssessment
from opengov.reports.services import COMMITMENT_ASSESSMENT_TEXTS, SELF_ASSESSMENT_TEXTS

# What each section of OGP's self-assessment template asks (SA1), shown beside its boxes.
GUIDES = {
    "introduction": _("The plan, its period, and how and when this report was prepared."),
    "process": _("How the forum and the public took part throughout the cycle, and how the "
                 "process met the Participation and Co-Creation Standards."),
    "irm_recommendations": _("For each of the IRM's key recommendations, say how it was used, "
                             "or why it was not."),
    "lessons": _("What worked, what did not, and what the next plan should do differently."),
    "recommendations": _("What the government and the forum recommend for the next cycle."),
    "justification": _("Why this colour: what was done, with links to the evidence; the "
                       "reasons for any delay."),
    "next_steps": _("What remains to be done, by whom and by when."),
}


class _Guided(TranslatedForm):
    """A translated form whose sections carry the self-assessment's guidance, and whose
    labels keep their capitals ("IRM", not "irm")."""

    rows = 8

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.text_fields:
            label = capfirst(self._meta.model._meta.get_field(name).verbose_name)
            for lang in self.langs:
                field = self.fields.get(f"{name}_{lang}")
                if field is not None:
                    field.label = f"{label} ({language_name(lang)})"
                    field.widget.attrs["rows"] = self.rows

    def groups(self):
        return [(name, capfirst(self._meta.model._meta.get_field(name).verbose_name),
                 GUIDES.get(name, guide), fields, findings)
                for name, _label, guide, fields, findings in super().groups()]




class SelfAssessmentForm(_Guided):
    class Meta:
        model = SelfAssessment
        fields = ["comments_open_on", "comments_close_on"]
        widgets = {"comments_open_on": DATE, "comments_close_on": DATE}
        help_texts = {
            "comments_open_on": _("Leave empty to keep the draft private. From this day the "
                                  "draft is on the website, open to comments."),
            "comments_close_on": _("Leave empty to take comments until publication."),
        }

    def clean(self):
        data = super().clean()
        if data.get("comments_close_on") and not data.get("comments_open_on"):
            self.add_error("comments_open_on", _("Say when the comment period opens."))
        return data


def self_assessment_form(langs):
    return _with_languages(SelfAssessmentForm, SELF_ASSESSMENT_TEXTS, langs)


class CommitmentAssessmentForm(_Guided):
    rows = 5

    class Meta:
        model = CommitmentAssessment
        fields = ["colour"]
        widgets = {"colour": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colour"].choices = CommitmentAssessment.Colour.choices  # no empty choice


def commitment_assessment_form(langs):
    return _with_languages(CommitmentAssessmentForm, COMMITMENT_ASSESSMENT_TEXTS, langs)


class PublishForm(forms.Form):
    published_on = DateField(
        label=_("Publication date"), widget=DATE,
        help_text=_("Today, or a later day to schedule the publication."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"published_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
