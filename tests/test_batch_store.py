"""The batch writer stores exactly what ``store.save_article`` stores, table by table.

app/batch_store.py writes many articles per transaction with driver-level statements; the ORM
path in app/store.py is the reference. Same extractions through both, in batches of 7, then
again with every extraction changed (the update path): every table must hold the same rows
(the stories, their bands and counts, the FTS rows and the tally included).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from reliability.helpers import write_variants
from sqlmodel import Session

from app.batch_store import NewArticle, write_articles
from app.db import make_engine
from app.documents import read_file_document
from app.ingest import _knowledge_countries
from app.migrate import upgrade
from app.parallel import extract_one
from app.store import save_article, sync_countries


@pytest.fixture(scope="module")
def extractions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    write_variants(folder, 24)
    for seed in (Path(__file__).parent.parent / "seeds").glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    documents = [read_file_document(p, max_bytes=2**21) for p in sorted(folder.glob("*.txt"))]
    return [(d.name, extract_one(d)) for d in documents]


def _changed(extraction):
    """The same article re-extracted differently: its last event gone, the first one undated."""
    events = list(extraction.events[:-1])
    if events:
        events[0] = dataclasses.replace(events[0], date=None)
    return dataclasses.replace(extraction, events=tuple(events))


def _store(path: Path, extractions, *, batch: bool, change: bool = False) -> None:
    url = f"sqlite:///{path}"
    if not change:
        upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        sync_countries(session, _knowledge_countries())
    version = "v2" if change else "v1"
    items = [
        (name, _changed(r.extraction) if change else r.extraction, r.source)
        for name, r in extractions
    ]
    if batch:
        known = {c.iso2 for c in _knowledge_countries()}
        articles = [NewArticle(n, e, version, s.as_columns()) for n, e, s in items]
        for start in range(0, len(articles), 7):
            with engine.begin() as connection:
                statuses = write_articles(connection, articles[start : start + 7], known)
            assert set(statuses) == {"updated" if change else "added"}
    else:
        with Session(engine) as session:
            for name, extraction, source in items:
                save_article(
                    session,
                    source_file=name,
                    extraction=extraction,
                    extractor_version=version,
                    source=source,
                )
    engine.dispose()


def _tables(path: Path) -> dict[str, list]:
    db = sqlite3.connect(path)
    names = [
        n
        for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not n.startswith("event_fts") and n != "alembic_version"
    ]
    out = {}
    for name in names:
        columns = [c[1] for c in db.execute(f"PRAGMA table_info({name})") if c[1] != "ingested_at"]
        listed = ", ".join(f'"{c}"' for c in columns)
        out[name] = db.execute(f"SELECT {listed} FROM {name} ORDER BY {listed}").fetchall()
    out["event_fts"] = db.execute(
        "SELECT rowid, event_id, search_text FROM event_fts ORDER BY rowid"
    ).fetchall()
    db.close()
    return out


def test_batches_store_the_rows_save_article_stores_and_update_them_alike(tmp_path, extractions):
    orm, batched = tmp_path / "orm.db", tmp_path / "batch.db"
    _store(orm, extractions, batch=False)
    _store(batched, extractions, batch=True)
    first = _tables(orm)
    assert first["event"] and first["story"] and first["event_tally"]
    assert _tables(batched) == first

    _store(orm, extractions, batch=False, change=True)
    _store(batched, extractions, batch=True, change=True)
    second = _tables(orm)
    assert second["event"] != first["event"]
    assert _tables(batched) == second
