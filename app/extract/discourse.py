"""The article's discourse: the entities that can speak, and their salience.

Entities are knowledge-base people and organisations, people named by a title and a name
(known to the knowledge base or not), people named by a title alone, institutions and media
(الخدمة الصحفية للوزارة، إذاعة …), and unnamed speakers (دبلوماسي قرغيزي). Each carries its
grammatical gender (قال / قالت: a body is feminine, a person by the titles written or known)
and role categories. The discourse keeps, in text order, every entity mentioned (``history``:
antecedents of a role word) and every entity that spoke (``speakers``): recency and having
spoken are what the attribution stage ranks candidates by (``attribution.py``).

A role reference (الوزير، رئيس الدبلوماسية الروسية) resolves to the latest compatible entity
(role category from ``data/titles.json``, country nisba), else to the knowledge-base holder of
that role at the article's date — only when one tenure covers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.extract.frozen import quick_init
from app.extract.knowledge import Knowledge, Organisation, Person
from app.extract.model import SpeakerRef
from app.extract.resources import Resources
from app.extract.textnorm import NormText, norm

_GENDER: dict[str, str] = {}
# 'رئيس' before a body: of a country it is the head of state, of any other body its head
_HEAD_CATEGORIES = frozenset(
    {"head_of_state", "head_of_body"}
)  # person slug -> grammatical gender read from the KB's titles


@quick_init
@dataclass(frozen=True)
class Entity:
    """A discourse entity that can speak."""

    key: str
    ref: SpeakerRef
    categories: frozenset[str] = frozenset()
    gender: str = "m"


@quick_init
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


@quick_init
@dataclass(frozen=True)
class Cue:
    ti: int
    kind: str  # verb | participle | prep
    gender: str
    raw_start: int
    raw_end: int


# a body named by its head word alone (الوزارة، المنظمة) is the latest such body
_BODY_HEADS = frozenset(norm(w) for w in ("وزارة", "منظمة", "رئاسة", "حكومة", "أمانة"))


def _body_stem(w: str) -> str:
    w = _strip_conj(w)
    return w[2:] if w.startswith("ال") else w


def _issuer(ent: Entity) -> bool:
    """A body that issues statements (not a group, a country, a medium or a document)."""
    return "organisation" in ent.categories and not (
        ent.categories & {"group", "country", "medium", "document"}
    )


def _strip_conj(t: str) -> str:
    return t[1:] if len(t) > 3 and t[0] in "وف" else t


class Discourse:
    """The entities of one article, in the order they enter it."""

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
        # the last word of a name written in full after a title ('سيريك شلباييف'): alone later
        # ('وقال شلباييف') it is the same person
        self.surnames: dict[str, Entity] = {}
        self.institutions: dict[str, Entity] = {}  # head (الخدمة الصحفية) -> latest such body

    # ---- entities -------------------------------------------------------------------------
    def person_entity(self, p: Person, title_raw: str | None, cats: set[str]) -> Entity:
        # the role held at the article's date (or in its month/year); undated, a person with
        # several roles keeps the one written, never a guessed one (Shoigu's first office)
        roles = (p.roles_in(*self.period) if self.period is not None else ()) or p.roles
        role = roles[0] if roles and (self.period is not None or len(p.roles) == 1) else None
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

    def agrees(self, title: Entity, person: Entity) -> bool:
        """A title-only speaker and a named person can be one: same gender, the same head
        word in their roles, compatible role categories, no other country."""
        if person.gender != title.gender or "organisation" in person.categories:
            return False
        tc, pc = title.ref.country, person.ref.country
        if tc and pc and tc != pc:
            return False
        # the title's head word is in the person's role ('متحدثة …' / 'المتحدثة الرسمية'),
        # so a commander is never taken for a chief of staff named nearby
        words = norm(title.ref.role_ar or "").split()
        head = words[0] if words else ""
        head = head[2:] if head.startswith("ال") else head
        if not head or head not in norm(person.ref.role_ar or ""):
            return False
        for c in title.categories:
            allowed = self.res.compatible.get(c, frozenset({c}))
            if "*" in allowed or c in person.categories or person.categories & allowed:
                return True
        return False

    def resolve_role(self, m: Mention) -> Entity | None:
        if m.org and not m.country and m.categories <= _HEAD_CATEGORIES:
            head = self._organisation_head(m)
            if head is not None:
                return head
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
        # only a holder the article names somewhere: the knowledge base may tell who a bare
        # title is, never put in a person the text does not write
        holders = [p for p in holders if self._named_in_text(p)]
        if len(holders) == 1:
            return self.person_entity(holders[0], m.title_raw, set(m.categories))
        return None

    def _organisation_head(self, m: Mention) -> Entity | None:
        """'رئيس المنظمة' of an intergovernmental organisation is its secretary general: the
        latest one in the discourse, else the holder at the article's date whom the article
        names. The head of any other body (رئيس الوفد، رئيس مكتب الرئاسة) speaks as written."""
        org = self.kb.organisations.get(m.org)
        if org is None or org.kind != "intergovernmental":
            return None
        for ent in reversed(self.history):
            p = self.kb.people.get(ent.ref.slug or "") if ent.ref.kind == "person" else None
            if (
                p is not None
                and p.organisation == org.slug
                and "secretary_general" in ent.categories
            ):
                return ent
        if self.period is None:
            return None
        holders = self.kb.holders({"secretary_general"}, None, org.slug, *self.period)
        holders = [p for p in holders if self._named_in_text(p)]
        if len(holders) == 1:
            return self.person_entity(holders[0], m.title_raw, {"secretary_general"})
        return None

    def _named_in_text(self, p: Person) -> bool:
        key = self.nt.key
        return any(norm(f) in key for f in (*p.surnames, *p.forms) if f)

    def resolve(self, m: Mention, recent: tuple[Entity, ...] = ()) -> Entity | None:
        """The entity a mention stands for; ``recent``: the subjects of the sentence so far
        (latest last), which a body word (وقالت الوزارة) may take up before they are noted."""
        if m.entity is not None:
            return m.entity
        if m.kind == "role":
            return self.resolve_role(m)
        if self.body_word(m):
            # 'الوزارة'، 'المنظمة': the latest body of that kind mentioned (a ministry, an
            # organisation), before the latest that spoke
            stem = _body_stem(m.title_raw or "")
            for ent in reversed([*self.history, *recent]):
                if _issuer(ent) and norm(ent.ref.name_ar).startswith(stem):
                    return ent
        if m.kind == "statement":
            # 'البيان': the latest body that spoke issued it (a group, a country, a medium or
            # another document does not issue one)
            for ent in reversed(self.speakers):
                if "organisation" in ent.categories and not (
                    ent.categories & {"group", "country", "medium", "document"}
                ):
                    return ent
        return None

    @staticmethod
    def body_word(m: Mention) -> bool:
        """A statement noun that names a body by its head word (الوزارة، المنظمة)."""
        return m.kind == "statement" and _body_stem(m.title_raw or "") in _BODY_HEADS

    def note(self, ent: Entity | None, spoke: bool) -> None:
        if ent is None:
            return
        self.history.append(ent)
        if spoke:
            self.speakers.append(ent)
