"""What a search query asks for, beyond its words: «quoted phrases», the speakers it names, and
where its terms occur in a shown text (for highlighting).

``parse_terms`` splits the query into loose words (each matched as a word prefix, in any of its
clitic-stripped forms: app.search) and phrases written between quotation marks (``"…"``,
``«…»``, ``“…”``), whose words must be whole words next to each other. ``speakers_named`` finds
the knowledge-base people a query names — by their English name or any Arabic spelling — so
that "Lavrov" and «لافروف» find the statements the press attributes to him however it spelled
him. ``match_spans`` gives the raw spans of a text that a query's terms match, for ``<mark>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.search import normalize_words, word_forms

# Index tokens a phrase's consecutive words may lie apart: the index text writes each word
# followed by its clitic-stripped forms (at most two more), so "حفظ السلام" stays within reach
PHRASE_GAP = 2

_PHRASE = re.compile(r'"([^"]*)"|«([^»]*)»|“([^”]*)”|”([^”]*)”')


@dataclass(frozen=True)
class SearchTerms:
    word_groups: tuple[tuple[str, ...], ...]  # per loose word, the forms any of which may match
    phrases: tuple[tuple[str, ...], ...]  # normalized words of each quoted phrase

    def __bool__(self) -> bool:
        return bool(self.word_groups or self.phrases)


@lru_cache(maxsize=1024)
def parse_terms(query: str) -> SearchTerms:
    """The loose words and quoted phrases of ``query`` (normalized as the index is)."""
    phrases: list[tuple[str, ...]] = []
    for match in _PHRASE.finditer(query or ""):
        words = tuple(normalize_words(next(g for g in match.groups() if g is not None)))
        if words and words not in phrases:
            phrases.append(words)
    rest = _PHRASE.sub(" ", query or "")
    words = dict.fromkeys(normalize_words(rest))
    return SearchTerms(tuple(word_forms(w) for w in words), tuple(phrases))


@lru_cache(maxsize=1)
def _people_index() -> dict[str, tuple[str, ...]]:
    """Normalized name → speaker slugs: every Arabic spelling and surname of each person in the
    knowledge base, their English name and English surname (lower-case)."""
    from app.extract.knowledge import load_knowledge

    index: dict[str, list[str]] = {}
    for person in load_knowledge().people.values():
        names = {*person.forms, *person.surnames, person.name_ar}
        if person.name_en:
            names.add(person.name_en)
            names.add(person.name_en.split()[-1])
        for name in names:
            key = " ".join(normalize_words(name))
            if len(key) >= 3:
                index.setdefault(key, []).append(person.slug)
    return {key: tuple(dict.fromkeys(slugs)) for key, slugs in index.items()}


@lru_cache(maxsize=1024)
def speakers_named(query: str) -> tuple[str, ...]:
    """Slugs of the people whose name (any spelling, or English) the whole query is, quotes
    and the Arabic article aside: ``Lavrov``, ``سيرغي لافروف``, «لافروف»."""
    key = " ".join(normalize_words(query or ""))
    if not key:
        return ()
    found = _people_index().get(key, ())
    if not found and key.startswith("ال"):
        found = _people_index().get(key[2:], ())
    return found


def _key_with_map(raw: str) -> tuple[str, list[int]]:
    """The text normalized as the index is, one key character per raw character kept, and
    ``kmap[i]`` = the raw index of key character ``i``."""
    from app.extract.textnorm import norm_char

    key: list[str] = []
    kmap: list[int] = []
    for index, ch in enumerate(raw):
        for out in norm_char(ch).lower():
            key.append(out)
            kmap.append(index)
    return "".join(key), kmap


_WORD = re.compile(r"[^\W_]+")


def match_spans(raw: str, terms: SearchTerms) -> list[tuple[int, int]]:
    """Raw ``(start, end)`` spans of ``raw`` that the terms match: a token whose forms start
    with a loose word's form, and runs of tokens that are a phrase's words in order (merged,
    sorted; empty when nothing matches)."""
    if not terms or not raw:
        return []
    key, kmap = _key_with_map(raw)
    tokens = [(m.start(), m.end(), word_forms(m.group())) for m in _WORD.finditer(key)]
    spans: list[tuple[int, int]] = []
    for start, end, forms in tokens:
        for group in terms.word_groups:
            if any(form.startswith(q) for form in forms for q in group):
                spans.append((start, end))
                break
    for phrase in terms.phrases:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if all(phrase[j] in tokens[i + j][2] for j in range(n)):
                spans.append((tokens[i][0], tokens[i + n - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [(kmap[a], kmap[b - 1] + 1) for a, b in merged]
