"""Reported (indirect) speech: the clauses officials are reported to say without quotation marks.

Three shapes, read on the normalized tokens of each body sentence:

* **cue first**: a reporting verb, present form or participle, its subject, then a
  complementizer and the content — ``أعلن الوزير، اليوم، أن …``، ``وأشار إلى أن …``،
  ``مضيفاً بأن …``، ``وقال الناطق: الوضع …`` (a colon stands for the complementizer) and
  ``أعلن/كشف عن`` + content, unless the noun after ``عن`` is an act being announced
  (``أعلن عن انسحاب …``: a happening, not speech; ``act_nouns`` in ``speech.json``);
* **attribution phrase**: ``وبحسب X، …``، ``ووفقاً لـX …`` opening the sentence (the content
  follows the comma after X), or closing it (``…، بحسب وزارة الدفاع``: the content precedes);
* **attributed afterwards**: ``… صرّح بذلك X``، ``قال ذلك X``، ``…، حسبما أفاد X``: the
  content is what comes before the cue.

One clause per cue that has content of its own: a cue whose complementizer comes only after
a later cue (``قال وأضاف أن``) joins that one. A sentence holding a direct quotation of three
words or more is left to the quotation (its statement is the quote's), and so are impersonal
frames (``يشار إلى أن``), which are not cues. Content shorter than three words is no clause.
Whether a clause really has a speaker is the attribution stage's call (an attribution phrase
whose object is a decision, ``وفقاً لقرار …``, has none and is dropped there).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from app.extract.frozen import quick_init
from app.extract.mentions import AMBIGUOUS_CUES, _suffixed_verb, object_verb
from app.extract.quotes import Quote
from app.extract.resources import Resources, _load
from app.extract.segment import Paragraph, Sentence
from app.extract.textnorm import NormText, norm

Order = Literal["cue_first", "prep_first", "prep_last", "after"]

# complementizers that open reported content (أن and its forms, with ب: بأن)
_THAT = frozenset(
    norm(w)
    for w in ("أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "أننا", "إننا",
              "بأن", "بأنه", "بأنها", "بأنهم", "بأننا", "أنّ", "لأن", "فإن", "فإنه", "فإنها",
              "أنهما", "إنهما", "بأنهما")
)  # fmt: skip
_ILA = norm("إلى")
_AN = norm("عن")
_ALA = norm("على")
_BA_VERBS = frozenset(norm(w) for w in ("أفاد", "أفادت"))
_ACCUSE = frozenset(norm(w) for w in ("اتهم", "اتهمت"))
_OBJECT_SUFFIXES = ("هما", "هم", "ها", "ه")
_DENIAL_VERBS = frozenset(norm(w) for w in ("نفى", "نفت", "استبعد", "استبعدت", "يستبعد", "تستبعد"))
_FEELING_VERBS = frozenset(norm(w) for w in ("أعرب", "أعربت", "معربا", "معربة", "عبر", "عبرت"))
# verbs after which 'عن' + content is reported speech (أعلن عن استقرار الوضع)
_AN_VERBS = frozenset(norm(w) for w in ("أعلن", "أعلنت", "كشف", "كشفت"))
# 'صرّح بذلك'، 'قال ذلك'، 'أكد هذا': the content was given before the cue
_BACK_REFS = frozenset(norm(w) for w in ("بذلك", "ذلك", "هذا", "بهذا", "هذه", "بهذه"))
# the object of 'هذا ما صرح به X'، 'هذا ما أعلن عنه X' after its verb
BACK_OBJECTS = frozenset(norm(w) for w in ("به", "عنه"))
# attribution phrases that end a sentence's content ('…، حسبما أفاد X')
_AFTER_PREPS = frozenset(norm(w) for w in ("حسبما", "وحسبما", "كما", "وكما"))
# رد is also a noun ('في رد على سؤال'); دعا also invites ('دعت الدول ممثلين كمراقبين') and
# calls for an act, neither of which reports what was said
_AMBIGUOUS = AMBIGUOUS_CUES | {norm(w) for w in ("رد", "دعا", "ودعا", "دعت", "ودعت", "داعيا")}
# a possibility, intention or readiness of an act is said, not done ('أعلن إمكانية انسحاب')
_MODAL_NOUNS = frozenset(
    norm(w) for w in ("إمكانية", "احتمال", "نية", "استعداد", "رغبة", "عزم", "ضرورة")
)
# 'فيما صرح X أن …': a new clause with its own subject, not a verb of the content before
_WHILE = frozenset(norm(w) for w in ("فيما", "وفيما", "بينما", "حين"))
_MIN = norm("من")
_WARN_VERBS = frozenset(norm(w) for w in ("حذر", "حذرت", "يحذر", "تحذر"))
_BUT = frozenset(norm(w) for w in ("إلا", "غير"))
_WADHALIKA = frozenset(norm(w) for w in ("وذلك", "ذلك"))
# verbs of saying whose content may follow the subject's comma with no complementizer
_SAY_VERBS = frozenset(norm(w) for w in ("قال", "قالت", "أضاف", "أضافت", "تابع", "تابعت"))
_BARE_SUBJECT = 8  # tokens a subject may take before that comma
_QUOTED_TERM = 2  # words of a quoted term (no speech) that may open an indirect content
_MAX_SUBJECT = 30  # tokens allowed between a cue and its complementizer (subject, time, place)


@quick_init
@dataclass(frozen=True)
class ReportedClause:
    """A stretch of indirect speech: raw offsets of the clause, its cue and its content."""

    paragraph: int
    sentence: int
    start: int  # the clause (the sentence start, or a later cue's start)
    end: int
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    order: Order
    cue_index: int  # token index of the cue in its sentence (matches speakers.Cue.ti)
    colon: bool = False  # the content follows a colon: speech given as said, marks left out


def _words(toks) -> int:
    return sum(1 for t in toks if t[2][:1].isalnum())


def _cue_kind(res: Resources, toks, i: int) -> tuple[str, int] | None:
    """('verb'|'participle'|'prep', index of the cue's last token) for a cue at token ``i``."""
    t = toks[i][2]
    if t in _AMBIGUOUS and not (
        t in AMBIGUOUS_CUES and i + 1 < len(toks) and toks[i + 1][2] in _THAT
    ):
        return None  # ('وبيّن أن …' is the verb: a complementizer follows it)
    hit = res.cue_words.get(t)
    if hit is None and i > 0 and toks[i - 1][2] == "ما":
        hit = _suffixed_verb(res, t)  # 'هذا ما أعلنته الوزارة'
    if hit is None:
        hit = object_verb(res, t)  # 'واتهمها بأنها …'
    if hit is not None:
        return hit[0], i
    if (t in res.transmission_verbs or _strip(t) in res.transmission_verbs) and any(
        x[2] == _AN for x in toks[i + 1 : i + 10]
    ):
        # 'ونقلت وكالة … عن الرئيس تأكيده أن …': the relayed speaker's content (not 'نشر
        # قوات', a deployment)
        return "verb", i
    for prep in res.prep_first.get(t, ()):
        if tuple(x[2] for x in toks[i + 1 : i + len(prep)]) == prep[1:]:
            return "prep", i + len(prep) - 1
    return None


@lru_cache(maxsize=1)
def _act_nouns() -> frozenset[str]:
    """Verbal nouns of acts (انسحاب، تشكيل): 'أعلن عن' + one of them announces a happening."""
    return frozenset(norm(w) for w in _load("speech.json").get("act_nouns", ()))


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Cues whose content may follow على / إلى, and nouns that open such content."""
    sp = _load("speech.json")
    return tuple(
        frozenset(norm(w) for w in sp.get(k, ()))
        for k in ("content_after_ala", "content_after_ila", "content_nouns")
    )


def _act_noun(w: str) -> bool:
    w = _strip(w)
    bare = w[2:] if w.startswith("ال") else w
    return w in _act_nouns() or bare in _act_nouns()


def _quoted_spans(quotes: tuple[Quote, ...], pi: int, a: int, b: int) -> list[tuple[int, int]]:
    """Raw spans (marks included) of the direct quotations of three words or more in
    ``raw[a:b]``: their words are the quote's statement, never indirect speech."""
    return [
        (
            q.open_mark if q.open_mark is not None else q.start,
            q.close_mark + 1 if q.close_mark is not None else q.end,
        )
        for q in quotes
        if q.speech and q.words >= 3 and q.start < b and q.end > a
    ]


def find_reported(
    nt: NormText,
    paragraphs: tuple[Paragraph, ...],
    body: set[int],
    quotes: tuple[Quote, ...],
    res: Resources,
) -> tuple[ReportedClause, ...]:
    """Every reported-speech clause of the body, in text order."""
    out: list[ReportedClause] = []
    prev: tuple[int, int, Sentence] | None = None  # the body sentence before: (pi, si, it)
    speech = tuple(q for q in quotes if q.speech and q.words >= 3)  # all _quoted_spans reads
    for pi in sorted(body):
        para = paragraphs[pi]
        for si, sent in enumerate(para.sentences):
            quoted = _quoted_spans(speech, pi, sent.start, sent.end)
            after: list[ReportedClause] = []
            if prev is not None:
                ppi, psi, ps = prev
                done = out and out[-1].paragraph == ppi and out[-1].sentence == psi
                if not done and not _quoted_spans(speech, ppi, ps.start, ps.end):
                    after = _attributed_after(nt, res, pi, si, ps.start, sent.start, sent.end)
            found = _sentence_clauses(nt, res, pi, si, sent.start, sent.end, quoted)
            if after:
                # the sentence gives its words to the one before ('صرح بذلك X'، 'أفاد Y أن
                # هذا ما صرح به X'): a relay's clause around the back-reference is none
                found = after + [c for c in found if c.cue_start >= after[0].cue_end]
            out.extend(found)
            prev = (pi, si, sent)
    return tuple(out)


def _attributed_after(
    nt: NormText, res: Resources, pi: int, si: int, p0: int, s0: int, s1: int
) -> list[ReportedClause]:
    """'…. صرح بذلك X في مقابلة …': a sentence opening with a cue and a back-reference gives
    its words to the sentence before it."""
    toks = nt.tokens_in(nt.key_offset(s0), nt.key_offset(s1))
    ci = 1 if toks and toks[0][2] in ("و", "ف") else 0
    lead = _cue_kind(res, toks, ci) if ci < len(toks) else None
    if lead is not None and lead[0] == "verb":
        # a relay before the back-reference: 'أفاد تلفزيون X أن هذا ما صرح به Y'
        that = next((k for k in range(lead[1] + 1, min(len(toks), lead[1] + 9))
                     if toks[k][2] in _THAT), None)  # fmt: skip
        if (
            that is not None
            and that + 2 < len(toks)
            and toks[that + 2][2] == "ما"
            and _strip(toks[that + 1][2]) in _BACK_REFS
        ):
            ci = that + 1
    if ci + 2 < len(toks) and _strip(toks[ci][2]) in _BACK_REFS and toks[ci + 1][2] == "ما":
        # 'هذا ما أعلنته وزارة الدفاع': the verb carries the object pronoun, or its object
        # follows as به/عنه ('هذا ما صرح به X')
        ci += 2
        hit = _suffixed_verb(res, toks[ci][2])
        if hit is None:
            plain = res.cue_words.get(toks[ci][2])
            if plain is None or ci + 1 >= len(toks) or toks[ci + 1][2] not in BACK_OBJECTS:
                return []
            return _after_clause(nt, pi, si, p0, s0, s1, toks, ci, ci + 1)
        hit = ("verb", ci)
    else:
        hit = _cue_kind(res, toks, ci) if ci < len(toks) else None
        if hit is None or hit[0] != "verb" or hit[1] + 1 >= len(toks):
            return []
        if toks[hit[1] + 1][2] not in _BACK_REFS:
            return []
    return _after_clause(nt, pi, si, p0, s0, s1, toks, ci, hit[1])


def _after_clause(nt: NormText, pi, si, p0, s0, s1, toks, ci: int, cl: int):
    """The clause of the sentence before (``p0``–``s0``), given to the cue ``ci``–``cl``."""
    prev = nt.tokens_in(nt.key_offset(p0), nt.key_offset(s0))
    if _words(prev) < 3:
        return []
    cue_a, cue_b = nt.raw_span(toks[ci][0], toks[cl][1])
    c_end = nt.raw_end(prev[-1][1])
    while c_end > p0 and nt.raw[c_end - 1] in " ،,؛;-.":
        c_end -= 1
    return [ReportedClause(pi, si, p0, s1, cue_a, cue_b, p0, c_end, "after", cl)]


def _sentence_clauses(
    nt: NormText,
    res: Resources,
    pi: int,
    si: int,
    s0: int,
    s1: int,
    quoted: list[tuple[int, int]],
) -> list[ReportedClause]:
    """The clauses of one sentence; a clause that would take in a direct quotation (its cue
    introduces the quote: 'وقال إن "…"') is left to the quote, one before or after it stays
    ('"…" وفي إشارة إلى … قال X إن …')."""
    toks = nt.tokens_in(nt.key_offset(s0), nt.key_offset(s1))
    cues: list[tuple[int, int, str]] = []  # (first token, last token, kind)
    i = 0
    while i < len(toks):
        if quoted and _inside(nt.raw_start(toks[i][0]), quoted):
            i += 1  # words inside a quotation are the speaker's, not cues
            continue
        hit = _cue_kind(res, toks, i)
        if hit is not None:
            cues.append((i, hit[1], hit[0]))
            i = hit[1] + 1
            continue
        i += 1
    # a verb right after a complementizer is the content's own ('أكد أنه يعتبر …'), as is a
    # bare verb after the content's subject ('صرح X بأن الوزارة أبلغت المنظمة …'); a
    # coordinated verb (وأضاف) or a participle opens a new clause
    kept: list[tuple[int, int, str]] = []
    for n, c in enumerate(cues):
        relayed = c[0] > 0 and toks[c[0] - 1][2] in _THAT and _relayed(res, toks, c, cues[n + 1 :])
        if c[0] > 0 and toks[c[0] - 1][2] in _THAT and not relayed:
            continue
        w = toks[c[0]][2]
        bare = c[2] == "verb" and not (len(w) > 3 and w[0] in "وف") and w not in _THAT
        if (
            bare
            and not relayed
            and kept
            and any(t[2] in _THAT for t in toks[kept[-1][1] + 1 : c[0]])
            and toks[c[0] - 1][2] not in ("،", ",", ".", "؛")
            and toks[c[0] - 1][2] not in _WHILE
            and not _concessive_between(toks, kept[-1][1] + 1, c[0])
        ):
            continue
        kept.append(c)
    cues = kept
    if not cues:
        return []
    raw = lambda k: nt.raw_start(toks[k][0]) if k < len(toks) else s1  # noqa: E731
    found: list[tuple[int, int, int, int, str]] = []  # (cue i, cue last, content tok, end, order)
    speaking = [c for c in cues if c[2] != "prep"]
    for ci, cl, kind in cues:
        if kind == "prep":
            # a cue before it owns the sentence ('وأشار إلى أنه وفقاً لقرار …')
            if not any(c[0] < ci for c in cues):
                nxt = next((c[0] for c in speaking if c[0] > ci), len(toks))
                clause = _prep_clause(toks, ci, cl, nxt)
                if clause is not None:
                    found.append((ci, cl, *clause))
            continue
        # a later attribution phrase does not end the content ('أن … وفقاً لإرادة …')
        nxt = next((c[0] for c in speaking if c[0] > ci), len(toks))
        # attributed afterwards: 'صرح بذلك X' (content before the cue)
        if cl + 1 < len(toks) and toks[cl + 1][2] in _BACK_REFS and _words(toks[:ci]) >= 3:
            found.append((ci, cl, 0, ci, "after"))
            continue
        if ci > 0 and toks[ci - 1][2] in _AFTER_PREPS and _words(toks[: ci - 1]) >= 3:
            found.append((ci, cl, 0, ci - 1, "after"))
            continue
        if (
            ci > 1
            and toks[ci - 1][2] == "ما"
            and _strip(toks[ci - 2][2]) in _BACK_REFS
            and _words(toks[: ci - 2]) >= 3
        ):
            found.append((ci, cl, 0, ci - 2, "after"))  # '…، هذا ما أعلن عنه X'
            continue
        # cue first: the complementizer after the subject, before the next cue
        start = _content_start(res, toks, ci, cl, nxt, kind)
        if start is None:
            continue
        if (
            start < len(toks)
            and toks[start][2] == '"'
            and (
                any(a <= nt.raw_start(toks[start][0]) < b for a, b in quoted)
                or _words(toks[start:nxt]) <= _QUOTED_TERM + 1
            )
        ):
            # a quotation follows: its words are the quote's. A quoted term of two words
            # opening a longer content ('إن "عملية تخريب"، في الجنوب كانت …') stays indirect
            continue
        found.append((ci, cl, start, nxt, "cue_first"))
    out: list[ReportedClause] = []
    for n, (ci, cl, c0, c1, order) in enumerate(found):
        if _words(toks[c0:c1]) < 3:
            continue
        start = s0 if not out else raw(ci)
        if order == "after":
            start = s0 if not out else out[-1].end
        end = raw(found[n + 1][0]) if n + 1 < len(found) and order != "after" else s1
        end = max(end, nt.raw_end(toks[c1 - 1][1]) if c1 > 0 else end)
        cue_a, cue_b = nt.raw_span(toks[ci][0], toks[cl][1])
        c_start = raw(c0)
        c_end = nt.raw_end(toks[c1 - 1][1])
        while c_end > c_start and nt.raw[c_end - 1] in " ،,؛;-":
            c_end -= 1
        while end > start and nt.raw[end - 1] in " ،,؛;":
            end -= 1
        start = max([start] + [b for a, b in quoted if b <= cue_a and b <= c_start])
        if any(a < max(c_end, cue_b) and b > start for a, b in quoted):
            continue
        colon = c0 > 0 and toks[c0 - 1][2] == ":"
        if not colon and any(a >= c_end and "." not in nt.raw[c_start:a] for a, _b in quoted):
            # 'وأشار إلى أن …، موضحاً أن "…"': the quotation's statement holds the sentence
            # (an unspaced full stop between them still parts two sentences)
            continue
        out.append(
            ReportedClause(pi, si, start, end, cue_a, cue_b, c_start, c_end, order, cl, colon)
        )
    return out


def _concessive_between(toks, a: int, b: int) -> bool:
    """'على الرغم من أن X أكدوا أنه …، إلا أن الدول الأعضاء تحذر من …': 'إلا أن'/'غير أن'
    opens the main clause, whose verb is a cue of its own, not a verb of the content before."""
    return any(toks[k][2] in _THAT and _strip(toks[k - 1][2]) in _BUT for k in range(max(a, 1), b))


def _relayed(res: Resources, toks, c: tuple[int, int, str], later) -> bool:
    """'أفادت وكالة X، أنه قال الرئيس … إن …': a past reporting verb right after the relay's
    complementizer, with a subject and a complementizer of its own, reports the one who spoke
    (the relay's own content is then empty)."""
    if c[2] != "verb" or _strip(toks[c[0]][2]) not in res.verbs:
        return False
    nxt = later[0][0] if later else len(toks)
    return any(t[2] in _THAT for t in toks[c[1] + 2 : min(nxt, c[1] + _MAX_SUBJECT)])


def _content_start(res: Resources, toks, ci: int, cl: int, nxt: int, kind: str) -> int | None:
    """Token where the content of a cue-first clause begins: after أن/إن/بأن (or إلى أن, a
    colon); after عن for أعلن/كشف unless an act follows; after على for أكد/شدد (أكد على
    أهمية …) and إلى for أشار/لفت (مشيراً إلى ضرورة …); at a content noun for أكد/شدد
    without the preposition (أكد البيان أهمية …, مؤكداً ضرورة …), as for أعلن (أعلنت الرئاسة
    استقرار الأوضاع …)."""
    ala, ila, nouns = _lexicon()
    verb = _strip(toks[ci][2])
    if verb.endswith("وا") and len(verb) > 4:
        verb = verb[:-2]  # 'وشددوا على أهمية …': the plural of شدد
    k = cl + 1
    while k < nxt and k - cl <= _MAX_SUBJECT:
        w = toks[k][2]
        nw = toks[k + 1][2] if k + 1 < len(toks) else ""
        if w == ":" and nw == "/":
            k += 1  # the colon of an address ('https://…'), not one introducing words
            continue
        if w == ":" and nw in _THAT:
            return k + 2  # 'وقال X: إن …': the complementizer makes it indirect speech
        if w in _THAT or w == ":":
            return k + 1
        if w == _ILA and nw in _THAT:
            return k + 2
        if w == _ILA and verb in ila:
            return k + 1 if nw not in ('"', ":") else None
        if w == _ALA and verb in ala and k + 1 < nxt:
            return k + 1 if nw not in ('"', ":") else None
        if w == _MIN and verb in _WARN_VERBS and k + 1 < nxt and nw not in _THAT:
            return k + 1 if nw not in ('"', ":") else None  # 'حذر من خطر تسلل …'

        if (verb in ala or verb in _AN_VERBS) and _content_noun(w, nouns) and w != _ALA:
            return k
        if verb in _BA_VERBS and w.startswith("ب") and len(w) > 3 and w not in _THAT:
            return k  # 'أفادت السلطات، بانتهاك حدودها …': the content after ب
        if _accusation(verb) and _verbal_noun_after_ba(w):
            return k  # 'اتهم X المنظمة بالتقصير في …': what the accused is said to do
        if w == _AN and verb in _FEELING_VERBS:
            return None  # 'أعرب عن أمله في أن …': a feeling or wish, not a statement
        if w == _AN and verb in _AN_VERBS:
            # 'أعلن عن استقرار الوضع' is speech; 'أعلن عن انسحاب القوات' an act
            return k + 1 if k + 1 < len(toks) and not _act_noun(nw) else None
        k += 1
    if (
        verb in _AN_VERBS
        and nxt - cl > 3
        and not any(
            _act_noun(t[2]) and _strip(toks[x - 1][2]) not in _MODAL_NOUNS
            for x, t in enumerate(toks[cl + 1 : min(nxt, cl + 18)], start=cl + 1)
        )
    ):
        # 'أعلن رئيس النيابة، اليوم، مقتل 225 شخصاً': what was announced, not an act
        return cl + 1
    if verb in _DENIAL_VERBS and nxt - cl > 3:
        # 'نفت كازاخستان تلقيها أي طلبات'، 'لم يستبعد زاس إمكانية تفاقم …': the object is what
        # was said; it follows the subject, whose end is the attribution stage's to know
        return cl + 1
    if verb in _SAY_VERBS and k >= nxt:
        return _bare_content(res, toks, cl, nxt)
    return None


def _bare_content(res: Resources, toks, cl: int, nxt: int) -> int | None:
    """'وقال المكتب، جرت أمس جلسة جديدة …': content with no complementizer, after the comma
    that closes the subject, when a verb opens it (not an adverbial: '، خلال مؤتمر صحفي،')."""
    k = cl + 1
    while k < min(nxt, cl + _BARE_SUBJECT) and toks[k][2] not in ("،", ","):
        if not toks[k][2].isalpha():
            return None
        k += 1
    if k >= min(nxt, cl + _BARE_SUBJECT) or k == cl + 1 or k + 1 >= nxt:
        return None
    w = toks[k + 1][2]
    finite = w[:1] in "يت" or w.endswith(("ت", "وا")) or w in res.verbs
    if not finite or w in res.stopwords or w in res.cue_words or _words(toks[k + 1 : nxt]) < 4:
        return None
    return k + 1


def _content_noun(w: str, nouns: frozenset[str]) -> bool:
    """A content noun, also with a clitic before or a possessive after ('استعدادهم')."""
    forms = {w, w[1:]}
    forms |= {f[: -len(suf)] for f in tuple(forms) for suf in _OBJECT_SUFFIXES if f.endswith(suf)}
    return any(f in nouns for f in forms)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


# an accusation verb, alone or with its object pronoun
_ACCUSATIONS = _ACCUSE | {v + suf for v in _ACCUSE for suf in _OBJECT_SUFFIXES}


def _accusation(verb: str) -> bool:
    return verb in _ACCUSATIONS


def _verbal_noun_after_ba(w: str) -> bool:
    """'بالتقصير'، 'بمحاولة': ب with a definite word or a feminine verbal noun (not a name
    beginning with ب: بوتين)."""
    return len(w) > 4 and (w.startswith(norm("بال")) or (w[0] == "ب" and w.endswith(norm("ة"))))


def _strip(t: str) -> str:
    return t[1:] if len(t) > 3 and t[0] in "وف" else t


def _prep_clause(toks, ci: int, cl: int, nxt: int):
    """Content of an attribution phrase: after the comma that closes its object when the
    phrase opens the sentence, before the phrase when it closes the sentence after a comma."""
    words_before = _words(toks[:ci])
    if words_before >= 3:
        # '…، بحسب وزارة الدفاع': the phrase closes the sentence
        if toks[ci - 1][2] in ("،", ",", "-"):
            return 0, ci, "prep_last"
        if ci > 1 and toks[ci - 1][2] in _WADHALIKA and toks[ci - 2][2] in ("،", ","):
            return 0, ci - 1, "prep_last"  # '…، وذلك بحسب ما أفاد به X'
        return None
    if words_before > 2:
        return None
    # 'وبحسب X، …' / 'وحسب X سيتضح …': the content after the comma (else after the name);
    # a complementizer before or right after that comma opens it ('وجاء في بيان الحكومة، أنه')
    comma = next((k for k in range(cl + 1, min(nxt, cl + 20)) if toks[k][2] in ("،", ",")), None)
    upto = min(nxt, comma + 2 if comma is not None else cl + _MAX_SUBJECT)
    that = next((k for k in range(cl + 1, upto) if toks[k][2] in _THAT), None)
    if that is not None:
        return that + 1, nxt, "prep_first"
    start = comma + 1 if comma is not None else min(cl + 3, nxt)
    return start, nxt, "prep_first"


__all__ = ["ReportedClause", "find_reported"]
