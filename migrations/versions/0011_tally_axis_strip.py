"""event tally: the time axis' and the member-state strip's counts

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 01:40:00

Every timeline, country and speaker page drew its time axis and its member-state × month strip
from live aggregates over the events (``GROUP BY date_start, date_precision, kind`` and a join of
``event_country`` with ``event``): 0.4–1.3 s each at 100k events on a first visit of a filter
set, most of such a page's time. ``event_tally`` now also counts ``axis`` rows (day, precision,
kind) and ``cmonth`` rows (country, month) under each single filter (app/tally.py); this
migration refills the table from the stored events so that they are there.
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


def downgrade() -> None:
    op.execute("DELETE FROM event_tally WHERE dim IN ('axis', 'cmonth')")
