# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Countries around a quote, page furniture, outlet and title."""

from __future__ import annotations

from tests.extract.conftest import event_for, quote_texts

DATELINE = "١٤ يناير ٢٠٢٢\n"


def countries(ex, prefix):
    return set(event_for(ex, prefix).countries)


def test_names_adjectives_plurals_and_capitals_count(extract):
    ex = extract(
        DATELINE + 'وقال الوزير الروسي: "يغادر الزملاء القرغيزيون بعد فرار الأمريكيين، ونسمع من '
        'واشنطن تصريحات عن الحدود الطاجيكية - الأفغانستانية".\n'
    )
    assert countries(ex, "يغادر") == {"RU", "KG", "US", "TJ", "AF"}


def test_clitics_and_spelling_variants(extract):
    ex = extract(
        DATELINE + 'وقال شويغو: "سنسحب قوات شركائنا لروسيا وبيلاروسيا وبكازاخستان وقيرغيزستان '
        'وطاجكستان وروسيا البيضاء".\n'
    )
    assert countries(ex, "سنسحب") == {"RU", "BY", "KZ", "KG", "TJ"}


def test_medium_name_is_not_a_country(extract):
    ex = extract(
        DATELINE + 'وقال زاس لقناة "روسيا- 24 ": "من الواضح أن نقطة تحول في الوضع قد حدثت".\n'
    )
    assert countries(ex, "من الواضح") == set()


def test_regions_and_people_are_not_countries(extract):
    ex = extract(
        DATELINE
        + 'وقال شويغو خلال اجتماع مع الرئيس فلاديمير بوتين: "الوضع في آسيا الوسطى والقوقاز '
        'وناغورني قره باغ يتطلب الحذر".\n'
    )
    assert countries(ex, "الوضع") == set()


def test_countries_of_a_second_quote_start_after_the_first(extract):
    ex = extract(
        DATELINE + 'وقال الرئيس الكازاخستاني إن "الانسحاب سيبدأ خلال يومين من البلاد" مؤكدا أن '
        '"محاولة الانقلاب في أرمينيا باءت بالفشل".\n'
    )
    assert countries(ex, "الانسحاب") == {"KZ"}
    assert countries(ex, "محاولة") == {"AM"}


def test_noise_lines_are_ignored(extract):
    text = (
        "Ru En\n\nلافروف: الوضع أظهر فعالية القوات\n\n(@FahadShabbir)\n\n١٤ يناير ٢٠٢٢\n\n"
        'وقال لافروف: "نحن مستعدون للعمل مع جميع الشركاء".\n\n(تستمر)\n\nPhoto : Creative Commons\n'
        "أفكارك وتعليقاتك\n"
    )
    ex = extract(text)
    assert quote_texts(ex) == ["نحن مستعدون للعمل مع جميع الشركاء"]
    assert all("Photo" not in e.text and "تستمر" not in e.text for e in ex.events)
    assert ex.title == "لافروف: الوضع أظهر فعالية القوات"


def test_outlet_from_footer_not_from_agencies_named_in_the_body(extract):
    body = (
        DATELINE
        + 'وقال فولودين في بيان اليوم نقلته وكالة نوفوستي: "نسمع من واشنطن تصريحات غريبة".\n'
    )
    assert extract(body).outlet is None
    assert extract(body + "المصدر: تاس\n").outlet == "TASS"


def test_outlet_from_a_leading_dateline(extract):
    ex = extract(
        "يريفان، 23 نوفمبر/ تشرين الثاني 2022 (سبوتنيك) - أعلن رئيس الوزراء الأرميني نيكول "
        "باشينيان، اليوم الأربعاء، أن بلاده لن توقع على الإعلان.\n"
    )
    assert ex.outlet == "Sputnik"
    assert ex.published.value == "2022-11-23"


def test_title_none_when_first_line_is_a_sentence(extract):
    ex = extract("أعلن الأمين العام للمنظمة عن استقرار الوضع في كازاخستان.\nالمصدر: تاس\n")
    assert ex.title is None


def test_bare_dateline_makes_no_event(extract):
    ex = extract("١٤ يناير ٢٠٢٢\nاجتمع الوزراء لبحث الوضع.\n")
    assert ex.events == ()


def test_dated_non_quote_events(extract):
    ex = extract(
        DATELINE
        + "وفقا لقرار مجلس الأمن الجماعي الذي تم تبنيه في 6 يناير 2022، تم إرسال قوات حفظ سلام إلى كازاخستان.\n"
        + "وشهدت كازاخستان، منذ مطلع العام الجاري، موجة احتجاجات.\n"
    )
    got = {(e.date.value, e.date.precision) for e in ex.events}
    assert ("2022-01-06", "day") in got and ("2022-01", "month") in got
    assert all(e.kind == "event" and e.countries == ("KZ",) for e in ex.events)


def test_outlet_from_a_short_city_outlet_line(extract):
    ex = extract(
        "لوكاشينكو: الباب ليس مغلقاً\n\n2023-11-23\n\nمينسك-سانا\n\nأكد الرئيس البيلاروسي أن المنظمة تبقى الضامن.\n"
    )
    assert ex.outlet == "SANA"
    assert ex.published.value == "2023-11-23"


def test_month_pair_written_with_a_space(extract):
    ex = extract("بريست 2 سبتمبر أيلول 2024 (رويترز) - بدأت التدريبات المشتركة يوم الاثنين.\n")
    assert ex.published.value == "2024-09-02"
    assert ex.outlet == "Reuters"
