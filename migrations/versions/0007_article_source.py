"""article source: the URL, author and site name a source gives, and how the outlet was known

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 16:30:00

Articles now come from web pages and crawler records that say where they were published.
``url`` is the article's own address (the explorer links to it), ``author`` and ``site_name``
what the page or record names, ``outlet_basis`` how the outlet was known (``metadata``, ``url``
— the site's domain in the knowledge base — or ``text``). ``published_basis`` gains the values
``metadata`` and ``url`` (no schema change: it is a string). Existing articles keep NULL: they
were ingested from text alone, so their outlet basis is set to ``text`` where they have one.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("url", "author", "site_name", "outlet_basis")


def upgrade() -> None:
    with op.batch_alter_table("article") as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.execute("UPDATE article SET outlet_basis = 'text' WHERE outlet IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("article") as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
