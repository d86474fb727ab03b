"""Every read the web app makes, in one place. Routes call these and render the result.

Each function runs a fixed number of SQL statements, however many events it returns: related
rows are fetched with one ``IN (...)`` query per table (see ``_views``), never per event.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from app.cache import remembered
from app.filters import DEFAULT_LIMIT, Cursor, TimelineFilters
from app.models import Article, Country, Event, EventCountry, Quote, Speaker

EXPORT_LIMIT = 10_000


@dataclass(frozen=True)
class EventView:
    """An event with everything a card shows."""

    event: Event
    article: Article
    speaker: Speaker | None
    countries: tuple[Country, ...]
    quotes: tuple[Quote, ...]

    @property
    def role_ar(self) -> str | None:
        return self.event.speaker_role_ar or (self.speaker.role_ar if self.speaker else None)


@dataclass(frozen=True)
class Page:
    views: list[EventView]
    next_cursor: Cursor | None
    total: int


@dataclass(frozen=True)
class Facets:
    speakers: list[tuple[Speaker, int]]
    csto: list[tuple[Country, int]]  # the members, always listed
    other_countries: list[tuple[Country, int]]  # others with at least one event
    outlets: list[tuple[str, int]]
    kinds: list[tuple[str, int]]

    def labels(self, lang: str) -> dict[str, str]:
        """Display names for ``TimelineFilters.describe``."""
        names: dict[str, str] = {}
        for speaker, _ in self.speakers:
            names[speaker.id] = (
                (speaker.name_en or speaker.name_ar) if lang == "en" else speaker.name_ar
            )
        for country, _ in [*self.csto, *self.other_countries]:
            names[country.iso2] = country.name_en if lang == "en" else country.name_ar
        return names


@dataclass(frozen=True)
class Segment:
    """A run of article text: highlighted or not, with the quotes that start/end on it."""

    text: str
    marked: bool = False
    starts: tuple[str, ...] = ()  # quote ids starting here (anchors #q-…)
    ends: tuple[str, ...] = ()  # event ids whose quote ends here (links back)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# -- the timeline -----------------------------------------------------------------------------


def timeline(session: Session, *, limit: int = 200) -> list[EventView]:
    """The first ``limit`` events, oldest first (kept for the CLI and simple callers)."""
    return timeline_page(session, TimelineFilters(limit=limit)).views


def timeline_page(session: Session, filters: TimelineFilters, *, count: bool = True) -> Page:
    """One keyset page of events for the filters: 1 query + 4 for the related rows (+1 count)."""
    where = filters.where(dialect=_dialect(session))
    keyset = filters.keyset()
    statement = select(Event).where(*where)
    if keyset is not None:
        statement = statement.where(keyset)
    rows = list(
        session.execute(statement.order_by(*filters.order_by()).limit(filters.limit + 1)).scalars()
    )
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    next_cursor = Cursor(rows[-1].date_start, rows[-1].id) if more and rows else None
    total = (
        remembered(
            session,
            ("total", _aggregate_key(filters)),
            lambda: session.execute(
                select(func.count()).select_from(Event).where(*where)
            ).scalar_one(),
        )
        if count
        else len(rows)
    )
    return Page(views=_views(session, rows), next_cursor=next_cursor, total=total)


def export_events(session: Session, filters: TimelineFilters) -> list[EventView]:
    """Every event the filters match (for CSV / JSON / Atom), up to ``EXPORT_LIMIT``."""
    statement = (
        select(Event)
        .where(*filters.where(dialect=_dialect(session)))
        .order_by(*filters.order_by())
        .limit(EXPORT_LIMIT)
    )
    return _views(session, list(session.execute(statement).scalars()))


def _aggregate_key(filters: TimelineFilters) -> str:
    """Aggregates depend on the filters only, not on the page, order or page size."""
    return filters.replace(order="asc", limit=DEFAULT_LIMIT).to_query()


def facets(session: Session, filters: TimelineFilters) -> Facets:
    """Counts for each filter's choices under the *other* filters (remembered by ``serve``
    until the data changes: see app/cache.py)."""
    return remembered(
        session, ("facets", _aggregate_key(filters)), lambda: _facets(session, filters)
    )


def _facets(session: Session, filters: TimelineFilters) -> Facets:
    """Counts for each filter's choices under the *other* filters: four queries."""
    dialect = _dialect(session)

    speakers = [
        (speaker, count)
        for speaker, count in session.execute(
            select(Speaker, func.count(Event.id))
            .join(Event, Event.speaker_id == Speaker.id)
            .where(*filters.where(dialect=dialect, exclude={"speaker"}))
            .group_by(Speaker.id)
            .order_by(func.count(Event.id).desc(), Speaker.name_ar)
        ).all()
    ]

    counts = (
        select(EventCountry.country.label("iso2"), func.count(Event.id).label("n"))
        .join(Event, Event.id == EventCountry.event_id)
        .where(*filters.where(dialect=dialect, exclude={"country"}))
        .group_by(EventCountry.country)
        .subquery()
    )
    csto: list[tuple[Country, int]] = []
    others: list[tuple[Country, int]] = []
    for country, n in session.execute(
        select(Country, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.iso2 == Country.iso2)
        .order_by(Country.iso2)
    ).all():
        if country.csto_member:
            csto.append((country, n))
        elif n or country.iso2 in filters.countries:
            others.append((country, n))
    others.sort(key=lambda pair: (-pair[1], pair[0].iso2))

    outlets = [
        (outlet, n)
        for outlet, n in session.execute(
            select(Article.outlet, func.count(Event.id))
            .join(Event, Event.article_id == Article.id)
            .where(Article.outlet.is_not(None))
            .where(*filters.where(dialect=dialect, exclude={"outlet"}))
            .group_by(Article.outlet)
            .order_by(func.count(Event.id).desc(), Article.outlet)
        ).all()
    ]
    kinds = [
        (kind, n)
        for kind, n in session.execute(
            select(Event.kind, func.count(Event.id))
            .where(*filters.where(dialect=dialect, exclude={"kind"}))
            .group_by(Event.kind)
            .order_by(Event.kind.desc())
        ).all()
    ]
    return Facets(
        speakers=speakers, csto=csto, other_countries=others, outlets=outlets, kinds=kinds
    )


def histogram(session: Session, filters: TimelineFilters) -> list[tuple[dt.date, int]]:
    """Events per day under every filter but the dates (so each bar can narrow to its day)."""
    key = ("histogram", _aggregate_key(filters.replace(date_from=None, date_to=None)))
    return remembered(session, key, lambda: _histogram(session, filters))


def _histogram(session: Session, filters: TimelineFilters) -> list[tuple[dt.date, int]]:
    return [
        (day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)), n)
        for day, n in session.execute(
            select(Event.date_start, func.count(Event.id))
            .where(Event.date_start.is_not(None))
            .where(*filters.where(dialect=_dialect(session), exclude={"date"}))
            .group_by(Event.date_start)
            .order_by(Event.date_start)
        ).all()
    ]


# -- single things ----------------------------------------------------------------------------


def event_by_id(session: Session, event_id: str) -> EventView | None:
    event = session.get(Event, event_id)
    return _views(session, [event])[0] if event else None


def neighbours(session: Session, view: EventView, *, limit: int = 20) -> list[EventView]:
    """Other events of the same speaker on the same day (or in the same article when undated)."""
    event = view.event
    if event.speaker_id is None:
        return []
    statement = select(Event).where(Event.speaker_id == event.speaker_id, Event.id != event.id)
    if event.date_start is None:
        statement = statement.where(
            Event.date_start.is_(None), Event.article_id == event.article_id
        )
    else:
        statement = statement.where(Event.date_start == event.date_start)
    rows = session.execute(statement.order_by(Event.start, Event.id).limit(limit)).scalars()
    return _views(session, list(rows))


def article_by_id(session: Session, article_id: str) -> Article | None:
    return session.get(Article, article_id)


def article_quotes(session: Session, article_id: str) -> list[tuple[Quote, Event]]:
    """Every quote of the article's events, in text order, with its event."""
    return [
        (quote, event)
        for quote, event in session.execute(
            select(Quote, Event)
            .join(Event, Event.id == Quote.event_id)
            .where(Event.article_id == article_id)
            .order_by(Quote.start, Quote.end, Quote.id)
        ).all()
    ]


def labels(session: Session, filters: TimelineFilters, lang: str) -> dict[str, str]:
    """Display names of the speakers and countries the filters name (for ``describe``)."""
    names: dict[str, str] = {}
    if filters.speakers:
        for s in session.execute(select(Speaker).where(Speaker.id.in_(filters.speakers))).scalars():
            names[s.id] = (s.name_en or s.name_ar) if lang == "en" else s.name_ar
    if filters.countries:
        for c in session.execute(
            select(Country).where(Country.iso2.in_(filters.countries))
        ).scalars():
            names[c.iso2] = c.name_en if lang == "en" else c.name_ar
    return names


def speaker_by_slug(session: Session, slug: str) -> tuple[Speaker, Country | None] | None:
    row = session.execute(
        select(Speaker, Country)
        .outerjoin(Country, Country.iso2 == Speaker.country)
        .where(Speaker.id == slug)
    ).first()
    return (row[0], row[1]) if row else None


def country_by_iso(session: Session, iso2: str) -> Country | None:
    return session.get(Country, iso2)


# -- text with its quotes highlighted ---------------------------------------------------------


def highlight(
    text: str,
    quotes: Sequence[tuple[str, str, int, int]],
    *,
    start: int = 0,
    end: int | None = None,
) -> list[list[Segment]]:
    """``text[start:end]`` as paragraphs of segments, the quotes ``(quote_id, event_id, start,
    end)`` marked. Offsets stay those of the raw text; blank lines are dropped."""
    end = len(text) if end is None else end
    paragraphs: list[list[Segment]] = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline == -1 else newline
        if text[position:stop].strip():
            paragraphs.append(_segments(text, quotes, position, stop))
        position = stop + 1
    return paragraphs


def _segments(text, quotes, lo: int, hi: int) -> list[Segment]:
    cuts = {lo, hi}
    for _, _, q_start, q_end in quotes:
        cuts.update(p for p in (q_start, q_end) if lo < p < hi)
    points = sorted(cuts)
    segments = []
    for a, b in itertools.pairwise(points):
        marked = any(qs < b and qe > a for _, _, qs, qe in quotes)
        starts = tuple(qid for qid, _, qs, _ in quotes if qs == a and qid)
        ends = tuple(dict.fromkeys(eid for _, eid, _, qe in quotes if qe == b))
        segments.append(Segment(text=text[a:b], marked=marked, starts=starts, ends=ends))
    return segments


def source_span(view: EventView) -> tuple[int, int]:
    """The paragraph(s) of the article that hold the event's quotes (or its sentence)."""
    text = view.article.text
    lo = min([view.event.start, *(q.start for q in view.quotes)])
    hi = max([view.event.end, *(q.end for q in view.quotes)])
    para_start = text.rfind("\n", 0, lo) + 1
    para_end = text.find("\n", hi)
    return para_start, len(text) if para_end == -1 else para_end


def source_paragraphs(view: EventView) -> list[list[Segment]]:
    start, end = source_span(view)
    quotes = [(q.id, view.event.id, q.start, q.end) for q in view.quotes]
    if not quotes:  # a dated event: mark its sentence
        quotes = [("", view.event.id, view.event.start, view.event.end)]
    return highlight(view.article.text, quotes, start=start, end=end)


# -- related rows, one query per table --------------------------------------------------------


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
    speakers = {  # queried even when empty: the statement count does not depend on the rows
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
