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

    def has_add_permission(self, request, obj=None):
        # Files arrive only through repository.services, which validates every upload: the
        # repository desk of the workspace, never an admin form.
        return False


@admin.register(Document)
class DocumentAdmin(TranslatedAdmin):
    list_display = ("title", "kind", "date", "language", "is_public")
    list_filter = ("kind", "language", "is_public", "licence")
    search_fields = ("title", "description")
    date_hierarchy = "date"
    autocomplete_fields = ("plan", "commitment", "milestone", "meeting")
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False  # filed with its first file from the repository desk (validated)
