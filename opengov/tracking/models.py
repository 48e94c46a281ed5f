"""Implementation: plans per commitment, progress updates, public comments (I1–I6, W2)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.core.models import ModerationState, OpenGovModel, exactly_one_of
from opengov.core.public import (
    PublicQuerySet,
    PublishedQuerySet,
    public_manager,
    public_via,
    public_where_set,
)


class ImplementationPlan(OpenGovModel):
    """I1: how a commitment will be carried out."""

    commitment = models.OneToOneField(
        "plans.Commitment", verbose_name=_("commitment"), on_delete=models.CASCADE,
        related_name="implementation_plan",
    )
    activities = models.TextField(_("activities"), blank=True)
    resources = models.TextField(_("resources"), blank=True)
    schedule = models.TextField(_("schedule"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    responsible = models.TextField(_("responsible people and agencies"), blank=True)
    risks = models.TextField(_("risks and how they are managed"), blank=True)

    class Meta:
        verbose_name = _("implementation plan")
        verbose_name_plural = _("implementation plans")

    def __str__(self):
        return str(self.commitment)


class Completion(models.TextChoices):
    """The IRM's completion scale, used for updates and self-assessment alike."""

    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")


class ProgressUpdateQuerySet(PublishedQuerySet):
    """``published()``: what the staff's progress views count, whatever the plan."""

    def public_q(self):
        from opengov.plans.models import Commitment

        return self.published_q() & public_via("commitment", Commitment)


class ProgressUpdate(OpenGovModel):
    """A dated account of progress on a commitment or one of its milestones (W3 f)."""

    class Timeliness(models.TextChoices):
        ON_TIME = "on_time", _("On time")
        DELAYED = "delayed", _("Delayed")

    commitment = models.ForeignKey(
        "plans.Commitment", verbose_name=_("commitment"), on_delete=models.CASCADE,
        related_name="progress_updates",
    )
    milestone = models.ForeignKey(
        "plans.Milestone", verbose_name=_("milestone"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="progress_updates",
    )
    completion = models.CharField(_("completion"), max_length=20, choices=Completion.choices)
    timeliness = models.CharField(_("timeliness"), max_length=10, choices=Timeliness.choices)
    summary = models.TextField(_("what was done"))
    delay_reasons = models.TextField(_("reasons for delay"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    reported_on = models.DateField(_("reported on"), default=timezone.localdate)
    published_on = models.DateField(
        _("published on"), null=True, blank=True,
        help_text=_("Drafts (no publication date) are never shown to the public."),
    )
    author = models.ForeignKey(
        "auth.User", verbose_name=_("author"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    evidence = models.ManyToManyField(
        "repository.Document", verbose_name=_("evidence"), blank=True,
        related_name="progress_updates",
    )

    objects = public_manager(ProgressUpdateQuerySet)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-reported_on", "-pk"]

    def __str__(self):
        return f"{self.commitment} — {self.reported_on}"


class CommentQuerySet(PublicQuerySet):
    def public_q(self):
        from opengov.reports.models import SelfAssessment

        return (Q(moderation_state=ModerationState.PUBLISHED)
                & public_where_set("progress_update", ProgressUpdate)
                & public_where_set("self_assessment", SelfAssessment))


class Comment(OpenGovModel):
    """A public comment on a progress update (W2), moderated like contributions."""

    # A comment is on a progress update (W2) or on a draft self-assessment (SA2).
    progress_update = models.ForeignKey(
        ProgressUpdate, verbose_name=_("progress update"), on_delete=models.CASCADE,
        related_name="comments", null=True, blank=True,
    )
    self_assessment = models.ForeignKey(
        "reports.SelfAssessment", verbose_name=_("self-assessment"), on_delete=models.CASCADE,
        related_name="comments", null=True, blank=True,
    )
    author_name = models.CharField(_("name"), max_length=200, blank=True)
    author_email = models.EmailField(_("e-mail (private)"), blank=True)
    text = models.TextField(_("comment"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    moderation_state = models.CharField(
        _("moderation"), max_length=20, choices=ModerationState.choices,
        default=ModerationState.PENDING,
    )
    moderation_reason = models.CharField(_("moderation reason"), max_length=300, blank=True)
    answer = models.TextField(_("answer from the agency"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    objects = public_manager(CommentQuerySet)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["submitted_at"]
        constraints = [exactly_one_of("progress_update", "self_assessment",
                                      name="comment_on_one_thing")]

    def __str__(self):
        return f"{self.author_name or _('Anonymous')}: {self.text[:50]}"
