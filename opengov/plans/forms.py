"""Authoring forms for the plan (AP1) and its commitments (CM1), one box per language."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import label_languages, language_field_names
from opengov.members.models import Organisation

from .models import ActionPlan, Commitment, CommitmentStakeholder, LocalInitiative, Milestone

PLAN_TEXTS = ("title", "introduction", "efforts_to_date", "development_process")
COMMITMENT_TEXTS = ("title", "short_description", "problem", "causes", "done_so_far",
                    "solution", "expected_results", "transparency", "accountability",
                    "participation", "challenge_priority", "challenge_cocreation_note",
                    "local_jurisdiction", "national_policy")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

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


def _with_languages(base, fields, langs):
    """A ModelForm class of ``base`` whose translated ``fields`` have a box per language."""
    meta = type("Meta", (base.Meta,), {
        "fields": [*base.Meta.fields, *language_field_names(fields, langs)]})
    return type(base.__name__, (base,), {"Meta": meta, "langs": list(langs),
                                         "text_fields": fields})


class TranslatedForm(forms.ModelForm):
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
    class Meta:
        model = Commitment
        fields = ["number", "lead_agency", "period_start", "period_end", "themes",
                  "is_challenge", "is_local", "local_kind"]
        widgets = {"period_start": DATE, "period_end": DATE,
                   "themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        self.fields["lead_agency"].queryset = Organisation.objects.filter(
            member=plan.member).order_by("name")
        self.fields["themes"].queryset = self.fields["themes"].queryset.filter(
            member=plan.member)
        self.fields["themes"].required = False
        if self.instance.pk is None:  # a new commitment: the next number, the plan's period
            last = plan.commitments.order_by("-number").values_list("number", flat=True).first()
            self.initial["number"] = self.initial.get("number") or (last or 0) + 1
            self.initial["period_start"] = self.initial.get("period_start") or plan.starts_on
            self.initial["period_end"] = self.initial.get("period_end") or plan.ends_on
        self.fields["is_challenge"].help_text = _(
            "CM5: only in a plan in implementation, at most two per plan; deliver it through "
            "an amended plan.")
        self.fields["is_local"].help_text = _(
            "CM6: local in scope, derived from a national policy, reported quarterly.")

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


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["number", "starts_on", "due_on", "lead", "supporting"]
        widgets = {"starts_on": DATE, "due_on": DATE,
                   "supporting": forms.SelectMultiple(attrs={"size": 4})}

    def __init__(self, *args, member=None, langs=(), **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(member=member).order_by("name")
        self.fields["lead"].queryset = organisations
        self.fields["supporting"].queryset = organisations
        self.fields["supporting"].required = False
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
    return inlineformset_factory(Commitment, Milestone, form=form, extra=2, can_delete=True)


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = CommitmentStakeholder
        fields = ["organisation", "constituency", "support_role"]

    def __init__(self, *args, member=None, langs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            member=member).order_by("name")
        label_languages(self, ("role",), langs)


def stakeholder_formset(langs):
    form = type("StakeholderForm", (StakeholderForm,), {"Meta": type(
        "Meta", (StakeholderForm.Meta,), {
            "fields": [*StakeholderForm.Meta.fields, *language_field_names(("role",), langs)]})})
    return inlineformset_factory(Commitment, CommitmentStakeholder, form=form, extra=1,
                                 can_delete=True)


class LocalInitiativeForm(forms.ModelForm):
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
    return inlineformset_factory(ActionPlan, LocalInitiative, form=form, extra=1,
                                 can_delete=True)


class SubmitForm(forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on (published on the OGP website)"),
                                   widget=DATE, help_text=_("C5: the day the plan is uploaded "
                                                            "to the OGP website."))


class AmendForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of new version"), choices=[
        ("amendment", _("Amendment (C7)")), ("refresh", _("Four-year refresh (C8)"))],
        widget=forms.RadioSelect)
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE)

    def __init__(self, *args, langs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.langs = list(langs)
        from django.utils.translation import get_language_info

        for lang in self.langs:
            try:
                name = get_language_info(lang)["name_local"]
            except KeyError:
                name = lang
            self.fields[f"notes_{lang}"] = forms.CharField(
                label=_("What changed, every change (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 5, "lang": lang}), required=False)

    def notes(self):
        return {lang: self.cleaned_data.get(f"notes_{lang}", "") for lang in self.langs}
