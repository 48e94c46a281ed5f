"""Which language a translated text is shown in, so that a page whose content falls back to
another language says so and marks that text with its ``lang`` (WCAG 3.1.2)."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from opengov.core.forms import language_name

register = template.Library()


def _fallbacks(lang):
    chain = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    return chain.get(lang, chain["default"])


def shown_in(obj, field):
    """The language ``obj.field`` is read in: the reader's, or the first fallback that has it."""
    lang = get_language()
    for code in (lang, *_fallbacks(lang)):
        if getattr(obj, f"{field}_{code}", None):
            return code
    return lang


@register.simple_tag
def lang_attr(obj, field):
    """`` lang="en"`` on the element of a text shown in another language than the page's."""
    code = shown_in(obj, field)
    return format_html(' lang="{}"', code) if code != get_language() else ""


@register.inclusion_tag("includes/fallback_notice.html")
def fallback_notice(obj, *fields):
    """A notice, in the reader's language, naming (each in its own language) the languages
    some of ``fields`` are shown in because they are not written in the reader's yet."""
    lang = get_language()
    others = sorted({shown_in(obj, field) for field in fields if getattr(obj, field, "")} - {lang})
    return {"languages": [(code, language_name(code).capitalize()) for code in others]}


@register.filter
def language_label(code):
    """A language code as the reader says it ("fr" is "French" in English, "francés" in
    Spanish); a code Django does not know stays as it is."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code
