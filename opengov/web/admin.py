from django.contrib import admin

from opengov.core.admin import TranslatedAdmin

from .models import Page


@admin.register(Page)
class PageAdmin(TranslatedAdmin):
    list_display = ("title", "slug", "in_navigation", "order", "is_published")
    list_filter = ("in_navigation", "is_published")
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title_en",)}
