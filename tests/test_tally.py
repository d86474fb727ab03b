"""The maintained counts (event_tally) equal live counts after adds, re-ingest updates and deletes,
on SQLite and PostgreSQL; and a search's first page is the same whichever plan serves it."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select
from sqlmodel import Session

from app import queries, tally
from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent, SpeakerRef
from app.filters import TimelineFilters
from app.models import Country, EventTally
from app.store import delete_article, save_article, sync_countries

SPEAKERS = [
    SpeakerRef(
        "سيرغي لافروف", "Sergey Lavrov", "وزير الخارجية", country="RU", slug="sergey-lavrov"
    ),
    SpeakerRef(
        "ستانيسلاف زاس", "Stanislav Zas", "الأمين العام", country="BY", slug="stanislav-zas"
    ),
    None,
]
COUNTRIES = [("KZ", True), ("RU", True), ("BY", True), ("AM", True), ("US", False)]


def _article(n: int, *, variant: int = 0) -> ArticleExtraction:
    """Article ``n``: a few events over speakers, days, countries and kinds; ``variant`` changes
    what a newer extractor finds (an event dropped, dates, countries, another outlet)."""
    sentences = [f"قال المسؤول رقم {n}-{i} إن الوضع مستقر في المنطقة." for i in range(4)]
    text = "\n".join(sentences)
    events = []
    position = 0
    for i, sentence in enumerate(sentences):
        start, position = position, position + len(sentence) + 1
        if variant and i == 3:
            continue  # the newer extractor drops this event
        day = f"2022-0{1 + (n + i + variant) % 3}-{10 + i:02d}" if (n + i) % 4 else None
        events.append(
            ExtractedEvent(
                kind="statement" if i % 2 == 0 else "event",
                start=start,
                end=start + len(sentence),
                text=sentence,
                date=_date(day, n + i) if day else None,
                speaker=SPEAKERS[(n + i + variant) % 3],
                countries=tuple(
                    iso2 for k, (iso2, _) in enumerate(COUNTRIES) if (n + i + k + variant) % 3 == 0
                ),
            )
        )
    outlet = ["TASS", "RT", None][(n + variant) % 3]
    return ArticleExtraction(text=text, outlet=outlet, events=tuple(events))


def _date(day: str, k: int) -> DateValue:
    """Mostly days; some dates known only to their month or their year (the axis draws them as
    bands, the member-state strip counts no year-dated event)."""
    if k % 5 == 0:
        return DateValue(day[:7], "month", "explicit")
    if k % 7 == 0:
        return DateValue(day[:4], "year", "explicit")
    return DateValue(day, "day", "explicit")


def _sync_countries(session) -> None:
    countries = [Country(iso2=c, name_ar=c, name_en=c, csto_member=m) for c, m in COUNTRIES]
    sync_countries(session, countries)


def _save(session, n: int) -> tuple:
    """Store article ``n`` as extractor version 1: (the article, added/updated/unchanged)."""
    return save_article(
        session, source_file=f"{n}.txt", extraction=_article(n), extractor_version="1"
    )


def _stored(session) -> Counter:
    rows = session.execute(select(EventTally)).scalars()
    return Counter({(r.by_dim, r.by_value, r.dim, r.value): r.n for r in rows})


FILTER_SETS = [
    {},
    {"speaker": "sergey-lavrov"},
    {"speaker": "sergey-lavrov,stanislav-zas"},
    {"country": "KZ"},
    {"outlet": "TASS"},
    {"kind": "event"},
    {"from": "2022-02-01", "to": "2022-03-31"},
    {"from": "2022-02"},
    # ranges ending inside a month or a year: the month- and year-dated events running past
    # them are left out, from the precision marks of the tally's days
    {"from": "2022-01-01", "to": "2022-02-15"},
    {"from": "2022-02", "to": "2022-02"},
    {"to": "2022-01-31", "speaker": "sergey-lavrov"},
    {"from": "2022-01-11", "to": "2022-03-11", "country": "KZ"},
    {"country": "KZ", "speaker": "stanislav-zas"},  # two dimensions: partly tallied, partly live
    {"country": "KZ,RU"},  # several countries: live
]


def _aggregates(session, params: dict) -> tuple:
    filters = TimelineFilters.from_query(params)
    facets = queries.facets(session, filters)
    return (
        queries.timeline_page(session, filters).total,
        [(s.id, n) for s, n in facets.speakers],
        [(c.iso2, n) for c, n in [*facets.csto, *facets.other_countries]],
        facets.outlets,
        facets.kinds,
        queries.histogram(session, filters),
        list(queries.axis_counts(session, filters)),
        queries.member_months(session, filters),
    )


def _check(session, monkeypatch) -> None:
    # the table as maintained equals a rebuild from the events
    maintained = _stored(session)
    tally.rebuild(session.connection())
    assert _stored(session) == maintained
    assert all(n > 0 for n in maintained.values())
    for params in FILTER_SETS:
        from_tally = _aggregates(session, params)
        with monkeypatch.context() as patched:
            patched.setattr(tally, "scope", lambda *args, **kwargs: None)  # every count live
            live = _aggregates(session, params)
        assert from_tally == live, params


def test_tallies_equal_live_counts_after_add_update_and_delete(engine, monkeypatch):
    with Session(engine) as session:
        _sync_countries(session)
        ids = []
        for n in range(6):
            article, outcome = _save(session, n)
            assert outcome == "added"
            ids.append(article.id)
        assert _stored(session)["", "", "", ""] == 6 * 4
        _check(session, monkeypatch)

        for n in (1, 4):  # a newer extractor: events dropped, moved, re-attributed; outlet changed
            extraction = _article(n, variant=1)
            updated = ArticleExtraction(
                text=_article(n).text, outlet=extraction.outlet, events=extraction.events
            )
            _, outcome = save_article(
                session, source_file=f"{n}.txt", extraction=updated, extractor_version="2"
            )
            assert outcome == "updated"
        assert _stored(session)["", "", "", ""] == 6 * 4 - 2
        _check(session, monkeypatch)

        assert delete_article(session, ids[2]) and not delete_article(session, ids[2])
        _check(session, monkeypatch)

        for article_id in ids[:2] + ids[3:]:
            delete_article(session, article_id)
        assert _stored(session) == Counter()


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize(
    "params",
    [{"q": "الوضع"}, {"q": "المسؤول مستقر", "kind": "event"}, {"q": "رقم", "from": "2022-02"}],
)
def test_a_search_pages_through_every_match_in_timeline_order(engine, order, params):
    """SQLite reads a search's matches from the full-text index in rowid (= timeline) order, page
    by page; the pages are exactly the matches sorted as the timeline sorts them."""
    with Session(engine) as session:
        _sync_countries(session)
        for n in range(8):
            _save(session, n)
        save_article(  # a re-ingest moves events between days: their search rows follow
            session,
            source_file="1.txt",
            extraction=ArticleExtraction(
                text=_article(1).text, outlet="RT", events=_article(1, variant=1).events
            ),
            extractor_version="2",
        )
        filters = TimelineFilters.from_query({**params, "order": order, "limit": "3"})
        expected = list(
            session.execute(
                select(queries.Event.id)
                .where(*filters.where(dialect=engine.dialect.name))
                .order_by(*filters.order_by())
            ).scalars()
        )
        assert len(expected) > 3
        seen = []
        while True:
            page = queries.timeline_page(session, filters)
            seen += [v.event.id for v in page.views]
            if page.next_cursor is None:
                break
            filters = filters.replace(after=page.next_cursor)
        assert seen == expected


def test_a_search_past_the_cap_shows_a_lower_bound(engine, monkeypatch):
    monkeypatch.setattr(queries, "SEARCH_CAP", 5)
    with Session(engine) as session:
        _sync_countries(session)
        for n in range(4):
            _save(session, n)
        filters = TimelineFilters(q="المسؤول", limit=3)
        page = queries.timeline_page(session, filters)
        assert page.capped and page.total == 5 and len(page.views) == 3
        everything = queries.timeline_page(session, TimelineFilters(limit=3))
        assert [v.event.id for v in page.views] == [v.event.id for v in everything.views]
        facets = queries.facets(session, filters)
        assert facets.capped and sum(n for _, n in facets.kinds) == 5
        assert queries.histogram(session, filters) == []
        small = queries.timeline_page(session, TimelineFilters(q="رقم 2-1"))
        assert not small.capped and 0 < small.total <= 5


def test_event_counts_read_any_date_range_from_the_tally_and_story_counts_do_not():
    """event_tally's days carry their precision (a range may end inside a month); story_tally's
    do not, so its counts serve only a range ending on 31 December."""
    inside = TimelineFilters.from_query({"from": "2022-01-01", "to": "2022-02-15"})
    whole = TimelineFilters.from_query({"from": "2022-01-01", "to": "2022-12-31"})
    scope = tally.scope(inside, marked_days=True)
    assert scope is not None and (scope.month_cut, scope.year_cut) == ("2022-01-01", "2021-01-01")
    assert tally.scope(inside) is None
    assert tally.scope(whole) is not None
    keys = dict(tally.event_keys(None, (), None, "event", "2022-02-01", "month"))
    assert keys["day"] == "2022-02-01m"
    assert dict(tally.event_keys(None, (), None, "event", "2022-02-01"))["day"] == "2022-02-01"
