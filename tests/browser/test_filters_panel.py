"""The filter panel is a <details>: collapsed on a phone so the list comes first, always shown on
a wide screen, with or without JavaScript."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def _top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_phone_collapses_the_filters_and_shows_the_list_first(browser, server, shot, javascript):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="ar", java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(server + "/")
    assert not page.locator("#f-q").is_visible()
    assert not page.locator("#c-KZ").is_visible()
    # the first event card starts within the first screen
    assert _top(page, "#results article.event") < 844
    shot(page, f"09-phone-filters-closed-{'js' if javascript else 'nojs'}")
    summary = page.locator(".filters-panel > summary")
    summary.click()
    assert page.locator("#f-q").is_visible() and page.locator("#c-KZ").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, f"10-phone-filters-open-{'js' if javascript else 'nojs'}", full_page=True)
    if not javascript:  # the form still works: tick a country and apply
        page.locator("label[for=c-KZ]").click()
        page.locator(".actions button[type=submit]").click()
        page.wait_for_url(re.compile(r"/\?.*country=KZ"))  # the plain form sends every field
        assert page.locator("#results article.event").count() > 0
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_wide_screen_shows_the_filters_without_a_click(browser, server, javascript):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en", java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(server + "/")
    assert page.locator("#f-q").is_visible()
    assert page.locator("#c-KZ").is_visible()
    assert page.locator("#f-speaker").is_visible()
    if javascript:  # and the <details> says it is open
        assert page.locator(".filters-panel").evaluate("el => el.open") is True
    context.close()
