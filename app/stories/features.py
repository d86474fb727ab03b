"""What reports are compared on: normalized word stems, MinHash signatures and LSH band keys.

Words are normalized as the search key normalizes them (app/search.py: diacritics, alef, yeh,
teh marbuta, digits) and reduced to their most-stripped proclitic form (``والانسحاب`` →
``انسحاب``), so outlets that write the same words with another conjunction or article still
share them. Function words carry no content and are left out.

A signature is a datasketch ``MinHash`` over a set of tokens; its band keys (``b`` bands of
``r`` hash values each, chosen by datasketch's ``MinHashLSH`` for a Jaccard threshold) are
hashed to 63-bit integers, prefixed by what they index, and stored in ``story_band`` /
``article_band``: two sets sharing a band key are LSH candidates.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.minhash import _fmix  # the pre-mix of the affine schemes (see signatures)

from app.search import normalize_words
from app.stories.versions import words_key

CALENDAR = Path(__file__).resolve().parent.parent / "extract" / "data" / "calendar.json"
NUM_PERM = 64
SEED = 20261203
SUBJECT = "csto"  # organisations.json slug of the organisation every article is about
SCHEME = "affine32"  # datasketch 2's default; the stored band keys depend on it

# Arabic function words (normalized as app.search does): particles, prepositions, pronouns,
# demonstratives and reporting/discourse words that any two statements share.
FUNCTION_WORDS = frozenset(
    normalize_words(
        "في من الى إلى على عن مع ان أن إن انه أنه إنه انها أنها لا لم لن قد لقد ما هذا هذه ذلك "
        "تلك الذي التي الذين اللذين خلال بعد قبل عند منذ حول بين كما حيث او أو ثم كل كان كانت "
        "يكون تكون هو هي هم نحن انا أنا انت أنت لكن لكنه غير اي أي اذا إذا هناك هنا ايضا أيضا "
        "قال قالت يقول تقول اكد أكد اكدت أكدت اضاف أضاف اضافت أضافت وفق وفقا بحسب حسب اليوم امس "
        "أمس يوم عام سنه سنة الى لدى لدي عليه عليها فيه فيها منه منها به بها له لها لهم اليه "
        "عن ضد نحو دون حتى بل مثل جدا فقط بعض عده عدة"
    )
)


# Only the unambiguous proclitics are stripped: the article, with a conjunction and/or a
# preposition fused to it. A bare ب/ل/ك is left (كازاخستان starts with one), and a bare و/ف too
# (وزير, فلاديمير start with one): ``variants`` adds the form without it instead, so وروسيا and
# روسيا still share a word.
_ARTICLE = ("وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
_CONJUNCTION = ("و", "ف")
MIN_STEM = 2


def stem(word: str) -> str:
    """``والانسحاب`` → ``انسحاب``, ``فللمنظمة`` → ``منظمه`` (normalized); ``وزير`` stays."""
    for article in _ARTICLE:
        if word.startswith(article) and len(word) - len(article) >= MIN_STEM:
            return word[len(article) :]
    return word


def _is_function(word: str) -> bool:
    return word in FUNCTION_WORDS or (word.startswith(_CONJUNCTION) and word[1:] in FUNCTION_WORDS)


@lru_cache(maxsize=1 << 17)
def _content(word: str) -> str | None:
    """A normalized word's stem, or None for a function word (remembered: words repeat)."""
    base = stem(word)
    if _is_function(word) or _is_function(base) or (len(base) < 2 and not base.isdigit()):
        return None
    return base


def stems(text: str) -> list[str]:
    """The content words of ``text``, normalized and stripped of the article, in order."""
    return [base for word in normalize_words(text) if (base := _content(word)) is not None]


def variants(words: list[str]) -> frozenset[str]:
    """The words, and each without a leading و/ف (when 3 letters are left)."""
    out = set(words)
    out.update(w[1:] for w in words if w.startswith(_CONJUNCTION) and len(w) > 3)
    return frozenset(out)


def bigrams(words: list[str]) -> frozenset[str]:
    """Adjacent word pairs: what near-verbatim wording shares and a paraphrase does not."""
    return frozenset(f"{a} {b}" for a, b in itertools.pairwise(words))


def sample_words(words: Iterable[str], k: int) -> list[str]:
    """The ``k`` words of least hash (a bottom-k sketch): of two sets one of which contains
    most of the other, these share a word unless the containment is small — whichever is the
    longer — so a quote cut short still shares keys with the whole."""
    return heapq.nsmallest(k, set(words), key=_crc32)


def shingles(words: list[str], n: int = 3) -> frozenset[str]:
    """Word n-grams of a whole text (near-duplicate articles)."""
    if len(words) < n:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))


@lru_cache(maxsize=1)
def _permutations():
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(tokens: Iterable[str]) -> np.ndarray:
    """The MinHash hash values of a token set (shared permutations: comparable across runs)."""
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        permutations=_permutations(),
        scheme=SCHEME,
        hashfunc=zlib.crc32,  # stable across processes, and C: an article has ~800 shingles
    )
    minhash.update_batch([t.encode("utf-8") for t in tokens])
    return minhash.hashvalues


@lru_cache(maxsize=1 << 18)
def _crc32(token: str) -> int:
    return zlib.crc32(token.encode("utf-8"))


def signatures(token_sets: Iterable[Iterable[str]]) -> list[np.ndarray]:
    """``signature`` of each token set, computed together: the permutations are applied to all
    the sets' hashes in one array operation and each set's minimum taken by ``reduceat`` — the
    same values as one ``MinHash`` per set (a test pins it), at a fraction of the cost."""
    sets = [[_crc32(t) for t in tokens] for tokens in token_sets]
    empty = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    hashes = np.array([h for hs in sets for h in hs], dtype=np.uint32)
    out = [empty.hashvalues] * len(sets)  # an empty set's (never written to)
    if not len(hashes):
        return out
    a, b = _permutations()
    mixed = _fmix(hashes, 32).reshape(-1, 1)
    permuted = mixed * a + b  # uint32: wraps modulo 2^32, as datasketch's affine32 does
    sizes = np.array([len(ts) for ts in sets])
    filled = np.flatnonzero(sizes)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))[filled]
    for index, values in zip(filled, np.minimum.reduceat(permuted, starts, axis=0), strict=True):
        out[index] = values
    return out


@lru_cache(maxsize=8)
def bands_for(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) datasketch's LSH picks for this Jaccard threshold."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@lru_cache(maxsize=1 << 16)
def key63(*parts: object) -> int:
    """A stable 63-bit key (fits a signed BIGINT on PostgreSQL and SQLite alike)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it is a bijection modulo 2^64


@lru_cache(maxsize=4096)
def _seeds(prefix: str, bands: int) -> np.ndarray:
    """A 64-bit seed per band of an index (its prefix and the band's number)."""
    return np.array([key63(prefix, i) for i in range(bands)], dtype=np.uint64)


def band_keys(hashvalues: np.ndarray, threshold: float, prefix: str) -> list[int]:
    """One key per band: ``prefix`` scopes the index (e.g. statements, a day's happenings).
    The band's hash values are folded into its seed by multiply-xorshift steps (numpy, all
    bands at once; the same on every run), then kept to 63 bits."""
    b, r = bands_for(threshold)
    values = hashvalues[: b * r].astype(np.uint64).reshape(b, r)
    key = _seeds(prefix, b).copy()
    with np.errstate(over="ignore"):
        for column in range(r):
            key = (key ^ values[:, column]) * _MIX
            key ^= key >> np.uint64(29)
    return (key >> np.uint64(1)).tolist()


@dataclass(frozen=True)
class Words:
    """A report's comparable words: stems (as a set) and their bigrams."""

    stems: frozenset[str]
    bigrams: frozenset[str]
    size: int  # stems with repeats, for "a quote one outlet cuts short"

    @classmethod
    def of(cls, text: str) -> Words:
        found = stems(text)
        # the attribution's words (who spoke, with what title, by which verb) are shared by
        # every report of one speaker, whatever was said: compared on what was said
        said = [w for w in found if not _is_frame(w)] or found
        return cls(variants(said), bigrams(said), len(said))

    @cached_property
    def undated(self) -> frozenset[str]:
        return self.without_dates()

    def without_dates(self) -> frozenset[str]:
        """The words less digits and calendar words (a happening's date is compared apart)."""
        return frozenset(w for w in self.stems if not w.isdigit() and w not in calendar_words())


def _is_frame(word: str) -> bool:
    """An attribution's word, also with a conjunction fused to it (``وذكر``: else the verb of
    every "and he said" would be two shared words, ``وذكر`` and, by ``variants``, ``ذكر``)."""
    frame = frame_words()
    return word in frame or (word.startswith(_CONJUNCTION) and word[1:] in frame)


@lru_cache(maxsize=1)
def frame_words() -> frozenset[str]:
    """The words of an attribution, from the knowledge base (app/extract/data), as stems: the
    people's names and titles, the titles' words, the speech verbs, participles, nouns and
    complementizers, the countries' adjectives (a title's "Armenian") — less the countries'
    names, which are what a statement is about as often as who makes it."""
    data = CALENDAR.parent

    def load(name: str):
        return json.loads((data / f"{name}.json").read_text(encoding="utf-8"))

    phrases: list[str] = []
    for person in load("people")["people"]:
        phrases += [person.get("name_ar", ""), *person.get("variants_ar", [])]
        phrases += person.get("surnames_ar", [])
        for role in person.get("roles", []):
            phrases += [role.get("role_ar", ""), *role.get("titles_ar", [])]
    phrases += [t["ar"] for t in load("titles")["titles"]]
    speech = load("speech")
    for name in ("verbs", "present", "participles"):
        phrases += [w for forms in speech[name].values() for w in forms]
    for name in ("prepositions", "nouns", "complementizers", "transmission_verbs"):
        phrases += speech[name]
    # the organisation this corpus is about is named by nearly every report, whatever it says
    for organisation in load("organisations")["organisations"]:
        if organisation.get("slug") == SUBJECT:
            phrases += [organisation.get("name_ar", ""), *organisation.get("variants_ar", [])]
    countries = load("countries")["countries"]
    phrases += [a for c in countries for a in c.get("adjectives_ar", [])]
    names = {w for c in countries for n in c.get("names_ar", []) for w in stems(n)}
    return frozenset(w for phrase in phrases for w in stems(phrase)) - names


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Month, weekday and ordinal-day names (app/extract/data/calendar.json), as stems."""
    data = json.loads(CALENDAR.read_text(encoding="utf-8"))
    names = [
        name
        for table in ("months", "weekdays", "ordinal_days")
        for names in data.get(table, {}).values()
        for name in names
    ]
    return frozenset(stem(w) for name in names for w in normalize_words(name))


def wording_key(text: str) -> int:
    """The key of a report's wording as the story versions group it (``event.story_wording``):
    two reports have one key when their normalized words are the same (app/stories/versions.py)."""
    return key63("wording", words_key(text))


@lru_cache(maxsize=65536)
def words_of(text: str) -> Words:
    """``Words.of``, remembered: the reports of a popular story are compared again and again."""
    return Words.of(text)


def overlap(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    """(shared / the smaller set, shared): containment, so a quote cut short still matches."""
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0
