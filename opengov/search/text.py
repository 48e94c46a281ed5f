"""Words to search terms: lower case, French and English stems, accents folded.

The same function reads documents and queries, on SQLite and PostgreSQL alike, so search
behaves the same on both: "marchés publics" finds "marché public", "publishing" finds
"published", "education" finds "éducation".
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

STEMMERS = [snowballstemmer.stemmer("french"), snowballstemmer.stemmer("english")]
WORD = re.compile(r"[^\W_]+", re.UNICODE)
STOP = {"le", "la", "les", "de", "des", "du", "un", "une", "et", "en", "au", "aux", "pour",
        "par", "sur", "the", "of", "and", "to", "in", "for", "on", "a", "an", "is", "el", "los",
        "las", "y", "que", "d", "l"}


# Every combining mark of the Basic Multilingual Plane, removed in one regex pass: folding
# runs over whole documents at search time, so it must not loop in Python per character.
COMBINING = re.compile("[" + "".join(
    re.escape(chr(code)) for code in range(0x300, 0x10000)
    if unicodedata.combining(chr(code))) + "]+")


def fold(text: str) -> str:
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return COMBINING.sub("", unicodedata.normalize("NFKD", lowered))


def words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOP and len(w) > 1]


@lru_cache(maxsize=200_000)
def stems(word: str) -> frozenset[str]:
    """Every form a word is indexed under: itself and its French and English stems.

    A site's vocabulary is small, so stems are computed once per word and kept."""
    forms = {fold(word)}
    for stemmer in STEMMERS:
        forms.add(fold(stemmer.stemWord(word)))
    return frozenset(forms)


LONG_WORD = re.compile(r"[^\W_]{2,}", re.UNICODE)  # WORD, one letter or digit excepted


def terms(text: str) -> set[str]:
    words = set(LONG_WORD.findall(text.lower()))  # each word once: documents repeat a lot
    words -= STOP
    return set().union(*map(stems, words))  # a loop in C: a rebuild stems 4 million words
