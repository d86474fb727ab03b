"""Shaping query results for the timeline templates: day groups and the histogram's bars."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.filters import TimelineFilters
from app.queries import EventView

MAX_DAY_BARS = 90
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
    """One bar per day with events (per month when there are too many days); each links to the
    current filters narrowed to that day or month."""
    buckets: list[tuple[str, dt.date, dt.date, int]] = []
    if len(days) <= MAX_DAY_BARS:
        buckets = [(day.isoformat(), day, day, n) for day, n in days]
    else:
        months: dict[str, list] = {}
        for day, n in days:
            key = day.strftime("%Y-%m")
            if key not in months:
                months[key] = [day.replace(day=1), day, 0]
            months[key][1] = day
            months[key][2] += n
        buckets = [(key, first, last, n) for key, (first, last, n) in months.items()]
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
                href=filters.url("/", date_from=first, date_to=last),
                selected=selected,
                x=round(index * slot + (slot - width) / 2, 2),
                y=round(CHART_HEIGHT - height, 2),
                width=round(width, 2),
                height=round(height, 2),
            )
        )
    return bars
