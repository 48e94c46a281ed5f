from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from opengov.core.admin import TranslatedAdmin, TranslatedTabularInline

from .models import Forum, InclusionGroup, Meeting, Seat


class SeatForm(forms.ModelForm):
    # F4: whom the seat speaks for, as boxes to tick rather than raw JSON.
    inclusion_groups = forms.MultipleChoiceField(
        label=_("represents"), choices=InclusionGroup.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("F4: historically under-represented groups this member speaks for."))

    class Meta:
        model = Seat
        fields = "__all__"  # noqa: DJ007 - the admin's own ``fields`` choose what is shown


class SeatInline(TranslatedTabularInline):
    model = Seat
    form = SeatForm
    fields = ("organisation", "person", "constituency", "role", "starts_on", "ends_on",
              "selection", "inclusion_groups")
    autocomplete_fields = ("organisation", "person")


@admin.register(Forum)
class ForumAdmin(TranslatedAdmin):
    list_display = ("name", "member", "legal_basis_kind", "rules_published_on")
    search_fields = ("name",)
    inlines = [SeatInline]


@admin.register(Seat)
class SeatAdmin(TranslatedAdmin):
    form = SeatForm
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

    def get_exclude(self, request, obj=None):
        # The link to join online is for registered people: only those who may change the
        # meeting (the Point of Contact team) see it here.
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.has_perm("forum.change_meeting", obj):
            exclude.append("remote_link")
        return exclude
