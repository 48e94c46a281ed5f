"""Action plans, their frozen versions, commitments and milestones (AP1, CM1–CM7, C1–C8)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengov.core.models import Constituency, OpenGovModel
from opengov.core.public import PublicQuerySet, public_manager, public_via
from opengov.rules import calendar

MAX_CHALLENGE_COMMITMENTS = 2  # CM5
SHORT_DESCRIPTION_LIMIT = 200  # CM2: "fewer than 200 characters"


class ActionPlanQuerySet(PublicQuerySet):
    def public_q(self):
        # A plan stays private until it is delivered (plan_submit); what hangs under it
        # follows it.
        return Q(is_public=True)


class ActionPlan(OpenGovModel):
    class Status(models.TextChoices):
        CO_CREATION = "co_creation", _("In co-creation")
        IMPLEMENTATION = "implementation", _("In implementation")
        COMPLETED = "completed", _("Completed")

    class Duration(models.IntegerChoices):  # C1
        TWO_YEARS = 2, _("Two years")
        FOUR_YEARS = 4, _("Four years (with a refresh after two years)")

    member = models.ForeignKey(
        "members.Member", verbose_name=_("OGP member"), on_delete=models.CASCADE,
        related_name="plans",
    )
    number = models.PositiveSmallIntegerField(_("plan number"))
    slug = models.SlugField(_("short name in addresses"), unique=True)
    ogp_id = models.CharField(_("OGP identifier"), max_length=40, blank=True, db_index=True,
                              help_text=_("As in OGP's public data, e.g. AP_ALB01."))
    title = models.CharField(_("title"), max_length=250)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    duration_years = models.PositiveSmallIntegerField(
        _("duration"), choices=Duration.choices, help_text=_("C1: two or four years.")
    )
    delivery_slot = models.CharField(
        _("delivery slot"), max_length=10,
        choices=[(calendar.Slot.JUNE.value, _("June (ends 30 June)")),
                 (calendar.Slot.DECEMBER.value, _("December (ends 31 December)"))],
        help_text=_("C2: the plan ends on 30 June or 31 December."),
    )
    ends_on = models.DateField(_("ends on"), editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CO_CREATION
    )
    is_public = models.BooleanField(
        _("shown on the public website"), default=False,
        help_text=_("A draft plan stays private until the forum publishes it."),
    )
    delivered_on = models.DateField(
        _("delivered on"), null=True, blank=True,
        help_text=_("C5: the day the plan was published on the OGP website."),
    )
    is_limited = models.BooleanField(
        _("limited plan (political transition)"), default=False,
        help_text=_("C12: a limited plan delivered during a political transition; the new "
                    "administration adds commitments by amendment."),
    )
    # AP1: the plan's sections.
    introduction = models.TextField(
        _("1. Introduction"), blank=True,
        help_text=_("Context, long-term vision, medium-term goals and the problems to solve."),
    )
    efforts_to_date = models.TextField(
        _("2. Open government efforts to date"), blank=True,
        help_text=_("Including previous plans: what was done, what was not, and why."),
    )
    development_process = models.TextField(
        _("3. Development process"), blank=True,
        help_text=_(
            "How the timeline was made, outreach, development, the reasoned response, "
            "and compliance with the standards."
        ),
    )

    objects = public_manager(ActionPlanQuerySet)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-start_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "number"], condition=Q(deleted_at__isnull=True),
                name="plan_number_unique_per_member",
            ),
            models.CheckConstraint(
                condition=Q(duration_years__in=calendar.DURATIONS), name="plan_duration_c1"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__month=6, ends_on__day=30)
                | Q(ends_on__month=12, ends_on__day=31),
                name="plan_ends_on_slot_c2",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("web:plan_detail", args=[self.slug])

    def save(self, *args, **kwargs):
        # C2: the end date is never typed in; it follows from slot, start year and duration.
        self.ends_on = calendar.plan_end(self.delivery_slot, self.start_year, self.duration_years)
        super().save(*args, **kwargs)

    def clean(self):
        if self.duration_years not in calendar.DURATIONS:
            raise ValidationError({"duration_years": _("A plan lasts two or four years (C1).")})
        if self.delivery_slot not in {slot.value for slot in calendar.Slot}:
            raise ValidationError({"delivery_slot": _("Choose June or December (C2).")})

    @property
    def period_label(self):
        return f"{self.start_year}–{self.start_year + self.duration_years}"

    @property
    def delivery_window(self):
        return calendar.delivery_window(self.delivery_slot, self.start_year)

    @property
    def rules_calendar(self):
        """Every date the rules give this plan: deadlines, amendments, refresh (C2–C10)."""
        return calendar.plan_calendar(self.delivery_slot, self.start_year, self.duration_years)

    @property
    def starts_on(self):
        """The first day of implementation: delivery day, or the window's first day."""
        return self.delivered_on or self.delivery_window.first


class PlanVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("A submitted plan version never changes (C7)."))

    def delete(self):
        raise ValidationError(_("A submitted plan version is kept forever (C7)."))


class PlanVersion(models.Model):
    """A frozen snapshot of a plan as delivered (C7): the original, an amendment, a refresh.

    The IRM's action-plan review reads the original; its results report reads the latest
    amendment. Once saved, a version can be neither changed nor deleted.
    """

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("Original plan")
        AMENDMENT = "amendment", _("Amendment")
        REFRESH = "refresh", _("Four-year refresh")

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    delivered_on = models.DateField(_("delivered on"))
    change_notes = models.JSONField(
        _("change notes"), default=dict, blank=True,
        help_text=_("Every change, in English and the administrative languages (C7, C8)."),
    )
    snapshot = models.JSONField(_("snapshot"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        "auth.User", verbose_name=_("created by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(kind="original"), name="one_original_per_plan"
            ),
        ]

    def __str__(self):
        return f"{self.plan} — v{self.number} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A submitted plan version never changes (C7)."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A submitted plan version is kept forever (C7)."))


class CommitmentQuerySet(PublicQuerySet):
    def public_q(self):
        return public_via("plan", ActionPlan)


class Commitment(OpenGovModel):
    """One commitment, following OGP's commitment template field by field (CM1)."""

    class LocalKind(models.TextChoices):  # CM7
        STATE_WIDE_POLICY = "state_wide_policy", _("State-wide open government policy")
        COORDINATION = "coordination", _("Coordination between levels of government")
        LOCAL_IMPLEMENTATION = "local_implementation", _(
            "Local implementation of a national policy"
        )
        AWARENESS = "awareness", _("Awareness in local jurisdictions")
        LOCAL_INNOVATION = "local_innovation", _("Highlighting local innovations")

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE,
        related_name="commitments",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    ogp_id = models.CharField(_("OGP identifier"), max_length=40, blank=True, db_index=True,
                              help_text=_("As in OGP's public data, e.g. AL0002."))
    # Real OGP commitment titles run to 600 characters: leave room.
    title = models.CharField(_("title"), max_length=1000)
    short_description = models.CharField(
        _("short description"), max_length=SHORT_DESCRIPTION_LIMIT - 1,
        help_text=_("CM2: fewer than 200 characters."),
    )
    lead_agency = models.ForeignKey(
        "members.Organisation", verbose_name=_("lead agency"), on_delete=models.PROTECT,
        related_name="led_commitments",
    )
    period_start = models.DateField(_("period covered: from"))
    period_end = models.DateField(_("period covered: to"))
    # Problem definition
    problem = models.TextField(
        _("problem definition"), blank=True,
        help_text=_("What problem does it address? Who is affected, where, how, since when?"),
    )
    causes = models.TextField(
        _("causes"), blank=True, help_text=_("What are the causes and root causes of the problem?")
    )
    # Commitment description
    done_so_far = models.TextField(
        _("what has been done so far"), blank=True,
        help_text=_("What has been done so far to solve the problem, and with what result?"),
    )
    solution = models.TextField(
        _("proposed solution"), blank=True,
        help_text=_("What solution is proposed, and how does it differ from what was tried?"),
    )
    expected_results = models.TextField(
        _("expected results"), blank=True,
        help_text=_("What will change: knowledge, skills, behaviours, systems?"),
    )
    # Analysis (CM3): each may be "N/A".
    transparency = models.TextField(
        _("how it advances transparency"), blank=True,
        help_text=_("Answer \"N/A\" if it does not."),
    )
    accountability = models.TextField(
        _("how it advances accountability"), blank=True,
        help_text=_("Answer \"N/A\" if it does not."),
    )
    participation = models.TextField(
        _("how it advances public participation"), blank=True,
        help_text=_("Answer \"N/A\" if it does not."),
    )
    # CM5 challenge commitments
    is_challenge = models.BooleanField(_("challenge commitment"), default=False)
    challenge_priority = models.TextField(
        _("emerging national priority addressed"), blank=True,
        help_text=_("CM5: the emerging national priority this challenge commitment answers."),
    )
    challenge_cocreation_note = models.TextField(
        _("how the challenge commitment was co-created"), blank=True
    )
    # CM6 local commitments
    is_local = models.BooleanField(_("local commitment"), default=False)
    local_jurisdiction = models.CharField(_("local jurisdiction"), max_length=200, blank=True)
    local_kind = models.CharField(
        _("kind of local commitment"), max_length=30, choices=LocalKind.choices, blank=True
    )
    national_policy = models.TextField(
        _("national policy or programme it derives from"), blank=True,
        help_text=_("CM6: local in scope, derived from a national policy or programme."),
    )
    themes = models.ManyToManyField(
        "cocreation.Theme", verbose_name=_("themes"), blank=True, related_name="commitments"
    )

    objects = public_manager(CommitmentQuerySet)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], condition=Q(deleted_at__isnull=True),
                name="commitment_number_unique_per_plan",
            ),
            models.UniqueConstraint(
                fields=["plan", "slug"], condition=Q(deleted_at__isnull=True),
                name="commitment_slug_unique_per_plan",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("web:commitment_detail", args=[self.plan.slug, self.slug])

    @property
    def implementation_plan_or_none(self):
        """I1: the commitment's implementation plan, if one was written."""
        from opengov.tracking.models import ImplementationPlan

        return ImplementationPlan.objects.filter(commitment=self).first()

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.is_challenge:
            errors.update(self.challenge_errors())
        if self.is_local and not self.national_policy:
            errors["national_policy"] = _(
                "A local commitment derives from a national policy or programme (CM6). "
                "Otherwise, record it as an additional local initiative."
            )
        if errors:
            raise ValidationError(errors)

    def challenge_errors(self):
        """CM5: only in a plan in implementation, and at most two per plan."""
        errors = {}
        if self.plan_id is None:
            return errors
        if self.plan.status == ActionPlan.Status.CO_CREATION:
            errors["is_challenge"] = _(
                "A challenge commitment can only be added to a plan already in implementation "
                "(CM5)."
            )
        others = Commitment.objects.filter(plan_id=self.plan_id, is_challenge=True)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if others.count() >= MAX_CHALLENGE_COMMITMENTS:
            errors["is_challenge"] = _(
                "A plan has at most two challenge commitments (CM5)."
            )
        return errors

    def save(self, *args, **kwargs):
        # CM5 holds whatever the path (admin, import, shell): checked here too.
        if self.is_challenge:
            errors = self.challenge_errors()
            if errors:
                raise ValidationError(errors)
        super().save(*args, **kwargs)


class CommitmentStakeholder(OpenGovModel):
    """A supporting stakeholder of a commitment, with its role (CM1)."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE,
        related_name="stakeholders",
    )
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="supported_commitments",
    )
    class SupportRole(models.TextChoices):  # I2
        COMMUNICATIONS = "communications", _("Communications")
        EXPERTISE = "expertise", _("Expertise")
        SERVICE_DELIVERY = "service_delivery", _("Service delivery or co-production")
        ENABLING_USE = "enabling_use", _("Enabling use and feedback")

    constituency = models.CharField(_("constituency"), max_length=20, choices=Constituency.choices)
    role = models.CharField(_("role"), max_length=300, blank=True)
    support_role = models.CharField(
        _("kind of support"), max_length=20, choices=SupportRole.choices, blank=True,
        help_text=_("I2: how this stakeholder supports implementation."),
    )

    class Meta:
        verbose_name = _("supporting stakeholder")
        verbose_name_plural = _("supporting stakeholders")
        ordering = ["constituency", "organisation__name"]

    def __str__(self):
        return f"{self.organisation} — {self.commitment}"


class MilestoneQuerySet(PublicQuerySet):
    def public_q(self):
        return public_via("commitment", Commitment)


class Milestone(OpenGovModel):
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE,
        related_name="milestones",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("milestone"), max_length=300)
    expected_result = models.TextField(_("expected result"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(
        _("planned completion date"), null=True, blank=True,
        help_text=_("CM4: time-bound; within the plan's period."),
    )
    lead = models.ForeignKey(
        "members.Organisation", verbose_name=_("lead stakeholder"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="led_milestones",
    )
    supporting = models.ManyToManyField(
        "members.Organisation", verbose_name=_("supporting stakeholders"), blank=True,
        related_name="supported_milestones",
    )

    objects = public_manager(MilestoneQuerySet)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["commitment", "number"]

    def __str__(self):
        return f"{self.commitment.number}.{self.number} {self.title}"

    def clean(self):
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            raise ValidationError({"due_on": _("A milestone cannot end before it starts.")})


class LocalInitiative(OpenGovModel):
    """An "additional local open government initiative" (CM6): not a formal commitment."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE,
        related_name="local_initiatives",
    )
    title = models.CharField(_("title"), max_length=250)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        "members.Organisation", verbose_name=_("lead"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )

    class Meta:
        verbose_name = _("additional local initiative")
        verbose_name_plural = _("additional local initiatives")
        ordering = ["plan", "title"]

    def __str__(self):
        return self.title
