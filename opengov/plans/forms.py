"""Authoring forms for the plan (AP1) and its commitments (CM1), one box per language."""

from functools import cached_property
from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _

from opengov.cocreation.models import ReasonedResponse
from opengov.core.forms import (
    DATE,
    DateField,
    ModelForm,
    SafeModelMultipleChoiceField,
    inline_formset,
    label_languages,
    language_field_names,
    language_name,
)
from opengov.members.models import Organisation
from opengov.rules.commitments import SHORT_DESCRIPTION_LIMIT

from .models import ActionPlan, Commitment, CommitmentStakeholder, LocalInitiative, Milestone

PLAN_TEXTS = ("title", "introduction", "efforts_to_date", "development_process")
COMMITMENT_TEXTS = ("title", "short_description", "problem", "causes", "done_so_far",
                    "solution", "expected_results", "transparency", "accountability",
                    "participation", "challenge_priority", "challenge_cocreation_note",
                    "local_jurisdiction", "national_policy")

# The guiding questions of OGP's commitment template (CM1), shown beside each field.
GUIDES = {
    "title": _("A short, active title that says what will change."),
    "short_description": _("In one or two sentences, fewer than 200 characters (CM2): the "
                           "problem and what the commitment will do."),
    "problem": _("What problem does the commitment address? Who is affected, where, how, and "
                 "since when?"),
    "causes": _("What are the causes and root causes of the problem?"),
    "done_so_far": _("What has been done so far to solve the problem, and with what result?"),
    "solution": _("What solution is proposed? How does it differ from what was tried before?"),
    "expected_results": _("What will change: knowledge, skills, behaviours, systems? Results "
                          "must be verifiable (CM4)."),
    "transparency": _("How will it make information more available, better or easier to use? "
                      "Answer “N/A” if it does not (CM3)."),
    "accountability": _("How will it let people hold officials to account for what they do? "
                        "Answer “N/A” if it does not (CM3)."),
    "participation": _("How will it give people more say in decisions? Answer “N/A” if it does "
                       "not (CM3). Technology counts only where it serves one of these."),
    "challenge_priority": _("Which emerging national priority does this challenge commitment "
                            "answer (CM5)?"),
    "challenge_cocreation_note": _("How was it co-created with civil society, and what was "
                                   "the government's reasoned response?"),
    "local_jurisdiction": _("Which local jurisdiction carries it out?"),
    "national_policy": _("Which national policy or programme does it derive from (CM6)? "
                         "Without one, record it as an additional local initiative."),
    "introduction": _("Context, long-term vision, medium-term goals and the problems the plan "
                      "will solve."),
    "efforts_to_date": _("What previous plans achieved, what they did not, and why."),
    "development_process": _("How the timeline was made, outreach, how ideas were developed, "
                             "the reasoned response, and how the process met the standards."),
}


# The parts of the commitment template (CM1), in order, with the texts each holds. The page
# shows a menu of these parts; the identification also holds the number, lead agency,
# period and themes, the milestones and stakeholders are formsets, the responses a list.
COMMITMENT_PARTS = (
    ("identification", ("title", "short_description")),
    ("problem", ("problem", "causes")),
    ("solution", ("done_so_far", "solution", "expected_results")),
    ("values", ("transparency", "accountability", "participation")),
    ("challenge", ("challenge_priority", "challenge_cocreation_note", "local_jurisdiction",
                   "national_policy")),
)
# What the live counter of the short description says (the script fills the same texts).
COUNT_UNDER = _("{count} characters: {left} left.")
COUNT_OVER = _("{count} characters: {over} too many. The short description must have fewer "
               "than {limit} characters (CM2).")
# An id beyond 64 bits never names a record; some databases raise on it (SQLite: an
# OverflowError) instead of finding nothing.


def _share_choices(field, organisations):
    """Give a choice of organisations its options from a list read once for the whole page:
    each form of a formset would otherwise read them again (one query per milestone).
    Validation still asks the field's queryset, so only the member's organisations pass."""
    options = [(organisation.pk, str(organisation)) for organisation in organisations]
    empty = getattr(field, "empty_label", None)
    field.choices = [("", empty), *options] if empty is not None else options


def organisation_choices(member):
    """The member's organisations, read once for every choice of the commitment editor."""
    return list(Organisation.objects.filter(member=member).order_by("name"))


def cm2_length(value):
    """CM2: a short description has fewer than SHORT_DESCRIPTION_LIMIT characters. Said by
    the server with the rule, instead of the browser silently cutting the text."""
    if len(value) >= SHORT_DESCRIPTION_LIMIT:
        raise ValidationError(
            _("The short description has %(length)s characters; it must have fewer than "
              "%(limit)s (CM2). Shorten it: the details belong in the other fields."),
            code="cm2", params={"length": len(value), "limit": SHORT_DESCRIPTION_LIMIT})


def _with_languages(base, fields, langs):
    """A ModelForm class of ``base`` whose translated ``fields`` have a box per language."""
    meta = type("Meta", (base.Meta,), {
        "fields": [*base.Meta.fields, *language_field_names(fields, langs)]})
    return type(base.__name__, (base,), {"Meta": meta, "langs": list(langs),
                                         "text_fields": fields})


class TranslatedForm(ModelForm):
    langs: list = []
    text_fields: tuple = ()
    findings: dict = {}  # readiness findings by field name, shown beside the field

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_languages(self, self.text_fields, self.langs)

    def groups(self):
        """[(name, label, guide, [bound fields per language], findings)] in template
        order."""
        result = []
        for name in self.text_fields:
            bound = [self[f"{name}_{lang}"] for lang in self.langs
                     if f"{name}_{lang}" in self.fields]
            label = self._meta.model._meta.get_field(name).verbose_name
            result.append((name, str(label).capitalize(), GUIDES.get(name, ""), bound,
                           self.findings.get(name, [])))
        return result


class PlanSectionsForm(TranslatedForm):
    class Meta:
        model = ActionPlan
        fields = []


def plan_sections_form(langs):
    return _with_languages(PlanSectionsForm, PLAN_TEXTS, langs)


class CommitmentForm(TranslatedForm):
    """The whole commitment template (CM1).

    ``can_assign`` says whether the user holds ``plans.assign_commitment``: without it the
    number and the lead agency are shown but disabled, and whatever a request sends for
    them is ignored (Django keeps a disabled field's initial value).
    """

    ASSIGNED = ("number", "lead_agency")

    responses = SafeModelMultipleChoiceField(
        queryset=ReasonedResponse.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Reasoned responses that led to this commitment"),
        help_text=_("The co-creation's decisions on contributions (CC8) this commitment "
                    "answers."),
    )

    class Meta:
        model = Commitment
        fields = ["number", "lead_agency", "period_start", "period_end", "themes",
                  "is_challenge", "is_local", "local_kind"]
        widgets = {"period_start": DATE, "period_end": DATE,
                   "themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan, can_assign=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        self.can_assign = can_assign
        self.fields["lead_agency"].queryset = Organisation.objects.filter(
            member=plan.member).order_by("name")
        self.fields["themes"].queryset = self.fields["themes"].queryset.filter(
            member=plan.member)
        self.fields["themes"].required = False
        responses = self.fields["responses"]
        responses.queryset = ReasonedResponse.objects.filter(
            process__plan=plan).order_by("pk")
        responses.label_from_instance = lambda response: (
            f"{Truncator(response.summary).chars(140)} ({response.get_decision_display()})")
        if self.instance.pk is None:  # a new commitment: the next number, the plan's period
            last = plan.commitments.order_by("-number").values_list("number", flat=True).first()
            self.initial["number"] = self.initial.get("number") or (last or 0) + 1
            self.initial["period_start"] = self.initial.get("period_start") or plan.starts_on
            self.initial["period_end"] = self.initial.get("period_end") or plan.ends_on
        else:
            self.initial["responses"] = list(
                self.instance.responses.filter(process__plan=plan).values_list("pk", flat=True))
        if not can_assign:
            for name in self.ASSIGNED:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Only the Point of Contact team sets a commitment's number and lead "
                    "agency.")
        self.fields["is_challenge"].help_text = _(
            "CM5: only in a plan in implementation, at most two per plan; deliver it through "
            "an amended plan.")
        self.fields["is_local"].help_text = _(
            "CM6: local in scope, derived from a national policy, reported quarterly.")
        for name in self.counted_fields:
            field = self.fields[name]
            # No maxlength: the browser would cut the text without a word. The server says
            # what CM2 asks instead, and a live counter shows the length while typing.
            attrs = {key: value for key, value in field.widget.attrs.items()
                     if key != "maxlength"}
            field.widget = forms.Textarea(attrs={**attrs, "rows": 3})
            field.validators = [v for v in field.validators
                                if not isinstance(v, MaxLengthValidator)] + [cm2_length]

    @cached_property
    def has_responses(self):
        """Whether the plan's co-creation has reasoned responses to link to."""
        return self.fields["responses"].queryset.exists()

    @property
    def counted_fields(self):
        """The short description in each language: counted live, limited by CM2."""
        return [f"short_description_{lang}" for lang in self.langs
                if f"short_description_{lang}" in self.fields]

    def full_clean(self):
        super().full_clean()
        for name in self.counted_fields:  # the counter, then the error when there is one
            ids = [self.counter_id(name)]
            if self._errors and name in self._errors:
                ids.append(f"{self[name].auto_id}_error")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    def counter_id(self, name):
        return f"{self[name].auto_id}-count"

    def counter(self, name):
        """What the live counter under ``name`` says now, and the texts the script uses."""
        text = (self[name].value() or "").strip()
        count, most = len(text), SHORT_DESCRIPTION_LIMIT - 1
        values = {"count": count, "left": most - count, "over": count - most,
                  "limit": SHORT_DESCRIPTION_LIMIT}
        template = COUNT_OVER if count > most else COUNT_UNDER
        return {"id": self.counter_id(name), "limit": SHORT_DESCRIPTION_LIMIT,
                "under": COUNT_UNDER, "over_text": COUNT_OVER, "is_over": count > most,
                "text": str(template).format(**values)}

    @cached_property
    def parts(self):
        """The template's text groups by part (see COMMITMENT_PARTS), each an object with
        ``groups`` as ``includes/translated_groups.html`` reads them; the identification's
        groups also carry the counter of each box (or None)."""
        by_name = {group[0]: group for group in self.groups()}
        parts = {key: SimpleNamespace(groups=[by_name[n] for n in names if n in by_name])
                 for key, names in COMMITMENT_PARTS}
        counted = set(self.counted_fields)
        parts["identification"].boxes = [
            (name, label, guide,
             [(field, self.counter(field.name) if field.name in counted else None)
              for field in fields], findings)
            for name, label, guide, fields, findings in parts["identification"].groups]
        return parts

    def clean(self):
        data = super().clean()
        first = self.langs[0]
        if not any((data.get(f"title_{lang}") or "").strip() for lang in self.langs):
            self.add_error(f"title_{first}", _("Give the commitment a title."))
        number = data.get("number")
        taken = self.plan.commitments.filter(number=number).exclude(pk=self.instance.pk)
        if number and taken.exists():
            self.add_error("number", _("Another commitment of this plan has this number."))
        return data

    def save(self, commit=True):
        commitment = super().save(commit=False)
        if not commitment.slug:
            title = next((self.cleaned_data.get(f"title_{lang}") for lang in self.langs
                          if self.cleaned_data.get(f"title_{lang}")), "")
            base = slugify(title)[:70] or f"commitment-{commitment.number}"
            slug, n = base, 2
            while self.plan.commitments.filter(slug=slug).exclude(pk=commitment.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            commitment.slug = slug
        if commit:
            commitment.save()
            self.save_m2m()
        return commitment


def commitment_form(langs):
    return _with_languages(CommitmentForm, COMMITMENT_TEXTS, langs)


class MilestoneForm(ModelForm):
    class Meta:
        model = Milestone
        fields = ["number", "starts_on", "due_on", "lead", "supporting"]
        widgets = {"starts_on": DATE, "due_on": DATE,
                   "supporting": forms.SelectMultiple(attrs={"size": 4})}

    def __init__(self, *args, member=None, langs=(), organisations=None, **kwargs):
        """``organisations``: the member's organisations read once for the whole formset
        (``organisation_choices``); without it each form reads them."""
        super().__init__(*args, **kwargs)
        queryset = Organisation.objects.filter(member=member).order_by("name")
        self.fields["lead"].queryset = queryset
        self.fields["supporting"].queryset = queryset
        self.fields["supporting"].required = False
        if organisations is not None:
            _share_choices(self.fields["lead"], organisations)
            _share_choices(self.fields["supporting"], organisations)
        label_languages(self, ("title", "expected_result"), langs)

    def clean(self):
        data = super().clean()
        titled = [lang for lang in self.langs_present() if (data.get(f"title_{lang}") or "")]
        if self.has_changed() and not titled and not data.get("DELETE"):
            self.add_error(None, _("Give the milestone a title."))
        return data

    def langs_present(self):
        return [name.rsplit("_", 1)[1] for name in self.fields if name.startswith("title_")]


def milestone_formset(langs):
    form = type("MilestoneForm", (MilestoneForm,), {"Meta": type("Meta", (MilestoneForm.Meta,), {
        "fields": [*MilestoneForm.Meta.fields[:1],
                   *language_field_names(("title", "expected_result"), langs),
                   *MilestoneForm.Meta.fields[1:]]})})
    return inline_formset(Commitment, Milestone, form=form, extra=2, can_delete=True)


class StakeholderForm(ModelForm):
    class Meta:
        model = CommitmentStakeholder
        fields = ["organisation", "constituency", "support_role"]

    def __init__(self, *args, member=None, langs=(), organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            member=member).order_by("name")
        if organisations is not None:
            _share_choices(self.fields["organisation"], organisations)
        label_languages(self, ("role",), langs)


def stakeholder_formset(langs):
    form = type("StakeholderForm", (StakeholderForm,), {"Meta": type(
        "Meta", (StakeholderForm.Meta,), {
            "fields": [*StakeholderForm.Meta.fields, *language_field_names(("role",), langs)]})})
    return inline_formset(Commitment, CommitmentStakeholder, form=form, extra=1,
                          can_delete=True)


def commitment_formsets(data, commitment, *, member, langs):
    """The milestone and stakeholder formsets of the commitment editor, reading each list
    once whatever the number of rows (the organisations, the milestones' supporters, the
    stakeholders' organisations)."""
    kwargs = {"member": member, "langs": langs, "organisations": organisation_choices(member)}
    milestones = milestone_formset(langs)(
        data, instance=commitment, prefix="milestones", form_kwargs=kwargs,
        queryset=Milestone.objects.prefetch_related("supporting").order_by("number"))
    stakeholders = stakeholder_formset(langs)(
        data, instance=commitment, prefix="stakeholders", form_kwargs=kwargs,
        queryset=CommitmentStakeholder.objects.select_related("organisation"))
    return milestones, stakeholders


class LocalInitiativeForm(ModelForm):
    class Meta:
        model = LocalInitiative
        fields = []

    def __init__(self, *args, langs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.langs = list(langs)
        label_languages(self, ("title", "jurisdiction", "description"), langs)

    def clean(self):
        data = super().clean()
        if self.has_changed() and not data.get("DELETE"):
            for field in ("title", "jurisdiction"):
                if not any(data.get(f"{field}_{lang}") for lang in self.langs):
                    self.add_error(f"{field}_{self.langs[0]}", _("This field is required."))
        return data


def local_initiative_formset(langs):
    form = type("LocalInitiativeForm", (LocalInitiativeForm,), {"Meta": type(
        "Meta", (LocalInitiativeForm.Meta,), {"fields": language_field_names(
            ("title", "jurisdiction", "description"), langs)})})
    return inline_formset(ActionPlan, LocalInitiative, form=form, extra=1,
                          can_delete=True)


class SubmitForm(forms.Form):
    delivered_on = DateField(label=_("Delivered on (published on the OGP website)"),
                             widget=DATE, help_text=_("C5: the day the plan is uploaded "
                                                      "to the OGP website."))


class AmendForm(forms.Form):
    """A new version of a delivered plan: an amendment (C7) or the four-year refresh (C8).

    ``windows`` are the plan's ``services.version_windows``: only the kinds whose window is
    open today are offered, and a request for a closed one is refused with the date it
    closed and the rule. Without ``windows`` both kinds are offered and only the service's
    checks apply.
    """

    kind = forms.ChoiceField(label=_("Kind of new version"), choices=[
        ("amendment", _("Amendment (C7)")), ("refresh", _("Four-year refresh (C8)"))],
        widget=forms.RadioSelect)
    delivered_on = DateField(label=_("Delivered on"), widget=DATE)

    def __init__(self, *args, langs=(), windows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.langs = list(langs)
        self.windows = None if windows is None else {window.kind: window for window in windows}
        if self.windows is not None:
            kind = self.fields["kind"]
            offered = [(value, label) for value, label in kind.choices
                       if value in self.windows and self.windows[value].is_open]
            kind.widget.choices = offered
            if offered and self.initial.get("kind") not in dict(offered):
                self.initial["kind"] = offered[0][0]
        for lang in self.langs:
            self.fields[f"notes_{lang}"] = forms.CharField(
                label=_("What changed, every change (%(language)s)") % {
                    "language": language_name(lang)},
                widget=forms.Textarea(attrs={"rows": 5, "lang": lang}), required=False)

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if self.windows is None:
            return kind
        window = self.windows.get(kind)
        if window is None:
            raise ValidationError(_("Only four-year plans are refreshed (C8)."))
        if not window.is_open:
            raise ValidationError(window.message)
        return kind

    def notes(self):
        return {lang: self.cleaned_data.get(f"notes_{lang}", "") for lang in self.langs}
