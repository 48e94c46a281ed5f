"""The public document repository (R1–R4): documents with versions and metadata."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opengov.core.models import OpenGovModel
from opengov.core.public import PublicQuerySet, public_manager, public_where_set


class DocumentQuerySet(PublicQuerySet):
    def public_q(self):
        from opengov.cocreation.models import CoCreationProcess
        from opengov.forum.models import Meeting
        from opengov.plans.models import ActionPlan, Commitment, Milestone

        # Public itself, and every record it is filed under public too: evidence of a
        # withdrawn plan's commitment, or the minutes of a private meeting, stay private.
        return (Q(is_public=True) & public_where_set("plan", ActionPlan)
                & public_where_set("commitment", Commitment)
                & public_where_set("milestone", Milestone)
                & public_where_set("meeting", Meeting)
                & public_where_set("process", CoCreationProcess))


class Document(OpenGovModel):
    class Kind(models.TextChoices):
        ACTION_PLAN = "action_plan", _("Action plan")
        AGENDA = "agenda", _("Meeting agenda")
        MINUTES = "minutes", _("Meeting minutes")
        EVIDENCE = "evidence", _("Evidence of implementation")
        REPORT = "report", _("Report")
        SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
        IRM_REPORT = "irm_report", _("IRM report")
        COCREATION = "cocreation", _("Co-creation record")
        LEGAL = "legal", _("Legal or administrative text")
        OTHER = "other", _("Other")

    class Licence(models.TextChoices):
        CC_BY_4 = "CC-BY-4.0", _("Creative Commons Attribution 4.0")
        CC0 = "CC0-1.0", _("Public domain (CC0 1.0)")
        ETALAB_2 = "etalab-2.0", _("Licence Ouverte / Open Licence 2.0")
        OGL_3 = "OGL-UK-3.0", _("Open Government Licence 3.0")
        OTHER = "other", _("Other (see description)")

    member = models.ForeignKey(
        "members.Member", verbose_name=_("OGP member"), on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    language = models.CharField(_("language"), max_length=10)
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_4
    )
    external_url = models.URLField(
        _("external link"), blank=True, help_text=_("For a document kept elsewhere.")
    )
    is_public = models.BooleanField(_("public"), default=True)
    # What it documents (R2: linked to evidence of what happened).
    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="documents",
    )
    commitment = models.ForeignKey(
        "plans.Commitment", verbose_name=_("commitment"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="documents",
    )
    milestone = models.ForeignKey(
        "plans.Milestone", verbose_name=_("milestone"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="documents",
    )
    meeting = models.ForeignKey(
        "forum.Meeting", verbose_name=_("meeting"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="documents",
    )
    process = models.ForeignKey(
        "cocreation.CoCreationProcess", verbose_name=_("co-creation process"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="documents",
    )

    objects = public_manager(DocumentQuerySet)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "title"]
        # Lists newest first (the API, the feed) read this instead of sorting every row.
        indexes = [models.Index(fields=["-date", "id"], name="document_newest_first")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("web:document_detail", args=[self.pk])

    @property
    def current_version(self):
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is not None:
            return max(versions, key=lambda v: v.number, default=None)
        return self.versions.order_by("-number").first()

    def clean(self):
        if self.pk is None and not self.external_url:
            return  # a file version is added next; nothing to check yet
        if self.external_url and self.pk and self.versions.exists():
            raise ValidationError(
                {"external_url": _("A document is either a file or an external link, not both.")}
            )


def version_upload_to(instance, filename):
    from .files import safe_name

    return f"documents/{instance.document_id}/v{instance.number}/{safe_name(filename)}"


class DocumentVersion(models.Model):
    """A file of a document. A new upload is a new version; none is overwritten (R3)."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_upload_to)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, editable=False)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    original_name = models.CharField(_("name of the uploaded file"), max_length=255,
                                     blank=True, editable=False)
    mime_type = models.CharField(_("file type"), max_length=120, blank=True, editable=False)
    class TextState(models.TextChoices):
        """Whether the words inside the file are in the search (see extract.py)."""

        PENDING = "pending", _("Being read")
        INDEXED = "indexed", _("Searchable")
        NONE = "none", _("No text to read in this kind of file")
        TOO_SLOW = "too_slow", _("Not searchable: reading it took longer than 20 seconds")
        TOO_BIG_TO_READ = "too_big_to_read", _("Not searchable: reading it needed too much "
                                                "memory")
        TOO_MUCH_TEXT = "too_much_text", _("Partly searchable: only its first 5 MB of text")
        UNREADABLE = "unreadable", _("Not searchable: the file could not be read (it may be "
                                     "damaged)")
        INFLATES = "inflates", _("Not searchable: it would unpack to more than 200 MB")

    # The words inside the file, for full-text search (PDF, DOCX, ODT, text), read after the
    # upload by a background task (opengov.repository.tasks).
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    text_state = models.CharField(_("text for the search"), max_length=20,
                                  choices=TextState.choices, default=TextState.PENDING,
                                  editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["text", "text_state"])  # derived from the file

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"

    def save(self, *args, **kwargs):
        if self.number is None:
            last = self.document.versions.aggregate(models.Max("number"))["number__max"]
            self.number = (last or 0) + 1
        if self.pk is not None:
            raise ValidationError(_("A stored version is never changed: upload a new one."))
        if self.file and not self.sha256:
            from .extract import READABLE
            from .files import _sniff, agrees

            self.original_name = self.original_name or self.file.name.rsplit("/", 1)[-1]
            digest, size = hashlib.sha256(), 0
            for chunk in self.file.chunks():
                digest.update(chunk)
                size += len(chunk)
            self.sha256 = digest.hexdigest()
            self.size = size
            # The stored type is what the content is, never what a name or a caller says:
            # downloads are sent with it (repository/downloads.py).
            sniffed = _sniff(self.file) or ""
            self.mime_type = self.mime_type if agrees(self.mime_type, sniffed) else sniffed
            self.text_state = (self.TextState.PENDING if self.mime_type in READABLE
                               else self.TextState.NONE)
        super().save(*args, **kwargs)
        if self.text_state == self.TextState.PENDING:
            from opengov.core.tasks import after_commit

            from .tasks import read_version_text

            after_commit(read_version_text, self.pk)

    def get_download_url(self):
        from .downloads import download_url

        return download_url(self.document_id, self.number)
