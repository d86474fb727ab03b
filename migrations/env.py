"""Alembic environment: targets SQLModel.metadata, URL from the caller or the settings."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from app import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from app.db import is_sqlite, make_engine, normalize_url
from app.settings import Settings

config = context.config
target_metadata = SQLModel.metadata


def _url() -> str:
    return normalize_url(
        config.get_main_option("sqlalchemy.url") or Settings.from_env().database_url
    )


def run_migrations_offline() -> None:
    url = _url()
    _run(is_sqlite(url), url=url, literal_binds=True)


def run_migrations_online() -> None:
    url = _url()
    connectable = config.attributes.get("connection")
    if connectable is None:
        engine = make_engine(url)
        with engine.connect() as connection:
            _run(is_sqlite(url), connection=connection)
        engine.dispose()
    else:
        _run(is_sqlite(url), connection=connectable)


def _run(sqlite: bool, **target) -> None:
    """Run the migrations against ``connection=`` (online) or as SQL for ``url=`` (offline),
    with the same options either way."""
    context.configure(
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=sqlite,
        **target,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
