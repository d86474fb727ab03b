"""Shared fixtures: a migrated database per test, and the seeds ingested once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from app.db import make_engine
from app.migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def db_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'timeline.db'}"
    upgrade(url)
    return url


@pytest.fixture
def engine(db_url) -> Engine:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def seeded_url(tmp_path_factory) -> str:
    """A database with the five seed articles ingested (read-only for the tests using it)."""
    from app.ingest import ingest_paths

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
