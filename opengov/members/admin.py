from django.contrib import admin

from opengov.core.admin import TranslatedAdmin

from .models import Member, Organisation, Person


@admin.register(Member)
class MemberAdmin(TranslatedAdmin):
    list_display = ("name", "kind", "country_code", "lead_agency", "point_of_contact")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("lead_agency", "point_of_contact", "ministerial_contact")


@admin.register(Organisation)
class OrganisationAdmin(TranslatedAdmin):
    list_display = ("name", "acronym", "kind", "member")
    list_filter = ("kind", "member")
    search_fields = ("name", "acronym")


@admin.register(Person)
class PersonAdmin(TranslatedAdmin):
    list_display = ("name", "title", "organisation", "is_public", "user")
    list_filter = ("is_public", "organisation__kind")
    search_fields = ("name", "email", "organisation__name")
    autocomplete_fields = ("organisation", "user")
