"""The interface exists in French, English and Spanish: every string translated."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "opengov" / "locale"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_interface_string_is_translated(lang):
    catalogue = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    assert untranslated == []
    assert len(catalogue) > 400


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr", "Accueil"), ("es", "Inicio"), ("en", "Home")]
)
def test_compiled_catalogues_are_used(lang, expected):
    with translation.override(lang):
        assert translation.gettext("Home") == expected


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_placeholders_survive_translation(lang):
    catalogue = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        for placeholder in ("%(name)s", "%(date)s", "%(n)s", "%(title)s", "%(codes)s"):
            if placeholder in entry.msgid:
                translated = entry.msgstr or entry.msgstr_plural[0]
                assert placeholder in translated, entry.msgid


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_rule_engine_templates_keep_their_named_fields(lang):
    """The engine's sentences are str.format templates: a lost {field} would break a page."""
    import re

    catalogue = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        fields = set(re.findall(r"{(\w+)}", entry.msgid))
        if fields:
            assert set(re.findall(r"{(\w+)}", entry.msgstr)) == fields, entry.msgid
