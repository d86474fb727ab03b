"""The server remembers totals, facet counts and the histogram until the data changes."""

from __future__ import annotations

from sqlalchemy import event
from sqlmodel import Session

from app import cache, queries
from app.db import make_engine
from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent
from app.filters import TimelineFilters
from app.store import save_article


def _counting(engine):
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_aggregates_are_remembered_until_a_write_changes_the_data(db_url):
    engine = make_engine(db_url)
    cache.enable(engine, ttl=0.001)  # PostgreSQL: a tiny time bucket; SQLite: file versions
    statements = _counting(engine)
    filters = TimelineFilters()
    try:
        with Session(engine) as session:
            first = queries.timeline_page(session, filters).total, queries.facets(session, filters)
            queries.histogram(session, filters)
            statements.clear()
            again = queries.timeline_page(session, filters.replace(limit=5)).total
            queries.facets(session, filters.replace(order="desc"))
            queries.histogram(session, filters.replace(date_from=filters.date_from))
            assert again == first[0] == 0
            if engine.dialect.name == "sqlite":  # one page query + its related rows, no counts
                assert not any("count(" in s for s in statements), statements
            text = "وقع حدث."
            save_article(
                session,
                source_file="new.txt",
                extraction=ArticleExtraction(
                    text=text,
                    events=(
                        ExtractedEvent(
                            "event", 0, len(text), text, DateValue("2022-01-06", "day", "explicit")
                        ),
                    ),
                ),
                extractor_version="t",
            )
            assert queries.timeline_page(session, filters).total == 1
            assert [n for _, n in queries.histogram(session, filters)] == [1]
            assert dict(queries.facets(session, filters).kinds) == {"event": 1}
    finally:
        cache.disable(engine)
        engine.dispose()


def test_without_enable_every_call_computes(seeded_engine):
    statements = _counting(seeded_engine)
    with Session(seeded_engine) as session:
        queries.facets(session, TimelineFilters())
        n = len(statements)
        queries.facets(session, TimelineFilters())
    assert len(statements) == 2 * n > 0


def test_the_data_version_is_taken_once_per_transaction(tmp_path, monkeypatch):
    """A page asks for several aggregates; the version (two stats on SQLite) is read once per
    transaction, and again after it ends (a later transaction may see newer data)."""
    from sqlalchemy import func, select

    from app.migrate import upgrade
    from app.models import Event

    url = f"sqlite:///{tmp_path / 'v.db'}"
    upgrade(url)
    engine = make_engine(url)
    cache.enable(engine)
    reads: list[int] = []
    original = cache.AggregateCache.version
    monkeypatch.setattr(
        cache.AggregateCache, "version", lambda self: reads.append(1) or original(self)
    )
    try:
        with Session(engine) as session:
            for key in ("a", "b", "c"):
                assert cache.remembered(session, key, lambda: 1) == 1
            session.execute(select(func.count()).select_from(Event)).scalar_one()
            assert len(reads) == 1
            session.rollback()  # the transaction ends
            cache.remembered(session, "a", lambda: 2)
            assert len(reads) == 2
    finally:
        cache.disable(engine)
        engine.dispose()
