from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsTabularInline

from opengov.core.admin import TranslatedAdmin

from .models import Document, DocumentVersion


class VersionInline(ObjectPermissionsTabularInline):
    model = DocumentVersion
    extra = 0
    fields = ("number", "file", "note", "size", "sha256", "uploaded_at")
    readonly_fields = ("number", "size", "sha256", "uploaded_at")

    def has_change_permission(self, request, obj=None):
        return False  # a version is never overwritten: upload a new one (R3)


@admin.register(Document)
class DocumentAdmin(TranslatedAdmin):
    list_display = ("title", "kind", "date", "language", "is_public")
    list_filter = ("kind", "language", "is_public", "licence")
    search_fields = ("title", "description")
    date_hierarchy = "date"
    autocomplete_fields = ("plan", "commitment", "milestone", "meeting")
    inlines = [VersionInline]
