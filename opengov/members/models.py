"""OGP members, the organisations that take part, and the people who act for them (RO1, RO2)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from opengov.core.models import OpenGovModel


class Member(OpenGovModel):
    """A country, a local government or a parliament that takes part in OGP."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National government")
        LOCAL = "local", _("Local government (OGP Local)")
        PARLIAMENT = "parliament", _("Parliament (open parliament plan)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country_code = models.CharField(
        _("country code"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2, e.g. FR.")
    )
    administrative_languages = models.JSONField(
        _("administrative languages"),
        default=list,
        blank=True,
        help_text=_(
            "Language codes of the member's administrative languages, e.g. [\"fr\"]. "
            "Plans are published in these languages and in English (C6)."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("OGP website"), blank=True)
    joined_ogp_on = models.DateField(_("joined OGP on"), null=True, blank=True)
    lead_agency = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("lead ministry or agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("RO1: the ministry or agency that leads the member's OGP participation."),
    )
    point_of_contact = models.ForeignKey(
        "members.Person",
        verbose_name=_("Point of Contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("RO1: the operational Point of Contact."),
    )
    ministerial_contact = models.ForeignKey(
        "members.Person",
        verbose_name=_("ministerial-level contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("OGP member")
        verbose_name_plural = _("OGP members")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        configured = set(settings.MODELTRANSLATION_LANGUAGES)
        langs = self.administrative_languages
        if not isinstance(langs, list) or not all(isinstance(code, str) for code in langs):
            raise ValidationError(
                {"administrative_languages": _("Give a list of language codes, e.g. [\"fr\"].")}
            )
        unknown = sorted(set(langs) - configured)
        if unknown:
            raise ValidationError(
                {
                    "administrative_languages": _(
                        "These languages are not configured for content: %(codes)s. "
                        "Add them to CONTENT_LANGUAGES."
                    )
                    % {"codes": ", ".join(unknown)}
                }
            )

    @property
    def document_languages(self):
        """Administrative languages plus English, the languages every plan is written in (C6)."""
        langs = list(self.administrative_languages)
        if "en" not in langs:
            langs.append("en")
        return langs


class Organisation(OpenGovModel):
    """A government agency, a civil-society organisation or any other stakeholder (RO2)."""

    class Kind(models.TextChoices):
        GOVERNMENT_AGENCY = "government_agency", _("Government agency")
        CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
        ACADEMIA = "academia", _("Academia")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        PARLIAMENT = "parliament", _("Parliament")
        JUDICIARY = "judiciary", _("Judiciary")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other")

    member = models.ForeignKey(
        Member, verbose_name=_("OGP member"), on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(_("name"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(
        _("public contact e-mail"),
        blank=True,
        help_text=_("A generic address published on the website (W3 a). Never a person's own."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def is_government(self):
        return self.kind in {self.Kind.GOVERNMENT_AGENCY, self.Kind.LOCAL_GOVERNMENT}


class Person(OpenGovModel):
    """Someone who acts for an organisation. E-mail and phone are private, always."""

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("job title"), max_length=250, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    email = models.EmailField(_("e-mail (private)"), blank=True)
    phone = models.CharField(_("phone (private)"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("name shown publicly"),
        default=False,
        help_text=_("Only the name, job title and organisation are ever shown to the public."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text=_("An agency editor may edit the commitments that this organisation leads."),
    )
    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def public_name(self):
        return self.name if self.is_public else _("A representative")
