"""When each statement was said.

A statement is dated by a time expression of its introducing text that modifies the
reporting verb (not one in a complement clause after a cue, in a relative clause, or after
منذ), never from inside the quotation; else by the attribution after a quote-first quote,
the clause after it ('، وذلك خلال زيارة … في ماي الماضي'), an anaphoric time word
(حينها), the day the article gives the occasion it was made at (على هامش القمة), the same
speaker's latest dated report, the lead's day, and finally the publication date (noted as
inferred). See README, 'events'.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from app.extract.context import CorpusContext
from app.extract.dates import TimeExpr, as_date, resolve
from app.extract.events import in_year, own_year
from app.extract.model import DateValue, ExtractedEvent
from app.extract.quotes import Quote
from app.extract.resources import Resources, load_resources
from app.extract.segment import Paragraph, Sentence
from app.extract.speakers import Entity, SentenceAttribution
from app.extract.textnorm import NormText, norm


def _speech_occasion(raw: str) -> bool:
    """The text places a statement: 'في تصريحات', 'خلال مقابلة', 'في بيان'."""
    res = load_resources()
    words = [norm(w.strip('،,.:"«»')) for w in raw.split()]
    if any(w in _ADDRESSEES for w in words):  # 'قالت … للصحفيين في سانت بطرسبورغ'
        return True
    return any(
        a in ("في", "خلال") and (b in res.speech_nouns or b in res.occasion_nouns)
        for a, b in itertools.pairwise(words)
    )


# the audience a statement was made to: it places the statement as 'في تصريحات' does
_ADDRESSEES = frozenset(norm(w) for w in ("للصحفيين", "للصحافيين", "للصحافة", "لوسائل"))


_OCC_SUFFIX = re.compile(r"(?:هم|هما|ها|ه)$")


@lru_cache(maxsize=16384)
def _lemma(w: str) -> str:
    """A rough stem for matching occasion nouns: no و/ب/ل/ف, no article, no pronoun suffix,
    teh marbuta and accusative alef folded (القمة، قمتهم، لقمة → قمه; اجتماعا → اجتماع)."""
    if len(w) > 3 and w[0] in "وبلف":
        w = w[1:]
    if w.startswith("لل") or w.startswith("ال"):
        w = w[2:]
    if len(w) > 4 and w.endswith("ا"):
        w = w[:-1]
    if len(w) > 4 and w.endswith(("ته", "تها", "تهم")):
        w = w[: w.rindex("ت")] + "ه"
    elif len(w) > 5:
        w = _OCC_SUFFIX.sub("", w)
    return w


class _Clauses:
    """Which time expressions of an introducing text date the speech act.

    A time expression dates the reporting verb (or the occasion it was said at) unless it sits
    in a complement clause (after أن/إن following a reporting cue: 'وأشار إلى أن المنظمة عقدت
    أمس اجتماعاً'), in a relative clause up to its closing comma ('المسؤول، الذي تولى منصبه
    مطلع العام الماضي، أن'), or after منذ (a span's start, not a time of speaking).
    """

    def __init__(self, nt: NormText, res: Resources) -> None:
        self.nt, self.res = nt, res
        self._occ = frozenset(_lemma(w) for w in res.occasion_nouns)
        # single-word complementizers ('أن'، 'إنه'، 'بأن'), not the preposition 'إلى'
        self._comp = {c for c in res.complementizers if " " not in c and c != norm("إلى")} | {
            norm("بأن")
        }
        self._has: dict[tuple[int, int], bool] = {}
        self._anaph = re.compile(rf"(?<![^\W\d_])(?:{res.anaphoric_time_re})(?![^\W\d_])")

    def _is_cue(self, toks, i: int) -> bool:
        t = toks[i][2]
        if t in self.res.cue_words or t in self.res.speech_nouns:
            return True
        preps = self.res.prep_first.get(t)
        return bool(preps) and any(
            tuple(x[2] for x in toks[i + 1 : i + len(p)]) == p[1:] for p in preps
        )

    def governs(self, a: int, e: TimeExpr) -> bool:
        """``e`` (raw start after ``a``) dates the speech act introduced in ``raw[a:]``."""
        nt = self.nt
        toks = nt.tokens_in(nt.key_offset(a), nt.key_offset(e.start))
        if toks and _strip_wf(toks[-1][2]) in ("منذ", "حتي"):
            return False
        return self._state(toks) == "main"

    def in_complement(self, a: int, e: TimeExpr) -> bool:
        """``e`` lies in the content clause of a reporting cue ('وقال إن القوات التي وصلت أمس
        ستبقى'): it tells what was said, not when."""
        toks = self.nt.tokens_in(self.nt.key_offset(a), self.nt.key_offset(e.start))
        return self._state(toks) == "complement"

    def _state(self, toks) -> str:
        res = self.res
        state, cue_seen = "main", False
        for i, (_a, _b, t) in enumerate(toks):
            if self._is_cue(toks, i):
                state, cue_seen = "main", True
            elif cue_seen and t != "الي" and _complementizer(t, res):
                state = "complement"
            elif t in res.relative_markers:
                state = "relative" if state == "main" else state
            elif t in ("،", ",") and state == "relative":
                state = "main"
            elif t == "وذلك" and i and toks[i - 1][2] in ("،", ",") and state == "complement":
                # '…أن المنظمة ستتكيف، وذلك خلال ترؤسه أمس القمة': the adverbial after the
                # content clause places the speech act itself
                state = "main"
        return state

    def occasions(self, a: int, b: int) -> list[str]:
        """Occasion nouns a statement in ``raw[a:b]`` is placed at ('على هامش القمة')."""
        toks = self.nt.tokens_in(self.nt.key_offset(a), self.nt.key_offset(b))
        out = []
        for i in range(1, len(toks)):
            lem = _lemma(toks[i][2])
            prev = _strip_wf(toks[i - 1][2])
            placed = prev in self.res.occasion_preps or toks[i][2][:1] == "ب"
            if lem in self._occ and placed and not self._indefinite(toks, i):
                out.append(lem)
        return out

    _PREP_AFTER = frozenset(("مع", "في", "ل", "،", ",", "عن", "حول", "بشان"))

    def _indefinite(self, toks, i: int) -> bool:
        """'خلال اجتماع مع الرئيس': an indefinite occasion noun closed by a preposition is a
        new occasion, not the one the article dates elsewhere ('اجتماع لغرفة العمليات')."""
        w = _strip_wf(toks[i][2])
        if w.startswith(("ال", "بال", "لل")):
            return False
        nxt = toks[i + 1][2] if i + 1 < len(toks) else "،"
        return nxt in self._PREP_AFTER

    def has_occasion(self, a: int, b: int) -> bool:
        """Whether ``raw[a:b]`` holds an occasion noun (memoized per sentence)."""
        hit = self._has.get((a, b))
        if hit is None:
            toks = self.nt.tokens_in(self.nt.key_offset(a), self.nt.key_offset(b))
            hit = self._has[(a, b)] = any(_lemma(t[2]) in self._occ for t in toks)
        return hit

    def occasion_near(self, sent_a: int, sent_b: int, e: TimeExpr) -> str | None:
        """The occasion noun a time expression dates: the nearest within six words of it in
        its sentence ('خلال قمتهم التي استضافتها العاصمة الروسية أمس')."""
        nt = self.nt
        toks = nt.tokens_in(nt.key_offset(sent_a), nt.key_offset(sent_b))
        ks, ke = nt.key_offset(e.start), nt.key_offset(e.end)
        best: tuple[int, str] | None = None
        words = [t for t in toks if t[2][:1].isalpha()]
        pos = next((i for i, t in enumerate(words) if t[0] >= ks), len(words))
        pos_end = next((i for i, t in enumerate(words) if t[0] >= ke), len(words))
        for i, t in enumerate(words):
            lem = _lemma(t[2])
            if lem not in self._occ:
                continue
            gap = pos - i if i < pos else i - pos_end + 1 if i >= pos_end else 0
            between = words[i + 1 : pos] if i < pos else words[pos_end:i]
            if any(_strip_wf(w[2]) in self._comp for w in between):
                # 'أعلنت، أمس الأربعاء، أن باشنيان لن يشارك في القمة': the day dates the
                # announcement; the occasion sits in the clause it reports
                continue
            if 0 < gap <= 6 and (best is None or gap < best[0]):
                best = (gap, lem)
        return best[1] if best else None

    def anaphoric(self, a: int, b: int) -> bool:
        """'وقال … حينها إن': the time is the one just mentioned."""
        return bool(self._anaph.search(self.nt.key, self.nt.key_offset(a), self.nt.key_offset(b)))


def _strip_wf(t: str) -> str:
    return t[1:] if len(t) > 3 and t[0] in "وف" else t


def _complementizer(t: str, res: Resources) -> bool:
    """أن/إن, also with و/ف attached ('…، وأن الوحدات ستغادر أمس'): a content clause."""
    return t in res.complementizers or (t[:1] in ("و", "ف") and t[1:] in res.complementizers)


def _lead_date(
    nt: NormText,
    paras: tuple[Paragraph, ...],
    body: set[int],
    exprs_by_para: dict[int, tuple[TimeExpr, ...]],
    dl_expr: TimeExpr | None,
    speech_spans: list[tuple[int, int]],
    ref: date | None,
) -> tuple[DateValue | None, int]:
    """The day of the event the lead sentence reports ('خلال قمتهم التي استضافتها دوشنبه أمس'):
    speeches the article reports without a date of their own were made then. Returns it and
    the lead sentence's end."""
    if not body or ref is None:
        return None, 0
    # the lead is the first body paragraph that is a sentence, not a credit line such as
    # "موسكو - من مراسل الأهرام:"
    cands = [pi for pi in sorted(body) if len(nt.raw[paras[pi].start : paras[pi].end].split()) >= 8]
    lead_pi = cands[0] if cands else None
    if lead_pi is None or not paras[lead_pi].sentences:
        return None, 0
    # a standfirst ('الرئيس الروسي يؤكد في قمة … أنّ …') with no time and no quote: the
    # lead is the paragraph after it
    first = paras[lead_pi]
    if (
        len(cands) > 1
        and not exprs_by_para.get(lead_pi)
        and not any(first.start <= a < first.end for a, _ in speech_spans)
    ):
        lead_pi = cands[1]
        if not paras[lead_pi].sentences:
            return None, 0
    sents = paras[lead_pi].sentences
    # a dotted dateline ('نيويورك. كازينفورم - دعا …') is no sentence of its own
    sent = next((s for s in sents if len(nt.raw[s.start : s.end].split()) >= 3), sents[0])
    cl = _Clauses(nt, load_resources())
    for e in exprs_by_para.get(lead_pi, ()):
        if e is dl_expr or not (sent.start <= e.start < sent.end):
            continue
        if any(a <= e.start < b for a, b in speech_spans) or cl.in_complement(sent.start, e):
            continue  # inside a quotation or the reported content: what was said
        if e.kind in ("rel", "wd") or (e.kind == "dmy" and e.deictic):
            dv = resolve(e, ref)
            d = as_date(dv)
            if d is None or d > ref:
                return None, 0
            note = f"no date in the introducing text: the lead's '{e.text}'"
            return DateValue(dv.value, "day", dv.basis, note), sent.end
        return None, 0
    return None, 0


def _dating(
    nt: NormText, exprs: list[TimeExpr], content_start: int | None, cues=()
) -> TimeExpr | None:
    """The expression that dates a report: one before its content (deictic first, then a
    day), else a deictic "today/yesterday" after it."""
    before = [e for e in exprs if content_start is None or e.end <= content_start]
    deictic = [e for e in before if e.deictic or e.kind in ("rel", "wd", "ago")]
    if deictic:
        return deictic[0]
    day = [e for e in before if e.kind == "dmy"]
    if day:
        return day[0]
    # a month or a period (وقالت الوزارة الشهر الماضي إن …): the one nearest the content
    # only right after a reporting cue and its subject: a month inside the reported matter
    # (انتقد ما وصفه بتوغل القوات في مايو الماضي، قائلاً:) is not when it was said
    period = [
        e
        for e in before
        if e.kind in ("per", "my")
        and e.year is None
        and any(
            c.raw_end <= e.start and len(nt.raw[c.raw_end : e.start].split()) <= 5 for c in cues
        )
    ]
    if period and content_start is None:
        return period[-1]
    # 'صرح الوزير، ديسمبر 2024، بأن …': a month with its year set off by commas right after
    # the cue and its subject is when the words were said
    aside = [
        e
        for e in before
        if e.kind == "my"
        and e.year is not None
        and nt.raw[: e.start].rstrip().endswith((",", "،"))
        and nt.raw[e.end : e.end + 3].lstrip().startswith((",", "،"))
        and any(
            c.raw_end <= e.start and len(nt.raw[c.raw_end : e.start].split()) <= 5 for c in cues
        )
    ]
    if aside and content_start is None:
        return aside[-1]
    # "قال …، في تصريحات أدلى بها في أفريل 2025، إن": a month with its year (or a period:
    # 'في مقابلة … الأسبوع الماضي') after the cue and a speech or occasion noun or an
    # audience (not 'لفت الانتباه إلى عمل المقر في يناير 2022')
    month = [
        e
        for e in before
        if ((e.kind == "my" and e.year is not None) or (e.kind == "per" and e.year is None))
        and any(
            c.raw_end <= e.start
            and len(nt.raw[c.raw_end : e.start].split()) <= 12
            and _speech_occasion(nt.raw[c.raw_end : e.start])
            for c in cues
        )
    ]
    if month and content_start is None:
        return month[-1]
    after = [e for e in exprs if e.kind in ("rel", "ago") or (e.kind == "dmy" and e.deictic)]
    return after[0] if after else None


class StatementDater:
    """Dates the statements of one article, in text order.

    ``note_report`` is called for every sentence with an explicit reporting subject (it
    remembers when that speaker spoke), ``date_quote`` for every speech quotation, and
    ``finish`` once at the end (a lead quote the body dates later takes that date).
    """

    def __init__(
        self,
        nt: NormText,
        paras: tuple[Paragraph, ...],
        body: set[int],
        exprs_by_para: dict[int, tuple[TimeExpr, ...]],
        dl_expr: TimeExpr | None,
        published: DateValue | None,
        ctx: CorpusContext | None,
        speech: list[tuple[int, Quote]],
    ) -> None:
        self.nt, self.paras = nt, paras
        self.published = published
        self.ref = as_date(published)
        # a yearless day in an undated article takes the one year the article writes, never
        # a year from other articles
        body_exprs = [
            e for pi in sorted(body) for e in exprs_by_para.get(pi, ()) if e is not dl_expr
        ]
        self.own_year = own_year(nt, body_exprs) if self.ref is None else None
        self.speech = speech
        self.speech_spans = [(q.start, q.end) for _, q in speech]
        self.last_dated: dict[str, DateValue] = {}  # speaker key -> its latest dated statement
        self.own_dated: list[tuple[int, str]] = []  # (statement index, speaker) dated by own text
        self.undated: list[tuple[int, str]] = []  # statements that fell back to lead/publication
        self.lead, self.lead_end = _lead_date(
            nt, paras, body, exprs_by_para, dl_expr, self.speech_spans, self.ref
        )
        self.cl = _Clauses(nt, load_resources())
        self.narrative: list[TimeExpr] = []  # every narrative time expression, in text order
        self.occasion_dates: dict[str, tuple[DateValue, str]] = {}  # occasion noun -> its day
        self.coming: dict[str, tuple[DateValue, str]] = {}  # occasions the article places ahead
        cl, ref = self.cl, self.ref
        for pi in sorted(body):
            for sent in paras[pi].sentences:
                for e in exprs_by_para.get(pi, ()):
                    if e is dl_expr or self.inside_speech(e):
                        continue
                    if not (sent.start <= e.start < sent.end):
                        continue
                    self.narrative.append(e)
                    if e.kind not in ("rel", "wd", "dmy", "ago") or ref is None:
                        continue
                    if not cl.has_occasion(sent.start, sent.end):
                        continue
                    occ = cl.occasion_near(sent.start, sent.end, e)
                    if not occ or occ in self.occasion_dates:
                        continue
                    dv = self.resolve(e)
                    if dv is None or dv.precision != "day":
                        continue
                    if (as_date(dv) or ref) <= ref:
                        self.occasion_dates[occ] = (dv, e.text)
                    else:  # 'تعقد القمة غدا': only its eve can date a statement
                        self.coming.setdefault(occ, (dv, e.text))

    def resolve(self, e: TimeExpr) -> DateValue | None:
        """``e`` read against the publication date; in an undated article a yearless day in
        the one year the article writes (``events.in_year``: its weekday must agree)."""
        dv = resolve(e, self.ref)
        if dv is None and self.own_year is not None:
            dv = in_year(e, self.own_year)
        return dv

    def inside_speech(self, e: TimeExpr) -> bool:
        return any(a <= e.start < b for a, b in self.speech_spans)

    def note_report(
        self, pi: int, sent: Sentence, sa: SentenceAttribution, narr: list[TimeExpr]
    ) -> None:
        """A sentence whose reporting subject is explicit: remember when that speaker spoke."""
        if not (sa.explicit and sa.speaker is not None):
            return
        # with a quote opening here, a date after it belongs to the quoted matter
        marks = [
            q.open_mark if q.open_mark is not None else q.start
            for _, q in self.speech
            if q.paragraph == pi
            and sent.start <= (q.open_mark if q.open_mark is not None else q.start) < sent.end
        ]
        e = _dating(
            self.nt,
            [
                x
                for x in narr
                if (not marks or x.end <= marks[0]) and self.cl.governs(sent.start, x)
            ],
            sa.content_start,
        )
        if e is not None:
            dv = self.resolve(e)
            if dv is not None:
                self.last_dated[sa.speaker.key] = dv

    def date_quote(
        self,
        index: int,
        pi: int,
        sent: Sentence,
        q: Quote,
        ent: Entity | None,
        sa: SentenceAttribution | None,
        narr: list[TimeExpr],
        pexprs: list[TimeExpr],
    ) -> DateValue | None:
        """The date of the statement ``index`` (its position in the article's statements)."""
        nt, cl, p = self.nt, self.cl, self.paras[pi]
        mark = q.open_mark if q.open_mark is not None else q.start
        intro = [
            e
            for e in narr
            if e.start < mark
            and cl.governs(q.cue_start if e.start >= q.cue_start else sent.start, e)
        ]
        if not intro and q.attr_end is not None:
            # quote-first: the attribution after the quote dates it ('«…»، قال … في
            # تصريحات للصحفيين في دوشنبه أمس.')
            intro = [
                x
                for x in pexprs
                if q.end <= x.start < q.attr_end
                and not self.inside_speech(x)
                and cl.governs(q.end, x)
            ]
        tail_e = None
        if not intro and q.close_mark is not None:
            # '…"، وذلك خلال زيارة قام بها إلى بيشكيك في ماي الماضي.': the clause after
            # the quote places the statement
            tail_end = next((s.end for s in p.sentences if s.start <= q.close_mark <= s.end), p.end)
            tw = [
                t[2] for t in nt.tokens_in(nt.key_offset(q.close_mark + 1), nt.key_offset(tail_end))
            ][:4]
            if (
                len(tw) >= 3
                and tw[0] in ("،", ",")
                and tw[1] == "وذلك"
                and tw[2] in cl.res.occasion_preps
            ):
                tail = [
                    x
                    for x in pexprs
                    if q.close_mark < x.start < tail_end and not self.inside_speech(x)
                ]
                tail_e = tail[0] if tail else None
        e = None
        # "وقال … حينها" / quote-first '"…"، قالت … في اليوم نفسه': the time just mentioned
        if cl.anaphoric(q.cue_start, mark) or (
            not intro and cl.anaphoric(q.end, min(p.end, q.end + 160))
        ):
            e = next((x for x in reversed(self.narrative) if x.end <= mark), None)
        if e is None:
            e = _dating(nt, intro, None, sa.cues if sa else ())
        if e is None:
            e = tail_e
        dv = self.resolve(e) if e is not None else None
        if dv is None and e is None:
            dv = self._eve(sent.start, mark)
        if dv is None:  # "على هامش القمة": the day the article gives that occasion
            occs = cl.occasions(q.cue_start, mark)
            if q.attr_end is not None:  # quote-first: '«…»، قال … على هامش القمة'
                occs += cl.occasions(q.end, q.attr_end)
            occ = next((o for o in occs if o in self.occasion_dates), None)
            if occ is not None:
                odv, otext = self.occasion_dates[occ]
                dv = DateValue(
                    odv.value, odv.precision, odv.basis, f"the occasion's day ('{otext}')"
                )
                if ent is not None:
                    self.last_dated[ent.key] = dv
                    self.own_dated.append((index, ent.key))
        if dv is None and ent is not None and ent.key in self.last_dated:
            prev = self.last_dated[ent.key]
            dv = DateValue(
                prev.value, prev.precision, prev.basis, "same speaker's latest dated statement"
            )
        fallback = dv is None
        if dv is None and self.lead is not None:
            dv = self.lead
        if dv is None and self.published is not None:
            dv = DateValue(
                self.published.value,
                self.published.precision,
                "inferred",
                "no date in the introducing text: the publication date",
            )
        if e is not None and dv is not None and ent is not None:
            self.last_dated[ent.key] = dv
        if ent is not None and (e is not None and dv is not None):
            self.own_dated.append((index, ent.key))
        elif ent is not None and fallback:
            self.undated.append((index, ent.key))
        return dv

    _EVE_NOUNS = frozenset(
        norm(w)
        for w in (
            "رحلته", "رحلتها", "زيارته", "زيارتها", "وصوله", "وصولها", "القمة", "قمة",
            "الاجتماع", "اجتماع", "اللقاء", "لقاء", "المحادثات", "محادثات", "الزيارة", "زيارة",
        )
    )  # fmt: skip

    def _eve(self, a: int, b: int) -> DateValue | None:
        """'وقد أثار بوتين، عشية رحلته إلى مينسك، …': with no date of its own, the eve of the
        occasion the article reports today is the day before the publication date."""
        if self.ref is None or self.published is None or self.published.precision != "day":
            return None
        toks = [t[2] for t in self.nt.tokens_in(self.nt.key_offset(a), self.nt.key_offset(b))]
        for i, t in enumerate(toks):
            if _strip_wf(t) == "عشيه" and any(w in self._EVE_NOUNS for w in toks[i + 1 : i + 3]):
                # an occasion the article places ahead ('تعقد القمة غدا') has its own eve
                near = [_lemma(w) for w in toks[i + 1 : i + 3]]
                ahead = next((self.coming[w] for w in near if w in self.coming), None)
                if ahead is not None:
                    day = date.fromisoformat(ahead[0].value) - timedelta(days=1)
                    note = f"'عشية' the occasion the article dates '{ahead[1]}': the day before"
                    return DateValue(day.isoformat(), "day", "relative", note)
                day = self.ref - timedelta(days=1)
                note = "'عشية' the occasion reported today: the day before the publication date"
                return DateValue(day.isoformat(), "day", "relative", note)
        return None

    def finish(self, statements: list[ExtractedEvent]) -> None:
        """A statement with no date of its own before any dated one of the same speaker (the
        lead quoting what the body then dates: "… أمس الأربعاء") takes that later date."""
        for idx, key in self.undated:
            later = next((j for j, k in self.own_dated if k == key and j > idx), None)
            if later is None:
                continue
            dv = statements[later].date
            if dv is None or dv.precision != "day":
                continue
            if (
                self.lead is not None
                and statements[idx].date == self.lead
                and statements[idx].start >= self.lead_end
            ):
                continue  # after a dated lead ('خصصت … إحاطتها، أمس، …') the body reports that day
            note = "no date in the introducing text: the same speaker's next dated statement"
            statements[idx] = replace(
                statements[idx], date=DateValue(dv.value, dv.precision, dv.basis, note)
            )
