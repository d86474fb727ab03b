"""Fixtures for the reliability tests."""

from __future__ import annotations

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
