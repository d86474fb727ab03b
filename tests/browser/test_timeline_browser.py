"""The explorer in a real headless Chromium: filter, back, source, permalink, language."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def total(page) -> int:
    return int(page.locator("#status").get_attribute("data-total"))


def card_ids(page) -> list[str]:
    return page.locator("#results article.event").evaluate_all("els => els.map(e => e.id)")


def test_filter_back_source_permalink_and_language(page, server, shot):
    # 1. the timeline, Arabic and right-to-left
    page.goto(server + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    everything = total(page)
    first_ids = card_ids(page)
    assert everything > len(first_ids) > 0 or everything == len(first_ids) > 0
    shot(page, "01-timeline")

    # 2. filter by a CSTO member: the URL changes, the list shrinks to that country's events
    page.locator("label[for=c-KZ]").click()
    page.wait_for_url(re.compile(r"/\?country=KZ$"))
    page.wait_for_function(f"document.querySelector('#status').dataset.total !== '{everything}'")
    kazakhstan = total(page)
    assert 0 < kazakhstan < everything
    cards = page.locator("#results article.event")
    for i in range(cards.count()):
        assert cards.nth(i).locator("a[href='/countries/KZ']").count() == 1
    assert page.locator("#c-KZ").is_checked()
    # one card per story (its best-attested report), in the stories API's order
    api = page.request.get(server + "/api/stories?country=KZ").json()
    assert card_ids(page) == [f"e-{s['canonical_event_id']}" for s in api["stories"]]
    assert api["total"] == kazakhstan
    shot(page, "02-filtered-kazakhstan")

    # 3. back: URL and list restored
    page.go_back()
    page.wait_for_url(server + "/")
    page.wait_for_function(f"document.querySelector('#status').dataset.total === '{everything}'")
    assert card_ids(page) == first_ids
    assert not page.locator("#c-KZ").is_checked()
    shot(page, "03-back")

    # 4. expand a source quote inline: the paragraph with the quote highlighted
    card = page.locator("#results article.event:has(blockquote.quote)").first
    quote = card.locator("blockquote.quote").first.inner_text().strip()
    card.locator("details.source summary").click()
    mark = card.locator("details.source blockquote mark").first
    mark.wait_for()
    assert mark.inner_text().strip() == quote
    assert (
        card.locator("details.source .source-link a").get_attribute("href").startswith("/articles/")
    )
    mark.scroll_into_view_if_needed()
    shot(page, "04-source-expanded")

    # 5. the permalink opened fresh shows the same event
    event_id = card.get_attribute("id")
    href = card.locator("a.permalink").get_attribute("href")
    fresh = page.context.new_page()
    fresh.goto(server + href)
    assert fresh.locator(f"#{event_id}").count() == 1
    assert fresh.locator(f"#{event_id} blockquote.quote").first.inner_text().strip() == quote
    assert fresh.locator("link[rel=canonical]").get_attribute("href") == server + href
    assert fresh.locator(".source-section mark").first.inner_text().strip() == quote
    shot(fresh, "05-permalink")
    fresh.close()

    # 6. switch language: English chrome, quotes still Arabic
    page.locator("#lang-switch").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("label[for=f-q]").inner_text() == "Search the text"
    assert page.locator("blockquote.quote").first.get_attribute("dir") == "rtl"
    shot(page, "06-english")
    # remembered: a fresh page load stays English
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.errors == [], page.errors


def test_phone_width_and_keyboard(browser, server, shot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar")
    page = context.new_page()
    page.goto(server + "/")
    # nothing wider than the screen
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    # the first Tab reaches the skip link, which moves focus to the main content
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'")
    shot(page, "07-phone")
    page.goto(server + "/?country=KZ")
    shot(page, "08-phone-filtered", full_page=False)
    context.close()
