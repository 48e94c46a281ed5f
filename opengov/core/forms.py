"""Form helpers shared by the signed-in pages: translated fields, one box per language."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field people never see: robots fill it in, and their input is kept out of view."""

    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))


def language_field_names(fields, langs):
    """``["summary_fr", "summary_en", ...]`` for the languages a member writes in (C6)."""
    configured = set(settings.MODELTRANSLATION_LANGUAGES)
    return [f"{field}_{lang}" for field in fields for lang in langs if lang in configured]


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def language_name(lang):
    """A language's own name ("français", "English"), or its code when it has none."""
    try:
        return get_language_info(lang)["name_local"]
    except KeyError:
        return lang


def label_languages(form, fields, langs):
    """Give each per-language field its base label followed by the language's own name, and
    the help text only once (on the first language) so that screens stay readable."""
    for field in fields:
        base = form._meta.model._meta.get_field(field)
        for index, lang in enumerate(langs):
            name = f"{field}_{lang}"
            if name not in form.fields:
                continue
            form.fields[name].label = (f"{str(base.verbose_name).capitalize()} "
                                       f"({language_name(lang)})")
            form.fields[name].help_text = base.help_text if index == 0 else ""
            form.fields[name].widget.attrs["lang"] = lang


def first_filled(form, field, langs):
    """The text of ``field`` in the first language that has some, or ""."""
    for lang in langs:
        value = (form.cleaned_data.get(f"{field}_{lang}") or "").strip()
        if value:
            return value
    return ""


# The database's integer range: an id outside it is no record, and must not reach SQL.
_ID_RANGE = range(-(2 ** 63), 2 ** 63)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of records that refuses ids out of the database's integer range
    as invalid choices: Django's own field passes them to ``pk__in``, which fails with a
    server error on SQLite instead of a form error."""

    def _check_values(self, value):
        for item in value if isinstance(value, list | tuple) else ():
            try:
                number = int(str(item).strip())
            except ValueError:
                continue  # the parent says "“abc” is not a valid value"
            if number not in _ID_RANGE:
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": item})
        return super()._check_values(value)
