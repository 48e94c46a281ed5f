import re

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import (
    DATE,
    HoneypotMixin,
    ModelForm,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
    inline_formset,
)

from .models import (
    Contribution,
    ContributionGroup,
    PrioritisationRound,
    ProblemReport,
    ReasonedResponse,
    Score,
    Theme,
)


class ContributionForm(HoneypotMixin, ModelForm):
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
        if "themes" in self.fields:
            self.fields["themes"].queryset = Theme.objects.filter(member=member).order_by(
                "kind", "name")
            self.fields["themes"].required = False
        self.fields["text"].required = True
        self.fields["stakeholder_type"].choices = [
            ("", _("Choose what best describes you")), *Contribution.StakeholderType.choices]
        # Places apart from subjects: one group of boxes per kind of theme.
        if "themes" in self.fields:
            groups = {}
            for theme in self.fields["themes"].queryset:
                groups.setdefault(theme.get_kind_display(), []).append((theme.pk, theme.name))
            self.fields["themes"].choices = list(groups.items())

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Please write a little more: at least a sentence."))
        return text


class DraftCommentForm(ContributionForm):
    """A comment on one part of the draft plan (CC7): the same promises as a contribution,
    without a title or themes (the part says what it is about)."""

    # When the draft read was taken: a comment written while the team took it again is
    # shown back with the new text instead of being filed against words its author never read.
    draft_taken = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(ContributionForm.Meta):
        fields = ["text", "stakeholder_type", "author_name", "author_organisation",
                  "author_email", "consent_to_publish"]
        labels = {**ContributionForm.Meta.labels, "text": _("Your comment")}
        help_texts = {**ContributionForm.Meta.help_texts, "text": _(
            "What should change in this part, and why? No special knowledge is needed.")}


class ProcessFilterForm(forms.Form):
    """Which co-creation process of the plan to show (all when none is chosen). The choices
    come from the processes the page has already read: no query of its own."""

    process = forms.TypedChoiceField(label=_("Co-creation process"), required=False,
                                     coerce=int, empty_value=None)

    def __init__(self, *args, processes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].choices = [("", _("All processes")),
                                          *((p.pk, p.title) for p in processes)]

    def value(self, name):
        """The cleaned value of one filter, None when it is empty or invalid: a wrong value
        drops that filter, never the page."""
        if not self.is_bound:
            return None
        self.is_valid()  # fills cleaned_data with the fields that are valid
        return self.cleaned_data.get(name) or None


class FeedbackFilterForm(ProcessFilterForm):
    theme = SafeModelChoiceField(queryset=Theme.objects.none(), required=False,
                                 label=_("Theme"), empty_label=_("All themes"),
                                 to_field_name="slug")
    decision = forms.ChoiceField(required=False, label=_("Decision"))

    def __init__(self, *args, member=None, processes=(), **kwargs):
        super().__init__(*args, processes=processes, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(member=member).order_by("name")
        self.fields["decision"].choices = [("", _("All decisions")),
                                           *ReasonedResponse.Decision.choices]


# -- the co-creation and moderation desks --------------------------------------------------

class QueueFilterForm(forms.Form):
    """Filters of the contribution queue. Invalid values are dropped, never an error page."""

    ANSWERED = [("", _("Answered or not")), ("no", _("Not answered yet")),
                ("draft", _("Answer written, not published")), ("yes", _("Answered"))]
    SORTS = [("-submitted_at", _("Newest first")), ("submitted_at", _("Oldest first"))]

    q = forms.CharField(label=_("Words in the text"), required=False, max_length=200)
    stage = SafeModelChoiceField(label=_("Stage"), required=False, queryset=None,
                                 empty_label=_("All stages"))
    theme = SafeModelChoiceField(label=_("Theme"), required=False, queryset=None,
                                 empty_label=_("All themes"))
    stakeholder_type = forms.ChoiceField(label=_("Stakeholder type"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    moderation_state = forms.ChoiceField(label=_("Moderation"), required=False)
    answered = forms.ChoiceField(label=_("Reasoned response"), required=False, choices=ANSWERED)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORTS)

    def __init__(self, *args, process, languages, **kwargs):
        from opengov.core.models import ModerationState

        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = process.stages.order_by("starts_on")
        self.fields["theme"].queryset = Theme.objects.filter(
            member=process.plan.member).order_by("name")
        self.fields["stakeholder_type"].choices = [
            ("", _("All stakeholders")), *Contribution.StakeholderType.choices]
        self.fields["language"].choices = [("", _("All languages")), *languages]
        self.fields["moderation_state"].choices = [("", _("All states")),
                                                   *ModerationState.choices]

    def values(self):
        """The valid filters only: a crafted value is ignored rather than refused."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items()
                if value not in (None, "")}


class ResponseForm(ModelForm):
    """A reasoned response (CC8): the decision, the five elements with one box per language
    of the plan, the commitments it led to, and whether to publish it now."""

    commitments = SafeModelMultipleChoiceField(
        label=_("Commitments it led to"), required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple)
    publish = forms.BooleanField(
        label=_("Publish now and tell the authors who left an e-mail address"), required=False)

    class Meta:
        model = ReasonedResponse
        fields = ["decision"]

    ELEMENTS = ("summary", "consideration", "influence", "reasons", "beyond_plan")

    def __init__(self, *args, plan, langs, **kwargs):
        from opengov.core.forms import label_languages, language_field_names
        from opengov.plans.models import Commitment

        super().__init__(*args, **kwargs)
        self.langs = langs
        model = self._meta.model
        for name in language_field_names(self.ELEMENTS, langs):
            self.fields[name] = model._meta.get_field(name).formfield(required=False)
        label_languages(self, self.ELEMENTS, langs)
        for name in language_field_names(self.ELEMENTS, langs):
            # "(1) comments received (français)" → "(1) Comments received (français)"
            label = str(self.fields[name].label)
            self.fields[name].label = re.sub(r"^(\(\d\) )(\w)",
                                             lambda m: m[1] + m[2].upper(), label)
        self.fields["commitments"].queryset = Commitment.objects.filter(
            plan=plan).order_by("number")

    def groups(self):
        """[(element label, help, [bound field per language])] for the template."""
        model = self._meta.model
        return [(model._meta.get_field(name).verbose_name,
                 model._meta.get_field(name).help_text,
                 [self[f"{name}_{lang}"] for lang in self.langs
                  if f"{name}_{lang}" in self.fields]) for name in self.ELEMENTS]

    def texts(self):
        return {name: self.cleaned_data.get(name) or "" for name in self.fields
                if name.rsplit("_", 1)[0] in self.ELEMENTS}

    def preview(self, lang):
        """What the public will read in ``lang``: each element in that language, or in the
        first language that has it (as the public pages fall back)."""
        texts = self.texts()
        order = [lang, *[code for code in self.langs if code != lang]]
        return {name: next((texts.get(f"{name}_{code}", "") for code in order
                            if texts.get(f"{name}_{code}", "").strip()), "")
                for name in self.ELEMENTS}


class ProblemReportForm(HoneypotMixin, forms.Form):
    """A visitor reports a published contribution or comment: a reason, an optional note."""

    reason = forms.ChoiceField(label=_("What is the problem?"),
                               choices=ProblemReport.Reason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"), required=False,
        max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Read only by the moderators. Do not write personal information here."))


class ModerationForm(forms.Form):
    """One moderation decision, with its reason (required to keep something out of view)."""

    DECISIONS = [("published", _("Publish")), ("private", _("Hide (keep private)")),
                 ("spam", _("Spam")), ("abuse", _("Abusive"))]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS,
                                 widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300,
                             help_text=_("Required to keep it out of public view; the "
                                         "decision and its reason are recorded."))


class GroupRenameForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=200)


class ContributionImportForm(forms.Form):
    mechanism = SafeModelChoiceField(label=_("Received through"), required=False,
                                     queryset=None, empty_label=_("Not stated"))
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=_(
        "One contribution per row. Columns: text (required), title, language, "
        "stakeholder_type, submitted_on, author_name, author_organisation, author_email, "
        "consent_to_publish (yes/no), themes (separated by ;)."))

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mechanism"].queryset = process.input_mechanisms.defer("draft").order_by(
            "opens_on")


# -- the co-creation process, its timeline, outreach and input mechanisms (CC1–CC5) --------



class _Translated(ModelForm):
    """A ModelForm whose translated ``texts`` get one box per language of the member."""

    texts: tuple = ()

    def __init__(self, *args, langs=(), **kwargs):
        from opengov.core.forms import label_languages

        super().__init__(*args, **kwargs)
        self.langs = list(langs)
        label_languages(self, self.texts, self.langs)


def _translated(model, fields, texts, langs, *, widgets=None, base=_Translated):
    """``base`` for ``model`` with ``fields`` then each of ``texts`` in every language."""
    from opengov.core.forms import language_field_names

    meta = type("Meta", (), {"model": model,
                             "fields": [*fields, *language_field_names(texts, langs)],
                             "widgets": widgets or {}})
    return type(f"{model.__name__}Form", (base,), {"Meta": meta, "texts": texts})


class _Period(_Translated):
    """Refuses a period that ends before it starts, naming both dates."""

    period = ("starts_on", "ends_on")

    def clean(self):
        data = super().clean()
        start, end = (data.get(name) for name in self.period)
        if start and end and end < start:
            self.add_error(self.period[1], _("The end date comes before the start date."))
        return data


class _MechanismPeriod(_Period):
    period = ("opens_on", "closes_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Inputs were received, or a draft taken, for what this way to take part is: its
        # kind stays (a form's ideas must not become comments on a draft nobody read).
        if self.instance.pk and (self.instance.drafted_at or getattr(
                self.instance, "has_inputs", False)):
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _("Fixed once inputs have been received.")


def process_form(langs):
    from .models import CoCreationProcess

    return _translated(
        CoCreationProcess, ["purpose", "timeline_published_on", "development_starts_on",
                            "feedback_published_on"],
        ("title", "objectives", "participation_overview"), langs,
        widgets={"timeline_published_on": DATE, "development_starts_on": DATE,
                 "feedback_published_on": DATE})


def process_formsets(data, process, langs):
    """The stages (CC1, CC2), outreach activities (CC4) and input mechanisms (CC5)."""
    from .models import CoCreationProcess, InputMechanism, OutreachActivity, Stage

    parts = [
        ("stages", Stage, _translated(
            Stage, ["moment", "starts_on", "ends_on", "format"],
            ("title", "objective", "participants", "activities", "resources", "place"), langs,
            widgets={"starts_on": DATE, "ends_on": DATE}, base=_Period)),
        ("outreach", OutreachActivity, _translated(
            OutreachActivity, ["held_on", "format", "participants_count"],
            ("title", "place", "description", "target_groups", "barriers"), langs,
            widgets={"held_on": DATE})),
        ("mechanisms", InputMechanism, _translated(
            InputMechanism, ["kind", "opens_on", "closes_on"], ("title", "description"), langs,
            widgets={"opens_on": DATE, "closes_on": DATE}, base=_MechanismPeriod)),
    ]
    from .models import Contribution

    # Never the draft's snapshot (the form does not show it, and saving keeps it).
    mechanisms = InputMechanism.objects.defer("draft").annotate(has_inputs=Exists(
        Contribution.all_objects.filter(mechanism=OuterRef("pk"))))
    return {prefix: inline_formset(CoCreationProcess, model, form=form, extra=1,
                                   can_delete=True)(
        data, instance=process, prefix=prefix, form_kwargs={"langs": langs},
        queryset=mechanisms if model is InputMechanism else None)
        for prefix, model, form in parts}


class PrioritisationRoundForm(ModelForm):
    """A round of CC10 scoring: dates, and the candidates from the plan's commitments and the
    process's accepted groups of contributions."""

    commitments = SafeModelMultipleChoiceField(
        label=_("Draft commitments to score"), required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple)
    groups = SafeModelMultipleChoiceField(
        label=_("Groups of contributions to score as candidates"), required=False,
        queryset=None, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = PrioritisationRound
        fields = ["title", "opens_on", "closes_on", "published_on"]
        widgets = {"opens_on": DATE, "closes_on": DATE, "published_on": DATE}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitments"].queryset = process.plan.commitments.order_by("number")
        self.fields["groups"].queryset = process.groups.filter(
            status=ContributionGroup.Status.ACCEPTED).order_by("name")
        if self.instance.pk:
            candidates = self.instance.candidates.all()
            self.fields["commitments"].initial = [c.commitment_id for c in candidates
                                                  if c.commitment_id]
            self.fields["groups"].initial = [c.group_id for c in candidates if c.group_id]


class ScoresForm(forms.Form):
    """One forum member's scores: for each candidate, a choice from 1 to 5 per criterion."""

    def __init__(self, *args, candidates, given=None, **kwargs):
        super().__init__(*args, **kwargs)
        given = given or {}
        self.candidates = candidates
        for candidate in candidates:
            for name in Score.CRITERIA:
                self.fields[f"c{candidate.pk}_{name}"] = forms.TypedChoiceField(
                    label=Score._meta.get_field(name).verbose_name, choices=Score.SCALE,
                    coerce=int, widget=forms.RadioSelect,
                    initial=given.get(candidate.pk, {}).get(name))

    def groups(self):
        """``[(candidate, [bound fields])]`` for the template: a fieldset per candidate."""
        return [(candidate, [self[f"c{candidate.pk}_{name}"] for name in Score.CRITERIA])
                for candidate in self.candidates]

    def scores(self) -> dict:
        return {c.pk: {name: self.cleaned_data[f"c{c.pk}_{name}"] for name in Score.CRITERIA}
                for c in self.candidates}
