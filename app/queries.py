"""Every read the web app makes, in one place. Routes call these and render the result."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from app.models import Article, Country, Event, EventCountry, Quote, Speaker


@dataclass(frozen=True)
class EventView:
    """An event with everything a card shows."""

    event: Event
    article: Article
    speaker: Speaker | None
    countries: tuple[Country, ...]
    quotes: tuple[Quote, ...]


def timeline(session: Session, *, limit: int = 200) -> list[EventView]:
    rows = session.execute(
        select(Event).order_by(Event.date_start.is_(None), Event.date_start, Event.id).limit(limit)
    ).scalars()
    return _views(session, list(rows))


def event_by_id(session: Session, event_id: str) -> EventView | None:
    event = session.get(Event, event_id)
    return _views(session, [event])[0] if event else None


def _views(session: Session, events: list[Event]) -> list[EventView]:
    if not events:
        return []
    ids = [e.id for e in events]
    articles = {
        a.id: a
        for a in session.execute(
            select(Article).where(Article.id.in_({e.article_id for e in events}))
        ).scalars()
    }
    speaker_ids = {e.speaker_id for e in events if e.speaker_id}
    speakers = {
        s.id: s
        for s in session.execute(select(Speaker).where(Speaker.id.in_(speaker_ids))).scalars()
    }
    countries: dict[str, list[Country]] = defaultdict(list)
    for event_id, country in session.execute(
        select(EventCountry.event_id, Country)
        .join(Country, Country.iso2 == EventCountry.country)
        .where(EventCountry.event_id.in_(ids))
        .order_by(Country.csto_member.desc(), Country.iso2)
    ):
        countries[event_id].append(country)
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for quote in session.execute(
        select(Quote).where(Quote.event_id.in_(ids)).order_by(Quote.start)
    ).scalars():
        quotes[quote.event_id].append(quote)
    return [
        EventView(
            event=e,
            article=articles[e.article_id],
            speaker=speakers.get(e.speaker_id or ""),
            countries=tuple(countries[e.id]),
            quotes=tuple(quotes[e.id]),
        )
        for e in events
    ]
