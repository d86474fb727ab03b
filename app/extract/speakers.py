"""Who speaks: reporting cues, their subjects, names and titles, and role/pronoun coreference.

For each sentence (in text order) we find

* **mentions**: knowledge-base people (full name or surname) and organisations (with a clitic,
  and ministries without the word وزارة: وقالت الدفاع الروسية), a title followed by a name
  (known or not: وزير الخارجية القرغيزي جينبيك كولوبايف), a title alone (a role reference:
  المسؤول، الوزير الروسي، رئيس الدبلوماسية الروسية، رئيس كازاخستان) and statement nouns (البيان);
* **cues**: reporting verbs (with و/ف, masculine or feminine), participles (مضيفاً), attribution
  prepositions (وبحسب X).

A cue's subject is the mention right after it (VSO) or, failing that, right before it (SVO:
رئيس كازاخستان أعلن). A participle or a bare verb (وأضاف:) takes the sentence's subject, or the
previous speaker whose grammatical gender agrees with the verb (وأوضحت → an organisation).
Role references resolve to the latest compatible entity already in the discourse (role
category, country), else to the knowledge-base holder of that role at the article's date.
Names in other positions (خلال اجتماع مع الرئيس فلاديمير بوتين) are never subjects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.extract.knowledge import Knowledge, Organisation, Person
from app.extract.model import SpeakerRef
from app.extract.quotes import Quote
from app.extract.resources import Resources
from app.extract.segment import Paragraph, Sentence
from app.extract.textnorm import NormText, norm

_ADVERBS = frozenset(
    norm(w)
    for w in (
        "أيضا",
        "أيضاً",
        "بدوره",
        "بدورها",
        "كذلك",
        "من جهته",
        "من جهتها",
        "جهته",
        "جهتها",
        "من",
        "،",
        ",",
    )
)
_STATEMENT_LEAD = frozenset(
    norm(w)
    for w in (
        "بيان",
        "بيانا",
        "البيان",
        "بلاغ",
        "تصريح",
        "تصريحات",
        "رسالة",
        "وثيقة",
        "تقرير",
        "صادر",
        "الصادر",
        "نشرته",
        "أصدرته",
        "عن",
        "من",
    )
)
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
_ORG_WORDS = frozenset(norm(w) for w in ("المنظمة", "للمنظمة", "المنظمه", "منظمة"))
# nouns of a body whose name may follow in quotes: حركة "طالبان"
_BODY_WORDS = frozenset(
    norm(w) for w in ("حركة", "لحركة", "حزب", "لحزب", "جماعة", "لجماعة", "جبهة", "لجبهة",
                      "تنظيم", "لتنظيم", "منظمة", "لمنظمة", "تحالف", "لتحالف")
)  # fmt: skip


_GENDER: dict[str, str] = {}  # person slug -> grammatical gender read from the KB's titles


@dataclass(frozen=True)
class Entity:
    """A discourse entity that can speak."""

    key: str
    ref: SpeakerRef
    categories: frozenset[str] = frozenset()
    gender: str = "m"


@dataclass(frozen=True)
class Mention:
    ti: int  # first token index
    tj: int  # one past the last token index
    kind: str  # person | org | role | statement
    entity: Entity | None = None
    categories: frozenset[str] = frozenset()
    country: str | None = None
    org: str | None = None
    gender: str = "m"
    title_raw: str | None = None


@dataclass(frozen=True)
class Cue:
    ti: int
    kind: str  # verb | participle | prep
    gender: str
    raw_start: int
    raw_end: int


@dataclass
class SentenceAttribution:
    cues: list[Cue] = field(default_factory=list)
    speaker: Entity | None = None  # the sentence's reporting subject (explicit or inherited)
    explicit: bool = False
    subjects: dict[int, Entity] = field(default_factory=dict)  # cue ti -> subject
    content_start: int | None = None  # raw offset of the first complementizer after the first cue


@dataclass
class Attribution:
    sentences: dict[tuple[int, int], SentenceAttribution]
    quote_speakers: dict[int, Entity | None]


def _strip_conj(t: str) -> str:
    return t[1:] if len(t) > 3 and t[0] in "وف" else t


class _Analyzer:
    def __init__(
        self,
        nt: NormText,
        kb: Knowledge,
        res: Resources,
        when: date | None,
        period: tuple[date, date] | None = None,
    ) -> None:
        self.nt, self.kb, self.res, self.when = nt, kb, res, when
        # the span a title's holder must cover: the article's day, else its month or year
        self.period = (when, when) if when is not None else period
        self.history: list[Entity] = []  # entities in the discourse, latest last
        self.speakers: list[Entity] = []  # entities that spoke, latest last
        self.title_entities: list[tuple[frozenset[str], Entity]] = []  # complement words, entity
        # the named person a sentence without a reporting cue is about ('وقلل الأمين العام
        # للمنظمة X من أهمية الخطوة.'): a bare verb in the next sentence is theirs
        self.topic: Entity | None = None

    # ---- entities -------------------------------------------------------------------------
    def person_entity(self, p: Person, title_raw: str | None, cats: set[str]) -> Entity:
        roles = p.roles_at(self.when) or p.roles
        role = roles[0] if roles else None
        allc = set(cats)
        for r in roles:
            allc |= r.categories
        ref = SpeakerRef(
            name_ar=p.name_ar,
            name_en=p.name_en,
            role_ar=title_raw or (role.role_ar if role else None),
            role_en=role.role_en if role else None,
            country=p.country,
            kind="person",
            slug=p.slug,
            wikidata=p.wikidata,
        )
        return Entity(f"p:{p.slug}", ref, frozenset(allc), self._person_gender(p, title_raw))

    def _person_gender(self, p: Person, title_raw: str | None) -> str:
        """'f' when the title written or the person's role titles are feminine (المتحدثة)."""
        if self._feminine_title(title_raw or ""):
            return "f"
        g = _GENDER.get(p.slug)
        if g is None:
            forms = [t for r in p.roles for t in (r.role_ar or "", *r.titles_ar)]
            g = _GENDER[p.slug] = "f" if any(map(self._feminine_title, forms)) else "m"
        return g

    def _feminine_title(self, form: str) -> bool:
        words = norm(form).split()
        return bool(words) and any(
            t.gender == "f" for t in self.res.titles_by_first.get(words[0], ())
        )

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
                or w in res.complementizers
                or w in res.cue_words
                or w in res.weekdays
                or w in res.relative_days
                or not (w.isalpha() or w == "-")
            ):
                break
            end += 1
        nt = self.nt
        title_raw = nt.raw[nt.raw_start(toks[j][0]) : nt.raw_end(toks[end - 1][1])].strip(' "-')
        comp = [
            _strip_conj(w[2])
            for w in toks[k:end]
            if w[2] not in res.stopwords and w[2] not in ("باسم", "في", "ل")
        ]
        if not comp and m is None:
            return None
        for words, ent in reversed(self.title_entities):
            if comp and set(comp[:2]) <= words:
                return ent
        country = m.country if m is not None else None
        if country is None:
            ms = self.kb.matches_in(nt, "country", toks[j][0], toks[end - 1][1])
            country = next((x.payload[1] for x in ms if x.payload[0] != "none"), None)
        cats = set(m.categories) if m is not None else {t.category}
        ref = SpeakerRef(name_ar=title_raw, role_ar=title_raw, country=country, kind="person")
        ent = Entity(f"t:{norm(title_raw)}", ref, frozenset(cats | {t.category}), t.gender)
        self.title_entities.append((frozenset(comp), ent))
        return ent

    # ---- anonymous speakers ------------------------------------------------------------------
    _ANON = frozenset(
        norm(w) for w in ("دبلوماسي", "مصدر", "مسؤول", "مسئول", "مصادر", "دبلوماسيون",
                          "دبلوماسيين", "مسؤولون", "مسؤولين", "خبير", "محلل", "ضابط")
    )  # fmt: skip
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
            if not (w.startswith("ال") or w.endswith("ي") or w in ("في", "من", "ب") or after_prep):
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
        return Entity(f"a:{norm(phrase)}", ref, frozenset({"anonymous"}), "m")

    def feminine_reading(self, toks, m: Mention) -> Entity | None:
        """'وردّت الدبلوماسية الروسية … قائلة': a body's name that is also a feminine title
        refers to the woman of that country who spoke last, if one did."""
        w = _strip_conj(toks[m.ti][2])
        if not any(t.gender == "f" for t in self.res.titles_by_first.get(w, ())):
            return None
        country = m.entity.ref.country if m.entity is not None else None
        for ent in reversed(self.speakers[-3:]):
            if (
                ent.ref.kind == "person"
                and ent.gender == "f"
                and (country is None or ent.ref.country in (None, country))
            ):
                return ent
        return None

    def org_entity(self, o: Organisation, written: str) -> Entity:
        name = o.name_ar if norm(written) in norm(o.name_ar) else written
        ref = SpeakerRef(
            name_ar=name,
            name_en=o.name_en,
            country=o.country,
            kind="organisation",
            slug=o.slug,
            wikidata=o.wikidata,
        )
        return Entity(f"o:{o.slug}", ref, frozenset({"organisation"}), "f")

    # ---- mentions -------------------------------------------------------------------------
    def title_at(self, toks, i: int):
        w = toks[i][2]
        for cand in (w, _strip_conj(w)):
            for t in self.res.titles_by_first.get(cand, ()):
                k = len(t.words)
                if i + k <= len(toks) and all(toks[i + j][2] == t.words[j] for j in range(1, k)):
                    return t, i + k
        return None, i

    def mentions(self, toks) -> list[Mention]:
        kb, res, nt = self.kb, self.res, self.nt
        if not toks:
            return []
        starts = {t[0]: i for i, t in enumerate(toks)}
        ends = {t[1] for t in toks}

        def index(which: str) -> dict:
            out = {}
            for m in kb.matches_in(nt, which, toks[0][0], toks[-1][1]):
                if m.start in starts and m.end in ends:
                    out[starts[m.start]] = m
            return out

        people, orgs, ctry = index("person"), index("org"), index("country")
        out: list[Mention] = []
        i, n = 0, len(toks)
        while i < n:
            if i in people:
                m = people[i]
                j = self._tok_index(toks, m.end - 1) + 1
                p = kb.people[m.payload[1]]
                out.append(Mention(i, j, "person", self.person_entity(p, None, set())))
                i = j
                continue
            if i in orgs:
                m = orgs[i]
                j = self._tok_index(toks, m.end - 1) + 1
                o = kb.organisations[m.payload]
                written = nt.raw[slice(*nt.raw_span(m.phrase_start, m.end))]
                if o.speaker:
                    out.append(Mention(i, j, "org", self.org_entity(o, written), gender="f"))
                i = j
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
                if j in people:
                    m = people[j]
                    jj = self._tok_index(toks, m.end - 1) + 1
                    p = kb.people[m.payload[1]]
                    ent = self.person_entity(p, title_raw, cats)
                    out.append(
                        Mention(
                            i, jj, "person", ent, frozenset(cats), country, org, gender, title_raw
                        )
                    )
                    i = jj
                    continue
                name_end = self._name_span(toks, j)
                if name_end > j:
                    name_raw = nt.raw[nt.raw_start(toks[j][0]) : nt.raw_end(toks[name_end - 1][1])]
                    ref = SpeakerRef(
                        name_ar=name_raw, role_ar=title_raw, country=country, kind="person"
                    )
                    ent = Entity(f"u:{norm(name_raw)}", ref, frozenset(cats), gender)
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
                out.append(
                    Mention(i, j, "role", None, frozenset(cats), country, org, gender, title_raw)
                )
                i = j
                continue
            w = _strip_conj(toks[i][2])
            if toks[i][2] in res.statement_nouns or w in res.statement_nouns:
                out.append(Mention(i, i + 1, "statement", None, gender="m"))
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
            if nxt not in ("،", ",", ":", "") and nxt not in self.res.cue_words:
                return None
        return k if end > k else None

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
        k = j
        while k < len(toks) and k - j < 4:
            w = toks[k][2]
            if not w.isalpha() or w in res.stopwords or _strip_conj(w) in res.verbs:
                break
            if w in res.verbs or w in res.participles or w in res.present or w in res.months:
                break
            if self._article(toks, k) and not (k > j and toks[k - 1][2] == "عبد"):
                break
            if w in res.titles_by_first or w in res.weekdays:
                break
            if k > j and w.startswith("لل") and len(w) > 4:
                break  # 'لـ' + article: 'للصحفيين'، 'للمنظمة' is never part of a name
            if k > j and toks[k][0] > toks[k - 1][1] + 1:
                break  # names are contiguous words
            k += 1
        n = k - j
        if n >= 2:
            return k
        if n == 1 and len(toks[j][2]) >= 3:
            nxt = toks[k][2] if k < len(toks) else ""
            if nxt in ("،", ",", ":", "") or nxt in res.verbs:
                return k
        return j

    # ---- cues -----------------------------------------------------------------------------
    def cues(self, toks) -> list[Cue]:
        res, nt = self.res, self.nt
        out: list[Cue] = []
        for i, (a, b, t) in enumerate(toks):
            hit = res.cue_words.get(t)
            last = i
            if hit is None:
                for prep in res.prep_first.get(t, ()):
                    if tuple(x[2] for x in toks[i + 1 : i + len(prep)]) == prep[1:]:
                        hit = ("prep", "m")
                        # the subject follows the whole phrase ('على حد تعبير X'), and a
                        # relative 'ما قاله' after it ('بحسب ما قاله X')
                        last = i + len(prep) - 1
                        while last + 1 < len(toks) and toks[last + 1][2] in _RELATIVE_SAY:
                            last += 1
                        break
            if hit is not None:
                ra, rb = nt.raw_span(a, b)
                out.append(Cue(last, hit[0], hit[1], ra, rb))
        return out

    # ---- coreference ----------------------------------------------------------------------
    def compatible(self, ent: Entity, m: Mention) -> bool:
        cats = ent.categories
        if "organisation" in cats:
            return False
        for c in m.categories:
            allowed = self.res.compatible.get(c, frozenset({c}))
            if "*" in allowed or c in cats or cats & allowed:
                break
        else:
            return False
        return not (m.country and ent.ref.country and m.country != ent.ref.country)

    def resolve_role(self, m: Mention) -> Entity | None:
        generic = all("*" in self.res.compatible.get(c, frozenset()) for c in m.categories)
        pool = self.speakers if generic else self.history
        for ent in reversed(pool):
            if self.compatible(ent, m):
                return ent
        if generic:
            return None
        # the holder of the role at the article's date (or in its month/year when only that
        # is known); with no date at all a bare title stays a title
        if self.period is None:
            return None
        org = m.org if m.org and m.org != "*" else None
        holders = self.kb.holders(set(m.categories), m.country, org, *self.period)
        if m.org == "*" and len(holders) > 1:
            holders = [p for p in holders if p.organisation]
        if len(holders) == 1:
            return self.person_entity(holders[0], m.title_raw, set(m.categories))
        return None

    def resolve(self, m: Mention) -> Entity | None:
        if m.entity is not None:
            return m.entity
        if m.kind == "role":
            return self.resolve_role(m)
        if m.kind == "statement":
            for ent in reversed(self.speakers):
                if "organisation" in ent.categories:
                    return ent
        return None

    def previous_speaker(self, gender: str) -> Entity | None:
        for ent in reversed(self.speakers):
            if (gender == "f") == (ent.gender == "f" or "organisation" in ent.categories):
                return ent
        return self.speakers[-1] if self.speakers else None

    def note(self, ent: Entity | None, spoke: bool) -> None:
        if ent is None:
            return
        self.history.append(ent)
        if spoke:
            self.speakers.append(ent)


def attribute(
    nt: NormText,
    paragraphs: tuple[Paragraph, ...],
    body: set[int],
    quotes: tuple[Quote, ...],
    kb: Knowledge,
    res: Resources,
    when: date | None,
    period: tuple[date, date] | None = None,
) -> Attribution:
    """Speakers of every speech quote and the reporting subject of every body sentence.

    ``period`` (first and last day of the publication month or year) stands in for ``when``
    when only that is known: a bare title resolves to the KB holder only within a tenure."""
    an = _Analyzer(nt, kb, res, when, period)
    speech = [(qi, q) for qi, q in enumerate(quotes) if q.speech]
    sentences: dict[tuple[int, int], SentenceAttribution] = {}
    quote_speakers: dict[int, Entity | None] = {}
    for pi, para in enumerate(paragraphs):
        if pi not in body:
            continue
        for si, sent in enumerate(para.sentences):
            sa = _sentence(an, nt, pi, sent, speech, res, quote_speakers)
            sentences[(pi, si)] = sa
    return Attribution(sentences, quote_speakers)


_SVO_GAP = frozenset(
    norm(w) for w in ("،", ",", "كانت", "كان", "وكانت", "وكان", "قد", "الذي", "التي")
)
_PREPS = frozenset(norm(w) for w in ("مع", "عن", "إلى", "على", "من", "في", "ل", "ب", "لدى", "بين"))


def _topic_subject(an: _Analyzer, toks, mentions: list[Mention], cue: Cue) -> Entity | None:
    """The subject of a sentence whose cue has none of its own: a person or body opening the
    sentence ('أما رئيس الوزراء … فانتقد …، قائلاً:'، 'انتقد الوزير X الغرب، معتبرا أن'), not one
    after a preposition ('خلال اتصال مع الرئيس …')."""
    for m in mentions:
        if m.ti >= cue.ti or m.ti > 5:
            return None
        if m.kind not in ("person", "org", "role"):
            continue
        if m.ti > 0 and _strip_conj(toks[m.ti - 1][2]) in _PREPS:
            return None
        ent = an.resolve(m)
        if ent is None:
            return None
        is_f = ent.gender == "f" or "organisation" in ent.categories
        return ent if (cue.gender == "f") == is_f else None
    return None


def _sentence_topic(an: _Analyzer, toks, mentions: list[Mention]) -> Entity | None:
    """The named person a sentence without a cue is about: the subject opening it, right
    after its verb or first ('وقلل الأمين العام للمنظمة X من أهمية الخطوة'), never one
    after a preposition."""
    m = mentions[0] if mentions else None
    if m is None or m.ti > 1 or m.kind not in ("person", "role"):
        return None
    if m.ti > 0 and (_strip_conj(toks[m.ti - 1][2]) in _PREPS or not toks[0][2].isalpha()):
        return None
    ent = an.resolve(m)
    if ent is None or "organisation" in ent.categories or ent.ref.kind != "person":
        return None
    return ent if ent.ref.slug is not None or m.kind == "person" else None


def _sentence(
    an: _Analyzer,
    nt: NormText,
    pi: int,
    sent: Sentence,
    speech: list[tuple[int, Quote]],
    res: Resources,
    quote_speakers: dict[int, Entity | None],
) -> SentenceAttribution:
    k0, k1 = nt.key_offset(sent.start), nt.key_offset(sent.end)
    inside = [
        (nt.key_offset(q.start), nt.key_offset(q.end))
        for _, q in speech
        if q.paragraph == pi and q.start < sent.end and q.end > sent.start
    ]
    toks = nt.tokens_in(k0, k1)
    if inside:  # tokens inside speech quotes are not narration
        toks = [t for t in toks if not any(a <= t[0] < b for a, b in inside)]
    mentions = an.mentions(toks)
    cues = an.cues(toks)
    sa = SentenceAttribution(cues=cues)
    by_start = {m.ti: m for m in mentions}
    by_end = {m.tj: m for m in mentions}

    def subject_of(c: Cue) -> Entity | None:
        # VSO: the mention right after the cue (skipping commas and adverbs)
        j = c.ti + 1
        while j < len(toks) and toks[j][2] in _ADVERBS and j - c.ti <= 3:
            j += 1
        # "وبحسب بيان (صادر عن) وزارة الدفاع": the body that issued the statement; after
        # 'وفقاً' the ل is attached ('ووفقاً لبيان وزارة …')
        k = j
        while (
            k < len(toks)
            and k - j < 3
            and (
                toks[k][2] in _STATEMENT_LEAD
                or (
                    k == j
                    and c.kind == "prep"
                    and toks[k][2][:1] == "ل"
                    and toks[k][2][1:] in _STATEMENT_LEAD
                )
            )
        ):
            k += 1
        if k > j and by_start.get(k) is not None and by_start[k].kind == "org":
            return an.resolve(by_start[k])
        if c.kind == "verb" and (anon := an.anonymous_entity(toks, j)) is not None:
            return anon
        m = by_start.get(j)
        if m is None and c.kind == "prep" and j < len(toks) and toks[j][2][:1] == "ل":
            # 'وفقاً لوزير الخارجية الروسي سيرغي لافروف': the name after the ل-title
            for x in range(j + 1, min(j + 7, len(toks))):
                if not toks[x][2].isalpha():
                    break
                if (mx := by_start.get(x)) is not None:
                    if mx.kind == "person":
                        m = mx
                    break
        if m is not None and m.kind == "org" and (c.gender == "f" or c.kind == "prep"):
            # 'وردت …' or 'وبحسب الدبلوماسية الروسية' (no verb to say the gender)
            fem = an.feminine_reading(toks, m)
            if fem is not None:
                return fem
        if m is not None:
            ent = an.resolve(m)
            if ent is None and m.kind == "role":
                ent = an.title_entity(toks, j, m)
            return ent
        if c.kind == "verb" and j < len(toks):
            ent = an.title_entity(toks, j, None)  # a title that needs a complement to mean it
            if ent is not None:
                return ent
        if c.kind == "verb":
            # SVO: a mention right before the verb (a comma or an auxiliary may intervene)
            j = c.ti
            # a relative clause takes its antecedent ('تصريحات لـX، الذي قال "…"')
            while j > 0 and toks[j - 1][2] in _SVO_GAP:
                j -= 1
            m = by_end.get(j)
            if m is not None and m.kind in ("person", "org", "role"):
                ent = an.resolve(m)
                if ent is None and m.kind == "role":
                    ent = an.title_entity(toks, m.ti, m)
                return ent
        return None

    # "نقلت وكالة X عن Y قوله …": the one the agency quotes speaks, not the agency
    relay: tuple[int, Entity] | None = None
    for i, (_a, _b, t) in enumerate(toks):
        if _strip_conj(t) in res.transmission_verbs or t in res.transmission_verbs:
            j = next((x for x in range(i + 1, min(i + 10, len(toks))) if toks[x][2] == "عن"), None)
            m = by_start.get(j + 1) if j is not None else None
            if m is not None and m.kind in ("person", "org", "role"):
                ent = an.resolve(m) or (
                    an.title_entity(toks, j + 1, m) if m.kind == "role" else None
                )
                if ent is not None:
                    relay = (i, ent)
                    if not any(c.ti > i for c in cues):  # "… قوله إن": the verb is the cue
                        ra, rb = nt.raw_span(toks[i][0], toks[i][1])
                        cues = sorted([*cues, Cue(i, "verb", "m", ra, rb)], key=lambda c: c.ti)
                        sa.cues = cues
            break
    main: Entity | None = None
    for c in cues:
        ent = relay[1] if relay is not None and c.ti >= relay[0] else subject_of(c)
        if ent is not None:
            sa.subjects[c.ti] = ent
            if main is None:
                main = ent
                sa.explicit = True
    # the reported content starts at the first complementizer after the first cue
    if cues:
        for a, _b, t in toks:
            if nt.raw_start(a) > cues[0].raw_end and (t in res.complementizers or t == ":"):
                sa.content_start = nt.raw_start(a)
                break
    # mentions enter the discourse (non-subjects too: they can be antecedents of a role)
    subj_keys = {e.key for e in sa.subjects.values()}
    for m in mentions:
        ent = m.entity
        if ent is not None and ent.key not in subj_keys:
            an.note(ent, spoke=False)
    if main is None and cues:
        main = _topic_subject(an, toks, mentions, cues[0])
        if main is not None:
            sa.explicit = True
            sa.subjects[cues[0].ti] = main
    if main is None and cues and cues[0].gender == "m":
        # 'أبدى دبلوماسي قرغيزي … خيبة أمله، وقال …': an unnamed subject of an earlier verb
        for i in range(1, min(cues[0].ti, 6)):
            if _strip_conj(toks[i - 1][2]) in _PREPS:
                continue
            if (anon := an.anonymous_entity(toks, i)) is not None:
                main = anon
                sa.explicit = True
                sa.subjects[cues[0].ti] = main
                break
    if main is None and cues and an.topic is not None and cues[0].gender == an.topic.gender:
        # 'وقلل الأمين العام … X من أهمية الخطوة. وقال لقناة "…": "…"' → X
        main = an.topic
        sa.explicit = True
        sa.subjects[cues[0].ti] = main
    if main is None and cues:
        main = an.previous_speaker(cues[0].gender)
    sa.speaker = main
    an.topic = None if cues else _sentence_topic(an, toks, mentions)
    # speech quotes opening in this sentence, in order
    current = None
    for qi, q in speech:
        if q.paragraph != pi:
            continue
        mark = q.open_mark if q.open_mark is not None else q.start
        if not (sent.start <= mark < sent.end + 1):
            continue
        region_cues = [c for c in cues if q.cue_start <= c.raw_start < mark]
        ent = None
        for c in reversed(region_cues):  # the reporting verb nearest the quote
            if c.ti in sa.subjects:
                ent = sa.subjects[c.ti]
                break
            if c.kind == "participle" and c is not cues[0] and main is not None and sa.explicit:
                # 'ولفت الرئيس إلى أن بلاده أبلغت المنظمة …، مضيفاً: "…"': the participle
                # goes with the main clause, not with a verb inside its complement
                ent = main
                break
        if ent is None and current is None:
            # the nearest reporting verb before the quote that has a subject ("وكانت أرمينيا قد
            # أبلغت الأمانة …، وقالت وزارة الخارجية الشهر الماضي إن "…"")
            near = [c for c in cues if c.raw_start < mark and c.ti in sa.subjects]
            if near:
                ent = sa.subjects[near[-1].ti]
        if ent is None:
            if current is not None:
                ent = current
            elif main is not None and sa.explicit:
                ent = main
            else:
                gender = region_cues[0].gender if region_cues else (cues[0].gender if cues else "m")
                ent = an.previous_speaker(gender)
        quote_speakers[qi] = ent
        current = ent
        if ent is not None:
            an.note(ent, spoke=True)
    if main is not None and (sa.explicit or cues):
        an.note(main, spoke=True)
        if current is not None and current is not main:
            an.note(current, spoke=True)
    return sa


__all__ = ["Attribution", "Entity", "SentenceAttribution", "attribute"]
