"""Stories on the timeline, their page, the API and the export, over articles written for it."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session

from app.db import make_engine
from app.filters import TimelineFilters
from app.ingest import ingest_paths
from app.migrate import upgrade
from app.models import Article, Event, Story
from app.stories import queries as story_queries
from app.web.main import create_app
from tests.stories import articles


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stories-web")
    url = f"sqlite:///{folder / 'timeline.db'}"
    upgrade(url)
    engine = make_engine(url)
    paths = articles.write(
        folder / "in",
        tass=articles.TASS_ZAS,
        sputnik=articles.SPUTNIK_ZAS,
        rt=articles.RT_ZAS,
        sana=articles.SANA_LAVROV,
        later=articles.TASS_ZAS_LATER,
    )
    assert all(o.status == "added" for o in ingest_paths(paths, engine, max_bytes=10**6))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def client(engine):
    with TestClient(create_app(engine)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def main_story(engine) -> str:
    """The story of "the peacekeepers stay until it is stable" (four outlets)."""
    with Session(engine) as session:
        return max(session.execute(select(Story)).scalars(), key=lambda s: s.reports).id


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:500]
    return BeautifulSoup(response.text, "html.parser")


def test_the_timeline_shows_each_statement_once_with_its_outlets(client, main_story):
    page = soup(client.get("/?lang=en"))
    story = page.select_one(f"#s-{main_story}")
    assert story is not None
    summary = story.select_one("summary").get_text(" ", strip=True)
    assert summary.startswith("Reported by") and "+2" in summary  # 4 outlets: two named, +2
    assert "the speaker" in summary  # SANA gives the words to another speaker
    cards = page.select("article.event")
    # 3 statements on the 10th (one carried by four outlets, one by two, one reported by
    # Sputnik alone) and 1 on the 12th
    assert len(cards) == 4
    assert page.select_one("#status").get_text().endswith("4 stories")


def test_every_report_is_a_toggle_away(client):
    page = soup(client.get("/?reports=all&lang=en"))
    assert len(page.select("article.event")) == 8
    assert page.select_one("#status").get_text().endswith("8 events")
    assert page.select_one("a.reports-toggle")["href"] == "/"


def test_the_cards_reports_fragment_lists_each_outlet_date_and_link(client, engine, main_story):
    fragment = soup(client.get(f"/stories/{main_story}/reports", headers={"HX-Request": "true"}))
    items = fragment.select("li.report")
    assert [i.select_one(".outlet").get_text() for i in items] == ["RT", "SANA", "Sputnik", "TASS"]
    for item in items:
        assert item.select_one("time")["datetime"] == "2022-01-10"
        article = item.select_one("a.report-article")["href"]
        assert client.get(article.split("#")[0]).status_code == 200


def test_facet_counts_count_stories_and_say_so(client):
    page = soup(client.get("/?lang=en"))
    assert "Counts are stories" in page.select_one(".counts-note").get_text()
    outlets = {o["value"]: o.get_text() for o in page.select("#f-outlet option") if o["value"]}
    assert outlets["TASS"].endswith("(3)") and outlets["Sputnik"].endswith("(2)")
    kz = page.select_one("label[for=c-KZ]").get_text()
    assert "(2)" in kz  # two statements name Kazakhstan, one of them carried four times


def test_a_filter_matches_a_story_when_any_report_matches(client, main_story, engine):
    page = soup(client.get("/?outlet=Sputnik"))
    assert page.select_one(f"#s-{main_story}") is not None
    with Session(engine) as session:
        canonical = session.get(Story, main_story).canonical_event_id
        outlet = session.execute(
            select(Article.outlet).join(Event, Event.article_id == Article.id)
            .where(Event.id == canonical)
        ).scalar_one()  # fmt: skip
    assert outlet != "Sputnik"  # the card shows the best-attested version, not Sputnik's


@pytest.mark.parametrize(
    "query",
    ["", "outlet=TASS", "speaker=stanislav-zas", "country=KZ", "from=2022-01-11",
     "outlet=TASS&country=KZ", "outlet=TASS&outlet=SANA", "speaker=sergey-lavrov&kind=statement"],
)  # fmt: skip
def test_story_counts_from_the_tally_agree_with_live_counts(engine, query):
    from starlette.datastructures import QueryParams

    from app.stories import tally as story_tally

    filters = TimelineFilters.from_query(QueryParams(query))
    with Session(engine) as session:
        live = (
            story_queries._total.__wrapped__
            if hasattr(story_queries._total, "__wrapped__")
            else None
        )
        assert live is None
        scope = story_tally.scope(filters)
        counted = story_queries._total(session, filters)
        clauses = story_queries.where(filters, dialect="sqlite")
        from sqlalchemy import func

        by_hand = session.execute(
            select(func.count()).select_from(Story).where(*clauses)
        ).scalar_one()
        assert counted == by_hand, (query, scope)


def test_keyset_pages_of_stories_cover_every_story_once(engine):
    with Session(engine) as session:
        seen, filters = [], TimelineFilters(limit=1)
        while True:
            page = story_queries.story_page(session, filters)
            seen += [v.story.id for v in page.views]
            if page.next_cursor is None:
                break
            filters = filters.replace(after=page.next_cursor)
        assert (
            len(seen) == len(set(seen)) == session.execute(select(Story)).scalars().all().__len__()
        )


def test_the_story_page_keeps_every_version_with_its_outlets(client, main_story):
    page = soup(client.get(f"/stories/{main_story}?lang=en"))
    versions = {v["data-field"]: [] for v in page.select("li.version")}
    for v in page.select("li.version"):
        versions[v["data-field"]].append(v.get_text(" ", strip=True))
    assert any("SANA" in v and "لافروف" in v for v in versions["speaker"])
    assert any("cut short" in v and "Sputnik" in v for v in versions["wording"])
    assert "Date from" in page.select_one(".story-date").get_text()
    assert len(page.select(".all-reports li.report")) == 4


def test_an_event_permalink_keeps_working_and_shows_its_story(client, engine, main_story):
    with Session(engine) as session:
        event_ids = session.execute(select(Event.id).where(Event.story_id == main_story))
        event_ids = list(event_ids.scalars())
    for event_id in event_ids:
        page = soup(client.get(f"/events/{event_id}"))
        assert page.select_one(".story-of-event a.story-link")["href"] == f"/stories/{main_story}"


def test_the_api_gives_stories_with_reports_and_disagreements(client, main_story):
    body = client.get("/api/stories?limit=2").json()
    assert body["total"] == 4 and body["count"] == 2 and body["next"]
    one = client.get(f"/api/stories/{main_story}").json()
    assert sorted(one["outlets"]) == ["RT", "SANA", "Sputnik", "TASS"]
    assert {d["field"] for d in one["disagreements"]} == {"speaker", "wording"}
    assert one["date"] == "2022-01-10" and one["date_from"]["event_id"]
    assert client.get("/api/stories/0000000000000000").status_code == 404
    assert client.get("/api/stories/nope").status_code == 400


def test_the_stories_export(engine, tmp_path, capsys):
    from app.cli import main

    out = tmp_path / "stories.jsonl"
    assert (
        main(["--db", str(engine.url), "export", "--format", "stories-jsonl", "-o", str(out)]) == 0
    )
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4
    biggest = max(records, key=lambda r: len(r["reports"]))
    assert {r["outlet"] for r in biggest["reports"]} == {"RT", "SANA", "Sputnik", "TASS"}
    assert all(r["event_id"] for r in biggest["reports"])
    assert biggest["speaker"]["id"] == "stanislav-zas" and biggest["text"]
    assert "exported 4 stories" in capsys.readouterr().err
