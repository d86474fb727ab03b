"""The public site: security headers everywhere, read-only, bounded requests, no leaked errors."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi import Request
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.web.main import create_app
from app.web.security import CSP, SECURITY_HEADERS

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


@pytest.fixture(scope="module")
def site(hostile_site):
    client, engine = hostile_site
    with engine.connect() as conn:
        event_id, article_id = conn.execute(text("SELECT id, article_id FROM event LIMIT 1")).one()
    urls = [
        "/",
        "/?country=KZ",
        "/?q=كازاخستان",
        f"/events/{event_id}",
        f"/events/{event_id}/source",
        f"/articles/{article_id}",
        "/speakers/stanislav-zas",
        "/countries/KZ",
        "/api/events",
        "/events.json",
        "/events.csv",
        "/feed.atom",
        "/openapi.json",
        "/static/app.css",
        "/static/htmx-2.0.11.min.js",
        "/no/such/page",
        "/events/0000000000000000",
        "/?from=not-a-date",
        "/?country=XX1",
        "/api/events?limit=-1",
    ]
    return client, urls


def assert_secure_headers(response, url):
    assert response.headers["content-security-policy"] == EXPECTED_CSP, url
    assert response.headers["x-content-type-options"] == "nosniff", url
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin", url
    assert response.headers["x-frame-options"] == "DENY", url
    assert "camera=()" in response.headers["permissions-policy"], url


def test_the_policy_is_the_one_documented():
    assert CSP == EXPECTED_CSP
    assert set(SECURITY_HEADERS) >= {"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"}


def test_every_response_carries_the_security_headers(site):
    client, urls = site
    statuses = set()
    for url in urls:
        response = client.get(url)
        statuses.add(response.status_code)
        assert response.status_code < 500, url
        assert_secure_headers(response, url)
    assert {200, 404} <= statuses
    assert statuses & {400, 422}


def test_pages_need_nothing_the_policy_forbids(site):
    """No inline script or style, no event-handler attributes, nothing loaded from elsewhere:
    the CSP can be strict because the pages don't need more."""
    client, urls = site
    for url in urls:
        response = client.get(url)
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        page = BeautifulSoup(response.text, "html.parser")
        for script in page.select("script"):
            assert script.get("src", "").startswith("/static/") and not script.string, url
        assert not page.select("style"), url
        assert not page.select("[style]"), url
        for tag in page.find_all(True):
            assert not [a for a in tag.attrs if a.startswith("on") or a.startswith("hx-on")], url
            for attr in ("src", "href", "action"):
                value = tag.get(attr) or ""
                if value.startswith("http://testserver/"):
                    continue  # canonical links to this site
                assert not value.startswith(("http:", "https:", "//", "javascript:")), (url, value)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])
def test_only_get_and_head_are_allowed(site, method):
    client, _ = site
    for url in ["/", "/api/events", "/static/app.css", "/no/such/page"]:
        response = client.request(method, url)
        assert response.status_code == 405, (method, url)
        assert response.headers["allow"] == "GET, HEAD"
        assert_secure_headers(response, url)
    response = client.request(method, "/api/events")
    assert response.json() == {"detail": f"method {method} not allowed: this site is read-only"}


def test_no_route_accepts_a_writing_method():
    app = create_app()
    for route in app.routes:
        if isinstance(route, APIRoute):
            assert route.methods <= {"GET", "HEAD"}, route.path


def test_head_answers_like_get_without_a_body(site):
    client, urls = site
    for url in urls:
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code, url
        assert head.content == b"", url
        assert_secure_headers(head, url)


def test_a_request_body_over_the_limit_is_413(site):
    client, _ = site
    response = client.request("GET", "/", content=b"x" * (16 * 1024 + 1))
    assert response.status_code == 413
    assert "request body too large (over 16384 bytes)" in response.text
    assert_secure_headers(response, "/")
    response = client.request("GET", "/api/events", content=b"x" * (16 * 1024 + 1))
    assert (response.status_code, response.json()) == (
        413,
        {"detail": "request body too large (over 16384 bytes)"},
    )


def _chunks():
    """20 KiB in 1 KiB chunks, with no Content-Length (Transfer-Encoding: chunked)."""
    for _ in range(20):
        yield b"x" * 1024


def test_a_chunked_body_over_the_limit_is_413_when_it_is_read(hostile_site):
    """No Content-Length to refuse up front: the limit holds while the body is read."""
    _, engine = hostile_site
    app = create_app(engine)

    @app.get("/reads-body")
    async def reads_body(request: Request):
        return {"bytes": len(await request.body())}

    client = TestClient(app, raise_server_exceptions=False)
    response = client.request("GET", "/reads-body", content=_chunks())
    assert response.status_code == 413
    assert "request body too large (over 16384 bytes)" in response.text
    small = client.request("GET", "/reads-body", content=iter([b"x" * 1024]))
    assert (small.status_code, small.json()) == (200, {"bytes": 1024})


def test_a_chunked_body_to_a_route_that_never_reads_it_is_ignored(site):
    """The app's GET routes read no body: a chunked one is never buffered, the answer is the
    route's own (the 413 above is what reading it would give)."""
    client, _ = site
    response = client.request("GET", "/api/events", content=_chunks())
    assert response.status_code == 200
    assert response.json()["events"] == client.get("/api/events").json()["events"]


def test_a_url_over_8_kib_is_414(site):
    client, _ = site
    response = client.get("/", params={"q": "ك" * 5000})
    assert response.status_code == 414
    assert_secure_headers(response, "/")


def test_an_unexpected_error_is_a_friendly_500_without_a_traceback(hostile_site, caplog):
    _, engine = hostile_site
    app = create_app(engine)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret-connection-string")

    @app.get("/api/boom")
    def api_boom():
        raise RuntimeError("secret-connection-string")

    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/boom")
    assert page.status_code == 500
    assert page.headers["content-type"].startswith("text/html")
    assert "internal error: it has been logged" in page.text
    for leak in ("secret-connection-string", "Traceback", "RuntimeError", ".py"):
        assert leak not in page.text
    assert_secure_headers(page, "/boom")
    data = client.get("/api/boom")
    assert (data.status_code, data.json()) == (
        500,
        {"detail": "internal error: it has been logged"},
    )
    assert "secret-connection-string" in caplog.text  # the operator sees it in the log
