"""Self-assessment reports (SA1, SA2), IRM products with their findings (C10, P1), and the
Support Unit's letters (P2)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opengov.core.models import OpenGovModel
from opengov.core.public import PublicQuerySet, public_manager, public_via
from opengov.rules import registry
from opengov.tracking.models import Completion


class SelfAssessmentQuerySet(PublicQuerySet):
    def public_q(self):
        from opengov.plans.models import ActionPlan

        # As ``is_visible``: published, or a draft whose comment period has begun (SA2).
        today = timezone.localdate()
        return ((Q(published_on__lte=today) | Q(comments_open_on__lte=today))
                & public_via("plan", ActionPlan))


class SelfAssessment(OpenGovModel):
    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE,
        related_name="self_assessments",
    )
    prepared_on = models.DateField(_("date of preparation"))
    introduction = models.TextField(_("introduction"), blank=True)
    process = models.TextField(
        _("action plan process"), blank=True,
        help_text=_("Participation throughout the cycle and compliance with the standards."),
    )
    irm_recommendations = models.TextField(
        _("use of the IRM's key recommendations"), blank=True
    )
    lessons = models.TextField(_("lessons learnt"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    # SA2: optionally open to public comment for a set period before publication.
    comments_open_on = models.DateField(
        _("public comments open on"), null=True, blank=True,
        help_text=_("The draft is shown on the website from this day, open to comments."))
    comments_close_on = models.DateField(_("public comments close on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    objects = public_manager(SelfAssessmentQuerySet)

    class Meta:
        verbose_name = _("self-assessment report")
        verbose_name_plural = _("self-assessment reports")
        ordering = ["-prepared_on"]

    def __str__(self):
        return f"{self.plan} — {self.prepared_on}"

    def clean(self):
        if (self.comments_open_on and self.comments_close_on
                and self.comments_close_on < self.comments_open_on):
            raise ValidationError({"comments_close_on": _(
                "The comment period cannot close before it opens.")})

    def is_visible(self, today):
        """Published, or a draft whose comment period has begun (SA2)."""
        return bool((self.published_on and self.published_on <= today)
                    or (self.comments_open_on and self.comments_open_on <= today))

    def comments_open(self, today):
        return bool(self.comments_open_on and self.comments_open_on <= today
                    and (self.comments_close_on is None or today <= self.comments_close_on)
                    and not (self.published_on and self.published_on <= today))


class CommitmentAssessment(OpenGovModel):
    """SA1: the colour of one commitment, with evidence, reasons and next steps."""

    class Colour(models.TextChoices):
        GREEN = "green", _("Green: complete or substantial progress")
        ORANGE = "orange", _("Orange: limited progress")
        RED = "red", _("Red: not started or seriously delayed")

    self_assessment = models.ForeignKey(
        SelfAssessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE,
        related_name="commitment_assessments",
    )
    commitment = models.ForeignKey(
        "plans.Commitment", verbose_name=_("commitment"), on_delete=models.CASCADE,
        related_name="self_assessments",
    )
    colour = models.CharField(_("colour"), max_length=10, choices=Colour.choices)
    justification = models.TextField(_("evidence and reasons"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)

    class Meta:
        verbose_name = _("commitment assessment")
        verbose_name_plural = _("commitment assessments")
        ordering = ["self_assessment", "commitment__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_assessment", "commitment"], name="one_assessment_per_commitment"
            )
        ]

    def __str__(self):
        return f"{self.commitment} — {self.get_colour_display()}"


class IRMProduct(OpenGovModel):
    """C10: what the IRM publishes on a plan."""

    class Kind(models.TextChoices):
        COCREATION_BRIEF = "cocreation_brief", _("Co-creation brief")
        ACTION_PLAN_REVIEW = "action_plan_review", _("Action plan review")
        IMPLEMENTATION_CHECK = "implementation_check", _(
            "Implementation check (four-year plans)"
        )
        RESULTS_REPORT = "results_report", _("Results report")

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE,
        related_name="irm_products",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    key_recommendations = models.TextField(
        _("key recommendations"), blank=True,
        help_text=_("The IRM's five key recommendations, one per line. The next "
                    "self-assessment reports how each was used (SA1)."))
    url = models.URLField(_("link to the report"), blank=True)
    document = models.ForeignKey(
        "repository.Document", verbose_name=_("document"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("IRM product")
        verbose_name_plural = _("IRM products")
        ordering = ["plan", "published_on"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.plan}"

    def get_absolute_url(self):
        return reverse("web:plan_detail", args=[self.plan.slug])


def minimum_requirement_choices():
    """The minimum requirements the IRM assesses (P1 b), named by the rule registry."""
    return [(rule_id, registry.BY_ID[rule_id].label(gettext))
            for rule_id in registry.MINIMUM_REQUIREMENTS]


class SupportUnitLetter(OpenGovModel):
    """A letter from OGP's Support Unit to the government about a cycle (P2), as published
    on OGP's website and newsletter."""

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE,
        related_name="support_unit_letters",
    )
    sent_on = models.DateField(_("dated"))
    url = models.URLField(_("link to the letter"), blank=True)
    summary = models.TextField(_("what it says"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letter from OGP's Support Unit")
        verbose_name_plural = _("letters from OGP's Support Unit")
        ordering = ["plan", "sent_on"]

    def __str__(self):
        return f"{self.sent_on.isoformat()} — {self.plan}"


class RequirementFinding(OpenGovModel):
    """What an IRM product found on one minimum requirement."""

    class Verdict(models.TextChoices):
        MET = "met", _("Met")
        NOT_MET = "not_met", _("Not met")
        NOT_ASSESSED = "not_assessed", _("Not assessed")

    product = models.ForeignKey(
        IRMProduct, verbose_name=_("IRM product"), on_delete=models.CASCADE,
        related_name="requirement_findings",
    )
    requirement = models.CharField(
        _("minimum requirement"), max_length=5, choices=minimum_requirement_choices
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("IRM finding on a minimum requirement")
        verbose_name_plural = _("IRM findings on minimum requirements")
        ordering = ["product", "requirement"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "requirement"], name="one_finding_per_requirement"
            )
        ]

    def __str__(self):
        return f"{self.requirement}: {self.get_verdict_display()}"


class CommitmentFinding(OpenGovModel):
    """What an IRM product found on one commitment, on the IRM's own scales."""

    class PotentialResults(models.TextChoices):
        UNCLEAR = "unclear", _("Unclear")
        MODEST = "modest", _("Modest")
        SUBSTANTIAL = "substantial", _("Substantial")

    class EarlyResults(models.TextChoices):
        NONE = "none", _("No notable results")
        MODERATE = "moderate", _("Moderate")
        SIGNIFICANT = "significant", _("Significant")

    product = models.ForeignKey(
        IRMProduct, verbose_name=_("IRM product"), on_delete=models.CASCADE,
        related_name="commitment_findings",
    )
    commitment = models.ForeignKey(
        "plans.Commitment", verbose_name=_("commitment"), on_delete=models.CASCADE,
        related_name="irm_findings",
    )
    class Specificity(models.TextChoices):
        NONE = "none", _("None")
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class OpenedGovernment(models.TextChoices):
        WORSENS = "worsens", _("Worsens")
        DID_NOT_CHANGE = "did_not_change", _("Did not change")
        MARGINAL = "marginal", _("Marginal")
        MAJOR = "major", _("Major")
        OUTSTANDING = "outstanding", _("Outstanding")

    specificity = models.CharField(_("specificity"), max_length=10,
                                   choices=Specificity.choices, blank=True)
    verifiable = models.BooleanField(_("verifiable"), null=True, blank=True)
    potential_for_results = models.CharField(
        _("potential for results"), max_length=20, choices=PotentialResults.choices, blank=True
    )
    completion = models.CharField(
        _("completion"), max_length=20, choices=Completion.choices, blank=True
    )
    early_results = models.CharField(
        _("early results"), max_length=20, choices=EarlyResults.choices, blank=True
    )
    did_it_open_government = models.CharField(
        _("did it open government?"), max_length=20, choices=OpenedGovernment.choices,
        blank=True)
    is_promising = models.BooleanField(_("promising commitment"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("IRM finding on a commitment")
        verbose_name_plural = _("IRM findings on commitments")
        ordering = ["product", "commitment__number"]

    def __str__(self):
        return f"{self.product}: {self.commitment}"
