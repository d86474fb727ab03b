"""Story counts (the ``story_tally`` table), kept like ``event_tally`` (app/tally.py).

A story contributes the union of its reports' tally rows, each report's keys taken with the
*story's* day (one per story, so a date range sums over days exactly): a story counts once
under speaker X if any report gives X, once under (outlet TASS, country KZ) if one report is
TASS's and names KZ. Speakers and outlets are then several per story, like countries per event:
one value at a time is exact (``scope``), several are counted live.

When a report joins or leaves, the assigner passes the story's rows before and after; the
difference is applied as +1/−1 upserts in the article's transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlmodel import Session

from app import tally
from app.stories.sql import driver_many

Key = tally.Key

_UPSERT = (
    "INSERT INTO story_tally (by_dim, by_value, dim, value, n) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (by_dim, by_value, dim, value) DO UPDATE SET n = story_tally.n + excluded.n"
)
_DROP_EMPTY = (
    "DELETE FROM story_tally WHERE by_dim = ? AND by_value = ? AND dim = ? AND value = ? AND n <= 0"
)


def story_rows(reports: Iterable[tuple], kind: str, day) -> frozenset[Key]:
    """The rows a story counts in: ``reports`` are ``(speaker_id, countries, outlet)``."""
    counter: Counter = Counter()
    for speaker_id, countries, outlet in reports:
        tally.add_event(counter, tally.event_keys(speaker_id, countries, outlet, kind, day))
    return frozenset(counter)


def diff(before: frozenset[Key], after: frozenset[Key], into: Counter) -> None:
    """Add the change from ``before`` to ``after`` (one story) to ``into``."""
    for key in after - before:
        into[key] += 1
    for key in before - after:
        into[key] -= 1


def apply(session: Session, changes: Counter) -> None:
    """Apply the increments in sorted key order (concurrent writers lock rows in one order);
    rows left at 0 are removed."""
    rows = [(*key, n) for key, n in sorted(changes.items()) if n]
    if not rows:
        return
    connection = session.connection() if isinstance(session, Session) else session
    driver_many(connection, _UPSERT, rows)
    driver_many(connection, _DROP_EMPTY, [row[:4] for row in rows if row[4] < 0])


def scope(filters, exclude: Iterable[str] = ()) -> tally.Scope | None:
    """``app.tally.scope``, less the filter sets that are not exact for stories: several
    speakers or several outlets (a story can have reports under each)."""
    skip = set(exclude)
    if len(filters.speakers) > 1 and "speaker" not in skip:
        return None
    if len(filters.outlets) > 1 and "outlet" not in skip:
        return None
    return tally.scope(filters, exclude=skip)
