# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""The matcher's words and candidate keys: reports are compared on what was said, not on who
said it, and a prolific speaker's statements still find their own story."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
from sqlalchemy import select
from sqlmodel import Session

from app.ingest import ingest_paths
from app.models import Article, Event, Story
from app.stories import features
from app.stories.assign import BUCKET_CAP, _Row, band_keys
from app.stories.match import Report, similarity
from tests.stories import articles


def report(text: str, *, article: str, speaker: str | None = "nikol-pashinyan") -> Report:
    return Report(
        event_id=f"e-{article}",
        article_id=article,
        kind="statement",
        speaker_id=speaker,
        date_start=None,
        date_precision=None,
        words=features.Words.of(text),
    )


def test_the_attribution_is_not_what_two_reports_are_compared_on():
    words = features.Words.of(
        "قال رئيس الوزراء الأرمني نيكول باشينيان إن بلاده ستعيد النظر في عضويتها"
    ).stems
    assert not words & {"باشينيان", "نيكول", "رئيس", "وزراء", "ارمني", "قال"}
    assert {"بلاده", "عضويتها"} <= words


def test_one_speaker_on_two_subjects_with_the_same_attribution_is_two_statements():
    # every word shared is the speaker's name, title, the organisation and the verb
    freeze = report(
        "أعلن رئيس الوزراء الأرمني نيكول باشينيان أن يريفان أوقفت تمويل ميزانية منظمة معاهدة الأمن الجماعي",
        article="a",
    )
    drills = report(
        "أعلن رئيس الوزراء الأرمني نيكول باشينيان أن التدريبات العسكرية المشتركة ألغيت هذا العام في منظمة معاهدة الأمن الجماعي",
        article="b",
    )
    assert similarity(freeze, drills) == 0.0


def test_one_speaker_paraphrased_by_two_outlets_is_one_statement():
    first = report(
        "قال باشينيان إن يريفان أوقفت تمويل ميزانية المنظمة ولن تدفع حصتها هذا العام",
        article="a",
    )
    second = report(
        "أكد رئيس الوزراء الأرمني أن بلاده أوقفت تمويل الميزانية وأنها لن تدفع حصتها",
        article="b",
    )
    assert similarity(first, second) > 0.0
    # another speaker on the same subject, in other words: not this statement (the same words
    # from another speaker would be: test_grouping.py, a disagreement kept)
    lavrov = report(
        "قال وزير الخارجية الروسي إن موسكو ستواصل دفع حصتها في ميزانية المنظمة",
        article="c",
        speaker="sergey-lavrov",
    )
    assert similarity(first, lavrov) == 0.0


def _row(text: str, speaker: str | None, event_id: str = "e1") -> _Row:
    return _Row(
        event_id, "a1", None, "statement", speaker, None, None, None, None, text, None, None
    )


def test_the_same_speaker_sharing_a_content_word_shares_a_candidate_key():
    def keys(text: str, speaker: str) -> set[int]:
        row = _row(text, speaker)
        return set(band_keys(row, features.signature(row.report.words.stems)))

    budget = keys("باشينيان: يريفان أوقفت تمويل ميزانية المنظمة", "nikol-pashinyan")
    same = keys("قال باشينيان إن تمويل المنظمة توقف", "nikol-pashinyan")
    other = keys("قال لافروف إن تمويل المنظمة توقف", "sergey-lavrov")
    assert not budget & keys("قال باشينيان إن التدريبات ألغيت", "nikol-pashinyan")
    # the shared word is a candidate key for any speaker (the same words given to another is
    # a disagreement the exact check may keep), and a second one for the same speaker
    assert budget & other and len(budget & same) > len(budget & other)


def test_a_prolific_speakers_statement_finds_its_story_after_many_others(engine, tmp_path):
    # more undated statements of one speaker than a candidate bucket holds, each on its own
    # subject; then a later article carries the first one again, in other words
    subjects = [
        "تمويل الميزانية", "التدريبات المشتركة", "قوات الرد السريع", "مقر الأمانة", "المراقبين الدوليين",
        "الحدود الجنوبية", "الممر البري", "اللاجئين العائدين", "منظومة الدفاع الجوي", "الضمانات الأمنية",
        "القاعدة العسكرية", "محطة الكهرباء", "الطرق الجبلية", "صادرات الحبوب", "الغاز الطبيعي",
        "السكك الحديدية", "الموانئ البحرية", "المطارات المدنية", "الجامعات الوطنية",
    ]  # fmt: skip
    assert len(subjects) > BUCKET_CAP
    texts = {
        f"s{i:02d}": f'وكالة أنباء - قال رئيس الوزراء الأرمني نيكول باشينيان إن "{subject} أولوية".\n'
        for i, subject in enumerate(subjects)
    }
    ingest_paths(articles.write(tmp_path / "1", **texts), engine, max_bytes=10**6)
    later = 'صحيفة - أكد باشينيان أن "تمويل الميزانية يبقى أولوية".\n'
    ingest_paths(articles.write(tmp_path / "2", later=later), engine, max_bytes=10**6)
    with Session(engine) as session:
        story = {
            source: story_id
            for source, story_id in session.execute(
                select(Article.source_file, Event.story_id).join(Event)
            )
        }
        assert story["later.txt"] == story["s00.txt"]
        assert len({story[f"s{i:02d}.txt"] for i in range(len(subjects))}) == len(subjects)
        assert session.get(Story, story["s00.txt"]).reports == 2


def test_the_signatures_of_a_batch_are_each_sets_minhash():
    rng = random.Random(7)
    vocabulary = [f"كلمة{i}" for i in range(200)]
    sets = [rng.sample(vocabulary, rng.randint(0, 30)) for _ in range(50)]
    for tokens, together in zip(sets, features.signatures(sets), strict=True):
        assert np.array_equal(together, features.signature(tokens))


def test_an_article_restating_a_quote_in_its_own_words_is_one_statement():
    # one article gives the quote and, a paragraph later, its reported form
    quoted = report(
        "قال زاس: «القوات المشتركة أنجزت مهمتها في حماية المطارات والمنشآت الحيوية»",
        article="a",
    )
    restated = report(
        "وأوضح أن القوات المشتركة أنجزت مهمتها في حماية المطارات والمنشآت",
        article="a",
    )
    other_answer = report(
        "وأضاف زاس أن القوات المشتركة ستغادر البلاد خلال عشرة أيام",
        article="a",
    )
    assert restated_of(quoted, restated) and similarity(quoted, restated) > 0.0
    # another answer of the same interview shares the subject, not the statement
    assert not restated_of(quoted, other_answer) and similarity(quoted, other_answer) == 0.0


def restated_of(a: Report, b: Report) -> bool:
    from app.stories.match import restated

    return restated(a, b)


def test_two_quotes_of_one_article_are_parts_of_what_another_outlet_carries_whole():
    from app.stories.match import parts_of

    first = report("قال زاس إن الوحدات البيلاروسية تسلمت حماية محطة الكهرباء", article="a")
    second = report("وأضاف أن الطائرات الروسية نقلت المعدات الطبية إلى المطار", article="a")
    whole = report(
        "قال زاس إن الوحدات البيلاروسية تسلمت حماية محطة الكهرباء بينما الطائرات الروسية نقلت المعدات الطبية إلى المطار",
        article="b",
    )
    elsewhere = report("قال زاس إن الوحدات البيلاروسية تسلمت حماية محطة الكهرباء", article="c")
    assert parts_of(first, second, whole)
    assert not parts_of(first, second, elsewhere)  # carries only one of them
    assert not parts_of(first, second, first)  # never a whole from the parts' own article


def test_a_report_whose_speaker_is_unresolved_may_be_the_other_speakers():
    named = report(
        "قال باشينيان إن يريفان أوقفت تمويل ميزانية المنظمة ولن تدفع حصتها هذا العام",
        article="a",
    )
    unnamed = report(
        "وأشار المسؤول إلى أن تمويل ميزانية المنظمة أوقف وأن حصة بلاده لن تدفع",
        article="b",
        speaker=None,
    )
    assert similarity(named, unnamed) > 0.0
    # the same paraphrase from a named other speaker is another statement
    assert similarity(named, replace(unnamed, speaker_id="sergey-lavrov")) == 0.0


def test_the_name_of_the_organisation_every_article_is_about_is_not_compared_on():
    words = features.Words.of("قال زاس إن منظمة معاهدة الأمن الجماعي ستعقد قمتها في موسكو").stems
    assert not words & {"منظمه", "معاهده", "امن", "جماعي"}
    assert {"ستعقد", "قمتها"} <= words


def test_a_quote_cut_short_shares_a_sampled_word_with_the_whole():
    whole = features.Words.of(
        "الوحدات البيلاروسية تسلمت حماية محطة الكهرباء والطائرات الروسية نقلت المعدات الطبية "
        "إلى المطار والقوات الكازاخية أغلقت الطرق الجبلية المؤدية إلى العاصمة"
    ).stems
    cut = features.Words.of("الوحدات البيلاروسية تسلمت حماية محطة الكهرباء").stems
    assert cut < whole
    assert set(features.sample_words(cut, 8)) & set(features.sample_words(whole, 8))


def test_one_speaker_in_other_words_published_weeks_apart_is_two_occasions():
    import datetime as dt

    near = report("قال باشينيان إن علاقات بلاده بالمنظمة تقترب من نقطة اللاعودة", article="a")
    later = report("وأكد باشينيان أن بلاده تجاوزت نقطة اللاعودة مع المنظمة", article="b")
    assert similarity(near, later) > 0.0  # undated, nothing tells them apart
    september = replace(near, published=dt.date(2024, 9, 12))
    december = replace(later, published=dt.date(2024, 12, 20))
    assert similarity(september, december) == 0.0
    assert similarity(september, replace(december, published=dt.date(2024, 9, 14))) > 0.0
    # the same words republished months later are still the statement
    copy = replace(near, article_id="c", published=dt.date(2024, 12, 20))
    assert similarity(september, copy) > 0.0
