"""Every read the web app makes, in one place. Routes call these and render the result.

Each function runs a fixed number of SQL statements, however many events it returns: related
rows are fetched with one ``IN (...)`` query per table (see ``_views``), never per event.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict, namedtuple
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import (
    String,
    and_,
    bindparam,
    false,
    func,
    literal,
    null,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy import cast as sa_cast
from sqlalchemy import column as sa_column
from sqlalchemy import event as sa_event
from sqlalchemy import table as sa_table
from sqlmodel import Session

from app import tally
from app.cache import remembered
from app.filters import DEFAULT_LIMIT, Cursor, TimelineFilters
from app.fts import UNDATED_ROWID, fts_rowid
from app.models import Article, Country, Event, EventCountry, EventTally, Quote, Speaker

EXPORT_LIMIT = 10_000
# A search matching more events than this shows "1000+" and facet counts over its first 1000
# matches (lower bounds): counting or sorting every match of a common word takes seconds at 1M.
SEARCH_CAP = 1000
# Facet counts under two filter dimensions or more count at most this many matching events
# (lower bounds past it, shown "n+"): see _facets.
FACET_CAP = 2000
# A total no maintained count serves (two filter dimensions or more) is counted up to this.
TOTAL_CAP = 10_000


@dataclass(frozen=True)
class EventView:
    """An event with everything a card shows."""

    event: Event
    article: Article
    speaker: Speaker | None
    # rows with a Country's / a Quote's columns (iso2, name_ar, name_en, csto_member / id, text,
    # start, end), read as plain rows: nothing edits them
    countries: tuple[Any, ...]
    quotes: tuple[Any, ...]

    @property
    def role_ar(self) -> str | None:
        return self.event.speaker_role_ar or (self.speaker.role_ar if self.speaker else None)


@dataclass(frozen=True)
class Page:
    views: list[EventView]
    next_cursor: Cursor | None
    total: int
    capped: bool = False  # a search matching more than SEARCH_CAP events: total is a lower bound


class SpeakerName(NamedTuple):
    """A speaker as a facet lists it."""

    id: str
    name_ar: str
    name_en: str | None


class CountryName(NamedTuple):
    """A country as a facet lists it."""

    iso2: str
    name_ar: str
    name_en: str
    csto_member: bool


@dataclass(frozen=True)
class Facets:
    speakers: list[tuple[Speaker | SpeakerName, int]]
    csto: list[tuple[Country, int]]  # the members, always listed
    other_countries: list[tuple[Country, int]]  # others with at least one event
    outlets: list[tuple[str, int]]
    kinds: list[tuple[str, int]]
    # a search matching more than SEARCH_CAP events: counted over its first SEARCH_CAP matches,
    # so each count is a lower bound (shown "n+")
    capped: bool = False
    unknown_speakers: tuple[str, ...] = ()  # chosen speaker slugs that name nobody

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


def timeline_page(session: Session, filters: TimelineFilters, *, count: bool = True) -> Page:
    """One keyset page of events for the filters: 1 query (with the articles and speakers) + 2
    for the related rows (+1 count, remembered).

    On SQLite a search reads its matches from the full-text index in the timeline's order (the
    rows' ids are timeline positions: app.fts.fts_rowid) and stops after ``limit`` of them, so
    a word in a quarter of a million events costs what a rare one does; PostgreSQL's planner
    picks between the GIN index and the timeline-order index itself."""
    dialect = _dialect(session)
    if _fts_fast_path(filters, dialect):
        found = _search_rows(session, filters)
    elif filters.countries and not filters.speakers and not filters.search:
        found = _country_rows(session, filters, dialect)
    else:
        statement = _with_related(_listed().select_from(Event)).where(
            *filters.where(dialect=dialect)
        )
        found = []
        for clauses, order in filters.seeks():  # index seeks in turn until the page is full
            want = filters.limit + 1 - len(found)
            found += _read(session, statement.where(*clauses).order_by(*order).limit(want))
            if len(found) > filters.limit:
                break
    more = len(found) > filters.limit
    found = found[: filters.limit]
    rows = [event for event, _, _ in found]
    offset = page_offset(filters)
    next_cursor = (
        Cursor(rows[-1].date_start, rows[-1].id, None if offset is None else offset + len(rows))
        if more and rows
        else None
    )
    matched = total(session, filters) if count else None
    views = _views(
        session,
        rows,
        articles={article.id: article for _, article, _ in found},
        speakers={speaker.id: speaker for _, _, speaker in found if speaker is not None},
    )
    if matched is None:
        return Page(views=views, next_cursor=next_cursor, total=len(rows))
    cap = SEARCH_CAP if filters.search else TOTAL_CAP
    return Page(views=views, next_cursor=next_cursor, total=min(matched, cap), capped=matched > cap)


def _country_path(filters: TimelineFilters) -> bool:
    """One country, no speaker, no search: the page is read from event_country."""
    return len(filters.countries) == 1 and not filters.speakers and not filters.search


def _fts_fast_path(filters: TimelineFilters, dialect: str) -> bool:
    """A search on SQLite reads the full-text index in timeline order, unless the query also
    names a speaker (their events match too: the generic ``where`` ORs them in)."""
    return bool(filters.search) and dialect == "sqlite" and not filters.named_speakers


def page_offset(filters: TimelineFilters) -> int | None:
    """How many events come before this page (0 on the first; None for an old page token)."""
    return 0 if filters.after is None else filters.after.offset


def previous_cursor(
    session: Session, filters: TimelineFilters, *, table=Event, clauses: list | None = None
) -> tuple[bool, Cursor | None]:
    """Where the previous page starts: ``(False, None)`` on the first page, ``(True, None)``
    when the previous page is the first, else ``(True, cursor)``. One statement, an index walk
    backwards from the page's cursor over at most ``limit`` rows. ``table`` is ``event`` (its
    ``clauses`` the filters') or ``story`` (app/stories/queries.py passes its own)."""
    cursor = filters.after
    if cursor is None:
        return False, None
    if cursor.offset is not None and cursor.offset <= filters.limit:
        return True, None
    dialect = _dialect(session)
    columns = (table.date_start, table.id)
    base = select(*columns)
    if clauses is None and table is Event and _country_path(filters):
        # a country page's rows as the page reads them (_country_rows): event_country in the
        # timeline's order, so a rare country's deep page does not walk the whole timeline back
        ec = EventCountry
        columns = (ec.date_start, ec.event_id)
        base = select(*columns).select_from(ec).join(Event, Event.id == ec.event_id)
        clauses = [
            ec.country == filters.countries[0],
            *filters.where(dialect=dialect, exclude={"country", "date"}),
        ]
        if filters.date_from:
            clauses.append(ec.date_start >= filters.date_from)
        if filters.date_to:
            clauses.append(ec.date_start <= filters.date_to)
    if clauses is None:
        clauses = filters.where(dialect=dialect)
    day_col, key_col = columns
    day, row_id = cursor.date_start, cursor.event_id
    desc = filters.order == "desc"
    # rows before the cursor (inclusive of it: the cursor row is the previous page's last), in
    # the reverse of the page order; undated rows come last in both orders. Read as index
    # seeks, as the pages are (TimelineFilters.seeks): one OR of the dated and undated cases
    # walked the timeline from its end (tests/web/test_query_plans.py)
    # ``(date_start IS NULL) = 0`` too: the first column of the ``(date_start IS NULL,
    # date_start, id)`` indexes (ix_story_order has no other), so that they seek to the cursor;
    # without it a deep stories page scanned every story before it (1.3 s at 100k events)
    dated = and_(day_col.is_(None) == false(), day_col.is_not(None))
    undated = day_col.is_(None)
    up = [day_col, key_col]  # the reverse of a newest-first page
    down = [day_col.desc(), key_col.desc()]
    if day is None:  # every dated row comes before an undated cursor
        seeks = [
            (
                [undated, key_col >= row_id if desc else key_col <= row_id],
                [key_col] if desc else [key_col.desc()],
            ),
            ([dated], up if desc else down),
        ]
    else:
        position = tuple_(day_col, key_col)
        at = tuple_(literal(day, Event.date_start.type), literal(row_id))
        seeks = [([dated, position >= at if desc else position <= at], up if desc else down)]
    rows: list = []
    for extra, order in seeks:
        rows += session.execute(
            base.where(*clauses, *extra).order_by(*order).limit(filters.limit + 1 - len(rows))
        ).all()
        if len(rows) > filters.limit:
            break
    if len(rows) <= filters.limit:
        return True, None
    first_day, first_id = rows[filters.limit]
    if first_day is not None and not isinstance(first_day, dt.date):
        first_day = dt.date.fromisoformat(str(first_day)[:10])
    offset = None if cursor.offset is None else cursor.offset - filters.limit
    return True, Cursor(first_day, first_id, offset)


# A listing's rows, read as plain rows (Core), not ORM objects: a card only reads their columns,
# and building three ORM instances per row (identity map, instrumented attributes) was a tenth
# of a fresh page. A card shows its article's outlet and links to it, never its text: the
# article's text (~5 KB each) and the event's search key are not read at all.
_EVENT_COLUMNS = tuple(c for c in Event.__table__.c if c.key != "search_text")
_ARTICLE_COLUMNS = tuple(c for c in Article.__table__.c if c.key != "text")
_SPEAKER_COLUMNS = tuple(Speaker.__table__.c)
ListedEvent = namedtuple("ListedEvent", [c.key for c in _EVENT_COLUMNS])
ListedArticle = namedtuple("ListedArticle", [c.key for c in _ARTICLE_COLUMNS])
ListedSpeaker = namedtuple("ListedSpeaker", [c.key for c in _SPEAKER_COLUMNS])
_E, _A = len(_EVENT_COLUMNS), len(_EVENT_COLUMNS) + len(_ARTICLE_COLUMNS)
_SPEAKER_ID = _A + [c.key for c in _SPEAKER_COLUMNS].index("id")


def _listed():
    """``select`` of an event's, its article's and its speaker's columns (``_with_related``
    joins them; ``_split`` reads a row back as the three)."""
    return select(*_EVENT_COLUMNS, *_ARTICLE_COLUMNS, *_SPEAKER_COLUMNS)


def _with_related(statement):
    """The article and speaker of each event, joined (primary-key probes along the scan)."""
    return statement.join(Article, Article.id == Event.article_id).outerjoin(
        Speaker, Speaker.id == Event.speaker_id
    )


def _split(row) -> tuple[ListedEvent, ListedArticle, ListedSpeaker | None]:
    speaker = None if row[_SPEAKER_ID] is None else ListedSpeaker._make(row[_A:])
    return ListedEvent._make(row[:_E]), ListedArticle._make(row[_E:_A]), speaker


def _read(session: Session, statement) -> list[tuple]:
    return [_split(row) for row in session.execute(statement)]


def _country_rows(session: Session, filters: TimelineFilters, dialect: str) -> list:
    """A country page read from ``event_country`` in the timeline's order (its ``date_start``
    copy and ``ix_event_country_order``): seeks of that country's own rows that stop after a page,
    however rare the country. Several countries: the first ``limit + 1`` of each, merged (an
    event naming two of them is listed once). A speaker filter drives from the speaker's index
    instead (fewer rows: see ``timeline_page``)."""
    ec = EventCountry
    base = _with_related(_listed().select_from(ec).join(Event, Event.id == ec.event_id)).where(
        *filters.where(dialect=dialect, exclude={"country", "date"})
    )
    if filters.date_from:
        base = base.where(ec.date_start >= filters.date_from)
    if filters.date_to:
        base = base.where(ec.date_start <= filters.date_to)
    want = filters.limit + 1
    merged: dict[str, tuple] = {}
    for iso2 in filters.countries:
        found: list = []
        for clauses, order in filters.seeks(ec.date_start, ec.event_id, null_flag=True):
            statement = base.where(ec.country == iso2, *clauses).order_by(*order)
            found += _read(session, statement.limit(want - len(found)))
            if len(found) >= want:
                break
        for row in found:
            merged.setdefault(row[0].id, row)
    if len(filters.countries) == 1:
        return list(merged.values())
    desc = filters.order == "desc"
    dated = sorted(
        (r for r in merged.values() if r[0].date_start is not None),
        key=lambda r: (r[0].date_start, r[0].id),
        reverse=desc,
    )
    undated = sorted(
        (r for r in merged.values() if r[0].date_start is None),
        key=lambda r: r[0].id,
        reverse=desc,
    )
    return (dated + undated)[:want]


_FTS = sa_table("event_fts", sa_column("rowid"), sa_column("event_id"))


def _search_rows(session: Session, filters: TimelineFilters) -> list:
    """A search's page on SQLite: full-text matches in rowid (= timeline) order, the other
    filters checked on each, the keyset and date bounds as rowid ranges (one statement; two for
    a newest-first page that runs past the dated events into the undated ones)."""
    rowid = _FTS.c.rowid
    base = (
        _with_related(_listed().select_from(_FTS).join(Event, Event.id == _FTS.c.event_id))
        .where(text("event_fts MATCH :fts_query").bindparams(fts_query=filters.fts_query()))
        .where(*filters.where(dialect="sqlite", exclude={"q"}))
    )
    if filters.date_from:
        base = base.where(rowid >= fts_rowid(filters.date_from, "0" * 10))
    if filters.date_to:
        base = base.where(rowid <= fts_rowid(filters.date_to, "f" * 10))
    after = fts_rowid(filters.after.date_start, filters.after.event_id) if filters.after else None
    want = filters.limit + 1
    if filters.order != "desc":  # undated events (the highest ids) come last
        if after is not None:
            base = base.where(rowid > after)
        return _read(session, base.order_by(rowid).limit(want))
    # newest first, and still undated events last: the dated ones downwards, then the undated
    found: list = []
    if after is None or after < UNDATED_ROWID:
        dated = base.where(rowid < (after if after is not None else UNDATED_ROWID))
        found = _read(session, dated.order_by(rowid.desc()).limit(want))
    if len(found) < want:
        undated = base.where(rowid >= UNDATED_ROWID)
        if after is not None and after >= UNDATED_ROWID:
            undated = undated.where(rowid < after)
        found += _read(session, undated.order_by(rowid.desc()).limit(want - len(found)))
    return found


def total(session: Session, filters: TimelineFilters) -> int:
    """Events matching the filters (remembered): from the tally when one filter dimension or
    none is set; counted live otherwise, up to ``TOTAL_CAP + 1`` matches (a search: up to
    ``SEARCH_CAP + 1``)."""
    key = ("total", _aggregate_key(filters))
    memo = _request_memo(session)
    if key not in memo:  # the page, facets and histogram of a search share its capped count
        memo[key] = remembered(session, key, lambda: _total(session, filters))
    return memo[key]


def _request_memo(session: Session) -> dict:
    """Counts computed in this session's current transaction, forgotten when it writes or ends."""
    memo = session.info.get("csto_counts")
    if memo is None:
        memo = session.info["csto_counts"] = {}
        sa_event.listen(session, "after_transaction_end", lambda *_: memo.clear())
        sa_event.listen(
            session, "do_orm_execute", lambda state: None if state.is_select else memo.clear()
        )
    return memo


def _total(session: Session, filters: TimelineFilters) -> int:
    scope = tally.scope(filters, marked_days=True)
    if scope is not None:
        return session.execute(
            select(func.coalesce(func.sum(EventTally.n), 0)).where(*scope.rows(""))
        ).scalar_one()
    dialect = _dialect(session)
    where = filters.where(dialect=dialect, counting=True)
    if filters.search:  # up to SEARCH_CAP + 1: "1000+"
        if _fts_fast_path(filters, dialect):
            first = (
                select(_FTS.c.rowid)
                .join(Event, Event.id == _FTS.c.event_id)
                .where(text("event_fts MATCH :fts_query").bindparams(fts_query=filters.fts_query()))
                .where(*filters.where(dialect=dialect, exclude={"q"}, counting=True))
                .limit(SEARCH_CAP + 1)
                .subquery()
            )
        else:
            first = select(Event.id).where(*where).limit(SEARCH_CAP + 1).subquery()
        return session.execute(select(func.count()).select_from(first)).scalar_one()
    # two filter dimensions or more: counted live. The first FACET_CAP + 1 matches are read
    # once for the total and the facets of the dimensions not filtered on (``first_matches``);
    # past them, counted up to TOTAL_CAP + 1 ("10000+")
    matched = first_matches(session, filters).matched
    if matched <= FACET_CAP:  # all of them: as counted up to TOTAL_CAP + 1
        return min(matched, TOTAL_CAP + 1)
    first = select(Event.id).where(*where).limit(TOTAL_CAP + 1).subquery()
    return session.execute(select(func.count()).select_from(first)).scalar_one()


# the facets a filter set's own first matches can count: those of a dimension it does not filter
# on (a facet counts under the *other* filters: here, all of them)
_SINGLE_VALUED = ("speaker", "outlet", "kind")


@dataclass(frozen=True)
class FirstMatches:
    """The first ``FACET_CAP + 1`` events matching a filter set of two dimensions or more,
    counted: how many (``matched``), and per speaker / outlet / kind for each of those
    dimensions the filters leave free (``facets[dim]``: ``(value, names…, n)`` rows in the
    facet's order)."""

    matched: int
    facets: dict[str, list[tuple]]


def first_matches(session: Session, filters: TimelineFilters) -> FirstMatches:
    """One statement for what a combined filter's total and its free facets count (it was
    one statement each, over the same matches): remembered as the other aggregates are."""
    key = ("first", FACET_CAP, _aggregate_key(filters))  # the cap: what was counted
    memo = _request_memo(session)
    if key not in memo:
        memo[key] = remembered(session, key, lambda: _first_matches(session, filters))
    return memo[key]


def _free_dims(filters: TimelineFilters) -> list[str]:
    chosen = {"speaker": filters.speakers, "outlet": filters.outlets, "kind": filters.kind}
    return [dim for dim in _SINGLE_VALUED if not chosen[dim]]


def _first_matches(session: Session, filters: TimelineFilters) -> FirstMatches:
    where = filters.where(dialect=_dialect(session), counting=True)
    first = (
        select(Event.id, Event.speaker_id, Event.article_id, Event.kind)
        .where(*where)
        .limit(FACET_CAP + 1)
        .cte("first_matches")
    )
    n = func.count()
    nothing = sa_cast(null(), String)
    # each part ranked in SQL (its ORDER BY, the database's collation), read back in that order
    parts = [
        select(
            literal("matched").label("dim"),
            nothing.label("value"),
            nothing.label("name_ar"),
            nothing.label("name_en"),
            n.label("n"),
            literal(0).label("rank"),
        ).select_from(first)
    ]
    dims = _free_dims(filters)
    if "speaker" in dims:
        parts.append(
            select(
                literal("speaker"),
                Speaker.id,
                Speaker.name_ar,
                Speaker.name_en,
                n,
                func.row_number().over(order_by=(n.desc(), Speaker.name_ar)),
            )
            .select_from(first)
            .join(Speaker, Speaker.id == first.c.speaker_id)
            .group_by(Speaker.id, Speaker.name_ar, Speaker.name_en)
        )
    if "outlet" in dims:
        parts.append(
            select(
                literal("outlet"),
                Article.outlet,
                nothing,
                nothing,
                n,
                func.row_number().over(order_by=(n.desc(), Article.outlet)),
            )
            .select_from(first)
            .join(Article, Article.id == first.c.article_id)
            .where(Article.outlet.is_not(None))
            .group_by(Article.outlet)
        )
    if "kind" in dims:
        parts.append(
            select(
                literal("kind"),
                first.c.kind,
                nothing,
                nothing,
                n,
                func.row_number().over(order_by=first.c.kind.desc()),
            )
            .select_from(first)
            .group_by(first.c.kind)
        )
    matched = 0
    facets: dict[str, list[tuple]] = {dim: [] for dim in dims}
    rows = session.execute(union_all(*parts)).all() if len(parts) > 1 else None
    if rows is None:
        rows = session.execute(parts[0]).all()
    for dim, value, name_ar, name_en, count, _rank in sorted(rows, key=lambda r: (r[0], r[5])):
        if dim == "matched":
            matched = count
        else:
            facets[dim].append((value, name_ar, name_en, count))
    return FirstMatches(matched=matched, facets=facets)


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
    """Counts for each filter's choices under the *other* filters: four queries, each over the
    tally (app/tally.py) when those other filters span one dimension or none, live otherwise. A
    search matching more than ``SEARCH_CAP`` events counts its first ``SEARCH_CAP`` matches."""
    dialect = _dialect(session)
    # bounded when the words alone match more than SEARCH_CAP events (a cheap capped count)
    capped = bool(filters.search) and total(session, TimelineFilters(q=filters.q)) > SEARCH_CAP
    bounded: list[bool] = []

    def search_where(facet: str) -> list:
        return filters.where(
            dialect=dialect,
            exclude={facet},
            search_limit=SEARCH_CAP if capped else None,
            counting=True,
        )

    def first(facet: str, *columns):
        """Filters over two dimensions or more: no maintained count serves them, and counting
        every match (a country over a date range: hundreds of thousands of events at 1M) is
        what made a combined filter take seconds. Count the first FACET_CAP + 1 matches
        instead, and say the counts are lower bounds when there are more (as Datasette
        truncates its facets), so a page never pays for an unbounded aggregate.

        The first matches with the ``columns`` the facet groups by, and how many they are
        (``matched``, the same on every row, FACET_CAP + 1 at most): one pass over them. (The
        count used to be a scalar subquery of its own and the events were probed again by id
        for the grouping: two more passes, 22 ms of a combined page's speaker facet.)"""
        clauses = filters.where(dialect=dialect, exclude={facet}, counting=True)
        rows = select(Event.id, *columns).where(*clauses).limit(FACET_CAP + 1).subquery()
        return select(rows, func.count().over().label("matched")).subquery()

    def over(rows, facet: str) -> None:
        bounded.append(bool(rows) and rows[0][-1] > FACET_CAP)

    free = _free_dims(filters)

    def shared(facet: str) -> list[tuple] | None:
        """A free facet of a live filter set: counted over the filter set's own first matches,
        with its total (``first_matches``): ``(value, name_ar, name_en, n, matched)`` rows."""
        if facet not in free or filters.search:
            return None
        found = first_matches(session, filters)
        return [(*row, found.matched) for row in found.facets[facet]]

    # the speakers as plain (id, names) rows: a facet lists every speaker (hundreds), and an ORM
    # object each was most of this statement's cost
    names = (Speaker.id, Speaker.name_ar, Speaker.name_en)
    scope = tally.scope(filters, exclude={"speaker"}, marked_days=True)
    found = shared("speaker") if scope is None else None
    if found is not None:
        pass
    elif scope is not None:
        n = func.sum(EventTally.n)
        statement = (
            select(*names, n, literal(0))
            .join(EventTally, EventTally.value == Speaker.id)
            .where(*scope.rows("speaker"))
            .group_by(Speaker.id)
        )
    elif filters.search:
        n = func.count(Event.id)
        statement = (
            select(*names, n, literal(0))
            .join(Event, Event.speaker_id == Speaker.id)
            .where(*search_where("speaker"))
            .group_by(Speaker.id)
        )
    else:
        rows = first("speaker", Event.speaker_id)
        n = func.count()
        statement = (
            select(*names, n, func.max(rows.c.matched))
            .select_from(rows)
            .join(Speaker, Speaker.id == rows.c.speaker_id)
            .group_by(Speaker.id)
        )
    if found is None:
        rows = session.execute(statement.order_by(n.desc(), Speaker.name_ar)).all()
    else:
        rows = found
    over(rows, "speaker")
    speakers = [
        (SpeakerName(slug, name_ar, name_en), count) for slug, name_ar, name_en, count, _ in rows
    ]
    speakers, unknown = keep_chosen_speakers(session, filters, speakers)

    scope = tally.scope(filters, exclude={"country"}, marked_days=True)
    if scope is not None:
        counts = (
            select(EventTally.value.label("iso2"), func.sum(EventTally.n).label("n"))
            .where(*scope.rows("country"))
            .group_by(EventTally.value)
            .subquery()
        )
    elif filters.search:
        counts = (
            select(
                EventCountry.country.label("iso2"),
                func.count(Event.id).label("n"),
                literal(0).label("matched"),
            )
            .join(Event, Event.id == EventCountry.event_id)
            .where(*search_where("country"))
            .group_by(EventCountry.country)
            .subquery()
        )
    else:
        rows = first("country")
        counts = (
            select(
                EventCountry.country.label("iso2"),
                func.count().label("n"),
                func.max(rows.c.matched).label("matched"),
            )
            .select_from(rows)
            .join(EventCountry, EventCountry.event_id == rows.c.id)
            .group_by(EventCountry.country)
            .subquery()
        )
    csto, others = country_counts(session, filters, counts, bounded=bounded)

    scope = tally.scope(filters, exclude={"outlet"}, marked_days=True)
    found = shared("outlet") if scope is None else None
    if found is not None:
        pass
    elif scope is not None:
        n = func.sum(EventTally.n)
        statement = (
            select(EventTally.value, n, literal(0))
            .where(*scope.rows("outlet"))
            .group_by(EventTally.value)
            .order_by(n.desc(), EventTally.value)
        )
    elif filters.search:
        n = func.count(Event.id)
        statement = (
            select(Article.outlet, n, literal(0))
            .join(Event, Event.article_id == Article.id)
            .where(Article.outlet.is_not(None))
            .where(*search_where("outlet"))
            .group_by(Article.outlet)
            .order_by(n.desc(), Article.outlet)
        )
    else:
        rows = first("outlet", Event.article_id)
        n = func.count()
        statement = (
            select(Article.outlet, n, func.max(rows.c.matched))
            .select_from(rows)
            .join(Article, Article.id == rows.c.article_id)
            .where(Article.outlet.is_not(None))
            .group_by(Article.outlet)
            .order_by(n.desc(), Article.outlet)
        )
    if found is None:
        rows = session.execute(statement).all()
    else:
        rows = [(outlet, count, matched) for outlet, _, _, count, matched in found]
    over(rows, "outlet")
    outlets = keep_chosen([(outlet, count) for outlet, count, _ in rows], filters.outlets)

    scope = tally.scope(filters, exclude={"kind"}, marked_days=True)
    found = shared("kind") if scope is None else None
    if found is not None:
        pass
    elif scope is not None:
        statement = (
            select(EventTally.value, func.sum(EventTally.n), literal(0))
            .where(*scope.rows("kind"))
            .group_by(EventTally.value)
            .order_by(EventTally.value.desc())
        )
    elif filters.search:
        statement = (
            select(Event.kind, func.count(Event.id), literal(0))
            .where(*search_where("kind"))
            .group_by(Event.kind)
            .order_by(Event.kind.desc())
        )
    else:
        rows = first("kind", Event.kind)
        statement = (
            select(rows.c.kind, func.count(), func.max(rows.c.matched))
            .group_by(rows.c.kind)
            .order_by(rows.c.kind.desc())
        )
    if found is None:
        rows = session.execute(statement).all()
    else:
        rows = [(kind, count, matched) for kind, _, _, count, matched in found]
    over(rows, "kind")
    kinds = keep_chosen(
        [(kind, count) for kind, count, _ in rows], (filters.kind,) if filters.kind else ()
    )
    return Facets(
        speakers=speakers,
        csto=csto,
        other_countries=others,
        outlets=outlets,
        kinds=kinds,
        capped=capped or any(bounded),
        unknown_speakers=unknown,
    )


def country_counts(
    session: Session, filters: TimelineFilters, counts, *, bounded: list | None = None
) -> tuple[list[tuple[Country, int]], list[tuple[Country, int]]]:
    """The country facet from a ``(iso2, n)`` subquery: the CSTO members always (in code order),
    then the other countries with a count or chosen, most counted first. A ``matched`` column
    of ``counts`` (events counted over, up to FACET_CAP + 1) appends to ``bounded`` whether the
    counts are lower bounds."""
    matched = counts.c.get("matched")
    csto: list[tuple[Country, int]] = []
    others: list[tuple[Country, int]] = []
    # plain rows (CountryName): a facet only reads the names, and an ORM object per country
    # was most of the statement's cost
    most = 0
    for iso2, name_ar, name_en, member, count, seen in session.execute(
        select(
            Country.iso2,
            Country.name_ar,
            Country.name_en,
            Country.csto_member,
            func.coalesce(counts.c.n, 0),
            func.coalesce(matched, 0) if matched is not None else literal(0),
        )
        .outerjoin(counts, counts.c.iso2 == Country.iso2)
        # only the rows listed below (a speaker's events name a few of the ~250 countries)
        .where(
            or_(
                counts.c.n.is_not(None),
                Country.csto_member.is_(True),
                Country.iso2.in_(filters.countries),
            )
        )
        .order_by(Country.iso2)
    ).all():
        most = max(most, seen)
        country = CountryName(iso2, name_ar, name_en, bool(member))
        if country.csto_member:
            csto.append((country, count))
        elif count or country.iso2 in filters.countries:
            others.append((country, count))
    others.sort(key=lambda pair: (-pair[1], pair[0].iso2))
    if bounded is not None and matched is not None:
        bounded.append(most > FACET_CAP)
    return csto, others


def keep_chosen(counts: list[tuple[str, int]], chosen: Sequence[str]) -> list[tuple[str, int]]:
    """A facet's ``(value, count)`` list with each chosen value kept, at zero when the other
    filters leave it nothing: a selected value never vanishes from its control."""
    listed = {value for value, _ in counts}
    return counts + [(value, 0) for value in chosen if value not in listed]


def keep_chosen_speakers(
    session: Session, filters: TimelineFilters, speakers: list[tuple[Speaker, int]]
) -> tuple[list[tuple[Speaker, int]], tuple[str, ...]]:
    """The speaker facet with each chosen speaker kept at zero, and the chosen slugs that name
    nobody (a 404). One more statement, only when a chosen speaker has no count."""
    missing = set(filters.speakers) - {speaker.id for speaker, _ in speakers}
    if not missing:
        return speakers, ()
    found = {
        s.id: s for s in session.execute(select(Speaker).where(Speaker.id.in_(missing))).scalars()
    }
    kept = speakers + [(found[slug], 0) for slug in filters.speakers if slug in found]
    return kept, tuple(slug for slug in filters.speakers if slug in missing and slug not in found)


def histogram(session: Session, filters: TimelineFilters) -> list[tuple[dt.date, int]]:
    """Events per day under every filter but the dates (so each bar can narrow to its day).
    Empty for a search matching more than ``SEARCH_CAP`` events (its days are not counted)."""
    key = ("histogram", _aggregate_key(filters.replace(date_from=None, date_to=None)))
    return remembered(session, key, lambda: _histogram(session, filters))


def _histogram(session: Session, filters: TimelineFilters) -> list[tuple[dt.date, int]]:
    scope = tally.scope(filters, exclude={"date"}, marked_days=True)
    if scope is not None:
        rows = session.execute(
            select(EventTally.value, func.sum(EventTally.n))
            .where(*scope.rows("day"))
            .group_by(EventTally.value)
            .order_by(EventTally.value)
        ).all()
    elif filters.search and total(session, TimelineFilters(q=filters.q)) > SEARCH_CAP:
        return []
    else:
        rows = session.execute(
            select(Event.date_start, func.count(Event.id))
            .where(Event.date_start.is_not(None))
            .where(*filters.where(dialect=_dialect(session), exclude={"date"}, counting=True))
            .group_by(Event.date_start)
            .order_by(Event.date_start)
        ).all()
    # a day's tally values are marked by precision (app.tally.DAY_MARKS): summed per day
    days: dict[dt.date, int] = {}
    for day, n in rows:
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
        days[day] = days.get(day, 0) + n
    return list(days.items())


# -- single things ----------------------------------------------------------------------------


def event_by_id(session: Session, event_id: str) -> EventView | None:
    """The event with its article (text included: the permalink shows its paragraph) and
    speaker in one statement, + 2 for its countries and quotes."""
    row = session.execute(
        select(Event, Article, Speaker)
        .join(Article, Article.id == Event.article_id)
        .outerjoin(Speaker, Speaker.id == Event.speaker_id)
        .where(Event.id == event_id)
    ).first()
    if row is None:
        return None
    event, article, speaker = row
    speakers = {speaker.id: speaker} if speaker is not None else {}
    return _views(session, [event], articles={article.id: article}, speakers=speakers)[0]


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
    return _views(session, list(rows), speakers={view.speaker.id: view.speaker})  # the same


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


CountryRow = namedtuple("CountryRow", "event_id iso2 name_ar name_en csto_member")
QuoteRow = namedtuple("QuoteRow", "id event_id text start end")


def _country_row(row) -> CountryRow:
    event_id, iso2, name_ar, name_en, member = row
    return CountryRow(event_id, iso2, name_ar, name_en, bool(member))  # SQLite's 0/1


def _params(n: int) -> list:
    return [bindparam(f"v{i}") for i in range(n)]


def _countries_of(n: int):
    return (
        select(
            EventCountry.event_id,
            Country.iso2,
            Country.name_ar,
            Country.name_en,
            Country.csto_member,
        )
        .join(Country, Country.iso2 == EventCountry.country)
        .where(EventCountry.event_id.in_(_params(n)))
        .order_by(Country.csto_member.desc(), Country.iso2)
    )


def _quotes_of(n: int):
    return (
        select(Quote.id, Quote.event_id, Quote.text, Quote.start, Quote.end)
        .where(Quote.event_id.in_(_params(n)))
        .order_by(Quote.start)
    )


_DRIVER_SQL: dict[tuple, tuple[str, list[int] | None]] = {}


def _driver_rows(session: Session, key: tuple, build, values: Sequence, make) -> list:
    """The rows (``make(row)`` each) of a statement whose shape depends on ``key`` only (its
    values are the ``v0``, ``v1``, … parameters, ``values`` in order): ``build(len(values))``
    is compiled once per key and dialect and run as its SQL with the values (through
    ``exec_driver_sql``: the statement events still see it), so a card's countries and quotes
    pay neither SQLAlchemy's statement building nor its per-execution caching and parameter
    processing (~0.3 ms a statement, most of their cost). Only for columns whose driver values
    need no conversion (``make`` does what there is)."""
    connection = session.connection()
    dialect = connection.dialect
    compiled = _DRIVER_SQL.get((dialect.name, key))
    if compiled is None:
        statement = build(len(values)).compile(dialect=dialect)
        order = None
        if statement.positional:
            order = [int(name[1:]) for name in statement.positiontup]
        compiled = (str(statement), order)
        if len(_DRIVER_SQL) > 1024:
            _DRIVER_SQL.clear()
        _DRIVER_SQL[dialect.name, key] = compiled
    sql, order = compiled
    if order is None:
        params: Any = {f"v{i}": value for i, value in enumerate(values)}
    else:
        params = tuple(values[i] for i in order)
    return [make(row) for row in connection.exec_driver_sql(sql, params)]


def _views(
    session: Session,
    events: list[Event],
    *,
    articles: dict[str, Article] | None = None,
    speakers: dict[str, Speaker] | None = None,
) -> list[EventView]:
    """The events with their related rows (``articles`` / ``speakers`` when already fetched)."""
    if not events:
        return []
    ids = [e.id for e in events]
    if articles is None:
        articles = {
            a.id: a
            for a in session.execute(
                select(Article).where(Article.id.in_({e.article_id for e in events}))
            ).scalars()
        }
    if speakers is None:
        speaker_ids = {e.speaker_id for e in events if e.speaker_id}
        speakers = {  # queried even when empty: the statement count does not depend on the rows
            s.id: s
            for s in session.execute(select(Speaker).where(Speaker.id.in_(speaker_ids))).scalars()
        }
    # countries and quotes as plain rows: a card only reads their columns, and building an ORM
    # object per row was most of these two statements' cost; their SQL is compiled once per
    # number of events (``_driver_rows``)
    countries: dict[str, list] = defaultdict(list)
    for row in _driver_rows(session, ("countries", len(ids)), _countries_of, ids, _country_row):
        countries[row.event_id].append(row)
    quotes: dict[str, list] = defaultdict(list)
    for quote in _driver_rows(session, ("quotes", len(ids)), _quotes_of, ids, QuoteRow._make):
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


# -- the time axis and the member-state strip ------------------------------------------------


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def axis_counts(session: Session, filters: TimelineFilters) -> AxisCounts:
    """``(first day, precision, kind, n)`` of the dated events under every filter but the dates
    (the axis shows the chosen range inside the whole), remembered until the data changes.
    Empty for a search matching more than ``SEARCH_CAP`` events."""
    key = ("axis", _aggregate_key(filters.replace(date_from=None, date_to=None)))
    return remembered(session, key, lambda: _axis_counts(session, filters))


class AxisCounts(list):
    """The axis' ``(first day, precision, kind, n)`` rows; ``capped``: counted over the first
    ``VIEW_CAP`` matching events only (two filter dimensions or more: no tally serves them)."""

    capped: bool = False
    cap: int = 0
    in_day_order = True  # sorted by first day (app/web/axis.py bisects them)


# The axis and the strip under two filter dimensions or more (no tally row serves them) count
# at most this many matching events, so that a combined filter never pays for an unbounded
# aggregate; the axis then says that it shows the first ones.
VIEW_CAP = 5000


def _capped_search(session: Session, filters: TimelineFilters) -> bool:
    return bool(filters.search) and total(session, TimelineFilters(q=filters.q)) > SEARCH_CAP


def _tallied(session: Session, scope: tally.Scope, dim: str, *extra) -> list[tuple[str, int]]:
    """``(value, n)`` of a counted-only tally dimension under ``scope``, summed over its
    filter's values: one index range of ``event_tally``."""
    return session.execute(
        select(EventTally.value, func.sum(EventTally.n))
        .where(*scope.rows(dim), *extra)
        .group_by(EventTally.value)
        .order_by(EventTally.value)  # the index's order: an axis value starts with its day
    ).all()


def _live_driver(filters: TimelineFilters, exclude: set[str], dialect: str) -> list:
    """The filters' clauses for a bounded live count: a speaker filter drives from the
    speaker's index (its events probed for the rest); otherwise the countries as an ``IN`` over
    ``event_country`` (``counting``), so no aggregate walks the whole timeline."""
    counting = not filters.speakers or "speaker" in exclude
    return filters.where(dialect=dialect, exclude=exclude, counting=counting)


def _axis_counts(session: Session, filters: TimelineFilters) -> AxisCounts:
    out = AxisCounts()
    if _capped_search(session, filters):
        return out
    scope = tally.scope(filters, exclude={"date"}, marked_days=True)
    if scope is not None:
        day = dt.date.fromisoformat
        for value, n in _tallied(session, scope, "axis"):
            first, precision, kind = value.split("|")
            out.append((day(first), precision, kind, n))
        return out  # in day order (ordered by value)
    where = _live_driver(filters, {"date"}, _dialect(session))
    first = (
        select(Event.date_start, Event.date_precision, Event.kind)
        .where(Event.date_start.is_not(None), *where)
        .limit(VIEW_CAP + 1)
        .subquery()
    )
    n = func.count()
    rows = session.execute(
        select(first.c.date_start, first.c.date_precision, first.c.kind, n)
        .group_by(first.c.date_start, first.c.date_precision, first.c.kind)
        .order_by(first.c.date_start)
    ).all()
    out.extend(
        (_as_date(day), precision or "day", kind, count) for day, precision, kind, count in rows
    )
    out.capped, out.cap = sum(row[3] for row in out) > VIEW_CAP, VIEW_CAP
    return out


def member_months(session: Session, filters: TimelineFilters) -> dict[tuple[str, str], int]:
    """``{(iso2, "YYYY-MM"): n}``: events about each CSTO member state per month, under every
    filter but the countries and dates; day- and month-precision events only (a year-dated
    event belongs to no month). Remembered until the data changes."""
    key = ("members", _aggregate_key(filters.replace(countries=(), date_from=None, date_to=None)))
    return remembered(session, key, lambda: _member_months(session, filters))


def _member_months(session: Session, filters: TimelineFilters) -> dict[tuple[str, str], int]:
    if _capped_search(session, filters):
        return {}
    members = select(Country.iso2).where(Country.csto_member.is_(True))
    scope = tally.scope(filters, exclude={"country", "date"}, marked_days=True)
    if scope is not None:
        rows = _tallied(session, scope, "cmonth", func.substr(EventTally.value, 1, 2).in_(members))
        out: dict[tuple[str, str], int] = {}
        for value, n in rows:
            iso2, month = value.split("|")
            out[iso2, month] = n
        return out
    first = (
        select(EventCountry.country, Event.date_start)
        .join(Event, Event.id == EventCountry.event_id)
        .where(EventCountry.country.in_(members))
        .where(Event.date_start.is_not(None))
        .where(or_(Event.date_precision.is_(None), Event.date_precision != "year"))
        .where(*_live_driver(filters, {"country", "date"}, _dialect(session)))
        .limit(VIEW_CAP + 1)
        .subquery()
    )
    rows = session.execute(
        select(first.c.country, first.c.date_start, func.count()).group_by(
            first.c.country, first.c.date_start
        )
    ).all()
    months: dict[tuple[str, str], int] = defaultdict(int)
    for iso2, day, count in rows:
        months[iso2, _as_date(day).strftime("%Y-%m")] += count
    return dict(months)
