"""Form helpers shared by the platform's forms: translated fields with one box per language,
and the strict reading of ids, dates and formset rows that every form uses (``ModelForm``)."""

import time
from datetime import date, datetime

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.formsets import TOTAL_FORM_COUNT
from django.forms.models import ModelFormMetaclass, inlineformset_factory
from django.forms.renderers import TemplatesSetting
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# A person reads and types for more than two seconds; a page left open for a day is stale.
FORM_MIN_SECONDS = 2
FORM_MAX_AGE_SECONDS = 24 * 3600
_STARTED_SALT = "opengov.form-started"


class FormRenderer(TemplatesSetting):
    """Forms rendered by the project's template engine, with its field layout: a star marks
    each required field (WCAG 3.3.2)."""

    field_template_name = "includes/field.html"


def form_started_token() -> str:
    """A signed record of when a public form was shown (its ``started`` field). Cached pages
    replace it for each reader (opengov.core.public_cache)."""
    return signing.dumps(time.time(), salt=_STARTED_SALT)


class AutomaticFlag:
    """Why the platform flagged a public contribution or comment for its moderators. The
    English text is what is stored; ``describe`` gives it in the reader's language."""

    HONEYPOT = "Honeypot field filled in"
    TOO_FAST = "Sent within 2 seconds of the form being shown"
    STALE = "Sent more than a day after the form was shown"
    UNSIGNED = "Sent without the form's signed start time"
    REPORTED = "Hidden after reports from visitors"
    TEXTS = {
        HONEYPOT: _("A field hidden from people was filled in: probably a robot."),
        TOO_FAST: _("Sent within 2 seconds of the form being shown: faster than a person "
                    "types."),
        STALE: _("Sent more than a day after the form was shown."),
        UNSIGNED: _("Sent without the form's start time, or with one that was tampered "
                    "with: probably a script."),
        REPORTED: _("Reported by several visitors: hidden from the public until a moderator "
                    "decides."),
    }

    @classmethod
    def describe(cls, reason):
        return cls.TEXTS.get(reason, reason)


class HoneypotMixin(forms.Form):
    """Two traps for scripts, neither of which ever loses what a person sent:

    - ``website``, a field people never see: whatever fills it in is stored as spam;
    - ``started``, the signed time the form was shown: a form sent back within
      ``FORM_MIN_SECONDS``, after ``FORM_MAX_AGE_SECONDS``, or without a valid signature
      goes to moderation flagged as suspicious (``suspicion``).
    """

    website = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["started"].initial = form_started_token()

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))

    @property
    def from_a_person(self) -> bool:
        """Sent from the form as shown, by someone who did not fill in the hidden field: what
        a report or a following needs to count. A quick one counts (a choice takes a person
        a second); one without the signed start time came from a script."""
        return self.suspicion in ("", AutomaticFlag.TOO_FAST)

    @property
    def suspicion(self) -> str:
        """The ``AutomaticFlag`` that makes this submission suspicious, or ""."""
        if self.is_robot:
            return AutomaticFlag.HONEYPOT
        try:
            shown_at = float(signing.loads(self.cleaned_data.get("started") or "",
                                           salt=_STARTED_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return AutomaticFlag.UNSIGNED
        elapsed = time.time() - shown_at
        if elapsed < FORM_MIN_SECONDS:
            return AutomaticFlag.TOO_FAST
        if elapsed > FORM_MAX_AGE_SECONDS:
            return AutomaticFlag.STALE
        return ""


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


# The largest value of the database's integer columns (64 bits): a number beyond it names
# no record, and must not reach SQL (SQLite raises OverflowError on it).
MAX_ID = 2 ** 63 - 1


def parse_id(value):
    """The positive whole number ``value`` spells in ASCII digits, within the database's
    integer range: a record's id, a version or page number read from a request. None for
    anything else: "abc", "-1", "1.0", " 12", Unicode digits such as "١٢" or "１２" (which
    ``int()`` would take for 12) and numbers no column holds. An int passes the same range
    check (a disabled field's initial value)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        # The length first: int() of a long string is slow, and past 4300 digits an error.
        if not (value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID))):
            return None
        value = int(value)
    if isinstance(value, int) and 0 < value <= MAX_ID:
        return value
    return None


def _chooses_by_number(field):
    """Whether a record choice field names records by an integer column (their id)."""
    meta = field.queryset.model._meta
    key = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    return isinstance(key, models.IntegerField)  # AutoField and BigAutoField included


class SafeModelChoiceField(forms.ModelChoiceField):
    """A choice of one record that reads its id strictly (``parse_id``): anything else is
    "not one of the available choices". Django's own field would take "١٢" for record 12."""

    def to_python(self, value):
        if (value not in self.empty_values and not isinstance(value, self.queryset.model)
                and _chooses_by_number(self) and parse_id(value) is None):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several records that reads their ids strictly (``parse_id``): Django's
    own field passes a number out of the database's range to ``pk__in``, which fails with a
    server error on SQLite instead of a form error."""

    def _check_values(self, value):
        if _chooses_by_number(self):
            for item in value if isinstance(value, list | tuple) else ():
                if parse_id(item) is not None:
                    continue
                text = str(item)
                if text.isascii() and text.isdigit():  # digits, out of range
                    raise ValidationError(self.error_messages["invalid_choice"],
                                          code="invalid_choice", params={"value": item})
                raise ValidationError(self.error_messages["invalid_pk_value"],
                                      code="invalid_pk_value", params={"pk": item})
        return super()._check_values(value)


# The days a form takes. The calendar counts years from a plan's, a process's or an update's
# dates, which fails past year 9999 or before year 1: a date far from both must not be
# saved (it would break every page that computes from it), nor a typo such as "0202".
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)


class _WithinYears:
    def to_python(self, value):
        value = super().to_python(value)
        day = value.date() if isinstance(value, datetime) else value
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise ValidationError(_("Enter a date between %(first)s and %(last)s."),
                                  code="out_of_range", params={
                                      "first": FIRST_DAY.isoformat(),
                                      "last": LAST_DAY.isoformat()})
        return value


class DateField(_WithinYears, forms.DateField):
    """Django's date field, for days between FIRST_DAY and LAST_DAY."""


class DateTimeField(_WithinYears, forms.DateTimeField):
    """Django's date and time field, for days between FIRST_DAY and LAST_DAY (also in every
    time zone: converting a time near year 1 or 9999 to UTC fails)."""


# The most rows an inline formset takes. Django builds as many forms as a request's
# TOTAL_FORMS asks, up to 2,000 by default: one request would then make the server build and
# render a page of megabytes for half a minute.
FORMSET_MAX_ROWS = 100


class BaseInlineFormSet(forms.BaseInlineFormSet):
    def total_form_count(self):
        # More rows than allowed: Django's "at most N forms" error, without building any.
        if self.is_bound and self.management_form.cleaned_data[TOTAL_FORM_COUNT] > \
                self.absolute_max:
            return 0
        return super().total_form_count()


def inline_formset(parent_model, model, **kwargs):
    """``inlineformset_factory`` for at most FORMSET_MAX_ROWS rows."""
    return inlineformset_factory(parent_model, model, formset=BaseInlineFormSet,
                                 max_num=FORMSET_MAX_ROWS, absolute_max=FORMSET_MAX_ROWS,
                                 **kwargs)


def platform_formfield(db_field, **kwargs):
    """The form field of every model form of the platform (``ModelForm``), unless the form
    names another class: relations chosen with the strict fields above, dates within
    FIRST_DAY and LAST_DAY, links typed without a scheme taken as https://."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):  # OneToOneField included
        kwargs.setdefault("form_class", SafeModelChoiceField)
    elif isinstance(db_field, models.DateTimeField):  # before DateField, its parent
        kwargs.setdefault("form_class", DateTimeField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", DateField)
    elif isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")  # a link typed without its scheme
    return db_field.formfield(**kwargs)


class _ModelFormMetaclass(ModelFormMetaclass):
    """Gives each model form's ``Meta`` the platform's ``platform_formfield`` unless it names
    its own ``formfield_callback``, so that a form's own ``class Meta:`` keeps it too."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and getattr(meta, "formfield_callback", None) is None:
            attrs["Meta"] = type("Meta", (meta,),
                                 {"formfield_callback": staticmethod(platform_formfield)})
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(forms.ModelForm, metaclass=_ModelFormMetaclass):
    """The base of every model form of the platform: Django's, whose relations refuse
    malformed and out-of-range ids and whose dates refuse days far out with a form error
    (see ``platform_formfield``), and whose model's own checks always end as form
    errors."""

    def add_error(self, field, error):
        # ``Model.clean()`` names a translated field by its base name ("national_policy")
        # where the form has a box per language ("national_policy_fr"...), or a field this
        # form does not show; Django raises ValueError (a server error) for either. The
        # message goes to the field's first box, else to the whole form.
        if field is None and isinstance(error, ValidationError | dict):
            by_field = error.error_dict if hasattr(error, "error_dict") else error
            if isinstance(by_field, dict):
                moved = {}
                for name, errors in by_field.items():
                    moved.setdefault(self._shown_field(name), []).extend(
                        errors if isinstance(errors, list) else [errors])
                error = ValidationError(moved)
        super().add_error(field, error)

    def _shown_field(self, name):
        if name == NON_FIELD_ERRORS or name in self.fields:
            return name
        boxes = set(language_field_names([name], settings.MODELTRANSLATION_LANGUAGES))
        return next((shown for shown in self.fields if shown in boxes), NON_FIELD_ERRORS)
