"""Building blocks shared by every domain model.

- ``OpenGovModel``: timestamps and soft deletion (django-safedelete). Nothing the public
  or the IRM may need later is ever removed from the database; "deleting" hides a record
  and cascades the hiding to what hangs under it.
- History of changes is kept by django-simple-history. Models with translated fields
  register their history in ``translation.py`` *after* modeltranslation has added the
  per-language columns, so that every language is tracked (see docs/architecture.md).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from safedelete.config import SOFT_DELETE_CASCADE
from safedelete.models import SafeDeleteModel


def exactly_one_of(first, second, *, name):
    """A check that a record hangs under exactly one of two optional links."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{first}__isnull": False, f"{second}__isnull": True})
        | models.Q(**{f"{first}__isnull": True, f"{second}__isnull": False}), name=name)


class OpenGovModel(SafeDeleteModel):
    _safedelete_policy = SOFT_DELETE_CASCADE

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Constituency(models.TextChoices):
    """Forum constituencies (F3): the balance is checked between the first two."""

    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other (parliament, academia, private sector...)")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


class ModerationState(models.TextChoices):
    """Public input is never deleted: spam and abuse are only kept out of view."""

    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    PRIVATE = "private", _("Kept private")
    SPAM = "spam", _("Spam")
    ABUSE = "abuse", _("Abusive")


class Activity(models.Model):
    """One line of the activity log: who did what, to which record, when.

    Every write service records one (``opengov.core.activity.record``). The log is for the
    Point of Contact team and administrators; it is never edited and never public. The
    record's name is kept as it was, so the line still reads after the record changes.
    """

    class Kind(models.TextChoices):
        CONTRIBUTION_MODERATED = "contribution_moderated", _("Contribution moderated")
        COMMENT_MODERATED = "comment_moderated", _("Comment moderated")
        HIDDEN_AFTER_REPORTS = "hidden_after_reports", _("Hidden after visitors' reports")
        COMMENT_ANSWERED = "comment_answered", _("Comment answered")
        RESPONSE_WRITTEN = "response_written", _("Reasoned response written")
        RESPONSE_PUBLISHED = "response_published", _("Reasoned response published")
        GROUPS_SUGGESTED = "groups_suggested", _("Groups suggested")
        GROUP_CHANGED = "group_changed", _("Group of contributions changed")
        CONTRIBUTIONS_IMPORTED = "contributions_imported", _("Contributions imported")
        UPDATE_POSTED = "update_posted", _("Progress update posted")
        UPDATE_PUBLISHED = "update_published", _("Progress update published")
        IMPLEMENTATION_PLAN_SAVED = "implementation_plan_saved", _("Implementation plan saved")
        DOCUMENT_ADDED = "document_added", _("Document filed")
        DOCUMENT_CHANGED = "document_changed", _("Document details changed")
        VERSION_ADDED = "version_added", _("Document version added")
        COMMITMENT_SAVED = "commitment_saved", _("Commitment saved")
        PLAN_SAVED = "plan_saved", _("Plan sections saved")
        PLAN_DELIVERED = "plan_delivered", _("Plan version delivered")
        FORUM_CHANGED = "forum_changed", _("Forum changed")
        MEETING_SAVED = "meeting_saved", _("Meeting saved")
        PROCESS_SAVED = "process_saved", _("Co-creation process saved")
        REPORT_SAVED = "report_saved", _("Report saved")
        IRM_RECORD_SAVED = "irm_record_saved", _("IRM record saved")
        OGP_DATA_IMPORTED = "ogp_data_imported", _("OGP commitment data imported")
        TASK_RETRIED = "task_retried", _("Background task run again")
        TWO_STEP_ON = "two_step_on", _("Two-step sign-in turned on")
        TWO_STEP_OFF = "two_step_off", _("Two-step sign-in turned off")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        "auth.User", verbose_name=_("who"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    kind = models.CharField(_("what"), max_length=40, choices=Kind.choices, db_index=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind of record"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("record number"), null=True, blank=True)
    target_label = models.CharField(_("record"), max_length=300, blank=True)
    summary = models.CharField(_("details"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}: {self.target_label}"

    # Parts of a record that services name in ``summary`` besides the model's own fields.
    PARTS = {"milestones": _("milestones"), "stakeholders": _("stakeholders"),
             "responses": _("reasoned responses"), "local_initiatives": _("local initiatives"),
             "document": _("document"), "new": _("created")}

    def describe(self):
        """The details in the reader's language.

        Services log what changed as field names ("agenda_fr, minutes") and moderation as
        state codes ("pending → spam: reason"): codes, so that each reader sees them named
        in their own language, whoever acted.
        """
        text = self.summary
        from django.contrib.contenttypes.models import ContentType

        model = (ContentType.objects.get_for_id(self.target_type_id).model_class()
                 if self.target_type_id else None)  # cached: no query per line
        names = [name.strip() for name in text.split(",")] if text else []
        if model is not None and names and all(_field_label(model, n) for n in names):
            return ", ".join(str(_field_label(model, n)) for n in names)
        if self.kind == self.Kind.TASK_RETRIED:
            from .tasks import describe

            return describe(text)
        if self.kind in (self.Kind.CONTRIBUTION_MODERATED, self.Kind.COMMENT_MODERATED):
            states, _sep, reason = text.partition(": ")
            before, _arrow, after = states.partition(" → ")
            labels = dict(ModerationState.choices)
            if before in labels and after in labels:
                return f"{labels[before]} → {labels[after]}" + (f": {reason}" if reason else "")
        return text


class TaskFailure(models.Model):
    """A background task that failed every time it was tried (``opengov.core.tasks``).

    Kept for the Point of Contact team and administrators, who see the error in the
    workspace and can run the task again once its cause is mended.
    """

    task = models.CharField(_("task"), max_length=300)
    arguments = models.JSONField(_("arguments"), default=dict)
    attempts = models.PositiveSmallIntegerField(_("attempts"))
    error = models.TextField(_("error"))
    traceback = models.TextField(_("traceback"), blank=True)
    failed_at = models.DateTimeField(_("failed at"), auto_now_add=True, db_index=True)
    retried_at = models.DateTimeField(_("run again at"), null=True, blank=True)

    class Meta:
        verbose_name = _("failed background task")
        verbose_name_plural = _("failed background tasks")
        ordering = ["-failed_at", "-pk"]

    def __str__(self):
        return f"{self.task}: {self.error[:80]}"

    @property
    def name(self):
        """What the task does, in the reader's language (its docstring's first line is
        for developers)."""
        from .tasks import describe

        return describe(self.task)


class ContentVersion(models.Model):
    """One number that grows whenever content changes (``opengov.core.content``): cached
    public pages and generated documents carry it, so a change makes them stale at once,
    on every server, with nothing to purge."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return str(self.number)


class GeneratedFile(models.Model):
    """A document the platform makes (a plan's PDF, a report's DOCX), made once by a task,
    kept in storage and served from there (``opengov.core.generated``).

    ``subject`` names what it is a file of; ``fingerprint`` is empty for what never changes
    (a frozen plan version) and the content version for what does (a draft), so a new
    state of the data gets a new file."""

    class State(models.TextChoices):
        PENDING = "pending", _("Being made")
        READY = "ready", _("Ready")

    subject = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64, blank=True)
    maker = models.CharField(max_length=60)
    arguments = models.JSONField(default=dict)
    label = models.CharField(_("document"), max_length=300)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    file = models.FileField(upload_to="generated/", blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.PENDING)
    requested_at = models.DateTimeField(_("asked for at"))
    made_at = models.DateTimeField(_("made at"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        constraints = [models.UniqueConstraint(fields=["subject", "fingerprint"],
                                               name="one_generated_file_per_state")]
        indexes = [models.Index(fields=["state", "requested_at"])]

    def __str__(self):
        return self.label


def _field_label(model, name):
    """The label of a field (``agenda_fr`` → "agenda (français)"), of a part (milestones),
    or None when ``name`` is neither."""
    from django.conf import settings
    from django.core.exceptions import FieldDoesNotExist

    from opengov.core.forms import language_name

    if name in Activity.PARTS:
        return Activity.PARTS[name]
    root, _sep, lang = name.rpartition("_")
    try:
        if lang in settings.MODELTRANSLATION_LANGUAGES and root:
            label = model._meta.get_field(root).verbose_name
            return f"{label} ({language_name(lang)})"
        return model._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return None
