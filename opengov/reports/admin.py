from django.contrib import admin

from opengov.core.admin import OpenGovAdmin, TranslatedAdmin, TranslatedTabularInline

from .models import (
    CommitmentAssessment,
    CommitmentFinding,
    IRMProduct,
    RequirementFinding,
    SelfAssessment,
    SupportUnitLetter,
)


class CommitmentAssessmentInline(TranslatedTabularInline):
    model = CommitmentAssessment
    autocomplete_fields = ("commitment",)


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(TranslatedAdmin):
    list_display = ("plan", "prepared_on", "published_on")
    list_filter = ("plan",)
    inlines = [CommitmentAssessmentInline]


class RequirementFindingInline(admin.TabularInline):
    model = RequirementFinding
    extra = 0


class CommitmentFindingInline(admin.TabularInline):
    model = CommitmentFinding
    extra = 0
    autocomplete_fields = ("commitment",)


@admin.register(IRMProduct)
class IRMProductAdmin(OpenGovAdmin):
    list_display = ("kind", "plan", "published_on")
    search_fields = ("plan__title", "summary")
    list_filter = ("kind", "plan")
    inlines = [RequirementFindingInline, CommitmentFindingInline]


@admin.register(RequirementFinding)
class RequirementFindingAdmin(OpenGovAdmin):
    list_display = ("requirement", "verdict", "product")
    list_filter = ("requirement", "verdict")


@admin.register(CommitmentFinding)
class CommitmentFindingAdmin(OpenGovAdmin):
    list_display = ("commitment", "product", "completion", "potential_for_results")
    list_filter = ("completion", "potential_for_results")
    autocomplete_fields = ("commitment", "product")


@admin.register(SupportUnitLetter)
class SupportUnitLetterAdmin(OpenGovAdmin):
    """P2: the Support Unit's letter, recorded with its date and link."""

    list_display = ("plan", "sent_on", "url")
    list_filter = ("plan",)
    search_fields = ("summary",)
