"""Migrations build the schema from an empty file, and agree with the models."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from app import models  # noqa: F401
from app.db import make_engine
from app.migrate import upgrade


def test_upgrade_from_empty_file_creates_every_table(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade(url)
    tables = set(inspect(make_engine(url)).get_table_names())
    assert {"article", "event", "quote", "speaker", "country", "event_country"} <= tables
    assert "event_fts" in tables
    assert "alembic_version" in tables


def test_models_and_migrations_agree(db_url):
    engine = make_engine(db_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = [
            d
            for d in compare_metadata(context, SQLModel.metadata)
            # full-text search lives outside the models: the FTS5 virtual table on SQLite, the
            # GIN expression index on PostgreSQL (both created by migration 0001)
            if not (d[0] == "remove_table" and str(d[1].name).startswith("event_fts"))
            and not (d[0] == "remove_index" and d[1].name == "ix_event_search")
        ]
    assert diff == []


def test_upgrade_twice_is_a_no_op(db_url):
    upgrade(db_url)
    assert "event" in inspect(make_engine(db_url)).get_table_names()


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_postgres_has_the_gin_index_for_full_text_search(db_url):
    indexes = {i["name"] for i in inspect(make_engine(db_url)).get_indexes("event")}
    assert "ix_event_search" in indexes
