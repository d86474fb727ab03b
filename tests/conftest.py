"""Shared fixtures: a migrated database per test, and the seeds ingested once per session."""

from __future__ import annotations

from pathlib import Path

import _postgres  # tests/_postgres.py (tests/ is on sys.path for conftest)
import pytest
from sqlalchemy.engine import Engine

from app.db import make_engine
from app.migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


# Every database-facing test runs on SQLite and on PostgreSQL; the PostgreSQL variant is skipped,
# with its reason in the summary, when TEST_POSTGRES_URL is unset (see tests/_postgres.py).
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def _pg_template():
    template = _postgres.MigratedTemplate()
    yield template
    template.close()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """An empty, migrated database: a new SQLite file, or a fresh PostgreSQL database."""
    if request.param == "postgres":
        _postgres.server_url()  # skips with the reason when unset
        name, url = request.getfixturevalue("_pg_template").copy()
        yield url
        _postgres.drop_database(name)
        return
    url = f"sqlite:///{tmp_path / 'timeline.db'}"
    upgrade(url)
    yield url


@pytest.fixture
def engine(db_url) -> Engine:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def seeded_url(request, tmp_path_factory) -> str:
    """A database with the five seed articles ingested (read-only for the tests using it)."""
    from app.ingest import ingest_paths

    if request.param == "postgres":
        _postgres.server_url()
        name = _postgres.unique_name("csto_seeded")
        url = _postgres.create_database(name)
        request.addfinalizer(lambda: _postgres.drop_database(name))
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'timeline.db'}"
    upgrade(url)
    engine = make_engine(url)
    outcomes = ingest_paths([SEEDS], engine, max_bytes=2 * 1024 * 1024)
    engine.dispose()
    assert [o.status for o in outcomes] == ["added"] * 5, outcomes
    return url


@pytest.fixture
def seeded_engine(seeded_url) -> Engine:
    engine = make_engine(seeded_url)
    yield engine
    engine.dispose()
