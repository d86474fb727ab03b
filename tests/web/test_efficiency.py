"""A page runs a small fixed number of SQL statements, however many events it shows, and the
timeline page (HTML + CSS + JS) stays under 128 KB before compression.

The budget was 100 KB; it was raised for the second pass of the explorer: htmx alone is 51 KB,
and the page now carries a real time axis (server-rendered SVG, ~8 KB for this fixture's year),
the member-state × month strip (~9 KB: 4 states × 12 months of cells; at most 36 columns, years
past that) and, per card, the who-said-it lead-in and the visible outlet and publication date
(~2 KB a card, 15 cards)."""

from __future__ import annotations

import re

import pytest

# (url template, the most statements it may run); the timeline's time axis replaced the
# histogram (no longer computed for the page), the member-state strip adds one, and a speaker's or a
# country's page now draws its own time axis (one)
# ``/`` lists stories (one card per story), ``reports=all`` every report; {cursor} is a keyset
# token from the middle of the fixture's timeline. The axis and the strip read event_tally
# (migration 0011); a facet no tally serves (a combined filter, a date range, several countries)
# is one statement that also says whether it was capped (no count of its own: 14 → 10); the
# total and the facets of the dimensions a combined filter leaves free are one statement over its
# first matches (queries.first_matches: 10 → 8).
BOUNDS = [
    ("/", 10),
    ("/?after={cursor}", 11),
    ("/?country=KZ&country=RU&speaker=stanislav-zas&q=الوضع&from=2022-01-01", 11),
    ("/?country=KZ", 10),
    ("/?country=KZ&speaker=stanislav-zas&from=2022-01-01&to=2022-12-31", 10),
    ("/?reports=all", 10),
    ("/?reports=all&after={cursor}", 12),
    ("/?reports=all&order=desc&after={cursor}", 12),
    ("/?reports=all&country=KZ", 10),
    ("/?reports=all&country=KZ&after={cursor}", 12),
    ("/?reports=all&country=KZ&country=RU", 8),
    ("/?reports=all&speaker=stanislav-zas&after={cursor}", 12),
    ("/?reports=all&from=2022-01-01&to=2022-01-31", 10),
    ("/?reports=all&q=الوضع", 11),
    ("/?reports=all&country=KZ&speaker=stanislav-zas&from=2022-01-01&to=2022-12-31", 8),
    ("/api/stories", 4),
    ("/api/events?country=KZ&after={cursor}", 6),
    ("/events/{zas1}", 8),  # + its story's outlets (app/stories/)
    ("/events/{zas1}/source", 3),
    ("/articles/{a1}", 2),
    ("/speakers/stanislav-zas", 6),
    ("/countries/KZ", 6),
    ("/api/events", 4),
    ("/api/events?country=KZ&speaker=stanislav-zas", 6),
    ("/events.csv", 5),
    ("/feed.atom", 4),  # newest first: the dated events, then (when they run out) the undated
]


def count(client, statements, url: str, **headers) -> int:
    statements.clear()
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(statements)


@pytest.mark.parametrize(("url", "bound"), BOUNDS)
def test_statements_per_request_are_bounded(client, statements, ids, url, bound):
    n = count(client, statements, url.format(cursor=f"2022-01-10_{ids['zas1']}", **ids))
    assert n <= bound, (url, n, statements)


@pytest.mark.parametrize("path", ["/", "/api/events", "/countries/KZ", "/events.csv"])
def test_statements_do_not_grow_with_the_number_of_events(client, statements, path):
    sep = "&" if "?" in path else "?"
    one = count(client, statements, f"{path}{sep}limit=1")
    many = count(client, statements, f"{path}{sep}limit=200")
    assert one == many, (path, one, many)


def test_fragment_requests_run_no_more_than_the_page(client, statements):
    full = count(client, statements, "/?country=KZ")
    fragment = count(client, statements, "/?country=KZ", **{"HX-Request": "true"})
    assert fragment <= full


@pytest.fixture(scope="module")
def bulk_client(tmp_path_factory):
    """A store bigger than a page: 60 statements with ~250-character quotes, 30 speakers."""
    from fastapi.testclient import TestClient
    from sqlmodel import Session

    from app.db import make_engine
    from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent, Span, SpeakerRef
    from app.migrate import upgrade
    from app.models import Country
    from app.store import save_article, sync_countries
    from app.web.main import create_app
    from tests.web.fixture_data import COUNTRIES

    url = f"sqlite:///{tmp_path_factory.mktemp('bulk') / 'bulk.db'}"
    upgrade(url)
    engine = make_engine(url)
    sentence = "قال المسؤول إن الوضع الأمني في المنطقة يتطلب تنسيقا أوثق بين الدول الأعضاء "
    with Session(engine) as session:
        sync_countries(session, [Country(**c.model_dump()) for c in COUNTRIES])
        for a in range(20):
            # 60 different statements (the words in another order each: the same words
            # would be one statement reported 60 times, and group into a few stories)
            quotes = [f"{_shuffled(sentence * 3, a * 3 + i)}رقم {a}-{i}" for i in range(3)]
            text = "\n".join(f'وقال: "{q}".' for q in quotes)
            events = []
            for i, q in enumerate(quotes):
                start = text.index(q)
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", start)
                line_end = len(text) if line_end == -1 else line_end
                n = a * 3 + i
                events.append(
                    ExtractedEvent(
                        kind="statement",
                        start=line_start,
                        end=line_end,
                        text=text[line_start:line_end],
                        date=DateValue(f"2022-{a % 12 + 1:02d}-{i + 10}", "day", "relative", "أمس"),
                        speaker=SpeakerRef(
                            name_ar=f"المسؤول رقم {n % 30}",
                            name_en=f"Official Number {n % 30}",
                            role_ar="وزير خارجية الدولة العضو في المنظمة",
                            slug=f"official-{n % 30}",
                        ),
                        countries=("AM", "BY", "KZ", "RU"),
                        quotes=(Span(start, start + len(q), q),),
                    )
                )
            save_article(
                session,
                source_file=f"bulk{a}.txt",
                extraction=ArticleExtraction(text=text, outlet="TASS", events=tuple(events)),
                extractor_version="test",
            )
    with TestClient(create_app(engine)) as test_client:
        yield test_client
    engine.dispose()


def _shuffled(words: str, seed: int) -> str:
    import random

    parts = words.split()
    random.Random(seed).shuffle(parts)
    return " ".join(parts) + " "


def test_timeline_page_weight_is_under_128_kb(bulk_client):
    client = bulk_client
    response = client.get("/")
    assert response.text.count('<article class="event') == 15
    html = response.content
    assets = re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', response.text)
    assert sorted(assets) == ["/static/app.css", "/static/app.js", "/static/htmx-2.0.11.min.js"]
    total = len(html) + sum(len(client.get(a).content) for a in assets)
    print(f"timeline page weight: {total} bytes (HTML {len(html)})")
    assert total <= 128 * 1024, total
