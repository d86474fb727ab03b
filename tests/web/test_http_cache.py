"""HTTP caching (app/web/http_cache.py): ETags, 304s, and the rendered-response cache, which must
never serve a stale body, another language's body, or a fragment for a page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session

from app.db import make_engine
from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent, Span, SpeakerRef
from app.store import save_article
from app.web.main import create_app
from tests.web import fixture_data

URLS = ["/", "/?country=KZ", "/api/events?country=KZ", "/events.csv", "/feed.atom"]


@pytest.fixture
def engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    fixture_data.build(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def statements(engine):
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def client_for(engine, **options) -> TestClient:
    """A client over a new app; one request made first, because the first connection to a SQLite
    database in WAL mode (re)creates its WAL file, which is a new data version."""
    client = TestClient(create_app(engine, **options))
    client.get("/api/events?limit=1")
    return client


def add_article(engine, n: int = 0) -> None:
    quote = f"التنسيق الأمني بين الدول الأعضاء مستمر رقم {n}"
    text = f'قال المسؤول: "{quote}".'
    start = text.index(quote)
    extracted = ExtractedEvent(
        kind="statement",
        start=0,
        end=len(text),
        text=text,
        date=DateValue("2023-05-01", "day", "explicit", "1 مايو 2023"),
        speaker=SpeakerRef(name_ar="المسؤول الجديد", name_en="New Official", slug="new-official"),
        countries=("KZ",),
        quotes=(Span(start, start + len(quote), quote),),
    )
    with Session(engine) as session:
        save_article(
            session,
            source_file=f"new{n}.txt",
            extraction=ArticleExtraction(text=text, outlet="TASS", events=(extracted,)),
            extractor_version="test",
        )


@pytest.mark.parametrize("url", URLS)
def test_etag_is_present_and_stable_and_304_on_match(engine, url):
    with client_for(engine, response_cache=False) as client:
        first, second = client.get(url), client.get(url)
        assert first.status_code == 200
        etag = first.headers["etag"]
        assert etag.startswith('W/"') and second.headers["etag"] == etag
        assert first.headers["cache-control"] == "no-cache"
        assert first.content == second.content
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        other = client.get(url, headers={"If-None-Match": 'W/"nope"'})
        assert other.status_code == 200


@pytest.mark.parametrize("cached", [False, True])
def test_304_and_cache_hits_run_no_sql_statement(engine, statements, cached):
    with client_for(engine, response_cache=cached) as client:
        etag = client.get("/?country=KZ").headers["etag"]
        statements.clear()
        assert client.get("/?country=KZ", headers={"If-None-Match": etag}).status_code == 304
        assert len(statements) <= 1, statements
        statements.clear()
        response = client.get("/?country=KZ")
        assert response.status_code == 200
        if cached:  # served from the stored bytes
            assert len(statements) <= 1, statements
        else:  # rendered again
            assert len(statements) > 1


@pytest.mark.parametrize("cached", [False, True])
def test_new_data_changes_the_etag_and_the_body(engine, cached):
    with client_for(engine, response_cache=cached) as client:
        before = client.get("/?country=KZ")
        add_article(engine)
        after = client.get("/?country=KZ")
        assert after.headers["etag"] != before.headers["etag"]
        assert "التنسيق الأمني بين الدول الأعضاء مستمر" in after.text
        assert "التنسيق الأمني بين الدول الأعضاء مستمر" not in before.text
        stale = client.get("/?country=KZ", headers={"If-None-Match": before.headers["etag"]})
        assert stale.status_code == 200 and stale.content == after.content


def test_fragment_and_full_page_are_different_entries(engine):
    with client_for(engine, response_cache=True) as client:
        full = client.get("/?country=KZ")
        fragment = client.get("/?country=KZ", headers={"HX-Request": "true"})
        full_again = client.get("/?country=KZ")
        restore = client.get(
            "/?country=KZ",
            headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
        )
        assert "<html" in full.text and "<html" not in fragment.text
        assert full_again.content == full.content
        assert "<html" in restore.text
        assert len({full.headers["etag"], fragment.headers["etag"], restore.headers["etag"]}) == 3
        assert "HX-Request" in full.headers["vary"] and "Cookie" in full.headers["vary"]


def test_languages_do_not_leak_into_each_other(engine):
    with client_for(engine, response_cache=True) as client:
        arabic = client.get("/?country=KZ")
        english = client.get("/?country=KZ", headers={"Accept-Language": "en-US,en;q=0.9"})
        assert 'lang="ar"' in arabic.text and 'lang="en"' in english.text
        assert arabic.headers["etag"] != english.headers["etag"]
        # the cookie decides over Accept-Language, and is keyed as the language it resolves to
        client.cookies.set("lang", "en")
        by_cookie = client.get("/?country=KZ")
        assert 'lang="en"' in by_cookie.text
        assert by_cookie.headers["etag"] == english.headers["etag"]
        client.cookies.clear()
        again = client.get("/?country=KZ")
        assert 'lang="ar"' in again.text and again.content == arabic.content


def test_responses_that_set_a_cookie_or_fail_are_not_stored(engine, statements):
    with client_for(engine, response_cache=True) as client:
        for _ in range(2):  # ?lang= without the cookie sets it: rendered every time
            client.cookies.clear()
            statements.clear()
            response = client.get("/?lang=en")
            assert "set-cookie" in response.headers and 'lang="en"' in response.text
            assert len(statements) > 1
        for _ in range(2):
            missing = client.get("/events/0000000000000000")
            assert missing.status_code == 404 and "etag" not in missing.headers
        bad = client.get("/?from=nonsense")
        assert bad.status_code == 400 and "etag" not in bad.headers


def test_response_cache_env_switch(engine, statements, monkeypatch):
    monkeypatch.setenv("RESPONSE_CACHE", "0")
    with client_for(engine) as client:
        client.get("/")
        statements.clear()
        client.get("/")
        assert len(statements) > 1  # rendered again: no store
    monkeypatch.setenv("RESPONSE_CACHE", "1")
    with client_for(engine) as client:
        client.get("/")
        statements.clear()
        client.get("/")
        assert len(statements) == 0


def test_head_gets_the_etag_without_a_body(engine):
    with client_for(engine, response_cache=True) as client:
        get = client.get("/api/events")
        head = client.head("/api/events")
        assert head.status_code == 200 and head.content == b""
        assert head.headers["etag"] == get.headers["etag"]
