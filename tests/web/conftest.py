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
def web_app(fixture_engine):
    return create_app(fixture_engine)


@pytest.fixture
def client(web_app) -> TestClient:
    """A fresh client (no cookies) per test over the one app."""
    with TestClient(web_app) as test_client:
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


@pytest.fixture(scope="session")
def ids() -> dict[str, str]:
    """Event ids of the fixture, by a short name: zas1, zas2, putin, tokayev, withdrawal,
    pashinyan, afghanistan, evil, japarov; and article ids a1…a5."""
    from app.store import article_id_for, content_sha256, event_id_for

    names = [
        ("a1", ["zas1", "zas2"]),
        ("a2", ["putin", "tokayev", "withdrawal"]),
        ("a3", ["pashinyan", "afghanistan"]),
        ("a4", ["evil"]),
        ("a5", ["japarov"]),
    ]
    out: dict[str, str] = {}
    for (article, events), (_, extraction) in zip(names, fixture_data.extractions(), strict=True):
        sha = content_sha256(extraction.text)
        out[article] = article_id_for(sha)
        for name, extracted in zip(events, extraction.events, strict=True):
            out[name] = event_id_for(sha, extracted)
    return out
