"""The CSTO member states × time strip: one row per member state, months as columns, the count
of events about that state in that month as the cell's shade; each cell links to that country
and month (the other filters kept)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.filters import TimelineFilters
from app.models import Country
from app.web.i18n import format_date, short_month

NAME_GUTTER = 20.0  # % of the width for the country names
RIGHT = 99.5
ROW = 24  # px per row
SHADES = 5


@dataclass(frozen=True)
class Cell:
    x: float
    width: float
    n: int
    shade: int  # 1 (fewest) … SHADES (most)
    href: str
    label: str


@dataclass(frozen=True)
class Row:
    country: Country
    y: int
    cells: list[Cell]
    total: int


@dataclass(frozen=True)
class Strip:
    rows: list[Row]
    months: list[tuple[float, str, bool]]  # (x %, label, labelled) per month column
    height: int
    peak: int


MAX_MONTHS = 36  # past this the columns are years (a click on one shows its months)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out, day = [], start.replace(day=1)
    while day <= end:
        out.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def _columns(start: dt.date, end: dt.date) -> tuple[str, list[tuple[str, list[str]]]]:
    """("month" | "year", [(raw period, the "YYYY-MM" months it sums)])."""
    months = _months(start, end)
    if len(months) <= MAX_MONTHS:
        return "month", [(m.strftime("%Y-%m"), [m.strftime("%Y-%m")]) for m in months]
    years: dict[str, list[str]] = {}
    for m in months:
        years.setdefault(f"{m.year:04d}", []).append(m.strftime("%Y-%m"))
    return "year", list(years.items())


def build_strip(
    counts: dict[tuple[str, str], int],
    members: list[Country],
    filters: TimelineFilters,
    start: dt.date | None,
    end: dt.date | None,
    lang: str,
) -> Strip | None:
    """The strip for ``start``–``end`` (the axis' range; the data's months when None)."""
    if not counts or not members:
        return None
    if start is None or end is None:
        keys = sorted(month for _, month in counts)
        start = dt.date.fromisoformat(keys[0] + "-01")
        end = dt.date.fromisoformat(keys[-1] + "-01")
    unit, columns = _columns(start, end)
    width = (RIGHT - NAME_GUTTER) / len(columns)

    def count(iso2: str, months: list[str]) -> int:
        return sum(counts.get((iso2, m), 0) for m in months)

    peak = max((count(c.iso2, months) for c in members for _, months in columns), default=0)
    if not peak:
        return None
    rows = []
    for index, country in enumerate(members):
        cells = []
        link = filters.range_links("/", countries=(country.iso2,))
        for column, (raw, months) in enumerate(columns):
            n = count(country.iso2, months)
            if not n:
                continue
            cells.append(
                Cell(
                    x=round(NAME_GUTTER + column * width, 2),
                    width=round(width, 2),
                    n=n,
                    shade=max(1, min(SHADES, -(-n * SHADES // peak))),
                    href=link(raw, raw),
                    label=f"{format_date(raw, lang)}: {n}",
                )
            )
        rows.append(Row(country=country, y=index * ROW, cells=cells, total=sum(c.n for c in cells)))
    labels = []  # years label their January (or the first column); few months, every month
    for column, (raw, _) in enumerate(columns):
        if unit == "year":
            text, shown = raw, True
        else:
            month = dt.date.fromisoformat(raw + "-01")
            if len(columns) <= 12:
                text, shown = short_month(month.month, lang), True
                if column == 0 or month.month == 1:
                    text = f"{text} {month.year}"
            else:
                text = str(month.year)
                shown = month.month == 1 or (column == 0 and month.month <= 9)
        labels.append((round(NAME_GUTTER + column * width, 2), text, shown))
    return Strip(rows=rows, months=labels, height=len(members) * ROW + 22, peak=peak)
