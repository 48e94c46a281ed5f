import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from opengov.core.admin import TranslatedAdmin, TranslatedStackedInline, TranslatedTabularInline

from .models import (
    ActionPlan,
    Commitment,
    CommitmentStakeholder,
    LocalInitiative,
    Milestone,
    PlanVersion,
)


class CommitmentInline(TranslatedTabularInline):
    model = Commitment
    fields = ("number", "title", "lead_agency", "is_challenge", "is_local")
    show_change_link = True
    autocomplete_fields = ("lead_agency",)


class LocalInitiativeInline(TranslatedStackedInline):
    model = LocalInitiative


@admin.register(ActionPlan)
class ActionPlanAdmin(TranslatedAdmin):
    list_display = (
        "title",
        "member",
        "number",
        "period_label",
        "delivery_slot",
        "status",
        "delivered_on",
        "is_public",
    )
    list_filter = ("status", "duration_years", "delivery_slot", "is_public", "member")
    search_fields = ("title", "introduction")
    # C7: status, publication and delivery change only through plan_submit / plan_amend,
    # which freeze the delivered version; never by hand.
    readonly_fields = ("ends_on", "status", "is_public", "delivered_on")
    inlines = [CommitmentInline, LocalInitiativeInline]


class MilestoneInline(TranslatedStackedInline):
    model = Milestone
    fields = ("number", "title", "expected_result", "starts_on", "due_on", "lead", "supporting")
    autocomplete_fields = ("lead", "supporting")


class StakeholderInline(TranslatedTabularInline):
    model = CommitmentStakeholder
    autocomplete_fields = ("organisation",)


@admin.register(Commitment)
class CommitmentAdmin(TranslatedAdmin):
    list_display = ("__str__", "plan", "lead_agency", "is_challenge", "is_local")
    list_filter = ("plan", "is_challenge", "is_local", "lead_agency")
    search_fields = ("title", "short_description", "problem", "solution")
    autocomplete_fields = ("lead_agency", "plan", "themes")
    inlines = [StakeholderInline, MilestoneInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "plan",
                    "number",
                    "slug",
                    "title",
                    "short_description",
                    "lead_agency",
                    "period_start",
                    "period_end",
                    "themes",
                )
            },
        ),
        (_("Problem definition"), {"fields": ("problem", "causes")}),
        (_("Commitment description"), {"fields": ("done_so_far", "solution", "expected_results")}),
        (_("Analysis (CM3)"), {"fields": ("transparency", "accountability", "participation")}),
        (
            _("Challenge commitment (CM5)"),
            {
                "fields": ("is_challenge", "challenge_priority", "challenge_cocreation_note"),
                "classes": ("collapse",),
            },
        ),
        (
            _("Local commitment (CM6, CM7)"),
            {
                "fields": ("is_local", "local_jurisdiction", "local_kind", "national_policy"),
                "classes": ("collapse",),
            },
        ),
    )
    # Where a commitment sits and who leads it is the Point of Contact team's decision.
    placement_fields = ("plan", "number", "slug", "lead_agency")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if request.user.has_perm("plans.change_actionplan"):
            return fields
        return (*fields, *self.placement_fields)


@admin.register(Milestone)
class MilestoneAdmin(TranslatedAdmin):
    list_display = ("__str__", "due_on", "lead")
    list_filter = ("commitment__plan",)
    search_fields = ("title", "commitment__title")
    autocomplete_fields = ("commitment", "lead", "supporting")


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    """Read-only: versions are made by submitting or amending a plan, and never change (C7)."""

    list_display = ("plan", "number", "kind", "delivered_on", "created_by")
    list_filter = ("kind", "plan")
    readonly_fields = (
        "plan",
        "number",
        "kind",
        "delivered_on",
        "created_by",
        "created_at",
        "change_notes",
        "snapshot_pretty",
    )
    exclude = ("snapshot",)

    @admin.display(description=_("snapshot"))
    def snapshot_pretty(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.snapshot, indent=2, ensure_ascii=False))

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("plans.view_planversion", obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
