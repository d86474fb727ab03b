"""stories: reports of one statement or happening across articles, grouped

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 16:40:00

``story`` (one row per story, its summary), ``event.story_id`` (each report's story),
``story_band`` (the persisted LSH index: band key → story), ``story_tally`` (story counts, the
shape of ``event_tally``), ``article_band`` and ``article_copy`` (near-duplicate articles). The
stored articles are grouped in ingest order by the same incremental code the store runs
(app/stories/assign.py) — in 0012 since, as that code writes a column 0012 adds. Re-chained
after 0007/0008 at merge.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STR = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "story",
        sa.Column("id", _STR(length=16), nullable=False),
        sa.Column("kind", _STR(), nullable=False),
        sa.Column("date", _STR(), nullable=True),
        sa.Column("date_precision", _STR(), nullable=True),
        sa.Column("date_basis", _STR(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_event_id", _STR(length=16), nullable=True),
        sa.Column("speaker_id", _STR(length=80), nullable=True),
        sa.Column("canonical_event_id", _STR(length=16), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("outlets", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_story_order",
        "story",
        [sa.text("(date_start IS NULL)"), "date_start", "id"],
    )
    op.create_table(
        "story_band",
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("story_id", _STR(length=16), nullable=False),
        sa.PrimaryKeyConstraint("key", "story_id"),
    )
    op.create_index("ix_story_band_story_id", "story_band", ["story_id"])
    op.create_table(
        "story_alias",
        sa.Column("id", _STR(length=16), nullable=False),
        sa.Column("story_id", _STR(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_story_alias_story_id", "story_alias", ["story_id"])
    op.create_table(
        "story_tally",
        sa.Column("by_dim", _STR(length=8), nullable=False),
        sa.Column("by_value", _STR(), nullable=False),
        sa.Column("dim", _STR(length=8), nullable=False),
        sa.Column("value", _STR(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("by_dim", "by_value", "dim", "value"),
    )
    op.create_table(
        "article_band",
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("article_id", _STR(length=16), nullable=False),
        sa.PrimaryKeyConstraint("key", "article_id"),
    )
    op.create_index("ix_article_band_article_id", "article_band", ["article_id"])
    op.create_table(
        "article_copy",
        sa.Column("article_id", _STR(length=16), nullable=False),
        sa.Column("original_id", _STR(length=16), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_index("ix_article_copy_original_id", "article_copy", ["original_id"])
    op.add_column("event", sa.Column("story_id", _STR(length=16), nullable=True))
    op.create_index("ix_event_story_id", "event", ["story_id"])
    # the stored articles are grouped by 0012, whose columns today's grouping code writes


def downgrade() -> None:
    op.drop_index("ix_event_story_id", table_name="event")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("story_id")
    for table in (
        "article_copy", "article_band", "story_tally", "story_alias", "story_band", "story"
    ):  # fmt: skip
        op.drop_table(table)
