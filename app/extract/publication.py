"""The publication date: the dateline or wire stamp, else what the body says of "today".

A dateline with a full date is taken as written. A yearless one takes a year the text
supports (the footer's copyright year, the year other articles give that day, the years the
article writes), checked against the weekday the body gives "today". With no dateline the
date is inferred from "اليوم الثلاثاء"-style weekdays, "الجاري" months and the latest past
date the article mentions. Dates inside quotations never count.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, timedelta

from app.extract.context import CorpusContext
from app.extract.dates import FUTURE as _FUTURE
from app.extract.dates import WEEKDAY_EN, TimeExpr, as_date, placed_ahead, resolve
from app.extract.events import history_years, in_history_sentence
from app.extract.model import DateValue
from app.extract.quotes import Quote
from app.extract.textnorm import NormText

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

    Candidate years: the footer's copyright year, the year other articles give that day, the
    latest year the article writes (in a date or an event name such as 'التفاعل-2024') and
    the one after it; the first whose weekday agrees with the article's 'today' (اليوم
    الاثنين، يوم الاثنين) wins. When none agrees, the year nearest those the article writes
    in which that day is that weekday ('يريفان في 28 فبراير' with 'اليوم الأربعاء' after
    events of 2022: 2024); with no weekday, the first candidate. Never a year only because
    the corpus writes it often: with no candidate there is no date.
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
    weekday, wd_text = _weekday_hint(body_exprs)
    if dateline.weekday is not None:  # "الخميس 5 فبراير" on the dateline itself
        weekday, wd_text = dateline.weekday, dateline.text
    dated = []
    for y, how in cands:
        with contextlib.suppress(ValueError):
            dated.append((date(y, dateline.month, dateline.day), how))
    if weekday is not None and not any(c[0].weekday() == weekday for c in dated):
        y = _year_for_weekday(dateline.month, dateline.day, weekday, [y for y, _ in cands])
        if y is not None:
            how = (
                f"the year nearest those the article writes in which it is a {WEEKDAY_EN[weekday]}"
            )
            dated.insert(0, (date(y, dateline.month, dateline.day), how))
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


_future = placed_ahead


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
    weekday, closest to the years the article writes (none when it writes no year)."""
    for e in exprs:
        if not (e.kind == "dmy" and e.deictic and e.year is None and e.weekday is not None):
            continue
        years = _article_years(nt, exprs)
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


def _weighed(dv: DateValue, stamp: TimeExpr, body_exprs: list[TimeExpr]) -> DateValue:
    """A stamp's day checked against the weekday the body gives "today" (اليوم السبت، أمس
    الجمعة): a "last updated" or aggregator stamp a day or three after the writing gives way
    to the latest day before it that is that weekday; any other disagreement is noted."""
    note = f"dateline '{stamp.text}'"
    d = as_date(dv)
    todays = [
        ((e.weekday - e.offset) % 7, e.text)
        for e in body_exprs
        if e.kind == "rel" and e.weekday is not None and -1 <= e.offset <= 0
    ]
    if d is None or not todays or d.weekday() == todays[0][0]:
        return DateValue(dv.value, "day", "explicit", note)
    weekday, text = todays[0]
    if re.search(r"\d\s*[/.-]\s*\d", stamp.text) and d.day <= 12 and d.month != d.day:
        # '9/11/2023' read day first is a Thursday; month first it is the body's Monday
        with contextlib.suppress(ValueError):
            swapped = date(d.year, d.day, d.month)
            if swapped.weekday() == weekday:
                note += f" read month first: {swapped.isoformat()}, the body's '{text}'"
                return DateValue(swapped.isoformat(), "day", "explicit", note)
    back = (d.weekday() - weekday) % 7
    if back <= 3:
        day = d - timedelta(days=back)
        note += (
            f" is a {WEEKDAY_EN[d.weekday()]} but the body's '{text}' is a "
            f"{WEEKDAY_EN[weekday]}: {day.isoformat()}"
        )
        return DateValue(day.isoformat(), "day", "inferred", note)
    return DateValue(dv.value, "day", "explicit", note + f" (the body's '{text}' disagrees)")


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
            return _weighed(dv, dateline, [e for e in body_exprs if not quoted(e)])

    # "today" with a full date in the body; inside a quotation only with its weekday, which
    # must agree (a quotation left open may run over the reporter's 'وذلك اليوم الأربعاء …')
    for e in body_exprs:
        if e.full and e.deictic and e.offset == 0 and (not quoted(e) or _weekday_agrees(e)):
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
    past = history_years(nt, body_exprs)
    for e in body_exprs:
        if e.kind != "dmy" or e.deictic:
            continue
        before = nt.key[max(0, nt.key_offset(e.start) - 16) : nt.key_offset(e.start)]
        if _FUTURE.search(before) or in_history_sentence(nt, e.start) or e.year in past:
            # a date ahead, or history ('حلف … انبثق في عام 2002'), or a day of a year the
            # article tells history in ('المعاهدة الموقعة عام 1997' … 'في 29 أغسطس 1997')
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
    if year is None:
        return None  # never a year only because the corpus writes it often
    if month_hint is None and years_seen and not any(e.full for e in body_exprs):
        # only a weekday and a recalled day whose year other articles give ('تصعيد 13 سبتمبر'
        # with 'اليوم الخميس'): the month of writing is not known, so neither is the day
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
        # the latest date an article mentions is no day of writing (a decision recalled, a
        # chairmanship taken over weeks before): without a weekday of "today" only the
        # month a 'الجاري' gives is known
        if month_hint is None:
            return None
        return DateValue(
            f"{year:04d}-{month_hint:02d}",
            "month",
            "inferred",
            f"no dateline and no weekday: '{month_text}' gives the month, year {year} {how_year}",
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


def _weekday_agrees(e: TimeExpr) -> bool:
    """A full date written with its weekday, the two agreeing ('الأربعاء 27 نوفمبر 2024')."""
    if e.weekday is None or e.year is None or e.month is None or e.day is None:
        return False
    try:
        return date(e.year, e.month, e.day).weekday() == e.weekday
    except ValueError:
        return False


def publication_date(
    nt: NormText,
    body_exprs: list[TimeExpr],
    dateline: TimeExpr | None,
    quotes: tuple[Quote, ...],
    ctx: CorpusContext | None,
    stamp: date | None = None,
) -> DateValue | None:
    """The article's publication date (see the module docstring), or None rather than a guess."""
    return _publication(nt, body_exprs, dateline, quotes, ctx, stamp)


publication_period = _period
