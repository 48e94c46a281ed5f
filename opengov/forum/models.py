"""The multi-stakeholder forum: its basis and rules, its seats, its meetings (F1–F7, I5, I6)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.core.models import Constituency, MeetingFormat, OpenGovModel
from opengov.core.public import PublicQuerySet, public_manager, public_where_set
from opengov.follow.models import new_token


class Forum(OpenGovModel):
    class LegalBasis(models.TextChoices):
        LAW = "law", _("Law")
        DECREE = "decree", _("Decree or regulation")
        FORMAL_AGREEMENT = "formal_agreement", _("Formal agreement")
        INFORMAL_AGREEMENT = "informal_agreement", _("Informal agreement")

    member = models.OneToOneField(
        "members.Member", verbose_name=_("OGP member"), on_delete=models.CASCADE,
        related_name="forum",
    )
    name = models.CharField(_("name"), max_length=250)
    legal_basis_kind = models.CharField(
        _("kind of legal basis"), max_length=30, choices=LegalBasis.choices, blank=True,
        help_text=_("F7: what founds the forum."),
    )
    legal_basis = models.TextField(
        _("legal or administrative basis"), blank=True,
        help_text=_("F7: the decree, law or agreement, with its reference and date."),
    )
    mandate = models.TextField(_("mandate"), blank=True)
    rules_of_participation = models.TextField(
        _("rules of participation"), blank=True,
        help_text=_("F1, F2: the basic rules of participation, published for everyone."),
    )
    membership_rules = models.TextField(
        _("membership and selection"), blank=True,
        help_text=_("F2, F5: who sits on the forum and how civil society chooses its members."),
    )
    meeting_frequency = models.TextField(
        _("meeting frequency"), blank=True,
        help_text=_("F1: the forum meets at least every six months."),
    )
    decision_making = models.TextField(_("decision-making"), blank=True)
    rules_published_on = models.DateField(
        _("rules published on"), null=True, blank=True,
        help_text=_("F2: when these rules were published on the OGP website."),
    )

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("web:forum")


class InclusionGroup(models.TextChoices):
    """Historically under-represented groups the forum proactively includes (F4)."""

    WOMEN = "women", _("Women")
    YOUTH = "youth", _("Young people")
    ELDERLY = "elderly", _("Older people")
    DISABILITY = "disability", _("Persons with disabilities")
    LGBTQIA = "lgbtqia", _("LGBTQIA+ people")
    INDIGENOUS = "indigenous", _("Indigenous communities")
    OTHER = "other", _("Other historically under-represented groups")


def validate_inclusion_groups(value):
    if not isinstance(value, list) or not set(value) <= set(InclusionGroup.values):
        raise ValidationError(_("Choose groups from the list."))


class Seat(OpenGovModel):
    class Selection(models.TextChoices):
        SELF_SELECTION = "self_selection", _("Self-selection by civil society")
        OPEN_CALL = "open_call", _("Open call and public selection")
        ELECTION = "election", _("Election")
        APPOINTMENT = "appointment", _("Appointment by government")
        EX_OFFICIO = "ex_officio", _("By office")

    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="seats"
    )
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="seats",
    )
    person = models.ForeignKey(
        "members.Person", verbose_name=_("representative"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="seats",
    )
    constituency = models.CharField(
        _("constituency"), max_length=20, choices=Constituency.choices
    )
    role = models.CharField(_("role in the forum"), max_length=120, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    selection = models.CharField(
        _("how selected"), max_length=20, choices=Selection.choices,
        help_text=_("F5: civil-society seats are filled by a transparent, open process."),
    )
    selection_note = models.TextField(_("selection details"), blank=True)
    inclusion_groups = models.JSONField(
        _("represents"), default=list, blank=True, validators=[validate_inclusion_groups],
        help_text=_("F4: historically under-represented groups this member speaks for."),
    )

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["constituency", "organisation__name"]

    def __str__(self):
        return f"{self.organisation} — {self.get_constituency_display()}"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A seat cannot end before it starts.")})

    @property
    def inclusion_labels(self) -> list[str]:
        labels = dict(InclusionGroup.choices)
        return [str(labels[g]) for g in self.inclusion_groups or [] if g in labels]

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)


class WorkingGroupQuerySet(PublicQuerySet):
    def public_q(self):
        from opengov.plans.models import ActionPlan

        return Q(is_public=True) & public_where_set("plan", ActionPlan)


class WorkingGroup(OpenGovModel):
    """A thematic working group (CC7, I3): a sub-group of the forum, with members chosen
    among its seats, invited participants, and meetings of its own."""

    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="working_groups"
    )
    name = models.CharField(_("name"), max_length=250)
    remit = models.TextField(_("remit"), blank=True,
                             help_text=_("What the group works on, and until when."))
    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="working_groups",
    )
    seats = models.ManyToManyField(
        Seat, verbose_name=_("members from the forum"), blank=True,
        related_name="working_groups",
    )
    other_participants = models.TextField(
        _("invited participants"), blank=True,
        help_text=_("Experts, agencies or organisations invited who do not sit on the forum."),
    )
    is_public = models.BooleanField(
        _("public"), default=True,
        help_text=_("Private groups are never shown on the public website."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = public_manager(WorkingGroupQuerySet)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("web:working_group", args=[self.pk])


class MeetingQuerySet(PublicQuerySet):
    def public_q(self):
        from opengov.plans.models import ActionPlan, Commitment

        # A meeting of a plan (or of one of its commitments, or of a working group) is
        # private while the plan (or group) is.
        return (Q(is_public=True) & public_where_set("plan", ActionPlan)
                & public_where_set("commitment", Commitment)
                & public_where_set("working_group", WorkingGroup))


class Meeting(OpenGovModel):
    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum meeting")
        COCREATION_WORKSHOP = "cocreation_workshop", _("Co-creation workshop")
        OUTREACH = "outreach", _("Outreach session")
        IMPLEMENTATION_REVIEW = "implementation_review", _(
            "Implementation review with civil society"
        )
        COMMITMENT_MONITORING = "commitment_monitoring", _("Commitment monitoring")
        HIGH_LEVEL = "high_level", _("High-level meeting")

    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=120, validators=[MinValueValidator(15)],
        help_text=_("Used for the calendar invitation."))
    format = models.CharField(_("format"), max_length=20, choices=MeetingFormat.choices)
    place = models.CharField(_("place"), max_length=250, blank=True)
    is_public = models.BooleanField(
        _("public"), default=True,
        help_text=_("Private meetings are never shown on the public website."),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_on = models.DateField(_("minutes published on"), null=True, blank=True)
    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="meetings",
    )
    commitment = models.ForeignKey(
        "plans.Commitment", verbose_name=_("commitment"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="meetings",
        help_text=_("For commitment monitoring meetings (I3)."),
    )
    attendance_government = models.PositiveIntegerField(
        _("attendees from government"), null=True, blank=True
    )
    attendance_civil_society = models.PositiveIntegerField(
        _("attendees from civil society"), null=True, blank=True
    )
    attendance_other = models.PositiveIntegerField(_("other attendees"), null=True, blank=True)
    working_group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="meetings",
    )
    # F6: people register without an account; the remote link goes to registered people only.
    registration_open = models.BooleanField(
        _("registration open"), default=False,
        help_text=_("Anyone can register on the public page, without an account, until the "
                    "meeting starts."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. Once the places are taken, people join a "
                    "waiting list and get a place, in order, when someone cancels."),
    )
    remote_link = models.URLField(
        _("link to join online (private)"), max_length=500, blank=True,
        help_text=_("Never shown on the website: it is e-mailed to registered people the "
                    "day before the meeting (at once to those who register later)."),
    )

    objects = public_manager(MeetingQuerySet)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("web:meeting_detail", args=[self.pk])

    @property
    def minutes_are_public(self) -> bool:
        """The minutes (text and files) are public once the meeting is public and its
        minutes are published, not before their publication day."""
        return bool(self.is_public and self.minutes_published_on
                    and self.minutes_published_on <= timezone.localdate())

    @property
    def attendance_total(self):
        parts = [self.attendance_government, self.attendance_civil_society, self.attendance_other]
        return sum(p for p in parts if p) if any(p is not None for p in parts) else None

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes or 0)

    @property
    def takes_remote_participants(self) -> bool:
        return self.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID)

    @property
    def registration_is_open(self) -> bool:
        """Registration is taken on the public page of a public meeting until it starts."""
        return bool(self.registration_open and self.is_public
                    and self.starts_at > timezone.now())


class Registration(models.Model):
    """Someone who registered for a meeting, without an account (F6, I5).

    Private: the name, organisation, address and needs are read only by the Point of Contact
    team, and are erased ``REGISTRATION_KEPT_DAYS`` after the meeting (the constituency and
    attendance stay, as counts). Not an ``OpenGovModel``: no history keeps a copy of them.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Address not confirmed yet")
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE,
                                related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=250, blank=True)
    constituency = models.CharField(_("constituency"), max_length=20, blank=True,
                                    choices=Constituency.choices)
    email = models.EmailField(_("e-mail (private)"), max_length=254)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True,
                                           max_length=2000)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PENDING)
    # The secret in the links of every message: it confirms and it cancels.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    link_sent_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    erased_at = models.DateTimeField(null=True, blank=True)

    # No public page shows a registration: saving one leaves the public cache as it is.
    content_neutral = True

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["confirmed_at", "pk"]
        indexes = [models.Index(fields=["meeting", "status", "confirmed_at"])]

    def __str__(self):
        return f"{self.meeting_id}:{self.pk} ({self.status})"  # never the name or address
