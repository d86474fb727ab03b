"""Page furniture: the headline, the dateline, the wire stamp and the outlet.

Real pages carry their date and publisher around the article body: a dateline
('موسكو 14 مايو 2022 (شينخوا) -'), a masthead line, a footer ('المصدر: تاس'), a byline.
This stage finds them by position (see README, 'Outlet' and 'publication date'); it never
reads a date out of a body sentence.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date

from app.extract.dates import TimeExpr
from app.extract.knowledge import Knowledge
from app.extract.resources import Resources
from app.extract.segment import Paragraph
from app.extract.textnorm import NormText, norm

_SENT_END = re.compile(r"[.!?؟]\s*$")
_ISSUE_LINE = re.compile(r"(?:السنة|العدد)\s*[\d٠-٩]")
_YEARLESS_DATELINE_TAIL = re.compile(r"^\s*\([^()]{1,30}\)\s*[-–—]?")
# "أستانا. 28 نوفمبر. كازينفورم –" / "موسكو، 14 مايو، تاس -": the agency after a dot or comma,
# then a dash (the caller requires an outlet there)
_DOTTED_DATELINE_TAIL = re.compile(r"^\s*[.،,]\s*[^()\-–—.،,:\n\d]{1,30}?\s*[-–—]")
# "يريفان في 28 فبراير/أرمنبريس:": the agency after a slash, then a colon or a dash;
# "بيشكيك، 19 مايو 2025. / قابار /": after a full stop, between slashes
_SLASHED_DATELINE_TAIL = re.compile(
    r"^\s*/\s*[^/()\n.،,:\d]{2,30}?\s*[:\-–—]|^\s*\.?\s*/\s*[^/()\n.،,:\d]{2,30}?\s*/"
)
# a URL on a stamp line ('date 2025-11-27 https://…') is no words of a sentence
_URL = re.compile(r"https?://\S+|www\.\S+")


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
                m = (
                    _YEARLESS_DATELINE_TAIL.match(tail)
                    or _DOTTED_DATELINE_TAIL.match(tail)
                    or _SLASHED_DATELINE_TAIL.match(tail)
                )
                # a place name may end in a comma or a dot ("دوشنبه، 16 سبتمبر/أيلول (أرمنبرس)")
                place = prefix.rstrip().rstrip("،,.").rstrip()
                if pi < 5 and len(prefix.split()) <= 5 and not re.search("[،,]", place) and m:
                    span = (p.start, e.end + m.end())
                    outlet = _outlet_in(nt, e.end, e.end + m.end(), kb, last=True)
                    # the slashed form is a dateline even for an agency the KB lacks
                    if outlet or m.re is _SLASHED_DATELINE_TAIL:
                        return e, pi, span, outlet
                continue
            rest = (prefix + " " + text[e.end - p.start :]).strip()
            # words of letters only: a Hijri date, a time or an issue number beside it don't count
            rest_words = re.findall(r"[^\W\d_]{2,}", _URL.sub(" ", rest).replace("\u0640", ""))
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
            m = _DOTTED_DATELINE_TAIL.match(tail) or _SLASHED_DATELINE_TAIL.match(tail)
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


# a publication stamp with its label, a short line usually among the last ones:
# 'نشر في: الخميس 3 مارس 2023 - 10:15', 'تاريخ النشر: 3 مارس 2023'. An update stamp
# ('آخر تحديث') is not the publication date and has no label here.
_PUBLISHED_LABEL = re.compile(
    r"^\s*(?:ن[\u064f]?شر(?:ت)?\s*(?:في|بتاريخ|يوم)|تاريخ\s+(?:ال)?نشر)\s*[:：]?"
)


def _labelled_stamp(
    nt: NormText, paras: tuple[Paragraph, ...], exprs_by_para: dict[int, tuple[TimeExpr, ...]]
) -> tuple[TimeExpr | None, int | None, tuple[int, int] | None, str | None]:
    """A labelled publication stamp ('نشر في: …') with a full date, first or last lines."""
    n = len(paras)
    for pi in [*range(min(n, 6)), *range(max(6, n - 6), n)]:
        p = paras[pi]
        text = nt.raw[p.start : p.end]
        if len(text) > 90 or not _PUBLISHED_LABEL.match(text):
            continue
        for e in exprs_by_para.get(pi, ()):
            if e.full and not e.deictic:
                return e, pi, (p.start, p.end), None
    return None, None, None, None


# the stored page's own date stamp opening the text ('date 2025-09-16 أعلن …'): a label in
# Latin letters and an ISO date, glued to the first line or on a line of its own
_PAGE_STAMP = re.compile(r"\s*date\s+(?=(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d))", re.I)


def _page_stamp(
    nt: NormText, paras: tuple[Paragraph, ...], exprs_by_para: dict[int, tuple[TimeExpr, ...]]
) -> tuple[TimeExpr | None, int | None, tuple[int, int] | None, str | None]:
    """The ISO date of a page stamp opening the text (see ``_PAGE_STAMP``) and the stamp's
    span (kept out of the country mentions; the first sentence's text still starts with it)."""
    if not paras:
        return None, None, None, None
    p = paras[0]
    m = _PAGE_STAMP.match(nt.raw, p.start, p.end)
    if m is None:
        return None, None, None, None
    e = next((x for x in exprs_by_para.get(0, ()) if x.start == m.end() and x.full), None)
    if e is None:
        return None, None, None, None
    end = e.end
    while end < p.end and nt.raw[end] in " \t":
        end += 1
    return e, 0, (p.start, end), None


# a stamp closing a paragraph of the page's top: a full date, a comma and the outlet alone
# ('… لا تنويان مهاجمة أوروبا. 28.10.2025, سبوتنيك عربي')
_OUTLET_STAMP_TAIL = re.compile(r"\s*[,،]\s*(?P<o>[^\d,،.:()]{2,30}?)\s*$")


def _outlet_stamp(
    nt: NormText,
    paras: tuple[Paragraph, ...],
    exprs_by_para: dict[int, tuple[TimeExpr, ...]],
    kb: Knowledge,
) -> tuple[TimeExpr | None, int | None, tuple[int, int] | None, str | None]:
    """A 'DATE, OUTLET' stamp ending one of the first paragraphs (see ``_OUTLET_STAMP_TAIL``):
    the date is the publication's, the outlet the publisher."""
    for pi, p in enumerate(paras[:6]):
        for e in exprs_by_para.get(pi, ()):
            if not e.full or e.deictic:
                continue
            m = _OUTLET_STAMP_TAIL.match(nt.raw, e.end, p.end)
            if m is None:
                continue
            outlet = _outlet_in(
                nt, e.end + m.start("o") - m.start(), e.end + m.end("o") - m.start(), kb
            )
            if outlet is not None:
                return e, pi, (e.start, p.end), outlet
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


def name_spans(nt: NormText, kb: Knowledge) -> tuple[tuple[int, int], ...]:
    """Raw spans of the outlet names of two words or more written anywhere in the page: a
    time word inside one is part of the name ('روسيا اليوم'، 'اليوم السابع'), no date."""
    out = []
    for m in kb.outlet_matcher.find_all(nt.tokens_in(0, len(nt.key))):
        # a form that is also a phrase ('الشرق اليوم': the East today) keeps its time word
        if m.form in kb.outlets[m.payload].common_forms:
            continue
        if " " in nt.key[m.start : m.end].strip():
            out.append(nt.raw_span(m.start, m.end))
    return tuple(out)


def _outlet_kind(kb: Knowledge, name_en: str) -> str | None:
    return next((o.kind for o in kb.outlets.values() if o.name_en == name_en), None)


def _common(kb: Knowledge, m) -> bool:
    """The match is an outlet's name that is also a common word (الخبر، العالم، تشرين)."""
    o = kb.outlets[m.payload]
    return o.common_word or m.form in o.common_forms


# a photo's credit names the photo's source, not the story's: '© Sputnik / …', 'الصورة: رويترز'
_PHOTO_CREDIT = re.compile(r"©|(?<![^\W\d_])(?:ال)?صور[ةه]|(?<![^\W\d_])تصوير|photo|getty", re.I)


def _outlet_line(nt: NormText, p: Paragraph, kb: Knowledge) -> str | None:
    """A masthead: a line that is nothing but an outlet's name ('ريا نوفوستي'، 'الأهرام',
    'Sputnik'). A form that is also a common word alone on a line is a section label
    ('العالم'), no masthead; a common-word outlet (الأخبار) keeps its own rule."""
    k0, k1 = nt.key_offset(p.start), nt.key_offset(p.end)
    words = [t for t in nt.tokens_in(k0, k1) if t[2][:1].isalnum()]
    if not words or len(words) > 5:
        return None
    ms = kb.outlet_matcher.find_all(nt.tokens_in(k0, k1))
    if len(ms) == 1 and ms[0].start <= words[0][0] and ms[0].end >= words[-1][1]:
        if ms[0].form in kb.outlets[ms[0].payload].common_forms:
            return None
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
        if not _common(kb, m) or (words and m.start <= words[0][0] and m.end >= words[-1][1])
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
        if _PHOTO_CREDIT.search(text):
            continue
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


def _whole(nt: NormText, a: int, b: int, kb: Knowledge, labelled: bool = False) -> bool:
    """``raw[a:b]`` is nothing but one outlet's name; a form that is also a common word only
    when ``labelled`` (a segment of a 'SITE - SECTION' or 'SITE:' line, not a bare line)."""
    k0, k1 = nt.key_offset(a), nt.key_offset(b)
    toks = nt.tokens_in(k0, k1)
    words = [t for t in toks if t[2][:1].isalnum()]
    ms = kb.outlet_matcher.find_all(toks)
    if not (words and len(ms) == 1 and ms[0].start <= words[0][0] and ms[0].end >= words[-1][1]):
        return False
    return labelled or ms[0].form not in kb.outlets[ms[0].payload].common_forms


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


# a tatweel standing alone between spaces is a dash ('موسكو ـ «القدس العربي»:')
_LONE_TATWEEL = re.compile(r"(?:(?<=\s)|^)\u0640+(?=\s)")


def _dashed(text: str) -> str:
    """``text`` with each lone tatweel written as a dash (same length: offsets hold)."""
    return _LONE_TATWEEL.sub(lambda m: "-" * len(m.group()), text)


def _leading_outlet(nt: NormText, p: Paragraph, kb: Knowledge) -> str | None:
    """The outlet a body paragraph opens with: 'موسكو (رويترز) -' / 'موسكو - سبوتنيك.', the
    agency in brackets first ('(د ب أ) قال …'), the site's own name before a dash ('الشرق
    اليوم – أفادت …'), or an outlet right after a place and a slash or dash ('موسكو/الأناضول
    أعلن …', 'كازاخستان/ نبأ- أكد …', 'بيروت - الميادين نت قال …')."""
    text = _dashed(nt.raw[p.start : min(p.end, p.start + 60)])
    m = re.match(
        r"^[^.،:\"“«]{0,40}?(?:\(([^)]{1,30})\)\s*[-–—:]|[-–—]\s*([^.\-–—:]{1,30})[.:\-–—])", text
    )
    if m and len(text[: m.start(1) if m.group(1) else m.start(2)].split()) <= 4:
        # a place name of a few words, then the outlet: not a body sentence
        g = 1 if m.group(1) else 2
        name = _outlet_in(nt, p.start + m.start(g), p.start + m.end(g), kb, last=True)
        if name:
            return name
    m = re.match(r"^\s*\(([^()]{1,30})\)", text)
    if m and _whole(nt, p.start + m.start(1), p.start + m.end(1), kb, labelled=True):
        return _outlet_in(nt, p.start + m.start(1), p.start + m.end(1), kb)
    m = re.match(r"^\s*([^\-–—:.،\n/(]{2,30}?)\s*[-–—]", text)
    if m and _whole(nt, p.start + m.start(1), p.start + m.end(1), kb, labelled=True):
        return _outlet_in(nt, p.start + m.start(1), p.start + m.end(1), kb)
    m = re.match(r"^\s*[^\W\d_][^/\-–—:.،\n(]{0,25}?\s*[/\-–—]\s*", text)
    if m and len(text[: m.end()].split()) <= 3:
        k0 = nt.key_offset(p.start + m.end())
        toks = nt.tokens_in(k0, nt.key_offset(min(p.end, p.start + m.end() + 40)))
        ms = kb.outlet_matcher.find_all(toks)
        if ms and toks and ms[0].start == toks[0][0]:
            after = nt.key[ms[0].end : ms[0].end + 2].lstrip(" ")[:1]
            # a common word is the outlet only with a mark after it ('كازاخستان/ نبأ-')
            spaced = not _common(kb, ms[0]) and nt.key[ms[0].end : ms[0].end + 1].isspace()
            if not after or after in "-–—:.\n" or spaced:
                return kb.outlets[ms[0].payload].name_en
    return None


_SEGMENT = re.compile(r"[^-–—/:|()]+")


def _short_line_outlet(nt: NormText, paras: tuple[Paragraph, ...], kb: Knowledge) -> str | None:
    """A short line of the page's top naming the outlet in one of its segments: 'مينسك-سانا',
    'بيشكك/ الأناضول', 'موسكو: «الشرق الأوسط»', a site and its section ('العالم - أوروبا',
    'العالم-آسيا'), a site's label ('تشرين:'); or '(واج)' as the last line."""
    for p in paras[:10]:
        text = _dashed(nt.raw[p.start : p.end])
        words = re.findall(r"[^\W\d_]+", text)
        if not words or len(words) > 5 or _PHOTO_CREDIT.search(text):
            continue
        if not re.search(r"[-–—/:|]", text) and not (
            text.strip().startswith("(") and text.strip().endswith(")")
        ):
            continue
        for m in _SEGMENT.finditer(text):
            a, b = p.start + m.start(), p.start + m.end()
            if m.group().strip() and _whole(nt, a, b, kb, labelled=True):
                return _outlet_in(nt, a, b, kb)
    for p in paras[-2:]:
        text = nt.raw[p.start : p.end].strip()
        if not (p.noise or len(text.split()) <= 3) or not re.search(r"[^\W\d_]", text):
            continue
        if _PHOTO_CREDIT.search(text):
            continue
        if (text.startswith("(") and text.endswith(")")) or re.search(r"[-–—/:]", text):
            name = _outlet_in(nt, p.start, p.end, kb, last=True)
            if name:
                return name
    return None


# the site's own copyright line among the last ones: 'جميع الحقوق محفوظة © اليوم السابع 2023',
# '© 2023 سكاي نيوز عربية', 'جميع الحقوق محفوظة لموقع صدى البلد'
_COPYRIGHT = re.compile(r"©|\(c\)|حقوق|copyright", re.I)


def _copyright_outlet(nt: NormText, paras: tuple[Paragraph, ...], kb: Knowledge) -> str | None:
    """The one outlet a short copyright line among the last six names: the publisher."""
    for p in reversed(paras[-6:]):
        text = nt.raw[p.start : p.end]
        if not _COPYRIGHT.search(text) or len(text.split()) > 14:
            continue
        toks = nt.tokens_in(nt.key_offset(p.start), nt.key_offset(p.end))
        names = {
            kb.outlets[m.payload].name_en
            for m in kb.outlet_matcher.find_all(toks)
            if m.form not in kb.outlets[m.payload].common_forms
        }
        if len(names) == 1:
            return names.pop()
    return None


# a newspaper's header names its editors: 'رئيس مجلسي الإدارة والتحرير' / 'رئيس التحرير' /
# 'الإشراف العام', the name on the next line
_EDITOR_TITLE = re.compile(
    r"^\s*(?:رئيس\s+(?:مجلس[يى]\s+الإدارة\s+و)?التحرير|الإشراف\s+العام)\s*:?\s*$"
)


def _editors_outlet(nt: NormText, paras: tuple[Paragraph, ...], kb: Knowledge) -> str | None:
    """The outlet whose editor (``masthead_ar`` in outlets.json) a header line names right
    under an editor's title, among the first ten lines."""
    for pi, p in enumerate(paras[1:10], start=1):
        if not _EDITOR_TITLE.match(nt.raw[paras[pi - 1].start : paras[pi - 1].end]):
            continue
        name = norm(nt.raw[p.start : p.end].strip()).replace(" ", "")
        for o in kb.outlets.values():
            if any(norm(n).replace(" ", "") == name for n in o.masthead):
                return o.name_en
    return None


# the page's own address printed in its header ('date 2025-11-27 https://sarabic.ae/…')
_HOST = re.compile(r"https?://(?:www\.)?([^/\s:]+)", re.I)


def _address_outlet(nt: NormText, paras: tuple[Paragraph, ...], kb: Knowledge) -> str | None:
    """The outlet whose site a URL on one of the first lines is on, when the line holds
    little else (a stamp line, not a sentence citing a link)."""
    for p in paras[:3]:
        text = nt.raw[p.start : p.end]
        for m in _HOST.finditer(text):
            rest = re.findall(r"[^\W\d_]{2,}", _URL.sub(" ", text[: m.start()]))
            if len(rest) > 3:
                continue
            host = m.group(1).lower()
            for o in kb.outlets.values():
                if any(host == d or host.endswith("." + d) for d in o.domains if "/" not in d):
                    return o.name_en
    return None


def _publisher(nt: NormText, paras: tuple[Paragraph, ...], kb: Knowledge) -> str | None:
    """The page's own name as a newspaper, site or channel (not an agency): a masthead among
    the first two lines, else its copyright line."""
    masthead = next((o for p in paras[:2] if (o := _outlet_line(nt, p, kb))), None)
    for name in (masthead, _copyright_outlet(nt, paras, kb)):
        if name is not None and _outlet_kind(kb, name) != "agency":
            return name
    return None


@dataclass(frozen=True)
class Furniture:
    """What surrounds the body: the dateline (its date expression, paragraph, the raw span
    it blocks and the outlet it credits), the headline-like leading paragraphs, the
    paragraphs that are nothing but a dateline, the title and the footer's wire stamp."""

    dateline: TimeExpr | None
    dateline_para: int | None
    dateline_span: tuple[int, int] | None
    dateline_outlet: str | None
    leading: frozenset[int]
    datelines: frozenset[int]
    title: str | None
    stamp: date | None

    def body(self, paras: tuple[Paragraph, ...]) -> set[int]:
        """The paragraphs of the article body (not noise, headline or a dateline line)."""
        return {
            pi
            for pi, p in enumerate(paras)
            if not p.noise and pi not in self.leading and pi not in self.datelines
        }


def read_furniture(
    nt: NormText,
    paras: tuple[Paragraph, ...],
    exprs_by_para: dict[int, tuple[TimeExpr, ...]],
    kb: Knowledge,
    res: Resources,
) -> Furniture:
    """Find the dateline, headline, title and wire stamp of a page."""
    leading = _leading_block(nt, paras)
    dl_expr, dl_para, dl_span, dl_outlet = _dateline(nt, paras, exprs_by_para, kb)
    if dl_expr is None:
        dl_expr, dl_para, dl_span, dl_outlet = _numeric_dateline(nt, paras, kb)
    if dl_expr is None:
        dl_expr, dl_para, dl_span, dl_outlet = _labelled_stamp(nt, paras, exprs_by_para)
    if dl_expr is None:
        dl_expr, dl_para, dl_span, dl_outlet = _page_stamp(nt, paras, exprs_by_para)
    if dl_expr is None:
        dl_expr, dl_para, dl_span, dl_outlet = _outlet_stamp(nt, paras, exprs_by_para, kb)
    datelines = (
        {dl_para}
        if dl_para is not None and dl_span == (paras[dl_para].start, paras[dl_para].end)
        else set()
    )
    title = _title(nt, paras, leading, datelines, kb)
    return Furniture(
        dateline=dl_expr,
        dateline_para=dl_para,
        dateline_span=dl_span,
        dateline_outlet=dl_outlet,
        leading=frozenset(leading),
        datelines=frozenset(datelines),
        title=title,
        stamp=_wire_stamp(nt, paras, res),
    )


def find_outlet(
    nt: NormText,
    paras: tuple[Paragraph, ...],
    exprs_by_para: dict[int, tuple[TimeExpr, ...]],
    fur: Furniture,
    body: set[int],
    kb: Knowledge,
    res: Resources,
) -> str | None:
    """The publishing outlet, by the positional rules of the README (first that applies)."""
    # the publisher's own masthead or copyright line (a newspaper, site or channel, not an
    # agency) over the agency its dateline credits: 'القدس العربي' above 'موسكو – (د ب أ):'
    own = _publisher(nt, paras, kb)
    outlet = _footer_outlet(nt, paras, res, kb) or own or fur.dateline_outlet
    if outlet is None and body:
        # the first body paragraph of a sentence's length (not a '• 0' counter line)
        first = next(
            (
                pi
                for pi in sorted(body)
                if len(nt.raw[paras[pi].start : paras[pi].end].split()) >= 6
            ),
            min(body),
        )
        outlet = _leading_outlet(nt, paras[first], kb)
    if outlet is None and fur.dateline_para is not None:
        # a page header's date line came first ('| 2023-09-04 19:20:15 |'); the agency is
        # named by the dateline under it ('مينسك 4 سبتمبر 2023 (شينخوا) انطلقت …')
        outlet = _dateline(nt, paras, exprs_by_para, kb, first=fur.dateline_para + 1)[3]
    if outlet is None:
        outlet = _address_outlet(nt, paras, kb) or _editors_outlet(nt, paras, kb)
    if outlet is None:
        outlet = _furniture_outlet(nt, paras, kb)
    if outlet is None:
        outlet = _short_line_outlet(nt, paras, kb)
    if outlet is None:
        # a line of the page's top that is only an outlet's name: a masthead under the
        # editors' names, a byline under the headline, an image credit ('Sputnik')
        outlet = next(
            (
                o
                for p in paras[:10]
                if not _PHOTO_CREDIT.search(nt.raw[p.start : p.end])
                and (o := _outlet_line(nt, p, kb))
            ),
            None,
        )
    return outlet
