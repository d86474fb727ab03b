"""Error pages are headed by what happened (a 500 is never a "Bad request"), in both languages,
whether the app renders them (error.html) or the security middleware does (405/413/414/500)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi import HTTPException
from fastapi.testclient import TestClient

from app.web.main import create_app

HEADINGS = {
    400: ("طلب غير صالح", "Bad request"),
    404: ("الصفحة غير موجودة", "Page not found"),
    405: ("طريقة الطلب غير مسموح بها", "Method not allowed"),
    413: ("الطلب أكبر من المسموح", "Request too large"),
    414: ("الرابط أطول من المسموح", "URL too long"),
    422: ("قيم غير صالحة في الطلب", "Invalid request parameters"),
    500: ("خطأ في الخادم", "Server error"),
    503: ("خطأ في الخادم", "Server error"),  # an unlisted 5xx falls back to its class
    418: ("تعذّر تنفيذ الطلب", "Request error"),  # and an unlisted 4xx to its own
}
BAD_REQUEST = {"طلب غير صالح", "Bad request"}


@pytest.fixture(scope="module")
def failing_client(fixture_engine):
    """The app with routes that fail in the ways the real routes can."""
    app = create_app(fixture_engine)

    @app.get("/raise/{status}")
    def raise_status(status: int):
        raise HTTPException(status_code=status, detail=f"raised {status}")

    @app.get("/crash")
    def crash():
        raise RuntimeError("kaboom")

    @app.get("/needs-int")
    def needs_int(n: int):
        return {"n": n}

    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _page(response) -> tuple[str, str, str]:
    assert response.headers["content-type"].startswith("text/html")
    page = BeautifulSoup(response.text, "html.parser")
    heading = " ".join(page.select_one("main h1").get_text().split())
    return page.html["lang"], heading, page.select_one("main").get_text(" ")


def _requests(client: TestClient, lang: str):
    """(status, response) for each status, each caused the way it happens on the site."""
    q = f"lang={lang}"
    yield 400, client.get(f"/articles/not-an-article-id?{q}")
    yield 404, client.get(f"/events/0000000000000000?{q}")
    yield 405, client.post(f"/?{q}")
    yield 413, client.request("GET", f"/?{q}", content=b"x" * (16 * 1024 + 1))
    yield 414, client.get("/", params={"q": "ك" * 5000, "lang": lang})
    yield 422, client.get(f"/needs-int?n=ten&{q}")
    yield 500, client.get(f"/crash?{q}")
    for status in (500, 503, 418):
        yield status, client.get(f"/raise/{status}?{q}")


@pytest.mark.parametrize(("lang", "index"), [("ar", 0), ("en", 1)])
def test_error_pages_are_headed_by_their_status_in_the_visitors_language(
    failing_client, lang, index
):
    for status, response in _requests(failing_client, lang):
        assert response.status_code == status
        page_lang, heading, text = _page(response)
        assert page_lang == lang, status
        assert heading == f"{HEADINGS[status][index]} ({status})", status
        if status >= 500 or status in {404, 405, 413, 414}:
            assert not any(words in heading for words in BAD_REQUEST), status
        assert "Traceback" not in text and "kaboom" not in text


def test_error_details_are_marked_as_english_text(failing_client):
    for _, response in _requests(failing_client, "ar"):
        page = BeautifulSoup(response.text, "html.parser")
        detail = page.select_one("main .message code")
        assert detail is not None and detail["lang"] == "en" and detail["dir"] == "ltr"


def test_the_middleware_error_page_follows_the_language_cookie(failing_client):
    failing_client.cookies.set("lang", "en")
    try:
        lang, heading, _ = _page(failing_client.get("/crash"))
    finally:
        failing_client.cookies.clear()
    assert (lang, heading) == ("en", "Server error (500)")
