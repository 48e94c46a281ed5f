"""The interface exists in French, English and Spanish: every string translated."""

import re
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
    catalogue = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        fields = set(re.findall(r"{(\w+)}", entry.msgid))
        if fields:
            assert set(re.findall(r"{(\w+)}", entry.msgstr)) == fields, entry.msgid


# Words spelt the same in English and in the language (and names that are not translated):
# any other entry whose translation equals its English text was left untranslated.
SAME_AS_ENGLISH = {
    "fr": {
        "contributions", "Abusive", "moment", "participants", "format", "description",
        "organisation", "contribution", "Contributions", "Contribution %(reference)s", "Date",
        "Plan", "document", "forum", "forums", "public", "organisations", "1. Introduction",
        "causes", "Expertise", "Version %(n)s", "Introduction", "introduction", "notes",
        "Marginal", "Creative Commons Attribution 4.0", "Licence Ouverte / Open Licence 2.0",
        "Open Government Licence 3.0", "date", "licence", "documents", "version", "Document",
        "Licence", "Documents", "Type", "Menu", "Forum", "API", "page", "pages", "Version",
        "Format", "local", "Pages", "version %(n)s", "Inclusion", "Public", "Moment",
        "Contribution", "Contributions · %(title)s", "Versions", "Action", "Identification",
        "Solution", "Organisation", "Actions", "Notes", "Code", "Places", "places", "E-mail"},
    "es": {
        "Spam", "Sector", "Plan", "Academia", "Marginal", "Licence Ouverte / Open Licence 2.0",
        "Open Government Licence 3.0", "API", "%(label)s: %(error)s", "local", "no", "No"},
}


PLACEHOLDER, WORD = re.compile(r"%\(\w+\)s"), re.compile(r"[^\W\d_]{2}")


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_no_string_is_left_in_english(lang):
    catalogue = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    same = {e.msgid for e in catalogue if not e.obsolete and not e.msgid_plural
            and e.msgstr == e.msgid and WORD.search(PLACEHOLDER.sub("", e.msgid))}
    assert same - SAME_AS_ENGLISH[lang] == set()
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags and not e.obsolete]
    assert fuzzy == []
