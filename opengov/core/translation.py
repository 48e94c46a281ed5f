"""One call to make a model's content translatable and its history complete."""

import simple_history
from django.conf import settings
from modeltranslation.translator import TranslationOptions, translator


def translate_and_track(model, fields, **history_options):
    """Register ``fields`` of ``model`` for translation, then track its history.

    History is registered here, after modeltranslation has added the per-language columns
    (``title_fr``, ``title_en``...), so that every language's text is kept in the history.
    """
    options = type(f"{model.__name__}TranslationOptions", (TranslationOptions,), {"fields": fields})
    translator.register(model, options)
    simple_history.register(model, **history_options)


def in_every_language(obj, field) -> dict[str, str]:
    """``{"fr": ..., "en": ...}``: a translated field's text in each content language."""
    return {lang: getattr(obj, f"{field}_{lang}") or ""
            for lang in settings.MODELTRANSLATION_LANGUAGES}
