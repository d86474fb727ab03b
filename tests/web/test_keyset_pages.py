"""Keyset pages, walked to the end, list every event once in the timeline's order — across the
boundary between dated and undated events, in both orders, with and without a filter."""

from __future__ import annotations

import itertools

import pytest


def _walk(client, query: str, limit: int) -> list[str]:
    seen: list[str] = []
    url = f"/api/events?{query}&limit={limit}"
    while url:
        body = client.get(url.removeprefix("http://testserver")).json()
        seen += [e["id"] for e in body["events"]]
        url = body["next"]
    return seen


@pytest.mark.parametrize("query", ["", "order=desc", "country=KZ", "order=desc&country=KZ"])
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_pages_list_every_event_once_in_order(client, query, limit):
    whole = [e["id"] for e in client.get(f"/api/events?{query}&limit=200").json()["events"]]
    assert len(whole) > limit
    assert _walk(client, query, limit) == whole


def test_the_walk_crosses_into_undated_events(client, ids):
    """The fixture's last event is undated: a page that starts among the dated events ends
    among the undated ones (asc), and a newest-first walk still puts the undated last."""
    asc = _walk(client, "", 2)
    desc = _walk(client, "order=desc", 2)
    assert asc[-1] == ids["japarov"] and desc[-1] == ids["japarov"]
    assert desc[:-1] == list(reversed(asc[:-1]))


def _timeline(client, query: str = "") -> list[dict]:
    return client.get(f"/api/events?{query}&limit=200").json()["events"]


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize(
    "countries", [("KZ",), ("RU",), ("KZ", "RU"), ("AM", "KZ", "RU"), ("BY", "TJ")]
)
@pytest.mark.parametrize("limit", [1, 2, 200])
def test_country_pages_are_the_timeline_filtered_by_country(client, order, countries, limit):
    """Country pages are read from event_country (each country's own seek, merged): walked to
    the end they are the unfiltered timeline's events that name one of the countries, each
    once, in the same order — across dated and undated events."""
    expected = [
        e["id"]
        for e in _timeline(client, f"order={order}")
        if {c["iso2"] for c in e["countries"]} & set(countries)
    ]
    query = "&".join([f"order={order}", *(f"country={c}" for c in countries)])
    assert _walk(client, query, limit) == expected
    if len(countries) == 1:
        assert expected, countries  # the fixture has events naming each single country


def test_country_pages_keep_to_the_date_bounds(client):
    query = "from=2022-01-01&to=2022-01-31"
    expected = [
        e["id"]
        for e in _timeline(client, query)
        if {c["iso2"] for c in e["countries"]} & {"KZ", "RU"}
    ]
    assert expected
    assert _walk(client, f"{query}&country=KZ&country=RU", 2) == expected


@pytest.mark.parametrize(
    "query", [{}, {"order": "desc"}, {"country": "KZ"}, {"country": "KZ", "order": "desc"}]
)
def test_the_previous_page_link_opens_the_page_before(fixture_engine, query):
    """previous_cursor (two index seeks backwards from the cursor) names the cursor that opened
    the page before this one, across the dated/undated boundary, in both orders. Offsets are
    dropped so the first-page shortcut does not hide the seeks."""
    from dataclasses import replace

    from sqlmodel import Session

    from app import queries
    from app.filters import TimelineFilters

    base = TimelineFilters.from_query({**query, "reports": "all", "limit": "2"})
    with Session(fixture_engine) as session:
        opened = [None]  # the cursor each page was opened with
        page = queries.timeline_page(session, base, count=False)
        while page.next_cursor is not None:
            opened.append(replace(page.next_cursor, offset=None))
            page = queries.timeline_page(session, base.replace(after=opened[-1]), count=False)
        assert len(opened) >= 3
        for before, cursor in itertools.pairwise(opened):
            has, previous = queries.previous_cursor(session, base.replace(after=cursor))
            assert has
            if before is None:
                assert previous is None
            else:
                assert (previous.date_start, previous.event_id) == (
                    before.date_start,
                    before.event_id,
                )
