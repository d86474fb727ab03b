"""The JSON Lines export: one object per event, the contract that ../shared/eval/score.py reads."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import IO, Protocol

from sqlalchemy import select
from sqlmodel import Session

from app.models import Article, Event, EventCountry, Quote, Speaker


def export_records(session: Session) -> Iterator[dict]:
    """Every event, by article then position, in the export contract's shape."""
    columns = (
        Article.id,
        Article.source_file,
        Article.published,
        Article.published_basis,
        Article.outlet,
        Article.outlet_basis,
        Article.title,
        Article.url,
    )
    articles = {a.id: a for a in session.execute(select(*columns))}  # not the texts
    speakers = {s.id: s for s in session.execute(select(Speaker)).scalars()}
    countries: dict[str, list[str]] = defaultdict(list)
    for link in session.execute(select(EventCountry).order_by(EventCountry.country)).scalars():
        countries[link.event_id].append(link.country)
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for quote in session.execute(select(Quote).order_by(Quote.start)).scalars():
        quotes[quote.event_id].append(quote)
    events = session.execute(select(Event)).scalars().all()
    events.sort(key=lambda e: (articles[e.article_id].source_file, e.start, e.kind, e.id))
    for event in events:
        yield event_record(
            event,
            articles[event.article_id],
            speakers.get(event.speaker_id or ""),
            countries[event.id],
            quotes[event.id],
        )


class ArticleFields(Protocol):
    """What a record shows of its article (an :class:`Article`, or a row of these columns)."""

    source_file: str
    published: str | None
    published_basis: str | None
    outlet: str | None
    outlet_basis: str | None
    title: str | None
    url: str | None


def event_record(
    event: Event,
    article: ArticleFields,
    speaker: Speaker | None,
    countries: list[str],
    quotes: list[Quote],
) -> dict:
    return {
        "id": event.id,
        "kind": event.kind,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_basis": event.date_basis,
        "speaker": None
        if speaker is None
        else {
            "name_ar": speaker.name_ar,
            "name_en": speaker.name_en,
            "role_ar": event.speaker_role_ar or speaker.role_ar,
        },
        "countries": countries,
        "text": event.text,
        "article": {
            "source_file": article.source_file,
            "published": article.published,
            "outlet": article.outlet,
            "url": article.url,
            "title": article.title,
            "published_basis": article.published_basis,
            "outlet_basis": article.outlet_basis,
        },
        "quotes": [{"text": q.text, "start": q.start, "end": q.end} for q in quotes],
        "speech": event.speech,  # direct | indirect for a statement, null for an event
        "background": bool(event.background),
        "story_id": event.story_id,  # app/stories/: the story this event is a report of
    }


def write_jsonl(records: Iterator[dict], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
