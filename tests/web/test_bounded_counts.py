"""Counts no maintained tally serves (two filter dimensions or more) are bounded: facets count the
first FACET_CAP matches and say they are lower bounds; a total stops at TOTAL_CAP."""

from __future__ import annotations

from sqlmodel import Session

from app import queries
from app.filters import TimelineFilters


def test_combined_filter_facets_are_lower_bounds_past_the_cap(fixture_engine, monkeypatch):
    filters = TimelineFilters.from_query({"country": "KZ", "from": "2021-01-01"})
    with Session(fixture_engine) as session:
        exact = queries._facets(session, filters)
        assert not exact.capped
        monkeypatch.setattr(queries, "FACET_CAP", 1)
        bounded = queries._facets(session, filters)
    assert bounded.capped
    exact_kinds = dict(exact.kinds)
    for kind, n in bounded.kinds:
        assert n <= exact_kinds[kind]
    assert sum(n for _, n in bounded.kinds) < sum(exact_kinds.values())


def test_combined_filter_total_stops_at_the_cap(fixture_engine, monkeypatch):
    filters = TimelineFilters.from_query({"country": "KZ", "kind": "statement"})
    with Session(fixture_engine) as session:
        exact = queries._total(session, filters)
        assert exact >= 2
        monkeypatch.setattr(queries, "TOTAL_CAP", 1)
        assert queries._total(session, filters) == 2  # counted up to the cap + 1: "1+"
        page = queries.timeline_page(session, filters.replace(limit=1), count=False)
        assert len(page.views) == 1


def test_combined_filter_axis_counts_the_first_events_and_says_so(fixture_engine, monkeypatch):
    from app.web.axis import axis_caption, build_axis

    filters = TimelineFilters.from_query({"country": "KZ", "kind": "statement"})
    with Session(fixture_engine) as session:
        exact = queries._axis_counts(session, filters)
        assert not exact.capped and sum(n for *_, n in exact) >= 2
        monkeypatch.setattr(queries, "VIEW_CAP", 1)
        bounded = queries._axis_counts(session, filters)
    assert bounded.capped
    assert sum(n for *_, n in bounded) == 2  # the first cap + 1 events
    axis = build_axis(bounded, filters, "en")
    assert axis.capped == 1 and "the first 1 events" in axis_caption(axis, "en")
    assert build_axis(exact, filters, "en").capped is None


def test_single_filter_axis_and_strip_come_from_the_tally(fixture_engine, monkeypatch):
    """One filter dimension: the axis and the strip read event_tally and never count live
    (the live path would be capped at 0 events here)."""
    monkeypatch.setattr(queries, "VIEW_CAP", 0)
    with Session(fixture_engine) as session:
        for query in ({}, {"country": "KZ"}, {"speaker": "stanislav-zas"}, {"kind": "event"}):
            filters = TimelineFilters.from_query(query)
            axis = queries._axis_counts(session, filters)
            assert axis and not axis.capped, query
        assert queries._member_months(session, TimelineFilters.from_query({"kind": "event"}))


def test_combined_filter_facets_under_the_cap_are_the_exact_counts(fixture_engine):
    """A bounded facet reads its first FACET_CAP + 1 matches in one pass: under the cap its
    counts are every matching event's, facet by facet (each under the other filters)."""
    from sqlalchemy import select

    from app.models import Article, Event, EventCountry

    filters = TimelineFilters.from_query({"country": "KZ", "from": "2021-01-01"})
    with Session(fixture_engine) as session:
        facets = queries._facets(session, filters)
        rows = session.execute(
            select(Event.id, Event.kind, Event.speaker_id, Article.outlet)
            .join(Article, Article.id == Event.article_id)
            .where(*filters.where(counting=True))
        ).all()
        under_dates = session.execute(
            select(EventCountry.country, Event.id)
            .join(Event, Event.id == EventCountry.event_id)
            .where(*filters.where(exclude={"country"}, counting=True))
        ).all()
    assert not facets.capped and rows
    kinds: dict[str, int] = {}
    outlets: dict[str, int] = {}
    for _, kind, _, outlet in rows:
        kinds[kind] = kinds.get(kind, 0) + 1
        if outlet:
            outlets[outlet] = outlets.get(outlet, 0) + 1
    assert dict(facets.kinds) == kinds
    assert dict(facets.outlets) == outlets
    countries: dict[str, int] = {}
    for iso2, _ in under_dates:
        countries[iso2] = countries.get(iso2, 0) + 1
    listed = {c.iso2: n for c, n in [*facets.csto, *facets.other_countries] if n}
    assert listed == countries
