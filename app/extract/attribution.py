"""Attribution: who speaks each quotation and each reporting sentence.

For each body sentence (in text order) the mentions and cues are read (``mentions.py``); a
cue's subject is the mention right after it (VSO) or right before it (SVO: رئيس كازاخستان
أعلن). A cue with no subject of its own (a bare وقال:، a participle, a quoted paragraph with
no verb) takes a candidate from the discourse (``discourse.py``): the person opening the
sentence, the person the previous sentence was about, the latest speaker whose gender agrees
with the verb. Names in other positions (خلال اجتماع مع الرئيس فلاديمير بوتين) are never
subjects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.extract.discourse import Cue, Discourse, Entity, Mention, _strip_conj
from app.extract.knowledge import Knowledge
from app.extract.mentions import MentionReader
from app.extract.quotes import Quote
from app.extract.reported import BACK_OBJECTS, ReportedClause
from app.extract.resources import Resources
from app.extract.segment import Paragraph, Sentence
from app.extract.textnorm import NormText, norm

# honorifics before a title: 'رحب فخامة الرئيس X'، 'وقال معالي الوزير'
_HONORIFICS = frozenset(norm(w) for w in ("فخامة", "سيادة", "معالي", "سعادة", "سمو", "جلالة"))
_ADVERBS = _HONORIFICS | frozenset(
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
        # a preposition with a pronoun pointing back to the occasion ('بيان أشارت فيه
        # الوزارة'، 'مؤتمر أكد خلاله الوزير'): the subject follows it
        "عنه",  # 'هذا ما أعلن عنه X'
        "عنها",
        "خلاله",
        "خلالها",
        "فيه",
        "فيها",
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
        "تغريدة",  # 'وجاء في تغريدة لباشينيان:'
        "تغريدات",  # 'وحسب "تغريدات" لصادق،'
        "تدوينة",
        "قول",  # 'وبحسب قول زاس، …'
        "تعبير",
        "منشور",
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


@dataclass
class SentenceAttribution:
    cues: list[Cue] = field(default_factory=list)
    speaker: Entity | None = None  # the sentence's reporting subject (explicit or inherited)
    explicit: bool = False
    subjects: dict[int, Entity] = field(default_factory=dict)  # cue ti -> subject
    own: set[int] = field(default_factory=set)  # cues whose subject is written beside them
    named: list[Entity] = field(default_factory=list)  # people named in the sentence
    content_start: int | None = None  # raw offset of the first complementizer after the first cue
    relays: dict[int, int] = field(default_factory=dict)  # 'نقلا عن X' cue ti -> its raw start


@dataclass
class Attribution:
    sentences: dict[tuple[int, int], SentenceAttribution]
    quote_speakers: dict[int, Entity | None]
    # index into the reported clauses given -> speaker (None: the clause has none and is no
    # statement, e.g. 'وفقاً لقرار المجلس')
    reported_speakers: dict[int, Entity | None] = field(default_factory=dict)


def attribute(
    nt: NormText,
    paragraphs: tuple[Paragraph, ...],
    body: set[int],
    quotes: tuple[Quote, ...],
    kb: Knowledge,
    res: Resources,
    when: date | None,
    period: tuple[date, date] | None = None,
    reported: tuple[ReportedClause, ...] = (),
) -> Attribution:
    """Speakers of every speech quote, every reported clause, and the reporting subject of
    every body sentence.

    ``period`` (first and last day of the publication month or year) stands in for ``when``
    when only that is known: a bare title resolves to the KB holder only within a tenure."""
    an = Discourse(nt, kb, res, when, period)
    rd = MentionReader(an)
    speech = [(qi, q) for qi, q in enumerate(quotes) if q.speech]
    sentences: dict[tuple[int, int], SentenceAttribution] = {}
    quote_speakers: dict[int, Entity | None] = {}
    reported_speakers: dict[int, Entity | None] = {}
    clauses: dict[tuple[int, int], list[tuple[int, ReportedClause]]] = {}
    for ri, rc in enumerate(reported):
        clauses.setdefault((rc.paragraph, rc.sentence), []).append((ri, rc))
    for pi, para in enumerate(paragraphs):
        if pi not in body:
            continue
        for si, sent in enumerate(para.sentences):
            sa = _sentence(an, rd, nt, pi, sent, speech, res, quote_speakers)
            sentences[(pi, si)] = sa
            last = None
            for ri, rc in clauses.get((pi, si), ()):
                reported_speakers[ri] = ent = _clause_speaker(sa, rc)
                last = ent or last
            if last is not None and (not an.speakers or an.speakers[-1] is not last):
                # a relayed speaker ('أفادت الوكالة أنه قال الرئيس إن …') or a clause of its
                # own ('…، فيما صرح X أن') is the one the next bare verb goes on with
                an.note(last, spoke=True)
    _opening_cataphora(sentences, quote_speakers, quotes)
    _name_titles(an, sentences, quote_speakers, reported_speakers)
    return Attribution(sentences, quote_speakers, reported_speakers)


def _opening_cataphora(
    sentences: dict[tuple[int, int], SentenceAttribution],
    quote_speakers: dict[int, Entity | None],
    quotes: tuple[Quote, ...],
) -> None:
    """A text cut before its first speaker is named ('وأضاف: "…"' opening it, the page's
    lead lost): the quotes before anyone spoke go to the first person the text then names as
    the subject of a reporting verb."""
    spoke = [sa for _k, sa in sorted(sentences.items()) if sa.speaker is not None and sa.cues]
    if not spoke or not spoke[0].explicit or spoke[0].speaker.ref.kind != "person":
        return
    first = spoke[0]
    for qi, ent in quote_speakers.items():
        if ent is None and quotes[qi].end <= first.cues[0].raw_start:
            quote_speakers[qi] = first.speaker


def _name_titles(
    an: Discourse,
    sentences: dict[tuple[int, int], SentenceAttribution],
    quote_speakers: dict[int, Entity | None],
    reported_speakers: dict[int, Entity | None],
) -> None:
    """A speaker known only by a title the article never resolved ('وقال العقيد:'،
    'علقت متحدثة الخارجية …') is the person of that title named in an adjacent sentence
    (before first, then after), when exactly one such person is: the name is the article's."""
    order = list(sentences)
    where: dict[str, int] = {}
    for n, k in enumerate(order):
        sa = sentences[k]
        for ent in [sa.speaker, *sa.subjects.values()]:
            if ent is not None and ent.key.startswith("t:"):
                where.setdefault(ent.key, n)
    named: dict[str, Entity] = {}
    for key, n in where.items():
        title = next(
            e for k in order for e in [sentences[k].speaker, *sentences[k].subjects.values()]
            if e is not None and e.key == key
        )  # fmt: skip
        for m in (n - 1, n + 1, n + 2):
            if not 0 <= m < len(order):
                continue
            cands = {e.key: e for e in sentences[order[m]].named if an.agrees(title, e)}
            if len(cands) == 1:
                named[key] = next(iter(cands.values()))
                break
    if not named:
        return
    for table in (quote_speakers, reported_speakers):
        for i, ent in table.items():
            if ent is not None and ent.key in named:
                table[i] = named[ent.key]
    for sa in sentences.values():
        if sa.speaker is not None and sa.speaker.key in named:
            sa.speaker = named[sa.speaker.key]
        for ti, ent in list(sa.subjects.items()):
            if ent.key in named:
                sa.subjects[ti] = named[ent.key]


def _main_clause_subject(
    toks, cues: list[Cue], c: Cue, sa: SentenceAttribution, main: Entity
) -> Entity:
    """The subject a participle goes with: that of the nearest main-clause verb before it —
    the sentence's first verb (also after a fronted 'وفقاً للرئاسة، أكد X …، معرباً'), one
    coordinated with و/ف (وقال X …، مضيفاً), or one after a full stop the text left unspaced
    — not a verb inside a complement clause (… أن بلاده أبلغت)."""
    first_verb = next((x for x in cues if x.kind == "verb"), None)
    before = [x for x in cues if x.ti < c.ti]
    for n, prev in enumerate(reversed(before)):
        if prev.kind != "verb":
            continue
        if prev.ti not in sa.subjects:
            w = toks[prev.ti][2]
            if len(w) > 3 and w[0] in "وف" and n == 0:
                # 'عبّر الوزير X عن أسفه وقال إن …، مضيفا أن': a bare coordinated verb goes on
                # with the subject of the verb before it, and so does the participle
                earlier = next((x for x in reversed(before[:-1]) if x.ti in sa.subjects), None)
                if earlier is not None:
                    return sa.subjects[earlier.ti]
            continue
        w = toks[prev.ti][2]
        coordinated = len(w) > 3 and w[0] in "وف"
        after_stop = prev.ti > 0 and toks[prev.ti - 1][2] in (".", "؛", ";")
        if prev is first_verb or coordinated or after_stop:
            return sa.subjects[prev.ti]
    return main


_COMPLEMENT_REACH = 3  # words between a complement's subject and the quote it utters


def _complement_speaker(nt: NormText, toks, by_start: dict, c: Cue, mark: int) -> Entity | None:
    """'أعلن المكتب الإعلامي أن الرئيس X أدان «…»': a quotation inside the reported clause,
    right after the clause's own subject and its verb, is that person's words."""
    k = next(
        (i for i in range(c.ti + 1, len(toks)) if toks[i][2] in _THAT_WORDS), None
    )  # fmt: skip
    if k is None or nt.raw_start(toks[k][0]) >= mark:
        return None
    m = by_start.get(k + 1)
    if m is None or m.kind != "person" or m.entity is None:
        return None
    gap = [t for t in toks[m.tj :] if nt.raw_start(t[0]) < mark]
    return m.entity if 0 < len(gap) <= _COMPLEMENT_REACH else None


def _clause_speaker(sa: SentenceAttribution, rc: ReportedClause) -> Entity | None:
    """The speaker of a reported clause: its cue's own subject; a verb or participle without
    one takes the sentence's reporting subject (explicit or inherited); an attribution phrase
    without a speaker as its object ('وفقاً لقرار …') has none."""
    cue = next((c for c in sa.cues if c.raw_start == rc.cue_start), None)
    if cue is None:
        return None
    for ti, at in sa.relays.items():
        # 'وأفادت وكالة تاس نقلاً عن X بأن …': the one the medium relays spoke
        if rc.cue_end <= at < rc.content_start and ti in sa.own:
            return sa.subjects[ti]
    if cue.kind == "prep":
        # its object must be a speaker ('وبحسب الوزير'); 'ووفقاً للمرسوم، …' has none
        return sa.subjects.get(cue.ti) if cue.ti in sa.own else None
    ent = sa.subjects.get(cue.ti)
    return ent if ent is not None else sa.speaker


_THAT_WORDS = frozenset(norm(w) for w in ("أن", "إن", "بأن", "أنه", "إنه"))
# 'صرح بذلك X'، 'قال ذلك X': the words given before the cue, then its subject
_BACK_REFS = frozenset(norm(w) for w in ("بذلك", "ذلك", "هذا", "بهذا"))
# an apposition between a title and the name: 'وفقاً للمساعد الرئاسي - يوري …'
_APPOSITION = frozenset(("-", "–", "،", ","))

# words that govern the mention after them: it is no subject of the verb that follows
_GOVERNED_BY = frozenset(norm(w) for w in ("برئاسة", "بحضور", "بمشاركة", "بقيادة", "بدعوة"))
# nouns of a medium whose name follows ('وفقاً لموقع "…"')
_MEDIUM_NOUNS = frozenset(norm(w) for w in ("موقع", "صحيفة", "قناة", "وكالة", "مجلة", "إذاعة"))


def _is_medium(m: Mention) -> bool:
    return m.entity is not None and "medium" in m.entity.categories


# attribution phrases that relay another's words inside a report ('نقلاً عن X'، 'على لسان X')
_RELAYING = frozenset(norm(w) for w in ("نقلا", "نقلاً"))
_IN_WHICH = frozenset(norm(w) for w in ("فيها", "فيه"))
# the object of an attribution phrase as a pronoun, and the gender it gives
# ('بحسب قوله، …'، 'وفق تعبيرها': his or her words, of the speaker just reported)
_PRONOUN_OBJECTS = {norm("له"): "m", norm("لها"): "f", norm("لهم"): "p"} | {
    norm(noun + suffix): gender
    for noun in ("قول", "تعبير", "كلام", "رأي", "تصريح", "تصريحات")
    for suffix, gender in (("ه", "m"), ("ها", "f"), ("هم", "p"))
}
_SVO_GAP = frozenset(
    norm(w) for w in ("،", ",", "كانت", "كان", "وكانت", "وكان", "قد", "الذي", "التي")
)
_PREPS = frozenset(norm(w) for w in ("مع", "عن", "إلى", "على", "من", "في", "ل", "ب", "لدى", "بين"))


# How much each feature of a candidate antecedent counts, for a cue with no subject written
# beside it (a bare وقال:، a participle, a quotation with no verb). A new phenomenon is a new
# feature here, not a new branch.
FEATURE_WEIGHTS = {
    "subject_of_preceding_relative": 5.0,  # '… وهو ما أدانته روسيا، معتبرة أنه'
    "opens_sentence": 4.0,  # 'أما رئيس الوزراء … فانتقد …، قائلاً:' / 'رفضت أرمينيا …، وقالت'
    "subject_of_earlier_verb": 3.0,  # 'أبدى دبلوماسي قرغيزي … خيبة أمله، وقال'
    "previous_sentence_topic": 2.0,  # 'وقلل الأمين العام X من أهمية الخطوة. وقال:'
    "spoke": 1.0,  # an entity that already spoke in the article
    "gender_agrees": 0.5,  # قال / قالت with the entity's gender (a body takes قالت)
    "number_disagrees": -1.0,  # a singular verb and a group (القادة، الدول الأعضاء)
    "recency": -0.05,  # per speaker that spoke since
}
_SPEAKER_POOL = 10  # how many earlier speakers are candidates


def _agrees(ent: Entity, gender: str | None) -> bool:
    """قال / قالت / قالوا with the entity: a body takes the feminine, a group or unnamed
    officials (القادة، مسؤولون) the plural."""
    if gender is None:
        return False
    if gender == "p" or "plural" in ent.categories:
        return gender == "p" and "plural" in ent.categories
    return (gender == "f") == (ent.gender == "f" or "organisation" in ent.categories)


def _speaker_candidates(an: Discourse, gender: str | None) -> list[tuple[dict, Entity]]:
    """The article's earlier speakers, latest first, with their features."""
    out: list[tuple[dict, Entity]] = []
    seen: set[str] = set()
    for ent in reversed(an.speakers[-_SPEAKER_POOL * 3 :]):
        if ent.key in seen:
            continue
        seen.add(ent.key)
        feats = {"spoke": 1, "recency": len(seen) - 1}
        if _agrees(ent, gender):
            feats["gender_agrees"] = 1
        elif gender in ("m", "f") and "plural" in ent.categories:
            feats["number_disagrees"] = 1  # a bare 'وأضاف' does not go on with 'القادة'
        out.append((feats, ent))
        if len(out) >= _SPEAKER_POOL:
            break
    return out


def _score(feats: dict) -> float:
    return sum(FEATURE_WEIGHTS[k] * v for k, v in feats.items())


def _ranked(cands: list[tuple[dict, Entity]]) -> Entity | None:
    """The best candidate (the first of equals: the most recent)."""
    best: tuple[float, Entity] | None = None
    for feats, ent in cands:
        sc = _score(feats)
        if best is None or sc > best[0]:
            best = (sc, ent)
    return best[1] if best else None


def _ranked_subject(
    an: Discourse, rd: MentionReader, toks, mentions: list[Mention], cue: Cue
) -> tuple[Entity | None, bool]:
    """The subject of a cue none is written beside, ranked among the candidates the sentence
    and the discourse offer; and whether it comes from this sentence or the one before (an
    explicit subject) rather than from the speakers so far."""
    cands: list[tuple[dict, Entity]] = []
    rel = _relative_subject(an, toks, mentions, cue)
    if rel is not None:
        cands.append(({"subject_of_preceding_relative": 1}, rel))
    opening = _topic_subject(an, toks, mentions, cue)
    if opening is not None:
        cands.append(({"opens_sentence": 1}, opening))
    if cue.gender in ("m", "p"):
        for i in range(1, min(cue.ti, 6)):
            if _strip_conj(toks[i - 1][2]) in _PREPS:
                continue
            if (anon := rd.anonymous_entity(toks, i)) is not None:
                if _agrees(anon, cue.gender):
                    cands.append(({"subject_of_earlier_verb": 1}, anon))
                break
    if an.topic is not None and cue.gender == an.topic.gender:
        cands.append(({"previous_sentence_topic": 1}, an.topic))
    explicit = bool(cands)
    cands += _speaker_candidates(an, cue.gender)
    best = _ranked(cands)
    if best is None:
        return None, False
    # explicit when the winner came from the sentence or the previous one
    won = max(cands, key=lambda c: _score(c[0]))[0]
    return best, explicit and "spoke" not in won


def _relative_subject(an: Discourse, toks, mentions: list[Mention], cue: Cue) -> Entity | None:
    """'… وهو ما أدانته روسيا، معتبرة أنه …': the subject of a relative 'ما' + verb with its
    object pronoun, closed by the comma right before the cue, is the one the cue goes on with
    (when the genders agree)."""
    if cue.ti < 4 or toks[cue.ti - 1][2] not in ("،", ","):
        return None
    m = next((x for x in mentions if x.tj == cue.ti - 1), None)
    if m is None or m.ti < 2 or m.kind not in ("person", "org", "role", "country"):
        return None
    verb, rel = toks[m.ti - 1][2], toks[m.ti - 2][2]
    if rel != "ما" or len(verb) < 4 or not verb.endswith(("ه", "ها")):
        return None
    ent = an.resolve(m)
    return ent if ent is not None and _agrees(ent, cue.gender) else None


def _topic_subject(an: Discourse, toks, mentions: list[Mention], cue: Cue) -> Entity | None:
    """The subject of a sentence whose cue has none of its own: a person or body opening the
    sentence ('أما رئيس الوزراء … فانتقد …، قائلاً:'، 'انتقد الوزير X الغرب، معتبرا أن'), not one
    after a preposition ('خلال اتصال مع الرئيس …')."""
    lead = _fronted(toks)
    for m in mentions:
        if m.ti >= cue.ti or m.ti - lead > 5:
            return None
        if m.kind not in ("person", "org", "role", "country"):
            continue
        before = _strip_conj(toks[m.ti - 1][2]) if m.ti > 0 else ""
        if before in _PREPS or before in _GOVERNED_BY:
            if m.kind == "country":
                continue  # 'في روسيا، انتقد الوزير …': a place, not the subject
            return None
        ent = an.resolve(m)
        if ent is None:
            return None
        is_f = ent.gender == "f" or "organisation" in ent.categories
        if m.kind == "country" and (cue.gender == "f") != is_f:
            continue  # 'موسكو - انتقد الوزير X …، معتبرا': a place before its subject
        return ent if _agrees(ent, cue.gender) else None
    return None


def _verb_over_source(toks, cues: list[Cue], c: Cue, sa: SentenceAttribution, res) -> Cue | None:
    """An attribution phrase inside a verb's clause, before its content ('وأضاف X وفقا لبيان
    صادر عن الوزارة أن …'), names where the words were given: the verb's subject speaks."""
    if c.kind != "prep":
        return None
    verb = next((x for x in reversed(cues) if x.ti < c.ti and x.kind == "verb"), None)
    if (
        verb is None
        or sa.subjects.get(verb.ti) is None
        or "organisation" in sa.subjects[verb.ti].categories
    ):
        return None
    between = (t[2] for t in toks[verb.ti + 1 : c.ti])
    if any(w in res.complementizers or w in (":", '"', ".") for w in between):
        return None
    return verb


def _fronted(toks) -> int:
    """Tokens a sentence opens with before its clause: a fronted phrase closed by a comma
    within its first six tokens ('في بداية اللقاء، رحب …') and honorifics ('فخامة')."""
    comma = next((i for i, t in enumerate(toks[:6]) if t[2] in ("،", ",")), None)
    lead = comma + 1 if comma is not None else 0
    return lead + sum(1 for t in toks[lead : lead + 8] if t[2] in _HONORIFICS)


def _sentence_topic(an: Discourse, toks, mentions: list[Mention]) -> Entity | None:
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


def _colon_before(nt: NormText, toks, mark: int) -> bool:
    """The last narration token before the quotation mark at ``mark`` is a colon."""
    before = [t for t in toks if nt.raw_start(t[0]) < mark]
    return bool(before) and before[-1][2] == ":"


def _headline_speaker(
    an: Discourse, nt: NormText, toks, mentions: list[Mention], start: int, mark: int
) -> Entity | None:
    """'بوتين: "…"'، 'وزير الخارجية الروسي: …': a sentence that is only a speaker's name
    (or title) and a colon before the quotation gives it that speaker."""
    lead = [i for i, t in enumerate(toks) if start <= nt.raw_start(t[0]) < mark]
    if len(lead) < 2 or toks[lead[-1]][2] != ":":
        return None
    m = next((x for x in mentions if x.ti == lead[0] and x.tj == lead[-1]), None)
    if m is None or m.kind not in ("person", "org", "role"):
        return None
    return an.resolve(m)


def _sentence(
    an: Discourse,
    rd: MentionReader,
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
        if q.start < sent.end and q.end > sent.start  # also one running on from before
    ]
    toks = nt.tokens_in(k0, k1)
    if len(inside) == 1:  # tokens inside speech quotes are not narration
        ((a, b),) = inside
        toks = [t for t in toks if not a <= t[0] < b]
    elif inside:
        toks = [t for t in toks if not any(a <= t[0] < b for a, b in inside)]
    mentions = rd.mentions(toks)
    cues = rd.cues(toks)
    sa = SentenceAttribution(cues=cues)
    sa.named = [
        m.entity
        for m in mentions
        if m.kind == "person" and m.entity is not None and not m.entity.key.startswith("t:")
    ]
    by_start = {m.ti: m for m in mentions}
    by_end = {m.tj: m for m in mentions}

    def recent(before: int) -> tuple[Entity, ...]:
        """Entities the sentence named before token ``before`` and the subjects so far (not
        yet in the discourse: 'تعقد المنظمة …، وذكر بيان أصدرته المنظمة')."""
        named = [m.entity for m in mentions if m.entity is not None and m.tj <= before]
        return (*named, *sa.subjects.values())

    def subject_of(c: Cue) -> Entity | None:
        if c.kind == "verb" and c.ti + 1 < len(toks) and toks[c.ti + 1][2] in _IN_WHICH:
            # 'بعد تصريحات رئيس الوزراء X، في وقت سابق، قال فيها': the author of the speech
            # the relative verb is said in
            for k in range(c.ti - 1, max(-1, c.ti - 16), -1):
                if _strip_conj(toks[k][2]) in res.speech_nouns:
                    for x in range(k + 1, c.ti):
                        if (mx := by_start.get(x)) is not None and mx.kind == "person":
                            return mx.entity
                    break
        if c.kind == "prep" and c.ti + 1 < len(toks) and toks[c.ti + 1][2] in _PRONOUN_OBJECTS:
            # 'ووفقاً له، …'، 'وطبقاً لها، …': the speaker just reported, of that gender
            return _ranked(_speaker_candidates(an, _PRONOUN_OBJECTS[toks[c.ti + 1][2]]))
        # 'وكان X قد اتهم المنظمة …': the subject written before قد, not the object after
        if c.kind == "verb" and c.ti >= 2 and toks[c.ti - 1][2] == "قد":
            k = c.ti - 1
            if toks[k - 1][2] in ("،", ","):
                k -= 1
            m = by_end.get(k)
            if m is not None and m.kind == "role" and (n := by_end.get(m.ti)) is not None:
                m = n if n.kind == "person" else m  # a name before its title in apposition
            if m is not None and m.kind in ("person", "org", "role"):
                ent = an.resolve(m)
                if ent is None and m.kind == "role":
                    ent = rd.title_entity(toks, m.ti, m)
                if ent is not None:
                    return ent
        # VSO: the mention right after the cue (skipping commas and adverbs)
        j = c.ti + 1
        while (
            j < len(toks)
            and (
                toks[j][2] in _ADVERBS
                or toks[j][2] in _BACK_REFS
                or toks[j][2] in BACK_OBJECTS  # 'هذا ما صرح به X'
                or toks[j][2] == '"'
            )
            and (j - c.ti <= 3)
        ):
            j += 1  # (a name in quotes: 'وقال "لافروف" للصحفيين')
        # "وبحسب بيان (صادر عن) وزارة الدفاع": the body that issued the statement; after
        # 'وفقاً' the ل is attached ('ووفقاً لبيان وزارة …')
        k = j
        while (
            k < len(toks)
            and k - j < 3
            and (
                toks[k][2] in _STATEMENT_LEAD
                or (k > j and toks[k][2] == '"')  # 'وحسب "تغريدات" لـX'
                or (
                    k == j
                    and c.kind == "prep"
                    and toks[k][2][:1] == "ل"
                    and toks[k][2][1:] in _STATEMENT_LEAD
                )
            )
        ):
            k += 1
        if k > j and k < len(toks) and toks[k][2][:1] == "ل":
            # 'تغريدة لباشينيان'، 'بيان لوزير الخارجية الروسي X': its author
            for x in range(k, min(k + 8, len(toks))):
                if x > k and not toks[x][2].isalpha() and toks[x][2] not in _APPOSITION:
                    break
                if (mx := by_start.get(x)) is not None:
                    if mx.kind == "person":
                        return mx.entity
                    break
        issuer = by_start.get(k) if k > j else None
        if issuer is not None and issuer.kind == "person" and c.kind == "prep":
            return issuer.entity  # 'وبحسب قول زاس، …': the one whose words these are
        if issuer is not None and issuer.kind in ("org", "statement"):
            # 'بيان أصدرته المنظمة': the organisation named before
            ent = an.resolve(issuer, recent(k))
            if ent is not None or issuer.kind == "org":
                return ent
        if c.kind in ("verb", "prep") and (anon := rd.anonymous_entity(toks, j)) is not None:
            return anon  # 'قال مصدر …'، 'وبحسب مصادر مطلعة، …'، 'بحسب ما أفاد به مراسل …'

        m = by_start.get(j)
        if m is None and c.kind == "prep" and j < len(toks) and toks[j][2][:1] == "ل":
            # 'وفقاً لوزير الخارجية الروسي سيرغي لافروف': the name after the ل-title
            medium = _strip_conj(toks[j][2])[1:] in _MEDIUM_NOUNS
            for x in range(j + 1, min(j + 8, len(toks))):
                if not toks[x][2].isalpha() and toks[x][2] not in _APPOSITION:
                    if not (medium and toks[x][2] == '"'):
                        break
                    continue
                if (mx := by_start.get(x)) is not None:
                    # (a medium's name after its noun: 'وفقاً لموقع "روسيا اليوم"')
                    if mx.kind == "person" or (medium and _is_medium(mx)):
                        m = mx
                    break
        if m is None and c.kind == "prep" and j < len(toks) and toks[j][2].startswith("لل"):
            # 'ووفقاً للمكتب الصحفي لوزارة الدفاع، …': a body with the ل attached, read as
            # written without it
            a, b, w = toks[j]
            plain = [*toks[:j], (a, b, "ال" + w[2:]), *toks[j + 1 :]]
            mj = next((x for x in rd.mentions(plain) if x.ti == j), None)
            if mj is not None and mj.kind == "org":
                m = mj
        if m is not None and m.kind == "org" and (c.gender == "f" or c.kind == "prep"):
            # 'وردت …' or 'وبحسب الدبلوماسية الروسية' (no verb to say the gender)
            fem = an.feminine_reading(toks, m)
            if fem is not None:
                return fem
        if m is not None and m.kind == "statement":
            # 'وأكد البيان الختامي': a document named with its adjectives speaks as written;
            # a bare 'البيان' is the latest body's that spoke, else the document
            adj = j + 1 < len(toks) and rd._article(toks, j + 1) and rd._plain_word(toks, j + 1)
            ent = an.resolve(m, recent(j)) if not adj or an.body_word(m) else None
            return ent or rd.document_entity(toks, j)
        if m is not None:
            ent = an.resolve(m)
            if ent is None and m.kind == "role":
                ent = rd.title_entity(toks, j, m)
            return ent
        if c.kind == "verb" and j < len(toks):
            ent = rd.title_entity(toks, j, None)  # a title that needs a complement to mean it
            if ent is not None:
                return ent
            ent = rd.national_body(toks, j)  # 'وقالت الرئاسة الأوكرانية': a body and its nisba
            if ent is not None:
                return ent
            ent = rd.untitled_person(toks, j, c.gender)  # 'وقال فاسيلييف: …'
            if ent is not None:
                return ent
        if c.kind == "verb":
            # SVO: a mention right before the verb (a comma or an auxiliary may intervene)
            j = c.ti
            # a relative clause takes its antecedent ('تصريحات لـX، الذي قال "…"')
            while j > 0 and toks[j - 1][2] in _SVO_GAP:
                j -= 1
            m = by_end.get(j)
            if m is not None and m.kind == "role":
                # 'وكان أرمين غريغوريان أمين مجلس الأمن، قد صرح': a known name right before
                # its title in apposition is the subject
                named = by_end.get(m.ti)
                if named is not None and named.kind == "person":
                    m = named
            # (a country just before the verb ends the previous clause's matter: '… إلى جانب
            # أرمينيا، وقالت:' — a country speaks only right after its verb or opening)
            if m is not None and m.ti > 0 and _strip_conj(toks[m.ti - 1][2]) in _GOVERNED_BY:
                m = None  # 'خلال جلسة برئاسة الرئيس الروسي X قال': X chairs, another speaks
            if m is not None and m.kind in ("person", "org", "role"):
                ent = an.resolve(m)
                if ent is None and m.kind == "role":
                    ent = rd.title_entity(toks, m.ti, m)
                return ent
            if (
                m is not None
                and m.kind == "country"
                and j == c.ti
                and (m.ti == 0 or toks[m.ti - 1][2] in ("،", ","))
            ):
                return m.entity  # 'بدورها، موسكو أعلنت …': right before its verb
        return None

    # "نقلت وكالة X عن Y قوله …": the one the agency quotes speaks, not the agency
    relay: tuple[int, Entity] | None = None
    for i, (_a, _b, t) in enumerate(toks):
        if _strip_conj(t) in res.transmission_verbs or t in res.transmission_verbs:
            j = next((x for x in range(i + 1, min(i + 10, len(toks))) if toks[x][2] == "عن"), None)
            m = by_start.get(j + 1) if j is not None else None
            ent = None
            if m is not None and m.kind in ("person", "org", "role", "country"):
                ent = an.resolve(m) or (
                    rd.title_entity(toks, j + 1, m) if m.kind == "role" else None
                )
            elif j is not None and j + 1 < len(toks):
                ent = rd.anonymous_entity(toks, j + 1)  # 'نقلت الوكالة عن مصدر في …'
            if ent is not None:
                relay = (i, ent)
                # "… قوله إن": the verb is the cue, unless a cue of its own follows the
                # relayed speaker ('نقلت … عن X أنه قال'); a cue of a later clause does not count
                if not any(i < c.ti <= j + 6 for c in cues):
                    ra, rb = nt.raw_span(toks[i][0], toks[i][1])
                    cues = sorted([*cues, Cue(i, "verb", "m", ra, rb)], key=lambda c: c.ti)
                    sa.cues = cues
            break
    main: Entity | None = None
    for c in cues:
        if c.kind == "prep" and _strip_conj(norm(nt.raw[c.raw_start : c.raw_end])) in _RELAYING:
            sa.relays[c.ti] = c.raw_start
        ent = relay[1] if relay is not None and c.ti >= relay[0] else subject_of(c)
        if ent is not None:
            sa.subjects[c.ti] = ent
            sa.own.add(c.ti)
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
        main, sa.explicit = _ranked_subject(an, rd, toks, mentions, cues[0])
        if main is not None and sa.explicit:
            sa.subjects[cues[0].ti] = main
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
            verb = _verb_over_source(toks, region_cues, c, sa, res)
            if verb is not None:
                ent = sa.subjects[verb.ti]  # 'وأضاف X وفقا لبيان صادر عن الوزارة أن "…"'
                break
            if c.ti in sa.subjects:
                ent = _complement_speaker(nt, toks, by_start, c, mark) or sa.subjects[c.ti]
                break
            if c.kind == "participle" and c is not cues[0] and main is not None and sa.explicit:
                # 'ولفت الرئيس إلى أن بلاده أبلغت المنظمة …، مضيفاً: "…"': the participle
                # goes with the main clause, not with a verb inside its complement
                ent = _main_clause_subject(toks, cues, c, sa, main)
                break
        if ent is None and current is None:
            # the nearest reporting verb before the quote that has a subject ("وكانت أرمينيا قد
            # أبلغت الأمانة …، وقالت وزارة الخارجية الشهر الماضي إن "…"")
            near = [c for c in cues if c.raw_start < mark and c.ti in sa.subjects]
            if near:
                ent = sa.subjects[near[-1].ti]
        if ent is None and not cues:
            ent = _headline_speaker(an, nt, toks, mentions, q.cue_start, mark)
            if ent is None and _colon_before(nt, toks, mark):
                # 'ونشر باشينيان على فيسبوك: "…"': a colon introduces the words of the person
                # the sentence opens with, though its verb is no reporting cue
                ent = _sentence_topic(an, toks, mentions)
        if ent is None:
            if current is not None:
                ent = current
            elif main is not None and sa.explicit:
                ent = main
            else:
                # no verb of its own: the one reporting goes on (no gender to agree with
                # when the sentence has no cue at all)
                gender = (region_cues or cues)[0].gender if (region_cues or cues) else None
                ent = _ranked(_speaker_candidates(an, gender))
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
