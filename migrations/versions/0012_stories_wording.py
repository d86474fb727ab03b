"""event.story_wording and ix_event_story_wording: a story's versions as grouped reads

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 01:30:00

A report joining a story used to read the story whole to recompute its summary (the
best-attested wording and speaker, the earliest date, the counts), so the stories' share of the
ingest grew with the store. Each event now carries its wording as the story versions compare it
(``app.stories.features.wording_key``: a 63-bit key of the normalized words), and
``(story_id, story_wording)`` is indexed, so a story's versions are counted by grouped reads of
its rows (app/stories/summary.py) instead of being rebuilt in Python from every report.

The stored events get their key; then the articles the stories' hook has not seen yet (a store
migrated from before 0009: 0009 no longer groups, it leaves that to this step, whose code writes
the new column) are grouped in ingest order. Re-chained at merge if 0011 lands first.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("event", sa.Column("story_wording", sa.BigInteger(), nullable=True))
    op.create_index("ix_event_story_wording", "event", ["story_id", "story_wording"])

    from app.stories.assign import fill_wordings, group_stored  # the store's own code

    bind = op.get_bind()
    fill_wordings(bind)
    group_stored(bind)


def downgrade() -> None:
    op.drop_index("ix_event_story_wording", table_name="event")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("story_wording")
