"""Regroup the stories: other candidate keys, no story of two statements of one article

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 04:10:00

No schema change. The stories' hook now proposes statements by a key per sampled content word
(a bottom-k sketch of the words, with and without the speaker, app/stories/features.py) and
leaves the name of the organisation the corpus is about out of the words compared, so the band
keys stored under the earlier rules no longer match what a new report looks up; and it never
puts two statements of one article in one story (app/stories/assign.py), which stored stories
may do. Every stored article is regrouped in ingest order by the store's own incremental code
(a story's id stays its first report's event id; a merged id that no longer exists is gone).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from app.stories.assign import group_stored, ungroup  # the store's own code

    bind = op.get_bind()
    ungroup(bind)
    group_stored(bind)


def downgrade() -> None:
    # the stories stay grouped by the newer rules: 0013's schema is the same
    pass
