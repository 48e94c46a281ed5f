"""Co-creation: the process and its timeline, outreach, inputs, themes, reasoned responses.

Rules CC1–CC11. A contribution needs no account; its author's e-mail is private, always.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opengov.core.models import MeetingFormat, ModerationState, OpenGovModel, exactly_one_of
from opengov.core.public import PublicQuerySet, PublishedQuerySet, public_manager, public_via


class CoCreationProcessQuerySet(PublicQuerySet):
    def public_q(self):
        from opengov.plans.models import ActionPlan

        return public_via("plan", ActionPlan)


class CoCreationProcess(OpenGovModel):
    class Purpose(models.TextChoices):
        PLAN = "plan", _("Development of the action plan")
        REFRESH = "refresh", _("Four-year refresh (C8)")
        AMENDMENT = "amendment", _("Amendment of the plan (C7)")

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE,
        related_name="cocreation_processes",
    )
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.PLAN
    )
    title = models.CharField(_("title"), max_length=250)
    objectives = models.TextField(
        _("objectives"), blank=True, help_text=_("CC2: WHY — what the process aims at.")
    )
    participation_overview = models.TextField(
        _("overview of participation opportunities"), blank=True,
        help_text=_("CC3: published with the timeline, two weeks before development starts."),
    )
    timeline_published_on = models.DateField(
        _("timeline published on"), null=True, blank=True,
        help_text=_("CC3: the day the timeline appeared on the OGP website."),
    )
    development_starts_on = models.DateField(
        _("plan development starts on"), null=True, blank=True
    )
    feedback_published_on = models.DateField(
        _("feedback published on"), null=True, blank=True,
        help_text=_("CC9: when the written feedback on contributions was published."),
    )
    # Grouping suggestions are computed by a background task (cocreation/tasks.py): when
    # they were last asked for and last finished, for the desk to say where they stand.
    grouping_asked_at = models.DateTimeField(null=True, blank=True, editable=False)
    grouping_done_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = public_manager(CoCreationProcessQuerySet)

    @property
    def grouping_in_progress(self):
        return self.grouping_asked_at is not None and (
            self.grouping_done_at is None or self.grouping_done_at < self.grouping_asked_at)

    class Meta:
        verbose_name = _("co-creation process")
        verbose_name_plural = _("co-creation processes")
        ordering = ["-plan__start_year"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("web:cocreation", args=[self.plan.slug])


class Stage(OpenGovModel):
    """One step of the published timeline (CC1 moments, CC2 questions)."""

    class Moment(models.TextChoices):  # CC1
        PLANNING = "planning", _("Process planning")
        OUTREACH = "outreach", _("Outreach")
        DEVELOPMENT = "development", _("Action-plan development")
        FEEDBACK = "feedback", _("Feedback (reasoned response)")

    process = models.ForeignKey(
        CoCreationProcess, verbose_name=_("process"), on_delete=models.CASCADE,
        related_name="stages",
    )
    moment = models.CharField(_("moment"), max_length=20, choices=Moment.choices)
    title = models.CharField(_("title"), max_length=250)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    objective = models.TextField(_("objective"), blank=True, help_text=_("CC2: WHY"))
    participants = models.TextField(_("participants"), blank=True, help_text=_("CC2: WHO"))
    activities = models.TextField(_("main activities"), blank=True, help_text=_("CC2: WHAT, HOW"))
    resources = models.TextField(_("resources"), blank=True)
    place = models.CharField(_("place"), max_length=250, blank=True, help_text=_("CC2: WHERE"))
    format = models.CharField(
        _("format"), max_length=20, choices=MeetingFormat.choices, blank=True
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["process", "starts_on"]

    def __str__(self):
        return self.title


class OutreachActivity(OpenGovModel):
    """CC4: raising awareness of OGP and of the ways to take part."""

    process = models.ForeignKey(
        CoCreationProcess, verbose_name=_("process"), on_delete=models.CASCADE,
        related_name="outreach_activities",
    )
    title = models.CharField(_("title"), max_length=250)
    held_on = models.DateField(_("held on"))
    format = models.CharField(_("format"), max_length=20, choices=MeetingFormat.choices)
    place = models.CharField(_("place"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.TextField(
        _("groups reached"), blank=True,
        help_text=_("CC4: marginalised and usually excluded groups this activity reached."),
    )
    barriers = models.TextField(
        _("barriers to participation and how they were addressed"), blank=True
    )
    participants_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)

    class Meta:
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        ordering = ["process", "held_on"]

    def __str__(self):
        return self.title


class InputMechanismQuerySet(PublicQuerySet):
    def public_q(self):
        return public_via("process", CoCreationProcess)


class InputMechanism(OpenGovModel):
    """CC5: a way for anyone to send inputs, open over a stated period."""

    class Kind(models.TextChoices):
        ONLINE_FORM = "online_form", _("Online form on this website")
        WORKSHOP = "workshop", _("Workshop")
        SURVEY = "survey", _("Survey")
        EMAIL = "email", _("E-mail or post")
        DRAFT_COMMENT = "draft_comment", _("Public comment on the draft plan")
        OTHER = "other", _("Other")

    process = models.ForeignKey(
        CoCreationProcess, verbose_name=_("process"), on_delete=models.CASCADE,
        related_name="input_mechanisms",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("how to take part"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # CC7: for a public comment on the draft, the plan as it stood when put to comment (the
    # snapshot ``plans.services.plan_snapshot`` makes); what people comment on, and what the
    # delivered version is compared with.
    draft = models.JSONField(null=True, blank=True, editable=False)
    drafted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = public_manager(InputMechanismQuerySet)

    class Meta:
        verbose_name = _("input mechanism")
        verbose_name_plural = _("input mechanisms")
        ordering = ["process", "opens_on"]

    def __str__(self):
        return self.title

    def is_open(self, on=None):
        on = on or timezone.localdate()
        return self.opens_on <= on <= self.closes_on


class Theme(OpenGovModel):
    """A way to group inputs (CC6): by sector, by jurisdiction, by governance theme."""

    class Kind(models.TextChoices):
        SECTOR = "sector", _("Sector")
        JURISDICTION = "jurisdiction", _("Implementing jurisdiction")
        GOVERNANCE = "governance", _("Governance theme")

    member = models.ForeignKey(
        "members.Member", verbose_name=_("OGP member"), on_delete=models.CASCADE,
        related_name="themes",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"))

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


def new_reference():
    """A short reference a contributor can quote, without ambiguous characters."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "C-" + "".join(secrets.choice(alphabet) for _ in range(8))


class ContributionQuerySet(PublicQuerySet):
    def public_q(self):
        # Never without its author's consent, nor before a moderator published it.
        return (Q(consent_to_publish=True, moderation_state=ModerationState.PUBLISHED)
                & public_via("process", CoCreationProcess))


class Contribution(OpenGovModel):
    """An input from anyone (CC5, CC6). Name, organisation and e-mail are optional."""

    class StakeholderType(models.TextChoices):
        CITIZEN = "citizen", _("Individual citizen")
        CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
        ACADEMIA = "academia", _("Academia or research")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        GOVERNMENT = "government", _("Public administration")
        PARLIAMENT = "parliament", _("Parliament")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        OTHER = "other", _("Other")

    process = models.ForeignKey(
        CoCreationProcess, verbose_name=_("process"), on_delete=models.CASCADE,
        related_name="contributions",
    )
    mechanism = models.ForeignKey(
        InputMechanism, verbose_name=_("received through"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="contributions",
    )
    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("idea or problem"))
    language = models.CharField(_("language"), max_length=10)
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=20, choices=StakeholderType.choices
    )
    author_name = models.CharField(_("name"), max_length=200, blank=True)
    author_organisation = models.CharField(_("organisation"), max_length=250, blank=True)
    author_email = models.EmailField(_("e-mail (private)"), blank=True)
    consent_to_publish = models.BooleanField(_("agrees to publication"), default=False)
    moderation_state = models.CharField(
        _("moderation"), max_length=20, choices=ModerationState.choices,
        default=ModerationState.PENDING,
    )
    moderation_reason = models.CharField(_("moderation reason"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="contributions"
    )
    answer_notified_at = models.DateTimeField(
        _("author told of the answer at"), null=True, blank=True, editable=False
    )
    # A comment on the draft plan (CC7): on one commitment (else on the whole plan), and on
    # one part of its template (else on the whole commitment).
    commitment = models.ForeignKey(
        "plans.Commitment", verbose_name=_("commitment commented on"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="draft_comments",
    )
    draft_part = models.CharField(_("part commented on"), max_length=40, blank=True)
    history = HistoricalRecords(m2m_fields=[themes])

    objects = public_manager(ContributionQuerySet)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-submitted_at"]
        permissions = [("moderate_contribution", _("Can moderate contributions"))]
        # Lists in date order (the API, the desks) read this instead of sorting every row.
        indexes = [models.Index(fields=["submitted_at", "id"], name="contribution_by_date")]

    def __str__(self):
        return self.reference

    @property
    def heading(self):
        """What the contribution is called on public pages: its title, or else its first
        words; the reference is for finding it again, not for reading."""
        return self.title or Truncator(" ".join(self.text.split())).words(10)

    @property
    def is_public(self):
        return self.consent_to_publish and self.moderation_state == ModerationState.PUBLISHED

    @property
    def draft_subject(self) -> str:
        """What a comment on the draft is about: the whole plan, a commitment, or one part
        of its template."""
        from .drafts import part_label

        if self.commitment is None:
            return str(_("The whole plan"))
        label = f"{self.commitment.number}. {self.commitment.title}"
        return f"{label} — {part_label(self.draft_part)}" if self.draft_part else label


class ContributionGroup(OpenGovModel):
    """Contributions that say similar things (CC6, CC7), suggested by the platform or made by
    staff. A group is only a way to read and answer inputs together; it changes no input."""

    class Kind(models.TextChoices):
        SIMILAR = "similar", _("Similar ideas")
        DUPLICATE = "duplicate", _("Near-duplicates")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        IGNORED = "ignored", _("Ignored")

    process = models.ForeignKey(
        CoCreationProcess, verbose_name=_("process"), on_delete=models.CASCADE,
        related_name="groups",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SIMILAR)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.SUGGESTED)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    contributions = models.ManyToManyField(
        Contribution, verbose_name=_("contributions"), related_name="groups"
    )
    history = HistoricalRecords(m2m_fields=[contributions])

    class Meta:
        verbose_name = _("group of contributions")
        verbose_name_plural = _("groups of contributions")
        ordering = ["process", "status", "name"]

    def __str__(self):
        return self.name


class ModerationDecision(models.Model):
    """Who decided what about a contribution or a public comment, and why. Decisions are
    never edited."""

    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), on_delete=models.CASCADE,
        related_name="moderation_decisions", null=True, blank=True,
    )
    comment = models.ForeignKey(
        "tracking.Comment", verbose_name=_("comment"), on_delete=models.CASCADE,
        related_name="moderation_decisions", null=True, blank=True,
    )
    previous_state = models.CharField(_("from"), max_length=20, choices=ModerationState.choices)
    state = models.CharField(_("to"), max_length=20, choices=ModerationState.choices)
    reason = models.CharField(_("reason"), max_length=300)
    decided_by = models.ForeignKey(
        "auth.User", verbose_name=_("decided by"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["-decided_at", "-pk"]
        constraints = [exactly_one_of("contribution", "comment", name="decision_on_one_thing")]

    def __str__(self):
        return f"{self.contribution or self.comment}: {self.previous_state} → {self.state}"


class ProblemReport(models.Model):
    """A visitor's report that a published contribution or comment should not be public.

    No account is needed. Who reported is kept only as a keyed hash of their connection:
    enough to count different visitors, never enough to find them. A report stays open
    until a moderator decides on the item; the decision closes every open report on it.
    """

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive, hateful or threatening")
        PERSONAL = "personal", _("It gives someone's personal information")
        OFF_TOPIC = "off_topic", _("Off topic or misleading")
        OTHER = "other", _("Something else")

    # No reader sees a report: recording one changes no public page (opengov.core.content).
    content_neutral = True

    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), on_delete=models.CASCADE,
        related_name="problem_reports", null=True, blank=True,
    )
    comment = models.ForeignKey(
        "tracking.Comment", verbose_name=_("comment"), on_delete=models.CASCADE,
        related_name="problem_reports", null=True, blank=True,
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    reporter = models.CharField(_("visitor (keyed hash)"), max_length=64, editable=False)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    decision = models.ForeignKey(
        ModerationDecision, verbose_name=_("closed by"), on_delete=models.PROTECT,
        related_name="closed_reports", null=True, blank=True,
    )

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["reported_at", "pk"]
        constraints = [
            exactly_one_of("contribution", "comment", name="report_on_one_thing"),
            # One open report per visitor and item: the count is of different visitors.
            models.UniqueConstraint(fields=["contribution", "reporter"],
                                    condition=models.Q(decision__isnull=True),
                                    name="one_open_report_per_visitor_contribution"),
            models.UniqueConstraint(fields=["comment", "reporter"],
                                    condition=models.Q(decision__isnull=True),
                                    name="one_open_report_per_visitor_comment"),
        ]

    def __str__(self):
        return f"{self.contribution or self.comment}: {self.get_reason_display()}"


class ReasonedResponseQuerySet(PublishedQuerySet):
    """``published()``: what "answered" means (CC8, CC9), whatever the plan."""

    def public_q(self):
        return self.published_q() & public_via("process", CoCreationProcess)


class ReasonedResponse(OpenGovModel):
    """CC8: the decision on one contribution or a group of them, with its five elements."""

    class Decision(models.TextChoices):
        INCLUDED = "included", _("Included")
        AMENDED = "amended", _("Included with amendments")
        REJECTED = "rejected", _("Not included")

    process = models.ForeignKey(
        CoCreationProcess, verbose_name=_("process"), on_delete=models.CASCADE,
        related_name="responses",
    )
    contributions = models.ManyToManyField(
        Contribution, verbose_name=_("contributions answered"), related_name="responses"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    summary = models.TextField(
        _("(1) comments received"), help_text=_("CC8 (1): a summary of the comments received.")
    )
    consideration = models.TextField(
        _("(2) how they were considered"),
        help_text=_("CC8 (2): how decision makers considered them."),
    )
    influence = models.TextField(
        _("(3) how they influenced the outcome"),
        help_text=_("CC8 (3): how they influenced the plan."),
    )
    reasons = models.TextField(
        _("(4) reasons for the decision"),
        help_text=_("CC8 (4): whether they were included, and why."),
    )
    beyond_plan = models.TextField(
        _("(5) beyond this plan"), blank=True,
        help_text=_("CC8 (5): how they will be considered beyond the current plan."),
    )
    commitments = models.ManyToManyField(
        "plans.Commitment", verbose_name=_("commitments it led to"), blank=True,
        related_name="responses",
    )
    published_on = models.DateField(
        _("published on"), null=True, blank=True,
        help_text=_("Unpublished responses are visible only to the forum's team."),
    )

    objects = public_manager(ReasonedResponseQuerySet)

    class Meta:
        verbose_name = _("reasoned response")
        verbose_name_plural = _("reasoned responses")
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return f"{self.get_decision_display()} — {self.summary[:60]}"


class PrioritisationRound(OpenGovModel):
    """CC10: the forum scores candidate commitments on the handbook's criteria. Each forum
    seat scores once per candidate and may change its scores until the round closes; the
    result is published as aggregates by constituency, never who gave which score."""

    process = models.ForeignKey(
        CoCreationProcess, verbose_name=_("process"), on_delete=models.CASCADE,
        related_name="prioritisation_rounds",
    )
    title = models.CharField(_("title"), max_length=250)
    opens_on = models.DateField(_("scoring opens on"))
    closes_on = models.DateField(_("scoring closes on"))
    published_on = models.DateField(
        _("result published on"), null=True, blank=True,
        help_text=_("The aggregated result is public from this day, never before the round "
                    "closes."))

    class Meta:
        verbose_name = _("prioritisation round")
        verbose_name_plural = _("prioritisation rounds")
        ordering = ["-opens_on", "pk"]

    def __str__(self):
        return self.title

    def is_open(self, on=None):
        on = on or timezone.localdate()
        return self.opens_on <= on <= self.closes_on

    def result_is_public(self, on=None):
        on = on or timezone.localdate()
        return bool(self.published_on and self.published_on <= on and self.closes_on < on)


class Candidate(OpenGovModel):
    """A candidate commitment: a draft commitment, or a group of contributions promoted."""

    round = models.ForeignKey(PrioritisationRound, verbose_name=_("round"),
                              on_delete=models.CASCADE, related_name="candidates")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    commitment = models.ForeignKey("plans.Commitment", verbose_name=_("draft commitment"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    group = models.ForeignKey(ContributionGroup, verbose_name=_("group of contributions"),
                              on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")

    class Meta:
        verbose_name = _("candidate commitment")
        verbose_name_plural = _("candidate commitments")
        ordering = ["round", "pk"]

    def __str__(self):
        return self.title


SCORE_CRITERIA = ("urgency", "political", "operational", "impact")


class Score(models.Model):
    """One forum seat's scores of one candidate, 1 (very low) to 5 (very high) on each
    criterion of CC10. Private to the forum's team: only aggregates are published."""

    CRITERIA = SCORE_CRITERIA
    SCALE = [(1, _("1 – very low")), (2, _("2 – low")), (3, _("3 – medium")),
             (4, _("4 – high")), (5, _("5 – very high"))]

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    seat = models.ForeignKey("forum.Seat", on_delete=models.CASCADE, related_name="+")
    # The seat's constituency when it scored: a later change of seat does not move a score.
    constituency = models.CharField(_("constituency"), max_length=20)
    urgency = models.PositiveSmallIntegerField(
        _("urgency and size of the problem"), choices=SCALE)
    political = models.PositiveSmallIntegerField(_("political feasibility"), choices=SCALE)
    operational = models.PositiveSmallIntegerField(_("operational feasibility"), choices=SCALE)
    impact = models.PositiveSmallIntegerField(
        _("potential impact on transparency, accountability and participation"),
        choices=SCALE)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    # Scores are the forum's work in progress: no public page changes when one is given.
    content_neutral = True

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "seat"], name="one_score_per_seat"),
            *[models.CheckConstraint(condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                                     name=f"score_{name}_1_to_5") for name in SCORE_CRITERIA],
        ]

    def __str__(self):
        return f"{self.candidate} ({self.pk})"
