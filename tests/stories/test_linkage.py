# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""A story is one occasion: what joins it is checked against the whole story, not only the
report it matched, so one speaker's statements on a theme over months do not chain into one."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlmodel import Session

from app.ingest import ingest_paths
from app.models import Article, Event
from app.stories import features
from app.stories.match import Report, fits
from tests.stories import articles

MAX = 1_000_000

# one speaker on one theme: in February (dated), undated (an article without a dateline, its
# words close to both), and in June (dated)
FEBRUARY = """يريفان، 22 فبراير 2024 - قال رئيس الوزراء الأرمني نيكول باشينيان إن "أرمينيا جمدت مشاركتها في أنشطة المنظمة ولن ترسل ممثلين إلى اجتماعاتها".
"""
UNDATED = """قال رئيس الوزراء الأرمني نيكول باشينيان إن "أرمينيا جمدت مشاركتها في أنشطة المنظمة ولن ترسل ممثلين إلى اجتماعاتها وستغادرها قريبا".
"""
JUNE = """يريفان، 12 يونيو 2024 - قال رئيس الوزراء الأرمني نيكول باشينيان إن "أرمينيا جمدت مشاركتها في أنشطة المنظمة وستغادرها قريبا".
"""


def report(day: dt.date | None, precision: str | None = "day", article: str = "a") -> Report:
    return Report(
        event_id=f"e-{article}",
        article_id=article,
        kind="statement",
        speaker_id="nikol-pashinyan",
        date_start=day,
        date_precision=precision if day else None,
        words=features.Words.of("جمدت أرمينيا مشاركتها في أنشطة المنظمة"),
    )


def test_a_report_does_not_join_a_story_with_a_report_of_another_day():
    february, june = report(dt.date(2024, 2, 22)), report(dt.date(2024, 6, 12), article="c")
    undated = report(None, article="b")
    assert fits(undated, [february]) and fits(undated, [june])
    assert not fits(june, [february, undated])  # the story's February report is too far
    assert fits(report(dt.date(2024, 2, 24), article="d"), [february, undated])
    # a month only: within it is no contradiction, another month is
    assert fits(report(dt.date(2024, 2, 1), "month", article="e"), [february])
    assert not fits(report(dt.date(2024, 6, 1), "month", article="e"), [february])


def stories(engine) -> dict[str, str]:
    with Session(engine) as session:
        rows = session.execute(
            select(Article.source_file, Event.story_id).join(
                Article, Article.id == Event.article_id
            )
        ).all()
    return dict(rows)


@pytest.mark.parametrize("order", [("feb", "undated", "june"), ("feb", "june", "undated")])
def test_an_undated_report_does_not_chain_two_occasions_into_one_story(engine, tmp_path, order):
    texts = {"feb": FEBRUARY, "undated": UNDATED, "june": JUNE}
    for i, name in enumerate(order):  # one article at a time: the stories grow as they come
        paths = articles.write(tmp_path / str(i), **{name: texts[name]})
        assert all(o.status == "added" for o in ingest_paths(paths, engine, max_bytes=MAX))
    found = stories(engine)
    assert found["feb.txt"] != found["june.txt"]
    assert found["undated.txt"] in {found["feb.txt"], found["june.txt"]}
