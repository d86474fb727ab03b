"""Re-ingesting with a changed extractor updates events in place; same evidence, same id."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlmodel import Session

import app.ingest
from app.cli import main
from app.db import make_engine
from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent, Span, SpeakerRef
from app.ingest import _knowledge_countries
from app.models import Article, Event, Quote
from app.store import event_id_for, save_article, sync_countries

from .helpers import FakeContext, fake_extract, store_problems

ARTICLE = (
    'قال زاس: "الوضع في كازاخستان مستقر".\n'
    'وأضاف: "القوات ستغادر خلال عشرة أيام".\n'
    "وعقد الاجتماع في 13 يناير 2022.\n"
)
ZAS = SpeakerRef("ستانيسلاف زاس", "Stanislav Zas", slug="stanislav-zas")


def span(fragment: str) -> Span:
    start = ARTICLE.index(fragment)
    return Span(start, start + len(fragment), fragment)


def line(number: int) -> tuple[int, int, str]:
    lines = ARTICLE.split("\n")
    start = sum(len(x) + 1 for x in lines[:number])
    return start, start + len(lines[number]), lines[number]


def statement(number: int, quote: str, **changes) -> ExtractedEvent:
    start, end, sentence = line(number)
    values = dict(
        kind="statement",
        start=start,
        end=end,
        text=sentence,
        date=DateValue("2022-01-13", "day", "explicit"),
        speaker=ZAS,
        countries=("KZ",),
        quotes=(span(quote),),
    )
    values.update(changes)
    return ExtractedEvent(**values)


def dated(number: int) -> ExtractedEvent:
    start, end, sentence = line(number)
    return ExtractedEvent("event", start, end, sentence, DateValue("2022-01-13", "day", "explicit"))


def extraction(*events: ExtractedEvent) -> ArticleExtraction:
    published = DateValue("2022-01-13", "day", "explicit")
    return ArticleExtraction(ARTICLE, outlet="TASS", published=published, events=events)


def rows(engine) -> dict[str, tuple]:
    with Session(engine) as session:
        events = session.execute(select(Event)).scalars().all()
        return {
            e.id: (
                e.kind,
                e.start,
                e.end,
                e.speaker_id,
                tuple(
                    session.execute(
                        select(Quote.start, Quote.end).where(Quote.event_id == e.id)
                    ).all()
                ),
            )
            for e in events
        }


def test_save_article_updates_in_place_keeping_unchanged_ids(engine):
    with Session(engine) as session:
        sync_countries(session, _knowledge_countries())
        first = extraction(
            statement(0, "الوضع في كازاخستان مستقر"),
            statement(1, "القوات ستغادر خلال عشرة أيام"),
        )
        assert (
            save_article(session, source_file="a.txt", extraction=first, extractor_version="v1")[1]
            == "added"
        )
        assert (
            save_article(session, source_file="a.txt", extraction=first, extractor_version="v1")[1]
            == "unchanged"
        )
    kept = event_id_for(first_sha(), first.events[0])
    dropped = event_id_for(first_sha(), first.events[1])
    before = rows(engine)
    assert set(before) == {kept, dropped}

    # v2: the first statement is the same evidence (its date note changed); the second quote is
    # narrower (new evidence, new id); a dated event is new
    second = extraction(
        statement(
            0, "الوضع في كازاخستان مستقر", date=DateValue("2022-01-13", "day", "explicit", "نص")
        ),
        statement(1, "القوات ستغادر"),
        dated(2),
    )
    with Session(engine) as session:
        article, outcome = save_article(
            session, source_file="a.txt", extraction=second, extractor_version="v2"
        )
        assert (outcome, article.extractor_version) == ("updated", "v2")
    after = rows(engine)
    narrowed = event_id_for(first_sha(), second.events[1])
    new = event_id_for(first_sha(), second.events[2])
    assert set(after) == {kept, narrowed, new}
    assert after[kept] == before[kept]
    assert dropped not in after
    with Session(engine) as session:
        assert session.get(Event, kept).date_note == "نص"
        assert session.execute(select(Article)).scalars().one().extractor_version == "v2"
    assert store_problems(engine) == []


def first_sha() -> str:
    from app.store import content_sha256

    return content_sha256(ARTICLE)


def test_cli_reingest_with_a_changed_extractor_updates_and_keeps_permalinks(
    capsys, tmp_path, monkeypatch
):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    url = f"sqlite:///{tmp_path / 't.db'}"
    monkeypatch.setattr(app.ingest, "_extractor", lambda: (fake_extract, FakeContext))
    monkeypatch.setattr(app.ingest, "extractor_version", lambda: "v1")
    assert main(["--db", url, "ingest", str(tmp_path / "a.txt")]) == 0
    engine = make_engine(url)
    before = rows(engine)
    assert len(before) == 3

    def v2(article, context=None):
        """Same events, except the last one is dropped and a narrower quote replaces one."""
        old = fake_extract(article)
        first, second, _ = old.events
        quote = second.quotes[0]
        narrower = Span(quote.start, quote.start + 13, article[quote.start : quote.start + 13])
        return ArticleExtraction(
            article,
            outlet=old.outlet,
            published=old.published,
            events=(first, ExtractedEvent(**{**second.__dict__, "quotes": (narrower,)})),
        )

    monkeypatch.setattr(app.ingest, "_extractor", lambda: (v2, FakeContext))
    monkeypatch.setattr(app.ingest, "extractor_version", lambda: "v2")
    assert main(["--db", url, "ingest", str(tmp_path / "a.txt")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[-2:] == [f"updated   {tmp_path / 'a.txt'}: 2 events", "ingest: 1 file: 1 updated"]
    after = rows(engine)
    (kept,) = set(before) & set(after)
    assert after[kept] == before[kept]
    assert len(after) == 2
    assert store_problems(engine) == []

    # same extractor again: nothing changes
    assert main(["--db", url, "ingest", str(tmp_path / "a.txt")]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "ingest: 1 file: 1 unchanged"
    assert rows(engine) == after


@pytest.mark.parametrize("version", ["v1"])
def test_fts_rows_follow_the_update(engine, version):
    if engine.dialect.name != "sqlite":
        pytest.skip("event_fts is SQLite's")
    with Session(engine) as session:
        sync_countries(session, _knowledge_countries())
        save_article(
            session,
            source_file="a.txt",
            extraction=extraction(statement(0, "الوضع في كازاخستان مستقر"), dated(2)),
            extractor_version=version,
        )
        save_article(
            session,
            source_file="a.txt",
            extraction=extraction(statement(1, "القوات ستغادر")),
            extractor_version=version + "+",
        )
    with engine.connect() as conn:
        (count,) = conn.execute(text("SELECT count(*) FROM event_fts")).one()
    assert count == 1
    assert store_problems(engine) == []
