"""Shaping query results for the timeline templates: day groups and the histogram's bars."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from app.filters import TimelineFilters, parse_bound
from app.queries import EventView

MAX_BARS = 60
CHART_WIDTH = 600
CHART_HEIGHT = 80


@dataclass(frozen=True)
class DayGroup:
    date: str | None  # as written to its precision; None for undated events
    views: list[EventView]


@dataclass(frozen=True)
class Bar:
    label: str  # 2022-01-13 or 2022-01
    count: int
    href: str
    selected: bool
    x: float
    y: float
    width: float
    height: float


def group_by_day(views: list[EventView]) -> list[DayGroup]:
    """Consecutive events sharing a date (to its precision) form one group, in list order."""
    groups: list[DayGroup] = []
    for view in views:
        if groups and groups[-1].date == view.event.date:
            groups[-1].views.append(view)
        else:
            groups.append(DayGroup(date=view.event.date, views=[view]))
    return groups


_MEMO: OrderedDict[int, tuple[list, list]] = OrderedDict()
_MEMO_SIZE = 64


def _buckets(days: list[tuple[dt.date, int]]) -> list[tuple[str, dt.date, dt.date, int]]:
    """(label, first day, last day, count) per day, or per month / year past ``MAX_BARS``.

    Grouped on integer keys (no per-day ``strftime``: a million events span thousands of days),
    and memoized on the list's identity: ``serve`` hands out the same remembered histogram list
    until the data changes (app/cache.py), so its buckets are computed once, not per request."""
    memo = _MEMO.get(id(days))
    if memo is not None and memo[0] is days:
        return memo[1]
    buckets = _group(days)
    _MEMO[id(days)] = (days, buckets)  # the reference keeps ``id(days)`` from being reused
    while len(_MEMO) > _MEMO_SIZE:
        _MEMO.popitem(last=False)
    return buckets


def _group(days: list[tuple[dt.date, int]]) -> list[tuple[str, dt.date, dt.date, int]]:
    if len(days) <= MAX_BARS:
        return [(day.isoformat(), day, day, n) for day, n in days]
    months: dict[tuple[int, int], int] = {}
    for day, n in days:
        key = (day.year, day.month)
        months[key] = months.get(key, 0) + n
    if len(months) <= MAX_BARS:
        keys = [(f"{y:04d}-{m:02d}", n) for (y, m), n in months.items()]
    else:
        years: dict[int, int] = {}
        for (y, _), n in months.items():
            years[y] = years.get(y, 0) + n
        keys = [(f"{y:04d}", n) for y, n in years.items()]
    return [
        (key, parse_bound("from", key, end=False), parse_bound("to", key, end=True), n)
        for key, n in keys
    ]


def histogram_bars(days: list[tuple[dt.date, int]], filters: TimelineFilters) -> list[Bar]:
    """One bar per day with events (per month, then per year, when there would be more than
    ``MAX_BARS``); each links to the current filters narrowed to that day, month or year."""
    buckets = _buckets(days)
    if not buckets:
        return []
    peak = max(n for *_, n in buckets)
    slot = CHART_WIDTH / len(buckets)
    width = max(min(slot * 0.8, 40), 1)
    bars = []
    for index, (label, first, last, n) in enumerate(buckets):
        height = max(CHART_HEIGHT * n / peak, 2)
        selected = bool(
            (filters.date_from or filters.date_to)
            and (filters.date_from is None or last >= filters.date_from)
            and (filters.date_to is None or first <= filters.date_to)
        )
        bars.append(
            Bar(
                label=label,
                count=n,
                href=filters.url("/", date_from=first, date_to=last, raw_from=label, raw_to=label),
                selected=selected,
                x=round(index * slot + (slot - width) / 2, 1),
                y=round(CHART_HEIGHT - height, 1),
                width=round(width, 1),
                height=round(height, 1),
            )
        )
    return bars
