"""Grow a database of really extracted events to a target size by replicating its rows.

Running the extractor over ~45k articles would not fit the benchmark's time budget on a 2-core
machine, so the large database is the base one (real ingest of real-extracted articles) copied
``k`` times with new ids (sha256 of the old id and the copy number, so keyset tokens still
parse) and day-precision dates shifted by ``3·k`` days. Every table is replicated, FTS included,
so pages, permalinks and search behave exactly as on ingested data.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

from app.fts import fts_rowid


def _rid(value: str, copy: int) -> str:
    return hashlib.sha256(f"{value}|{copy}".encode()).hexdigest()[: len(value)]


def replicate(base: Path, out: Path, *, target_events: int) -> int:
    """Write ``out`` with at least ``target_events`` events; return the event count."""
    tmp = out.with_suffix(".tmp")
    for path in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        path.unlink(missing_ok=True)
    with sqlite3.connect(base) as source:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        base_events = source.execute("SELECT count(*) FROM event").fetchone()[0]
    shutil.copyfile(base, tmp)
    copies = max(1, -(-target_events // max(base_events, 1)))
    db = sqlite3.connect(tmp)
    db.create_function("rid", 2, _rid, deterministic=True)
    db.create_function("fts_rowid", 2, fts_rowid, deterministic=True)
    db.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
        f"ATTACH DATABASE 'file:{base}?mode=ro' AS b;"
    )
    article_cols = [r[1] for r in db.execute("PRAGMA b.table_info(article)")]
    event_cols = [r[1] for r in db.execute("PRAGMA b.table_info(event)")]
    country_cols = [r[1] for r in db.execute("PRAGMA b.table_info(event_country)")]
    # the stories (0009) are copied with the events; story_tally is not rebuilt: story counts
    # at the replicated size are the base's (the same number of tally rows is read)
    story_cols = [r[1] for r in db.execute("PRAGMA b.table_info(story)")]
    for k in range(1, copies):
        shift = f"'+{3 * k} days'"

        def expr(column: str, table: str, k: int = k, shift: str = shift) -> str:
            # a copy's events are reports of the copy's stories (rid of the story id), not of
            # the base's: a story then keeps the base's number of reports at any size
            ids = {"id", "article_id", "sha256", "story_id", "date_event_id", "canonical_event_id"}
            if column in ids:
                return f"rid({column}, {k})"
            if table in {"event", "story"} and column in {"date_start", "date"}:
                day = f"date({column}, {shift})"
                return f"CASE WHEN date_precision = 'day' THEN {day} ELSE {column} END"
            return f'"{column}"'

        for table, cols in (
            ("article", article_cols),
            ("event", event_cols),
            ("story", story_cols),
        ):
            if not cols:  # a base from before migration 0009
                continue
            select = ", ".join(expr(c, table) for c in cols)
            names = ", ".join(f'"{c}"' for c in cols)
            db.execute(f"INSERT INTO main.{table} ({names}) SELECT {select} FROM b.{table}")
        db.execute(
            'INSERT INTO main.quote (id, event_id, text, start, "end") '
            f'SELECT rid(id, {k}), rid(event_id, {k}), text, start, "end" FROM b.quote'
        )
        if "date_start" in country_cols:  # migration 0010: the event's (shifted) day
            db.execute(
                "INSERT INTO main.event_country (event_id, country, date_start) "
                f"SELECT rid(c.event_id, {k}), c.country, e.date_start FROM b.event_country c "
                f"JOIN main.event e ON e.id = rid(c.event_id, {k})"
            )
        else:
            db.execute(
                "INSERT INTO main.event_country (event_id, country) "
                f"SELECT rid(event_id, {k}), country FROM b.event_country"
            )
        db.execute(  # full-text rows keyed by their (shifted) place in the timeline
            "INSERT INTO main.event_fts (rowid, event_id, search_text) "
            f"SELECT fts_rowid(e.date_start, e.id), e.id, e.search_text FROM main.event e "
            f"WHERE e.article_id IN (SELECT rid(id, {k}) FROM b.article)"
        )
        db.commit()
    events = db.execute("SELECT count(*) FROM main.event").fetchone()[0]
    db.execute("DETACH DATABASE b")
    tallied = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'event_tally'").fetchone()
    db.execute("PRAGMA journal_mode=WAL")
    db.close()
    if tallied:
        _rebuild_tally(tmp)  # the copies' counts (their days are shifted)
    tmp.replace(out)
    return events


def _rebuild_tally(path: Path) -> None:
    from sqlalchemy import create_engine

    from app.tally import rebuild

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        rebuild(connection)
    engine.dispose()
