"""``ingest --workers N``: a process pool over the pure extractor, one writer, same result."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from app.db import make_engine
from app.ingest import ingest_paths
from app.models import Event, Quote
from app.parallel import extract_many

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _rows(url: str) -> tuple[list, list]:
    engine = make_engine(url)
    with Session(engine) as session:
        events = session.execute(
            select(Event.id, Event.date, Event.speaker_id, Event.text).order_by(Event.id)
        ).all()
        quotes = session.execute(select(Quote.id, Quote.start, Quote.end).order_by(Quote.id)).all()
    engine.dispose()
    return events, quotes


def test_two_workers_store_exactly_what_one_worker_stores(tmp_path):
    from app.migrate import upgrade

    urls = []
    for workers in (1, 2):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        upgrade(url)
        outcomes = ingest_paths([SEEDS], make_engine(url), max_bytes=2**21, workers=workers)
        assert [o.status for o in outcomes] == ["added"] * 5
        urls.append(url)
    one, two = (_rows(url) for url in urls)
    assert one == two
    assert one[0], "the seeds yield events"


def test_results_come_back_in_input_order_and_a_failure_is_a_value():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]

    def extract(text, context=None):
        if text == "boom":
            raise ValueError("bad article")
        return _Fake(text)

    results = list(extract_many([*texts, "boom", texts[0]], workers=2, extract=extract))
    assert [r.text for r in results if not isinstance(r, Exception)] == [*texts, texts[0]]
    assert isinstance(results[len(texts)], ValueError)


class _Fake:
    def __init__(self, text: str) -> None:
        self.text = text
