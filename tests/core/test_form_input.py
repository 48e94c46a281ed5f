"""What every form of the platform reads strictly: record ids (ASCII digits within the
database's 64-bit range), dates between 1900 and 2199, formset rows, and the model's own
checks, which always end as form errors (``opengov.core.forms``)."""

import importlib
import pkgutil
from datetime import date, datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseForm

import opengov
from opengov.cocreation.models import Theme
from opengov.core.forms import (
    MAX_ID,
    DateField,
    DateTimeField,
    ModelForm,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
    parse_id,
)
from opengov.plans.models import Commitment

HUGE = "9" * 30


def arabic_indic(number):
    return "".join(chr(0x660 + int(digit)) for digit in str(number))


@pytest.mark.parametrize("value, expected", [
    ("12", 12), ("012", 12), (12, 12), (str(MAX_ID), MAX_ID),
    (str(MAX_ID + 1), None), (MAX_ID + 1, None), (HUGE, None), ("9" * 5000, None),
    ("0", None), ("-1", None), ("+1", None), ("1.0", None), (" 12", None), ("12\n", None),
    ("١٢", None), ("１２", None), ("²", None), ("abc", None), ("", None), (None, None),
    (True, None), (["12"], None), (1.0, None),
])
def test_an_id_is_ascii_digits_within_the_database_range(value, expected):
    assert parse_id(value) == expected


@pytest.mark.django_db
def test_one_record_choice_refuses_what_django_would_read_as_another_id(demo):
    theme = Theme.objects.filter(member=demo).first()
    themes = Theme.objects.filter(member=demo)
    # Django's own field takes Arabic-Indic digits for the record they spell.
    assert forms.ModelChoiceField(queryset=themes).clean(arabic_indic(theme.pk)) == theme
    field = SafeModelChoiceField(queryset=themes)
    assert field.clean(str(theme.pk)) == theme
    for value in [arabic_indic(theme.pk), HUGE, str(MAX_ID + 1), "-1", "abc", f" {theme.pk}"]:
        with pytest.raises(ValidationError) as refused:
            field.clean(value)
        assert refused.value.code == "invalid_choice", value
    by_slug = SafeModelChoiceField(queryset=themes, to_field_name="slug")
    assert by_slug.clean(theme.slug) == theme  # a choice by a text key is Django's own


@pytest.mark.django_db
@pytest.mark.parametrize("value, code", [
    (HUGE, "invalid_choice"), (str(MAX_ID + 1), "invalid_choice"), ("0", "invalid_choice"),
    ("abc", "invalid_pk_value"), ("-1", "invalid_pk_value"), ("arabic", "invalid_pk_value"),
])
def test_several_records_choice_refuses_bad_ids_before_any_query(demo, value, code):
    """Django's own field passes an id beyond 64 bits to ``pk__in``: an OverflowError on
    SQLite."""
    theme = Theme.objects.filter(member=demo).first()
    field = SafeModelMultipleChoiceField(queryset=Theme.objects.filter(member=demo))
    assert list(field.clean([str(theme.pk)])) == [theme]
    with pytest.raises(ValidationError) as refused:
        field.clean([str(theme.pk), arabic_indic(theme.pk) if value == "arabic" else value])
    assert refused.value.code == code


@pytest.mark.parametrize("field", [DateField(), DateTimeField()])
@pytest.mark.parametrize("value, valid", [
    ("1900-01-01", True), ("2199-12-31", True), ("2026-11-27", True),
    ("1899-12-31", False), ("2200-01-01", False), ("0001-01-01", False),
    ("9999-12-31", False),
])
def test_dates_are_between_1900_and_2199(field, value, valid):
    if isinstance(field, DateTimeField):
        value += "T23:59"
    if valid:
        assert isinstance(field.clean(value), date | datetime)
    else:
        with pytest.raises(ValidationError) as refused:
            field.clean(value)
        assert refused.value.code == "out_of_range"


class CommitmentForm(ModelForm):
    class Meta:  # a form's own Meta, without the base's
        model = Commitment
        fields = ["lead_agency", "themes", "period_start", "is_local", "national_policy_en"]


def test_a_model_form_gets_the_strict_fields_whatever_its_meta_says():
    fields = CommitmentForm.base_fields
    assert type(fields["lead_agency"]) is SafeModelChoiceField
    assert type(fields["themes"]) is SafeModelMultipleChoiceField
    assert type(fields["period_start"]) is DateField

    class Chosen(CommitmentForm):
        class Meta(CommitmentForm.Meta):
            field_classes = {"lead_agency": forms.ModelChoiceField}

    assert type(Chosen.base_fields["lead_agency"]) is forms.ModelChoiceField
    made = forms.modelform_factory(Commitment, form=CommitmentForm, fields=["themes"])
    assert type(made.base_fields["themes"]) is SafeModelMultipleChoiceField


@pytest.mark.django_db
def test_the_model_s_own_check_on_a_translated_field_is_a_form_error(current_plan):
    """Commitment.clean() names ``national_policy``; the form shows ``national_policy_en``.
    Django's own ModelForm raises ValueError there (a server error)."""
    data = {"lead_agency": str(current_plan.member.organisations.first().pk),
            "period_start": "2026-01-01", "is_local": "on", "national_policy_en": ""}
    form = CommitmentForm(data, instance=Commitment(plan=current_plan, number=99))
    assert not form.is_valid()
    assert list(form.errors) == ["national_policy_en"]

    class Elsewhere(ModelForm):
        class Meta:
            model = Commitment
            fields = ["lead_agency", "period_start", "is_local"]

    form = Elsewhere(data, instance=Commitment(plan=current_plan, number=99))
    assert not form.is_valid()
    assert "derives from a national policy" in form.non_field_errors()[0]


STRICT = [(forms.ModelMultipleChoiceField, SafeModelMultipleChoiceField),
          (forms.ModelChoiceField, SafeModelChoiceField),
          (forms.DateTimeField, DateTimeField), (forms.DateField, DateField)]


def _platform_form_classes():
    for module in pkgutil.walk_packages(opengov.__path__, "opengov."):
        if ".migrations" not in module.name and not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found, todo = set(), [BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            module = subclass.__module__
            if module.startswith("opengov.") and ".admin" not in module:
                found.add(subclass)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_every_form_of_the_platform_reads_ids_and_dates_strictly():
    """Outside the Django admin (administrators only, Django's own forms): every model form
    derives from ``opengov.core.forms.ModelForm``, and every record choice and date field
    is the platform's."""
    classes = _platform_form_classes()
    assert len(classes) > 30
    wrong = []
    for cls in classes:
        if issubclass(cls, forms.BaseModelForm) and not issubclass(cls, ModelForm):
            wrong.append(f"{cls.__module__}.{cls.__qualname__} is not a core ModelForm")
        for name, field in cls.base_fields.items():
            # The most specific kind first: a multiple choice is also a choice.
            ours = next((ours for kind, ours in STRICT if isinstance(field, kind)), None)
            if ours is not None and not isinstance(field, ours):
                wrong.append(f"{cls.__module__}.{cls.__qualname__}.{name}: "
                             f"{type(field).__name__}")
    assert wrong == []
