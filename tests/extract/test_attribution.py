
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
        + 'وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن موسكو تتابع التطورات.\n'
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
