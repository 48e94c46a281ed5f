from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from opengov.core.admin import (
    OpenGovAdmin,
    PersonalDataAdminMixin,
    TranslatedAdmin,
    TranslatedTabularInline,
)
from opengov.core.models import ModerationState

from .models import (
    CoCreationProcess,
    Contribution,
    ContributionGroup,
    InputMechanism,
    ModerationDecision,
    OutreachActivity,
    ReasonedResponse,
    Stage,
    Theme,
)
from .selectors import (
    answered_count,
    desk_queue_answered,
    received_contributions,
    with_answer_state,
)
from .services import (
    contribution_moderate,
    group_set_status,
    groups_merge,
    groups_suggest,
)


class StageInline(TranslatedTabularInline):
    model = Stage
    fields = ("moment", "title", "starts_on", "ends_on", "format", "place")


class MechanismInline(TranslatedTabularInline):
    model = InputMechanism
    fields = ("kind", "title", "opens_on", "closes_on")


@admin.register(CoCreationProcess)
class CoCreationProcessAdmin(TranslatedAdmin):
    list_display = ("title", "plan", "purpose", "timeline_published_on", "development_starts_on")
    list_filter = ("purpose", "plan")
    search_fields = ("title",)
    inlines = [StageInline, MechanismInline]
    actions = ("undelete_selected", "suggest_groups")

    def has_group_permission(self, request):
        return request.user.has_perm("cocreation.add_contributiongroup")

    @admin.action(description=_("Suggest groups of similar contributions"),
                  permissions=["group"])
    def suggest_groups(self, request, queryset):
        for process in queryset:
            created = groups_suggest(actor=request.user, process=process)
            self.message_user(request, _("%(count)s groups suggested for %(process)s.") % {
                "count": len(created), "process": process})


@admin.register(ContributionGroup)
class ContributionGroupAdmin(OpenGovAdmin):
    list_display = ("name", "kind", "status", "size", "keywords", "process")
    list_filter = ("status", "kind", "process")
    search_fields = ("name", "keywords")
    raw_id_fields = ("contributions",)
    actions = ("undelete_selected", "accept", "ignore", "merge")

    @admin.display(description=_("contributions"))
    def size(self, obj):
        return obj.contributions.count()

    def has_group_permission(self, request):
        return request.user.has_perm("cocreation.change_contributiongroup")

    @admin.action(description=_("Accept the selected groups"), permissions=["group"])
    def accept(self, request, queryset):
        for group in queryset:
            group_set_status(actor=request.user, group=group,
                             status=ContributionGroup.Status.ACCEPTED)

    @admin.action(description=_("Ignore the selected suggestions"), permissions=["group"])
    def ignore(self, request, queryset):
        for group in queryset:
            group_set_status(actor=request.user, group=group,
                             status=ContributionGroup.Status.IGNORED)

    @admin.action(description=_("Merge the selected groups into the first"),
                  permissions=["group"])
    def merge(self, request, queryset):
        try:
            target = groups_merge(actor=request.user, groups=queryset.order_by("pk"))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(request, _("Merged into %(name)s.") % {"name": target.name})


@admin.register(Stage)
class StageAdmin(TranslatedAdmin):
    list_display = ("title", "process", "moment", "starts_on", "ends_on")
    list_filter = ("moment", "process")


@admin.register(OutreachActivity)
class OutreachActivityAdmin(TranslatedAdmin):
    list_display = ("title", "process", "held_on", "format", "participants_count")
    list_filter = ("format", "process")
    search_fields = ("title", "target_groups")


@admin.register(InputMechanism)
class InputMechanismAdmin(TranslatedAdmin):
    list_display = ("title", "process", "kind", "opens_on", "closes_on")
    list_filter = ("kind", "process")


@admin.register(Theme)
class ThemeAdmin(TranslatedAdmin):
    list_display = ("name", "kind", "member")
    list_filter = ("kind",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name_en",)}


class AnsweredFilter(admin.SimpleListFilter):
    """The work queue: inputs still without a published reasoned response (CC8)."""

    title = _("reasoned response")
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return [("no", _("Not answered yet")), ("draft", _("Answer not published")),
                ("yes", _("Answered"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "draft", "no"):
            return desk_queue_answered(queryset, self.value())
        return queryset


class ModerationDecisionInline(admin.TabularInline):
    model = ModerationDecision
    extra = 0
    fields = ("decided_at", "previous_state", "state", "reason", "decided_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Contribution)
class ContributionAdmin(PersonalDataAdminMixin, OpenGovAdmin):
    list_display = ("reference", "submitted_at", "stakeholder_type", "language",
                    "consent_to_publish", "moderation_state", "is_answered")
    list_filter = (AnsweredFilter, "moderation_state", "groups", "stakeholder_type", "language",
                   "consent_to_publish", "themes", "process")
    search_fields = ("reference", "text", "author_name", "author_organisation")
    # Nobody edits what a citizen wrote or overrides their consent: only the themes and the
    # channel it came through are staff's to set; moderation is an action with a reason.
    readonly_fields = ("reference", "process", "title", "text", "language", "stakeholder_type",
                       "author_name", "author_organisation", "author_email",
                       "consent_to_publish", "submitted_at", "moderation_state",
                       "moderation_reason")
    filter_horizontal = ("themes",)
    date_hierarchy = "submitted_at"
    inlines = [ModerationDecisionInline]
    # Staff answer and import from the co-creation desk; here, administrators moderate
    # and restore.
    actions = ("undelete_selected", "publish_selected", "keep_private",
               "mark_spam", "mark_abuse")

    @admin.display(boolean=True, description=_("answered"))
    def is_answered(self, obj):
        return obj.is_answered

    def get_queryset(self, request):
        return with_answer_state(super().get_queryset(request))

    def changelist_view(self, request, extra_context=None):
        received = received_contributions()
        answered = answered_count(received)
        total = received.count()
        extra_context = {**(extra_context or {}), "subtitle": _(
            "%(answered)s of %(total)s contributions answered (%(share)s%%)") % {
            "answered": answered, "total": total,
            "share": round(100 * answered / total) if total else 0}}
        return super().changelist_view(request, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("cocreation.moderate_contribution")

    def _moderate(self, request, queryset, state, reason):
        done, refused = 0, []
        for contribution in queryset:
            try:
                if contribution_moderate(actor=request.user, contribution=contribution,
                                         state=state, reason=str(reason)):
                    done += 1
            except ValidationError as error:
                refused.append(f"{contribution.reference}: {' '.join(error.messages)}")
        self.message_user(request, _("%(count)s contributions moderated.") % {"count": done})
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Publish the selected contributions (those that consent)"),
                  permissions=["moderate"])
    def publish_selected(self, request, queryset):
        self._moderate(request, queryset.filter(consent_to_publish=True),
                       ModerationState.PUBLISHED, "")

    @admin.action(description=_("Keep the selected contributions private"),
                  permissions=["moderate"])
    def keep_private(self, request, queryset):
        self._moderate(request, queryset, ModerationState.PRIVATE,
                       _("Kept private by a moderator"))

    @admin.action(description=_("Mark the selected contributions as spam"),
                  permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, ModerationState.SPAM, _("Spam"))

    @admin.action(description=_("Mark the selected contributions as abusive"),
                  permissions=["moderate"])
    def mark_abuse(self, request, queryset):
        self._moderate(request, queryset, ModerationState.ABUSE,
                       _("Abusive content (insults, threats or personal data)"))

@admin.register(ReasonedResponse)
class ReasonedResponseAdmin(TranslatedAdmin):
    list_display = ("__str__", "process", "decision", "published_on")
    list_filter = ("decision", "process")
    search_fields = ("summary", "reasons")
    autocomplete_fields = ("commitments",)
    raw_id_fields = ("contributions",)
