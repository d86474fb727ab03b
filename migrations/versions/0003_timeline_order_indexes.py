"""timeline order indexes

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23 11:50:00

The timeline is ordered by ``date_start IS NULL, date_start, id`` (undated events last). Without an
index in that order every page sorts all matching events (0.5 s at 1M events); with these a page
is an index scan that stops after ``limit`` rows.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    undated = sa.text("(date_start IS NULL)")
    op.create_index("ix_event_order", "event", [undated, "date_start", "id"])
    op.create_index("ix_event_speaker_order", "event", ["speaker_id", undated, "date_start", "id"])
    # a permalink's neighbours: the same speaker on the same day
    op.create_index("ix_event_speaker_day", "event", ["speaker_id", "date_start"])


def downgrade() -> None:
    op.drop_index("ix_event_speaker_day", "event")
    op.drop_index("ix_event_speaker_order", "event")
    op.drop_index("ix_event_order", "event")
