# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Spelling-tolerant person matching: a name written in a spelling the KB does not list."""

from __future__ import annotations

import pytest

from app.extract.knowledge import load_knowledge, phonetic_key
from app.extract.textnorm import norm, normalize_text
from tests.extract.conftest import event_for

DATELINE = "١٤ يناير ٢٠٢٢\n"


def people_in(text: str) -> list[str]:
    kb = load_knowledge()
    nt = normalize_text(text)
    return [m.payload[1] for m in kb.matches_in(nt, "person")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("تاشييف", "تاشيف"),  # doubled yeh
        ("ماتفيينكو", "ماتفينكو"),  # long vowel dropped
        ("غيراسيموف", "قيراسيموف"),  # g written غ / ق
        ("جيراسيموف", "گيراسيموف"),  # g written ج / گ
        ("كامتشيبيك", "كامشيبك"),  # تش / ش, a vowel dropped
        ("بوليشوك", "پوليشوك"),  # ب / پ
        ("زاخاروفا", "زخاروفا"),  # medial alef dropped
    ],
)
def test_spelling_variants_share_a_phonetic_key(a, b):
    assert phonetic_key(norm(a)) == phonetic_key(norm(b))


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("قال السيناتور فالنتينا ماتفيينكو", "valentina-matviyenko"),
        ("وصرح قيراسيموف", "valery-gerasimov"),
        ("وأكد لافرووف", "sergey-lavrov"),
        ("وقالت زخاروفا", "maria-zakharova"),
        ("وقال نيبيينزيا", "vasily-nebenzia"),
        ("وقال الرئيس توكايف", "kassym-jomart-tokayev"),
    ],
)
def test_unlisted_spelling_of_a_kb_name_is_found(written, slug):
    assert slug in people_in(written)


@pytest.mark.parametrize(
    "sentence",
    [
        "قال المسؤول إن الاجتماع المقبل سيعقد في العاصمة",
        "أكدت المنظمة أن التعاون العسكري مستمر بين البلدان الأعضاء",
        "وأشار إلى أن القوات المشتركة جاهزة للانتشار السريع",
        "وتطرق البيان إلى الأوضاع الأمنية على الحدود الطاجيكية الأفغانية",
        "كما ناقش الطرفان تطوير الشراكة الاستراتيجية والاقتصادية",
        "صرح مصدر دبلوماسي بأن المحادثات كانت بناءة ومفيدة جدا",
    ],
)
def test_ordinary_words_match_no_one(sentence):
    assert people_in(sentence) == []


def test_fuzzy_name_speaks_in_an_article(extract):
    ex = extract(
        DATELINE
        + 'وقال رئيس لجنة الأمن القومي القرغيزية كامشيبك تاشيييف: "الوضع على الحدود تحت السيطرة الكاملة".\n'
    )
    assert event_for(ex, "الوضع على الحدود").speaker.name_en == "Kamchybek Tashiev"


# ---------------------------------------------------------------- bare titles and tenure


def test_bare_title_resolves_to_the_holder_whose_tenure_covers_the_date(extract):
    ex = extract(
        "١٤ مايو ٢٠٢٢\n"
        + "زار شيرعلي ميرزو مواقع القوات على الحدود.\n"
        + 'وقال وزير الدفاع الطاجيكي: "قواتنا مستعدة لحماية الحدود الجنوبية للمنظمة".\n'
    )
    assert event_for(ex, "قواتنا مستعدة").speaker.name_en == "Sherali Mirzo"
    # the same title in 2010, when another held it: the one named is not the holder, and
    # the knowledge base never puts in a person the article does not write
    ex = extract(
        "١٤ مايو ٢٠١٠\n"
        + "زار شيرعلي ميرزو مواقع القوات على الحدود.\n"
        + 'وقال وزير الدفاع الطاجيكي: "قواتنا مستعدة لحماية الحدود الجنوبية للمنظمة".\n'
    )
    assert event_for(ex, "قواتنا مستعدة").speaker.name_en != "Sherali Khairulloev"


def test_bare_title_outside_every_tenure_stays_the_title(extract):
    # the KB's first Kyrgyz defence minister took office in 2021: a 2015 article's title is
    # no one in the KB, so the title itself speaks
    ex = extract(
        "١٤ مايو ٢٠١٥\n"
        + 'وقال وزير الدفاع القرغيزي: "التدريبات المشتركة تعزز جاهزية القوات في المنطقة".\n'
    )
    sp = event_for(ex, "التدريبات المشتركة").speaker
    assert sp.name_en is None and sp.slug is None
    assert sp.name_ar == "وزير الدفاع القرغيزي"


def test_bare_title_with_only_a_publication_year_uses_that_year():
    from datetime import date

    from app.extract.model import DateValue
    from app.extract.publication import publication_period as _period

    year = _period(DateValue("2023", "year", "inferred"))
    assert year == (date(2023, 1, 1), date(2023, 12, 31))
    assert _period(DateValue("2024-02", "month", "inferred")) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
    )
    kb = load_knowledge()
    holders = kb.holders({"foreign_minister"}, "AM", None, *year)
    assert [p.name_en for p in holders] == ["Ararat Mirzoyan"]
    # 2021 saw three Armenian foreign ministers: no single holder, the title stays a title
    assert (
        len(kb.holders({"foreign_minister"}, "AM", None, date(2021, 1, 1), date(2021, 12, 31))) > 1
    )


def test_bare_title_with_no_date_at_all_stays_the_title(extract):
    ex = extract('وقال وزير الدفاع القرغيزي: "التدريبات المشتركة تعزز جاهزية القوات في المنطقة".\n')
    sp = event_for(ex, "التدريبات المشتركة").speaker
    assert sp.slug is None and sp.name_ar == "وزير الدفاع القرغيزي"
