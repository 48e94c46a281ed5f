"""Following by e-mail, without an account (CC11: participants are told how they stay
involved).

Anyone follows the whole site, a plan, a commitment, a consultation or the forum's meetings,
in their language, with alerts as things happen or a weekly digest. An address is used only
after its owner confirmed it (double opt-in), every message can stop the following in one
click, and addresses are never shown or exported: not in the back office, not in the open
data, not in a log.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    # A scope that names one thing is also the name of the field that holds it.
    class Scope(models.TextChoices):
        SITE = "site", _("Everything on this site")
        PLAN = "plan", _("An action plan")
        COMMITMENT = "commitment", _("A commitment")
        PROCESS = "process", _("A consultation")
        MEETINGS = "meetings", _("The forum's meetings")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As it happens")
        WEEKLY = "weekly", _("A weekly digest")

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE,
                               related_name="+")
    scope = models.CharField(_("what is followed"), max_length=12, choices=Scope.choices)
    plan = models.ForeignKey("plans.ActionPlan", on_delete=models.CASCADE, null=True,
                             blank=True, related_name="+")
    commitment = models.ForeignKey("plans.Commitment", on_delete=models.CASCADE, null=True,
                                   blank=True, related_name="+")
    process = models.ForeignKey("cocreation.CoCreationProcess", on_delete=models.CASCADE,
                                null=True, blank=True, related_name="+")
    email = models.EmailField(_("e-mail (private)"))
    language = models.CharField(_("language"), max_length=10)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.IMMEDIATE)
    # The secret in every link of every message: it confirms and it stops the following.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        indexes = [models.Index(fields=["member", "scope", "confirmed_at"])]

    def __str__(self):
        return f"{self.get_scope_display()} ({self.pk})"  # never the address

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.ended_at is None

    @property
    def target(self):
        return self.commitment or self.process or self.plan


class Notice(models.Model):
    """Something followers are told of, once: found by ``notices.collect`` and keyed on what
    happened (``update:12``), so that no run tells it twice."""

    class Kind(models.TextChoices):
        UPDATE = "update", _("A progress update was published")
        VERSION = "version", _("A plan was delivered, amended or refreshed")
        OPENS = "opens", _("A consultation opened")
        CLOSING = "closing", _("A consultation closes soon")
        MEETING = "meeting", _("A meeting was announced")
        MINUTES = "minutes", _("Minutes were published")
        COMMENTS = "comments", _("A self-assessment is open for comment")

    key = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("plans.ActionPlan", on_delete=models.CASCADE, null=True,
                             related_name="+")
    commitment = models.ForeignKey("plans.Commitment", on_delete=models.CASCADE, null=True,
                                   related_name="+")
    process = models.ForeignKey("cocreation.CoCreationProcess", on_delete=models.CASCADE,
                                null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.key


def for_notice(notice) -> Q:
    """The subscriptions that hear of ``notice``."""
    q = Q(scope=Subscription.Scope.SITE)
    if notice.plan_id:
        q |= Q(scope=Subscription.Scope.PLAN, plan_id=notice.plan_id)
    if notice.commitment_id:
        q |= Q(scope=Subscription.Scope.COMMITMENT, commitment_id=notice.commitment_id)
    if notice.process_id:
        q |= Q(scope=Subscription.Scope.PROCESS, process_id=notice.process_id)
    if notice.kind in (Notice.Kind.MEETING, Notice.Kind.MINUTES):
        q |= Q(scope=Subscription.Scope.MEETINGS)
    return Q(member_id=notice.member_id) & q


def for_subscription(subscription) -> Q:
    """The notices that ``subscription`` hears of (the same rule, the other way)."""
    scope = Subscription.Scope
    q = Q(member_id=subscription.member_id)
    match subscription.scope:
        case scope.PLAN:
            return q & Q(plan_id=subscription.plan_id)
        case scope.COMMITMENT:
            return q & Q(commitment_id=subscription.commitment_id)
        case scope.PROCESS:
            return q & Q(process_id=subscription.process_id)
        case scope.MEETINGS:
            return q & Q(kind__in=[Notice.Kind.MEETING, Notice.Kind.MINUTES])
    return q
