from django.contrib import admin

from opengov.core.admin import TranslatedAdmin, TranslatedTabularInline

from .models import Forum, Meeting, Seat


class SeatInline(TranslatedTabularInline):
    model = Seat
    fields = ("organisation", "person", "constituency", "role", "starts_on", "ends_on",
              "selection")
    autocomplete_fields = ("organisation", "person")


@admin.register(Forum)
class ForumAdmin(TranslatedAdmin):
    list_display = ("name", "member", "legal_basis_kind", "rules_published_on")
    search_fields = ("name",)
    inlines = [SeatInline]


@admin.register(Seat)
class SeatAdmin(TranslatedAdmin):
    list_display = ("organisation", "person", "constituency", "starts_on", "ends_on",
                    "selection")
    list_filter = ("constituency", "selection", "forum")
    search_fields = ("organisation__name", "person__name")
    autocomplete_fields = ("organisation", "person")


@admin.register(Meeting)
class MeetingAdmin(TranslatedAdmin):
    list_display = ("title", "kind", "starts_at", "format", "is_public", "minutes_published_on")
    list_filter = ("kind", "format", "is_public", "forum")
    search_fields = ("title", "agenda", "minutes")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("plan", "commitment")
