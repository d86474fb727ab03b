"""Quotations: pair quote marks inside each paragraph and tell speech from quoted names.

Marks come in three families (straight ``"``, curly ``“ ”``, guillemets ``« »``); each family
pairs only with itself, and each mark's direction is read from what touches it (space or
colon before and a letter after opens; a letter or full stop before and space or punctuation
after closes), curly and guillemet marks falling back to their usual direction — in either
orientation, since right-to-left typing often reverses them. Then, per paragraph:

* marks pair on a stack, so the same marks may nest (“… “ناتو” …”);
* an opening mark never closed runs to the next mark of its family (three marks in one
  sentence: ``"A … "B …"``) or, failing that, to the end of the paragraph;
* a closing mark with nothing open is stray, unless a colon precedes it after the last
  quote: then the opening mark is missing and the quote starts after the colon(s);
* a stray mark never crosses a paragraph, so it can't pair with the next one's opening.

A quotation is speech when it has at least three words, is not a knowledge-base name
(organisation, outlet, country) and is introduced by a reporting cue (a speech verb or
participle, ``بحسب``, a colon) between the start of its sentence — or the previous quote — and
its opening mark, or continues a speech quote in the same sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from app.extract.frozen import quick_init
from app.extract.knowledge import Knowledge
from app.extract.mentions import _suffixed_verb
from app.extract.resources import Resources
from app.extract.segment import Paragraph
from app.extract.textnorm import NormText, norm

FAMILIES = {'"': "s", "“": "c", "”": "c", "«": "g", "»": "g", "„": "c", "‟": "c"}
DEFAULT_DIR = {"“": "open", "”": "close", "«": "open", "»": "close", "„": "open", "‟": "close"}
_OPEN_BEFORE = set(" \n\t(:[{،,؛-/") | {""}
_CLOSE_AFTER = set(" \n\t.,،؛;:!?؟)]}-/…") | {""}
_WORD_RE = re.compile(r"[^\W_]+")
_CLITICS = frozenset("وف")


@quick_init
@dataclass(frozen=True)
class Quote:
    """A quotation's content (raw offsets, trimmed) and what we know about it."""

    start: int
    end: int
    open_mark: int | None  # raw offset of the opening mark (None when missing)
    close_mark: int | None  # raw offset of the closing mark (None when left open)
    paragraph: int
    speech: bool
    cue_start: (
        int  # raw offset where the introducing text begins (sentence start or previous quote end)
    )
    words: int
    attr_end: int | None = None  # raw end of a trailing attribution ('«…»، قال X للصحفيين.')
    # a reporting cue introduces it though it is too short to be speech alone: left open at
    # a paragraph's end, it is speech when it runs on ('قال: "الوضع هادئ. ⏎ لكننا …"')
    cued: bool = False


@quick_init
@dataclass(frozen=True)
class _Mark:
    k: int  # key offset
    fam: str
    dir: str  # open | close | amb


def _direction(key: str, k: int, ch: str) -> str:
    prev = key[k - 1] if k > 0 else ""
    nxt = key[k + 1] if k + 1 < len(key) else ""
    left = prev in _OPEN_BEFORE or prev in '"“”«»'
    right = nxt in _CLOSE_AFTER or nxt in '"“”«»'
    if prev in _CLITICS and (k < 2 or key[k - 2].isspace()) and nxt.isalpha():
        return "open"  # the conjunction written onto the quotation: 'و"…'
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    if ch in DEFAULT_DIR and (left and right):
        return "amb"
    return "amb"


def _pairs(nt: NormText, k0: int, k1: int, res: Resources | None = None):
    """Pair the marks of one paragraph. Returns (pairs, stray_closes) in key offsets.

    A closing mark with nothing open, written right onto a reporting verb or participle
    ('قائلا" إن …'), opens the quotation that verb introduces.

    pairs: list of (open_k, close_k, depth); an unclosed opening has close_k = -(end_k) - 1.
    camel's character map folds every quote mark to '"' in the key, so the family and the
    default direction are read from the raw character.
    """
    key, raw, kmap = nt.key, nt.raw, nt.kmap
    marks = []
    k = key.find('"', k0, k1)
    while k >= 0:
        if raw[kmap[k]] in FAMILIES:
            marks.append(_Mark(k, FAMILIES[raw[kmap[k]]], _direction(key, k, raw[kmap[k]])))
        k = key.find('"', k + 1, k1)
    stacks: dict[str, list[int]] = {"s": [], "c": [], "g": []}
    pairs: list[tuple[int | None, int | None, int]] = []
    strays: list[int] = []
    depth_of: dict[int, int] = {}
    for m in marks:
        st = stacks[m.fam]
        d = m.dir
        ch = raw[kmap[m.k]]
        if d == "amb":
            if st:
                d = "close"
            elif ch in DEFAULT_DIR:
                d = DEFAULT_DIR[ch]
                if d == "close":
                    d = "open"  # a reversed mark with nothing open opens
            else:
                d = "open"
        if d == "close" and not st and ch in DEFAULT_DIR and DEFAULT_DIR[ch] == "open":
            # “ used as a closing mark with nothing open: read it as an opening (reversed pair)
            d = "open"
        if d == "close" and not st and res is not None and _glued_to_cue(nt, m.k, res):
            d = "open"
        if d == "open":
            depth_of[m.k] = sum(len(s) for s in stacks.values())
            st.append(m.k)
        elif st:
            o = st.pop()
            pairs.append((o, m.k, depth_of[o]))
        else:
            strays.append(m.k)
    # mixed marks ('”…"', '«…"'): a stray closing mark pairs with the latest opening of
    # another family left open before it, when no mark of that family comes between them
    for s in list(strays):
        cands = [
            (o, fam)
            for fam, st in stacks.items()
            for o in st
            if o < s and not any(m.fam == fam and o < m.k < s for m in marks)
        ]
        if cands:
            o, fam = max(cands)
            stacks[fam].remove(o)
            strays.remove(s)
            pairs.append((o, s, depth_of[o]))
    # openings never closed: end at the next mark of their family, else at the paragraph end
    for fam, st in stacks.items():
        for o in st:
            nxt = next((m.k for m in marks if m.k > o and m.fam == fam), None)
            pairs.append((o, -(nxt if nxt is not None else k1) - 1, depth_of[o]))
    return pairs, strays


def _glued_to_cue(nt: NormText, k: int, res: Resources) -> bool:
    """The mark at key offset ``k`` touches the end of a reporting cue word ('قائلا"')."""
    key = nt.key
    a = k
    while a > 0 and key[a - 1].isalpha():
        a -= 1
    word = key[a:k]
    if not word or (k + 1 < len(key) and not key[k + 1].isspace()):
        return False
    hit = res.cue_words.get(word)
    return hit is not None and hit[0] in ("verb", "participle")


def _trim(nt: NormText, a: int, b: int) -> tuple[int, int]:
    raw = nt.raw
    strip = ' \t\n\u00a0\u200b\u200c\u200d\u200e\u200f\ufeff"“”«»„‟:'
    while a < b and (raw[a] in strip or raw[a].isspace()):
        a += 1
    while b > a and (raw[b - 1] in strip or raw[b - 1].isspace()):
        b -= 1
    return a, b


_POSSESSIVE_WORD = re.compile(r"[^\W\d_]{3,}(?:ها|هم|هما|نا|كم)(?![^\W\d_])")


def _possessive_in(key: str, a: int, b: int) -> bool:
    """A word of ``key[a:b]`` carries a possessive pronoun ('لمسؤوليتها'، 'حدودنا')."""
    return _POSSESSIVE_WORD.search(key, a, b) is not None


# an event's name ends in its year joined by a dash ('زاباد-2025'، 'التفاعل - 2024')
_EVENT_YEAR = re.compile(r"[-–]\s*(?:19|20)\d\d\W*$")
_EVENT_NAME_WORDS = 6


def _is_cue(tokens: list[str], res: Resources) -> bool:
    for i, t in enumerate(tokens):
        if t in res.cue_words or t in res.speech_nouns:
            return True
        if i > 0 and tokens[i - 1] == "ما" and _suffixed_verb(res, t) is not None:
            return True  # 'وأدان ما وصفه بـ"…"'، 'ما قاله'

        for prep in res.prep_first.get(t, ()):
            if tuple(tokens[i + 1 : i + len(prep)]) == prep[1:]:
                return True
    return False


def _named(cue_toks: list[str], res: Resources) -> bool:
    """The word right before the opening mark names what the quote is: a slogan, a title, a
    term ('تحت شعار "…"'، 'بعنوان "…"'، 'ما يسمى "…"'), never speech."""
    words = [t for t in cue_toks if _WORD_RE.fullmatch(t)]
    if not words:
        return False
    w = words[-1]
    # with a clitic before it, and a possessive after it ('لمناوراتها "…"'، 'شعاره "…"')
    forms = {w, w[1:] if len(w) > 3 and w[0] in "وبل" else w}
    for f in list(forms):
        for suf in _POSSESSIVES:
            if f.endswith(suf) and len(f) - len(suf) >= 3:
                stem = f[: -len(suf)]
                forms |= {stem, stem[:-1] + _TEH_MARBUTA if stem.endswith("ت") else stem}
    return any(f in res.naming_words for f in forms)


def _described(cue_toks: list[str]) -> bool:
    """A describing verb (وصف، وصفت، وُصفت، وصفه) in the sentence and بـ/بأنها right before the
    mark: the quotation is the label it gives ('وصف الخطوة بأنها "…"'، 'وُصفت بـ"…"')."""
    words = [t for t in cue_toks if _WORD_RE.fullmatch(t)]
    return bool(words) and words[-1] in _AS and any(_DESCRIBE_RE.fullmatch(w) for w in words)


# a describing verb, with a conjunction and an object pronoun: وصف، ووصفت، وصفها، فوصفوا
_DESCRIBE_RE = re.compile(norm("[وف]?وصف(?:ت|وا|ه|ها|هم)?"))
_LABEL_WORDS = 4  # a longer quotation after وصف is what was said ('بأنه "ليس أكثر من …"')
_AS = frozenset(norm(w) for w in ("ب", "بأنه", "بأنها", "بأنهم", "بأنهما", "كـ", "ك"))

_POSSESSIVES = ("ها", "هم", "ه")
_TEH_MARBUTA = norm("ة")  # خطتها → خطة


def _kb_name(nt: NormText, k0: int, k1: int, kb: Knowledge) -> bool:
    toks = nt.tokens_in(k0, k1)
    words = [t for t in toks if _WORD_RE.fullmatch(t[2])]
    if not words:
        return True
    for which in ("org", "outlet", "country", "person"):
        ms = kb.matches_in(nt, which, words[0][0], words[-1][1])
        if len(ms) == 1 and ms[0].start == words[0][0] and ms[0].end == words[-1][1]:
            return True
    return False


def find_quotes(
    nt: NormText, paragraphs: tuple[Paragraph, ...], res: Resources, kb: Knowledge
) -> tuple[Quote, ...]:
    key = nt.key
    out: list[Quote] = []
    # every sentence of the text in order, and whether it holds a reporting cue: a quotation
    # opening its sentence with no cue continues the report of the sentences just before
    # (a sentence inside a speech quote counts as reported)
    order: list[list] = []
    for para in paragraphs:
        if not para.noise:
            for s in para.sentences:
                toks = [t[2] for t in nt.tokens_in(nt.key_offset(s.start), nt.key_offset(s.end))]
                cue = _is_cue(toks, res)
                order.append([s.start, s.end, cue, False])  # start, end, reported, speech
    starts = [o[0] for o in order]
    unmarked: set[int] = set()  # paragraphs without any quotation mark
    for pi, para in enumerate(paragraphs):
        if para.noise:
            unmarked.add(pi)
            continue
        k0, k1 = nt.key_offset(para.start), nt.key_offset(para.end)
        pairs, strays = _pairs(nt, k0, k1, res)
        spans: list[tuple[int, int, int | None, int | None]] = []  # key content span + raw marks
        closed = [(o, c) for o, c, d in pairs if c is not None and c >= 0]
        # a quotation left open at the end of the paragraph before runs on into this one up
        # to the closing mark with nothing open before it ('قال: "… ⏎ … ".')
        if not pairs and not strays and not _opens_with_cue(nt, para, res):
            unmarked.add(pi)
        run_on = _run_on(out, pi, strays, pairs, unmarked)
        if run_on is not None:
            q, s_close = run_on
            a, b = _trim(nt, q.start, nt.raw_start(s_close))
            words = len(_WORD_RE.findall(key, nt.key_offset(q.start), s_close))
            out[-1] = Quote(
                q.start, b, q.open_mark, nt.raw_start(s_close), q.paragraph,
                q.speech or words >= 3, q.cue_start, words, q.attr_end,
            )  # fmt: skip
            strays = [x for x in strays if x != s_close]
        for o, c, _d in pairs:
            if c is not None and c < 0:
                end_k = -c - 1
                a, b = o + 1, end_k
                spans.append((a, b, nt.raw_start(o), None))
            else:
                # nested inside another closed pair of any family: part of the outer quote
                if any(oo < o and c < cc for oo, cc in closed if (oo, cc) != (o, c)):
                    continue
                spans.append((o + 1, c, nt.raw_start(o), nt.raw_start(c)))
        # an unclosed quote that swallowed a closed pair is cut before it (done above by "next
        # mark"); drop closed pairs that sit inside an unclosed span only when they are nested
        for s in strays:
            prev_end = max(
                [k0]
                + [c + 1 for _o, c in closed if c < s]
                + [o + 1 for o, _c in closed if o < s < _c]
            )
            seg = key[prev_end:s]
            colon = seg.rfind(":")
            if colon < 0:
                continue
            a = prev_end + colon + 1
            while a < s and key[a] in " :":
                a += 1
            if s - a > 0:
                spans.append((a, s, None, nt.raw_start(s)))
        spans.sort()
        # drop spans contained in an earlier (unclosed) span
        kept: list[tuple[int, int, int | None, int | None]] = []
        for sp in spans:
            if any(k[0] <= sp[0] and sp[1] <= k[1] and k != sp for k in kept):
                continue
            kept.append(sp)
        sentences = para.sentences
        prev_q_end_raw: int | None = None
        prev_speech = False
        for a, b, om, cm in kept:
            ra, rb = _trim(nt, nt.raw_start(a), nt.raw_end(b))
            if cm is None and om is not None:
                ra, rb = _trim(nt, ra, _cut_narration(nt, ra, rb, res))
            if rb <= ra:
                continue
            mark_raw = om if om is not None else ra
            sent_start = next(
                (s.start for s in sentences if s.start <= mark_raw < s.end + 1), para.start
            )
            cue_start = sent_start
            same_sentence_prev = prev_q_end_raw is not None and prev_q_end_raw >= sent_start
            if same_sentence_prev:
                cue_start = prev_q_end_raw
            kc0, kc1 = nt.key_offset(cue_start), nt.key_offset(mark_raw)
            cue_key = key[kc0:kc1]
            cue_toks = [t[2] for t in nt.tokens_in(kc0, kc1)]
            kq0, kq1 = nt.key_offset(ra), nt.key_offset(rb)
            nwords = len(_WORD_RE.findall(key, kq0, kq1))
            speech = nwords >= 3 and not _kb_name(nt, kq0, kq1, kb) and not _named(cue_toks, res)
            if speech and nwords <= _LABEL_WORDS and _described(cue_toks):
                speech = False  # 'ووصفت X بأنها "سر من الأسرار"': a label, not words said
            cued = (
                not speech
                and cm is None
                and om is not None
                and (cue_key.rstrip().endswith(":") or _is_cue(cue_toks, res))
            )
            if (
                speech
                and nwords <= _NAME_WORDS
                and cue_toks
                and cue_toks[-1] in _NAME_PREPS
                and not _possessive_in(key, kq0, kq1)
            ):
                # 'قوات من "وحدة حفظ السلام"': a name governed by a preposition (a name has no
                # possessive pronoun: 'في "المناطق الخاضعة لمسؤوليتها فقط"' is words said)
                speech = False
            if speech and nwords <= _EVENT_NAME_WORDS and _EVENT_YEAR.search(key, kq0, kq1):
                speech = False  # '"الأخوة غير القابلة للتدمير-2024"': an exercise's name
            attr_end = None
            if speech and cm is not None:
                attr_end = _trailing_attribution(
                    nt, cm + 1, para, res, leads=not _WORD_RE.search(cue_key)
                )
            if speech:
                has_cue = cue_key.rstrip().endswith(":") or _is_cue(cue_toks, res)
                has_cue = has_cue or attr_end is not None
                if not has_cue and om is None:
                    has_cue = True  # missing opening after a colon
                if (
                    not has_cue
                    and same_sentence_prev
                    and prev_speech
                    and not _WORD_RE.search(cue_key)
                ):
                    has_cue = True  # continues the previous quote of the sentence
                if not has_cue and same_sentence_prev and prev_speech and nwords >= _RUN_ON_WORDS:
                    # a second quoted stretch of the same reported words ('قال إن الحديث يدور
                    # عن "…"، أو عن "…"'): no cue between, so the same speaker goes on
                    has_cue = True
                if (
                    not has_cue
                    and nwords >= _RUN_ON_WORDS
                    and len(_WORD_RE.findall(cue_key)) <= _RUN_ON_LEAD
                    and _after_report(order, starts, sent_start, quoted_only=bool(cue_key.strip()))
                ):
                    # '"…"' opening its sentence right after a reporting sentence: the same
                    # speaker goes on (a quoted paragraph with no verb of its own)
                    has_cue = True
                speech = has_cue
            out.append(
                Quote(
                    start=ra,
                    end=rb,
                    open_mark=om,
                    close_mark=cm,
                    paragraph=pi,
                    speech=speech,
                    cue_start=cue_start,
                    words=nwords,
                    attr_end=attr_end,
                    cued=cued,
                )
            )
            if speech:
                for o in order[bisect_left(starts, sent_start) :]:
                    if o[0] >= rb:
                        break
                    o[2] = o[3] = True
            if speech:
                # a quoted name before ('لصحيفة "وول ستريت جورنال"، … إن "…"') leaves the
                # sentence's cue to the quotation after it
                prev_q_end_raw = (cm + 1) if cm is not None else rb
                prev_speech = speech
    return tuple(out)


def _opens_with_cue(nt: NormText, para: Paragraph, res: Resources) -> bool:
    """The paragraph's first sentence holds a reporting cue: narration, not the middle of a
    quotation running on ('وأضاف الوزير أن …')."""
    if not para.sentences:
        return False
    s = para.sentences[0]
    return _is_cue([t[2] for t in nt.tokens_in(nt.key_offset(s.start), nt.key_offset(s.end))], res)


_RUN_ON_PARAGRAPHS = 3  # how many paragraphs a quotation left open may run on across


def _run_on(
    out: list[Quote], pi: int, strays: list[int], pairs, unmarked: set[int]
) -> tuple[Quote, int] | None:
    """(an earlier paragraph's open quotation, this paragraph's closing mark) when a speech
    quote was left open at the end of the paragraph just before — or before paragraphs with
    no quotation mark at all (a quotation of several paragraphs) — and this paragraph's
    first mark is a closing one with nothing open."""
    if not out or not strays:
        return None
    q = out[-1]
    opened = (q.speech or q.cued) and q.close_mark is None and q.open_mark is not None
    between = range(q.paragraph + 1, pi)
    if not opened or not 0 < pi - q.paragraph <= _RUN_ON_PARAGRAPHS:
        return None
    if any(x not in unmarked for x in between):
        return None
    first = strays[0]
    if any(o is not None and o < first for o, _c, _d in pairs):
        return None
    return q, first


_NAME_WORDS = 4  # a quotation this short right after a preposition names something
_NAME_PREPS = frozenset(norm(w) for w in ("من", "في", "إلى", "عن", "على", "مع", "ضد", "بين"))
_RUN_ON_WORDS = 5  # a quotation without a cue of its own is speech only when this long
_REPORT_REACH = 2  # how many sentences back a reporting cue still introduces it


_RUN_ON_LEAD = 3  # '"…". ومن أجل صده "…"': a few words of narration may lead it in


def _after_report(
    order: list[list], starts: list[int], sent_start: int, quoted_only: bool = False
) -> bool:
    """One of the few sentences before the one at ``sent_start`` holds a reporting cue or
    speech (only speech when narration leads the quotation in)."""
    i = bisect_left(starts, sent_start)
    prev = order[max(0, i - (1 if quoted_only else _REPORT_REACH)) : i]
    return any(o[3] if quoted_only else o[2] for o in prev)


_ATTR_LEAD = frozenset(("،", ",", "-", "–", "—", "و"))


def _trailing_attribution(
    nt: NormText, after: int, para, res: Resources, leads: bool = False
) -> int | None:
    """Quote-first order: '«…»، قال وزير الدفاع …' or '"…"، بحسب ما قاله X' or '"…"، على حد
    تعبير X'. The attribution is a comma or dash then, within two words, a reporting verb or an
    attribution phrase; it runs to the end of its sentence. A quote that opens its sentence
    (``leads``) may be followed by the past reporting verb with no comma: '"…" قال X'.
    Returns that end, else None."""
    end = next((s.end for s in para.sentences if s.start <= after <= s.end), para.end)
    toks = nt.tokens_in(nt.key_offset(after), nt.key_offset(end))
    words = [t[2] for t in toks[:6]]
    if not words:
        return None
    if any(t[2] == ":" for t in toks):
        return None  # the clause introduces a quote of its own: '"…"، قال X: "…"'
    marks = [i for i, t in enumerate(toks) if t[2] in ('"', "«", "»", "“", "”")]
    if marks and (
        len(marks) < 2 or sum(1 for t in toks[marks[0] + 1 : marks[1]] if t[2].isalnum()) >= 3
    ):
        return None  # … or quotes speech; a quoted name ('نقلتها وكالة «نوفوستي»') is fine
    if words[0] not in _ATTR_LEAD:
        w = words[0]
        if leads and w in res.verbs and w not in res.present:
            return end
        return None

    for i in range(1, min(5, len(words))):
        w = words[i]
        hit = res.cue_words.get(w)
        if hit is None and words[i - 1] == "ما":
            hit = _suffixed_verb(res, w)  # '"…"، هذا ما قاله X'
        if hit is not None and hit[0] == "verb":
            return end
        if any(tuple(words[i : i + len(p)]) == p for p in res.prep_first.get(w, ())):
            return end
        if w in _AS_WORDS:
            continue  # '"…"، حسبما أفاد X': the verb follows
        if w not in _ATTR_LEAD:
            break
    return None


# 'حسبما'، 'كما' before the reporting verb of a quote-first attribution
_AS_WORDS = frozenset(norm(w) for w in ("حسبما", "وحسبما", "كما", "هذا", "ذلك", "ما"))


def _cut_narration(nt: NormText, ra: int, rb: int, res: Resources) -> int:
    """An unclosed quote ends at its last full stop when narration (a reporting cue) follows."""
    key = nt.key
    ka, kb_ = nt.key_offset(ra), nt.key_offset(rb)
    seg = key[ka:kb_]
    for m in reversed(list(re.finditer(r"[.!?؟](?=\s)", seg))):
        tail = [t[2] for t in nt.tokens_in(ka + m.end(), kb_)]
        if tail and _is_cue(tail, res):
            return nt.raw_end(ka + m.end())
    return rb


__all__ = ["Quote", "find_quotes"]
