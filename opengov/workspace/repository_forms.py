"""Forms of the repository desk: filter the documents, file a new one, change its details.

The forms only read and check what was typed; the repository's services write (and check the
file's content, R3). A document's title and description have one box per language the member
writes in (C6).
"""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import (
    DATE,
    ModelForm,
    SafeModelChoiceField,
    first_filled,
    label_languages,
    language_field_names,
)
from opengov.repository.files import accepted_extensions, max_upload_bytes
from opengov.repository.models import Document

DOCUMENT_TEXTS = ("title", "description")
PUBLIC, PRIVATE = "public", "private"


def commitment_choices(commitments, empty_label):
    """Select options grouped by action plan: ``[("", empty), (plan title, [(pk, label)])]``."""
    groups = {}
    for commitment in commitments:
        groups.setdefault(commitment.plan.title, []).append((commitment.pk, str(commitment)))
    return [("", empty_label), *groups.items()]


class DeskFilterForm(forms.Form):
    """The filters of the desk's list. A value that does not validate (a commitment of another
    agency, a made-up kind, a word instead of a number) is ignored, never an error page."""

    q = forms.CharField(label=_("Title contains"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All kinds")), *Document.Kind.choices])
    plan = SafeModelChoiceField(label=_("Action plan"), required=False, queryset=None,
                                empty_label=_("All plans"))
    commitment = SafeModelChoiceField(label=_("Commitment"), required=False, queryset=None)
    visibility = forms.ChoiceField(label=_("Public or private"), required=False, choices=[
        ("", _("Public and private")), (PUBLIC, _("Public")), (PRIVATE, _("Private"))])

    def __init__(self, *args, plans, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["commitment"].queryset = commitments
        self.fields["commitment"].widget.choices = commitment_choices(
            commitments, _("All commitments"))
        self.fields["q"].widget.attrs["type"] = "search"

    def filter(self, documents):
        """``documents`` narrowed by every filter whose value is valid."""
        self.is_valid()  # fills cleaned_data with the valid values only
        data = self.cleaned_data
        if data.get("kind"):
            documents = documents.filter(kind=data["kind"])
        if data.get("plan"):
            documents = documents.filter(Q(plan=data["plan"]) | Q(commitment__plan=data["plan"]))
        if data.get("commitment"):
            documents = documents.filter(commitment=data["commitment"])
        if data.get("visibility"):
            documents = documents.filter(is_public=data["visibility"] == PUBLIC)
        words = (data.get("q") or "").strip()
        if words:
            # Every language's title, whatever language the page is shown in.
            match = Q()
            for lang in settings.MODELTRANSLATION_LANGUAGES:
                match |= Q(**{f"title_{lang}__icontains": words})
            documents = documents.filter(match)
        return documents


class DocumentForm(ModelForm):
    """A document's details; with ``with_file``, also its first file (a new document).

    ``commitments`` are all the member's commitments: a crafted choice of one the user may
    not file under is then valid here and refused by the permission check (403), not
    hidden behind "select a valid choice". Only ``offered`` ones are shown.
    """

    langs: list = []
    with_file = False

    class Meta:
        model = Document
        fields = ["kind", "date", "language", "licence", "plan", "commitment", "is_public"]
        widgets = {"date": DATE}
        labels = {"is_public": _("Public: shown on the website and in the open data")}
        help_texts = {
            "commitment": _("Evidence and reports of a commitment go in its folder of the "
                            "repository. Leave empty for the plan's development process."),
            "language": _("The language the file is written in."),
        }

    def __init__(self, *args, plans, commitments, offered, require_commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_commitment = require_commitment
        label_languages(self, DOCUMENT_TEXTS, self.langs)
        for name in language_field_names(["description"], self.langs):
            self.fields[name].widget.attrs["rows"] = 3
        self.fields["kind"].choices = [("", _("Choose a kind")), *Document.Kind.choices]
        self.fields["licence"].choices = Document.Licence.choices
        languages = list(settings.LANGUAGES)
        current = self.initial.get("language")
        if current and current not in dict(languages):
            languages.append((current, current))
        self.fields["language"] = forms.ChoiceField(
            label=self.fields["language"].label, help_text=self.fields["language"].help_text,
            choices=languages)
        self.fields["plan"].queryset = plans
        self.fields["plan"].empty_label = _("None")
        self.fields["plan"].help_text = _("Filled in from the commitment when you choose one.")
        self.fields["commitment"].queryset = commitments
        self.fields["commitment"].required = require_commitment
        if require_commitment:
            self.fields["commitment"].help_text = _(
                "Evidence and reports of a commitment go in its folder of the repository.")
        self.fields["commitment"].widget.choices = commitment_choices(
            offered, _("Choose a commitment") if require_commitment
            else _("None (the development process)"))
        if self.with_file:
            self.fields["file"] = forms.FileField(
                label=_("File"), help_text=_(
                    "Accepted: %(types)s; up to %(limit)s MB. The file is checked by its "
                    "content, not only its name.") % {
                    "types": accepted_extensions(),
                    "limit": max_upload_bytes() // (1024 * 1024)})
            self.fields["file"].widget.attrs["accept"] = accepted_extensions().replace(" ", "")
        # Titles first, then the rest, then the file.
        order = [*language_field_names(["title"], self.langs), "kind", "date", "language",
                 "licence", "plan", "commitment", "is_public",
                 *language_field_names(["description"], self.langs)]
        self.order_fields([*order, "file"])

    def clean(self):
        data = super().clean()
        if not first_filled(self, "title", self.langs):
            self.add_error(language_field_names(["title"], self.langs)[0],
                           _("Give the document a title, in at least one language."))
        commitment, plan = data.get("commitment"), data.get("plan")
        if commitment is not None:
            if plan is not None and plan.pk != commitment.plan_id:
                self.add_error("commitment", _("This commitment belongs to another action "
                                               "plan than the one chosen."))
            else:
                data["plan"] = commitment.plan
        return data

    def texts(self):
        """The title and description in each language (``title_fr``...)."""
        return {name: (self.cleaned_data.get(name) or "").strip()
                for name in language_field_names(DOCUMENT_TEXTS, self.langs)}

    def details(self):
        """What the services take, besides the texts and the file."""
        return {name: self.cleaned_data[name] for name in
                ("kind", "date", "language", "licence", "plan", "commitment", "is_public")}


def document_form(langs, *, with_file):
    """The document form with a title and description box for each of ``langs``."""
    meta = type("Meta", (DocumentForm.Meta,), {
        "fields": [*DocumentForm.Meta.fields, *language_field_names(DOCUMENT_TEXTS, langs)]})
    return type("DocumentForm", (DocumentForm,), {"Meta": meta, "langs": list(langs),
                                                  "with_file": with_file})
