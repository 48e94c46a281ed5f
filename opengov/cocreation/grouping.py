"""Suggest groups of similar contributions and near-duplicates (CC6, CC7).

Runs on this machine with nothing downloaded: TF-IDF over words (French and English, accents
folded), reduced by LSA (truncated SVD), then k-means for groups of similar ideas and a
cosine-similarity pass for near-duplicates. Staff accept, rename, merge or ignore what it
suggests; it never changes a contribution by itself.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.cluster import MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

FRENCH_STOP_WORDS = set(  # as text: easier to read and extend
    """
a afin ai aie aient aies ait alors annee ans au aucun aucune aupres aussi autre autres
aux avec avoir avons ayant beaucoup bien c ca car ce ceci cela celle celles celui
cependant ces cet cette ceux chaque chez comme comment d dans de des deux doit donc dont
du elle elles en encore entre est et etc ete etre eu faire fait faudrait faut fois ici
il ils j jamais je jusqu l la le les leur leurs lors lui m ma mais me meme memes merci
mes moi mon n ne ni nos notre nous on ont or ou par parce pas peu peut plus pour
pourquoi pouvoir qu quand que quel quelle quelles quels qui quoi rien s sa sans se ses
seulement si sien soit son sont sous sur svp t ta te tes toi ton toujours tous tout
toute toutes tres trop tu un une unes uns vers voici voila vos votre voudrais vous y
""".split()
)
GENERIC_ENGLISH = {"year", "years", "time", "need", "needs", "make", "small", "build", "want",
                   "like", "just", "really", "people"}
# Nearly every open-government idea asks to publish or create something: not a topic.
GENERIC_OGP = {"publier", "publie", "publiee", "publies", "publiees", "publish", "published",
               "creer", "create", "mettre", "rendre", "make", "svp", "please"}
STOP_WORDS = sorted(FRENCH_STOP_WORDS | set(ENGLISH_STOP_WORDS) | GENERIC_ENGLISH | GENERIC_OGP)
DUPLICATE_SIMILARITY = 0.8
MIN_CLOSENESS = 0.35  # cosine to the group centre, below which an item stays ungrouped
WORD_PATTERN = r"(?u)\b[^\W\d_]{3,}\b"


@dataclass
class Suggestion:
    label: str
    members: list = field(default_factory=list)  # ids, most typical first
    keywords: list = field(default_factory=list)


@dataclass
class Grouping:
    groups: list[Suggestion]
    duplicates: list[tuple]  # (id, id, similarity)


def _group_count(n: int) -> int:
    # About √n + 4 groups: 16 for the demo's 156 inputs, 104 for 10,000, 200 at most.
    return max(2, min(200, round(math.sqrt(n)) + 4))


def suggest_groups(items: list[tuple], *, groups: int | None = None, seed: int = 0,
                   character_ngrams: bool = True) -> Grouping:
    """Group ``items`` — (id, text) pairs — by similarity; find near-duplicates."""
    items = [(key, text) for key, text in items if text and text.strip()]
    if len(items) < 4:
        return Grouping([], [])
    ids = [key for key, _ in items]
    texts = [_clean(text) for _, text in items]
    min_df = 2 if len(items) > 500 else 1
    # Words name the groups; character n-grams inside words also match "publier" with
    # "publication" and "marchés" with "marché", in French as in English (no stemmer needed).
    vectorizer = TfidfVectorizer(strip_accents="unicode", lowercase=True,
                                 token_pattern=WORD_PATTERN, stop_words=STOP_WORDS,
                                 min_df=min_df, max_df=0.5, sublinear_tf=True)
    chars = TfidfVectorizer(strip_accents="unicode", lowercase=True, analyzer="char_wb",
                            ngram_range=(4, 5), min_df=min_df, max_df=0.5, sublinear_tf=True,
                            max_features=50_000)
    try:
        words = vectorizer.fit_transform(texts)
        matrix = (sparse.hstack([words, chars.fit_transform(texts)]).tocsr()
                  if character_ngrams else words)
    except ValueError:  # no usable words (all too rare or too common)
        return Grouping([], [])
    terms = np.array(vectorizer.get_feature_names_out())
    dimensions = max(2, min(100, matrix.shape[1] - 1, len(items) - 1))
    svd = TruncatedSVD(n_components=dimensions, random_state=seed)
    reduced = normalize(svd.fit_transform(matrix))
    k = min(groups or _group_count(len(items)), len(items) - 1)
    kmeans = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3,
                             batch_size=min(4096, len(items)))
    labels = kmeans.fit_predict(reduced)
    centres = normalize(kmeans.cluster_centers_)
    suggestions = []
    for cluster in range(k):
        members = np.flatnonzero(labels == cluster)
        closeness = reduced[members] @ centres[cluster]
        members, closeness = members[closeness >= MIN_CLOSENESS], closeness[
            closeness >= MIN_CLOSENESS]
        if len(members) < 2:
            continue  # k-means puts everything somewhere; a loose bin is not a group
        order = members[np.argsort(-closeness)]
        weights = np.asarray(words[members].mean(axis=0)).ravel()
        keywords = [str(term) for term in terms[np.argsort(-weights)][:4]]
        # Name the group with the words as its members wrote them, accents included.
        spelled = _spellings([items[i][1] for i in members])
        keywords = [spelled.get(term, term) for term in keywords]
        suggestions.append(Suggestion(", ".join(keywords[:3]), [ids[i] for i in order],
                                      keywords))
    suggestions.sort(key=lambda s: -len(s.members))
    return Grouping(suggestions, _near_duplicates(ids, reduced))


def _near_duplicates(ids, vectors, threshold=DUPLICATE_SIMILARITY, chunk=2000):
    """Pairs of contributions saying nearly the same thing (cosine similarity ≥ threshold)."""
    pairs = []
    for start in range(0, len(ids), chunk):
        block = vectors[start:start + chunk] @ vectors.T
        rows, cols = np.nonzero(block >= threshold)
        for row, col in zip(rows, cols, strict=True):
            i = start + row
            if i < col:
                pairs.append((ids[i], ids[col], round(float(block[row, col]), 3)))
    return pairs


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def _spellings(texts) -> dict[str, str]:
    """Each folded, lower-case word → its most frequent spelling in ``texts``, lower-case
    with its accents ("donnees" → "données")."""
    counts = Counter(word.lower() for text in texts for word in re.findall(WORD_PATTERN, text))
    best = {}
    for word, _n in counts.most_common():
        best.setdefault(_fold(word), word)
    return best


def _clean(text: str) -> str:
    return re.sub(r"https?://\S+", " ", text)
