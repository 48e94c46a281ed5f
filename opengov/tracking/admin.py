from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from opengov.core.admin import OpenGovAdmin, PersonalDataAdminMixin, TranslatedAdmin
from opengov.core.models import ModerationState

from .models import Comment, ImplementationPlan, ProgressUpdate
from .services import comment_moderate


@admin.register(ImplementationPlan)
class ImplementationPlanAdmin(TranslatedAdmin):
    list_display = ("commitment",)
    search_fields = ("commitment__title",)
    autocomplete_fields = ("commitment",)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(TranslatedAdmin):
    list_display = ("commitment", "milestone", "completion", "timeliness", "reported_on",
                    "published_on")
    list_filter = ("completion", "timeliness", "commitment__plan")
    search_fields = ("summary", "commitment__title")
    autocomplete_fields = ("commitment", "milestone")
    date_hierarchy = "reported_on"

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Comment)
class CommentAdmin(PersonalDataAdminMixin, OpenGovAdmin):
    list_display = ("__str__", "progress_update", "self_assessment", "submitted_at",
                    "moderation_state")
    list_filter = ("moderation_state",)
    search_fields = ("text", "author_name")
    actions = ("publish_selected", "mark_spam", "mark_abuse")
    # What the public wrote is never edited, and never removed for good.
    readonly_fields = ("progress_update", "self_assessment", "author_name", "author_email",
                       "text", "submitted_at", "moderation_state", "moderation_reason")

    def has_delete_permission(self, request, obj=None):
        return False

    def _moderate(self, request, queryset, state, reason):
        count = 0
        for comment in queryset:
            try:
                if comment_moderate(actor=request.user, comment=comment, state=state,
                                    reason=str(reason)):
                    count += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{comment}: {error}", messages.WARNING)
        self.message_user(request, _("%(count)s comments moderated.") % {"count": count})

    @admin.action(description=_("Publish the selected comments"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._moderate(request, queryset, ModerationState.PUBLISHED, "")

    @admin.action(description=_("Mark the selected comments as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, ModerationState.SPAM, _("Marked as spam by a moderator"))

    @admin.action(description=_("Mark the selected comments as abusive"),
                  permissions=["change"])
    def mark_abuse(self, request, queryset):
        self._moderate(request, queryset, ModerationState.ABUSE,
                       _("Marked as abusive by a moderator"))
