"""event tally: the time axis' and the member-state strip's counts

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 01:40:00

Every timeline, country and speaker page drew its time axis and its member-state × month strip
from live aggregates over the events (``GROUP BY date_start, date_precision, kind`` and a join of
``event_country`` with ``event``): 0.4–1.3 s each at 100k events on a first visit of a filter
set, most of such a page's time. ``event_tally`` now also counts ``axis`` rows (day, precision,
kind) and ``cmonth`` rows (country, month) under each single filter (app/tally.py), and its
``day`` values carry the date's precision (``2022-01-01m``: known to its month), so that a date
range ending inside a month or a year is counted from the table too (it was counted live: four
facet statements and the total over every event in the range). This migration refills the table
from the stored events.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from app.tally import rebuild  # the same counting the store does, over the stored events

    rebuild(op.get_bind())
    # the key and the count in one index: a read (thousands of axis rows under a country) is a
    # range of it, with no probe of the table per row (2-3x faster at 100k events)
    op.create_index(
        "ix_event_tally_covering", "event_tally", ["by_dim", "by_value", "dim", "value", "n"]
    )


def downgrade() -> None:
    op.drop_index("ix_event_tally_covering", table_name="event_tally")
    # the counted-only rows go; the marked days fold back into plain ones, their counts summed
    op.execute("DELETE FROM event_tally WHERE dim IN ('axis', 'cmonth')")
    op.execute(
        "CREATE TEMPORARY TABLE tally_0010 AS SELECT by_dim, "
        "CASE WHEN by_dim = 'day' THEN substr(by_value, 1, 10) ELSE by_value END AS by_value, "
        "dim, CASE WHEN dim = 'day' THEN substr(value, 1, 10) ELSE value END AS value, "
        "sum(n) AS n FROM event_tally GROUP BY 1, 2, 3, 4"
    )
    op.execute("DELETE FROM event_tally")
    op.execute(
        "INSERT INTO event_tally (by_dim, by_value, dim, value, n) "
        "SELECT by_dim, by_value, dim, value, n FROM tally_0010"
    )
    op.execute("DROP TABLE tally_0010")
