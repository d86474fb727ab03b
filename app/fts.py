"""Full-text rows keyed by timeline position (SQLite's ``event_fts``).

Each row's rowid is its event's place in the timeline: the day's ordinal (undated events after
every day) above the first 40 bits of the event id. FTS5 returns matches in rowid order, so a
search's first page is the first ``limit`` matches read from the index, with no sort of every
match (migration 0005). Two events of one day whose ids share their first 10 hex digits (a 2^-40
chance per pair) would keep their relative order only by that prefix.
"""

from __future__ import annotations

import datetime as dt

UNDATED_DAY = (1 << 22) - 1  # after dt.date.max.toordinal()
UNDATED_ROWID = UNDATED_DAY << 40


def fts_rowid(date_start: dt.date | str | None, event_id: str) -> int:
    """The full-text row id of an event: ascending ids are the timeline's ascending order."""
    if date_start is None:
        day = UNDATED_DAY
    elif isinstance(date_start, dt.date):
        day = date_start.toordinal()
    else:
        day = dt.date.fromisoformat(str(date_start)[:10]).toordinal()
    return (day << 40) | int(event_id[:10], 16)
