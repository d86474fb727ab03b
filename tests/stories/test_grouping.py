"""Reports of one statement across articles become one story; other statements stay apart."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select
from sqlmodel import Session

from app.ingest import ingest_paths
from app.models import Article, ArticleCopy, Event, Story, StoryTally
from app.store import delete_article
from app.stories import queries as story_queries
from app.stories import tally as story_tally
from app.stories.assign import _load
from tests.stories import articles

MAX = 1_000_000


def ingest(engine, folder, **texts) -> None:
    outcomes = ingest_paths(articles.write(folder, **texts), engine, max_bytes=MAX)
    assert all(o.status == "added" for o in outcomes), outcomes


def story_of(session, outlet: str, words: str) -> str:
    """The story of the event of ``outlet`` whose quote starts with ``words``."""
    for event, article in session.execute(
        select(Event, Article).join(Article, Article.id == Event.article_id)
    ).all():
        if article.outlet == outlet and words in event.text:
            return event.story_id
    raise AssertionError(f"no {outlet} event with {words!r}")


def test_one_statement_in_three_outlets_is_one_story(engine, tmp_path):
    ingest(engine, tmp_path, tass=articles.TASS_ZAS, sputnik=articles.SPUTNIK_ZAS,
           rt=articles.RT_ZAS)  # fmt: skip
    with Session(engine) as session:
        ids = {story_of(session, o, "ستبقى في كازاخستان") for o in ("TASS", "Sputnik", "RT")}
        assert len(ids) == 1
        story = session.get(Story, ids.pop())
        assert (story.reports, story.outlets) == (3, 3)
        assert story.date == "2022-01-10"
        # the second statement of TASS and RT is another story, of two reports
        other = story_of(session, "TASS", "المهمة محدودة")
        assert other == story_of(session, "RT", "المهمة محدودة") != story.id
        view = story_queries.story_by_id(session, story.id)
        assert sorted(r.article.outlet for r in view.reports) == ["RT", "Sputnik", "TASS"]
        wording = {d.field: d for d in view.disagreements}["wording"]
        short = [v for v in wording.versions if v.cut_short]
        assert [v.outlets for v in short] == [("Sputnik",)]  # Sputnik cut the quote short
        assert view.canonical.article.outlet in {"TASS", "RT"}  # the best-attested wording


def test_a_republished_article_is_a_copy_and_joins_the_original_stories(engine, tmp_path):
    ingest(engine, tmp_path / "a", tass=articles.TASS_ZAS)
    ingest(engine, tmp_path / "b", repost=articles.REPOST_TASS)
    with Session(engine) as session:
        by_file = {a.source_file: a for a in session.execute(select(Article)).scalars()}
        copy = session.get(ArticleCopy, by_file["repost.txt"].id)
        assert copy is not None and copy.original_id == by_file["tass.txt"].id
        assert copy.similarity >= 0.7
        stories = session.execute(select(Story)).scalars().all()
        assert sorted(s.reports for s in stories) == [2, 2]


def test_the_same_words_given_to_two_speakers_is_one_story_with_the_disagreement(engine, tmp_path):
    ingest(engine, tmp_path, tass=articles.TASS_ZAS, sana=articles.SANA_LAVROV)
    with Session(engine) as session:
        story_id = story_of(session, "TASS", "ستبقى في كازاخستان")
        assert story_of(session, "SANA", "ستبقى في كازاخستان") == story_id
        view = story_queries.story_by_id(session, story_id)
        speakers = {d.field: d for d in view.disagreements}["speaker"]
        assert {(v.value, v.outlets) for v in speakers.versions} == {
            ("stanislav-zas", ("TASS",)),
            ("sergey-lavrov", ("SANA",)),
        }


def test_the_same_speaker_on_two_days_in_other_words_is_two_stories(engine, tmp_path):
    ingest(engine, tmp_path, first=articles.TASS_ZAS, later=articles.TASS_ZAS_LATER)
    with Session(engine) as session:
        first = story_of(session, "TASS", "ستبقى في كازاخستان")
        later = story_of(session, "TASS", "انسحاب قوات")
        assert first != later
        assert session.get(Story, later).date == "2022-01-12"


def test_a_story_grows_when_an_article_is_ingested_later(engine, tmp_path):
    ingest(engine, tmp_path / "1", tass=articles.TASS_ZAS)
    with Session(engine) as session:
        story_id = story_of(session, "TASS", "ستبقى في كازاخستان")
        first_event = session.execute(select(Event.id).where(Event.story_id == story_id))
        assert [story_id] == list(first_event.scalars())  # its id: its first report's event
    ingest(engine, tmp_path / "2", sputnik=articles.SPUTNIK_ZAS)
    ingest(engine, tmp_path / "3", rt=articles.RT_ZAS)
    with Session(engine) as session:
        assert story_of(session, "Sputnik", "ستبقى في كازاخستان") == story_id
        assert story_of(session, "RT", "ستبقى في كازاخستان") == story_id
        assert session.get(Story, story_id).reports == 3  # the permalink's id never changed
        assert tally_rows(session) == expected_tally(session)


def tally_rows(session) -> Counter:
    rows = session.execute(select(StoryTally)).scalars()
    return Counter({(r.by_dim, r.by_value, r.dim, r.value): r.n for r in rows if r.n})


def expected_tally(session) -> Counter:
    """The story counts recomputed from the stored stories, for comparison."""
    members: dict[str, list] = {}
    for row in _load(session, Event.story_id.is_not(None)):
        members.setdefault(row.story_id, []).append(row)
    counter: Counter = Counter()
    for story_id, rows in members.items():
        story = session.get(Story, story_id)
        for key in story_tally.story_rows((r.tally_keys() for r in rows), story.kind,
                                          story.date_start):  # fmt: skip
            counter[key] += 1
    return counter


@pytest.mark.parametrize("gone", ["tass", "rt"])
def test_deleting_a_report_keeps_the_story_and_its_counts_right(engine, tmp_path, gone):
    ingest(engine, tmp_path, tass=articles.TASS_ZAS, sputnik=articles.SPUTNIK_ZAS,
           rt=articles.RT_ZAS)  # fmt: skip
    with Session(engine) as session:
        story_id = story_of(session, "TASS", "ستبقى في كازاخستان")
        article_id = session.execute(
            select(Article.id).where(Article.source_file == f"{gone}.txt")
        ).scalar_one()
        assert delete_article(session, article_id)
    with Session(engine) as session:
        story = session.get(Story, story_id)
        assert story is not None and story.reports == 2  # the first report's id stays its id
        assert tally_rows(session) == expected_tally(session)
        # the second statement had two reports (TASS, RT): one is left; Sputnik's reported
        # "the forces reached the airports" is a story of its own
        assert sorted(s.reports for s in session.execute(select(Story)).scalars()) == [1, 1, 2]


def test_a_quote_spanning_two_stories_merges_them_and_the_old_id_redirects(engine, tmp_path):
    from fastapi.testclient import TestClient

    from app.models import StoryAlias
    from app.web.main import create_app

    ingest(engine, tmp_path / "1", tass=articles.TASS_PARTS)
    with Session(engine) as session:
        first = story_of(session, "TASS", "الوحدات البيلاروسية")
        second = story_of(session, "TASS", "الطائرات الروسية")
        assert first != second  # one article's two quotes: two stories so far
    ingest(engine, tmp_path / "2", rt=articles.RT_WHOLE)
    with Session(engine) as session:
        merged = story_of(session, "RT", "الوحدات البيلاروسية")
        assert story_of(session, "TASS", "الوحدات البيلاروسية") == merged
        assert story_of(session, "TASS", "الطائرات الروسية") == merged
        gone = ({first, second} - {merged}).pop()
        assert session.get(Story, gone) is None
        assert session.get(StoryAlias, gone).story_id == merged
        assert session.get(Story, merged).reports == 3
        assert tally_rows(session) == expected_tally(session)
    with TestClient(create_app(engine)) as client:
        response = client.get(f"/stories/{gone}", follow_redirects=False)
        assert response.status_code == 308
        assert response.headers["location"] == f"/stories/{merged}"


def test_two_answers_of_one_interview_stay_two_stories_when_a_report_sums_up_both(engine, tmp_path):
    ingest(engine, tmp_path / "1", tass=articles.TASS_TWO_ANSWERS)
    ingest(engine, tmp_path / "2", rt=articles.RT_BOTH_ANSWERS)
    with Session(engine) as session:
        situation = story_of(session, "TASS", "إطلاق النار")
        observers = story_of(session, "TASS", "بعثة مراقبين على الحدود")
        summed = story_of(session, "RT", "بعثة مراقبين")
        # RT's report matches both answers: it joins one, and never makes the two one story
        assert situation != observers
        assert summed in {situation, observers}
        assert tally_rows(session) == expected_tally(session)
