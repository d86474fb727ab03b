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
from collections import namedtuple
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, false, func, or_, select, union_all
from sqlmodel import Session

from app import queries
from app.cache import remembered
from app.filters import Cursor, TimelineFilters
from app.models import (
    Article,
    Event,
    EventCountry,
    Speaker,
    Story,
    StoryAlias,
    StoryTally,
)
from app.queries import SEARCH_CAP, EventView, Facets
from app.stories import tally as story_tally
from app.stories.versions import Disagreement, ReportFacts, disagreements

# a story as the timeline's page reads it (plain rows: see story_page)
_STORY_COLUMNS = tuple(Story.__table__.c)
ListedStory = namedtuple("ListedStory", [c.key for c in _STORY_COLUMNS])
_S = len(_STORY_COLUMNS)


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
    return _assemble(session, stories, found)


def _assemble(session: Session, stories: list[Story], found: list) -> list[StoryView]:
    """Story views from ``(Event, Article, Speaker)`` rows (+2 statements: countries, quotes)."""
    if not found:
        return []
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


def merged_into(session: Session, story_id: str) -> str | None:
    """The story a merged story's reports went to (app/stories/assign.py), if any."""
    alias = session.get(StoryAlias, story_id)
    return alias.story_id if alias else None


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
        clauses += filters.date_clauses(Story.date_start, Story.date_precision)
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
    """One keyset page of stories (the page token is ``DATE_STORYID``): the page's stories with
    their reports in 1 statement (the page as a subquery), + 2 for the related rows (+ the
    count, remembered)."""
    dialect = _dialect(session)
    capped = _search_capped(session, filters)
    matching = select(Story.id).where(
        *where(filters, dialect=dialect, search_limit=SEARCH_CAP if capped else None)
    )
    # the page as the events' pages are read (TimelineFilters.seeks): index seeks of
    # ix_story_order past the cursor, the dated stories then the undated, each stopping after a
    # page; one OR of the cases (_keyset) scanned every story before the cursor (perf)
    seeks = [
        select(matching.where(*clauses).order_by(*order).limit(filters.limit + 1).subquery().c.id)
        for clauses, order in filters.seeks(Story.date_start, Story.id, null_flag=True)
    ]
    page = (seeks[0] if len(seeks) == 1 else union_all(*seeks)).subquery()
    # plain rows (Core), not ORM instances: a card reads their columns only, and four ORM
    # objects per report (the article's ~5 KB text loaded with each) were a fifth of a fresh
    # stories page; the story page and the export keep the ORM reads (story_views)
    found = [
        (ListedStory._make(row[:_S]), *queries._split(row[_S:]))
        for row in session.connection().execute(
            queries._with_related(
                select(*_STORY_COLUMNS, *queries._listed().selected_columns)
                .select_from(Story)
                .join(page, page.c.id == Story.id)
                .join(Event, Event.story_id == Story.id)
            )
        )
    ]
    stories = _in_order(list({story.id: story for story, *_ in found}.values()), filters)
    more = len(stories) > filters.limit
    stories = stories[: filters.limit]
    kept = {story.id for story in stories}
    rows = [tuple(row[1:]) for row in found if row[0].id in kept]
    offset = queries.page_offset(filters)
    next_cursor = (
        Cursor(
            stories[-1].date_start,
            stories[-1].id,
            None if offset is None else offset + len(stories),
        )
        if more and stories
        else None
    )
    return StoryPage(
        views=_assemble(session, stories, rows),
        next_cursor=next_cursor,
        total=total(session, filters),
        capped=capped,
    )


def previous_cursor(session: Session, filters: TimelineFilters) -> tuple[bool, Cursor | None]:
    """Where the previous page of stories starts (see ``queries.previous_cursor``)."""
    clauses = where(filters, dialect=_dialect(session))
    return queries.previous_cursor(session, filters, table=Story, clauses=clauses)


def _in_order(stories: list[Story], filters: TimelineFilters) -> list[Story]:
    """The timeline's order (``_order``) in Python: dated by (day, id), undated last."""
    desc = filters.order == "desc"
    dated = sorted((s for s in stories if s.date_start), key=lambda s: (s.date_start, s.id),
                   reverse=desc)  # fmt: skip
    undated = sorted((s for s in stories if not s.date_start), key=lambda s: s.id, reverse=desc)
    return dated + undated


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
    # counting=True: countries as ``id IN (their event_country rows)``, and the story dates as
    # ``story_id IN (the stories in the bounds)``, so a count drives from those rows instead of
    # walking every event (tests/web/test_query_plans.py)
    clauses = filters.where(
        dialect=dialect,
        exclude={facet, "date"},
        search_limit=SEARCH_CAP if capped else None,
        counting=True,
    )
    if facet != "date" and (filters.date_from or filters.date_to):
        # the stories in the bounds, as an IN over ix_story_order (not a walk of every event),
        # with the whole-month/year rule of the date bounds
        dated = select(Story.id).where(
            Story.date_start.is_(None) == false(),
            *filters.date_clauses(Story.date_start, Story.date_precision),
        )
        clauses.append(Event.story_id.in_(dated))
    return clauses


def _facets(session: Session, filters: TimelineFilters) -> Facets:
    """Four statements, as for events: each from the story tally when exact, live otherwise."""
    dialect = _dialect(session)
    capped = _search_capped(session, filters)
    stories = func.count(func.distinct(Event.story_id))

    def live(statement, facet: str):
        return statement.join(Story, Story.id == Event.story_id).where(
            *_live(filters, dialect, facet, capped)
        )

    scope = story_tally.scope(filters, exclude={"speaker"})
    if scope is not None:
        n = func.sum(StoryTally.n)
        statement = (
            select(Speaker, n)
            .join(StoryTally, StoryTally.value == Speaker.id)
            .where(*scope.rows("speaker", StoryTally))
        )
    else:
        n = stories
        statement = live(
            select(Speaker, n).select_from(Event).join(Speaker, Speaker.id == Event.speaker_id),
            "speaker",
        )
    speakers = list(
        session.execute(statement.group_by(Speaker.id).order_by(n.desc(), Speaker.name_ar)).all()
    )

    scope = story_tally.scope(filters, exclude={"country"})
    if scope is not None:
        counts = (
            select(StoryTally.value.label("iso2"), func.sum(StoryTally.n).label("n"))
            .where(*scope.rows("country", StoryTally))
            .group_by(StoryTally.value)
            .subquery()
        )
    else:
        counts = (
            live(
                select(EventCountry.country.label("iso2"), stories.label("n"))
                .select_from(Event)
                .join(EventCountry, EventCountry.event_id == Event.id),
                "country",
            )
            .group_by(EventCountry.country)
            .subquery()
        )
    csto, others = queries.country_counts(session, filters, counts)

    def values(facet: str, column, join=None) -> list[tuple[str, int]]:
        scope = story_tally.scope(filters, exclude={facet})
        if scope is not None:
            n = func.sum(StoryTally.n)
            statement = (
                select(StoryTally.value, n)
                .where(*scope.rows(facet, StoryTally))
                .group_by(StoryTally.value)
            )
        else:
            statement = select(column, stories).select_from(Event)
            if join is not None:
                statement = statement.join(*join)
            statement = live(statement, facet).group_by(column)
        return [(value, count) for value, count in session.execute(statement).all() if value]

    outlets = sorted(
        values("outlet", Article.outlet, (Article, Article.id == Event.article_id)),
        key=lambda pair: (-pair[1], pair[0]),
    )
    kinds = sorted(values("kind", Event.kind), key=lambda pair: pair[0], reverse=True)
    # chosen values stay listed (and selected) at zero; an unknown speaker is a 404
    speakers, unknown = queries.keep_chosen_speakers(session, filters, speakers)
    return Facets(
        speakers=speakers,
        csto=csto,
        other_countries=others,
        outlets=queries.keep_chosen(outlets, filters.outlets),
        kinds=queries.keep_chosen(kinds, (filters.kind,) if filters.kind else ()),
        capped=capped,
        unknown_speakers=unknown,
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


@dataclass(frozen=True)
class StorySummary:
    """What an event's permalink says of its story: the story and who reported it."""

    story: Story
    reports: list[tuple[str, str | None, str | None, str]]  # event id, outlet, published, article

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(outlet for _, outlet, _, _ in self.reports if outlet))


def story_summary(session: Session, story_id: str | None) -> StorySummary | None:
    """The story of an event, for its permalink (1 statement; none when it has no story)."""
    if story_id is None:
        return None
    rows = session.execute(
        select(Story, Event.id, Article.outlet, Article.published, Article.id)
        .join(Event, Event.story_id == Story.id)
        .join(Article, Article.id == Event.article_id)
        .where(Story.id == story_id)
        .order_by(Article.published, Event.id)
    ).all()
    if not rows:
        return None
    return StorySummary(story=rows[0][0], reports=[tuple(r[1:]) for r in rows])
