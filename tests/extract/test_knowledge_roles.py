# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Role categories come from the knowledge base's explicit ``category`` field."""

from __future__ import annotations

from app.extract.knowledge import _role_categories, load_knowledge
from app.extract.resources import load_resources
from tests.extract.conftest import event_for


def test_role_category_is_read_from_the_kb_not_guessed_from_titles():
    # "رئيس الدبلوماسية الروسية" contains the one-word title رئيس: the old guess made a head of state
    cats = _role_categories(
        "وزير خارجية روسيا",
        "Minister of Foreign Affairs of Russia",
        ("وزير الخارجية الروسي", "رئيس الدبلوماسية الروسية"),
        load_resources().title_categories,
        "foreign_minister",
    )
    assert "head_of_state" not in cats
    assert "foreign_minister" in cats


def test_no_kb_minister_or_spokesperson_is_a_head_of_state():
    kb = load_knowledge()
    for slug in ("sergey-lavrov", "dmitry-peskov"):
        person = kb.people.get(slug)
        if person is None:
            continue
        for role in person.roles:
            assert "head_of_state" not in role.categories, (slug, role.role_en)


def test_bare_president_resolves_to_the_head_of_state_not_to_the_foreign_minister(extract):
    ex = extract(
        "٣ مارس ٢٠٢٣\n"
        "استقبل بوتين في الكرملين وزراء خارجية الدول الأعضاء.\n"
        'وقال وزير الخارجية الروسي سيرغي لافروف للصحفيين: "نحن ملتزمون بكل تعهداتنا تجاه الحلفاء".\n'
        'وقال الرئيس الروسي: "سنواصل العمل مع شركائنا في المنظمة بلا توقف".\n'
    )
    assert event_for(ex, "سنواصل").speaker.name_en == "Vladimir Putin"


def test_every_person_name_en_is_ascii():
    """The export's English name is compared as ASCII: 'Mevlut Cavusoglu', not 'Mevlüt Çavuşoğlu'."""
    import json
    from pathlib import Path

    people = json.loads(Path("app/extract/data/people.json").read_text(encoding="utf-8"))["people"]
    assert [p["name_en"] for p in people if not p["name_en"].isascii()] == []


def test_the_title_written_beside_a_surname_decides_between_namesakes(extract):
    ex = extract(
        "١٢ مايو ٢٠٢٣\n"
        'وقال رئيس الوزراء القرغيزي جاباروف إن "الحكومة ستعرض خطتها على البرلمان قريبا".\n'
        'وقال الرئيس القرغيزي جاباروف إن "المنظمة ستعقد قمتها المقبلة في بيشكيك".\n'
    )
    names = [e.speaker.name_en for e in ex.events if e.kind == "statement"]
    assert names == ["Akylbek Japarov", "Sadyr Japarov"]


def test_a_fuzzy_match_never_gives_a_name_the_article_does_not_write(extract):
    from app.extract.knowledge import same_spelling
    from app.extract.textnorm import norm

    assert same_spelling(norm("زخاروفا"), "زاخاروفا")
    assert same_spelling(norm("قيراسيموف"), "غيراسيموف")
    assert not same_spelling(norm("ساديروف"), "سيدوروف")
    ex = extract('١٤ يناير ٢٠٢٢\nوقال الجنرال ساديروف إن "القوات جاهزة للانتشار في أي وقت".\n')
    (st,) = [e for e in ex.events if e.kind == "statement"]
    assert "سيدوروف" not in (st.speaker.name_ar if st.speaker else "")
