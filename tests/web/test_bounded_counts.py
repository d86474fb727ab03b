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
