# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""When a statement was made when its introducing text gives no date."""

from __future__ import annotations

from tests.extract.conftest import event_for

HEADER = "قمة في بيشكك\n\nالسبت - 12 جمادى الأولى 1446 هـ - 14 ديسمبر 2024 مـ\n\n"


def test_speeches_at_the_event_of_the_lead_take_its_day(extract):
    ex = extract(
        HEADER
        + "ناقش قادة دول المنظمة، خلال قمتهم التي استضافتها العاصمة القرغيزية أمس، الوضع على الحدود.\n"
        + 'وقال الرئيس القرغيزي صدير جباروف إن "الحدود المشتركة تحتاج إلى حماية جماعية أقوى من أي وقت مضى".\n'
    )
    ev = event_for(ex, "الحدود المشتركة")
    assert ev.date.value == "2024-12-13"
    assert "lead" in ev.date.note


def test_lead_quote_takes_the_date_the_body_gives_the_same_speaker(extract):
    ex = extract(
        "وزير الخارجية الروسي ينتقد الغرب\n\nنشر في : 10 جويلية 2025 - 09:15\n\n"
        'موسكو - انتقد وزير الخارجية الروسي سيرغي لافروف الغرب، معتبرا أنه "لا يقبل بأي شراكة متكافئة مع أحد".\n'
        'وقال لافروف، في مؤتمر صحفي عقده أمس الأربعاء، إن "المنظمة ستواصل العمل مع كل من يحترم مصالحها".\n'
    )
    assert event_for(ex, "المنظمة ستواصل").date.value == "2025-07-09"
    assert event_for(ex, "لا يقبل").date.value == "2025-07-09"


def test_a_month_inside_the_reported_matter_does_not_date_the_statement(extract):
    ex = extract(
        "١٠ نوفمبر ٢٠٢٢\n"
        "اجتمع قادة المنظمة اليوم في يريفان.\n"
        'أما رئيس الوزراء الأرميني نيكول باشينيان، فانتقد تأخر رد المنظمة على ما وصفه بهجوم القوات الأذربيجانية على الأراضي الأرمينية في سبتمبر (أيلول) الماضي، قائلاً: "طلبنا المساعدة ولم نحصل على أي رد حتى اليوم".\n'
    )
    assert event_for(ex, "طلبنا المساعدة").date.value == "2022-11-10"


def test_a_month_right_after_the_reporting_verb_dates_the_statement(extract):
    ex = extract(
        "٥ يونيو ٢٠٢٥\n"
        'وكان الأمين العام للمنظمة قد صرح في ماي الماضي بأن "المنظمة منفتحة على التعاون مع الجميع دون استثناء".\n'
    )
    ev = event_for(ex, "المنظمة منفتحة")
    assert ev.date.value == "2025-05"
