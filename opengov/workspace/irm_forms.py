"""Forms of the IRM desk: IRM products (C10) with their report file, and their findings on
minimum requirements and on commitments (P1). The form validates; the service in
``opengov.reports.services`` writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import DATE, ModelForm, language_name
from opengov.reports.models import CommitmentFinding, IRMProduct, RequirementFinding
from opengov.repository.files import accepted_extensions, with_size_limit


class HttpsURLField(forms.URLField):
    """A link typed without its scheme is taken as https://."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class ValuesMixin:
    def values(self):
        """The cleaned values of the model's fields, for the service."""
        return {name: self.cleaned_data[name] for name in self._meta.fields
                if name in self.cleaned_data}


class IRMProductForm(ValuesMixin, ModelForm):
    """C10: what the IRM published on a plan (the plan is the page's: a product stays with
    it, its findings being on that plan's commitments). The report file fields are there
    only for those the repository lets file it (``can_file``)."""

    document_file = forms.FileField(
        label=_("Report file"), required=False,
        help_text=with_size_limit(_(
            "PDF, Word or OpenDocument, up to %(limit)s MB. It is filed in the "
            "repository as an IRM report; a later file becomes a new version.")))
    document_title = forms.CharField(
        label=_("Title of the report file"), required=False, max_length=300,
        help_text=_("Leave empty to name it after the product."))
    document_language = forms.ChoiceField(label=_("Language of the report file"),
                                          required=False)
    document_is_public = forms.BooleanField(
        label=_("The report file is public"), required=False, initial=True)

    class Meta:
        model = IRMProduct
        fields = ["kind", "published_on", "summary", "key_recommendations", "url"]
        field_classes = {"url": HttpsURLField}
        widgets = {"published_on": DATE, "summary": forms.Textarea(attrs={"rows": 5}),
                   "key_recommendations": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, member, can_file, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_file:
            for name in ("document_file", "document_title", "document_language",
                         "document_is_public"):
                del self.fields[name]
        elif self.instance.document_id:  # a new version of the filed document
            for name in ("document_title", "document_language", "document_is_public"):
                del self.fields[name]
            self.fields["document_file"].label = _("New version of the report file")
        else:
            self.fields["document_file"].widget.attrs["accept"] = \
                accepted_extensions().replace(" ", "")
            self.fields["document_language"].choices = [
                (lang, language_name(lang)) for lang in member.document_languages]

    def file_options(self):
        """The report file and how to file it, as the service takes them."""
        data = self.cleaned_data
        return {"document_file": data.get("document_file"),
                "document_title": data.get("document_title", ""),
                "document_language": data.get("document_language", ""),
                "document_is_public": data.get("document_is_public", True)}


class RequirementFindingForm(ValuesMixin, ModelForm):
    """P1: what the product found on one minimum requirement (one finding each)."""

    class Meta:
        model = RequirementFinding
        fields = ["requirement", "verdict", "notes"]
        widgets = {"verdict": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.fields["verdict"].choices = RequirementFinding.Verdict.choices

    def clean(self):
        data = super().clean()
        requirement = data.get("requirement")
        taken = RequirementFinding.objects.filter(product=self.product, requirement=requirement)
        if requirement and taken.exclude(pk=self.instance.pk).exists():
            self.add_error("requirement", _("This product already has a finding on this "
                                            "requirement: edit that one."))
        return data


class CommitmentFindingForm(ValuesMixin, ModelForm):
    """What the product found on one commitment of its plan, on the IRM's scales."""

    class Meta:
        model = CommitmentFinding
        fields = ["commitment", "specificity", "verifiable", "potential_for_results",
                  "completion", "early_results", "did_it_open_government", "is_promising",
                  "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.fields["commitment"].queryset = product.plan.commitments.order_by("number")

    def clean(self):
        data = super().clean()
        commitment = data.get("commitment")
        taken = CommitmentFinding.objects.filter(product=self.product, commitment=commitment)
        if commitment and taken.exclude(pk=self.instance.pk).exists():
            self.add_error("commitment", _("This product already has a finding on this "
                                           "commitment: edit that one."))
        return data
