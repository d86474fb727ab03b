"""The time axis: event counts laid out on a real time scale, drawn by the template as SVG.

x is proportional to time over the range shown (the chosen dates, else the whole extent of the
data), in percent of the chart's width so that the labels keep their size on a phone. The zoom
level follows the range: years (month columns) past three years, months (week columns) past
four months, days otherwise. Day-precision events are columns at their day (statements and
other events stacked and told apart by fill *and* pattern); an event known only to its month is
a band across that month, one known only to its year a band across the year, each in its own
lane: never a column on the 1st of January. Every column, band and tick label is a link that sets
the date filter (htmx swaps it in; plain links without JavaScript); dragging across the plot
(static/app.js) sets an arbitrary range.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from app.filters import TimelineFilters
from app.web.i18n import format_date, short_month, t

PLOT_TOP = 8  # px: the column area runs from PLOT_TOP to PLOT_BOTTOM
PLOT_BOTTOM = 118
MONTH_LANE = (126, 142)  # px: top and bottom of the month-band lane
YEAR_LANE = (148, 164)
LABEL_Y = 184
HEIGHT = 196
GUTTER = 7.0  # % of the width kept on the start side for the count scale
RIGHT = 99.0  # % where the plot ends
MAX_COLUMN = 3.0  # % : a column stays a column when few days are shown
MIN_EXTENT_DAYS = 14  # the whole extent shown is at least this long


@dataclass(frozen=True)
class Column:
    x: float  # % of the chart width
    width: float
    statements: int
    events: int
    first: dt.date
    last: dt.date
    href: str
    label: str
    # px, top of each stacked part (statements at the bottom)
    statement_y: float = 0
    statement_h: float = 0
    event_y: float = 0
    event_h: float = 0


@dataclass(frozen=True)
class Band:
    x: float
    width: float
    count: int
    statements: int
    href: str
    label: str
    y: int
    height: int
    precision: str  # month | year


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    href: str
    major: bool  # shown on a phone too


@dataclass(frozen=True)
class Axis:
    start: dt.date
    end: dt.date
    zoom: str  # years | months | days
    columns: list[Column]
    bands: list[Band]
    ticks: list[Tick]
    scale: list[tuple[float, int]]  # (y px, count) for the count scale
    total: int
    zoom_out: str | None = None  # back to the whole range when dates are chosen
    capped: int | None = None  # counted over the first so many matching events only
    height: int = HEIGHT
    plot: tuple[float, float, int, int] = (GUTTER, RIGHT, PLOT_TOP, PLOT_BOTTOM)
    lanes: dict[str, tuple[int, int]] = field(
        default_factory=lambda: {"month": MONTH_LANE, "year": YEAR_LANE}
    )


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _period_end(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        return _month_end(day)
    return day


def zoom_for(days: int) -> str:
    """The zoom level for a range of ``days`` days."""
    if days > 3 * 366:
        return "years"
    if days > 122:
        return "months"
    return "days"


def _nice(value: int) -> int:
    """The smallest 1, 2 or 5 × 10^k at or above ``value``."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 3, 4, 5, 6, 8, 10):
        if step * power >= value:
            return int(step * power) if step * power == int(step * power) else value
    return 10 * power


def _bins(start: dt.date, end: dt.date, zoom: str) -> list[tuple[dt.date, dt.date]]:
    """The column periods covering ``start``–``end``: days, weeks from ``start``, or months."""
    out: list[tuple[dt.date, dt.date]] = []
    if zoom == "years":
        day = start.replace(day=1)
        while day <= end:
            out.append((max(day, start), min(_month_end(day), end)))
            day = _month_end(day) + dt.timedelta(days=1)
        return out
    step = 1 if zoom == "days" else 7
    day = start
    while day <= end:
        out.append((day, min(day + dt.timedelta(days=step - 1), end)))
        day += dt.timedelta(days=step)
    return out


def build_axis(
    counts: list[tuple[dt.date, str, str, int]],
    filters: TimelineFilters,
    lang: str,
    path: str = "/",
) -> Axis | None:
    """The axis over ``counts`` (``(first day, precision, kind, n)``, every filter but the dates
    applied) for the range the filters choose; None when there is nothing dated to show."""
    if not counts:
        return None
    days = _days(counts)
    extent_start, extent_end = _extent(counts, days)
    if (extent_end - extent_start).days < MIN_EXTENT_DAYS:  # a few days of data: pad around them
        pad = dt.timedelta(days=(MIN_EXTENT_DAYS - (extent_end - extent_start).days) // 2)
        extent_start, extent_end = extent_start - pad, extent_end + pad
    start = filters.date_from or extent_start
    end = filters.date_to or extent_end
    if end < start:
        start, end = end, start
    span = (end - start).days + 1
    zoom = zoom_for(span)

    def x(day: dt.date) -> float:
        return GUTTER + (RIGHT - GUTTER) * (day - start).days / span

    def width(first: dt.date, last: dt.date) -> float:
        return (RIGHT - GUTTER) * ((last - first).days + 1) / span

    links = filters.range_links(path)

    def link(first: dt.date, last: dt.date, raw_first: str, raw_last: str) -> str:
        return links(raw_first, raw_last)

    bins = _bins(start, end, zoom)
    by_bin: list[list[int]] = [[0, 0] for _ in bins]
    firsts = [first for first, _ in bins]
    bands: dict[tuple[str, dt.date], list[int]] = {}
    shown = 0
    for day, precision, kind, n in _around(counts, days, start, end):
        last = _period_end(day, precision)
        if last < start or day > end:
            continue
        shown += n
        if precision in ("month", "year"):
            entry = bands.setdefault((precision, day), [0, 0])
            entry[0] += n
            entry[1] += n if kind == "statement" else 0
            continue
        index = _bin_index(firsts, day)
        by_bin[index][0 if kind == "statement" else 1] += n
    if not shown:
        return None

    peak = _nice(max((s + e for s, e in by_bin), default=1))
    per = (PLOT_BOTTOM - PLOT_TOP) / peak
    columns = []
    for (first, last), (statements, events) in zip(bins, by_bin, strict=True):
        if not statements + events:
            continue
        raw_first, raw_last = first.isoformat(), last.isoformat()
        if zoom == "years" and first.day == 1 and last == _month_end(first):
            raw_first = raw_last = first.strftime("%Y-%m")
        s_h = statements * per
        e_h = events * per
        label = format_date(raw_first, lang)
        if raw_first != raw_last:
            label = f"{format_date(raw_first, lang)} – {format_date(raw_last, lang)}"
        slot = width(first, last)
        bar = min(max(slot * 0.9, 0.25), MAX_COLUMN)
        columns.append(
            Column(
                x=round(x(first) + (slot - bar) / 2, 3),
                width=round(bar, 3),
                statements=statements,
                events=events,
                first=first,
                last=last,
                href=link(first, last, raw_first, raw_last),
                label=label,
                statement_y=round(PLOT_BOTTOM - s_h, 1),
                statement_h=round(s_h, 1),
                event_y=round(PLOT_BOTTOM - s_h - e_h, 1),
                event_h=round(e_h, 1),
            )
        )

    band_list = []
    for (precision, day), (n, statements) in sorted(bands.items(), key=lambda kv: kv[0][1]):
        last = _period_end(day, precision)
        first_shown, last_shown = max(day, start), min(last, end)
        raw = day.strftime("%Y-%m") if precision == "month" else f"{day.year:04d}"
        lane = MONTH_LANE if precision == "month" else YEAR_LANE
        band_list.append(
            Band(
                x=round(x(first_shown), 3),
                width=round(max(width(first_shown, last_shown), 0.4), 3),
                count=n,
                statements=statements,
                href=link(day, last, raw, raw),
                label=format_date(raw, lang),
                y=lane[0],
                height=lane[1] - lane[0],
                precision=precision,
            )
        )

    scale = [(float(PLOT_BOTTOM), 0)]
    if peak % 2 == 0:  # a middle line only where it is a whole count
        scale.append((round(PLOT_BOTTOM - per * peak / 2, 1), peak // 2))
    scale.append((float(PLOT_TOP), peak))
    zoom_out = None
    if filters.date_from or filters.date_to:
        zoom_out = filters.url(path, date_from=None, date_to=None)
    return Axis(
        start=start,
        end=end,
        zoom=zoom,
        columns=columns,
        bands=band_list,
        ticks=_ticks(start, end, zoom, lang, x, link),
        scale=scale,
        total=shown,
        zoom_out=zoom_out,
        capped=getattr(counts, "cap", None) if getattr(counts, "capped", False) else None,
    )


def _bin_index(firsts: list[dt.date], day: dt.date) -> int:
    return max(bisect_right(firsts, day) - 1, 0)


def _days(counts) -> list[dt.date] | None:
    """The rows' first days when the rows are in day order (app.queries.axis_counts gives them
    so: ``in_day_order``), else None."""
    days = [row[0] for row in counts]
    if getattr(counts, "in_day_order", False) or all(a <= b for a, b in itertools.pairwise(days)):
        return days
    return None


_YEAR = dt.timedelta(days=366)  # a year-dated event starts at most this long before its end


def _extent(counts, days: list[dt.date] | None) -> tuple[dt.date, dt.date]:
    """The first day and the last day covered (a month- or year-dated event to its end)."""
    if days is None:
        return (
            min(day for day, *_ in counts),
            max(_period_end(day, precision) for day, precision, *_ in counts),
        )
    last = counts[bisect_left(days, days[-1] - _YEAR) :]
    return days[0], max(_period_end(day, precision) for day, precision, *_ in last)


def _around(counts, days: list[dt.date] | None, start: dt.date, end: dt.date):
    """The rows that can fall in ``start``–``end``: with the rows in day order, only those from
    a year before ``start`` to ``end``, found by bisection (a week's axis need not visit every
    day of the data)."""
    if days is None:
        return counts
    return counts[bisect_left(days, start - _YEAR) : bisect_right(days, end)]


MAX_LABELS = 12  # on a wide screen; a phone shows the "major" half


def _ticks(start, end, zoom, lang, x, link) -> list[Tick]:
    periods: list[tuple[dt.date, dt.date, str, str]] = []  # first, last, raw, label
    if zoom == "years":
        for year in range(start.year, end.year + 1):
            first = dt.date(year, 1, 1)
            periods.append((first, dt.date(year, 12, 31), f"{year:04d}", str(year)))
    elif zoom == "months":  # January is written as its year, the other months by name
        day = start.replace(day=1)
        while day <= end:
            name = short_month(day.month, lang)
            label = str(day.year) if day.month == 1 else name
            if not periods and day.month != 1:
                label = f"{name} {day.year}"
            periods.append((day, _month_end(day), day.strftime("%Y-%m"), label))
            day = _month_end(day) + dt.timedelta(days=1)
    else:
        day = start
        while day <= end:
            label = str(day.day)
            if day.day == 1 or not periods:
                label = f"{day.day} {short_month(day.month, lang)}"
            periods.append((day, day, day.isoformat(), label))
            day += dt.timedelta(days=1)
    step = max(1, math.ceil(len(periods) / MAX_LABELS))
    ticks = []
    for index, (first, last, raw, label) in enumerate(periods):
        if index % step:
            continue
        position = max(first, start)
        ticks.append(
            Tick(
                x=round(x(position), 3),
                label=label,
                href=link(first, last, raw, raw),
                major=(index // step) % 2 == 0,
            )
        )
    return ticks


def axis_caption(axis: Axis, lang: str) -> str:
    """What the axis shows, in words (its figure caption)."""
    caption = t(
        f"axis.caption.{axis.zoom}",
        lang,
        start=format_date(axis.start.isoformat(), lang),
        end=format_date(axis.end.isoformat(), lang),
    )
    if axis.capped:
        caption += " " + t("axis.capped", lang, n=f"{axis.capped:,}")
    return caption
