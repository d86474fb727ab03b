"""Linguistic resources (calendar words, reporting cues, titles, noise, stop words), loaded once.

Everything is stored in ``data/*.json`` in natural spelling and normalized here with the same
key function the matcher uses, so data stays readable and matching stays uniform.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.extract.textnorm import norm

DATA_DIR = Path(__file__).parent / "data"


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _alt(words) -> str:
    """A regex alternation of normalized phrases, longest first, spaces flexible."""
    uniq = sorted({norm(w) for w in words if norm(w)}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)


@dataclass(frozen=True)
class Title:
    words: tuple[str, ...]  # normalized
    category: str
    gender: str  # "m" | "f"
    needs_country: bool


@dataclass(frozen=True)
class Resources:
    months: dict[str, int]  # normalized month name -> 1..12
    weekdays: dict[str, int]  # normalized weekday (with ال) -> 0..6
    ordinals: dict[str, int]
    relative_days: dict[str, int]
    calendar: dict
    month_re: str
    weekday_re: str
    ordinal_re: str
    verbs: dict[str, str]  # normalized form -> gender
    present: dict[str, str]
    participles: dict[str, str]
    prepositions: tuple[tuple[str, ...], ...]
    speech_nouns: frozenset[str]
    complementizers: frozenset[str]
    transmission_verbs: frozenset[str]
    impersonal: tuple[tuple[str, ...], ...]
    titles: tuple[Title, ...]
    titles_by_first: dict[str, tuple[Title, ...]]
    compatible: dict[str, frozenset[str]]
    statement_nouns: frozenset[str]
    noise_line_res: tuple[re.Pattern, ...]
    source_prefixes: tuple[str, ...]
    stopwords: frozenset[str]
    cue_words: dict[str, tuple[str, str]]  # word (bare or with و/ف/ب) -> (kind, gender)
    prep_first: dict[str, tuple[tuple[str, ...], ...]]  # first word -> attribution phrases
    naming_words: frozenset[str] = frozenset()  # تحت شعار "…": a quoted name, not speech
    occasion_nouns: frozenset[str] = frozenset()  # قمة، مؤتمر، جلسة… (with و/ب/ل stripped)
    occasion_preps: frozenset[str] = frozenset()  # the word before one: خلال، هامش، أمام
    relative_markers: frozenset[str] = frozenset()  # الذي، التي…
    anaphoric_time_re: str = ""  # حينها، آنذاك، في ذلك الوقت
    institution_nouns: frozenset[str] = frozenset()  # لجنة، دائرة، شؤون: heads of a title's NP

    def title_categories(self, text: str) -> set[str]:
        """Categories of the title phrases in ``text`` (longest match, left to right; a bare
        رئيس/وزير that needs a country to mean anything is ignored)."""
        words = norm(text).split()
        cats: set[str] = set()
        i = 0
        while i < len(words):
            for t in self.titles_by_first.get(words[i], ()):  # longest first
                if tuple(words[i : i + len(t.words)]) == t.words:
                    if not t.needs_country:
                        cats.add(t.category)
                    i += len(t.words)
                    break
            else:
                i += 1
        return cats


@lru_cache(maxsize=1)
def load_resources() -> Resources:
    cal = _load("calendar.json")
    sp = _load("speech.json")
    ti = _load("titles.json")
    no = _load("noise.json")
    st = _load("stopwords.json")

    months = {norm(n): int(k) for k, names in cal["months"].items() for n in names}
    weekdays = {norm(n): int(k) for k, names in cal["weekdays"].items() for n in names}
    ordinals = {norm(n): int(k) for k, names in cal["ordinal_days"].items() for n in names}
    relative_days = {norm(n): int(k) for k, names in cal["relative_days"].items() for n in names}

    def gendered(d: dict) -> dict[str, str]:
        return {norm(f): g for g, forms in d.items() for f in forms}

    titles = tuple(
        Title(
            words=tuple(norm(t["ar"]).split()),
            category=t["category"],
            gender=t.get("gender", "m"),
            needs_country=bool(t.get("needs_country")),
        )
        for t in ti["titles"]
    )
    by_first: dict[str, list[Title]] = {}
    for t in titles:
        by_first.setdefault(t.words[0], []).append(t)
    titles_by_first = {
        k: tuple(sorted(v, key=lambda t: len(t.words), reverse=True)) for k, v in by_first.items()
    }
    verbs = gendered(sp["verbs"])
    present = gendered(sp["present"])
    participles = gendered(sp["participles"])
    cue_words: dict[str, tuple[str, str]] = {}
    for table, kind in ((participles, "participle"), (present, "verb"), (verbs, "verb")):
        for w, g in table.items():
            for pre in ("", "و", "ف"):
                cue_words[pre + w] = (kind, g)
    prepositions = tuple(tuple(norm(p).split()) for p in sp["prepositions"])
    prep_first: dict[str, list[tuple[str, ...]]] = {}
    for p in prepositions:
        for pre in ("", "و", "ف", "ب", "وب"):
            prep_first.setdefault(pre + p[0], []).append(p)
    return Resources(
        cue_words=cue_words,
        prep_first={k: tuple(sorted(v, key=len, reverse=True)) for k, v in prep_first.items()},
        months=months,
        weekdays=weekdays,
        ordinals=ordinals,
        relative_days=relative_days,
        calendar=cal,
        month_re=_alt(months),
        weekday_re=_alt(weekdays),
        ordinal_re=_alt(ordinals),
        verbs=gendered(sp["verbs"]),
        present=gendered(sp["present"]),
        participles=gendered(sp["participles"]),
        prepositions=tuple(tuple(norm(p).split()) for p in sp["prepositions"]),
        speech_nouns=frozenset(norm(n) for n in sp["nouns"]),
        complementizers=frozenset(norm(n) for n in sp["complementizers"]),
        transmission_verbs=frozenset(norm(n) for n in sp["transmission_verbs"]),
        impersonal=tuple(tuple(norm(p).split()) for p in sp["impersonal"]),
        titles=titles,
        titles_by_first=titles_by_first,
        compatible={k: frozenset(v) for k, v in ti["compatible"].items()},
        statement_nouns=frozenset(norm(n) for n in ti["statement_nouns"]),
        noise_line_res=tuple(re.compile(p) for p in no["line_patterns"]),
        source_prefixes=tuple(norm(p) for p in no["source_prefixes"]),
        stopwords=frozenset(norm(w) for w in st["words"]),
        naming_words=frozenset(norm(w) for w in sp.get("naming_words", ())),
        occasion_nouns=frozenset(norm(w) for w in sp.get("occasion_nouns", ())),
        occasion_preps=frozenset(norm(w) for w in sp.get("occasion_preps", ())),
        relative_markers=frozenset(norm(w) for w in sp.get("relative_markers", ())),
        anaphoric_time_re=_alt(sp.get("anaphoric_time", ())),
        institution_nouns=frozenset(norm(w) for w in ti.get("institution_nouns", ())),
    )
