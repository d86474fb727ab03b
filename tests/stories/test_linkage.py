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
from app.stories.assign import _Row, band_keys
from app.stories.match import Report, fits, similarity
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


# one statement in three outlets (one gives more of it), and another of the speaker's, whose
# words meet only the fullest report's
SHORT_A = """قال رئيس الوزراء الأرمني نيكول باشينيان إن "أرمينيا جمدت مشاركتها في أنشطة المنظمة".
"""
FULL = """قال رئيس الوزراء الأرمني نيكول باشينيان إن "أرمينيا جمدت مشاركتها في أنشطة المنظمة ولن ترسل ممثلين إلى اجتماعاتها".
"""
SHORT_B = """أعلن رئيس الوزراء الأرمني نيكول باشينيان أن "أرمينيا جمدت مشاركتها في أنشطة المنظمة".
"""
OTHER = """قال رئيس الوزراء الأرمني نيكول باشينيان إن "يريفان لن ترسل ممثلين إلى مناورات الخريف".
"""


def test_a_report_joins_a_story_only_when_it_matches_half_its_reports(engine, tmp_path):
    texts = {"short_a": SHORT_A, "full": FULL, "short_b": SHORT_B, "other": OTHER}
    for i, (name, text) in enumerate(texts.items()):
        paths = articles.write(tmp_path / str(i), **{name: text})
        assert all(o.status == "added" for o in ingest_paths(paths, engine, max_bytes=MAX))
    found = stories(engine)
    assert found["short_a.txt"] == found["full.txt"] == found["short_b.txt"]
    assert found["other.txt"] != found["full.txt"]


def _happening(text: str, event_id: str) -> _Row:
    day = dt.date(2022, 9, 14)
    return _Row(
        event_id, f"art-{event_id}", None, "event", None, str(day), "day", "explicit", day,
        text, None, None,
    )  # fmt: skip


def test_a_happening_recalled_in_one_line_is_proposed_with_the_full_report_of_it():
    line = _happening("تصاعد القتال على حدود قرغيزستان وطاجيكستان يوم 14 سبتمبر", "short")
    full = _happening(
        "تصاعد القتال يوم 14 سبتمبر على حدود قرغيزستان وطاجيكستان وتبادل حرس الحدود إطلاق النار "
        "في عدة قرى وأعلنت السلطات إجلاء السكان من المناطق القريبة وإغلاق المعابر",
        "full",
    )
    short_words, full_words = line.report.words.undated, full.report.words.undated
    assert features.jaccard(short_words, full_words) < 0.35  # too far apart for the bands
    keys = [band_keys(r, features.signatures([r.report.words.undated])[0]) for r in (line, full)]
    assert set(keys[0]) & set(keys[1])


def _said(text: str, article: str, day: dt.date | None = None) -> Report:
    return Report(
        event_id=f"e-{article}",
        article_id=article,
        kind="statement",
        speaker_id="nikol-pashinyan",
        date_start=day,
        date_precision="day" if day else None,
        words=features.Words.of(text),
    )


def test_undated_reports_of_one_speaker_need_three_words_in_common():
    # two words in common ("تجميد", "مشاركة"): the subject, not the statement
    freeze = _said("قرار تجميد مشاركة يريفان نهائي", "a")
    legal = _said("تجميد مشاركة بلادنا إجراء قانوني", "b")
    assert similarity(freeze, legal) == 0.0
    # the same two words on one stated day: one occasion, in other words
    day = dt.date(2024, 2, 28)
    assert similarity(_said("قرار تجميد مشاركة يريفان نهائي", "a", day),
                      _said("تجميد مشاركة بلادنا إجراء قانوني", "b", day)) > 0  # fmt: skip
    # undated, a third word in common: the same statement
    assert similarity(freeze, _said("تجميد مشاركة يريفان قرار لا رجعة فيه", "c")) > 0


def test_a_speech_verb_with_a_conjunction_is_not_a_word_of_what_was_said():
    words = features.Words.of("وذكر باشينيان أن المحادثات مع أذربيجان ستستأنف").stems
    assert not words & {"وذكر", "ذكر", "باشينيان"}
    # two statements of one speaker, undated, whose only words in common would be the verb
    # (twice, with and without its conjunction) and the country
    talks = _said("وذكر باشينيان أن المحادثات مع أذربيجان في أرمينيا ستستأنف", "a")
    base = _said("وذكر باشينيان أن إغلاق القاعدة في أرمينيا لم يناقش", "b")
    assert similarity(talks, base) == 0.0
