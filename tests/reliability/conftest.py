"""Fixtures for the reliability tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import FakeContext, fake_extract


@pytest.fixture
def fake_extractor(monkeypatch):
    """Ingest with the deterministic fake extractor instead of the real one."""
    import app.ingest

    monkeypatch.setattr(app.ingest, "_extractor", lambda: (fake_extract, FakeContext))
    return fake_extract


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A fresh SQLite database URL (the CLI migrates it on first use)."""
    return f"sqlite:///{tmp_path / 'timeline.db'}"


@pytest.fixture(scope="session")
def variants_folder(tmp_path_factory):
    """Forty distinct articles generated from the seeds (paragraphs shuffled, digits changed)."""
    from .helpers import write_variants
    from .test_kill import ARTICLES

    folder = tmp_path_factory.mktemp("variants")
    write_variants(folder, ARTICLES)
    return folder


@pytest.fixture(scope="session")
def clean_store(tmp_path_factory, variants_folder):
    """The variants ingested once, uninterrupted, with the real extractor: the reference."""
    from app.db import make_engine
    from app.ingest import ingest_paths
    from app.migrate import upgrade

    url = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}"
    upgrade(url)
    engine = make_engine(url)
    outcomes = ingest_paths([variants_folder], engine, max_bytes=2 * 1024 * 1024)
    assert [o.status for o in outcomes] == ["added"] * len(outcomes), outcomes
    yield engine
    engine.dispose()


HOSTILE = Path(__file__).parent / "hostile_article.txt"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The seeds and a hostile article (markup, attribute-breaking quotes, bidi overrides, a
    spreadsheet formula) ingested through the real CLI; a client of the real app over it."""
    from fastapi.testclient import TestClient

    from app.db import make_engine
    from app.web.main import create_app

    from .helpers import SEEDS, run_cli

    folder = tmp_path_factory.mktemp("hostile")
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "zz_hostile.txt").write_bytes(HOSTILE.read_bytes())
    url = f"sqlite:///{folder / 'site.db'}"
    result = run_cli("--db", url, "ingest", str(folder))
    assert result.returncode == 0, result.stderr
    engine = make_engine(url)
    client = TestClient(create_app(engine), raise_server_exceptions=False)
    yield client, engine
    engine.dispose()
