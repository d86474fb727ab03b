"""Whatever an article says, it is text on the page: markup is escaped, bidi controls closed."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from app.web.templating import close_bidi

PAYLOAD_QUOTE = '<script>alert(1)</script> هذا \u202eنص مقلوب\u202d و" onmouseover="x" عن سوريا'


def pages(ids) -> list[str]:
    return [
        "/",
        "/?speaker=evil-speaker",
        "/?q=alert",
        f"/events/{ids['evil']}",
        f"/events/{ids['evil']}/source",
        f"/articles/{ids['a4']}",
        "/speakers/evil-speaker",
        "/countries/SY",
        "/?lang=en",
    ]


def test_the_markup_payload_is_only_ever_text(client, ids):
    for url in pages(ids):
        response = client.get(url)
        assert response.status_code == 200, url
        page = BeautifulSoup(response.text, "html.parser")
        # the only scripts are ours, by src; no element grew an event-handler attribute
        assert [s.get("src") for s in page.select("script")] in (
            ["/static/htmx-2.0.11.min.js", "/static/app.js"],
            [],
        ), url
        assert not page.select("[onmouseover]"), url
        assert "<script>alert" not in response.text, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text, url


def test_the_quote_reads_back_exactly_as_written(client, ids):
    page = BeautifulSoup(client.get(f"/events/{ids['evil']}").text, "html.parser")
    quote = page.select_one(f"#e-{ids['evil']} blockquote.quote").get_text()
    assert quote.startswith(PAYLOAD_QUOTE)
    assert page.select_one(".who [lang=ar]").get_text() == 'المتحدث "<script>alert(1)</script>'
    assert page.select_one(".who [lang=en]").get_text() == '" onmouseover="x'
    # attribute values: the meta description carries the quote, still one attribute
    description = page.select_one("meta[property='og:description']")
    assert description["content"].startswith("«<script>alert(1)</script>")
    assert set(description.attrs) == {"property", "content"}
    mark = page.select_one(".source-section mark").get_text()
    assert mark.startswith("<script>alert(1)</script>")


def test_article_and_outlet_names_are_escaped(client, ids):
    response = client.get(f"/articles/{ids['a4']}")
    page = BeautifulSoup(response.text, "html.parser")
    assert page.select_one("h1").get_text() == 'تصريح فيه رموز <b>"'
    assert not page.select("h1 b") and not page.select("dl.meta i")
    assert 'Evil "Outlet" <i>' in page.select_one("dl.meta").get_text()


def test_bidi_overrides_are_closed_where_they_are_shown(client, ids):
    page = BeautifulSoup(client.get(f"/events/{ids['evil']}").text, "html.parser")
    for element in page.select(".role span, blockquote.quote p, .source-section mark"):
        text = element.get_text()
        if "\u202e" in text:
            assert close_bidi(text) == text, repr(text)  # nothing left open
            assert text.endswith("\u202c\u202c"), repr(text)


@pytest.mark.parametrize(
    ("raw", "closed"),
    [
        ("plain", "plain"),
        ("a\u202eb", "a\u202eb\u202c"),
        ("a\u202eb\u202cc", "a\u202eb\u202cc"),
        ("a\u202eb\u202dc", "a\u202eb\u202dc\u202c\u202c"),
        ("a\u2067b", "a\u2067b\u2069"),
        ("a\u2067b\u202ec\u2069", "a\u2067b\u202ec\u2069"),  # PDI closes what it encloses
    ],
)
def test_close_bidi(raw, closed):
    assert close_bidi(raw) == closed


def test_data_out_keeps_text_exact_and_xml_safe(client, ids):
    api = client.get("/api/events?speaker=evil-speaker").json()
    assert api["events"][0]["quotes"][0]["text"].startswith(PAYLOAD_QUOTE)
    atom = client.get("/feed.atom?speaker=evil-speaker").text
    assert "<script>" not in atom and "&lt;script&gt;alert(1)&lt;/script&gt;" in atom
