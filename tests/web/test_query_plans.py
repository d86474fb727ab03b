"""Every view's SQL, as the app runs it, planned by SQLite: none may scan the ``event`` table.

The store runs no ANALYZE, so SQLite plans from the schema and the query alone: the plans seen on
this small fixture are the plans a million-event store gets. A scan of ``event`` (``SCAN event``,
with or without an index walked in full) is what made filtered pages cost O(events); each filter
must drive from an index that seeks to its rows. The one walk allowed is the unfiltered
timeline's first page, which reads the timeline-order index from its start and stops after a
page.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, text

# the unfiltered timeline reads ix_event_order from its start and stops after a page (LIMIT)
ALLOWED = {
    ("/", "SCAN event USING INDEX ix_event_order"),
    ("/?reports=all", "SCAN event USING INDEX ix_event_order"),
}

VIEWS = [
    "/",  # the stories timeline (one card per story)
    "/?reports=all",  # every report
    "/?reports=all&after={cursor}",
    "/?reports=all&country=KZ",
    "/?reports=all&country=KZ&country=RU",
    "/?reports=all&from=2022-01-01&to=2022-01-31",
    "/?reports=all&country=KZ&speaker=stanislav-zas&from=2022-01-01&to=2022-12-31",
    "/api/stories",
    "/?after={cursor}",
    "/?order=desc",
    "/?order=desc&after={cursor}",
    "/?country=KZ&order=desc",
    "/?country=KZ&order=desc&after={cursor}",
    "/?country=KZ&after=none_{japarov}",
    "/?after=none_{japarov}",
    "/?country=KZ",
    "/?country=KZ&after={cursor}",
    "/?country=KZ&country=RU",
    "/?speaker=stanislav-zas",
    "/?speaker=stanislav-zas&after={cursor}",
    "/?from=2022-01-01&to=2022-01-31",
    "/?from=2022-01-01&to=2022-01-31&after={cursor}",
    "/?q=الوضع",
    "/?country=KZ&speaker=stanislav-zas&from=2022-01-01&to=2022-12-31",
    "/?country=KZ&from=2022-01-01&to=2022-12-31",
    "/?country=KZ&country=RU&from=2022-01-01&to=2022-12-31&after={cursor}",
    "/?country=KZ&speaker=stanislav-zas",
    "/?outlet=TASS",
    "/?kind=statement&country=KZ",
    # two dimensions without a speaker: the axis and the strip counted live, bounded (VIEW_CAP)
    "/?reports=all&kind=statement&country=KZ",
    "/?reports=all&outlet=TASS&kind=event",
    "/?reports=all&speaker=stanislav-zas&outlet=TASS",
    "/?reports=all&from=2022-01-10&to=2022-02-15",  # a range ending mid-month: the tally
    "/api/events?country=KZ&speaker=stanislav-zas",
    "/events/{zas1}",
    "/speakers/stanislav-zas",
    "/countries/KZ",
]

_SCAN = re.compile(r"^SCAN event\b(?!_)")


@pytest.fixture
def recorded(fixture_engine):
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(fixture_engine, "before_cursor_execute", record)
    yield seen
    event.remove(fixture_engine, "before_cursor_execute", record)


def _plan(fixture_engine, sql: str, parameters) -> list[str]:
    with fixture_engine.connect() as conn:
        raw = conn.connection.driver_connection
        return [row[-1] for row in raw.execute(f"EXPLAIN QUERY PLAN {sql}", parameters)]


@pytest.mark.parametrize("template", VIEWS)
def test_no_view_scans_the_event_table(client, fixture_engine, recorded, ids, template):
    if fixture_engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plans")
    cursor = f"2022-01-10_{ids['zas1']}"
    url = template.format(cursor=cursor, **ids)
    recorded.clear()
    assert client.get(url).status_code == 200
    statements = list(recorded)
    assert statements
    path = url.split("?")[0] if "?" not in url or url.startswith("/?") is False else url
    scans = []
    for sql, parameters in statements:
        if sql.lstrip().upper().startswith(("PRAGMA", "INSERT", "UPDATE", "DELETE")):
            continue
        for step in _plan(fixture_engine, sql, parameters):
            if _SCAN.match(step) and (url, step) not in ALLOWED:
                scans.append((step, " ".join(sql.split())[:200]))
    assert not scans, (path, scans)


def test_the_plan_check_sees_a_scan(fixture_engine):
    """The check can fail: a filter on an unindexed column is planned as a scan of event."""
    with fixture_engine.connect() as conn:
        sql = "SELECT id FROM event WHERE text LIKE '%x%'"
        steps = [row[-1] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
    assert any(_SCAN.match(step) for step in steps)
