"""Mentions of speakers in a sentence's tokens: names, titles, bodies, and reporting cues.

* knowledge-base people (full name or surname) and organisations (with a clitic, and
  ministries without the word وزارة: وقالت الدفاع الروسية);
* a title followed by a name, known or not (وزير الخارجية القرغيزي جينبيك كولوبايف): the
  title's grammar runs through nisba adjectives, countries, bodies, definite words, construct
  nouns and complements, and the name begins where it ends (or after an apposition comma);
* a title alone (a role reference: المسؤول، الوزير الروسي), statement nouns (البيان);
* cues: reporting verbs (with و/ف, masculine or feminine), participles (مضيفاً), attribution
  phrases (وبحسب X).

The entities mentions stand for are made by the discourse (``discourse.py``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.extract.discourse import Cue, Discourse, Entity, Mention, _strip_conj
from app.extract.knowledge import Knowledge, Match
from app.extract.model import SpeakerRef
from app.extract.resources import Title, _load
from app.extract.textnorm import NormText, norm

_RELATIVE_SAY = frozenset(
    norm(w)
    for w in (
        "ما",
        "قاله",
        "قالته",
        "ذكره",
        "ذكرته",
        "أعلنه",
        "أعلنته",
        "صرح",
        "صرحت",
        "به",
        "أكده",
    )
)
_NISBA_F = norm("ية")
_ON_ITS_BEHALF = frozenset(norm(w) for w in ("باسمه", "باسمها", "باسمهم"))
_DEPUTIES = frozenset(norm(w) for w in ("نائب", "مساعد", "نائبة", "مساعدة"))
_FIRST = frozenset(norm(w) for w in ("الأول", "الأولى", "أول"))
_BIHI = frozenset(norm(w) for w in ("به", "بها"))
_ORG_WORDS = frozenset(norm(w) for w in ("المنظمة", "للمنظمة", "المنظمه", "منظمة"))
# nouns of a body whose name may follow in quotes: حركة "طالبان"
_BODY_WORDS = frozenset(
    norm(w) for w in ("حركة", "لحركة", "حزب", "لحزب", "جماعة", "لجماعة", "جبهة", "لجبهة",
                      "تنظيم", "لتنظيم", "منظمة", "لمنظمة", "تحالف", "لتحالف")
)  # fmt: skip


@lru_cache(maxsize=1)
def _institutions() -> dict[str, tuple[tuple[tuple[str, ...], str, str, str], ...]]:
    """Heads of bodies, media and groups that speak as written, by first word (longest
    first): (words, English head, gender, body | medium | group)."""
    out: dict[str, list[tuple[tuple[str, ...], str, str, str]]] = {}
    for e in _load("titles.json").get("institution_speakers", ()):
        words = tuple(norm(e["ar"]).split())
        kind = "group" if e.get("group") else "medium" if e.get("medium") else "body"
        if words:
            out.setdefault(words[0], []).append(
                (words, e.get("en", ""), e.get("gender", "f"), kind)
            )
    return {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in out.items()}


# a verbal noun of the تفعيل/تفاعل patterns (تنظيم، تعزيز، تعاون) or a word ending in teh
# marbuta (مواصلة) opens a noun phrase, never a personal name the knowledge base lacks
_MASDAR = re.compile(r"^ت[^اوي](?:[^اوي]ي|ا[^اوي])[^اوي]$")


# heads of a body that speak in construct with a country ('سفارة الصين'، 'حكومة قرغيزستان')
_CONSTRUCT_HEADS = frozenset(norm(w) for w in ("سفارة", "قنصلية", "حكومة", "رئاسة", "بعثة", "لجنة"))


@lru_cache(maxsize=1)
def _content_nouns() -> frozenset[str]:
    """Nouns that open what was said ('أكد عدم وجود …'، 'أكدت مقتل …'): never a name."""
    return frozenset(norm(w) for w in _load("speech.json").get("content_nouns", ()))


def _pronoun_suffixed(word: str) -> bool:
    """A word carrying a possessive pronoun ('مقرها'، 'رئيسهم'): a noun, never a name part."""
    return len(word) > 5 and word.endswith(("ها", "هم", "هما"))


def addressee(word: str) -> bool:
    """Whom a speaker addresses ('للصحفيين'، 'للأمريكيين'): never part of a title or a name —
    the listed words and a ل + article plural nisba of people (…يين)."""
    return word in _ADDRESSEES or (word.startswith("لل") and word.endswith("يين") and len(word) > 6)


# endings of transliterated surnames (Slavic, Armenian, Georgian, Persian and Turkic):
# 'فاسيلييف'، 'سيرديوكوف'، 'بوشيلين' is not one, 'ميرزويان'، 'زاده'، 'أوغلو'
_SURNAME_ENDINGS = tuple(
    norm(w)
    for w in ("وف", "يف", "وفا", "يفا", "ينكو", "يان", "سكي", "سكايا", "فيتش", "زاده",
              "شفيلي", "أوغلو", "باييف", "ييفا", "وفيتش")
)  # fmt: skip
_FEMININE_SURNAME_ENDINGS = tuple(norm(w) for w in ("وفا", "يفا", "سكايا", "ييفا"))
# what may close an untitled name after a verb: an occasion or a place ('خلال مؤتمر'، 'في')
_NAME_CLOSERS = frozenset(norm(w) for w in ("خلال", "في", "أثناء", "عبر", "أمام", "اليوم", "أمس"))
# 'وقال X لوكالة …'، 'لقناة …': the medium addressed
_NAME_CLOSER_NOUNS = frozenset(
    norm(w) for w in ("وكالة", "قناة", "صحيفة", "موقع", "إذاعة", "التلفزيون", "الصحفيين")
)


def _surname_like(word: str) -> bool:
    return word == norm("زاده") or (len(word) >= 5 and word.endswith(_SURNAME_ENDINGS))


def _not_a_name(word: str, raw: str) -> bool:
    """``word`` (normalized) / ``raw`` (as written) cannot open a personal name."""
    w = _strip_conj(word)
    return bool(_MASDAR.match(w)) or (raw.endswith("ة") and len(w) > 3)


# name parts written with the article: عبد الله، جمال الدين (also Russified: الدينوف)
_NAME_ARTICLE_PARTS = tuple(norm(w) for w in ("الدين", "الله", "الرحمن"))


# reporting verbs that, undiacritized, are more often another word (بيّن / بين 'between')
AMBIGUOUS_CUES = frozenset(norm(w) for w in ("بين", "وبين", "فبين", "زاد", "وزاد"))
# whom a speaker addresses, never part of the speaker's title ('قال قائد التدريبات للصحفيين')
_ADDRESSEES = frozenset(
    norm(w) for w in ("للصحفيين", "للصحافيين", "للصحافة", "للإعلام", "لوسائل", "لوكالة",
                      "لقناة", "لصحيفة", "لموقع", "للتلفزيون", "لإذاعة", "للمراسلين")
)  # fmt: skip
_GENERAL = frozenset(norm(w) for w in ("العام", "العامة"))
# what a group's name may go on with: its membership ('الدول الأعضاء'، 'القادة المشاركون')
_MEMBERSHIP = frozenset(
    norm(w) for w in ("الأعضاء", "أعضاء", "المشاركون", "المشاركين", "المشاركة", "الأعضاء،")
)
_FI = norm("في")
_GROUP_BODIES = frozenset(norm(w) for w in ("المنظمة", "الحلف", "الاتحاد", "المجموعة", "الرابطة"))


# verbs that take their object as a pronoun before what is said ('واتهمها بأنها …')
# ('وأبلغهم الوزير أن …': the addressee as a pronoun, then the subject)
_OBJECT_VERBS = frozenset(
    norm(w)
    for w in ("اتهم", "اتهمت", "واتهم", "واتهمت", "أبلغ", "أبلغت", "وأبلغ", "وأبلغت", "أخبر",
              "أخبرت", "وأخبر", "وأخبرت")
)  # fmt: skip
# each such verb with each object pronoun → the verb (no word ends in two of the pronouns)
_WITH_OBJECT = {v + suf: v for v in _OBJECT_VERBS for suf in ("هما", "هم", "ها", "ه")}


def object_verb(res, w: str) -> tuple[str, str] | None:
    """An accusation or a telling verb with its object pronoun (اتهمها، أبلغهم): a cue."""
    verb = _WITH_OBJECT.get(w)
    return None if verb is None else res.cue_words.get(verb)


def _suffixed_verb(res, w: str) -> tuple[str, str] | None:
    """A reporting verb carrying an object pronoun (أعلنته، ذكرته، قالها)."""
    for suf in ("ته", "ها", "ه"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: -len(suf)]
            for form in (base, base + "ت"):
                hit = res.cue_words.get(form)
                if hit is not None and hit[0] == "verb":
                    return hit
    return None


def _matches_by_start(kb: Knowledge, nt: NormText, which: str) -> dict[int, Match]:
    """Key offset → the match of one matcher starting there (matches never overlap), once
    per article."""
    memo = nt.cache.get(("by_start", which))
    if memo is None:
        memo = nt.cache[("by_start", which)] = {m.start: m for m in kb.matches_in(nt, which)}
    return memo


class MentionReader:
    """Reads mentions and cues from a sentence's tokens; entities come from ``Discourse``."""

    def __init__(self, d: Discourse) -> None:
        self.d = d
        self.nt, self.kb, self.res = d.nt, d.kb, d.res
        self._static_inert: dict[str, bool] = {}
        self._heads: tuple[int, frozenset[str]] = (-1, frozenset())

    def _inert(self, word: str) -> bool:
        """No mention can start at this word unless a KB match or a country starts there: it
        opens no institution head (listed, or one the article named before), surname the
        article wrote, title, deputy or statement noun (``mentions`` skips it)."""
        static = self._static_inert.get(word)
        w = _strip_conj(word)
        if static is None:
            res, table = self.res, _institutions()
            static = self._static_inert[word] = not (
                word in table
                or w in table
                or w in _CONSTRUCT_HEADS  # a head in construct: 'سفارة الصين'
                or word in res.titles_by_first
                or w in res.titles_by_first
                or w in _DEPUTIES
                or word in res.statement_nouns
                or w in res.statement_nouns
            )
        if not static or w in self.d.surnames:
            return False
        seen, heads = self._heads
        if seen != len(self.d.institutions):  # bodies are only ever added
            heads = frozenset(h.split()[0] for h in self.d.institutions if len(h.split()) > 1)
            self._heads = (len(self.d.institutions), heads)
        return w not in heads

    # ---- title-only speakers ----------------------------------------------------------------
    _BOUNDARY = frozenset(norm(w) for w in ("،", ",", ":", '"', "قوله", "قولها", "اليوم", "أمس"))

    def title_entity(self, toks, j: int, m: Mention | None) -> Entity | None:
        """A speaker named only by a title ('المتحدث باسم حرس الحدود القرغيزي'، 'رئيس دائرة
        مكافحة المخدرات في وزارة الداخلية القرغيزية'): the title with its complement as written,
        up to a comma, a complementizer, a reporting cue or a time word; the same complement
        later ('ممثل حرس الحدود') is the same speaker."""
        t, k = self.title_at(toks, j)
        if t is None:
            return None
        res = self.res
        end = k
        while end < len(toks) and end - j < 12:
            w = toks[end][2]
            if (
                w in self._BOUNDARY
                or addressee(w)
                or w in _content_nouns()
                or (w in res.stopwords and w not in self._COMPLEMENT_PREPS)
                or w in res.complementizers
                or w in res.cue_words
                or w in res.weekdays
                or w in res.relative_days
                or not (w.isalpha() or w == "-")
            ):
                break
            end += 1
        while end - 1 > j and toks[end - 1][2] in self._COMPLEMENT_PREPS:
            end -= 1  # 'رئيس المنظمة في اجتماع …': the occasion is no complement of the title
        nt = self.nt
        title_raw = nt.raw[nt.raw_start(toks[j][0]) : nt.raw_end(toks[end - 1][1])].strip(' "-')
        comp = [
            _strip_conj(w[2])
            for w in toks[k:end]
            if w[2] not in res.stopwords and w[2] not in ("باسم", "في", "ل")
        ]
        if not comp and m is None:
            return None
        for words, ent in reversed(self.d.title_entities):
            if comp and set(comp[:2]) <= words:
                return ent
        country = m.country if m is not None else None
        if country is None:
            ms = self.kb.matches_in(nt, "country", toks[j][0], toks[end - 1][1])
            country = next((x.payload[1] for x in ms if x.payload[0] != "none"), None)
        cats = set(m.categories) if m is not None else {t.category}
        ref = SpeakerRef(name_ar=title_raw, role_ar=title_raw, country=country, kind="person")
        ent = Entity(f"t:{norm(title_raw)}", ref, frozenset(cats | {t.category}), t.gender)
        self.d.title_entities.append((frozenset(comp), ent))
        return ent

    # ---- anonymous speakers ------------------------------------------------------------------
    _ANON = frozenset(
        norm(w) for w in ("دبلوماسي", "مصدر", "مسؤول", "مسئول", "مصادر", "دبلوماسيون",
                          "دبلوماسيين", "مسؤولون", "مسؤولين", "مسؤولو", "مسئولو", "خبير",
                          "محلل", "ضابط", "مراسل")
    )  # fmt: skip
    _PLURAL = frozenset(
        norm(w)
        for w in ("مصادر", "دبلوماسيون", "دبلوماسيين", "مسؤولون", "مسؤولين", "مسؤولو", "مسئولو")
    )
    _ANON_STOP = frozenset(
        norm(w) for w in ("طلب", "طلبت", "رفض", "رفضت", "فضل", "فضلت", "اشترط", "اشترطت",
                          "مطلع", "مطلعة", "بارز", "رفيع")
    )  # fmt: skip

    def anonymous_entity(self, toks, j: int) -> Entity | None:
        """'قال دبلوماسي قرغيزي'، 'وقال مصدر في وزارة الخارجية الكازاخستانية لـ…': an
        unnamed speaker (an indefinite noun) is the noun phrase as written, up to a comma, a
        complementizer, a cue, a time word, a 'لـ' addressee or a relative verb ('طلب عدم
        ذكر اسمه')."""
        if j >= len(toks) or _strip_conj(toks[j][2]) not in self._ANON:
            return None
        res = self.res
        end = j + 1
        while end < len(toks) and end - j < 8:
            w = toks[end][2]
            if (
                w in self._BOUNDARY
                or w in res.complementizers
                or w in res.cue_words
                or w in res.weekdays
                or w in res.relative_days
                or w in self._ANON_STOP
                or (w.startswith("ل") and not w.startswith("لا"))
                or not w.isalpha()
            ):
                break
            # a nisba ('قرغيزي'), a definite word or a word after a preposition; not the
            # object of a verb the phrase is the subject of ('أبدى دبلوماسي قرغيزي تحفظه')
            after_prep = toks[end - 1][2] in ("في", "من", "ب")
            nisba = w.endswith("ي") or (w.endswith(_NISBA_F) and len(w) > 4)  # قرغيزي، دبلوماسية
            if not (w.startswith("ال") or nisba or w in ("في", "من", "ب") or after_prep):
                break
            end += 1
        while end - 1 > j and toks[end - 1][2] in ("في", "من", "ب", "و"):
            end -= 1
        nt = self.nt
        phrase = nt.raw[nt.raw_start(toks[j][0]) : nt.raw_end(toks[end - 1][1])].strip(' "-')
        if phrase[:1] in ("و", "ف") and norm(phrase[1:].split()[0]) in self._ANON:
            phrase = phrase[1:]
        ms = self.kb.matches_in(nt, "country", toks[j][0], toks[end - 1][1])
        country = next((x.payload[1] for x in ms if x.payload[0] != "none"), None)
        ref = SpeakerRef(name_ar=phrase, role_ar=phrase, country=country, kind="person")
        cats = {"anonymous"} | ({"plural"} if _strip_conj(toks[j][2]) in self._PLURAL else set())
        return Entity(f"a:{norm(phrase)}", ref, frozenset(cats), "m")

    def untitled_person(self, toks, j: int, gender: str | None) -> Entity | None:
        """A person the knowledge base lacks, named with no title right after a reporting
        verb ('وقال فاسيلييف: …'، 'وقال حبيب الله واحد زاده خلال مؤتمر صحفي إن …'): up to
        four name words, closed by a colon, a comma, a complementizer, a quotation mark or a
        preposition, of which one has a surname's ending or the first is a given name of the
        knowledge base. Anything else after a verb (شهود عيان، سكان محليون) is no name."""
        n = len(toks)
        k = self._name_words_end(toks, j)
        if k == j:
            return None
        nxt = toks[k][2] if k < n else ""
        if not (
            nxt in ("،", ",", ":", '"', "")
            or nxt in self.res.complementizers
            or nxt in _NAME_CLOSERS
            or addressee(nxt)
            or (nxt[:1] == "ل" and _strip_conj(nxt[1:]) in _NAME_CLOSER_NOUNS)
        ):
            return None
        words = [_strip_conj(toks[j][2]), *(t[2] for t in toks[j + 1 : k])]
        if not (
            any(_surname_like(w) for w in words) or (k - j >= 2 and words[0] in self.kb.given_names)
        ):
            return None
        nt = self.nt
        name_raw = nt.raw[nt.raw_start(toks[j][0]) : nt.raw_end(toks[k - 1][1])]
        key = f"u:{norm(name_raw)}"
        known = self.d.surnames.get(toks[k - 1][2])
        if known is not None and k - j == 1:
            return known  # the surname alone of a person named in full before
        if gender is None:
            gender = "f" if words[-1].endswith(_FEMININE_SURNAME_ENDINGS) else "m"
        ent = Entity(key, SpeakerRef(name_ar=name_raw, kind="person"), frozenset(), gender)
        if len(toks[k - 1][2]) >= 4:
            self.d.surnames.setdefault(toks[k - 1][2], ent)
        return ent

    def national_body(self, toks, j: int) -> Entity | None:
        """'وقالت الرئاسة الأوكرانية'، 'وقال البرلمان القرغيزي': a definite noun that is no
        title, followed by a country's nisba, right after a reporting verb is a body
        speaking as written."""
        if j + 1 >= len(toks) or not (self._article(toks, j) and self._plain_word(toks, j)):
            return None
        w = toks[j][2]
        if w in self.res.titles_by_first or w[2:] in self.res.titles_by_first:
            return None  # 'وقال الزعيم البيلاروسي': a person's title, resolved as a role
        if not self._article(toks, j + 1):
            return None
        nt = self.nt
        cm = next(
            (
                x
                for x in self.kb.matches_in(nt, "country", toks[j + 1][0], toks[j + 1][1])
                if x.start == toks[j + 1][0] and x.payload[0] in ("adj", "name")
            ),
            None,
        )
        if cm is None:
            return None
        raw = nt.raw[nt.raw_start(toks[j][0]) : nt.raw_end(toks[j + 1][1])]
        ref = SpeakerRef(name_ar=raw, country=cm.payload[1], kind="organisation")
        cats = frozenset({"organisation", "institution", "body"})
        return Entity(f"i:{norm(raw)}", ref, cats, "f")

    def document_entity(self, toks, j: int) -> Entity | None:
        """'وأكد البيان الختامي …': a statement noun with its adjectives speaks as written when
        no body that spoke issued it."""
        n = len(toks)
        end = j + 1
        while end < n and end - j < 3 and self._article(toks, end) and self._plain_word(toks, end):
            end += 1
        nt = self.nt
        raw = nt.raw[nt.raw_start(toks[j][0]) : nt.raw_end(toks[end - 1][1])].strip(' "-')
        if raw[:1] in ("و", "ف") and len(raw.split()[0]) > 4:
            raw = raw[1:]
        ref = SpeakerRef(name_ar=raw, kind="organisation")
        return Entity(f"s:{norm(raw)}", ref, frozenset({"organisation", "document"}), "m")

    def _given_name_before(self, toks, j: int, people, cats: set[str]) -> int | None:
        """Token of a known surname after one or two words at ``j`` that are words of that
        person's own names (never another person's given name before a namesake's surname)."""
        span = self._name_span(toks, j)
        x = next((x for x in range(j + 1, min(span, j + 3)) if x in people), None)
        if x is None or people[x].start != toks[x][0]:
            return None
        p = self._person_for(people[x], cats)
        words = {w for f in p.forms for w in norm(f).split()}
        return x if all(toks[k][2] in words for k in range(j, x)) else None

    def _person_for(self, m, cats: set[str]):
        """The person a surname names among namesakes (سركيسيان، جاباروف): the one whose role
        at the article's date matches the title written beside it, else whose role ever did,
        else the one holding a role at that date, else the knowledge base's first."""
        kb = self.kb
        p = kb.people[m.payload[1]]
        owners = kb.surname_owners.get(self.nt.key[m.phrase_start : m.end], ())
        if len(owners) < 2:
            return p
        # the namesake the article already named in full ('رئيس الحكومة أكيلبيك جاباروف' …
        # 'وأضاف جاباروف'), the latest first
        if not cats:
            for ent in reversed(self.d.history):
                if ent.ref.slug in owners:
                    return kb.people[ent.ref.slug]
        cands = [kb.people[x] for x in owners]
        period = self.d.period
        now = (lambda c: c.roles_in(*period)) if period is not None else (lambda c: ())
        for pick in (
            lambda c: bool(cats) and any(r.categories & cats for r in now(c)),
            lambda c: bool(cats) and any(r.categories & cats for r in c.roles),
            lambda c: bool(now(c)),
        ):
            hits = [c for c in cands if pick(c)]
            if len(hits) == 1:
                return hits[0]
            if hits:
                cands = hits
        return cands[0] if p not in cands else p

    # ---- institutions, media and groups ------------------------------------------------------
    def _institution_at(self, toks, i: int):
        """(words, English head, gender) of an institution head at token ``i``, if any."""
        t = toks[i][2]
        table = _institutions()
        for words, en, gender, kind in table.get(t, ()) or table.get(_strip_conj(t), ()):
            k = len(words)
            if i + k <= len(toks) and all(toks[i + x][2] == words[x] for x in range(1, k)):
                return words, en, gender, kind, i + k
        bare = _strip_conj(t)
        if not bare.startswith("ال") and i + 1 < len(toks) and toks[i + 1][2].isalpha():
            # a body's head in construct with its country or body ('سفارة الصين'، 'سفارة روسيا')
            for words, en, gender, kind in (
                table.get("ال" + bare, ()) if bare in _CONSTRUCT_HEADS else ()
            ):
                if len(words) == 1 and kind == "body" and toks[i + 1][2] not in self.res.stopwords:
                    return (bare,), en, gender, kind, i + 1
        # 'وقال المكتب، …' after 'المكتب الصحفي لوزارة الدفاع': the body named before
        for head in reversed(self.d.institutions):
            words = tuple(head.split())
            if len(words) > 1 and _strip_conj(t) == words[0]:
                ent = self.d.institutions[head]
                return words, "", ent.gender, "again", i + 1
        return None

    def institution_entity(self, toks, i: int, inst, orgs, ctry) -> tuple[Entity | None, int]:
        """'الخدمة الصحفية لوزارة الدفاع'، 'إذاعة أزاتليك'، 'القادة': the body as written, up to
        a comma, a complementizer, a cue, a time word or a function word; a head alone after
        the same head with a complement is that body again. Its English name is the head's,
        after the body or country its complement names."""
        words, en, gender, kind, k = inst
        if kind == "again":
            return self.d.institutions[" ".join(words)], k
        res, nt, n = self.res, self.nt, len(toks)
        end = k
        if kind == "group":
            end = self._group_complements(toks, k, orgs, ctry)
            if end == k and len(words) == 1 and not words[0].startswith("ال"):
                return None, k  # 'قادة'، 'زعماء' name a group only with whom they lead
        # a group takes only its membership (above); a medium its name; a body its
        # complements, words with the article or ل (لرئاسة طاجيكستان، لوزارة الدفاع
        # الروسية) and bodies or countries
        while kind != "group" and end < n and end - k < (5 if kind == "medium" else 8):
            w = toks[end][2]
            if kind == "medium" and w in ('"', "(", ")"):
                end += 1  # 'وكالة "نوفوستي"'، 'وكالة أنباء (بيلتا)': the name in quotes or brackets
                continue
            if (
                w in self._BOUNDARY
                or w in res.complementizers
                or w in res.cue_words
                or w in res.weekdays
                or w in res.relative_days
                or w in res.stopwords
                or w in res.months
                or not w.isalpha()
            ):
                break
            construct = end + 1 < n and (self._article(toks, end + 1) or end + 1 in ctry)
            if kind == "body" and not (
                w.startswith(("ال", "ل"))
                or end in orgs
                or end in ctry
                or end - 1 in orgs
                or construct
            ):
                break
            end += 1
        head = " ".join(words)
        if end == k and head in self.d.institutions:
            return self.d.institutions[head], end
        raw = nt.raw[nt.raw_start(toks[i][0]) : nt.raw_end(toks[end - 1][1])].strip(' "-')
        if kind == "medium" and raw.count('"') % 2:
            raw = " ".join(raw.replace('"', " ").split())  # 'وكالة "سبوتنيك' ends at its name
        if raw[:1] in ("و", "ف") and norm(raw[1:]).startswith(words[0]):
            raw = raw[1:]
        if raw.startswith("لل") and not norm(raw).startswith(words[0]):
            raw = "ال" + raw[2:]  # read after 'وفقاً' with the ل attached ('للمكتب الصحفي')
        short = norm(raw)
        for earlier in reversed(list(self.d.institutions.values())):
            if norm(earlier.ref.name_ar).startswith(short + " "):
                return earlier, end  # 'لجنة الدولة' after 'لجنة الدولة للأمن القومي': that body
        label = country = None
        outlet = next(
            (
                m
                for m in self.kb.matches_in(nt, "outlet", toks[i][0], toks[end - 1][1])
                if m.end <= toks[end - 1][1]
            ),
            None,
        )
        for x in range(i, end):
            if x in orgs:
                label = label or self.kb.organisations[orgs[x].payload].name_en
            cm = ctry.get(x)
            if cm is not None and cm.payload[0] != "none":
                country = country or cm.payload[1]
        if label is None and country is not None and country in self.kb.countries:
            label = self.kb.countries[country].name_en
        name_en = f"{label} {en}" if label else None
        if outlet is not None:
            name_en = self.kb.outlets[outlet.payload].name_en
        ref = SpeakerRef(
            name_ar=raw,
            name_en=name_en,
            country=country,
            kind="organisation",
        )
        cats = {"organisation", "institution", kind}
        cats = frozenset(cats | {"plural"} if kind == "group" else cats)
        ent = Entity(f"i:{norm(raw)}", ref, cats, gender)
        self.d.institutions[head] = ent
        return ent, end

    def _group_complements(self, toks, k: int, orgs, ctry) -> int:
        """What a group's name takes ('الدول الأعضاء في المنظمة'، 'قادة منظمة …'، 'القادة
        الأوروبيون'): membership words, a nisba, a body or country in construct, and 'في' +
        a body or country (or 'المنظمة'); never an object of its verb ('وبحث القادة الوضع')."""
        n = len(toks)
        end = k
        while end < n and end - k < 8:
            w = toks[end][2]
            if end in orgs:
                end = self._tok_index(toks, orgs[end].end - 1) + 1
                continue
            if end in ctry and ctry[end].payload[0] != "none":
                end = self._tok_index(toks, ctry[end].end - 1) + 1
                continue
            if w in _MEMBERSHIP:
                end += 1
                continue
            nxt = end + 1
            if (
                w == _FI
                and nxt < n
                and (
                    nxt in orgs
                    or (nxt in ctry and ctry[nxt].payload[0] != "none")
                    or toks[nxt][2] in _GROUP_BODIES
                )
            ):
                end = nxt + 1 if toks[nxt][2] in _GROUP_BODIES else nxt  # (the body is next)
                continue
            break
        return end

    # ---- mentions -------------------------------------------------------------------------
    def title_at(self, toks, i: int):
        w = toks[i][2]
        for cand in (w, _strip_conj(w)):
            for t in self.res.titles_by_first.get(cand, ()):
                k = len(t.words)
                if i + k <= len(toks) and all(toks[i + j][2] == t.words[j] for j in range(1, k)):
                    return t, i + k
        base = _strip_conj(w)
        base = base[2:] if base.startswith("ال") and base[2:] in _DEPUTIES else base
        if base in _DEPUTIES and i + 1 < len(toks):
            # 'نائب قائد القوات الخاصة'، 'مساعد وزير الدفاع': the deputy of a title the list
            # lacks in that form is a title of its own, never its holder; also with the
            # article, an ordinal and ل ('النائب الأول لوزير الدفاع')
            j = i + 2 if toks[i + 1][2] in _FIRST else i + 1
            t, k = self.title_at(toks, j) if j < len(toks) else (None, j)
            if t is None and j < len(toks) and toks[j][2][:1] == "ل" and len(toks[j][2]) > 3:
                a, b, x = toks[j]
                t, k = self.title_at([*toks[:j], (a, b, x[1:]), *toks[j + 1 :]], j)
            if t is not None:
                return Title((w, *t.words), "deputy", t.gender, t.needs_country), k
        return None, i

    def mentions(self, toks) -> list[Mention]:
        kb, res, nt = self.kb, self.res, self.nt
        if not toks:
            return []
        ends = {t[1] for t in toks}

        def index(which: str) -> dict:
            """Token index → the matcher's match starting on that token and ending on one of
            ``toks`` (the article's matches, keyed by start once)."""
            at = _matches_by_start(kb, nt, which)
            out = {}
            if not at:  # the article has none
                return out
            for i, t in enumerate(toks):
                m = at.get(t[0])
                if m is not None and m.end in ends:
                    out[i] = m
            return out

        people, orgs, ctry = index("person"), index("org"), index("country")
        outlets = index("outlet")
        out: list[Mention] = []
        i, n = 0, len(toks)
        while i < n:
            if (
                i not in people
                and i not in orgs
                and i not in outlets
                and i not in ctry
                and self._inert(toks[i][2])
            ):
                i += 1
                continue
            if i in people:
                m = people[i]
                j = self._tok_index(toks, m.end - 1) + 1
                p = self._person_for(m, set())
                out.append(Mention(i, j, "person", self.d.person_entity(p, None, set())))
                i = j
                continue
            if i in orgs:
                m = orgs[i]
                j = self._tok_index(toks, m.end - 1) + 1
                o = kb.organisations[m.payload]
                written = nt.raw[slice(*nt.raw_span(m.phrase_start, m.end))]
                if o.speaker:
                    out.append(Mention(i, j, "org", self.d.org_entity(o, written), gender="f"))
                i = j
                continue
            om = outlets.get(i)
            if om is not None and om.phrase_start - om.start <= 1:
                # a medium as the subject ('حسبما ذكرت وكالة تاس'), not an addressee (لوكالة)
                j = self._tok_index(toks, om.end - 1) + 1
                o = kb.outlets[om.payload]
                written = nt.raw[slice(*nt.raw_span(om.phrase_start, om.end))]
                ref = SpeakerRef(name_ar=written, name_en=o.name_en, kind="organisation")
                ent = Entity(f"m:{o.slug}", ref, frozenset({"organisation", "medium"}), "f")
                out.append(Mention(i, j, "org", ent, gender="f"))
                i = j
                continue
            inst = self._institution_at(toks, i)
            if inst is not None:
                ent, j = self.institution_entity(toks, i, inst, orgs, ctry)
                if ent is not None:
                    out.append(Mention(i, j, "org", ent, gender=ent.gender))
                    i = j
                    continue
            cm = ctry.get(i)
            if (
                cm is not None
                and cm.payload[0] in ("name", "capital")
                and cm.phrase_start - cm.start <= 1
            ):
                # a country as the subject of a verb ('رفضت أرمينيا …، وقالت إن'), not one
                # governed by a preposition (لأرمينيا، بروسيا); a capital stands for its
                # government ('موسكو أعلنت') and speaks as written
                j = self._tok_index(toks, cm.end - 1) + 1
                c = kb.countries[cm.payload[1]]
                if cm.payload[0] == "capital":
                    written = nt.raw[slice(*nt.raw_span(cm.phrase_start, cm.end))]
                    ref = SpeakerRef(name_ar=written, country=c.iso2, kind="organisation")
                else:
                    ref = SpeakerRef(
                        name_ar=c.name_ar, name_en=c.name_en, country=c.iso2, kind="organisation"
                    )
                key = f"c:{c.iso2}:{cm.payload[0]}"
                ent = Entity(key, ref, frozenset({"organisation", "country"}), "f")
                out.append(Mention(i, j, "country", ent, gender="f"))
                i = j
                continue
            if _strip_conj(toks[i][2]) in self.d.surnames:
                # a name the article wrote in full before, now alone ('وقال شلباييف:')
                ent = self.d.surnames[_strip_conj(toks[i][2])]
                out.append(Mention(i, i + 1, "person", ent, gender=ent.gender))
                i += 1
                continue
            t, j = self.title_at(toks, i)
            if t is not None:
                cats = {t.category}
                country = org = None
                gender = t.gender
                # a country name that begins inside the title ("رئيس جمهورية" + "جمهورية
                # كازاخستان"): the title's country
                for x in range(i + 1, j):
                    cm = ctry.get(x)
                    if cm is not None and cm.payload[0] != "none" and cm.end > toks[j - 1][1]:
                        country = cm.payload[1]
                        j = self._tok_index(toks, cm.end - 1) + 1
                        break
                head_end = j
                j, country, org = self._title_complements(
                    toks, j, cats, country, people, orgs, ctry
                )
                if (
                    len(t.words) == 1
                    and t.needs_country
                    and not self._only_country(toks, head_end, j, ctry, orgs)
                ):
                    # 'رئيس الوفد الروسي'، 'رئيس مكتب الرئاسة'، 'وزير الطاقة الروسي': the head of
                    # the body its complement names, never the head of state or the minister
                    # the knowledge base knows for that country
                    cats = {"head_of_body"}
                j_name = self._name_start(toks, j, people)
                if j_name is None and j + 1 < len(toks) and toks[j][2] in ("،", ","):
                    # a second title in apposition, then the name: 'نائب رئيس الأركان، قائد
                    # المجموعة التنفيذية للتدريبات، اللواء أسيلبيك …، إن'
                    t3, j3 = self.title_at(toks, j + 1)
                    if t3 is not None and j3 > j + 1 and not self._article(toks, j + 1):
                        j3, _c, _o = self._title_complements(
                            toks, j3, set(), None, people, orgs, ctry
                        )
                        if j3 < len(toks) and toks[j3][2] in ("،", ","):
                            j_name = self._name_start(toks, j3, people)
                    else:
                        # any short office in apposition before a rank and a name ('رئيس
                        # الأركان …، النائب الأول لوزير الدفاع، الجنرال X،')
                        j_name = self._name_after_apposition(toks, j + 1, people)
                # a bare head (رئيس، قائد) is a title only with a country, a body, or a
                # complement and a name in apposition ('قائد القوات، العقيد …')
                named = j > head_end and j_name is not None
                if t.needs_country and not (country or org) and not named:
                    i += 1
                    continue
                title_raw = nt.raw[nt.raw_start(toks[i][0]) : nt.raw_end(toks[j - 1][1])].strip(
                    ' "-'
                )
                if j_name is not None:
                    j = j_name
                if j not in people:
                    # a short form the knowledge base does not list, a given name of the
                    # person before the surname ('رئيس كازاخستان قاسم توكاييف'): that person
                    x = self._given_name_before(toks, j, people, cats)
                    j = x if x is not None else j
                if j in people:
                    m = people[j]
                    jj = self._tok_index(toks, m.end - 1) + 1
                    p = self._person_for(m, cats)
                    ent = self.d.person_entity(p, title_raw, cats)
                    out.append(
                        Mention(
                            i, jj, "person", ent, frozenset(cats), country, org, gender, title_raw
                        )
                    )
                    i = jj
                    continue
                name_end = self._name_span(toks, j)
                raw_j = nt.raw[nt.raw_start(toks[j][0]) : nt.raw_end(toks[j][1])] if j < n else ""
                if name_end > j and _not_a_name(toks[j][2], raw_j):
                    name_end = j  # 'واقترح الرئيس الروسي تنظيم منتدى': no name follows
                if name_end > j:
                    name_raw = nt.raw[nt.raw_start(toks[j][0]) : nt.raw_end(toks[name_end - 1][1])]
                    ref = SpeakerRef(
                        name_ar=name_raw, role_ar=title_raw, country=country, kind="person"
                    )
                    ent = Entity(f"u:{norm(name_raw)}", ref, frozenset(cats), gender)
                    if name_end - j >= 2 and len(toks[name_end - 1][2]) >= 4:
                        self.d.surnames.setdefault(toks[name_end - 1][2], ent)
                    out.append(
                        Mention(
                            i,
                            name_end,
                            "person",
                            ent,
                            frozenset(cats),
                            country,
                            org,
                            gender,
                            title_raw,
                        )
                    )
                    i = name_end
                    continue
                k = self._name_before(toks, i, out)
                if k is not None:
                    # 'وكان أرمين غريغوريان أمين مجلس الأمن الأرمني، قد صرح': the name written
                    # before its title, in apposition
                    name_raw = nt.raw[nt.raw_start(toks[k][0]) : nt.raw_end(toks[i - 1][1])]
                    ref = SpeakerRef(
                        name_ar=name_raw, role_ar=title_raw, country=country, kind="person"
                    )
                    ent = Entity(f"u:{norm(name_raw)}", ref, frozenset(cats), gender)
                    self.d.surnames.setdefault(toks[i - 1][2], ent)
                    cs = frozenset(cats)
                    out.append(Mention(k, j, "person", ent, cs, country, org, gender, title_raw))
                    i = j
                    continue
                out.append(
                    Mention(i, j, "role", None, frozenset(cats), country, org, gender, title_raw)
                )
                i = j
                continue
            w = _strip_conj(toks[i][2])
            if toks[i][2] in res.statement_nouns or w in res.statement_nouns:
                out.append(Mention(i, i + 1, "statement", None, gender="m", title_raw=w))
            i += 1
        return out

    # ---- the title phrase ---------------------------------------------------------------
    _COMPLEMENT_PREPS = frozenset(norm(w) for w in ("في", "لدى", "باسم", "ل", "لشؤون"))

    def _plain_word(self, toks, k: int) -> bool:
        """A word that can continue a title's noun phrase: not a stopword, time word, verb,
        cue, occasion noun or complementizer."""
        res = self.res
        w = toks[k][2]
        bare = w[2:] if w.startswith("ال") else w
        return (
            w.isalpha()
            and w not in res.stopwords
            and bare not in res.stopwords
            and w not in res.weekdays
            and w not in res.relative_days
            and w not in res.months
            and w not in res.cue_words
            and w not in res.complementizers
            and bare not in res.occasion_nouns
            and w not in res.occasion_nouns
        )

    def _np_word(self, toks, k: int, ctry, orgs) -> bool:
        """Token ``k`` opens a noun phrase that can complement a title: a country, a body, a
        definite word (الأمم، الأركان), or a construct noun followed by one (لجنة الأمن)."""
        n = len(toks)
        while k < n and toks[k][2] in ('"', "-"):
            k += 1  # لـ "منظمة معاهدة الأمن الجماعي"
        if k >= n:
            return False
        if (k in ctry and ctry[k].payload[0] != "none") or k in orgs:
            return True
        if not self._plain_word(toks, k):
            return False
        w = toks[k][2]
        if addressee(w):
            return False  # 'قال الوزير للأمريكيين': the listeners, not the title's complement
        if self._article(toks, k) or w.startswith("لل"):
            return True
        if w in self.res.institution_nouns:
            return True
        return k + 1 < n and (
            self._article(toks, k + 1)
            or (k + 1 in ctry and ctry[k + 1].payload[0] != "none")
            or k + 1 in orgs
        )

    def _title_complements(self, toks, j: int, cats: set, country, people, orgs, ctry):
        """Consume what a title governs: nisba adjectives and countries (الروسي، في قرغيزستان),
        bodies (لمنظمة …، لدى الأمم المتحدة), construct nouns and definite adjectives (لجنة الأمن
        القومي، الدائم), prepositional complements (في شؤون آسيا الوسطى) and stacked titles.
        The name begins where this grammar ends; a known person always ends it."""
        org = None
        n = len(toks)
        while j < n and j not in people:
            w = toks[j][2]
            if addressee(w):
                break  # 'قال الوزير للأمريكيين': the listeners, not the title's nisba
            if j in ctry and ctry[j].payload[0] != "none":
                country = country or ctry[j].payload[1]
                j = self._tok_index(toks, ctry[j].end - 1) + 1
                continue
            if j in orgs:
                org = org or orgs[j].payload
                j = self._tok_index(toks, orgs[j].end - 1) + 1
                continue
            inside = next((om for o0, om in orgs.items() if o0 < j and om.end > toks[j][0]), None)
            if inside is not None:
                # the rest of a body the title's head began ('رئيس هيئة الأركان المشتركة'
                # + 'لمنظمة …', the KB naming 'هيئة الأركان المشتركة لمنظمة …' as one body)
                org = org or inside.payload
                j = self._tok_index(toks, inside.end - 1) + 1
                continue
            if w in _BODY_WORDS and j + 1 < n and toks[j + 1][2] == '"':
                # a body and its quoted name: حركة "طالبان"، حزب "…"
                close = next((k for k in range(j + 2, min(n, j + 6)) if toks[k][2] == '"'), None)
                if close is not None:
                    j = close + 1
                    continue
            if w in _ON_ITS_BEHALF:
                j += 1  # 'المتحدثة الرسمية باسمها': the body named before
                continue
            if w == "(" and j + 2 < n and toks[j + 2][2] == ")" and toks[j + 1][2].isascii():
                j += 3  # a body's abbreviation in Latin letters: 'لمنظمة … (CSTO) X'
                continue
            if w in ('"', "-") or w in _ORG_WORDS:
                if w in _ORG_WORDS:
                    org = org or "*"
                j += 1
                continue
            if w in self._COMPLEMENT_PREPS:
                if self._np_word(toks, j + 1, ctry, orgs):
                    j += 1
                    continue
                break
            t2, j2 = self.title_at(toks, j)
            if t2 is not None and j2 > j and t2.category == "military" and w.startswith("ال"):
                break  # a rank opens the name ('وزير الدفاع القرغيزي الفريق X'), not the role
            if t2 is not None and j2 > j:
                cats.add(t2.category)
                j = j2
                continue
            if j + 1 < n and j + 1 in people and self._article(toks, j):
                j += 1
                continue
            if w in _GENERAL and j > 0 and self._article(toks, j - 1):
                j += 1  # 'المدعي العام'، 'الأمين العام': an adjective, not the time word
                continue
            if self._np_word(toks, j, ctry, orgs):
                if toks[j][2] in self.res.institution_nouns and j + 1 < n:
                    j += 1  # its genitive, whatever it is (شؤون آسيا)
                    if self._plain_word(toks, j):
                        j += 1
                    continue
                j += 1
                continue
            break
        return j, country, org

    def _name_start(self, toks, j: int, people) -> int | None:
        """Where the name after a title begins when an apposition comma or a rank word comes
        first ('الأمين العام للمنظمة، إيمانغالي …،'، '…، اللواء فاديم …:'), or a nisba before a
        knowledge-base name ('…، الكازاخستاني إيمانغالي …،'); None when none does."""
        n = len(toks)
        k = j
        if k < n and toks[k][2] in ("،", ","):
            k += 1
        t2, k2 = self.title_at(toks, k) if k < n else (None, k)
        if t2 is not None and t2.category != "military" and k > j:
            # a second office in apposition, then a rank or a known name ('النائب الأول لوزير
            # الدفاع، رئيس الأركان العامة للقوات المسلحة الكازاخستانية الفريق X،')
            for x in range(k2, min(n, k2 + 9)):
                w = toks[x][2]
                if x in people:
                    return x
                t3, k3 = self.title_at(toks, x)
                if t3 is not None and t3.category == "military":
                    end = self._name_span(toks, k3)
                    return k3 if end > k3 else None
                if not w.isalpha() or w in self.res.cue_words or w in self.res.complementizers:
                    return None
            return None
        if t2 is not None and t2.category == "military":
            k = k2
        elif k > j and k + 1 < n and k + 1 in people and self._article(toks, k):
            k += 1  # a nisba before a known name: '…، الكازاخستاني إيمانغالي تاسماغامبيتوف،'
        if k == j or k >= n:
            return None
        if k in people:
            return k
        end = self._name_span(toks, k)
        if end == k + 1 and toks[j][2] in ("،", ","):
            return None  # '…، ساخرا، أن': one word between commas is an adverb, not a name
        if end > k and toks[j][2] in ("،", ","):
            # an unknown name in apposition must be closed: a comma, a colon, a verb, the end
            nxt = toks[end][2] if end < n else ""
            # (or a complementizer after a name of two words: '…، ألكسندر بانكين إن')
            closed = nxt in self.res.complementizers and end - k >= 2
            if (
                nxt not in ("،", ",", ":", "", "قد")
                and nxt not in self.res.cue_words
                and not closed
            ):
                return None
        return k if end > k else None

    # what may come right before a name written ahead of its title: a reporting verb (VSO),
    # an auxiliary (وكان … قد), or the start of the sentence
    _BEFORE_NAME = frozenset(norm(w) for w in ("كان", "وكان", "أما", "وأما"))

    def _name_before(self, toks, i: int, out: list[Mention]) -> int | None:
        """Start of a two- or three-word name the knowledge base lacks, written right before
        the title at ``i`` (none when a mention already covers those words)."""
        for k in (i - 2, i - 3):
            if k < 0 or (out and out[-1].tj > k) or self._name_span(toks, k) != i:
                continue
            if any(not self._plain_word(toks, x) or self._article(toks, x) for x in range(k, i)):
                continue
            prev = toks[k - 1][2] if k > 0 else ""
            if k == 0 or prev in self._BEFORE_NAME or prev in self.res.cue_words:
                return k
        return None

    _STATE_WORDS = frozenset(
        norm(w) for w in ("جمهورية", "الجمهورية", "دولة", "الدولة", "لدى", "في", "-", '"')
    )

    def _only_country(self, toks, a: int, b: int, ctry, orgs) -> bool:
        """Tokens ``a``..``b`` name only a country or a body (a nisba, 'جمهورية X', 'لدى X')."""
        x = a
        while x < b:
            hit = ctry.get(x) if x in ctry and ctry[x].payload[0] != "none" else orgs.get(x)
            if hit is not None:
                x = self._tok_index(toks, hit.end - 1) + 1
            elif toks[x][2] in self._STATE_WORDS:
                x += 1
            else:
                return False
        return True

    def _name_after_apposition(self, toks, k: int, people) -> int | None:
        """The name after a comma-delimited office of up to six words starting at ``k``, when
        a rank or a knowledge-base name follows the closing comma."""
        n = len(toks)
        end = k
        while end < n and end - k < 6 and toks[end][2] not in ("،", ","):
            w = toks[end][2]
            if not w.isalpha() or w in self.res.cue_words or w in self.res.complementizers:
                return None
            end += 1
        if end == k or end + 1 >= n or toks[end][2] not in ("،", ","):
            return None
        t2, _k2 = self.title_at(toks, end + 1)
        if end + 1 in people or (t2 is not None and t2.category == "military"):
            return self._name_start(toks, end, people)
        return None

    def _tok_index(self, toks, k: int) -> int:
        lo, hi = 0, len(toks)
        while lo < hi:
            mid = (lo + hi) // 2
            if toks[mid][1] <= k:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _article(self, toks, k: int) -> bool:
        """Token ``k`` starts with the article ال (a hamza-seated alef is a name's: ألماز)."""
        w = toks[k][2]
        return (
            w.startswith("ال")
            and w not in self.res.weekdays
            and self.nt.raw[self.nt.raw_start(toks[k][0])] == "ا"
        )

    def _name_span(self, toks, j: int) -> int:
        """End token of a personal name starting at ``j`` (== j when there is none)."""
        res = self.res
        k = self._name_words_end(toks, j)
        n = k - j
        if n >= 2:
            return k
        if n == 1 and len(toks[j][2]) >= 3:
            nxt = toks[k][2] if k < len(toks) else ""
            if nxt in ("،", ",", ":", "") or nxt in res.verbs:
                return k
        return j

    def _name_words_end(self, toks, j: int) -> int:
        """End of the run of up to four words from ``j`` that can be words of a personal name
        (no function word, verb, month, title, word with the article but a name's own part)."""
        res = self.res
        k = j
        while k < len(toks) and k - j < 4:
            w = toks[k][2]
            if not w.isalpha() or w in res.stopwords or _strip_conj(w) in res.verbs:
                break
            bare = _strip_conj(w)
            if w in _content_nouns():
                break
            if k == j and bare != w and (bare in res.stopwords or _pronoun_suffixed(w)):
                break  # 'وعلى حد تعبير'، '، ومقرها موسكو،': a conjunction's phrase, no name
            if w in res.verbs or w in res.participles or w in res.present or w in res.months:
                break
            # 'عبد الله'، 'جمال الدين'، 'جمال الدينوف': a name's second part may take the article
            compound = k > j and (toks[k - 1][2] == "عبد" or w.startswith(_NAME_ARTICLE_PARTS))
            if self._article(toks, k) and not compound:
                break
            if w in res.titles_by_first or w in res.weekdays:
                break
            if k > j and w.startswith("لل") and len(w) > 4:
                break  # 'لـ' + article: 'للصحفيين'، 'للمنظمة' is never part of a name
            if k > j and bare != w and bare.startswith("ال") and len(bare) >= 5:
                break  # 'و' + article: 'بالإعلان والمعاهدة' coordinates nouns (not 'والي')
            if k > j and toks[k][0] > toks[k - 1][1] + 1:
                break  # names are contiguous words
            k += 1
        return k

    # ---- cues -----------------------------------------------------------------------------
    def cues(self, toks) -> list[Cue]:
        res, nt = self.res, self.nt
        out: list[Cue] = []
        for i, (a, b, t) in enumerate(toks):
            hit = res.cue_words.get(t) if t not in AMBIGUOUS_CUES else None
            nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
            if hit is None and t in AMBIGUOUS_CUES and nxt in res.complementizers:
                hit = res.cue_words.get(t)  # 'وبيّن أن …': the verb, not 'between'

            if hit is None and i > 0 and toks[i - 1][2] == "ما":
                hit = _suffixed_verb(res, t)  # 'هذا ما أعلنته الوزارة'
            if hit is None:
                hit = object_verb(res, t)
            last = i
            # a phrase of several words first: 'ورد في' is not the verb 'ردّ'
            preps = res.prep_first.get(t, ())
            multi = bool(preps) and any(
                len(p) > 1 and tuple(x[2] for x in toks[i + 1 : i + len(p)]) == p[1:] for p in preps
            )
            if hit is None or multi:
                hit = None
                for prep in preps:
                    if tuple(x[2] for x in toks[i + 1 : i + len(prep)]) == prep[1:]:
                        hit = ("prep", "m")
                        # the subject follows the whole phrase ('على حد تعبير X'), and a
                        # relative 'ما قاله' after it ('بحسب ما قاله X')
                        last = i + len(prep) - 1
                        while last + 1 < len(toks) and toks[last + 1][2] in _RELATIVE_SAY:
                            last += 1
                        # 'حسب ما أفاد X'، 'وفقا لما ذكرته X': its verb, then the speaker
                        nxt_hit = (
                            res.cue_words.get(toks[last + 1][2]) if last + 1 < len(toks) else None
                        )
                        if toks[last][2] == "ما" and nxt_hit and nxt_hit[0] == "verb":
                            last += 1
                            # 'حسب ما أفاد به X': the verb's preposition, then the speaker
                            if last + 1 < len(toks) and toks[last + 1][2] in _BIHI:
                                last += 1
                        break
            if hit is not None:
                ra, rb = nt.raw_span(a, b)
                out.append(Cue(last, hit[0], hit[1], ra, rb))
        return out
