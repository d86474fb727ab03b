"""event_country.date_start and ix_event_country_order

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 17:05:00

A country page found its events by walking the whole timeline (``ix_event_order``) and probing
``event_country`` per event: a rare country read every event before filling a page. Each
``event_country`` row now carries its event's ``date_start`` (kept by the store), and
``ix_event_country_order`` — ``(country, date_start IS NULL, date_start, event_id)``, the
timeline's order per country, as ``ix_event_order`` is for all events — lets a country page seek
its own rows and stop after a page (app.filters.TimelineFilters.seeks).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN on both dialects (no table rebuild on SQLite)
    op.add_column("event_country", sa.Column("date_start", sa.Date(), nullable=True))
    op.execute(
        "UPDATE event_country SET date_start = "
        "(SELECT e.date_start FROM event e WHERE e.id = event_country.event_id)"
    )
    op.execute(
        "CREATE INDEX ix_event_country_order ON event_country "
        "(country, (date_start IS NULL), date_start, event_id)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_event_country_order")
    with op.batch_alter_table("event_country") as batch:
        batch.drop_column("date_start")
