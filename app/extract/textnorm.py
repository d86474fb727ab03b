"""Normalization for matching: a key string plus a map from key offsets back to raw offsets.

This is the only module that imports camel_tools. The stored text is never altered: every
other stage matches patterns on ``NormText.key`` and converts the hit back to raw offsets
with ``NormText.raw_span``. camel-tools' normalizers change the text's length (they drop
diacritics and tatweel), so they are applied character by character, each raw character
giving zero or more key characters, and the results are cached per character.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
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


def norm(text: str) -> str:
    """The matching key of a short string (resource entries, names), spaces collapsed."""
    return " ".join("".join(norm_char(c) for c in text).split())


@dataclass(frozen=True)
class NormText:
    """A raw text, its matching key and ``kmap[i]`` = raw index of key character ``i``."""

    raw: str
    key: str
    kmap: tuple[int, ...]

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
        lo, hi = 0, len(self.kmap)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.kmap[mid] < raw_index:
                lo = mid + 1
            else:
                hi = mid
        return lo


def normalize_text(raw: str) -> NormText:
    """Build the matching key of a whole article with its offset map."""
    parts: list[str] = []
    kmap: list[int] = []
    for i, ch in enumerate(raw):
        out = norm_char(ch)
        if out:
            parts.append(out)
            kmap.extend([i] * len(out))
    return NormText(raw=raw, key="".join(parts), kmap=tuple(kmap))


def word_tokens(key: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """camel-tools' word tokens of ``key[start:end]`` with their key offsets."""
    end = len(key) if end is None else end
    chunk = key[start:end]
    out: list[tuple[int, int, str]] = []
    pos = 0
    for tok in simple_word_tokenize(chunk):
        i = chunk.find(tok, pos)
        if i < 0:
            continue
        out.append((start + i, start + i + len(tok), tok))
        pos = i + len(tok)
    return out
