"""Forms of the forum desk: the forum's rules and basis, its seats, its meetings.

Translated texts have one box per language the member writes in (C6), like the plan and
tracking forms. Each form lays its fields out in ``SECTIONS`` (rendered by
``workspace/forum/_form_sections.html``) and hands the service its model values with
``values()``: the form validates, the service writes.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import (
    DATE,
    DATETIME,
    DateField,
    ModelForm,
    label_languages,
    language_field_names,
    language_name,
)
from opengov.forum.models import Forum, InclusionGroup, Meeting, Seat, WorkingGroup
from opengov.members.models import Organisation, Person
from opengov.plans.models import ActionPlan, Commitment
from opengov.repository.files import accepted_extensions, with_size_limit


class TextGroup:
    """A translated text of a form: its per-language boxes under one legend."""

    is_text = True

    def __init__(self, form, name):
        self.name = name
        model_field = form._meta.model._meta.get_field(name)
        self.label = str(model_field.verbose_name).capitalize()
        self.help = model_field.help_text
        self.fields = [form[f"{name}_{lang}"] for lang in form.langs
                       if f"{name}_{lang}" in form.fields]
        self.has_errors = any(field.errors for field in self.fields)


class FieldPart:
    """One ordinary field, shaped like a form for ``includes/form_fields.html``."""

    is_text = False

    def __init__(self, bound):
        self.bound = bound

    def visible_fields(self):
        return [] if self.bound.is_hidden else [self.bound]

    def hidden_fields(self):
        return []


class DeskForm(ModelForm):
    """A ModelForm with translated texts and a sectioned layout.

    ``text_fields`` are the translated model fields; ``required_texts`` need a text in at
    least one language. ``SECTIONS`` is ``[(heading, [field or text names])]``. Build the
    class for a member's languages with ``for_languages``.
    """

    langs: list = []
    text_fields: tuple = ()
    required_texts: tuple = ()
    SECTIONS: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_languages(self, self.text_fields, self.langs)

    def clean(self):
        data = super().clean()
        for name in self.required_texts:
            boxes = [f"{name}_{lang}" for lang in self.langs if f"{name}_{lang}" in self.fields]
            if boxes and not any((data.get(box) or "").strip() for box in boxes):
                self.add_error(boxes[0], _("Write it in at least one language."))
        return data

    def sections(self):
        """[(heading, [TextGroup or FieldPart])] for the template, in reading order."""
        result = []
        for heading, names in self.SECTIONS:
            parts = []
            for name in names:
                if name in self.text_fields:
                    parts.append(TextGroup(self, name))
                elif name in self.fields:
                    parts.append(FieldPart(self[name]))
            if parts:
                result.append((heading, parts))
        return result

    def values(self):
        """The cleaned values of the model's fields, for the service."""
        return {name: self.cleaned_data[name] for name in self._meta.fields
                if name in self.cleaned_data}

    @classmethod
    def for_languages(cls, langs):
        """This form with one box per language of ``langs`` for each translated text."""
        langs = [lang for lang in langs if lang in settings.MODELTRANSLATION_LANGUAGES]
        meta = type("Meta", (cls.Meta,), {
            "fields": [*cls.Meta.fields, *language_field_names(cls.text_fields, langs)]})
        return type(cls.__name__, (cls,), {"Meta": meta, "langs": langs})


class ForumForm(DeskForm):
    """F1, F2, F7: what founds the forum and how it works, published for everyone."""

    text_fields = ("name", "legal_basis", "mandate", "rules_of_participation",
                   "membership_rules", "meeting_frequency", "decision_making")
    required_texts = ("name",)
    SECTIONS = (
        (_("Name and basis"), ("name", "legal_basis_kind", "legal_basis", "mandate")),
        (_("How the forum works"), ("rules_of_participation", "membership_rules",
                                    "meeting_frequency", "decision_making",
                                    "rules_published_on")),
    )

    class Meta:
        model = Forum
        fields = ["legal_basis_kind", "rules_published_on"]
        widgets = {"rules_published_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in language_field_names(self.text_fields[1:], self.langs):
            self.fields[name].widget.attrs["rows"] = 5


class SeatForm(DeskForm):
    """F3–F5: who sits on the forum, for which constituency, how they were chosen and whom
    they speak for."""

    # F4: whom the seat speaks for, as boxes to tick rather than raw JSON.
    inclusion_groups = forms.MultipleChoiceField(
        label=_("Represents"), choices=InclusionGroup.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("F4: historically under-represented groups this member speaks for."))

    text_fields = ("role", "selection_note")
    SECTIONS = (
        (_("Who holds the seat"), ("organisation", "person", "constituency", "role")),
        (_("Term and selection"), ("starts_on", "ends_on", "selection", "selection_note")),
        (_("Inclusion"), ("inclusion_groups",)),
    )

    class Meta:
        model = Seat
        fields = ["organisation", "person", "constituency", "starts_on", "ends_on",
                  "selection", "inclusion_groups"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            member=member).order_by("name")
        self.fields["person"].queryset = Person.objects.filter(
            organisation__member=member).select_related("organisation").order_by("name")
        self.fields["person"].label_from_instance = lambda p: f"{p.name} — {p.organisation}"
        for name in language_field_names(("selection_note",), self.langs):
            self.fields[name].widget.attrs["rows"] = 3

    def clean(self):
        data = super().clean()
        person, organisation = data.get("person"), data.get("organisation")
        if person and organisation and person.organisation_id != organisation.pk:
            self.add_error("person", _("The representative must work for the seat's "
                                       "organisation."))
        return data


class SeatEndForm(forms.Form):
    ends_on = DateField(label=_("Last day of the seat"), widget=DATE, help_text=_(
        "The seat is kept in the forum's history; it is no longer shown as current after "
        "this day."))


class MeetingForm(DeskForm):
    """F6, I5, I6: a meeting with its agenda, minutes (text and/or file) and attendance."""

    minutes_file = forms.FileField(
        label=_("Minutes file"), required=False,
        help_text=with_size_limit(_(
            "PDF, Word, OpenDocument or text, up to %(limit)s MB. It is filed in the "
            "repository and is public when the meeting is public and its minutes are "
            "published.")))
    minutes_file_title = forms.CharField(
        label=_("Title of the minutes file"), required=False, max_length=300,
        help_text=_("Leave empty to name it after the meeting."))
    minutes_file_language = forms.ChoiceField(label=_("Language of the minutes file"),
                                              required=False)

    text_fields = ("title", "place", "agenda", "minutes")
    required_texts = ("title",)
    SECTIONS = (
        (_("The meeting"), ("title", "kind", "starts_at", "duration_minutes", "format", "place",
                            "is_public", "plan", "commitment", "working_group")),
        (_("Registration and remote participation"), ("registration_open", "capacity",
                                                      "remote_link")),
        (_("Agenda"), ("agenda",)),
        (_("Attendance by constituency"), ("attendance_government", "attendance_civil_society",
                                           "attendance_other")),
        (_("Minutes"), ("minutes", "minutes_published_on", "minutes_file",
                        "minutes_file_title", "minutes_file_language")),
    )

    class Meta:
        model = Meeting
        fields = ["kind", "starts_at", "duration_minutes", "format", "is_public", "plan",
                  "commitment", "working_group", "registration_open", "capacity",
                  "remote_link", "attendance_government", "attendance_civil_society",
                  "attendance_other", "minutes_published_on"]
        widgets = {"starts_at": DATETIME, "minutes_published_on": DATE}

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ActionPlan.objects.filter(member=member).order_by(
            "-start_year")
        self.fields["commitment"].queryset = Commitment.objects.filter(
            plan__member=member).select_related("plan").order_by("-plan__start_year", "number")
        self.fields["commitment"].label_from_instance = lambda c: f"{c} — {c.plan.title}"
        self.fields["working_group"].queryset = WorkingGroup.objects.filter(
            forum__member=member).order_by("name")
        self.fields["minutes_file"].widget.attrs["accept"] = accepted_extensions().replace(
            " ", "")
        self.fields["minutes_file_language"].choices = [
            (lang, language_name(lang)) for lang in member.document_languages]
        for name in language_field_names(("agenda", "minutes"), self.langs):
            self.fields[name].widget.attrs["rows"] = 6
        self.fields["duration_minutes"].required = False  # two hours unless told

    def clean(self):
        data = super().clean()
        if data.get("duration_minutes") is None and "duration_minutes" not in self.errors:
            data["duration_minutes"] = Meeting._meta.get_field("duration_minutes").default
        plan, commitment = data.get("plan"), data.get("commitment")
        if commitment and plan is None:
            data["plan"] = commitment.plan
        elif commitment and commitment.plan_id != plan.pk:
            self.add_error("commitment", _("The commitment must belong to the meeting's "
                                           "action plan."))
        return data


class WorkingGroupForm(DeskForm):
    """CC7, I3: a thematic working group, its members among the forum's seats and whom it
    invites."""

    text_fields = ("name", "remit", "other_participants")
    required_texts = ("name",)
    SECTIONS = (
        (_("The group"), ("name", "remit", "plan", "starts_on", "ends_on", "is_public")),
        (_("Members"), ("seats", "other_participants")),
    )

    class Meta:
        model = WorkingGroup
        fields = ["plan", "starts_on", "ends_on", "is_public", "seats"]
        widgets = {"starts_on": DATE, "ends_on": DATE,
                   "seats": forms.CheckboxSelectMultiple}

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ActionPlan.objects.filter(
            member=forum.member_id).order_by("-start_year")
        self.fields["seats"].queryset = Seat.objects.filter(forum=forum).select_related(
            "organisation", "person").order_by("organisation__name")
        self.fields["seats"].label_from_instance = lambda seat: " — ".join(filter(None, [
            str(seat.organisation), seat.person.name if seat.person else "",
            str(seat.get_constituency_display())]))

    def values(self):
        values = super().values()
        values.pop("seats", None)  # the service sets them
        return values


class AttendanceForm(forms.Form):
    """Who came, among the confirmed registrations."""

    attended = forms.TypedMultipleChoiceField(
        label=_("Present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple)
    counts_too = forms.BooleanField(
        label=_("Also use these counts as the meeting's attendance by constituency"),
        required=False, help_text=_(
            "Leave it unticked if people came without registering: then type the counts on "
            "the meeting."))

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(r.pk, r.name) for r in registrations]
