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
