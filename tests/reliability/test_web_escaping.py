"""A hostile article, ingested through the real CLI, is only ever text on every page and feed."""

from __future__ import annotations

import csv
import io
import json
import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import text

from .conftest import HOSTILE

SCRIPT = "<script>alert(1)</script>"
# An oracle independent of app.web.text.close_bidi (which keeps a stack): rewrite the text,
# removing innermost matched pairs until none is left — an isolate with its PDI (whatever
# embeddings it leaves open inside, the PDI ends them), an embedding or override with its PDF —
# and count the initiators that remain unmatched.
_INNERMOST_ISOLATE = re.compile("[\u2066-\u2068][^\u2066-\u2069]*\u2069")
_INNERMOST_EMBEDDING = re.compile("[\u202a\u202b\u202d\u202e][^\u202a-\u202e\u2066-\u2069]*\u202c")
_INITIATORS = re.compile("[\u202a\u202b\u202d\u202e\u2066-\u2068]")


def open_bidi(value: str) -> int:
    """How many embeddings/overrides/isolates ``value`` leaves open at its end."""
    while True:
        reduced = _INNERMOST_EMBEDDING.sub("", _INNERMOST_ISOLATE.sub("", value))
        if reduced == value:
            return len(_INITIATORS.findall(value))
        value = reduced


def test_the_oracle_counts_what_is_left_open():
    assert open_bidi("abc") == 0
    assert open_bidi("\u202eabc") == 1
    assert open_bidi("\u202eabc\u202c") == 0
    assert open_bidi("\u2067\u202eab\u2069") == 0  # the PDI ends the override inside it
    assert open_bidi("\u202a\u2067x\u2069") == 1
    assert open_bidi("\u202a\u202bx\u202c") == 1
    assert open_bidi("\u2069\u202c") == 0  # stray closers open nothing


@pytest.fixture(scope="module")
def site(hostile_site):
    client, engine = hostile_site
    with engine.connect() as conn:
        (article_id,) = conn.execute(
            text("SELECT id FROM article WHERE source_file = 'zz_hostile.txt'")
        ).one()
        event_ids = (
            conn.execute(
                text("SELECT id FROM event WHERE article_id = :a ORDER BY start"), {"a": article_id}
            )
            .scalars()
            .all()
        )
    assert len(event_ids) >= 2
    return client, article_id, event_ids


def html_pages(article_id, event_ids) -> list[str]:
    urls = [
        "/",
        "/?lang=en",
        "/?q=alert",
        "/?q=onmouseover",
        "/?country=KZ",
        "/?speaker=stanislav-zas",
        f"/articles/{article_id}",
        "/speakers/stanislav-zas",
        "/countries/KZ",
    ]
    for event_id in event_ids:
        urls += [f"/events/{event_id}", f"/events/{event_id}/source"]
    return urls


def test_every_page_shows_the_markup_as_text_and_runs_none_of_it(site):
    client, article_id, event_ids = site
    shown = 0
    for url in html_pages(article_id, event_ids):
        response = client.get(url)
        assert response.status_code == 200, url
        page = BeautifulSoup(response.text, "html.parser")
        scripts = [s.get("src") for s in page.select("script")]
        assert all(src and src.startswith("/static/") for src in scripts), (url, scripts)
        handlers = [
            (tag.name, name)
            for tag in page.find_all(True)
            for name in tag.attrs
            if name.startswith("on")
        ]
        assert handlers == [], url
        assert not page.select("img[src=x]"), url
        assert SCRIPT not in response.text, url
        shown += "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert shown >= 3  # the quote is on the pages, escaped, not dropped


def test_attribute_breaking_quotes_stay_inside_their_attribute(site):
    client, article_id, event_ids = site
    for url in html_pages(article_id, event_ids):
        page = BeautifulSoup(client.get(url).text, "html.parser")
        for tag in page.find_all(True):
            assert "onmouseover" not in tag.attrs, url
            for value in tag.attrs.values():
                if isinstance(value, str) and 'onmouseover="x' in value:
                    assert '" onmouseover="x' in value, (url, tag.name)  # whole, as text


def test_no_bidi_override_leaks_out_of_its_text(site):
    client, article_id, event_ids = site
    seen = 0
    for url in html_pages(article_id, event_ids):
        page = BeautifulSoup(client.get(url).text, "html.parser")
        for node in page.find_all(string=True):
            seen += "\u202e" in node
            assert open_bidi(str(node)) == 0, (url, str(node)[:80])
    assert seen  # the overrides are shown (closed), not silently dropped


def test_the_json_api_returns_the_text_exactly(site):
    client, _, _ = site
    body = client.get("/api/events", params={"q": "alert"}).json()
    quotes = [q["text"] for e in body["events"] for q in e["quotes"]]
    assert any(SCRIPT in q for q in quotes)
    original = HOSTILE.read_text(encoding="utf-8")
    for event in body["events"]:
        for quote in event["quotes"]:
            assert original[quote["start"] : quote["end"]] == quote["text"]
    downloaded = json.loads(client.get("/events.json").text)
    assert SCRIPT in json.dumps(downloaded, ensure_ascii=False)


def test_the_csv_never_starts_a_cell_with_a_formula(site):
    client, _, _ = site
    response = client.get("/events.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert not [c for c in cells if c[:1] in {"=", "+", "-", "@", "\t", "\r"}]


def test_the_atom_feed_is_well_formed_with_the_payload_as_text(site):
    client, _, _ = site
    response = client.get("/feed.atom")
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    assert SCRIPT in "".join(feed.itertext())
