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
