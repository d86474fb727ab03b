"""Throwaway PostgreSQL databases for the database-facing tests.

``TEST_POSTGRES_URL`` names a server (and a database to connect to for administration) where the
user may ``CREATE DATABASE``; ``.ci/start-postgres`` starts one on loopback and prints its URL.
Each test session migrates one template database; each test gets a fresh copy of it
(``CREATE DATABASE … TEMPLATE``, cheap for a small schema) that is dropped afterwards, so tests
are isolated exactly as they are on SQLite (a new file per test).
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.db import normalize_url
from app.migrate import upgrade

SKIP_REASON = (
    "PostgreSQL variant not run: TEST_POSTGRES_URL is unset "
    "(.ci/run starts a server and sets it; or run .ci/start-postgres and export its URL)"
)


def server_url() -> str:
    url = os.environ.get("TEST_POSTGRES_URL", "")
    if not url:
        pytest.skip(SKIP_REASON)
    return normalize_url(url)


def _admin_engine():
    return create_engine(server_url(), isolation_level="AUTOCOMMIT", poolclass=None)


def database_url(name: str) -> str:
    return make_url(server_url()).set(database=name).render_as_string(hide_password=False)


def unique_name(prefix: str) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{prefix}_{worker}_{uuid.uuid4().hex[:10]}"


def create_database(name: str, *, template: str | None = None) -> str:
    engine = _admin_engine()
    try:
        with engine.connect() as connection:
            suffix = f' TEMPLATE "{template}"' if template else ""
            connection.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
    finally:
        engine.dispose()
    return database_url(name)


def drop_database(name: str) -> None:
    engine = _admin_engine()
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


class MigratedTemplate:
    """One migrated database per test session, copied for each test."""

    def __init__(self) -> None:
        self.name: str | None = None

    def copy(self) -> tuple[str, str]:
        if self.name is None:
            name = unique_name("csto_tmpl")
            upgrade(create_database(name))
            self.name = name
        copy = unique_name("csto_test")
        return copy, create_database(copy, template=self.name)

    def close(self) -> None:
        if self.name is not None:
            drop_database(self.name)
            self.name = None
