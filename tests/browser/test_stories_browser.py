"""Stories in a real headless Chromium: the January 2022 Kazakhstan view shows each statement
once with its outlets; its reports expand inline; a report leads to its article."""

from __future__ import annotations

import threading
import time

import pytest

from tests.browser.conftest import _free_port
from tests.stories import articles

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def story_server(tmp_path_factory):
    """The app over articles in which several outlets carry the same statements."""
    import uvicorn

    from app.db import make_engine
    from app.ingest import ingest_paths
    from app.migrate import upgrade
    from app.web.main import create_app

    folder = tmp_path_factory.mktemp("stories-browser")
    url = f"sqlite:///{folder / 'timeline.db'}"
    upgrade(url)
    engine = make_engine(url)
    paths = articles.write(
        folder / "in",
        tass=articles.TASS_ZAS,
        sputnik=articles.SPUTNIK_ZAS,
        rt=articles.RT_ZAS,
        kazinform_tokayev=articles.KAZINFORM_TOKAYEV,
        tass_tokayev=articles.TASS_TOKAYEV,
    )
    assert all(o.status == "added" for o in ingest_paths(paths, engine, max_bytes=10**6))
    port = _free_port()
    config = uvicorn.Config(
        create_app(engine), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)
    engine.dispose()


def test_each_statement_once_with_its_outlets_reports_and_articles(page, story_server, shot):
    page.goto(story_server + "/?country=KZ&from=2022-01&to=2022-01&lang=en")
    quotes = page.locator("#results article.event blockquote.quote").all_inner_texts()
    assert len(quotes) == 2 and len(set(quotes)) == 2  # Tokayev's and Zas's, once each
    assert page.locator("#status").inner_text().endswith("2 stories")
    stories = page.locator("#results details.story")
    assert stories.count() == 2  # each carried by several outlets
    zas = page.locator("#results details.story", has_text="+1")
    assert zas.count() == 1
    summary = zas.locator("summary").inner_text()
    assert "Reported by" in summary  # three outlets: two named, +1
    shot(page, "stories-01-kazakhstan-january")

    # expand its reports: each outlet once, with its publication date and links
    zas.locator("summary").click()
    reports = zas.locator("li.report")
    reports.first.wait_for()
    assert sorted(reports.locator(".outlet").all_inner_texts()) == ["RT", "Sputnik", "TASS"]
    assert reports.locator("time").count() == 3
    shot(page, "stories-02-reports-expanded")

    # follow Sputnik's report to its article: the quote is marked there
    sputnik = reports.filter(has_text="Sputnik")
    href = sputnik.locator("a.report-article").get_attribute("href")
    assert href.startswith("/articles/") and "#q-" in href
    sputnik.locator("a.report-article").click()
    page.wait_for_url(f"**{href.split('#')[0]}*")
    anchor = href.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert "Sputnik" in page.locator("main").inner_text()
    shot(page, "stories-03-article")

    # every report stays reachable: the toggle shows all four Zas/Tokayev reports and more
    page.goto(story_server + "/?country=KZ&from=2022-01&to=2022-01&reports=all&lang=en")
    assert page.locator("#results article.event").count() == 5
    assert page.errors == [], page.errors
