"""event.speech and event.background

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 16:40:00

A statement now says how it was reported (``speech``: direct for a quotation, indirect for
reported speech), and an event the article only recalls (a founding year, «يشار إلى أن …») is
kept but marked ``background`` so the default timeline leaves it out. Existing rows are
quotation statements and foreground events: speech is set to ``direct`` on statements.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN on both dialects (no table rebuild on SQLite: the indexes and the
    # search triggers stay as they are)
    op.add_column("event", sa.Column("speech", sa.String(), nullable=True))
    op.add_column(
        "event", sa.Column("background", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.execute("UPDATE event SET speech = 'direct' WHERE kind = 'statement'")


def downgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.drop_column("background")
        batch.drop_column("speech")
