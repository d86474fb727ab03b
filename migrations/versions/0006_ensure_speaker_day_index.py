"""ensure ix_event_speaker_day

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 12:30:00

Migration 0003 gained ``ix_event_speaker_day`` after some databases had already applied it, so
those lack the index and a permalink's same-speaker-same-day neighbours scan every event of the
speaker (64 ms at 1M events instead of 0.1 ms). Created here when missing.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_event_speaker_day ON event (speaker_id, date_start)")


def downgrade() -> None:
    pass  # 0003's downgrade drops it
