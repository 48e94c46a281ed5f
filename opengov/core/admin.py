"""Base classes for the back office: permissions from ``rules``, history, soft deletion.

Every admin of the platform derives from ``OpenGovAdmin`` (or ``TranslatedAdmin`` for
models with translated fields, which shows each field's languages side by side):
- object-level permissions come from the ``rules`` predicates of each app's ``rules.py``;
- "History" shows every change, with who made it (django-simple-history);
- "Delete" only hides a record; deleted records can be listed and restored (safedelete).
"""

from django.contrib import admin
from django.db import models
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from rules.contrib.admin import ObjectPermissionsInlineModelAdminMixin, ObjectPermissionsModelAdmin
from safedelete.admin import SafeDeleteAdmin, SafeDeleteAdminFilter
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity


class OpenGovAdmin(SimpleHistoryAdmin, SafeDeleteAdmin, ObjectPermissionsModelAdmin):
    list_filter = (SafeDeleteAdminFilter,)
    list_per_page = 50
    # Restoring is allowed; removing for good is not (nothing is ever lost).
    actions = ("undelete_selected",)
    # A link typed without its scheme is taken as https:// (merged with the admin's widget).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_list_filter(self, request):
        filters = tuple(super().get_list_filter(request))
        return filters if SafeDeleteAdminFilter in filters else (*filters, SafeDeleteAdminFilter)


class PersonalDataAdminMixin:
    """Keeps contributors' and commenters' addresses out of the admin for whoever the
    ``core.view_personal_data`` rule does not let see them (administrators included): not
    shown, not editable, and not searchable by filters typed into the address."""

    personal_fields = ("author_email",)

    def _may_see(self, request, obj):
        return request.user.has_perm("core.view_personal_data", obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self._may_see(request, obj):
            return fields
        return [f for f in fields if f not in self.personal_fields]

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split("__")[0] in self.personal_fields:
            return False
        return super().lookup_allowed(lookup, value, request)


class TranslatedAdmin(TranslationAdmin, OpenGovAdmin):
    pass


class TranslatedTabularInline(ObjectPermissionsInlineModelAdminMixin, TranslationTabularInline):
    extra = 0


class TranslatedStackedInline(ObjectPermissionsInlineModelAdminMixin, TranslationStackedInline):
    extra = 0


class ActivityAdmin(admin.ModelAdmin):
    """The activity log, read only: written by the services, never by hand."""

    list_display = ("at", "actor", "kind", "target_label", "summary")
    list_filter = ("kind", ("actor", admin.RelatedOnlyFieldListFilter))
    search_fields = ("target_label", "summary")
    date_hierarchy = "at"
    list_select_related = ("actor",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Activity, ActivityAdmin)
