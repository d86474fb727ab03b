"""Shaping query results for the timeline templates: day groups and the histogram's bars."""

from __future__ import annotations

import datetime as dt
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


def histogram_bars(days: list[tuple[dt.date, int]], filters: TimelineFilters) -> list[Bar]:
    """One bar per day with events (per month, then per year, when there would be more than
    ``MAX_BARS``); each links to the current filters narrowed to that day, month or year."""
    buckets = [(day.isoformat(), day, day, n) for day, n in days]
    for key_format in ("%Y-%m", "%Y"):
        if len(buckets) <= MAX_BARS:
            break
        merged: dict[str, int] = {}
        for _, first, _, n in buckets:
            key = first.strftime(key_format)
            merged[key] = merged.get(key, 0) + n
        buckets = [
            (key, parse_bound("from", key, end=False), parse_bound("to", key, end=True), n)
            for key, n in merged.items()
        ]
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
