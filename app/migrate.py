"""Applying the Alembic migrations: the only way tables are created."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from app.db import normalize_url
from app.settings import ROOT


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def current_revision(url: str) -> str | None:
    """The revision the database is at; None for a database without the schema."""
    from alembic.migration import MigrationContext

    from app.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def upgrade_report(url: str) -> str:
    """Upgrade to the latest schema and say what that did, in one line: created it, applied
    some revisions, or nothing to do."""
    before = current_revision(url)
    upgrade(url)
    script = ScriptDirectory.from_config(alembic_config(url))
    head = script.get_current_head()
    applied = [
        rev.revision for rev in script.iterate_revisions(head, before or "base") if rev.revision
    ]
    applied.reverse()
    if before is None:
        return f"created the schema at {head}: applied {', '.join(applied)}"
    if not applied:
        return f"database is already at the latest schema ({head})"
    return f"upgraded the schema from {before} to {head}: applied {', '.join(applied)}"
