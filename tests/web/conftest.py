"""Web fixtures: the hand-built fixture store, an app over it, and a statement counter."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from app.db import make_engine
from app.web.main import create_app
from tests.web import fixture_data


@pytest.fixture(scope="session")
def fixture_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'fixture.db'}"
    fixture_data.build(url)
    return url


@pytest.fixture(scope="session")
def fixture_engine(fixture_url):
    engine = make_engine(fixture_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def client(fixture_engine) -> TestClient:
    with TestClient(create_app(fixture_engine)) as test_client:
        yield test_client


@pytest.fixture
def statements(fixture_engine):
    """The SQL statements run while the test body runs (a list, appended to live)."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(fixture_engine, "before_cursor_execute", record)
    yield seen
    event.remove(fixture_engine, "before_cursor_execute", record)
