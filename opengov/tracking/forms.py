from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import HoneypotMixin, ModelForm, label_languages, language_field_names
from opengov.repository.files import accepted_extensions, with_size_limit
from opengov.repository.models import Document

from .models import Comment, ProgressUpdate

UPDATE_TEXTS = ("summary", "delay_reasons", "next_steps")


class CommentForm(HoneypotMixin, ModelForm):
    """W2: the public comments on an update without an account; the e-mail stays private."""

    class Meta:
        model = Comment
        fields = ["text", "author_name", "author_email"]
        labels = {
            "text": _("Your comment"),
            "author_name": _("Your name (optional, published)"),
            "author_email": _("Your e-mail (optional, never published)"),
        }
        help_texts = {
            "text": _("Comments are read by a moderator before they are published. The agency "
                      "that leads the commitment can answer under your comment."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 5:
            raise forms.ValidationError(_("Please write a little more: at least a few words."))
        return text


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the repository's rules (R3)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ProgressUpdateForm(ModelForm):
    """What an agency editor reports: completion, timeliness, what was done, evidence."""

    evidence = MultipleFileField(
        required=False, label=_("Evidence (files)"),
        help_text=with_size_limit(_(
            "PDF, Word, OpenDocument, spreadsheets, images or text; each up to "
            "%(limit)s MB. They are published in the commitment's folder of the "
            "repository.")),
    )
    licence = forms.ChoiceField(choices=Document.Licence.choices, label=_("Licence of the "
                                                                          "evidence"))
    publish = forms.BooleanField(
        required=False, initial=True, label=_("Publish now on the public website"),
        help_text=_("Leave unticked to keep a draft that only your team sees."))

    class Meta:
        model = ProgressUpdate
        fields = ["milestone", "completion", "timeliness"]
        labels = {"milestone": _("Milestone (leave empty for the whole commitment)")}
        widgets = {"completion": forms.RadioSelect, "timeliness": forms.RadioSelect}

    def __init__(self, *args, commitment, langs, **kwargs):
        super().__init__(*args, **kwargs)
        self.langs = langs
        self.fields["milestone"].queryset = commitment.milestones.order_by("number")
        self.fields["milestone"].label_from_instance = (
            lambda m: f"{commitment.number}.{m.number} {m.title}")
        self.fields["evidence"].widget.attrs["accept"] = accepted_extensions().replace(" ", "")
        # Required choices: no empty "---------" radio button.
        self.fields["completion"].choices = self._meta.model.completion.field.choices
        self.fields["timeliness"].choices = self._meta.model.Timeliness.choices
        label_languages(self, UPDATE_TEXTS, langs)
        for name in language_field_names(UPDATE_TEXTS, langs):
            self.fields[name].widget.attrs["rows"] = 4

    def clean(self):
        data = super().clean()
        summaries = [data.get(f"summary_{lang}", "").strip() for lang in self.langs]
        if not any(summaries):
            self.add_error(f"summary_{self.langs[0]}",
                           _("Say what was done, in at least one language."))
        delayed = data.get("timeliness") == ProgressUpdate.Timeliness.DELAYED
        reasons = [data.get(f"delay_reasons_{lang}", "").strip() for lang in self.langs]
        if delayed and not any(reasons):
            self.add_error(f"delay_reasons_{self.langs[0]}",
                           _("Give the reasons for the delay (W3 f)."))
        return data

    def texts(self):
        return {name: self.cleaned_data.get(name, "")
                for name in language_field_names(UPDATE_TEXTS, self.langs)}


def progress_update_form(langs):
    """The update form with one box per language the member writes in (C6)."""
    meta = type("Meta", (ProgressUpdateForm.Meta,), {
        "fields": [*ProgressUpdateForm.Meta.fields, *language_field_names(UPDATE_TEXTS, langs)]})
    return type("ProgressUpdateForm", (ProgressUpdateForm,), {"Meta": meta})


class AnswerForm(ModelForm):
    """The lead agency's answer to a published comment, in each language it writes in."""

    class Meta:
        model = Comment
        fields = []

    def __init__(self, *args, langs, **kwargs):
        super().__init__(*args, **kwargs)
        self.langs = langs
        label_languages(self, ["answer"], langs)

    def answers(self):
        return {f"answer_{lang}": self.cleaned_data.get(f"answer_{lang}", "")
                for lang in self.langs}


def answer_form(langs):
    meta = type("Meta", (AnswerForm.Meta,), {"fields": language_field_names(["answer"], langs)})
    return type("AnswerForm", (AnswerForm,), {"Meta": meta})


class VersionForm(forms.Form):
    """A new version of a document: the earlier ones are kept (R3)."""

    file = forms.FileField(label=_("New file"))
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


IMPLEMENTATION_TEXTS = ("activities", "resources", "schedule", "expected_results",
                        "responsible", "risks")


def implementation_plan_form(langs):
    """I1: the implementation plan of a commitment, each text in every language."""
    from opengov.plans.forms import TranslatedForm, _with_languages

    from .models import ImplementationPlan

    base = type("ImplementationPlanForm", (TranslatedForm,), {
        "Meta": type("Meta", (), {"model": ImplementationPlan, "fields": []})})
    return _with_languages(base, IMPLEMENTATION_TEXTS, langs)
