"""Free-text pages of the public site ("About OGP"...), edited in the admin in every language."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengov.core.models import OpenGovModel


class Page(OpenGovModel):
    slug = models.SlugField(_("short name in addresses"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("text"), help_text=_("Plain text; a blank line starts a paragraph."))
    in_navigation = models.BooleanField(_("shown in the main menu"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("web:page", args=[self.slug])
