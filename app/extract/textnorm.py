"""Normalization for matching: a key string plus a map from key offsets back to raw offsets.

This is the only module that imports camel_tools. The stored text is never altered: every
other stage matches patterns on ``NormText.key`` and converts the hit back to raw offsets
with ``NormText.raw_span``. camel-tools' normalizers change the text's length (they drop
diacritics and tatweel), so they are applied character by character, each raw character
giving zero or more key characters, and the results are cached per character.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.charmap import CharMapper
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

_ARCLEAN = CharMapper.builtin_mapper("arclean")

# Characters camel's maps keep that we still want folded for matching: Persian/Urdu letters
# left by arclean, typographic dashes and the Urdu full stop.
_EXTRA = {
    "\u06cc": "ي",  # Farsi yeh
    "\u06d2": "ي",  # yeh barree
    "\u06a9": "ك",  # keheh
    "\u06c1": "ه",  # heh goal
    "\u06be": "ه",  # heh doachashmee
    "\u06d5": "ه",  # ae
    "\u06c0": "ه",
    "\u06d4": ".",  # Urdu full stop
    "\u2013": "-",
    "\u2014": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\u061b": "؛",
}


@lru_cache(maxsize=4096)
def norm_char(ch: str) -> str:
    """The matching form of one raw character ('' when it vanishes)."""
    if ch in _EXTRA:
        return _EXTRA[ch]
    cat = unicodedata.category(ch)
    if cat == "Zs" or ch in "\t\r\n\u2028\u2029":
        return "\n" if ch in "\n\u2028\u2029" else " "
    if cat == "Cf" or (cat == "Mn" and not ("\u0600" <= ch <= "\u06ff")):
        return ""
    out = _ARCLEAN(ch)
    out = normalize_unicode(out)
    out = dediac_ar(out)
    out = normalize_alef_ar(out)
    out = normalize_alef_maksura_ar(out)
    out = normalize_teh_marbuta_ar(out)
    out = "".join(_EXTRA.get(c, c) for c in out)
    if out == "\u0640":  # tatweel
        return ""
    if len(out) > 1:  # presentation forms and ligatures: keep Arabic letters only
        out = "".join(c for c in out if not unicodedata.category(c).startswith("M"))
    return out


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The matching key of a short string (resource entries, names), spaces collapsed."""
    return " ".join("".join(norm_char(c) for c in text).split())


@dataclass(frozen=True)
class NormText:
    """A raw text, its matching key and ``kmap[i]`` = raw index of key character ``i``.

    ``tokens`` are camel-tools' word tokens of the whole key (key offsets), computed once.
    """

    raw: str
    key: str
    kmap: tuple[int, ...]
    tokens: tuple[tuple[int, int, str], ...] = ()
    _tok_starts: tuple[int, ...] = ()
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # per-article memo

    def tokens_in(self, k0: int, k1: int) -> list[tuple[int, int, str]]:
        """Tokens lying inside ``key[k0:k1]``."""
        i = bisect_left(self._tok_starts, k0)
        j = bisect_left(self._tok_starts, k1, i)
        tokens = self.tokens
        while j > i and tokens[j - 1][1] > k1:  # the last one may run past k1
            j -= 1
        return list(tokens[i:j])

    def raw_start(self, k: int) -> int:
        """Raw offset where key offset ``k`` begins."""
        if k >= len(self.kmap):
            return len(self.raw)
        return self.kmap[k]

    def raw_end(self, k_end: int) -> int:
        """Raw offset just after the key character before ``k_end``."""
        if k_end <= 0:
            return 0
        return self.kmap[k_end - 1] + 1

    def raw_span(self, k_start: int, k_end: int) -> tuple[int, int]:
        if k_end <= k_start:
            s = self.raw_start(k_start)
            return s, s
        return self.raw_start(k_start), self.raw_end(k_end)

    def key_offset(self, raw_index: int) -> int:
        """First key offset whose raw index is >= ``raw_index``."""
        return bisect_left(self.kmap, raw_index)


_TABLE: dict[int, str] = {}  # ord -> key form, filled as characters are met
_SPECIAL: set[str] = set()  # characters whose key form is not exactly one character


@lru_cache(maxsize=256)
def _special_re(chars: frozenset[str]) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def normalize_text(raw: str) -> NormText:
    """Build the matching key of a whole article with its offset map.

    The per-character forms are cached in a ``str.translate`` table; the offset map is the
    identity except around characters that vanish (diacritics, tatweel, zero-width) or grow.
    """
    present = set(raw)
    for ch in present:
        if ord(ch) not in _TABLE:
            out = norm_char(ch)
            _TABLE[ord(ch)] = out
            if len(out) != 1:
                _SPECIAL.add(ch)
    key = raw.translate(_TABLE)
    special = present & _SPECIAL
    if not special:
        kmap = tuple(range(len(raw)))
    else:
        km: list[int] = []
        prev = 0
        for m in _special_re(frozenset(special)).finditer(raw):
            s = m.start()
            km.extend(range(prev, s))
            km.extend([s] * len(_TABLE[ord(raw[s])]))
            prev = s + 1
        km.extend(range(prev, len(raw)))
        kmap = tuple(km)
    toks = tuple(word_tokens(key))
    return NormText(raw=raw, key=key, kmap=kmap, tokens=toks, _tok_starts=tuple(t[0] for t in toks))


_WS = re.compile(r"\S+")


@lru_cache(maxsize=65536)
def _split_word(word: str) -> tuple[tuple[int, str], ...]:
    """camel-tools' tokens of one whitespace-delimited word, with their offsets in it."""
    out = []
    pos = 0
    for tok in simple_word_tokenize(word):
        i = word.find(tok, pos)
        if i < 0:
            continue
        out.append((i, tok))
        pos = i + len(tok)
    return tuple(out)


def word_tokens(key: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """camel-tools' word tokens of ``key[start:end]`` with their key offsets.

    A whitespace-delimited word made only of letters and digits is one token for
    ``simple_word_tokenize`` too, so only words with punctuation or symbols are handed to it,
    once per distinct word (the output is the same; this keeps a 5 KB article at a few hundred
    microseconds).
    """
    end = len(key) if end is None else end
    out: list[tuple[int, int, str]] = []
    append = out.append
    for m in _WS.finditer(key, start, end):
        word = m.group()
        a = m.start()
        if word.isalnum():
            append((a, m.end(), word))
            continue
        for i, tok in _split_word(word):
            append((a + i, a + i + len(tok), tok))
    return out
