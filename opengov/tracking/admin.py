from django.contrib import admin

from opengov.core.admin import OpenGovAdmin, TranslatedAdmin

from .models import Comment, ImplementationPlan, ProgressUpdate


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
class CommentAdmin(OpenGovAdmin):
    list_display = ("__str__", "progress_update", "submitted_at", "moderation_state")
    list_filter = ("moderation_state",)
    search_fields = ("text", "author_name")
