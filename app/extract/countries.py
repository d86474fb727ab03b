"""Country mentions: names, nisba adjectives (all genders and numbers) and capitals as metonyms.

A country word is no mention of the country when it is part of a longer non-country phrase
listed in the KB (آسيا الوسطى، روسيا البيضاء is Belarus), part of an outlet's name
(روسيا اليوم), or inside a quoted name that is not speech (قناة "روسيا- 24"), or right after a
word naming a medium (قناة روسيا 24).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.extract.frozen import quick_init
from app.extract.knowledge import Knowledge
from app.extract.quotes import Quote
from app.extract.textnorm import NormText, norm

_MEDIA_NOUNS = frozenset(
    norm(w)
    for w in (
        "قناة",
        "القناة",
        "صحيفة",
        "الصحيفة",
        "جريدة",
        "مجلة",
        "إذاعة",
        "تلفزيون",
        "التلفزيون",
        "شبكة",
        "موقع",
        "برنامج",
    )
)


@quick_init
@dataclass(frozen=True)
class CountryMention:
    start: int  # raw offsets
    end: int
    iso2: str
    how: str  # name | adj | capital


def find_countries(
    nt: NormText, kb: Knowledge, quotes: tuple[Quote, ...], blocked: list[tuple[int, int]]
) -> tuple[CountryMention, ...]:
    """Every country mention in the article; ``blocked`` are raw spans (outlet names, datelines)."""
    name_quotes = [(q.start, q.end) for q in quotes if not q.speech]
    out: list[CountryMention] = []
    outlet_spans = [nt.raw_span(m.start, m.end) for m in kb.matches_in(nt, "outlet")]
    for m in kb.matches_in(nt, "country"):
        kind, iso = m.payload
        if kind == "none" or not iso:
            continue
        ra, rb = nt.raw_span(m.start, m.end)
        if any(a <= ra and rb <= b for a, b in outlet_spans + blocked):
            continue
        inside_name = next(((a, b) for a, b in name_quotes if a <= ra and rb <= b), None)
        if inside_name is not None:
            qa, qb = inside_name
            if nt.raw_span(m.start, m.end) != (qa, qb) or _after_medium(nt, qa):
                continue
        if _after_medium(nt, ra):
            continue
        out.append(CountryMention(ra, rb, iso, kind))
    return tuple(out)


def _after_medium(nt: NormText, raw_pos: int) -> bool:
    """Is the word before ``raw_pos`` (ignoring a quote mark or a clitic ل) a medium noun?"""
    k = nt.key_offset(raw_pos)
    prev = [t for t in nt.tokens_in(max(0, k - 40), k) if t[2] not in ('"', "-")]
    if not prev:
        return False
    w = prev[-1][2]
    return w in _MEDIA_NOUNS or (len(w) > 2 and w[0] in "لبو" and w[1:] in _MEDIA_NOUNS)


def countries_between(
    mentions: tuple[CountryMention, ...], start: int, end: int
) -> tuple[str, ...]:
    return tuple(sorted({m.iso2 for m in mentions if start <= m.start and m.end <= end}))
