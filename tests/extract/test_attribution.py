# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Attribution on discourse: cues without a subject of their own, titles with apposition."""

from __future__ import annotations

from tests.extract.conftest import event_for

DATELINE = "١٤ يناير ٢٠٢٢\n"


def name(ev):
    sp = ev.speaker
    return sp.name_en or sp.name_ar if sp else None


def test_quoted_paragraph_without_a_verb_continues_the_reporter(extract):
    ex = extract(
        DATELINE
        + "وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن موسكو تتابع التطورات.\n"
        + '"نحن على اتصال دائم مع شركائنا في المنظمة ونتابع الوضع ساعة بساعة".\n'
    )
    assert name(event_for(ex, "نحن على اتصال")) == "Maria Zakharova"


def test_short_quote_without_a_cue_stays_a_name(extract):
    ex = extract(DATELINE + "وقال الوزير إن الوضع مستقر.\n" + '"الأمن الجماعي".\n')
    assert all(not e.quotes for e in ex.events)


def test_title_with_a_dash_before_the_name_after_wifqan(extract):
    ex = extract(
        DATELINE
        + "وفقاً للمساعد الرئاسي الروسي - يوري أوشاكوف، من المتوقع أن توقع القمة عشر وثائق.\n"
    )
    (st,) = [e for e in ex.events if e.kind == "statement"]
    assert "أوشاكوف" in st.speaker.name_ar


def test_participle_goes_with_the_nearest_coordinated_main_verb(extract):
    ex = extract(
        DATELINE
        + 'أعلنت منظمة معاهدة الأمن الجماعي أن البعثة أنجزت مهامها، وقال الأمين العام للمنظمة ستانيسلاف زاس إن "العملية كانت ناجحة بكل المقاييس"، مضيفاً: "لم تقع أي اشتباكات مع المسلحين".\n'
    )
    assert name(event_for(ex, "لم تقع")) == "Stanislav Zas"


def test_clause_before_a_quote_in_the_same_sentence_is_reported(extract):
    ex = extract(
        DATELINE
        + 'أعلنت منظمة معاهدة الأمن الجماعي أن البعثة أنجزت مهامها، وقال الأمين العام للمنظمة ستانيسلاف زاس إن "العملية كانت ناجحة بكل المقاييس".\n'
    )
    (ind,) = [e for e in ex.events if e.speech == "indirect"]
    assert "البعثة أنجزت مهامها" in ind.text
    assert ind.speaker.name_en == "Collective Security Treaty Organization"
