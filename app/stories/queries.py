"""The story reads: the timeline of stories, its counts, one story, the export's stories.

Kept beside the story logic (the event reads are app/queries.py, which these build on). A
story matches the filters when any one of its reports matches them, except the dates: a story
sits on the timeline at its date (the earliest a report states), and the date bounds and the
histogram are over that date, so a card is never shown outside the range asked for. Counts are
of stories: from ``story_tally`` under at most one filter value (app/stories/tally.py), live
(``count(DISTINCT story_id)``) otherwise. Each function runs a fixed number of statements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from app import queries
from app.cache import remembered
from app.filters import Cursor, TimelineFilters
from app.models import Article, Country, Event, EventCountry, Speaker, Story, StoryTally
from app.queries import SEARCH_CAP, EventView, Facets
from app.stories import tally as story_tally
from app.stories.versions import Disagreement, ReportFacts, disagreements


@dataclass(frozen=True)
class StoryView:
    """A story with everything its card and its page show."""

    story: Story
    canonical: EventView  # the best-attested version's report
    reports: list[EventView]  # every report, by publication date
    disagreements: list[Disagreement]

    @property
    def outlets(self) -> list[str]:
        """Each outlet once, the canonical report's first, then by publication date."""
        names = [self.canonical.article.outlet, *(r.article.outlet for r in self.reports)]
        return list(dict.fromkeys(n for n in names if n))

    @property
    def date_report(self) -> EventView | None:
        """The report the story's date comes from (its basis)."""
        return next((r for r in self.reports if r.event.id == self.story.date_event_id), None)

    def disagreement(self, field: str) -> Disagreement | None:
        return next((d for d in self.disagreements if d.field == field), None)


@dataclass(frozen=True)
class StoryPage:
    views: list[StoryView]
    next_cursor: Cursor | None
    total: int
    capped: bool = False


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def report_facts(view: EventView) -> ReportFacts:
    e = view.event
    return ReportFacts(
        event_id=e.id,
        article_id=e.article_id,
        outlet=view.article.outlet,
        published=view.article.published,
        speaker_id=e.speaker_id,
        date=e.date,
        date_precision=e.date_precision,
        date_basis=e.date_basis,
        date_start=e.date_start,
        text=" ".join(q.text for q in view.quotes) if view.quotes else e.text,
    )


def story_views(session: Session, stories: list[Story]) -> list[StoryView]:
    """The stories with their reports: 3 statements however many stories and reports."""
    if not stories:
        return []
    found = session.execute(
        select(Event, Article, Speaker)
        .join(Article, Article.id == Event.article_id)
        .outerjoin(Speaker, Speaker.id == Event.speaker_id)
        .where(Event.story_id.in_([s.id for s in stories]))
    ).all()
    views = queries._views(
        session,
        [event for event, _, _ in found],
        articles={article.id: article for _, article, _ in found},
        speakers={speaker.id: speaker for _, _, speaker in found if speaker is not None},
    )
    members: dict[str, list[EventView]] = {}
    for view in sorted(views, key=_by_publication):
        members.setdefault(view.event.story_id, []).append(view)
    out = []
    for story in stories:
        reports = members.get(story.id, [])
        if not reports:
            continue
        canonical = next((r for r in reports if r.event.id == story.canonical_event_id), reports[0])
        out.append(
            StoryView(
                story=story,
                canonical=canonical,
                reports=reports,
                disagreements=disagreements([report_facts(r) for r in reports]),
            )
        )
    return out


def _by_publication(view: EventView) -> tuple:
    published = view.article.published
    return (published is None, published or "", view.article.outlet or "", view.event.id)


def story_by_id(session: Session, story_id: str) -> StoryView | None:
    story = session.get(Story, story_id)
    if story is None:
        return None
    views = story_views(session, [story])
    return views[0] if views else None


def story_of_event(session: Session, view: EventView) -> StoryView | None:
    """The story an event is a report of (for its permalink)."""
    return story_by_id(session, view.event.story_id) if view.event.story_id else None


# -- the timeline of stories ------------------------------------------------------------------


def where(
    filters: TimelineFilters,
    *,
    dialect: str,
    exclude: set[str] | frozenset[str] = frozenset(),
    search_limit: int | None = None,
) -> list:
    """Clauses over ``story``: its date in the bounds, and one report matching the rest."""
    clauses = []
    if "date" not in exclude:
        if filters.date_from:
            clauses.append(Story.date_start >= filters.date_from)
        if filters.date_to:
            clauses.append(Story.date_start <= filters.date_to)
    if filters.kind and "kind" not in exclude:
        clauses.append(Story.kind == filters.kind)
    report = filters.where(
        dialect=dialect, exclude={*exclude, "date", "kind"}, search_limit=search_limit
    )
    if report:
        clauses.append(select(Event.id).where(Event.story_id == Story.id, *report).exists())
    return clauses


def _order(filters: TimelineFilters) -> list:
    if filters.date_from or filters.date_to:
        if filters.order == "desc":
            return [Story.date_start.desc(), Story.id.desc()]
        return [Story.date_start, Story.id]
    undated = Story.date_start.is_(None)
    if filters.order == "desc":
        return [undated, Story.date_start.desc(), Story.id.desc()]
    return [undated, Story.date_start, Story.id]


def _keyset(filters: TimelineFilters):
    if filters.after is None:
        return None
    day, story_id = filters.after.date_start, filters.after.event_id
    desc = filters.order == "desc"
    id_after = Story.id < story_id if desc else Story.id > story_id
    if day is None:
        return and_(Story.date_start.is_(None), id_after)
    day_after = Story.date_start < day if desc else Story.date_start > day
    return or_(day_after, and_(Story.date_start == day, id_after), Story.date_start.is_(None))


def _search_capped(session: Session, filters: TimelineFilters) -> bool:
    return (
        bool(filters.search) and queries.total(session, TimelineFilters(q=filters.q)) > SEARCH_CAP
    )


def story_page(session: Session, filters: TimelineFilters) -> StoryPage:
    """One keyset page of stories (the page token is ``DATE_STORYID``): 1 query + 3 for the
    reports (+ the count, remembered)."""
    dialect = _dialect(session)
    capped = _search_capped(session, filters)
    statement = select(Story).where(
        *where(filters, dialect=dialect, search_limit=SEARCH_CAP if capped else None)
    )
    keyset = _keyset(filters)
    if keyset is not None:
        statement = statement.where(keyset)
    rows = list(
        session.execute(statement.order_by(*_order(filters)).limit(filters.limit + 1)).scalars()
    )
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    next_cursor = Cursor(rows[-1].date_start, rows[-1].id) if more and rows else None
    return StoryPage(
        views=story_views(session, rows),
        next_cursor=next_cursor,
        total=total(session, filters),
        capped=capped,
    )


def _key(filters: TimelineFilters) -> str:
    return filters.replace(order="asc", limit=15).to_query()


def total(session: Session, filters: TimelineFilters) -> int:
    """Stories matching the filters (remembered until the data changes)."""
    return remembered(session, ("story-total", _key(filters)), lambda: _total(session, filters))


def _total(session: Session, filters: TimelineFilters) -> int:
    scope = story_tally.scope(filters)
    if scope is not None:
        return session.execute(
            select(func.coalesce(func.sum(StoryTally.n), 0)).where(*scope.rows("", StoryTally))
        ).scalar_one()
    limit = SEARCH_CAP if _search_capped(session, filters) else None
    clauses = where(filters, dialect=_dialect(session), search_limit=limit)
    return session.execute(select(func.count()).select_from(Story).where(*clauses)).scalar_one()


def facets(session: Session, filters: TimelineFilters) -> Facets:
    """Stories per speaker, country, outlet and kind under the *other* filters."""
    return remembered(session, ("story-facets", _key(filters)), lambda: _facets(session, filters))


def _live(filters, dialect, facet: str, capped: bool) -> list:
    """Clauses over ``event`` joined to its ``story``: a report matching the other filters,
    its story in the date bounds."""
    clauses = filters.where(
        dialect=dialect,
        exclude={facet, "date"},
        search_limit=SEARCH_CAP if capped else None,
    )
    if facet != "date":
        if filters.date_from:
            clauses.append(Story.date_start >= filters.date_from)
        if filters.date_to:
            clauses.append(Story.date_start <= filters.date_to)
    return clauses


def _facets(session: Session, filters: TimelineFilters) -> Facets:
    dialect = _dialect(session)
    capped = _search_capped(session, filters)
    stories = func.count(func.distinct(Event.story_id))

    def counted(value, facet: str, join=None):
        """(value, stories) pairs: from the tally when exact, live otherwise."""
        scope = story_tally.scope(filters, exclude={facet})
        dim = {"speaker": "speaker", "country": "country", "outlet": "outlet", "kind": "kind"}[
            facet
        ]
        if scope is not None:
            n = func.sum(StoryTally.n)
            return session.execute(
                select(StoryTally.value, n)
                .where(*scope.rows(dim, StoryTally))
                .group_by(StoryTally.value)
            ).all()
        statement = select(value, stories).select_from(Event)
        if join is not None:
            statement = statement.join(*join)
        statement = statement.join(Story, Story.id == Event.story_id).where(
            *_live(filters, dialect, facet, capped)
        )
        return session.execute(statement.group_by(value)).all()

    speaker_counts = dict(counted(Event.speaker_id, "speaker"))
    speaker_counts.pop(None, None)
    speaker_rows = (
        session.execute(select(Speaker).where(Speaker.id.in_(list(speaker_counts)))).scalars()
        if speaker_counts
        else []
    )
    speakers = sorted(
        ((s, speaker_counts[s.id]) for s in speaker_rows), key=lambda p: (-p[1], p[0].name_ar)
    )
    country_counts = dict(
        counted(EventCountry.country, "country", (EventCountry, EventCountry.event_id == Event.id))
    )
    csto, others = [], []
    for country in session.execute(select(Country).order_by(Country.iso2)).scalars():
        n = country_counts.get(country.iso2, 0)
        if country.csto_member:
            csto.append((country, n))
        elif n or country.iso2 in filters.countries:
            others.append((country, n))
    others.sort(key=lambda pair: (-pair[1], pair[0].iso2))
    outlet_counts = counted(Article.outlet, "outlet", (Article, Article.id == Event.article_id))
    outlets = sorted(((o, n) for o, n in outlet_counts if o), key=lambda p: (-p[1], p[0]))
    kinds = sorted(counted(Event.kind, "kind"), key=lambda p: p[0], reverse=True)
    return Facets(
        speakers=speakers,
        csto=csto,
        other_countries=others,
        outlets=outlets,
        kinds=[(k, n) for k, n in kinds if n],
        capped=capped,
    )


def histogram(session: Session, filters: TimelineFilters) -> list[tuple[dt.date, int]]:
    """Stories per day (their date) under every filter but the dates."""
    key = ("story-histogram", _key(filters.replace(date_from=None, date_to=None)))
    return remembered(session, key, lambda: _histogram(session, filters))


def _histogram(session: Session, filters: TimelineFilters) -> list[tuple[dt.date, int]]:
    scope = story_tally.scope(filters, exclude={"date"})
    if scope is not None:
        rows = session.execute(
            select(StoryTally.value, func.sum(StoryTally.n))
            .where(*scope.rows("day", StoryTally))
            .group_by(StoryTally.value)
            .order_by(StoryTally.value)
        ).all()
    elif _search_capped(session, filters):
        return []
    else:
        rows = session.execute(
            select(Story.date_start, func.count(Story.id))
            .where(Story.date_start.is_not(None))
            .where(*where(filters, dialect=_dialect(session), exclude={"date"}))
            .group_by(Story.date_start)
            .order_by(Story.date_start)
        ).all()
    return [
        (day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10]), n)
        for day, n in rows
    ]


# -- the export -------------------------------------------------------------------------------


def iter_stories(session: Session, batch: int = 500) -> Iterator[StoryView]:
    """Every story in timeline order, ``batch`` at a time (bounded memory)."""
    after: Story | None = None
    filters = TimelineFilters()
    while True:
        statement = select(Story)
        if after is not None:
            statement = statement.where(
                _keyset(filters.replace(after=Cursor(after.date_start, after.id)))
            )
        rows = list(session.execute(statement.order_by(*_order(filters)).limit(batch)).scalars())
        if not rows:
            return
        yield from story_views(session, rows)
        after = rows[-1]
