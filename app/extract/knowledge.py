"""The knowledge base (people, organisations, outlets, countries) and a clitic-aware phrase matcher.

The four KB files under ``data/`` are maintained by hand (see README); this module only
reads them, tolerating missing or partial files so that the extractor always runs. The web
and the store use ``load_knowledge()`` for display names.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import compress, count, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from app.extract.frozen import quick_init
from app.extract.textnorm import norm

DATA_DIR = Path(__file__).parent / "data"
_PHRASE_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")

# Proclitics a matched word may carry: conjunctions, prepositions and the article after لـ.
# Each pair is (prefix in the text, what it stands for before the phrase).
_CLITICS: tuple[tuple[str, str], ...] = (
    ("وبال", "ال"),
    ("فبال", "ال"),
    ("وكال", "ال"),
    ("ولل", "ال"),
    ("فلل", "ال"),
    ("بال", "ال"),
    ("كال", "ال"),
    ("لل", "ال"),
    ("وب", ""),
    ("ول", ""),
    ("وك", ""),
    ("فب", ""),
    ("فل", ""),
    ("و", ""),
    ("ف", ""),
    ("ب", ""),
    ("ل", ""),
    ("ك", ""),
)


# Letters the press uses interchangeably when transcribing names (on the normalized key,
# where camel's arclean has already made گ→ك، چ→ج، ژ→ز، پ→ب، ڤ→ف): g is غ/ج/ق/ك, and
# emphatic and plain consonants stand for one Russian or Turkic sound.
_PHONETIC = str.maketrans(
    {
        "غ": "ج",
        "ق": "ج",
        "ك": "ج",
        "ث": "س",
        "ص": "س",
        "ذ": "ز",
        "ظ": "ز",
        "ط": "ت",
        "ض": "د",
        "ئ": "ي",
        "ؤ": "و",
        "ء": None,
    }
)
_REPEATS = re.compile(r"(.)\1+")
_MEDIAL_VOWELS = re.compile("[اوي]")


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """A spelling-tolerant key of one normalized word, for names transcribed many ways:
    تاشييف/تاشيف، ماتفيينكو/ماتفينكو، غيراسيموف/جيراسيموف/قيراسيموف، كامتشيبيك/كامشيبيك.

    Folds the g-letters and emphatic consonants to one class, تش to ش, collapses repeated
    letters and, in words of five letters or more, drops the long vowels between the first
    and the last letter (the press inserts or omits them at will).
    """
    w = word.replace("تش", "ش").translate(_PHONETIC)
    w = _REPEATS.sub(r"\1", w)
    if len(w) >= 5:
        w = w[0] + _MEDIAL_VOWELS.sub("", w[1:-1]) + w[-1]
    return w


def _skeleton(word: str) -> str:
    """A word with the transcription letters folded (g-letters, emphatics, تش) and repeats
    collapsed, but its long vowels kept."""
    return _REPEATS.sub(r"\1", word.replace("تش", "ش").translate(_PHONETIC))


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def same_spelling(written: str, kb_form: str) -> bool:
    """Whether ``written`` (normalized) is a spelling of ``kb_form``: word by word, the same
    letters up to transcription classes, long vowels only added or left out (زخاروفا /
    زاخاروفا، تاشيف / تاشييف) — not changed for others (ساديروف is not سيدوروف), which would
    give the speaker a name the article does not write."""
    a, b = written.split(), norm(kb_form).split()
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        x, y = _skeleton(x), _skeleton(y)
        short, long = (x, y) if len(x) <= len(y) else (y, x)
        if not _subsequence(short, long) or any(ch not in "اوي" for ch in _remainder(short, long)):
            return False
    return True


def _remainder(short: str, long: str) -> str:
    """The letters of ``long`` left over when ``short`` is matched in it greedily."""
    out, i = [], 0
    for ch in long:
        if i < len(short) and short[i] == ch:
            i += 1
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Role:
    role_ar: str
    role_en: str
    start: date | None
    end: date | None
    titles_ar: tuple[str, ...]
    categories: frozenset[str]


@dataclass(frozen=True)
class Person:
    slug: str
    name_ar: str
    name_en: str | None
    country: str | None
    organisation: str | None
    wikidata: str | None
    forms: tuple[str, ...]  # every Arabic form, raw
    surnames: tuple[str, ...]
    roles: tuple[Role, ...]

    def roles_in(self, first: date, last: date) -> tuple[Role, ...]:
        """Roles held on at least one day from ``first`` to ``last``."""
        return tuple(
            r
            for r in self.roles
            if (r.start is None or r.start <= last) and (r.end is None or first <= r.end)
        )

    def roles_at(self, when: date | None) -> tuple[Role, ...]:
        if when is None:
            return self.roles
        return tuple(
            r
            for r in self.roles
            if (r.start is None or r.start <= when) and (r.end is None or when <= r.end)
        )


@dataclass(frozen=True)
class Organisation:
    slug: str
    name_ar: str
    name_en: str | None
    country: str | None
    kind: str | None
    speaker: bool
    wikidata: str | None
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Outlet:
    slug: str
    name_en: str
    kind: str | None
    country: str | None
    forms: tuple[str, ...]
    common_word: bool = False  # الخبر، الأخبار: an outlet only where a line holds nothing else
    domains: tuple[str, ...] = ()  # its sites: "sana.sy", "dw.com/ar" (host, optional path)
    # forms that are also common words (العالم، تشرين، نبأ): the outlet only as a labelled
    # segment of page furniture ('العالم - أوروبا', 'تشرين:'), never a bare line or a phrase
    common_forms: tuple[str, ...] = ()
    # the names its pages print under 'رئيس التحرير' in their header (its editors)
    masthead: tuple[str, ...] = ()


@dataclass(frozen=True)
class Country:
    iso2: str
    name_en: str
    name_ar: str
    csto_member: bool
    names_ar: tuple[str, ...]
    adjectives_ar: tuple[str, ...]
    capitals_ar: tuple[str, ...]
    non_country_phrases_ar: tuple[str, ...]


@quick_init
@dataclass(frozen=True)
class Match:
    """A KB phrase found in a key string (key offsets, clitic included in ``start``)."""

    start: int
    end: int
    phrase_start: int  # after the clitic
    payload: Any
    form: str


class PhraseMatcher:
    """Longest-match lookup of normalized multi-word phrases, allowing one proclitic.

    Phrases are indexed by their first word; a text word may carry a clitic (و، ف، ب، ل، ك،
    لل for ل+ال) and a phrase listed without ال also matches with it when ``allow_article``.
    """

    def __init__(self, allow_article: bool = True, key=None) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], Any, str]]] = {}
        self.allow_article = allow_article
        self.key = key  # a word's matching key (phonetic_key for the second-chance matcher)
        self._lookup: dict[str, tuple[tuple[tuple[str, ...], Any, str, int], ...]] = {}

    def add(self, phrase: str, payload: Any) -> None:
        # split punctuation off as the tokenizer does: "أ.ف.ب" → أ . ف . ب, "إيتار-تاس"
        words = tuple(_PHRASE_TOKEN.findall(norm(phrase)))
        words = tuple(w for w in words if w)
        if self.key is not None:
            words = tuple(self.key(w) for w in words)
        if not words:
            return
        self._lookup.clear()
        self._index.setdefault(words[0], []).append((words, payload, phrase))
        if self.allow_article and not words[0].startswith("ال") and len(words[0]) > 2:
            alt = ("ال" + words[0], *words[1:])
            self._index.setdefault(alt[0], []).append((alt, payload, phrase))

    def __bool__(self) -> bool:
        return bool(self._index)

    def _entries(self, word: str) -> list | tuple:
        """Phrases a text word can start, with the length of the clitic it carries, as a trie
        of their following words (:func:`_trie`; cached); ``()`` when none."""
        hit = self._lookup.get(word)
        if hit is not None:
            return hit
        readings = [(word, 0)]
        for pre, restore in _CLITICS:
            if word.startswith(pre) and len(word) - len(pre) >= 2:
                rest = word[len(pre) :]
                readings.append((rest, len(pre)))
                if restore:
                    readings.append((restore + rest, len(pre)))
        if self.key is not None:
            readings = [(self.key(f), c) for f, c in readings]
        out = []
        seen = set()
        for form, clen in readings:
            for words, payload, phrase in self._index.get(form, ()):
                if (words, phrase, clen) not in seen:
                    seen.add((words, phrase, clen))
                    out.append((words, payload, phrase, clen))
        hit = _trie(out) if out else ()
        if len(self._lookup) < 200_000:
            self._lookup[word] = hit
        return hit

    def find_all(self, tokens: list[tuple[int, int, str]]) -> list[Match]:
        """Non-overlapping longest matches over word tokens (key offsets).

        Left to right, a match taking its words: only words that can start a phrase are
        visited (picked in one pass at C speed), and from each the trie of its phrases is
        walked along the following words.
        """
        out: list[Match] = []
        get = self._lookup.get
        key = self.key
        n = len(tokens)
        # a word not yet looked up (get → True) is a candidate, and looked up below
        starts = compress(count(), map(get, map(itemgetter(2), tokens), repeat(True)))
        i = 0
        for c in starts:
            if c < i:
                continue  # inside the previous match
            i = c
            s0, _, w0 = tokens[i]
            node = get(w0)
            if node is None:
                node = self._entries(w0)
            if not node:
                i += 1
                continue
            best = None
            j = i
            while True:
                if node[0] is not None:
                    best = (j - i + 1, node[0])  # the longest phrase ending here so far
                j += 1
                if j >= n or not node[1]:
                    break
                node = node[1].get(tokens[j][2] if key is None else key(tokens[j][2]))
                if node is None:
                    break
            if best:
                k, (clen, payload, phrase) = best
                out.append(Match(s0, tokens[i + k - 1][1], s0 + clen, payload, phrase))
                i += k
            else:
                i += 1
        return out


def _trie(entries: list[tuple[tuple[str, ...], Any, str, int]]) -> list:
    """The phrases one text word starts as a trie over their following words: a node is
    ``[ending, {next word: node}]``, ``ending`` the ``(clitic length, payload, phrase)`` of the
    phrase ending there with the shortest clitic (the first listed on a tie), or None."""
    root: list = [None, {}]
    for words, payload, phrase, clen in entries:
        node = root
        for word in words[1:]:
            node = node[1].setdefault(word, [None, {}])
        if node[0] is None or clen < node[0][0]:
            node[0] = (clen, payload, phrase)
    return root


def _d(s: str | None) -> date | None:
    if not s:
        return None
    try:
        parts = [int(p) for p in str(s).split("-")]
        while len(parts) < 3:
            parts.append(1)
        return date(parts[0], parts[1], parts[2])
    except (ValueError, TypeError):
        return None


def _load_json(name: str, data_dir: Path = DATA_DIR) -> dict:
    path = data_dir / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


_EN_ROLE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\bprime minister\b|\bhead of the cabinet\b", "prime_minister"),
    (r"\bforeign (?:affairs|minister)\b|\bexternal affairs\b", "foreign_minister"),
    (r"\bminister of defen[cs]e\b|\bdefen[cs]e minister\b", "defence_minister"),
    (r"\bsecretary[- ]general\b", "secretary_general"),
    (r"\bchief of (?:the )?(?:joint |general )?staff\b", "chief_of_staff"),
    (r"\bspokes(?:man|woman|person)\b|\bpress secretary\b", "spokesperson"),
    (
        r"\b(?:chairman|chairwoman|speaker|president) of the "
        r"(?:state duma|federation council|senate|mazhilis|national assembly"
        r"|council of the republic"
        r"|parliament|house|jogorku kenesh|majlisi)",
        "parliament_speaker",
    ),
    (r"\bambassador\b|\bpermanent representative\b", "ambassador"),
    (r"\b(?:colonel|marshal|commander)\b|(?<!secretary )\bgeneral\b(?! staff)", "military"),
    (r"\bsecretary of the security council\b", "security_council_secretary"),
)


def _role_categories(
    role_ar: str,
    role_en: str,
    titles_ar: tuple[str, ...],
    title_index,
    category: str | None = None,
) -> frozenset[str]:
    """Role categories (title lexicon's vocabulary): the role's explicit ``category`` when the
    KB gives one, else guessed from the English role and the Arabic titles.

    The explicit field wins because the guess is unreliable: the one-word titles رئيس/الرئيس
    occur inside most titles (رئيس الدبلوماسية الروسية، رئيس مجلس الدوما) and made nearly
    every role a head of state.
    """
    cats: set[str] = set()
    if category:
        cats.add(category)
        if category in ("foreign_minister", "defence_minister"):
            cats.add("minister")  # a bare الوزير may refer to them
        return frozenset(cats)
    cats = set()
    en = (role_en or "").lower()
    for pattern, cat in _EN_ROLE_PATTERNS:
        if re.search(pattern, en):
            cats.add(cat)
    if re.match(r"(?:acting )?president of (?!the )", en):
        cats.add("head_of_state")
    if re.search(r"\bminister\b", en) and "prime_minister" not in cats:
        cats.add("minister")
    if re.search(r"\b(?:deputy|vice|first deputy)\b", en):
        return frozenset({"deputy"})
    for t in (role_ar, *titles_ar):
        cats |= title_index(t)
    if cats & {"foreign_minister", "defence_minister"}:
        cats.add("minister")
    return frozenset(cats)


@dataclass
class Knowledge:
    countries: dict[str, Country] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    outlets: dict[str, Outlet] = field(default_factory=dict)
    person_matcher: PhraseMatcher = field(default_factory=PhraseMatcher)
    # normalized surname -> every person with it (namesakes: سركيسيان، جاباروف، علييف)
    surname_owners: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # second chance: people's names by phonetic_key, only keys that name exactly one person
    person_fuzzy: PhraseMatcher = field(
        default_factory=lambda: PhraseMatcher(allow_article=False, key=phonetic_key)
    )
    common_words: frozenset[str] = frozenset()  # normalized words a fuzzy name never is
    # normalized first words of people's full names ('فيكتور'، 'سيرغي'): a given name that
    # opens the name of a person the knowledge base lacks
    given_names: frozenset[str] = frozenset()
    org_matcher: PhraseMatcher = field(default_factory=PhraseMatcher)
    outlet_matcher: PhraseMatcher = field(default_factory=PhraseMatcher)
    country_matcher: PhraseMatcher = field(default_factory=PhraseMatcher)

    def matches_in(self, nt, which: str, k0: int = 0, k1: int | None = None) -> list[Match]:
        """Matches of one matcher (person/org/outlet/country) inside ``key[k0:k1]``.

        Each matcher runs once per article over all its tokens; the result is memoized on
        the ``NormText``.
        """
        memo = nt.cache.get(which)
        if memo is None:
            matcher = getattr(self, f"{which}_matcher")
            ms = matcher.find_all(list(nt.tokens))
            if which == "person" and self.person_fuzzy:
                ms = self._with_fuzzy_people(nt, ms)
            memo = nt.cache[which] = (ms, [m.start for m in ms])
        ms, starts = memo
        k1 = len(nt.key) if k1 is None else k1
        i = bisect_left(starts, k0)
        j = bisect_left(starts, k1)
        return [m for m in ms[i:j] if m.end <= k1]

    def _with_fuzzy_people(self, nt, exact: list[Match]) -> list[Match]:
        """Add the phonetic matches of people's names (a spelling the KB does not list) that
        overlap no exact match. A common word (function words, cue verbs, titles, country and
        body names), a word with the article and a lone word under five letters never match."""
        common = self.common_words
        toks = [
            (a, b, "\0" if (w in common or w.startswith("ال") or not w.isalpha()) else w)
            for a, b, w in nt.tokens
        ]
        taken = [(m.start, m.end) for m in exact]
        extra = []
        for m in self.person_fuzzy.find_all(toks):
            if any(m.start < e and s < m.end for s, e in taken):
                continue
            word = nt.key[m.phrase_start : m.end]
            if " " not in word and (len(word) < 5 or word in common):
                continue
            if not same_spelling(word, m.form):
                continue  # another name with the same consonants: never substitute a person
            extra.append(m)
        if not extra:
            return exact
        return sorted(exact + extra, key=lambda m: m.start)

    def holders(
        self,
        categories: set[str],
        country: str | None,
        org: str | None,
        when: date | None,
        until: date | None = None,
    ):
        """People holding a role of one of ``categories`` at ``when`` — or at some day from
        ``when`` to ``until`` (a month or a year) — country/org filtered."""
        out = []
        for p in self.people.values():
            roles = p.roles_at(when) if until is None or until == when else p.roles_in(when, until)
            for r in roles:
                if not (r.categories & categories):
                    continue
                if country and p.country != country:
                    continue
                if org and p.organisation != org:
                    continue
                out.append(p)
                break
        return out


def _nisba_forms(adj: str) -> list[str]:
    """Inflections of a nisba adjective: روسي → روسية، روسيون، روسيين، روسيات (with/without ال)."""
    a = adj.strip()
    forms = {a}
    base = a[2:] if a.startswith("ال") else a
    if base.endswith("ي"):
        stem = base
        for suf in ("", "ة", "ون", "ين", "ات", "تين", "ان"):
            forms.add(stem + suf)
    elif base.endswith("ية"):
        stem = base[:-1]
        for suf in ("", "ة", "ون", "ين", "ات"):
            forms.add(stem + suf)
    return sorted(forms | {"ال" + f for f in forms if not f.startswith("ال")})


def load_knowledge(data_dir: str | Path | None = None) -> Knowledge:
    """The knowledge base: read once per folder (missing files give empty tables).

    ``data_dir`` defaults to ``app/extract/data``; tests may point it at a fixture folder.
    """
    return _load_knowledge(Path(data_dir) if data_dir else DATA_DIR)


@lru_cache(maxsize=8)
def _load_knowledge(data_dir: Path) -> Knowledge:
    from app.extract.resources import load_resources

    res = load_resources()
    kb = Knowledge()
    kb.country_matcher = PhraseMatcher(allow_article=True)

    for c in _load_json("countries.json", data_dir).get("countries", []):
        try:
            iso = c["iso2"].upper()
        except (KeyError, AttributeError):
            continue
        country = Country(
            iso2=iso,
            name_en=c.get("name_en") or iso,
            name_ar=c.get("name_ar") or "",
            csto_member=bool(c.get("csto_member")),
            names_ar=tuple(c.get("names_ar") or ()),
            adjectives_ar=tuple(c.get("adjectives_ar") or ()),
            capitals_ar=tuple(c.get("capitals_ar") or ()),
            non_country_phrases_ar=tuple(c.get("non_country_phrases_ar") or ()),
        )
        kb.countries[iso] = country
        for n in {country.name_ar, *country.names_ar}:
            if n:
                kb.country_matcher.add(n, ("name", iso))
        for a in country.adjectives_ar:
            for f in _nisba_forms(a):
                kb.country_matcher.add(f, ("adj", iso))
        for cap in country.capitals_ar:
            kb.country_matcher.add(cap, ("capital", iso))
        for p in country.non_country_phrases_ar:
            kb.country_matcher.add(p, ("none", None))

    for o in _load_json("organisations.json", data_dir).get("organisations", []):
        if not o.get("slug"):
            continue
        # in the file's order (a set's would change with the hash seed, and so would
        # which spelling the fuzzy index keeps)
        forms = tuple(
            f for f in dict.fromkeys((o.get("name_ar") or "", *(o.get("variants_ar") or ()))) if f
        )
        org = Organisation(
            slug=o["slug"],
            name_ar=o.get("name_ar") or (forms[0] if forms else o["slug"]),
            name_en=o.get("name_en"),
            country=(o.get("country") or None),
            kind=o.get("kind"),
            speaker=bool(o.get("speaker", True)),
            wikidata=o.get("wikidata"),
            forms=forms,
        )
        kb.organisations[org.slug] = org
        for f in forms:
            kb.org_matcher.add(f, org.slug)
            # ministries go without the word وزارة: وزارة الدفاع الروسية → الدفاع الروسية
            nf = norm(f).split()
            if len(nf) >= 3 and nf[0] == norm("وزارة"):
                kb.org_matcher.add(" ".join(nf[1:]), org.slug)

    for o in _load_json("outlets.json", data_dir).get("outlets", []):
        if not o.get("slug"):
            continue
        out = Outlet(
            slug=o["slug"],
            name_en=o.get("name_en") or o["slug"],
            kind=o.get("kind"),
            country=o.get("country"),
            forms=tuple(o.get("variants_ar") or ()),
            common_word=bool(o.get("common_word")),
            domains=tuple(o.get("domains") or ()),
            common_forms=tuple(o.get("common_variants_ar") or ()),
            masthead=tuple(o.get("masthead_ar") or ()),
        )
        kb.outlets[out.slug] = out
        for f in (*out.forms, *out.common_forms):
            kb.outlet_matcher.add(f, out.slug)

    for p in _load_json("people.json", data_dir).get("people", []):
        if not p.get("slug") or not p.get("name_ar"):
            continue
        roles = []
        for r in p.get("roles") or ():
            titles = tuple(r.get("titles_ar") or ())
            roles.append(
                Role(
                    role_ar=r.get("role_ar") or "",
                    role_en=r.get("role_en") or "",
                    start=_d(r.get("from")),
                    end=_d(r.get("to")),
                    titles_ar=titles,
                    categories=_role_categories(
                        r.get("role_ar") or "",
                        r.get("role_en") or "",
                        titles,
                        res.title_categories,
                        r.get("category") or None,
                    ),
                )
            )
        forms = tuple(f for f in dict.fromkeys((p["name_ar"], *(p.get("variants_ar") or ()))) if f)
        person = Person(
            slug=p["slug"],
            name_ar=p["name_ar"],
            name_en=p.get("name_en"),
            country=(p.get("country") or None),
            organisation=p.get("organisation") or None,
            wikidata=p.get("wikidata"),
            forms=forms,
            surnames=tuple(p.get("surnames_ar") or ()),
            roles=tuple(roles),
        )
        kb.people[person.slug] = person
        for f in forms:
            kb.person_matcher.add(f, ("full", person.slug))
        for s in person.surnames:
            kb.person_matcher.add(s, ("surname", person.slug))
            owners = kb.surname_owners.get(norm(s), ())
            if person.slug not in owners:
                kb.surname_owners[norm(s)] = (*owners, person.slug)
    _build_fuzzy_people(kb, res)
    return kb


def _build_fuzzy_people(kb: Knowledge, res) -> None:
    """The phonetic second-chance index: each full name and surname under its key, dropping
    keys that two people share and single words whose key is a common word's."""
    common = set(res.stopwords) | set(res.verbs) | set(res.present) | set(res.participles)
    common |= set(res.months) | set(res.weekdays) | set(res.titles_by_first)
    common |= set(res.speech_nouns) | set(res.complementizers) | set(res.statement_nouns)
    for matcher in (kb.country_matcher, kb.org_matcher, kb.outlet_matcher):
        for entries in matcher._index.values():
            for words, _payload, _phrase in entries:
                common.update(words)
    kb.common_words = frozenset(common)
    surnames = {norm(x) for p in kb.people.values() for x in p.surnames}
    kb.given_names = frozenset(
        w
        for p in kb.people.values()
        for f in p.forms
        if len(words := _PHRASE_TOKEN.findall(norm(f))) >= 2
        and (w := words[0]) not in common
        and w not in surnames
        and len(w) >= 3
    )
    common_keys = {phonetic_key(w) for w in common}
    owners: dict[tuple[str, ...], set[str]] = {}
    phrases: dict[tuple[str, ...], tuple[str, tuple[str, str]]] = {}
    for p in kb.people.values():
        for kind, forms in (("full", p.forms), ("surname", p.surnames)):
            for f in forms:
                words = tuple(_PHRASE_TOKEN.findall(norm(f)))
                k = tuple(phonetic_key(w) for w in words)
                if not k:
                    continue
                owners.setdefault(k, set()).add(p.slug)
                phrases.setdefault(k, (f, (kind, p.slug)))
    for k, slugs in owners.items():
        if len(slugs) != 1 or (len(k) == 1 and (k[0] in common_keys or len(k[0]) < 3)):
            continue
        f, payload = phrases[k]
        kb.person_fuzzy.add(f, payload)
