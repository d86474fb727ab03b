"""full-text rows keyed by timeline position

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 12:40:00

SQLite only: each ``event_fts`` row's rowid becomes its event's place in the timeline
(``app.fts.fts_rowid``: day ordinal, then the id's first 40 bits), so a search reads its
matches from the FTS5 index already in the timeline's order and a page stops after ``limit``
matches (a word in a quarter of a million events: 11 s → ~15 ms at 1M events). PostgreSQL's
GIN index is unchanged.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    from app.fts import fts_rowid

    bind.connection.driver_connection.create_function("fts_rowid", 2, fts_rowid)
    op.execute("DELETE FROM event_fts")
    op.execute(
        "INSERT INTO event_fts (rowid, event_id, search_text) "
        "SELECT fts_rowid(date_start, id), id, search_text FROM event"
    )


def downgrade() -> None:
    pass  # any rowids serve the previous code
