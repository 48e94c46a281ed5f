from django.contrib import admin

from .models import SentReminder


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ("subject", "sent_at", "recipients")
    search_fields = ("subject", "key")
    readonly_fields = ("key", "subject", "recipients", "sent_at")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("compliance.view_sentreminder")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
