"""Dated happenings: an ``event`` only where a date sits in a clause with a trigger.

A trigger is a word naming a happening — a decision, deployment, withdrawal, meeting or summit,
visit, exercise, appointment, clash, signing, a start or an end (``data/events.json``). The
trigger must lie in the date's own clause: up to twelve content words before it or five after
it, never across the edge of a quotation, a full stop, a colon or a complementizer (so in
«أعلن الوزير اليوم أن القوات بدأت الانسحاب» the day dates the announcement, a statement, and
is no event). A reporting verb before the date in its clause makes it the statement's date,
unless the verb announces an act (أعلن، يوم الأربعاء، بدء انسحاب القوات); a reporting verb
after it ends the clause. A date is no event either when

* a speech occasion shares its clause (في مؤتمر صحفي اليوم، في مقابلة أمس): it dates a statement;
* a plan horizon or a label holds a year (حتى عام 2025، بحلول 2030، ميزانية 2022).

An event is never speech. Its actors are the countries named in its sentence; it has a
speaker only when a reporting verb announced the act itself (رئيس كازاخستان أعلن بدء
الانسحاب: the president did it), never the person who merely reported it. It is
``background`` when the article only recalls it: the trigger is a founding or an accession,
or the date ended well before the publication date (more than ``RECALL_DAYS``). A context
formula (يشار إلى أن، الجدير بالذكر) alone does not make it background: reporters use it for
last week's decision as much as for a founding. A date inside a quotation is
read against the date of the statement quoting it.

No event either for a happening wished, possible or denied (``_unreal``: آمل أن نعقد، قد يطلب،
لن تجرى، برفض إجراء), for a count of happenings (عدد اجتماعات), or for a page stamp (a date
followed by a clock time). A happening dated by a year alone and told as past is background.

A document's date cited in a noun phrase (قرار المجلس الصادر في …، الاتفاق الموقع في …) and a
happening dated by a past month alone (انعقد في سبتمبر الماضي, read in October) are background;
a plan told in the past (كان مقررا في) names a date that no longer holds. A span across months
(من 26 سبتمبر إلى 13 أكتوبر) is one happening of its first day; a bare weekday after a past verb
(التي بدأت الجمعة، ووصل الوزير الأحد) is the latest such day; a quoted name counts as one word.

In an undated article a yearless day takes the one year the article writes (``own_year``),
what ended a month before its latest past full date is recalled (``written_floor``), and so
is a day of a year the article tells history in (``history_years``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from app.extract.context import CorpusContext
from app.extract.countries import countries_between
from app.extract.dates import TimeExpr, as_date, placed_ahead, resolve
from app.extract.frozen import quick_init
from app.extract.model import DateValue, ExtractedEvent
from app.extract.resources import load_resources
from app.extract.segment import Paragraph, Sentence
from app.extract.speakers import Attribution
from app.extract.textnorm import NormText, norm

# a happening that ended more than this many days before the publication date is recalled,
# not reported: background
RECALL_DAYS = 30
# 'منذ 1 يناير تتولى …' recalls the start of a state of affairs: background once it has
# lasted a fortnight ('منذ مطلع العام الجاري' in mid-January is still the news)
SINCE_DAYS = 14
_BEFORE, _AFTER = 12, 5  # words of the date's clause searched for a trigger
_WINDOW = 14  # words of the clause read on each side
_STOPS = frozenset((".", ":", "؛", ";", "!", "?", "؟"))


@dataclass(frozen=True)
class _Lexicon:
    triggers: dict[str, str]  # stem -> category
    phrases: dict[tuple[str, ...], str]  # multi-word trigger -> category
    background_triggers: frozenset[str]
    horizon: frozenset[str]
    speech_occasions: tuple[tuple[str, ...], ...]
    complementizers: frozenset[str]
    cues: frozenset[str]  # reporting verbs and participles
    occasion_preps: frozenset[str]  # خلال، في، أثناء، هامش …
    act_categories: frozenset[str]  # triggers that can be the act a verb announces
    aspect: frozenset[str]  # the start or end of something (بدء، انتهاء، إكمال)
    signing_verbs: frozenset[str]  # وقع: 'signed', but 'occurred' after a relative pronoun
    relatives: frozenset[str]  # الذي، التي …
    transmission: frozenset[str]  # نقلت، أوردت: reporting when 'عن' names the source
    unreal: frozenset[str]  # آمل، يمكن، يجب: a content clause wished, possible or due
    negations: frozenset[str]  # لن، لم، عدم، رفض
    negation_exceptions: frozenset[str]  # 'لا يقل عن': no negation of a happening
    hypothetical: frozenset[str]  # ربما، لعل
    documents: frozenset[str]  # الصادر، المؤرخة: a document's date in a noun phrase
    happening_verbs: frozenset[str]  # أجرى، جرت: a verb telling that something took place
    publishing: frozenset[str]  # نشر: 'published' beside a text, not 'deployed'
    texts: frozenset[str]  # نص، مقابلة، موقع: what is published, and where


def forms(word: str) -> frozenset[str]:
    """The forms a word may be listed under: without و/ف, without ب/ل/ك and the article, with
    teh marbuta + pronoun folded back and an accusative alef or a pronoun suffix dropped
    (وبالانسحاب، لقرار، بسحب، زيارته، قمتهم، اجتماعا)."""
    return _forms(word)


@lru_cache(maxsize=32768)
def _forms(word: str) -> frozenset[str]:
    out = {word}
    w = word[1:] if len(word) > 3 and word[0] in "وف" else word
    bases = {w}
    for pre in ("بال", "لل", "كال", "ال", "ب", "ل", "ك"):
        if w.startswith(pre) and len(w) - len(pre) >= 3:
            bases.add(w[len(pre) :])
    if len(w) >= 5 and w[0] == "س" and w[1] in "يتن":
        bases.add(w[1:])  # the future: ستعقد → تعقد
    for b in bases:
        out.add(b)
        if len(b) >= 4 and b.endswith("ت") and not b.endswith("ات"):
            out.add(b[:-1])  # a verb's feminine past: اعتقلت → اعتقل (a noun ends in ة)
        if len(b) > 4 and b.endswith("ا") and not b.endswith("ءا"):
            out.add(b[:-1])
        for suf in ("تهما", "تهم", "تها", "ته"):
            if len(b) > len(suf) + 2 and b.endswith(suf):
                out.add(b[: -len(suf)] + "ه")
        for suf in ("هما", "هم", "ها", "ه"):
            if len(b) > len(suf) + 3 and b.endswith(suf):
                out.add(b[: -len(suf)])
    for b in [*(out - {word}), w]:
        # a dual or plural ending: a verb's (تعقدان، يعقدون، عقدوا) or a noun's in ة
        # (قمتان، قمتين، and before a pronoun قمتي-هما)
        for suf in ("ان", "ين", "ون", "وا", "ي"):
            if len(b) - len(suf) >= 3 and b.endswith(suf):
                stemmed = b[: -len(suf)]
                if stemmed.endswith("ت"):
                    out.add(stemmed[:-1] + "ه")
                if suf != "ي":  # 'ي' only as the dual's before a pronoun: a nisba is no dual
                    out.add(stemmed)
    return frozenset(out)


def stem(word: str) -> str:
    """One canonical form of a word (the shortest of ``forms``), for comparing two words."""
    return min(forms(word), key=lambda f: (len(f), f))


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = json.loads((Path(__file__).parent / "data" / "events.json").read_text(encoding="utf-8"))
    triggers: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for category, words in data["triggers"].items():
        for w in words:
            parts = tuple(norm(w).split())
            if len(parts) == 1:
                triggers.setdefault(parts[0], category)
            elif parts:
                phrases[parts] = category
    res = load_resources()
    comp = {c for c in res.complementizers if " " not in c and c != norm("إلى")} | {norm("بأن")}
    return _Lexicon(
        triggers=triggers,
        phrases=phrases,
        background_triggers=frozenset(norm(w) for w in data["background_triggers"]),
        horizon=frozenset(norm(w) for w in data["horizon_words"]),
        speech_occasions=tuple(tuple(norm(w).split()) for w in data["speech_occasions"]),
        complementizers=frozenset(comp),
        cues=frozenset(res.verbs) | frozenset(res.participles),
        occasion_preps=frozenset(res.occasion_preps),
        # a meeting is where words are said; a clash or a toll is what an announcement
        # reports (أعلن … مقتل 225 شخصا خلال أعمال الشغب), never the announcer's act
        act_categories=frozenset(c for c in data["triggers"] if c not in ("meeting", "clash")),
        aspect=frozenset(norm(w) for w in data["aspect_words"]),
        signing_verbs=frozenset(norm(w) for w in data["signing_verbs"]),
        relatives=frozenset(res.relative_markers),
        transmission=frozenset(res.transmission_verbs),
        unreal=frozenset(norm(w) for w in data["unreal_governors"]),
        negations=frozenset(norm(w) for w in data["negations"]),
        negation_exceptions=frozenset(norm(w) for w in data["negation_exceptions"]),
        hypothetical=frozenset(norm(w) for w in data["hypothetical"]),
        documents=frozenset(norm(w) for w in data["document_participles"]),
        happening_verbs=frozenset(norm(w) for w in data["happening_verbs"]),
        publishing=frozenset(norm(w) for w in data["publishing_verbs"]),
        texts=frozenset(norm(w) for w in data["publishing_texts"]),
    )


def _strip_wf(t: str) -> str:
    return t[1:] if len(t) > 3 and t[0] in "وف" else t


def _is_comp(t: str, lex: _Lexicon) -> bool:
    """A complementizer, also with و/ف attached ('وأن انسحابها سيبدأ': a second content
    clause of the same cue)."""
    return t in lex.complementizers or (t[:1] in ("و", "ف") and t[1:] in lex.complementizers)


@quick_init
@dataclass(frozen=True)
class _Clause:
    before: list[str]  # the clause's words before the date, in text order
    after: list[str]  # and after it
    governor: list[str]  # the two words before the complementizer opening the clause, if one does
    opening: list[str]  # and the two words after it


def _clause(
    nt: NormText,
    sent: Sentence,
    e: TimeExpr,
    lex: _Lexicon,
    speech_spans: list[tuple[int, int]],
    others: tuple[TimeExpr, ...] = (),
) -> _Clause:
    """The words of ``e``'s clause before it (in text order) and after it, up to a stop: a
    full stop, a colon, a complementizer, the edge of the quotation ``e`` is in (or of any
    quotation, for a date outside quotes). The sentence's next date (``others``) opens a
    clause of its own ('علق … في فبراير مشاركة بلاده، وفي يونيو أعلن …': what follows June is
    June's); a date coordinated after a previous one ('وفي يونيو') reads nothing before it."""
    lo, hi = sent.start, sent.end
    inside = next(((a, b) for a, b in speech_spans if a <= e.start < b), None)
    if inside is not None:
        lo, hi = max(lo, inside[0]), min(hi, inside[1])
    else:
        lo = max([lo] + [b for a, b in speech_spans if b <= e.start])
        hi = min([hi] + [a for a, b in speech_spans if a >= e.end])
    hi = min([hi] + [o.start for o in others if o.start >= e.end])
    toks = nt.tokens_in(nt.key_offset(lo), nt.key_offset(hi))
    ks, ke = nt.key_offset(e.start), nt.key_offset(e.end)
    prev = max((o.end for o in others if o.end <= e.start and o.start >= lo), default=None)
    if prev is not None and _coordinated(nt, prev, e):
        toks = [x for x in toks if x[0] >= ks]
    before: list[str] = []
    governor: list[str] = []
    opening: list[str] = []
    earlier = _names_folded([x for x in toks if x[1] <= ks])
    full = embedded = False
    for j in range(len(earlier) - 1, -1, -1):
        t = earlier[j][2]
        if t in _STOPS or _is_comp(t, lex):
            # a relative clause or 'وذلك' between the date and the complementizer ('تأمل أن
            # تعود …، وذلك عشية القمة التي تستضيفها … غدا'): the date is not the content's
            if _is_comp(t, lex) and not embedded:
                governor = [x[2] for x in earlier[max(0, j - 2) : j] if x[2][:1].isalnum()]
                opening = [x[2] for x in earlier[j + 1 : j + 3] if x[2][:1].isalnum()]
            break
        embedded = embedded or t in lex.relatives or t == "وذلك"
        if full:
            continue  # read on to the clause's start only for its governor and opening
        if t[:1].isalnum():
            before.append(t)
        full = _content_words(before) >= _WINDOW
    after: list[str] = []
    for _a, _b, t in _names_folded([x for x in toks if x[0] >= ke]):
        if t in _STOPS or _is_comp(t, lex):
            break
        if t[:1].isalnum():
            after.append(t)
        if _content_words(after) >= _WINDOW:
            break
    return _Clause(before[::-1], after, governor, opening)


_QUOTE_MARKS = frozenset('"«»“”')
_NAME = "اسم"  # what a quoted name counts as: one content word, no trigger


def _names_folded(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``toks`` with each short quoted stretch (a name: 'تدريبات "الأخوة غير القابلة للتدمير -
    2024" و"الصخر - 2024" في الخريف') folded into one word, so a name's length does not put the
    trigger before it out of the date's reach; a mark left unpaired stays as it is."""
    marks = [i for i, t in enumerate(toks) if t[2] in _QUOTE_MARKS]
    out: list[tuple[int, int, str]] = []
    last = 0
    for i, j in zip(marks[::2], marks[1::2], strict=False):
        if j - i > 10:
            continue
        out += toks[last:i]
        out.append((toks[i][0], toks[j][1], _NAME))
        last = j + 1
    return out + toks[last:]


def _coordinated(nt: NormText, prev_end: int, e: TimeExpr) -> bool:
    """``e`` opens a clause coordinated after the date that ends at ``prev_end``: the word
    right before it is 'و'/'وفي'/'ثم' ('… في فبراير …، وفي يونيو أعلن')."""
    words = [t[2] for t in nt.tokens_in(nt.key_offset(prev_end), nt.key_offset(e.start))]
    words = [w for w in words if w[:1].isalnum()]
    return bool(words) and words[-1] in _COORDINATORS


_COORDINATORS = frozenset(norm(w) for w in ("و", "وفي", "ثم", "وفى", "وخلال", "وبعد"))


def _content_words(words: list[str]) -> int:
    """Words that count for a window's reach: a one- or two-letter word (ل، من، في) does not."""
    return sum(len(w) > 2 for w in words)


def _last_words(words: list[str], n: int) -> list[str]:
    """The shortest tail of ``words`` holding ``n`` content words."""
    count = 0
    for i in range(len(words) - 1, -1, -1):
        count += len(words[i]) > 2
        if count >= n:
            return words[i:]
    return words


def _phrase_at(words: list[str], i: int, phrases) -> tuple[str, ...] | None:
    """The first of ``phrases`` (in their order) that starts at ``words[i]``, each word as
    written or one of its ``forms``."""
    if not 0 <= i < len(words):
        return None
    index = _first_words(phrases)
    best: tuple[int, tuple[str, ...]] | None = None
    for first in forms(words[i]):  # a word's forms include the word itself
        for order, p in index.get(first, ()):
            if best is not None and order >= best[0]:
                break
            n = len(p)
            if i + n <= len(words) and all(
                words[i + j] == p[j] or p[j] in forms(words[i + j]) for j in range(1, n)
            ):
                best = (order, p)
                break
    return best[1] if best is not None else None


_INDEXES: dict[int, tuple[object, dict[str, list[tuple[int, tuple[str, ...]]]]]] = {}


def _first_words(phrases) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """``phrases`` by their first word, each with its rank in ``phrases`` (built once per
    phrase list: the lexicon's lists live as long as the process)."""
    kept = _INDEXES.get(id(phrases))
    if kept is not None and kept[0] is phrases:
        return kept[1]
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for order, p in enumerate(phrases):
        if not p:
            raise ValueError("an empty trigger phrase matches everywhere")
        index.setdefault(p[0], []).append((order, p))
    _INDEXES[id(phrases)] = (phrases, index)
    return index


def _has_phrase(words: list[str], phrases) -> bool:
    return any(_phrase_at(words, i, phrases) for i in range(len(words)))


def find_trigger(
    words: list[str],
    lex: _Lexicon | None = None,
    acts_only: bool = False,
    nearest_last: bool = False,
) -> tuple[str, str] | None:
    """The first trigger among ``words`` (text order; the last first with ``nearest_last``):
    (the word as written in the key, its category).

    A word opening a speech occasion (مؤتمر صحفي) is none; ``acts_only`` leaves out the
    meetings (the occasions a statement is made at) and takes a start or an end (بدء، انتهاء)
    only with a happening in its complement: an act announced is a happening, 'أعلن انتهاء
    مهام القوات' is what was said. 'وقع' right after a relative pronoun is 'occurred' (أعمال
    العنف التي وقعت): the noun before it decides, not the verb. A transmission verb with its
    source (نقلت الوكالة عن …) reports."""
    lex = lex or lexicon()
    order = range(len(words) - 1, -1, -1) if nearest_last else range(len(words))
    for i in order:
        w = words[i]
        if _phrase_at(words, i, lex.speech_occasions) or (
            i > 0 and _phrase_at(words, i - 1, lex.speech_occasions)
        ):
            continue
        p = _phrase_at(words, i, lex.phrases)
        if p is not None and not (acts_only and lex.phrases[p] not in lex.act_categories):
            return " ".join(words[i : i + len(p)]), lex.phrases[p]
        cat = _category(w, lex)
        if cat is None or (acts_only and cat not in lex.act_categories):
            continue
        if _negated(words, i, lex):
            continue  # 'برفض إجراء تدريبات'، 'عدم المشاركة': a happening denied
        if i > 0 and forms(words[i - 1]) & _COUNTS:
            continue  # 'عدد اجتماعات المجلس في العام الحالي': a count of happenings, none of them
        if (w in lex.signing_verbs or _strip_wf(w) in lex.signing_verbs) and (
            i > 0 and words[i - 1] in lex.relatives
        ):
            continue
        if _transmits(words, i, lex) or _publishes(words, i, lex):
            continue
        if forms(w) & lex.background_triggers and any(
            forms(x) & _ANNIVERSARY for x in words[max(0, i - 3) : i]
        ):
            continue  # 'الذكرى الثلاثين لتأسيس المنظمة': the anniversary is now, not the founding
        if acts_only and forms(w) & lex.aspect and not _complement_trigger(words, i, lex):
            continue
        return w, cat
    return None


def _negated(words: list[str], i: int, lex: _Lexicon) -> bool:
    """A negation or a refusal among the two words before ``words[i]``."""
    return any(_is_negation(words, j, lex) for j in range(max(0, i - 2), i))


def _is_negation(words: list[str], j: int, lex: _Lexicon) -> bool:
    """``words[j]`` negates what follows: 'لن'، 'لم'، 'عدم'، 'رفض' (also 'برفض'), and 'لا'
    unless a quantity or a continuation follows ('لا يقل عن'، 'لا يزال')."""
    w = words[j]
    if not (w in lex.negations or forms(w) & lex.negations):
        return False
    nxt = words[j + 1] if j + 1 < len(words) else ""
    return _strip_wf(w) != "لا" or nxt not in lex.negation_exceptions


def _unreal(cl: _Clause, lex: _Lexicon) -> bool:
    """The clause tells a happening wished, possible, due or denied, not one that happens: its
    content clause is governed by a hope or a possibility ('آمل أن نعقد اجتماعا يوم
    الاثنين'، 'أعرب عن أمله بأن تسهم القمة في 23 نوفمبر'); 'ربما' or 'قد' with a present verb
    ('قد يطلب … في عام 2025') is in it; a negation is the first word after the date ('تدريبات
    … في عام 2023 لن تجرى'; after a comma, 'فيما لم يشارك', it opens another clause)."""
    if any(forms(w) & lex.unreal for w in cl.governor):
        return True
    words = cl.opening + _last_words(cl.before, _BEFORE) + cl.after[:_AFTER]
    for j, w in enumerate(words):
        if _strip_wf(w) in lex.hypothetical or w in lex.hypothetical:
            return True
        # 'وكان الوضع قد تصاعد': a past verb in ت after كان is the pluperfect, no 'may'
        if (
            w in ("قد", "وقد")
            and j + 1 < len(words)
            and _present_verb(words[j + 1])
            and (words[j + 1][0] != "ت" or not any(_strip_wf(x) in _KANA for x in words[:j]))
        ):
            return True
    return bool(cl.after) and _is_negation(cl.after, 0, lex)


_KANA = frozenset(norm(w) for w in ("كان", "كانت", "كانوا"))


def _present_verb(word: str) -> bool:
    """A present-tense verb by its prefix (يطلب، تعقد، نبحث) — 'قد' before it is 'may'."""
    return len(word) >= 4 and word[0] in "يتن"


def _category(word: str, lex: _Lexicon) -> str | None:
    return next((lex.triggers[f] for f in forms(word) if f in lex.triggers), None)


def _complement_trigger(words: list[str], i: int, lex: _Lexicon) -> bool:
    """A happening (not another start or end) among the four words after ``words[i]``: 'بدء
    انسحاب القوات'، 'إكمال المرحلة النشطة من التدريبات'."""
    return any(
        _category(w, lex) is not None and not forms(w) & lex.aspect for w in words[i + 1 : i + 6]
    )


_ANNIVERSARY = frozenset(norm(w) for w in ("ذكرى", "الذكرى", "ذكري"))


def _publishes(words: list[str], i: int, lex: _Lexicon) -> bool:
    """``words[i]`` is 'نشر' beside a text or a site (the two words before it, the three after:
    'تم نشر نصها على موقع المنظمة'، 'في مقابلة نشرت اليوم'): a publication, not a deployment."""
    if not forms(words[i]) & lex.publishing:
        return False
    near = words[max(0, i - 2) : i] + words[i + 1 : i + 4]
    return any(forms(w) & lex.texts for w in near)


def _transmits(words: list[str], i: int, lex: _Lexicon) -> bool:
    """``words[i]`` is a transmission verb whose source follows ('ونقلت وكالة … عن الرئيس'):
    a reporting verb, not a transport ('نقلت القوات')."""
    return _strip_wf(words[i]) in lex.transmission and "عن" in words[i + 1 : i + 5]


# a date after these ends a span of time ('حتى 19 يناير'، 'بحلول 1 مارس')
_UNTIL = frozenset(norm(w) for w in ("حتى", "بحلول", "لغاية"))

# words crediting a source after 'وذلك' ('وذلك بحسب ما أفاد مراسل …')
_ATTRIBUTING = frozenset(norm(w) for w in ("بحسب", "حسب", "وفق", "وفقا", "طبقا", "نقلا"))

# reporting verbs that are also common prepositions or nouns when bare: 'بين' (between) is a
# verb only as 'وبين'/'فبين'
_BARE_NOT_CUES = frozenset(("بين",))


def _is_cue(word: str, lex: _Lexicon) -> bool:
    if word in _BARE_NOT_CUES:
        return False
    return _strip_wf(word) in lex.cues or word in lex.cues


def _cue_at(words: list[str], i: int, lex: _Lexicon) -> bool:
    """``words[i]`` reports: a reporting verb or participle, or a transmission verb with its
    source ('ونقلت الوكالة عن الوزير قوله اليوم')."""
    return _is_cue(words[i], lex) or _transmits(words, i, lex)


def in_history_sentence(nt: NormText, pos: int) -> bool:
    """``pos`` lies in a sentence telling a founding or an accession ('حلف … انبثق في عام
    2002'، 'المعاهدة المبرمة في 1992'): its dates are history, never the article's own date.
    A context formula alone (يشار إلى أن) is no sign: it recalls last week as well."""
    lex = lexicon()
    k = nt.key_offset(pos)
    a = max(nt.key.rfind(".", 0, k), nt.key.rfind("\n", 0, k)) + 1
    ends = [i for i in (nt.key.find(".", k), nt.key.find("\n", k)) if i >= 0]
    toks = nt.tokens_in(a, min(ends) if ends else len(nt.key))
    return any(forms(t[2]) & lex.background_triggers for t in toks if t[2][:1].isalnum())


def written_floor(
    nt: NormText, exprs: list[TimeExpr], speech_spans: list[tuple[int, int]]
) -> DateValue | None:
    """The latest full date an undated article tells as past (not ahead, not in a quotation):
    it was written that day or later, so a happening that ended more than ``RECALL_DAYS``
    before it is recalled ('انتقلت الرئاسة … في 1 يناير 2025' then 'وتم اعتماد القرار في
    28 نوفمبر 2024')."""
    days = [
        date(e.year, e.month, e.day)
        for e in exprs
        if e.full
        and not placed_ahead(nt, e)
        and not any(a <= e.start < b for a, b in speech_spans)
        and _valid(e.year, e.month, e.day)
    ]
    return DateValue(max(days).isoformat(), "day", "inferred") if days else None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


# a year in an event's name: 'الأخوة القتالية -2023'، 'التفاعل-2024'
NAMED_YEAR = re.compile(r"[^\W\d_]\s*-\s*((?:19|20)\d\d)(?!\d)")


def history_years(nt: NormText, exprs: list[TimeExpr]) -> frozenset[int]:
    """The years the article tells history in ('تأسست المنظمة عام 2002'، 'المعاهدة الموقعة
    عام 1997'): another date of such a year recalls the same past ('وتم التوقيع على المعاهدة
    في 29 أغسطس 1997')."""
    return frozenset(
        e.year for e in exprs if e.year is not None and in_history_sentence(nt, e.start)
    )


def own_year(nt: NormText, exprs: list[TimeExpr]) -> int | None:
    """The year an undated article is written in, when the text determines it: the one year
    it writes outside history (in dates, years and event names: 'يترأس المجلس في عام 2022'،
    'مناورات الأخوة القتالية -2023'); None when it writes none or several. A year after منذ
    is where a state of affairs began, not the year of writing."""
    past = history_years(nt, exprs)
    years = {
        e.year
        for e in exprs
        if e.year is not None
        and e.year not in past
        and not (_since(nt, e) or norm(e.text).startswith("منذ"))
        and not _label_or_horizon(nt, e)
    }
    years |= {int(m.group(1)) for m in NAMED_YEAR.finditer(nt.key)} - past
    if len(years) > 1:
        # a year written alone and told as past is recalled ('ساهمت المنظمة في تطبيع الوضع
        # في عام 2022'): among several years, not the one the article is written in
        recalled_years = {e.year for e in exprs if e.kind == "y" and _year_told_as_past(nt, e)}
        rest = years - recalled_years
        if rest:
            years = rest
    return next(iter(years)) if len(years) == 1 else None


def _year_told_as_past(nt: NormText, e: TimeExpr) -> bool:
    """A bare year ('في عام 2022') whose sentence holds no future verb, plan or horizon."""
    k = nt.key_offset(e.start)
    a = max(nt.key.rfind(".", 0, k), nt.key.rfind("\n", 0, k)) + 1
    ends = [i for i in (nt.key.find(".", k), nt.key.find("\n", k)) if i >= 0]
    words = nt.key[a : min(ends) if ends else len(nt.key)].split()
    return not (
        placed_ahead(nt, e) or _label_or_horizon(nt, e) or any(_ahead_word(w) for w in words)
    )


def _ahead_word(w: str) -> bool:
    """A word telling what comes: a future verb (ستعقد، وسيتم), a plan (تخطط، من المقرر)."""
    return (
        w in _AHEAD
        or _strip_wf(w) in _AHEAD
        or (len(w) >= 5 and w[0] == "س" and w[1] in "يتن")
        or (len(w) >= 6 and w[:2] in ("وس", "فس") and w[2] in "يتن")
    )


def _label_or_horizon(nt: NormText, e: TimeExpr) -> bool:
    """A year that labels a period or sets a horizon ('مساهمة أرمينيا لعام 2024'، 'ميزانية
    2025'، 'حتى عام 2030'): set ahead of time, it is not the year the article is written in."""
    if e.kind == "y" and norm(e.text).startswith("ل"):
        return True
    k = nt.key_offset(e.start)
    words = nt.key[max(0, k - 24) : k].split()
    return bool(words) and _strip_wf(words[-1]) in lexicon().horizon


def in_year(
    e: TimeExpr, year: int, how: str = "the one year the article writes"
) -> DateValue | None:
    """A day and month (or a month) written without a year, in ``year``; None when a weekday
    written with it disagrees ('الاثنين 18 أكتوبر' is no Monday that year)."""
    if e.year is not None or e.year_shift is not None or e.month is None:
        return None
    note = f"'{e.text}' has no year: {year}, {how}"
    if e.kind == "my" and e.part is None:
        return DateValue(f"{year:04d}-{e.month:02d}", "month", "inferred", note)
    if e.kind != "dmy" or e.day is None:
        return None
    try:
        d = date(year, e.month, e.day)
    except ValueError:
        return None
    if e.weekday is not None and d.weekday() != e.weekday:
        return None
    return DateValue(d.isoformat(), "day", "inferred", note)


def _recalling(nt: NormText, sent: Sentence) -> bool:
    """'وكانت آخر مرة زار فيها …'، 'وكان … قد': a sentence recalling the past. It decides only
    when the article has no date to measure the distance against."""
    words = [t[2] for t in nt.tokens_in(nt.key_offset(sent.start), nt.key_offset(sent.end))][:8]
    return (bool(words) and words[0] in ("وكان", "وكانت")) or "اخر مره" in " ".join(words)


def _since(nt: NormText, e: TimeExpr) -> bool:
    """'منذ 1 يناير تتولى …': the start of a state of affairs, recalled as context."""
    k = nt.key_offset(e.start)
    return nt.key[max(0, k - 6) : k].rstrip().endswith("منذ")


def _last_day(dv: DateValue) -> date | None:
    """The last day a date covers (2022-01 → 31 January 2022)."""
    try:
        parts = [int(x) for x in dv.value.split("-")]
    except ValueError:
        return None
    try:
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 2:
            y, m = parts
            return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        return date(parts[0], 12, 31)
    except ValueError:
        return None


def recalled(dv: DateValue, published: DateValue | None, days: int = RECALL_DAYS) -> bool:
    """The date ended more than ``days`` before the publication date."""
    if published is None:
        return False
    pub, last = _last_day(published), _last_day(dv)
    if pub is None or last is None:
        return False
    if published.precision != "day":  # compare with the first day the publication may be
        pub = date(pub.year, pub.month if published.precision == "month" else 1, 1)
    return last < pub - timedelta(days=days)


def _placed(words: list[str], trigger: str, lex: _Lexicon) -> bool:
    """The trigger is an occasion: an occasion word (خلال، في، أثناء، هامش) within the two
    words before it."""
    at = next((i for i, w in enumerate(words) if w == trigger.split()[0]), 0)
    return any(_strip_wf(w) in lex.occasion_preps for w in words[max(0, at - 2) : at])


_EVE_NOUNS = frozenset(
    norm(w) for w in ("رحلة", "زيارة", "جولة", "قمة", "اجتماع", "لقاء", "محادثات", "وصول")
)


# words telling a happening as planned or ahead ('من المقرر'، 'تخطط'، 'المقبل')
_AHEAD = frozenset(
    norm(w)
    for w in (
        "سوف", "المقبل", "المقبلة", "القادم", "القادمة", "المقرر", "المقررة", "المزمع",
        "تخطط", "يخطط", "نخطط", "تعتزم", "يعتزم", "نعتزم", "خطة", "يهدف", "تهدف", "مرتقب",
        "تستعد", "يستعد", "نستعد", "تتحضر", "يتحضر", "نتحضر", "تحضيرا", "استعدادا",
    )
)  # fmt: skip


def _told_ahead(
    nt: NormText,
    sent: Sentence,
    e: TimeExpr,
    lex: _Lexicon,
    speech_spans: list[tuple[int, int]],
) -> bool:
    """The date's clause tells its happening as ahead: a future verb (ستعقد، سيتم), a plan
    (من المقرر، تخطط) or a date placed ahead (بحلول، اعتبارا من). A happening dated by a year
    alone and told as past is recalled: a reporter gives this year's happenings their day or
    month ('زار الأمين العام البلاد في عام 2022' is background; 'تخطط الدول خلال العام
    2021 لإجراء تدريبات' is the plan)."""
    if e.direction == 1 or placed_ahead(nt, e):
        return True
    cl = _clause(nt, sent, e, lex, speech_spans)
    return any(_ahead_word(w) for w in cl.opening + cl.before + cl.after)


def _on_the_eve(
    nt: NormText,
    sent: Sentence,
    lex: _Lexicon,
    speech_spans: list[tuple[int, int]],
    published: DateValue | None,
) -> tuple[tuple[str, str], DateValue] | None:
    """'وقد أثار الرئيس، عشية رحلته إلى العاصمة، المسألة في اجتماعه مع الحكومة': with no
    date of its own, a happening on the eve of the occasion the article reports is dated the
    day before the publication date (as a statement made then is). The trigger is the
    happening's, after the eve phrase in the main clause, never the occasion's own word."""
    pub = as_date(published)
    if pub is None:
        return None
    words = _main_clause(nt, sent, lex, speech_spans)
    at = next(
        (
            i
            for i, w in enumerate(words)
            if _strip_wf(w) == "عشيه" and any(forms(x) & _EVE_NOUNS for x in words[i + 1 : i + 3])
        ),
        None,
    )
    if at is None:
        return None
    occasion = next(j for j in range(at + 1, at + 3) if forms(words[j]) & _EVE_NOUNS)
    hit = find_trigger(words[occasion + 1 :], lex)
    if hit is None or hit[1] == "clash" or forms(hit[0]) & lex.aspect:
        return None
    day = pub - timedelta(days=1)
    note = "'عشية' the occasion reported today: the day before the publication date"
    return hit, DateValue(day.isoformat(), "day", "relative", note)


def _decided(
    nt: NormText,
    sent: Sentence,
    e: TimeExpr,
    lex: _Lexicon,
    speech_spans: list[tuple[int, int]],
) -> tuple[str, str, bool] | None:
    """'وجاء في بيان الحكومة اليوم أنه تقرر طلب المساعدة': a decision the announced content
    opens with was taken when it was announced (no speaker: the body decided)."""
    hit = find_trigger(_content_opening(nt, sent, e, lex, speech_spans), lex)
    return (*hit, False) if hit is not None and hit[1] == "decision" else None


def _content_opening(
    nt: NormText,
    sent: Sentence,
    e: TimeExpr,
    lex: _Lexicon,
    speech_spans: list[tuple[int, int]],
) -> list[str]:
    """The first word of the content clause right after ``e`` ('… اليوم، أنه تقرر طلب …' →
    تقرر; 'أنها قررت'), or none when other words come between. A subject first ('إن بلاده
    قررت …') reports someone's decision, not when it was taken."""
    end = min([sent.end] + [a for a, b in speech_spans if a >= e.end])
    toks = [t for t in nt.tokens_in(nt.key_offset(e.end), nt.key_offset(end)) if t[2][:1].isalnum()]
    if not toks or not _is_comp(toks[0][2], lex):
        return []
    return [t[2] for t in toks[1:2]]


def _main_clause(
    nt: NormText,
    sent: Sentence,
    lex: _Lexicon,
    speech_spans: list[tuple[int, int]],
    upto: int | None = None,
) -> list[str]:
    """The words of a sentence from its start to its first complementizer or quotation (or to
    ``upto``)."""
    end = min(
        [sent.end, upto if upto is not None else sent.end]
        + [a for a, b in speech_spans if sent.start <= a < sent.end]
    )
    out: list[str] = []
    for _a, _b, t in nt.tokens_in(nt.key_offset(sent.start), nt.key_offset(end)):
        if t in _STOPS or _is_comp(t, lex):
            break
        if t[:1].isalnum():
            out.append(t)
    return out


# ordinals counting happenings from a date ('الحدث الثالث … منذ أكتوبر'، 'لأول مرة منذ')
_ORDINALS = frozenset(
    norm(w)
    for w in (
        "أول", "الأول", "الأولى", "ثاني", "الثاني", "الثانية", "ثالث", "الثالث", "الثالثة",
        "رابع", "الرابع", "الرابعة", "خامس", "الخامس", "الخامسة", "مرة", "مرات",
    )
)  # fmt: skip

# nouns counting happenings over a period ('رقم قياسي لعدد اجتماعات المجلس هذا العام')
_COUNTS = frozenset(norm(w) for w in ("عدد", "مجموع", "مجموعه", "حصيلة", "إجمالي"))

# a telephone call: talks between two parties unless a reporting verb makes it where words
# were said
_CALLS = frozenset(norm(w) for w in ("مكالمة", "هاتفي", "هاتفية", "هاتفيا"))

# a clock time right after a date: the page's stamp, not a happening's day
_STAMP_TIME = re.compile(r"\s*[0-9]{1,2}:[0-9]{2}")


def _happening(
    nt: NormText,
    sent: Sentence,
    e: TimeExpr,
    lex: _Lexicon,
    speech_spans: list[tuple[int, int]],
    others: tuple[TimeExpr, ...] = (),
) -> tuple[str, str, bool] | None:
    """The trigger that makes ``e`` the date of a happening and whether a reporting verb
    announced it (its subject is then the actor), or None (module docstring)."""
    if _STAMP_TIME.match(nt.key, nt.key_offset(e.end)):
        return None  # '… - بلس 48، اليوم الاثنين 30 يونيو 2025 12:53 مساء': a page stamp
    cl = _clause(nt, sent, e, lex, speech_spans, others)
    if _unreal(cl, lex):
        return None
    before, after = cl.before, cl.after
    # a relative clause after the date is another clause ('…الأسبوع الماضي، الأمر الذي يسمح
    # بالانسحاب'): its antecedent is the last word read
    after = after[: next((i for i, w in enumerate(after) if w in lex.relatives), len(after))]
    if before and _strip_wf(before[-1]) in lex.horizon and e.kind in ("y", "y_in", "my"):
        return None  # 'حتى عام 2025'، 'بحلول 2030'، 'ميزانية 2022': a horizon or a label
    if before and _strip_wf(before[-1]) in _UNTIL:
        return None  # 'حالة الطوارئ حتى الـ 19 من الشهر': the end of a span, not a happening
    if e.kind == "y" and norm(e.text).startswith("ل"):
        return None  # 'تترأسه لعام 2022': a period label
    if e.kind == "ago" and e.offset > 0:
        return None  # 'بعد يومين'، 'في غضون أسبوع': a horizon from now, not a day
    if _superseded_plan(before):
        return None  # 'تأجيل الاجتماع الذي كان مقررا في 25 مارس': the date no longer holds
    if _since(nt, e) and any(forms(w) & _ORDINALS for w in _last_words(before, 6)):
        return None  # 'ثالث مناورة منذ أكتوبر'، 'لأول مرة منذ 2020': a count from a date
    k = next((i for i in range(len(before) - 1, -1, -1) if before[i] == "وذلك"), None)
    if k is not None and (
        k >= len(before) - 2 or (k + 1 < len(before) and before[k + 1] in _ATTRIBUTING)
    ):
        # '…، وذلك اليوم الأربعاء': the date of the sentence's main clause, before its
        # reported content ('أكد الرئيس خلال استقباله الوزير أن …، وذلك اليوم'), also
        # through the source it is credited to ('غادرت الوحدات …، وذلك بحسب ما أفاد
        # مراسل الوكالة اليوم'); the clause's words end where 'وذلك' opens
        main = _main_clause(nt, sent, lex, speech_spans, e.start)
        cut = next((i for i in range(len(main) - 1, -1, -1) if main[i] == "وذلك"), len(main))
        before = main[:cut]
    cue = next((i for i in range(len(before) - 1, -1, -1) if _cue_at(before, i, lex)), None)
    if _has_phrase(before[-6:] + after[:3], lex.speech_occasions):
        call = next((w for w in before[-6:] + after[:3] if forms(w) & _CALLS), None)
        if call is not None and cue is None:
            # 'وبحث الرئيس مع نظيره في مكالمة هاتفية اليوم …': talks by phone are a
            # happening; 'وقال في اتصال هاتفي' only dates the words
            return call, "meeting", False
        # 'في مؤتمر صحفي اليوم': the date of a statement (and of a decision it announces)
        return _decided(nt, sent, e, lex, speech_spans)
    if cue is not None and _has_phrase(before[cue + 1 :], lex.speech_occasions):
        # 'وأضاف في مقابلة مع صحيفة … نشرت اليوم أن …': a speech occasion between the verb and
        # the date, however far, makes the date the words' (the interview's, not a happening)
        return _decided(nt, sent, e, lex, speech_spans)
    if cue is not None:
        # 'أعلن، يوم الأربعاء، خلال اجتماع …، بدء انسحاب القوات': a verb announcing an act
        # dates that act; otherwise the date is the statement's ('وأضاف … اليوم')
        words = before[cue + 1 :] + after
        hit = find_trigger(after, lex, acts_only=True) or find_trigger(
            before[cue + 1 :], lex, acts_only=True, nearest_last=True
        )
        if hit is not None:
            # 'صرح بذلك خلال مراسم …': an occasion the words were said at, not the speaker's act
            return (*hit, not _placed(words, hit[0], lex))
        # 'أكد … خلال اجتماع …، اليوم': a meeting the words were said at is a happening too
        # (a speech occasion — a press conference, an interview — is not: see above)
        hit = find_trigger(words, lex)
        if hit is not None and hit[1] != "clash" and _placed(words, hit[0], lex):
            return (*hit, False)
        return _decided(nt, sent, e, lex, speech_spans)
    # a reporting verb after the date ends its clause ('في 6 يناير، قال …')
    near = next((i for i in range(len(after)) if _cue_at(after, i, lex)), len(after))
    hit = (
        find_trigger(_last_words(before, _BEFORE), lex, nearest_last=True)
        or find_trigger(after[: min(near, _AFTER)], lex)
        or _opening_verb(nt, sent, e, lex, speech_spans, others)
    )
    return (*hit, False) if hit else None


# words before a sentence's verb that leave it the main verb ('وقد افتتح'، 'كما عقدت')
_VERB_LEADS = frozenset(norm(w) for w in ("قد", "وقد", "فقد", "كما", "ثم", "وكانت", "وكان"))


def _opening_verb(
    nt: NormText,
    sent: Sentence,
    e: TimeExpr,
    lex: _Lexicon,
    speech_spans: list[tuple[int, int]],
    others: tuple[TimeExpr, ...] = (),
) -> tuple[str, str] | None:
    """The trigger verb opening a sentence whose main clause holds the date, however long its
    subject ('افتتح اجتماع مجلس وزراء خارجية الدول الأعضاء في المنظمة أعماله في المدينة
    اليوم'): the verb of the clause dates the happening. None when a stop, a complementizer, a
    quotation, a relative clause, another date or a reporting verb comes between."""
    if any(sent.start <= a < e.start for a, _b in speech_spans) or any(
        sent.start <= o.start < e.start for o in others
    ):
        return None
    toks = [t[2] for t in nt.tokens_in(nt.key_offset(sent.start), nt.key_offset(e.start))]
    if any(t in _STOPS or _is_comp(t, lex) or t in lex.relatives for t in toks):
        return None
    words = [t for t in toks if t[:1].isalnum()]
    if any(_cue_at(words, i, lex) for i in range(len(words))):
        return None
    while words and words[0] in _VERB_LEADS:
        words = words[1:]
    if not words or not words[0][:1].isalpha():
        return None
    hit = find_trigger(words[:1], lex)
    # a verb, not a noun opening the subject: no article, no ة/ات
    if hit is None or words[0].startswith(("ال", "وال")) or words[0].endswith(("ه", "ات")):
        return None
    return hit


def build_events(
    nt: NormText,
    paras: tuple[Paragraph, ...],
    body: set[int],
    att: Attribution,
    exprs_by_para: dict[int, tuple[TimeExpr, ...]],
    dl_expr: TimeExpr | None,
    published: DateValue | None,
    cmentions,
    ctx: CorpusContext | None,
    statements: list[ExtractedEvent],
    speech_spans: list[tuple[int, int]],
) -> list[ExtractedEvent]:
    """The dated happenings of the article, in text order (see the module docstring)."""
    lex = lexicon()
    ref = as_date(published)
    # a yearless date takes its year from the article's own date, never from other articles
    # ('تصعيد 13 سبتمبر' in an undated article stays undated, so no event) — in an undated
    # article, from the one year the article writes (``own_year``)
    exprs = [e for pi in sorted(body) for e in exprs_by_para.get(pi, ()) if e is not dl_expr]
    past = history_years(nt, exprs) if published is None else frozenset()
    year = own_year(nt, exprs) if published is None else None
    floor = written_floor(nt, exprs, speech_spans) if published is None else None
    events: list[ExtractedEvent] = []
    for pi in sorted(body):
        p = paras[pi]
        pexprs = [e for e in exprs_by_para.get(pi, ()) if e is not dl_expr]
        for si, sent in enumerate(p.sentences):
            sexprs = [e for e in pexprs if sent.start <= e.start < sent.end]
            sexprs = sorted(sexprs + _verb_weekdays(nt, sent, sexprs, lex), key=lambda x: x.start)
            if not sexprs:
                eve = _on_the_eve(nt, sent, lex, speech_spans, published)
                if eve is not None:
                    (word, category), dv = eve
                    countries = countries_between(cmentions, sent.start, sent.end)
                    events.append(
                        ExtractedEvent(
                            kind="event", start=sent.start, end=sent.end,
                            text=nt.raw[sent.start : sent.end], date=dv, countries=countries,
                            trigger=category, actors=countries,
                        )
                    )  # fmt: skip
                continue
            seen: set[str] = set()
            ends = _span_ends(nt, sexprs)
            for e in sexprs:
                if any(e is b for b in ends.values()):
                    continue  # the last day of a span: its happening is dated by the first
                others = tuple(o for o in sexprs if o is not e and o is not ends.get(id(e)))
                hit = _happening(nt, sent, e, lex, speech_spans, others)
                if hit is None:
                    continue
                r = ref
                if any(a <= e.start < b for a, b in speech_spans):
                    # a date inside a quote is read against when the quote was said
                    stm = next(
                        (s for s in reversed(statements) if s.start <= e.start < s.end and s.date),
                        None,
                    )
                    if stm is not None and stm.date.precision == "day":
                        r = as_date(stm.date) or ref
                dv = resolve(e, r)
                if dv is None and r is None and year is not None:
                    dv = in_year(e, year)
                if dv is None and r is None and published is not None:
                    # a publication date known to the month (or year) still gives a yearless
                    # day its year: the one that puts it nearest the publication's month
                    dv = in_year(e, _year_near(e, published), "the publication date's")
                if dv is None or dv.value in seen:
                    continue
                seen.add(dv.value)
                word, category, announced = hit
                # 'رئيس كازاخستان أعلن … بدء انسحاب القوات': the one announcing the act did it
                sa = att.sentences.get((pi, si)) if announced else None
                actor = sa.speaker if sa is not None and sa.cues else None
                background = (
                    bool(forms(word) & lex.background_triggers)
                    or recalled(dv, published or floor)
                    or (_since(nt, e) and recalled(dv, published, days=SINCE_DAYS))
                    or (published is None and _recalling(nt, sent))
                    or int(dv.value[:4]) in past
                    or (dv.precision == "year" and not _told_ahead(nt, sent, e, lex, speech_spans))
                    or _past_month(e, dv, published or floor)
                    or _cited_document(nt, sent, e, lex, speech_spans, others)
                )
                countries = countries_between(cmentions, sent.start, sent.end)
                events.append(
                    ExtractedEvent(
                        kind="event",
                        start=sent.start,
                        end=sent.end,
                        text=nt.raw[sent.start : sent.end],
                        date=dv,
                        speaker=actor.ref if actor is not None else None,
                        countries=countries,
                        background=background,
                        trigger=category,
                        actors=countries,
                    )
                )
    return _finest(events)


def _verb_weekdays(
    nt: NormText, sent: Sentence, exprs: list[TimeExpr], lex: _Lexicon
) -> list[TimeExpr]:
    """A bare weekday right after a past trigger verb ('المناورات التي بدأت الجمعة'، 'وصلت
    القوات الأحد إلى …'), which the date grammar leaves alone as it may be a name: the latest
    such day (the verb tells it as past). A present verb ('تبدأ الخميس') is left undated."""
    weekdays = load_resources().weekdays
    toks = nt.tokens_in(nt.key_offset(sent.start), nt.key_offset(sent.end))
    opening = toks[0][2] if toks else ""
    opens = _past_trigger_verb(opening, lex) or _strip_wf(opening) in lex.happening_verbs
    out: list[TimeExpr] = []
    for i, ((_a0, _b0, prev), (a, b, t)) in enumerate(pairwise(toks), start=1):
        if t not in weekdays:
            continue
        # right after a past trigger verb, or after the subject of a past verb opening the
        # sentence ('ووصل الوزير الأحد إلى …'، 'وأجرت القوات المشتركة الثلاثاء تدريبات')
        after_subject = opens and i <= 4 and all(x[2][:1].isalpha() for x in toks[:i])
        if not (_past_trigger_verb(prev, lex) or after_subject):
            continue
        if t == norm("الاثنين") and prev.endswith(("ين", "ان")):
            continue  # 'البلدين الاثنين': 'the two', no Monday
        start, end = nt.raw_span(a, b)
        if any(x.start <= start < x.end or start <= x.start < end for x in exprs):
            continue
        nxt = nt.key[b : b + 12].split()
        if nxt and nxt[0] in _WEEKDAY_NAMES:
            continue  # 'الخميس الماضي' or a weekday's own words: the grammar's
        out.append(TimeExpr(start, end, "wd", weekday=weekdays[t], text=nt.raw[start:end]))
    return out


# words after a weekday that the date grammar reads with it
_WEEKDAY_NAMES = frozenset(norm(w) for w in ("الماضي", "المقبل", "القادم", "المنصرم", "الفائت"))


def _past_trigger_verb(word: str, lex: _Lexicon) -> bool:
    """A trigger verb in the past: no article, no noun ending (ة، ات), no present prefix
    (يبدأ، تبدأ، نعقد، ستبدأ) unless it ends in the feminine past's ت (تولت، انطلقت)."""
    w = _strip_wf(word)
    plural = w.endswith("ات") and len(w) > 5  # مناورات، اجتماعات; not بدأت
    if find_trigger([word], lex) is None or w.startswith("ال") or w.endswith("ه") or plural:
        return False
    return w.endswith("ت") or w[:1] not in "يتنس"


_PLANNED = frozenset(
    norm(w) for w in ("مقرر", "مقررا", "مقررة", "مزمعا", "مزمعة", "مخططا", "مخططة")
)


def _superseded_plan(before: list[str]) -> bool:
    """'الاجتماع الذي كان مقررا في 25 مارس'، 'الزيارة التي كانت مقررة يوم الأحد': a plan told in
    the past names a date that no longer holds (the happening was moved or called off)."""
    tail = _last_words(before, 4)
    for i, w in enumerate(tail):
        if i and _strip_wf(w) in _PLANNED and _strip_wf(tail[i - 1]) in _KANA:
            return True  # 'كان مقررا'، 'كانت مقررة'
        if i > 1 and w == norm("المقرر") and tail[i - 1] == "من" and tail[i - 2] in _KANA:
            return True  # 'كان من المقرر'
    return False


_SPAN_FROM = norm("من")
_SPAN_TO = frozenset(norm(w) for w in ("إلى", "الى", "حتى", "-", "–"))


def _span_ends(nt: NormText, exprs: list[TimeExpr]) -> dict[int, TimeExpr]:
    """Spans across months, 'من 26 سبتمبر إلى 13 أكتوبر، تجري التدريبات': the last day (by
    ``id`` of the first) — one happening dated by its first day, which reads the clause past
    the span's end."""
    out: dict[int, TimeExpr] = {}
    for a, b in pairwise(exprs):
        ka, kb = nt.key_offset(a.end), nt.key_offset(b.start)
        before = nt.key[max(0, nt.key_offset(a.start) - 12) : nt.key_offset(a.start)].split()
        if nt.key[ka:kb].strip() in _SPAN_TO and before and before[-1] == _SPAN_FROM:
            out[id(a)] = b
    return out


def _year_near(e: TimeExpr, published: DateValue) -> int:
    """The year of a yearless month ``e`` nearest an imprecise publication date (a day of
    December in an article of January is the year before)."""
    year = int(published.value[:4])
    if published.precision != "month" or e.month is None:
        return year
    gap = e.month - int(published.value[5:7])
    return year - 1 if gap > 6 else year + 1 if gap < -6 else year


def _past_month(e: TimeExpr, dv: DateValue, published: DateValue | None) -> bool:
    """A happening dated by a month alone that ended before the article's month began ('انعقد
    في سبتمبر الماضي' in October) is recalled: news of the last weeks is told with its day. A
    week ('الأسبوع الماضي', stored as its month) is recent and stays news."""
    return dv.precision == "month" and e.unit != "week" and recalled(dv, published, days=0)


def _cited_document(
    nt: NormText,
    sent: Sentence,
    e: TimeExpr,
    lex: _Lexicon,
    speech_spans: list[tuple[int, int]],
    others: tuple[TimeExpr, ...],
) -> bool:
    """The date is a document's, cited in a noun phrase ('قرار المجلس الصادر في 23 سبتمبر'،
    'القرار الصادر عن المجلس في …'، 'الرسالة المؤرخة في …'): the sentence tells what is done with
    the document now, its issue is recalled."""
    before = _clause(nt, sent, e, lex, speech_spans, others).before
    return any(_strip_wf(w) in lex.documents for w in _last_words(before, 6))


def _finest(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """A happening dated to the day makes a mention of the same kind of happening in its month
    redundant ('ستجريان تدريبات اعتبارا من الأسبوع المقبل' then 'ستعقد التدريبات من 11 إلى 20
    سبتمبر'): keep the day. A year is kept: 'منتدى في عام 2026' is not the summit of 11 November
    2026."""
    finer = {
        (e.trigger, e.date.value[:n])
        for e in events
        if e.date is not None
        for n, p in ((7, "day"),)
        if e.date.precision == p
    }
    return [
        e
        for e in events
        if e.date is None or e.date.precision != "month" or (e.trigger, e.date.value) not in finer
    ]
