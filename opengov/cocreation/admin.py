from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from opengov.core.admin import OpenGovAdmin, TranslatedAdmin, TranslatedTabularInline
from opengov.core.models import ModerationState

from .models import (
    CoCreationProcess,
    Contribution,
    InputMechanism,
    OutreachActivity,
    ReasonedResponse,
    Stage,
    Theme,
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


@admin.register(Contribution)
class ContributionAdmin(OpenGovAdmin):
    list_display = ("reference", "submitted_at", "stakeholder_type", "language",
                    "consent_to_publish", "moderation_state")
    list_filter = ("moderation_state", "stakeholder_type", "language", "consent_to_publish",
                   "themes", "process")
    search_fields = ("reference", "text", "author_name", "author_organisation")
    readonly_fields = ("reference",)
    filter_horizontal = ("themes",)
    date_hierarchy = "submitted_at"
    actions = ("undelete_selected", "publish_selected", "mark_spam")

    @admin.action(description=_("Publish the selected contributions (those that consent)"),
                  permissions=["moderate"])
    def publish_selected(self, request, queryset):
        queryset.filter(consent_to_publish=True).update(moderation_state=ModerationState.PUBLISHED)

    @admin.action(description=_("Mark the selected contributions as spam"),
                  permissions=["moderate"])
    def mark_spam(self, request, queryset):
        queryset.update(moderation_state=ModerationState.SPAM)

    def has_moderate_permission(self, request):
        return request.user.has_perm("cocreation.moderate_contribution")


@admin.register(ReasonedResponse)
class ReasonedResponseAdmin(TranslatedAdmin):
    list_display = ("__str__", "process", "decision", "published_on")
    list_filter = ("decision", "process")
    search_fields = ("summary", "reasons")
    autocomplete_fields = ("commitments",)
    raw_id_fields = ("contributions",)
