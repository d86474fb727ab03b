"""The ingest's writer (app/ingest_writer.py): its SQLite connections don't map the database
file into memory (the readers' memory map would make the writer's peak RSS grow with the
store), and what it leaves in the store's other settings is untouched."""

from __future__ import annotations

from app.db import make_engine
from app.ingest_writer import BatchWriter


def _writer(engine) -> BatchWriter:
    return BatchWriter(
        engine, on_stored=lambda *a: None, on_failed=lambda *a: None, known_countries=set()
    )


def test_the_writer_reads_sqlite_through_the_page_cache_not_a_memory_map(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.connect() as connection:  # a reader's connection: the memory map is on
        assert connection.exec_driver_sql("PRAGMA mmap_size").scalar() > 0
    writer = _writer(engine)
    mmap, journal = writer.transaction(
        lambda c: (
            c.exec_driver_sql("PRAGMA mmap_size").scalar(),
            c.exec_driver_sql("PRAGMA journal_mode").scalar(),
        )
    )
    assert mmap == 0
    assert journal == "wal"
    engine.dispose()
