"""Data out: the JSON API, CSV and JSON downloads, and the Atom feed, over the same filters."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

from sqlmodel import Session, select

from app.models import Article

ATOM = "{http://www.w3.org/2005/Atom}"


def test_api_events_shape_and_filters(client, ids):
    response = client.get("/api/events?country=KZ&speaker=stanislav-zas")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"description", "query", "total", "count", "next", "events"}
    assert body["total"] == body["count"] == 2 and body["next"] is None
    assert body["query"] == "speaker=stanislav-zas&country=KZ"
    assert body["description"] == "speaker: Stanislav Zas · country: Kazakhstan"
    event = next(e for e in body["events"] if e["id"] == ids["zas2"])
    assert event["kind"] == "statement"
    assert event["date"] == "2022-01-13" and event["date_precision"] == "day"
    assert event["date_basis"] == "explicit"
    assert event["speaker"] == {
        "id": "stanislav-zas",
        "name_ar": "ستانيسلاف زاس",
        "name_en": "Stanislav Zas",
        "role_ar": "الأمين العام لمنظمة معاهدة الأمن الجماعي",
        "role_en": "CSTO Secretary General",
    }
    assert [c["iso2"] for c in event["countries"]] == ["KZ", "RU"]
    assert event["countries"][0] == {
        "iso2": "KZ",
        "name_ar": "كازاخستان",
        "name_en": "Kazakhstan",
        "csto_member": True,
    }
    quote = event["quotes"][0]
    assert quote["text"] == "روسيا قدمت الجزء الأكبر من القوات"
    assert event["article"]["source_file"] == "a1_tass.txt"
    assert event["article"]["outlet"] == "TASS"
    assert event["url"] == f"http://testserver/events/{ids['zas2']}"
    article = client.get(event["article"]["url"].removeprefix("http://testserver"))
    assert article.status_code == 200
    # offsets index the stored article text
    from tests.web.fixture_data import ARTICLE_1

    assert ARTICLE_1[quote["start"] : quote["end"]] == quote["text"]


def test_api_pages_by_keyset(client, ids):
    seen, url = [], "/api/events?limit=4"
    while url:
        body = client.get(url.removeprefix("http://testserver")).json()
        assert body["total"] == 9
        seen += [e["id"] for e in body["events"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 9 and seen[-1] == ids["japarov"]


def test_api_errors_are_json(client):
    response = client.get("/api/events?from=2022-99-01")
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "detail": [
            {
                "loc": ["query", "from"],
                "msg": "'2022-99-01' is not a valid calendar date",
                "type": "value_error",
            }
        ]
    }
    assert client.get("/api/events?limit=0").json()["detail"][0]["loc"] == ["query", "limit"]
    missing = client.get("/api/nothing")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not Found"}


def test_openapi_documents_the_api_with_its_filters_and_models(client):
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/events"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert names == {
        "from",
        "to",
        "speaker",
        "country",
        "outlet",
        "kind",
        "q",
        "order",
        "after",
        "limit",
    }
    assert all(p.get("description") for p in operation["parameters"])
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/EventsPage")
    assert "400" in operation["responses"]
    assert {"EventOut", "SpeakerOut", "CountryOut", "QuoteOut", "ArticleOut"} <= set(
        spec["components"]["schemas"]
    )
    assert client.get("/docs").status_code == 200


def test_csv_download_of_the_current_filter(client, ids):
    response = client.get("/events.csv?country=KZ")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows][:2] == [ids["withdrawal"], ids["putin"]]
    assert len(rows) == 5
    putin = rows[1]
    assert putin["speaker_en"] == "Vladimir Putin" and putin["countries"] == "KZ RU"
    assert putin["quotes"] == "لن نسمح بزعزعة الوضع في بلداننا"
    assert putin["date_basis"] == "relative" and putin["url"].endswith(f"/events/{ids['putin']}")
    assert putin["role_en"] == "President of Russia"
    assert putin["article_title"] == "بوتين يتحدث عن أحداث كازاخستان"
    assert putin["article_url"] == f"http://testserver/articles/{ids['a2']}"
    # sortable first and last days, whatever the precision ("2022-01" is all of January)
    withdrawal = rows[0]
    assert (withdrawal["date"], withdrawal["date_start"], withdrawal["date_end"]) == (
        "2022-01",
        "2022-01-01",
        "2022-01-31",
    )
    assert (putin["date_start"], putin["date_end"]) == ("2022-01-06", "2022-01-06")


def test_download_file_names_say_the_filter(client):
    assert (
        'filename="csto-timeline.csv"' in client.get("/events.csv").headers["content-disposition"]
    )
    named = client.get("/events.csv?country=KZ&from=2022-01&speaker=vladimir-putin")
    assert (
        'filename="csto-timeline_from-2022-01_speaker-vladimir-putin_country-KZ.csv"'
        in named.headers["content-disposition"]
    )
    json_name = client.get("/events.json?kind=event").headers["content-disposition"]
    assert 'filename="csto-timeline_kind-event.json"' in json_name


def test_csv_cells_cannot_become_formulas(client):
    from app.web.api import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@x") == "'@x" and _cell("ok") == "ok" and _cell(None) == ""


def test_json_download_of_the_current_filter(client, ids):
    response = client.get("/events.json?kind=event")
    assert "attachment" in response.headers["content-disposition"]
    body = json.loads(response.text)
    assert body["count"] == 2 and body["query"] == "kind=event"
    assert [e["id"] for e in body["events"]] == [ids["afghanistan"], ids["withdrawal"]]
    assert body["events"][0]["date"] == "2021" and body["events"][0]["date_precision"] == "year"


def test_atom_feed_of_the_current_filter(client, ids, fixture_engine):
    response = client.get("/feed.atom?country=KZ")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert "country: Kazakhstan" in feed.find(f"{ATOM}title").text
    assert (
        feed.find(f"{ATOM}link[@rel='self']").get("href")
        == "http://testserver/feed.atom?country=KZ"
    )
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    first = entries[0]  # newest first
    assert first.find(f"{ATOM}id").text in {
        f"http://testserver/events/{ids['zas1']}",
        f"http://testserver/events/{ids['zas2']}",
    }
    assert first.find(f"{ATOM}title").text == "ستانيسلاف زاس (Stanislav Zas) — 13 January 2022"
    # <updated> is when the event entered the store (its article's ingest), not its own date:
    # a new article about an old event shows as new in a feed reader
    with Session(fixture_engine) as session:
        stored = {a.id: a.ingested_at for a in session.exec(select(Article)).all()}
    newest = max(stored.values()).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert first.find(f"{ATOM}updated").text == stored[ids["a1"]].strftime("%Y-%m-%dT%H:%M:%SZ")
    assert first.find(f"{ATOM}updated").text != "2022-01-13T00:00:00Z"
    content = first.find(f"{ATOM}content")
    assert content.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert feed.find(f"{ATOM}updated").text <= newest
    # the timeline page advertises the feed of its filter
    page = client.get("/?country=KZ").text
    assert 'type="application/atom+xml"' in page and 'href="/feed.atom?country=KZ"' in page
