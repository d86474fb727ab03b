"""extract_article: normalize → segment → quotes → dates → speakers → countries → events.

Each stage is a pure function over frozen values; this module only wires them and applies
the event rules:

* one ``statement`` per speech quotation, dated by a time expression of its introducing text
  (outside quotes: a deictic one such as اليوم/أمس الخميس/يوم الأربعاء الماضي, or any one
  between the reporting verb and the reported content), else by the latest dated statement
  of the same speaker, else by the publication date; countries from the start of its sentence
  (or the end of the previous quote of the sentence) to its end;
* one ``event`` per other date a sentence carries (a bare dateline excepted), with the
  sentence's reporting subject as speaker when it has one.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from app.extract.context import CorpusContext
from app.extract.countries import countries_between, find_countries
from app.extract.dates import WEEKDAY_EN, TimeExpr, as_date, find_time_expressions, resolve
from app.extract.knowledge import Knowledge, load_knowledge
from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent, Span, SpeakerRef
from app.extract.quotes import Quote, find_quotes
from app.extract.resources import Resources, load_resources
from app.extract.segment import Paragraph
from app.extract.speakers import Attribution, Entity, attribute
from app.extract.textnorm import NormText, norm, normalize_text

_SENT_END = re.compile(r"[.!?؟]\s*$")
_ISSUE_LINE = re.compile(r"(?:السنة|العدد)\s*[\d٠-٩]")
_YEARLESS_DATELINE_TAIL = re.compile(r"^\s*\([^()]{1,30}\)\s*[-–—]?")
# "أستانا. 28 نوفمبر. كازينفورم –" / "موسكو، 14 مايو، تاس -": the agency after a dot or comma,
# then a dash (the caller requires an outlet there)
_DOTTED_DATELINE_TAIL = re.compile(r"^\s*[.،,]\s*[^()\-–—.،,:\n\d]{1,30}?\s*[-–—]")


# ---- article furniture: headline, dateline, footer ------------------------------------------
def _leading_block(nt: NormText, paras: tuple[Paragraph, ...]) -> set[int]:
    """Headline-like paragraphs before the body (short, no final full stop)."""
    out: set[int] = set()
    for pi, p in enumerate(paras):
        if p.noise:
            continue
        text = nt.raw[p.start : p.end]
        words = len(text.split())
        if words <= 20 and not _SENT_END.search(text) and len(out) < 4:
            out.add(pi)
            continue
        break
    return out


def _title(
    nt: NormText,
    paras: tuple[Paragraph, ...],
    leading: set[int],
    datelines: set[int],
    kb: Knowledge,
) -> str | None:
    for pi in sorted(leading):
        if pi in datelines or _outlet_line(nt, paras[pi], kb):
            continue  # a masthead is no title
        if _ISSUE_LINE.search(nt.raw[paras[pi].start : paras[pi].end]):
            continue  # "السنة ١٣٣ - العدد ٤٤٦٢٥"
        return nt.raw[paras[pi].start : paras[pi].end]
    return None


def _dateline(
    nt: NormText,
    paras: tuple[Paragraph, ...],
    exprs_by_para: dict[int, tuple[TimeExpr, ...]],
    kb: Knowledge,
    first: int = 0,
) -> tuple[TimeExpr | None, int | None, tuple[int, int] | None, str | None]:
    """(date expression, paragraph, blocked raw span, outlet) of a dateline, if any.

    A dateline is a line that is just a date, or a leading parenthesis or a prefix ending in
    a dash that holds a full date ("( … / سبوتنيك - 14 كانون الثاني 2022ء) أعلن …").
    """
    for pi, p in enumerate(paras[:8]):
        if pi < first:
            continue
        text = nt.raw[p.start : p.end]
        for e in exprs_by_para.get(pi, ()):
            if e.kind != "dmy" or e.deictic:
                continue
            prefix = text[: e.start - p.start]
            if not e.full:
                # "بريست (روسيا البيضاء) 2 سبتمبر أيلول (رويترز) -": a day and month opening
                # the first lines, followed by the agency in brackets; the year is inferred
                tail = text[e.end - p.start : e.end - p.start + 40]
                m = _YEARLESS_DATELINE_TAIL.match(tail) or _DOTTED_DATELINE_TAIL.match(tail)
                # a place name may end in a comma or a dot ("دوشنبه، 16 سبتمبر/أيلول (أرمنبرس)")
                place = prefix.rstrip().rstrip("،,.").rstrip()
                if pi < 5 and len(prefix.split()) <= 5 and not re.search("[،,]", place) and m:
                    span = (p.start, e.end + m.end())
                    outlet = _outlet_in(nt, e.end, e.end + m.end(), kb, last=True)
                    if outlet:
                        return e, pi, span, outlet
                continue
            rest = (prefix + " " + text[e.end - p.start :]).strip()
            # words of letters only: a Hijri date, a time or an issue number beside it don't count
            rest_words = re.findall(r"[^\W\d_]{2,}", rest.replace("\u0640", ""))
            short_top_line = pi < 5 and len(rest_words) <= 8 and not _SENT_END.search(text)
            if len(rest_words) <= 3 or short_top_line:
                return e, pi, (p.start, p.end), _outlet_in(nt, p.start, p.end, kb, last=True)
            if text.startswith("(") and ")" in text[e.end - p.start : e.end - p.start + 6]:
                close = text.index(")", e.end - p.start)
                span = (p.start, p.start + close + 1)
                return e, pi, span, _outlet_in(nt, span[0], e.start, kb, last=True)
            # "يريفان، 23 نوفمبر 2022 (سبوتنيك) -" / "موسكو - 14 يناير 2022 -"
            tail = text[e.end - p.start : e.end - p.start + 40]
            m = re.match(r"^\s*(?:\([^()]{1,30}\)\s*)?[-–—]", tail)
            if len(prefix.split()) <= 4 and m:
                span = (p.start, e.end + m.end())
                return e, pi, span, _outlet_in(nt, p.start, span[1], kb, last=True)
            # "أستانا. 28 نوفمبر 2024. كازينفورم –": the agency after a dot, then a dash
            m = _DOTTED_DATELINE_TAIL.match(tail)
            if len(prefix.split()) <= 4 and m:
                outlet = _outlet_in(nt, e.end, e.end + m.end(), kb, last=True)
                if outlet:
                    return e, pi, (p.start, e.end + m.end()), outlet
            # "موسكو 14 مايو 2002 (شينخوا) قرر …": the agency in brackets, no dash
            m = re.match(r"^\s*\([^()]{1,30}\)", tail)
            if len(prefix.split()) <= 4 and m:
                outlet = _outlet_in(nt, e.end, e.end + m.end(), kb, last=True)
                if outlet:
                    return e, pi, (p.start, e.end + m.end()), outlet
    return None, None, None, None


# "موسكو - 20 - 12 (كونا) --": a place, the day and month as numbers, the agency in brackets
_NUMERIC_DATELINE = re.compile(
    r"^\s*[^\W\d_][^\d()\n]{0,30}?\s*[-–—،,]\s*(?P<d>[0-3]?\d)\s*[-–—/.]\s*(?P<m>[01]?\d)"
    r"\s*\((?P<o>[^()]{1,30})\)\s*[-–—:]*"
)


def _numeric_dateline(
    nt: NormText, paras: tuple[Paragraph, ...], kb: Knowledge
) -> tuple[TimeExpr | None, int | None, tuple[int, int] | None, str | None]:
    """A dateline whose day and month are numbers with no year, the agency in brackets
    ('موسكو - 20 - 12 (كونا) --'); the year is inferred like any yearless dateline's."""
    for pi, p in enumerate(paras[:6]):
        text = nt.raw[p.start : p.end]
        m = _NUMERIC_DATELINE.match(text)
        if not m or not (1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31):
            continue
        outlet = _outlet_in(nt, p.start + m.start("o"), p.start + m.end("o"), kb, last=True)
        if outlet is None:
            continue
        e = TimeExpr(
            p.start + m.start("d"), p.start + m.end("m"), "dmy", None, int(m.group("m")),
            int(m.group("d")), text=text[m.start("d") : m.end("m")],
        )  # fmt: skip
        return e, pi, (p.start, p.start + m.end()), outlet
    return None, None, None, None


# an agency's wire stamp in the footer: 'كونا201734 جمت ديس 11' (day, hour-minute, GMT,
# the month abbreviated, a two-digit year)
_WIRE_STAMP = re.compile(
    r"(?P<d>[0-3]\d)[0-2]\d[0-5]\d\s+(?:جمت|GMT|غمت)\s+(?P<mon>[^\W\d_]{3,})\s+(?P<y>\d\d)\s*$"
)


def _wire_stamp(nt: NormText, paras: tuple[Paragraph, ...], res: Resources) -> date | None:
    """The date of a wire stamp among the last lines (see ``_WIRE_STAMP``)."""
    for p in reversed(paras[-4:]):
        m = _WIRE_STAMP.search(nt.key[nt.key_offset(p.start) : nt.key_offset(p.end)])
        if not m:
            continue
        mon = m.group("mon")
        month = next((n for w, n in res.months.items() if w.startswith(mon)), None)
        if month is None:
            continue
        with contextlib.suppress(ValueError):
            return date(2000 + int(m.group("y")), int(month), int(m.group("d")))
    return None


def _outlet_kind(kb: Knowledge, name_en: str) -> str | None:
    return next((o.kind for o in kb.outlets.values() if o.name_en == name_en), None)


def _outlet_line(nt: NormText, p: Paragraph, kb: Knowledge) -> str | None:
    """A masthead: a line that is nothing but an outlet's name ('ريا نوفوستي'، 'الأهرام')."""
    k0, k1 = nt.key_offset(p.start), nt.key_offset(p.end)
    words = [t for t in nt.tokens_in(k0, k1) if t[2][:1].isalnum()]
    if not words or len(words) > 5:
        return None
    ms = kb.outlet_matcher.find_all(nt.tokens_in(k0, k1))
    if len(ms) == 1 and ms[0].start <= words[0][0] and ms[0].end >= words[-1][1]:
        return kb.outlets[ms[0].payload].name_en
    return None


def _outlet_in(nt: NormText, a: int, b: int, kb: Knowledge, last: bool = False) -> str | None:
    """The outlet named in ``raw[a:b]``; an outlet whose name is a common word (الخبر) only
    when it is all the segment holds."""
    ka, kb_ = nt.key_offset(a), nt.key_offset(b)
    toks = nt.tokens_in(ka, kb_)
    ms = kb.outlet_matcher.find_all(toks)
    words = [t for t in toks if t[2][:1].isalnum()]
    ms = [
        m
        for m in ms
        if not kb.outlets[m.payload].common_word
        or (words and m.start <= words[0][0] and m.end >= words[-1][1])
    ]
    if not ms:
        return None
    m = ms[-1] if last else ms[0]
    return kb.outlets[m.payload].name_en


_SEGMENT_SEP = re.compile(r"\s+[-–—|]\s+|\s*[|/]\s*")
_SLASHED = re.compile(r"/\s*([^/\n]{2,30}?)\s*/")


def _furniture_outlet(nt: NormText, paras: tuple[Paragraph, ...], kb: Knowledge) -> str | None:
    """The outlet named by page furniture, by position (see README, 'Outlet'):

    1. a first line whose first segment is only an outlet: 'هسبريس - وكالات'، 'الخبر | دولي';
    2. one of the last lines that is only an outlet, or whose last '/'-segment is one (a byline
       footer): 'الأخبار'، 'م. ب / الخبر'؛
    3. an outlet between slashes in a dateline: 'دوشنبه، ۲۳.۱۰.۲۰۲۱ /خاور/ –'.
    """
    firsts = [p for p in paras[:3] if nt.raw[p.start : p.end].strip()]
    for p in firsts[:2]:
        text = nt.raw[p.start : p.end]
        seg = _SEGMENT_SEP.split(text.strip(), maxsplit=1)
        if len(seg) == 2 and len(seg[0].split()) <= 4:
            a = p.start + text.index(seg[0])
            name = _outlet_in(nt, a, a + len(seg[0]), kb)
            if name and _whole(nt, a, a + len(seg[0]), kb):
                return name
    tail = [p for p in paras[-4:] if nt.raw[p.start : p.end].strip()]
    for p in reversed(tail):
        text = nt.raw[p.start : p.end].rstrip()
        if len(text.split()) > 6:
            continue
        a = p.start + text.rfind("/") + 1 if "/" in text else p.start
        if _whole(nt, a, p.start + len(text), kb):
            return _outlet_in(nt, a, p.start + len(text), kb)
    for p in paras[:6]:
        text = nt.raw[p.start : min(p.end, p.start + 80)]
        m = _SLASHED.search(text)
        if m and not re.search(r"\d", m.group(1)):
            name = _outlet_in(nt, p.start + m.start(1), p.start + m.end(1), kb)
            if name:
                return name
    return None


def _whole(nt: NormText, a: int, b: int, kb: Knowledge) -> bool:
    """``raw[a:b]`` is nothing but one outlet's name."""
    k0, k1 = nt.key_offset(a), nt.key_offset(b)
    toks = nt.tokens_in(k0, k1)
    words = [t for t in toks if t[2][:1].isalnum()]
    ms = kb.outlet_matcher.find_all(toks)
    return bool(words) and len(ms) == 1 and ms[0].start <= words[0][0] and ms[0].end >= words[-1][1]


def _footer_outlet(
    nt: NormText, paras: tuple[Paragraph, ...], res: Resources, kb: Knowledge
) -> str | None:
    """'المصدر: تاس' (or a prefix like it) in the last lines, or a short line of the second
    half (an aggregator's footer above 'اقرأ أيضاً' and the comments)."""
    half = len(paras) // 2
    for i, p in reversed(list(enumerate(paras))):
        key = nt.key[nt.key_offset(p.start) : nt.key_offset(p.end)].strip()
        if i < len(paras) - 5 and (i < half or len(key.split()) > 6):
            continue
        for pre in res.source_prefixes:
            m = re.match(rf"^{re.escape(pre)}\s*[:：-]\s*", key)
            if m:
                k0 = nt.key_offset(p.start) + m.end()
                ms = kb.outlet_matcher.find_all(nt.tokens_in(k0, nt.key_offset(p.end)))
                if ms:
                    return kb.outlets[ms[0].payload].name_en
    return None


def _leading_outlet(nt: NormText, p: Paragraph, kb: Knowledge) -> str | None:
    """'موسكو (رويترز) -' / 'موسكو - سبوتنيك.' at the start of the first body paragraph."""
    text = nt.raw[p.start : min(p.end, p.start + 60)]
    m = re.match(
        r"^[^.،:\"“«]{0,40}?(?:\(([^)]{1,30})\)\s*[-–—:]|[-–—]\s*([^.\-–—:]{1,30})[.:\-–—])", text
    )
    if not m or len(text[: m.start(1) if m.group(1) else m.start(2)].split()) > 4:
        return None  # a place name of a few words, then the outlet: not a body sentence
    g = 1 if m.group(1) else 2
    return _outlet_in(nt, p.start + m.start(g), p.start + m.end(g), kb, last=True)


def _short_line_outlet(nt: NormText, paras: tuple[Paragraph, ...], kb: Knowledge) -> str | None:
    """A short line naming the outlet: 'مينسك-سانا', 'بيشكك/ الأناضول', 'موسكو: «الشرق الأوسط»'
    among the first lines, or '(واج)' as the last line."""
    cands = [p for p in paras[:6]] + [
        p for p in paras[-2:] if p.noise or len(nt.raw[p.start : p.end].split()) <= 3
    ]
    for p in cands:
        text = nt.raw[p.start : p.end].strip()
        words = re.findall(r"[^\W\d_]+", text)
        if not words or len(words) > 5:
            continue
        if not (re.search(r"[-–—/:]", text) or (text.startswith("(") and text.endswith(")"))):
            continue
        name = _outlet_in(nt, p.start, p.end, kb, last=True)
        if name:
            return name
    return None


# ---- publication date ------------------------------------------------------------------------
_NAMED_YEAR = re.compile(r"[^\W\d_]\s*-\s*((?:19|20)\d\d)(?!\d)")


_ANNIV_ORD = {
    "الاولي": 1, "الثانيه": 2, "الثالثه": 3, "الرابعه": 4, "الخامسه": 5, "السادسه": 6,
    "السابعه": 7, "الثامنه": 8, "التاسعه": 9, "العاشره": 10, "العشرين": 20, "الثلاثين": 30,
}  # fmt: skip
_ANNIV = re.compile(
    r"(?<![^\W\d_])(?P<eve>عشيه\s+|قبيل\s+|غداه\s+)?(?:ال|لل|بال|في\s+ال)?ذكري\s+"
    r"(?:(?P<ord>" + "|".join(_ANNIV_ORD) + r")|(?P<n>\d+))(?![^\W\d_])"
)


def _anniversaries(nt: NormText, exprs: list[TimeExpr]) -> list[tuple[date, str]]:
    """'عشية الذكرى الأولى لقرار … الصادر في ٦ يناير ٢٠٢٢': an anniversary of a full date
    written soon after it is a date the article is written around (the eve: a day before)."""
    out: list[tuple[date, str]] = []
    for m in _ANNIV.finditer(nt.key):
        n = _ANNIV_ORD.get(m.group("ord") or "", 0) or int(m.group("n") or 0)
        if not n:
            continue
        ra, rb = nt.raw_span(m.start(), m.end())
        e = next((x for x in exprs if x.full and rb <= x.start <= rb + 160), None)
        if e is None:
            continue
        with contextlib.suppress(ValueError):
            d = date(e.year + n, e.month, e.day)
            eve = m.group("eve")
            d = d - timedelta(days=1) if eve and "غداه" not in eve else d
            d = d + timedelta(days=1) if eve and "غداه" in eve else d
            out.append((d, nt.raw[ra:rb] + " … " + e.text))
    return out


def _anniversary_years(nt: NormText, exprs: list[TimeExpr]) -> list[tuple[int, str]]:
    """'في الذكرى الثلاثين لتوقيع المعاهدة في طشقند عام 1992': the year an anniversary of a
    year falls in (1992 + 30), when no full date follows it."""
    out: list[tuple[int, str]] = []
    for m in _ANNIV.finditer(nt.key):
        if m.group("eve") is not None and "غداه" in m.group("eve"):
            continue
        n = _ANNIV_ORD.get(m.group("ord") or "", 0) or int(m.group("n") or 0)
        ra, rb = nt.raw_span(m.start(), m.end())
        e = next((x for x in exprs if x.year is not None and rb <= x.start <= rb + 120), None)
        if n and e is not None and e.kind in ("y", "y_in", "my"):
            out.append((e.year + n, nt.raw[ra:rb] + " … " + e.text))
    return out


# "بعد أسبوع واحد فقط من قمة … يومي 15 و16 نوفمبر": the present event follows that date
_AFTER = re.compile(
    r"بعد\s+(?P<u>اسبوعين|اسبوع|يومين|يوم|ثلاثه\s+ايام|(?P<n>\d)\s+ايام)"
    r"(?:\s+(?:واحد|فقط))*\s+(?:من|علي)\s+(?:[^\d\n]{0,90})$"
)
_AFTER_DAYS = {"اسبوعين": 14, "اسبوع": 7, "يومين": 2, "يوم": 1}


def _after_shift(nt: NormText, e: TimeExpr) -> int:
    """Days to add to a date the text says the present event came a time after."""
    k = nt.key_offset(e.start)
    m = _AFTER.search(nt.key[max(0, k - 120) : k])
    if not m:
        return 0
    if m.group("n"):
        return int(m.group("n"))
    u = m.group("u")
    return 3 if u.startswith("ثلاثه") else _AFTER_DAYS[u]


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


def _weekday_hint(exprs: list[TimeExpr]) -> tuple[int | None, str]:
    """The weekday of "today": 'اليوم الاثنين' (or 'أمس الأحد' + 1), else a bare 'يوم الاثنين'."""
    for e in exprs:
        if e.kind == "rel" and e.weekday is not None:
            return (e.weekday - e.offset) % 7, e.text
    for e in exprs:
        if e.kind == "wd" and e.direction is None and e.weekday is not None:
            return e.weekday, e.text
    return None, ""


def _yearless_dateline(
    nt: NormText, dateline: TimeExpr, body_exprs: list[TimeExpr], ctx: CorpusContext | None
) -> DateValue | None:
    """A dateline with a day and month but no year ('موسكو 14 حزيران/يونيو (د ب أ)-').

    Candidate years: the year other articles give that day, the latest year the article
    writes (in a date or an event name such as 'التفاعل-2024') and the one after it, the
    corpus's commonest year; the first whose weekday agrees with the article's 'today'
    (اليوم الاثنين، يوم الاثنين) wins, else the first.
    """
    years = _article_years(nt, [e for e in body_exprs if not _future(nt, e)])
    cands: list[tuple[int, str]] = []
    if (y := _copyright_year(nt)) is not None:
        cands.append((y, "the year of the footer's copyright line"))
    if ctx is not None and (y := ctx.year_for(dateline.month, dateline.day)):
        cands.append((y, "the year other articles give this day"))
    if years:
        cands.append((max(years), "the latest year the article writes"))
        cands.append((max(years) + 1, "the year after the latest year the article writes"))
    if ctx is not None and (y := ctx.common_year()):
        cands.append((y, "the corpus's commonest year"))
    weekday, wd_text = _weekday_hint(body_exprs)
    if dateline.weekday is not None:  # "الخميس 5 فبراير" on the dateline itself
        weekday, wd_text = dateline.weekday, dateline.text
    dated = []
    for y, how in cands:
        with contextlib.suppress(ValueError):
            dated.append((date(y, dateline.month, dateline.day), how))
    if not dated:
        return None
    pick = dated[0]
    if weekday is not None:
        pick = next((c for c in dated if c[0].weekday() == weekday), pick)
    note = f"dateline '{dateline.text}' has no year: {pick[1]}, {pick[0].year}"
    if weekday is not None and pick[0].weekday() == weekday:
        note += f" ('{wd_text}' agrees: a {WEEKDAY_EN[weekday]})"
    return DateValue(pick[0].isoformat(), "day", "inferred", note)


_COPYRIGHT = re.compile(r"©|حقوق|copyright", re.I)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _copyright_year(nt: NormText) -> int | None:
    """'جميع الحقوق محفوظة © BelTA 2023' / '© 2013 …' in one of the last five lines: the
    page's own year stamp (the later year of a range)."""
    lines = [ln for ln in nt.key.splitlines() if ln.strip()][-5:]
    years = [
        int(m.group(1))
        for ln in lines
        if _COPYRIGHT.search(ln) and len(ln.split()) <= 12
        for m in _YEAR.finditer(ln)
    ]
    return max(years) if years else None


def _future(nt: NormText, e: TimeExpr) -> bool:
    """A date the article places ahead ('اعتبارا من 1 يناير 2024'، 'بحلول عام 2025')."""
    before = nt.key[max(0, nt.key_offset(e.start) - 16) : nt.key_offset(e.start)]
    return bool(_FUTURE.search(before))


def _article_years(nt: NormText, exprs: list[TimeExpr]) -> list[int]:
    """Years the article writes: in dates and in event names ('التفاعل-2024')."""
    years = [e.year for e in exprs if e.year is not None]
    return years + [int(m.group(1)) for m in _NAMED_YEAR.finditer(nt.key)]


def _year_for_weekday(month: int, day: int, weekday: int, years: list[int]) -> int | None:
    """The year, within ten of those the article writes, in which day/month falls on that
    weekday, closest to them (the later one on a tie)."""
    if not years:
        return None
    lo, hi = min(years), max(years)
    best: tuple[int, int] | None = None
    for y in range(lo - 10, hi + 11):
        with contextlib.suppress(ValueError):
            if date(y, month, day).weekday() != weekday:
                continue
            gap = 0 if lo <= y <= hi else min(abs(y - lo), abs(y - hi))
            if best is None or (gap, -y) < best:
                best = (gap, -y)
    return -best[1] if best is not None else None


def _weekday_dated_today(
    nt: NormText, exprs: list[TimeExpr], ctx: CorpusContext | None
) -> DateValue | None:
    """'أمس الثلاثاء 25 نونبر' / 'اليوم الخميس 3 مارس': a day and month written with its weekday
    and a "today"-word but no year. The year is the one in which that day falls on that
    weekday, closest to the years the article writes (else the corpus's commonest year)."""
    for e in exprs:
        if not (e.kind == "dmy" and e.deictic and e.year is None and e.weekday is not None):
            continue
        years = _article_years(nt, exprs)
        if not years and ctx is not None and (y := ctx.common_year()):
            years = [y]
        y = _year_for_weekday(e.month, e.day, e.weekday, years)
        if y is None:
            continue
        pub = date(y, e.month, e.day) - timedelta(days=e.offset)
        return DateValue(
            pub.isoformat(),
            "day",
            "inferred",
            f"'{e.text}' has no year: {y}, the year closest to those the article writes in "
            f"which it is a {WEEKDAY_EN[e.weekday]}",
        )
    return None


_FUTURE = re.compile(
    r"(?:بحلول|حتي|اعتبارا\s+من|ابتداء\s+من|بدءا\s+من|المقرر|سيتم|سوف)\s+(?:يوم\s+)?$"
)


def _publication(
    nt: NormText,
    body_exprs: list[TimeExpr],
    dateline: TimeExpr | None,
    quotes: tuple[Quote, ...],
    ctx: CorpusContext | None,
    stamp: date | None = None,
) -> DateValue | None:
    in_quote = [(q.start, q.end) for q in quotes if q.speech]
    if stamp is not None and dateline is not None and dateline.year is None:
        # the wire stamp's year, for the dateline's day and month (nearest the stamp)
        cands = []
        for y in (stamp.year - 1, stamp.year, stamp.year + 1):
            with contextlib.suppress(ValueError):
                cands.append(date(y, dateline.month, dateline.day))
        if cands:
            d = min(cands, key=lambda c: abs((c - stamp).days))
            note = f"dateline '{dateline.text}', the year from the wire stamp ({stamp.isoformat()})"
            return DateValue(d.isoformat(), "day", "explicit", note)
    if stamp is not None and dateline is None:
        return DateValue(stamp.isoformat(), "day", "explicit", "the wire stamp in the footer")

    def quoted(e: TimeExpr) -> bool:
        return any(a <= e.start < b for a, b in in_quote)

    if dateline is not None and dateline.year is None:
        dv = _yearless_dateline(nt, dateline, [e for e in body_exprs if not quoted(e)], ctx)
        if dv is not None:
            return dv
    elif dateline is not None:
        dv = resolve(dateline, None)
        if dv is not None:
            return DateValue(dv.value, "day", "explicit", f"dateline '{dateline.text}'")

    # "today" with a full date in the body
    for e in body_exprs:
        if e.full and e.deictic and e.offset == 0 and not quoted(e):
            dv = resolve(e, None)
            if dv is not None:
                note = f"the body says today is '{e.text}'"
                if e.weekday is not None and as_date(dv) and as_date(dv).weekday() != e.weekday:
                    note += " (weekday does not match)"
                return DateValue(dv.value, "day", "explicit", note)
    # "أمس الثلاثاء 25 نونبر": a day and month with a weekday and "today"-word but no year
    wd_dated = _weekday_dated_today(nt, [e for e in body_exprs if not quoted(e)], ctx)
    if wd_dated is not None:
        return wd_dated
    # inference: weekday of "today" + month "الجاري" + year + the latest past date mentioned
    weekday = None
    wd_text = ""
    for e in body_exprs:
        if quoted(e):
            continue
        if e.kind == "rel" and e.weekday is not None:
            weekday = (e.weekday - e.offset) % 7
            wd_text = e.text
            break
    month_hint = None
    month_text = ""
    for e in body_exprs:
        if e.kind in ("dmy", "my") and e.direction == 0 and e.year is None:
            month_hint, month_text = e.month, e.text
            break
    anchors: list[tuple[date, str]] = []
    years_seen: list[str] = []
    for e in body_exprs:
        if e.kind != "dmy" or e.deictic:
            continue
        before = nt.key[max(0, nt.key_offset(e.start) - 16) : nt.key_offset(e.start)]
        if _FUTURE.search(before):
            continue
        y = e.year
        if y is None and ctx is not None:
            y = ctx.year_for(e.month, e.day)
            if y is not None:
                years_seen.append(f"{e.day}/{e.month}→{y}")
        if y is None:
            continue
        try:
            anchors.append((date(y, e.month, e.day) + timedelta(_after_shift(nt, e)), e.text))
        except ValueError:
            continue
    anchors += _anniversaries(nt, body_exprs)
    year = max(anchors)[0].year if anchors else None
    how_year = "from dates written in full" if anchors and not years_seen else "from other articles"
    if (year is None or years_seen) and (ann_years := _anniversary_years(nt, body_exprs)):
        year, how_year = ann_years[0][0], f"from the anniversary '{ann_years[0][1]}'"
        anchors = [a for a in anchors if a[0].year == year]
    if year is None and ctx is not None:
        year = ctx.common_year()
        how_year = "the corpus's commonest year"
    if year is None:
        return None
    if not anchors and month_hint is None:
        return None
    # undated day+month mentions take the year found
    for e in body_exprs:
        if e.kind == "dmy" and e.year is None and not e.deictic and not quoted(e):
            before = nt.key[max(0, nt.key_offset(e.start) - 16) : nt.key_offset(e.start)]
            if _FUTURE.search(before):
                continue
            with contextlib.suppress(ValueError):
                anchors.append(
                    (date(year, e.month, e.day) + timedelta(_after_shift(nt, e)), e.text)
                )
    if anchors:
        latest, latest_text = max(anchors)
    else:
        latest, latest_text = date(year, month_hint, 1), month_text
    if month_hint is not None and latest.month != month_hint and latest < date(year, month_hint, 1):
        latest, latest_text = date(year, month_hint, 1), month_text
    if weekday is None:
        return DateValue(
            latest.isoformat(),
            "day",
            "inferred",
            f"no dateline: the latest date the article mentions ('{latest_text}'), "
            f"year {year} {how_year}",
        )
    pub = latest + timedelta(days=(weekday - latest.weekday()) % 7)
    parts = [f"'{wd_text}' gives a {WEEKDAY_EN[weekday]}"]
    if month_hint:
        parts.append(f"'{month_text}' gives the month")
    parts.append(f"year {year} {how_year}" + (f" ({', '.join(years_seen)})" if years_seen else ""))
    parts.append(
        f"first {WEEKDAY_EN[weekday]} on or after the latest past date mentioned ('{latest_text}')"
    )
    return DateValue(pub.isoformat(), "day", "inferred", "no dateline: " + "; ".join(parts))


# ---- the pipeline ----------------------------------------------------------------------------
def _period(published: DateValue | None) -> tuple[date, date] | None:
    """First and last day of a publication date known only to its month or year."""
    if published is None or published.precision == "day":
        return None
    try:
        parts = [int(x) for x in published.value.split("-")]
    except ValueError:
        return None
    if len(parts) == 2:
        y, m = parts
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date(y, m, 1), nxt - timedelta(days=1)
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    return None


def extract_article(
    text: str,
    *,
    context: CorpusContext | None = None,
    knowledge: Knowledge | None = None,
    published: DateValue | None = None,
) -> ArticleExtraction:
    """Extract statements and dated events from one article (pure and deterministic).

    ``knowledge`` defaults to the knowledge base in ``app/extract/data`` (tests pass others).
    ``published``: the publication date known from outside the text (a record, the page's
    metadata, the URL: app/provenance.py), used instead of the one read from the text, so that
    "yesterday" counts from it.
    """
    if not isinstance(text, str) or not text.strip():
        return ArticleExtraction(text=text if isinstance(text, str) else "")
    res = load_resources()
    kb = knowledge if knowledge is not None else load_knowledge()
    nt = normalize_text(text)
    paras = _paragraphs(nt, res)
    exprs_by_para = _exprs_by_paragraph(nt, paras)
    leading = _leading_block(nt, paras)
    dl_expr, dl_para, dl_span, dl_outlet = _dateline(nt, paras, exprs_by_para, kb)
    if dl_expr is None:
        dl_expr, dl_para, dl_span, dl_outlet = _numeric_dateline(nt, paras, kb)
    datelines = (
        {dl_para}
        if dl_para is not None and dl_span == (paras[dl_para].start, paras[dl_para].end)
        else set()
    )
    title = _title(nt, paras, leading, datelines, kb)
    body = {
        pi
        for pi, p in enumerate(paras)
        if not p.noise and pi not in leading and pi not in datelines
    }

    quotes = tuple(q for q in find_quotes(nt, paras, res, kb) if q.paragraph in body)
    body_exprs = [e for pi in sorted(body) for e in exprs_by_para[pi] if e is not dl_expr]
    if published is None:
        stamp = _wire_stamp(nt, paras, res)
        published = _publication(nt, body_exprs, dl_expr, quotes, context, stamp)
    # the publisher's own masthead (a newspaper, site or channel, not an agency) over the
    # agency its dateline credits: 'القدس العربي' above 'موسكو – (د ب أ):'
    masthead = next((o for p in paras[:2] if (o := _outlet_line(nt, p, kb))), None)
    if masthead is not None and _outlet_kind(kb, masthead) == "agency":
        masthead = None
    outlet = _footer_outlet(nt, paras, res, kb) or masthead or dl_outlet
    if outlet is None and body:
        outlet = _leading_outlet(nt, paras[min(body)], kb)
    if outlet is None and dl_para is not None:
        # a page header's date line came first ('| 2023-09-04 19:20:15 |'); the agency is
        # named by the dateline under it ('مينسك 4 سبتمبر 2023 (شينخوا) انطلقت …')
        outlet = _dateline(nt, paras, exprs_by_para, kb, first=dl_para + 1)[3]
    if outlet is None:
        outlet = _furniture_outlet(nt, paras, kb)
    if outlet is None:
        outlet = _short_line_outlet(nt, paras, kb)
    if outlet is None:
        outlet = next((o for p in paras[:3] if (o := _outlet_line(nt, p, kb))), None)
    when = as_date(published)

    att = attribute(nt, paras, body, quotes, kb, res, when, _period(published))
    blocked = [dl_span] if dl_span else []
    cmentions = find_countries(nt, kb, quotes, blocked)
    events = _events(
        nt, paras, body, quotes, att, exprs_by_para, dl_expr, published, cmentions, context
    )
    return ArticleExtraction(
        text=text, title=title, outlet=outlet, published=published, events=events
    )


def _exprs_by_paragraph(
    nt: NormText, paras: tuple[Paragraph, ...]
) -> dict[int, tuple[TimeExpr, ...]]:
    """Time expressions of the whole article (one pass), bucketed by paragraph."""
    out: dict[int, list[TimeExpr]] = {pi: [] for pi in range(len(paras))}
    starts = [p.start for p in paras]
    for e in find_time_expressions(nt):
        pi = bisect_right(starts, e.start) - 1
        if pi >= 0 and e.end <= paras[pi].end:
            out[pi].append(e)
    return {pi: tuple(v) for pi, v in out.items()}


def _paragraphs(nt: NormText, res: Resources) -> tuple[Paragraph, ...]:
    from app.extract.segment import segment

    return segment(nt, res)


def _events(
    nt: NormText,
    paras: tuple[Paragraph, ...],
    body: set[int],
    quotes: tuple[Quote, ...],
    att: Attribution,
    exprs_by_para: dict[int, tuple[TimeExpr, ...]],
    dl_expr: TimeExpr | None,
    published: DateValue | None,
    cmentions,
    ctx: CorpusContext | None,
) -> tuple[ExtractedEvent, ...]:
    ref = as_date(published)
    year_hint = ctx.year_for if ctx else None
    speech = [(qi, q) for qi, q in enumerate(quotes) if q.speech]
    speech_spans = [(q.start, q.end) for _, q in speech]
    last_dated: dict[str, DateValue] = {}  # speaker key -> date of its latest dated statement
    events: list[ExtractedEvent] = []
    statement_cover: list[tuple[int, int, str]] = []  # (start, end, date value) of statements

    def inside_speech(e: TimeExpr) -> bool:
        return any(a <= e.start < b for a, b in speech_spans)

    def dating(exprs: list[TimeExpr], content_start: int | None, cues=()) -> TimeExpr | None:
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

    lead, lead_end = _lead_date(nt, paras, body, exprs_by_para, dl_expr, speech_spans, ref)
    cl = _Clauses(nt, load_resources())
    narrative: list[TimeExpr] = []  # every narrative time expression, in text order
    occasion_dates: dict[str, tuple[DateValue, str]] = {}  # occasion noun -> its day
    for pi in sorted(body):
        for sent in paras[pi].sentences:
            for e in exprs_by_para.get(pi, ()):
                if e is dl_expr or inside_speech(e) or not (sent.start <= e.start < sent.end):
                    continue
                narrative.append(e)
                if e.kind not in ("rel", "wd", "dmy", "ago") or ref is None:
                    continue
                if not cl.has_occasion(sent.start, sent.end):
                    continue
                occ = cl.occasion_near(sent.start, sent.end, e)
                dv = resolve(e, ref, year_hint) if occ and occ not in occasion_dates else None
                if dv is not None and dv.precision == "day" and (as_date(dv) or ref) <= ref:
                    occasion_dates[occ] = (dv, e.text)
    own_dated: list[tuple[int, str]] = []  # (event index, speaker key) dated by their own text
    undated: list[tuple[int, str]] = []  # statements that fell back to the lead/publication

    for pi in sorted(body):
        p = paras[pi]
        pexprs = [e for e in exprs_by_para.get(pi, ()) if e is not dl_expr]
        for si, sent in enumerate(p.sentences):
            sa = att.sentences.get((pi, si))
            sexprs = [e for e in pexprs if sent.start <= e.start < sent.end]
            narr = [e for e in sexprs if not inside_speech(e)]
            sent_speaker = sa.speaker if sa else None
            # indirect speech: remember when this speaker spoke
            if sa and sa.explicit and sent_speaker is not None:
                # with a quote opening here, a date after it belongs to the quoted matter
                marks = [
                    q.open_mark if q.open_mark is not None else q.start
                    for _, q in speech
                    if q.paragraph == pi
                    and sent.start
                    <= (q.open_mark if q.open_mark is not None else q.start)
                    < sent.end
                ]
                e = dating(
                    [
                        x
                        for x in narr
                        if (not marks or x.end <= marks[0]) and cl.governs(sent.start, x)
                    ],
                    sa.content_start,
                )
                if e is not None:
                    dv = resolve(e, ref, year_hint)
                    if dv is not None:
                        last_dated[sent_speaker.key] = dv
            # statements for the speech quotes opening in this sentence
            for qi, q in speech:
                if q.paragraph != pi:
                    continue
                mark = q.open_mark if q.open_mark is not None else q.start
                if not (sent.start <= mark < sent.end + 1):
                    continue
                ent = att.quote_speakers.get(qi)
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
                        and not inside_speech(x)
                        and cl.governs(q.end, x)
                    ]
                tail_e = None
                if not intro and q.close_mark is not None:
                    # '…"، وذلك خلال زيارة قام بها إلى بيشكيك في ماي الماضي.': the clause after
                    # the quote places the statement
                    tail_end = next(
                        (s.end for s in p.sentences if s.start <= q.close_mark <= s.end), p.end
                    )
                    tw = [
                        t[2]
                        for t in nt.tokens_in(
                            nt.key_offset(q.close_mark + 1), nt.key_offset(tail_end)
                        )
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
                            if q.close_mark < x.start < tail_end and not inside_speech(x)
                        ]
                        tail_e = tail[0] if tail else None
                e = None
                # "وقال … حينها" / quote-first '"…"، قالت … في اليوم نفسه': the time just mentioned
                if cl.anaphoric(q.cue_start, mark) or (
                    not intro and cl.anaphoric(q.end, min(p.end, q.end + 160))
                ):
                    e = next((x for x in reversed(narrative) if x.end <= mark), None)
                if e is None:
                    e = dating(intro, None, sa.cues if sa else ())
                if e is None:
                    e = tail_e
                dv = resolve(e, ref, year_hint) if e is not None else None
                if dv is None:  # "على هامش القمة": the day the article gives that occasion
                    occs = cl.occasions(q.cue_start, mark)
                    if q.attr_end is not None:  # quote-first: '«…»، قال … على هامش القمة'
                        occs += cl.occasions(q.end, q.attr_end)
                    occ = next((o for o in occs if o in occasion_dates), None)
                    if occ is not None:
                        odv, otext = occasion_dates[occ]
                        dv = DateValue(
                            odv.value, odv.precision, odv.basis, f"the occasion's day ('{otext}')"
                        )
                        if ent is not None:
                            last_dated[ent.key] = dv
                            own_dated.append((len(events), ent.key))
                if dv is None and ent is not None and ent.key in last_dated:
                    prev = last_dated[ent.key]
                    dv = DateValue(
                        prev.value,
                        prev.precision,
                        prev.basis,
                        "same speaker's latest dated statement",
                    )
                fallback = dv is None
                if dv is None and lead is not None:
                    dv = lead
                if dv is None and published is not None:
                    dv = DateValue(
                        published.value,
                        published.precision,
                        "inferred",
                        "no date in the introducing text: the publication date",
                    )
                if e is not None and dv is not None and ent is not None:
                    last_dated[ent.key] = dv
                end_sent = next((s for s in p.sentences if s.start <= q.end <= s.end), sent)
                ev_start, ev_end = sent.start, max(end_sent.end, q.end)
                if q.close_mark is not None:
                    ev_end = max(ev_end, q.close_mark + 1)
                ev_end = min(ev_end, p.end)
                c_end = (q.close_mark or q.end - 1) + 1
                if q.attr_end is not None:  # quote-first: the attribution after it counts
                    c_end = max(c_end, q.attr_end)
                    ev_end = max(ev_end, min(q.attr_end, p.end))
                countries = countries_between(cmentions, q.cue_start, c_end)
                events.append(
                    ExtractedEvent(
                        kind="statement",
                        start=ev_start,
                        end=ev_end,
                        text=nt.raw[ev_start:ev_end],
                        date=dv,
                        speaker=_ref(ent),
                        countries=countries,
                        quotes=(Span(q.start, q.end, nt.raw[q.start : q.end]),),
                    )
                )
                statement_cover.append((ev_start, ev_end, dv.value if dv else ""))
                if ent is not None and (e is not None and dv is not None):
                    own_dated.append((len(events) - 1, ent.key))
                elif ent is not None and fallback:
                    undated.append((len(events) - 1, ent.key))
            # dated events: every other date of the sentence
            seen: set[str] = set()
            for e in sexprs:
                r = ref
                if inside_speech(e):
                    stm = next(
                        (
                            ev
                            for ev in reversed(events)
                            if ev.kind == "statement" and ev.start <= e.start < ev.end and ev.date
                        ),
                        None,
                    )
                    if stm is not None and stm.date.precision == "day":
                        r = as_date(stm.date) or ref
                dv = resolve(e, r, year_hint)
                if dv is None or dv.value in seen:
                    continue
                if any(
                    a <= sent.start and sent.end <= b and v == dv.value
                    for a, b, v in statement_cover
                ):
                    continue
                seen.add(dv.value)
                speaker = sent_speaker if (sa and sa.cues) else None
                events.append(
                    ExtractedEvent(
                        kind="event",
                        start=sent.start,
                        end=sent.end,
                        text=nt.raw[sent.start : sent.end],
                        date=dv,
                        speaker=_ref(speaker),
                        countries=countries_between(cmentions, sent.start, sent.end),
                    )
                )
    # a statement with no date of its own before any dated one of the same speaker (the lead
    # quoting what the body then dates: "… أمس الأربعاء") takes the date of that later one
    for idx, key in undated:
        later = next((j for j, k in own_dated if k == key and j > idx), None)
        if later is None:
            continue
        dv = events[later].date
        if dv is None or dv.precision != "day":
            continue
        if lead is not None and events[idx].date == lead and events[idx].start >= lead_end:
            continue  # after a dated lead ('خصصت … إحاطتها، أمس، …') the body reports that day
        note = "no date in the introducing text: the same speaker's next dated statement"
        events[idx] = replace(events[idx], date=DateValue(dv.value, dv.precision, dv.basis, note))
    return tuple(events)


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
        return any(
            tuple(x[2] for x in toks[i + 1 : i + len(p)]) == p[1:]
            for p in self.res.prep_first.get(t, ())
        )

    def governs(self, a: int, e: TimeExpr) -> bool:
        """``e`` (raw start after ``a``) dates the speech act introduced in ``raw[a:]``."""
        nt, res = self.nt, self.res
        toks = nt.tokens_in(nt.key_offset(a), nt.key_offset(e.start))
        if toks and _strip_wf(toks[-1][2]) in ("منذ", "حتي"):
            return False
        state, cue_seen = "main", False
        for i, (_a, _b, t) in enumerate(toks):
            if self._is_cue(toks, i):
                state, cue_seen = "main", True
            elif cue_seen and t in res.complementizers and t != "الي":
                state = "complement"
            elif t in res.relative_markers:
                state = "relative" if state == "main" else state
            elif t in ("،", ",") and state == "relative":
                state = "main"
        return state == "main"

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
    for e in exprs_by_para.get(lead_pi, ()):
        if e is dl_expr or not (sent.start <= e.start < sent.end):
            continue
        if any(a <= e.start < b for a, b in speech_spans):
            continue
        if e.kind in ("rel", "wd") or (e.kind == "dmy" and e.deictic):
            dv = resolve(e, ref)
            d = as_date(dv)
            if d is None or d > ref:
                return None, 0
            note = f"no date in the introducing text: the lead's '{e.text}'"
            return DateValue(dv.value, "day", dv.basis, note), sent.end
        return None, 0
    return None, 0


def _ref(ent: Entity | None) -> SpeakerRef | None:
    return ent.ref if ent is not None else None


__all__ = ["extract_article"]
