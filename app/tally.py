"""Maintained event counts (the ``event_tally`` table): totals, facet counts and the histogram
without scanning the events.

Every event contributes its *keys* — ``(speaker, id)``, ``(country, iso2)`` for each country it
names, ``(outlet, name)``, ``(kind, kind)`` and ``(day, YYYY-MM-DD)`` (those it has) — and adds 1
to the rows

- ``('', '', '', '')``: every event (the total);
- ``('', '', dim, value)`` for each of its keys: events per speaker, country, outlet, kind, day;
- ``(by_dim, by_value, dim, value)`` for each ordered pair of its keys of different dimensions:
  e.g. events of speaker X per day (the histogram under ``?speaker=X``), events per speaker on
  each day (summed over a date range: the speaker facet under ``?from=…&to=…``).

Two more dimensions are counted only (never a ``by_dim``: no filter selects on them), for the
time axis and the member-state strip (migration 0011), so that neither counts events live:

- ``(axis, YYYY-MM-DD|precision|kind)`` for a dated event: its first day, the precision of its
  date (``day`` when unknown) and its kind, what the axis draws (app/web/axis.py), under no
  filter or one speaker / country / outlet / kind filter (the axis ignores the dates);
- ``(cmonth, ISO2|YYYY-MM)`` for each country of an event dated to its day or month (a
  year-dated event belongs to no month), what the strip draws (app/web/strip.py), under no
  filter or one speaker / outlet / kind filter (the strip ignores the countries and dates).

So any aggregate under *at most one* filter dimension is a sum over an index range of this table
(a few hundred rows at a million events), and exact: speakers, outlets, kinds and days are one per
event, so their values add up; countries are several per event, so only one country at a time is
exact (``?country=KZ&country=RU`` is counted live). ``scope`` says when a filter set qualifies.

The store keeps the table in the article's own transaction (``count_events`` + ``apply`` on add;
the article's stored events subtracted before a re-ingest or delete and the new ones added after),
with an upsert that is an atomic increment on SQLite and PostgreSQL alike. ``rebuild`` refills it
from the stored events (migration 0004, bench/replicate.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, or_, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from app.filters import last_full_periods
from app.models import EventTally

Key = tuple[str, str, str, str]  # (by_dim, by_value, dim, value)

_UPSERT = text(
    "INSERT INTO event_tally (by_dim, by_value, dim, value, n) VALUES (:a, :b, :c, :d, :n) "
    "ON CONFLICT (by_dim, by_value, dim, value) DO UPDATE SET n = event_tally.n + excluded.n"
)
_DROP_EMPTY = text(
    "DELETE FROM event_tally WHERE by_dim = :a AND by_value = :b AND dim = :c AND value = :d "
    "AND n <= 0"
)


def _day(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


# the counted-only dimensions, and the filter dimensions each is counted under
COUNTED_UNDER = {
    "axis": ("speaker", "country", "outlet", "kind"),
    "cmonth": ("speaker", "outlet", "kind"),
}


# An event's ``day`` value is its first day with a mark of its precision (migration 0013):
# ``2022-01-13``, ``2022-01-01m`` (known to its month), ``2022-01-01y`` (to its year). A day
# range's bounds still compare as ISO days (the mark sorts right after its day), and a range
# that ends inside a month or a year leaves out those that run past it (``Scope.rows``), as
# the live date filter does (app.filters.TimelineFilters.date_clauses).
DAY_MARKS = {"month": "m", "year": "y"}


def event_keys(
    speaker_id: str | None,
    countries: Iterable[str],
    outlet: str | None,
    kind: str,
    day: Any,
    precision: str | None = None,
) -> list[tuple[str, str]]:
    """The filter dimensions' keys (a story's too, without a precision: app/stories/tally.py)."""
    keys = [("speaker", speaker_id)] if speaker_id else []
    keys += [("country", iso2) for iso2 in sorted(set(countries))]
    if outlet:
        keys.append(("outlet", outlet))
    keys.append(("kind", kind))
    day = _day(day)
    if day:
        keys.append(("day", day + DAY_MARKS.get(precision or "", "")))
    return keys


def view_keys(
    countries: Iterable[str], kind: str, day: Any, precision: str | None
) -> list[tuple[str, str]]:
    """An event's counted-only keys: its time-axis cell and its countries' months."""
    day = _day(day)
    if not day:
        return []
    keys = [("axis", f"{day}|{precision or 'day'}|{kind}")]
    if precision != "year":
        keys += [("cmonth", f"{iso2}|{day[:7]}") for iso2 in sorted(set(countries))]
    return keys


def add_event(counter: Counter, keys: list[tuple[str, str]], n: int = 1) -> None:
    """Add ``n`` events with these keys: the total, each key alone, and each key under each
    filter key of another dimension (a counted-only key under its ``COUNTED_UNDER`` ones)."""
    get = counter.get  # a Counter's ``+=`` through get: the same rows in the same order
    row = ("", "", "", "")
    counter[row] = get(row, 0) + n
    filters = [(by_dim, by_value) for by_dim, by_value in keys if by_dim not in COUNTED_UNDER]
    for dim, value in keys:
        row = ("", "", dim, value)
        counter[row] = get(row, 0) + n
        under = COUNTED_UNDER.get(dim)
        for by_dim, by_value in filters:
            if by_dim != dim and (under is None or by_dim in under):
                row = (by_dim, by_value, dim, value)
                counter[row] = get(row, 0) + n


def count_events(
    events: Iterable[tuple[str | None, Iterable[str], str | None, str, Any, str | None]],
) -> Counter:
    """The tally rows of ``(speaker_id, countries, outlet, kind, date_start, date_precision)``
    events."""
    counter: Counter = Counter()
    for speaker_id, countries, outlet, kind, day, precision in events:
        countries = tuple(countries)
        keys = event_keys(speaker_id, countries, outlet, kind, day, precision)
        add_event(counter, keys + view_keys(countries, kind, day, precision))
    return counter


def count_stored(session: Session, article_id: str) -> Counter:
    """The tally rows of an article's events as stored now (two queries)."""
    rows = session.execute(
        text(
            "SELECT e.id, e.speaker_id, a.outlet, e.kind, e.date_start, e.date_precision "
            "FROM event e "
            "JOIN article a ON a.id = e.article_id WHERE e.article_id = :id AND NOT e.background"
        ),
        {"id": article_id},
    ).all()
    countries: dict[str, list[str]] = {}
    for event_id, iso2 in session.execute(
        text(
            "SELECT ec.event_id, ec.country FROM event_country ec "
            "JOIN event e ON e.id = ec.event_id WHERE e.article_id = :id AND NOT e.background"
        ),
        {"id": article_id},
    ):
        countries.setdefault(event_id, []).append(iso2)
    return count_events(
        (speaker, countries.get(event_id, ()), outlet, kind, day, precision)
        for event_id, speaker, outlet, kind, day, precision in rows
    )


def apply(session: Session, counter: Counter, sign: int = 1) -> None:
    """Add (``sign=1``) or subtract (``-1``) the counts, in sorted key order (concurrent writers
    on PostgreSQL then lock rows in the same order); subtracted rows left at 0 are removed."""
    rows = [
        {"a": a, "b": b, "c": c, "d": d, "n": sign * n}
        for (a, b, c, d), n in sorted(counter.items())
        if n
    ]
    if not rows:
        return
    session.execute(_UPSERT, rows)
    if sign < 0:
        session.execute(_DROP_EMPTY, rows)


def rebuild(connection: Connection) -> int:
    """Refill the table from the stored events; returns the number of rows written.

    Events are first grouped in SQL by everything the tally depends on (far fewer groups than
    events), then each group's keys are counted once with its size."""
    sqlite = connection.dialect.name == "sqlite"
    countries = (
        "(SELECT group_concat(country, ',') FROM (SELECT country FROM event_country "
        "WHERE event_id = e.id ORDER BY country))"
        if sqlite
        else "(SELECT string_agg(country, ',' ORDER BY country) FROM event_country "
        "WHERE event_id = e.id)"
    )
    # background facts are off the default timeline, so uncounted (migration 0004 runs this
    # before 0008 adds the column: then every event counts)
    columns = {c["name"] for c in inspect(connection).get_columns("event")}
    foreground = "WHERE NOT e.background" if "background" in columns else ""
    groups = connection.execute(
        text(
            "SELECT speaker_id, outlet, kind, date_start, date_precision, countries, count(*) "
            "FROM (SELECT e.speaker_id, a.outlet, e.kind, e.date_start, e.date_precision, "
            f"{countries} AS countries "
            f"FROM event e JOIN article a ON a.id = e.article_id {foreground}) AS g "
            "GROUP BY speaker_id, outlet, kind, date_start, date_precision, countries"
        )
    )
    counter: Counter = Counter()
    for speaker, outlet, kind, day, precision, codes, n in groups:
        codes = (codes or "").split(",") if codes else ()
        keys = event_keys(speaker, codes, outlet, kind, day, precision)
        add_event(counter, keys + view_keys(codes, kind, day, precision), n)
    connection.execute(text("DELETE FROM event_tally"))
    rows = [{"a": a, "b": b, "c": c, "d": d, "n": n} for (a, b, c, d), n in counter.items() if n]
    for start in range(0, len(rows), 50_000):
        connection.execute(
            text(
                "INSERT INTO event_tally (by_dim, by_value, dim, value, n) "
                "VALUES (:a, :b, :c, :d, :n)"
            ),
            rows[start : start + 50_000],
        )
    return len(rows)


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The one filter dimension (or none: ``dim=''``) an aggregate is counted under."""

    dim: str = ""
    values: tuple[str, ...] = ()
    day_from: str | None = None
    day_to: str | None = None
    # the first days of the last whole month and year up to ``day_to``, for marked day values
    # (``DAY_MARKS``): a month- or year-dated event after them runs past the range
    month_cut: str | None = None
    year_cut: str | None = None

    def rows(self, dim: str, table=EventTally) -> list[ColumnElement[bool]]:
        """Clauses selecting the tally rows that count ``dim`` ('' for the total) under this
        scope; sum ``n`` grouped by ``value``. ``table``: ``EventTally`` or a table of the same
        shape (``StoryTally``, app/stories/tally.py)."""
        clauses = [table.dim == dim, table.n > 0]
        if not self.dim or self.dim == dim:  # a facet is counted without its own filter
            return [table.by_dim == "", table.by_value == "", *clauses]
        if dim == "":  # the total under a filter: its own values' rows
            return [
                table.by_dim == "",
                table.by_value == "",
                table.dim == self.dim,
                table.n > 0,
                *self._values(table.value),
            ]
        return [table.by_dim == self.dim, *self._values(table.by_value), *clauses]

    def _values(self, column) -> list[ColumnElement[bool]]:
        if self.dim == "day":
            bounds = []
            if self.day_from:
                bounds.append(column >= self.day_from)
            if self.day_to:
                bounds.append(column <= self.day_to)
            for mark, cut in (("m", self.month_cut), ("y", self.year_cut)):
                if cut is not None:
                    bounds.append(or_(~column.endswith(mark), column <= cut + mark))
            return bounds
        return [column.in_(self.values)]


def scope(filters, exclude: Iterable[str] = (), *, marked_days: bool = False) -> Scope | None:
    """The scope for an aggregate over ``filters`` less the ``exclude``\\d ones, or None when it
    can't be read from the tally (a search, two dimensions, several countries).

    ``marked_days``: the table's day values carry their precision (``DAY_MARKS``: event_tally),
    so any date range is exact; without (story_tally), only a range ending on 31 December."""
    skip = set(exclude)
    if filters.search and "q" not in skip:
        return None
    if getattr(filters, "background", False):  # the tally counts the default timeline only
        return None
    found: list[Scope] = []
    if (filters.date_from or filters.date_to) and "date" not in skip:
        to = filters.date_to
        cuts: dict[str, str] = {}
        if to is not None and (to.month, to.day) != (12, 31):
            # a range ending inside a year leaves out the month- and year-precision events that
            # run past it (app.filters.where): only marked day values tell them apart
            if not marked_days:
                return None
            month, year = last_full_periods(to)
            cuts = {"month_cut": month.isoformat(), "year_cut": year.isoformat()}
        found.append(
            Scope("day", day_from=_day(filters.date_from), day_to=_day(filters.date_to), **cuts)
        )
    if filters.speakers and "speaker" not in skip:
        found.append(Scope("speaker", tuple(filters.speakers)))
    if filters.countries and "country" not in skip:
        if len(filters.countries) > 1:
            return None
        found.append(Scope("country", tuple(filters.countries)))
    if filters.outlets and "outlet" not in skip:
        found.append(Scope("outlet", tuple(filters.outlets)))
    if filters.kind and "kind" not in skip:
        found.append(Scope("kind", (filters.kind,)))
    if len(found) > 1:
        return None
    return found[0] if found else Scope()
