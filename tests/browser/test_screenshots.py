"""A screenshot of every page at a laptop's and a phone's size, in Arabic and in English
(test-artifacts/browser/page-*.png, looked at by eye), and on each: nothing wider than the
screen, no script or CSP error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


def _pages(server_page) -> dict[str, str]:
    """name → path of every kind of page, found through the API of the seeds."""
    events = server_page.request.get(server_page.url + "api/events?limit=200").json()["events"]
    statement = next(e for e in events if e["kind"] == "statement" and e["speaker"])
    return {
        "timeline": "/",
        "timeline-reports": "/?reports=all",
        "filtered": "/?reports=all&country=KZ&kind=statement",
        "search": "/?reports=all&q=«حفظ السلام»",
        "permalink": f"/events/{statement['id']}",
        "article": f"/articles/{statement['article']['id']}",
        "speaker": f"/speakers/{statement['speaker']['id']}",
        "country": "/countries/KZ",
        "not-found": "/events/0000000000000000",
    }


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_page_in_both_languages_at_both_sizes(browser, server, shot, size, lang):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale=lang)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(server + "/")
    for name, path in _pages(page).items():
        separator = "&" if "?" in path else "?"
        page.goto(f"{server}{path}{separator}lang={lang}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, lang)
        shot(page, f"page-{name}-{lang}-{size}")
    # 404 is the one expected failed load
    errors = [e for e in errors if "404" not in e]
    assert errors == [], errors
    context.close()
