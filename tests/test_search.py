"""Full-text search with light Arabic stemming: proclitics (و ف ب ل ك ال لل …) don't hide a word,
on SQLite FTS5 and on PostgreSQL's to_tsvector('simple', …)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session
from starlette.datastructures import QueryParams

from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent
from app.filters import TimelineFilters
from app.models import Country, Event
from app.search import query_groups, search_key, word_forms
from app.store import save_article, sync_countries

SENTENCES = {
    "and_russia": "وقال إن وروسيا تدعم القرار.",
    "to_russia": "وأرسلت كازاخستان طلبا لروسيا أمس.",
    "with_russia": "واتصل الرئيس بروسيا هاتفيا.",
    "and_the_withdrawal": "وبدأ التحضير والانسحاب من المدينة.",
    "the_withdrawal": "وأعلن الأمين العام الانسحاب الكامل.",
    "unrelated": "وعقد المجلس اجتماعا في موسكو.",
}


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("والانسحاب", ("والانسحاب", "انسحاب", "الانسحاب")),
        ("الانسحاب", ("الانسحاب", "انسحاب")),
        ("للأمن", ("للامن", "الامن", "لامن")),  # ل + ال written لل: the article comes back
        ("بروسيا", ("بروسيا", "روسيا")),
        ("روسيا", ("روسيا",)),
        ("الأمن", ("الامن",)),  # امن would be 3 letters: too short to strip to
        ("وزير", ("وزير",)),  # زير: too short
        ("ولا", ("ولا",)),
        ("Putin", ("putin",)),
    ],
)
def test_word_forms_strip_proclitics_conservatively(word, forms):
    assert word_forms(search_key(word).split()[0]) == forms


def test_index_text_holds_each_word_then_its_stripped_forms():
    assert search_key("قال: والانسحاب لروسيا") == "قال والانسحاب انسحاب الانسحاب لروسيا روسيا"


def test_query_groups_one_per_distinct_word():
    assert query_groups("الانسحاب روسيا الانسحاب") == [("الانسحاب", "انسحاب"), ("روسيا",)]


@pytest.fixture
def store(engine):
    text = "\n".join(SENTENCES.values())
    events, start = [], 0
    for sentence in SENTENCES.values():
        events.append(
            ExtractedEvent(
                kind="event",
                start=start,
                end=start + len(sentence),
                text=sentence,
                date=DateValue("2022-01-14", "day", "explicit"),
            )
        )
        start += len(sentence) + 1
    with Session(engine) as session:
        sync_countries(
            session,
            [Country(iso2="KZ", name_ar="كازاخستان", name_en="Kazakhstan", csto_member=True)],
        )
        save_article(
            session,
            source_file="a.txt",
            extraction=ArticleExtraction(text=text, outlet="TASS", events=tuple(events)),
            extractor_version="v1",
        )
    return engine


def _found(engine, q: str) -> set[str]:
    filters = TimelineFilters.from_query(QueryParams({"q": q}))
    with Session(engine) as session:
        rows = session.execute(
            select(Event.text).where(*filters.where(dialect=engine.dialect.name))
        ).scalars()
        by_text = {sentence: name for name, sentence in SENTENCES.items()}
        return {by_text[row] for row in rows}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("روسيا", {"and_russia", "to_russia", "with_russia"}),
        ("الانسحاب", {"and_the_withdrawal", "the_withdrawal"}),
        ("انسحاب", {"and_the_withdrawal", "the_withdrawal"}),
        ("والانسحاب", {"and_the_withdrawal", "the_withdrawal"}),
        ("لروسيا", {"and_russia", "to_russia", "with_russia"}),
        ("روسيا الانسحاب", set()),  # every word must match
        ("موسكو", {"unrelated"}),
    ],
)
def test_search_finds_words_behind_proclitics(store, q, expected):
    assert _found(store, q) == expected


def _camel_chain(text: str) -> list[str]:
    """normalize_words as it was written: camel_tools' functions one after another."""
    import re
    import unicodedata

    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
    )

    from app.search import _DIGITS

    text = unicodedata.normalize("NFKC", text).translate(str.maketrans(_DIGITS))
    text = dediac_ar(text.replace("\u0640", ""))
    text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    return re.sub(r"[^\w]+|_", " ", text.lower()).split()


def test_normalize_words_is_the_camel_tools_chain_in_one_table():
    from app.search import normalize_words

    every_arabic = "".join(chr(c) for c in range(0x0600, 0x0700)) + " ﻷ ﷲ ـ ۱۲ ی ک"
    texts = [*SENTENCES.values(), every_arabic, "أَحمدُ إلى مدرسةٍ ـــ آخر ٱلكتاب Ünïcode İ"]
    texts += [every_arabic[i::7] for i in range(7)]
    # normalized a whitespace-delimited piece at a time, the words are those of the whole text:
    # odd spaces, a mark after a space, a ligature of several words, a Greek final sigma
    texts += ["روسيا\u00a0وكازاخستان\u3000أمس\x1cو", "قال \u064e\u0301 ثم \u0651أ", "ﷺ ﷻ ﷲ"]
    texts += ["ΟΔΟΣ ΟΔΟΣ. Σ ΑΣ\tΣΑ", "a\u2028b\u0085c \u200b d"]
    for text in texts:
        assert normalize_words(text) == _camel_chain(text)
