"""Serving while ingesting: readers never see half an article and never get a 5xx."""

from __future__ import annotations

import subprocess
import sys

from fastapi.testclient import TestClient

from app.db import make_engine
from app.migrate import upgrade

from .helpers import ROOT, context_free_events, events_by_article, snapshot, store_problems


def test_readers_never_see_half_an_article_while_another_process_ingests(
    tmp_path, variants_folder, clean_store
):
    from app.web.main import create_app

    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(url)
    engine = make_engine(url)
    reference = events_by_article(clean_store)
    context_free = context_free_events(variants_folder)
    client = TestClient(create_app(engine), raise_server_exceptions=False)
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--db", url, "ingest", str(variants_folder)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    snapshots = pages = 0
    seen_partial_batch = False
    try:
        while process.poll() is None:
            # article present ⇒ all its events present (one statement: one snapshot): those of
            # its final extraction, or — while it awaits the corpus-context pass — those of its
            # extraction without the context, never a mix
            current = snapshot(engine)
            for article_id, (pending, event_ids) in current.items():
                expected = context_free[article_id] if pending else reference[article_id]
                assert event_ids == expected, f"article {article_id} half visible"
            snapshots += 1
            seen_partial_batch = seen_partial_batch or 0 < len(current) < len(reference)
            for path in ("/", "/api/events", "/?country=KZ", "/?q=كازاخستان"):
                response = client.get(path)
                assert response.status_code < 500, (path, response.status_code)
                pages += 1
    finally:
        _, stderr = process.communicate()
    assert process.returncode == 0, stderr
    assert snapshots and pages
    print(f"{snapshots} snapshots, {pages} pages, partial batch seen: {seen_partial_batch}")
    assert events_by_article(engine) == reference
    assert store_problems(engine) == []
