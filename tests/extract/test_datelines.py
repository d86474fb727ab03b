# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Publication date and outlet from datelines, headers and footers."""

from __future__ import annotations

from tests.extract.conftest import event_for


def test_yearless_dateline_takes_the_year_from_an_event_name_and_the_weekday(extract):
    ex = extract(
        "أستانا (كازاخستان) 16 سبتمبر أيلول (رويترز) - بدأت قوات المنظمة يوم الاثنين مناورات "
        'تحمل اسم "الأخوة الثابتة-2024" في منطقة قرب الحدود.\n'
        'وقال قائد المناورات للصحفيين "سنختبر قدرتنا على الرد السريع في ظروف صعبة للغاية".\n'
    )
    assert ex.published.value == "2024-09-16"  # a Monday
    assert ex.published.basis == "inferred"
    assert ex.outlet == "Reuters"


def test_yearless_dateline_prefers_the_year_whose_weekday_agrees(extract):
    # the article writes 2015; 3 March 2015 is a Tuesday, 3 March 2016 a Thursday
    ex = extract(
        "مينسك 3 آذار/مارس (د ب أ)- قال مسؤول في المنظمة اليوم الخميس إن الاجتماع سيعقد قريبا.\n"
        "وكانت الدول الأعضاء قد وقعت الاتفاق في 12 شباط/فبراير 2015 في العاصمة البيلاروسية.\n"
    )
    assert ex.published.value == "2016-03-03"
    assert ex.outlet == "dpa"


def test_hijri_date_beside_the_gregorian_one_in_a_header_is_ignored(extract):
    ex = extract(
        "قادة المنظمة يجتمعون في يريفان\n\n"
        "الأربعاء - 28 ربيع الآخر 1444 هـ - 23 نوفمبر 2022 مـ رقم العدد [ 16066]\n\n"
        'وقال الأمين العام للمنظمة ستانيسلاف زاس أمس إن "القمة ستناقش الوضع على الحدود".\n'
    )
    assert ex.published.value == "2022-11-23"
    assert ex.published.basis == "explicit"


def test_agency_in_brackets_after_a_full_date_without_a_dash_is_the_outlet(extract):
    ex = extract(
        "بكين 7 أكتوبر 2003 (شينخوا) أكد المتحدث باسم الخارجية أن التعاون مع المنظمة مفيد.\n"
    )
    assert ex.published.value == "2003-10-07"
    assert ex.outlet == "Xinhua"


def test_agency_initials_alone_on_the_last_line_are_the_outlet(extract):
    ex = extract(
        "الجزائر تتابع اجتماع المنظمة\n\n"
        "نشر في : 12 جوان 2025 - 10:05\n\n"
        "قال وزير الخارجية الروسي إن المنظمة منفتحة على الحوار مع جميع الشركاء.\n\n"
        "(واج)\n"
    )
    assert ex.outlet == "APS"


def test_outlet_named_in_a_short_line_under_the_header_with_an_ambiguous_name(extract):
    ex = extract(
        "قمة في موسكو\n\n"
        "الخميس - 13 ربيع الأول 1446 هـ - 17 أكتوبر 2024 مـ\n\n"
        "موسكو: «الشرق الأوسط»\n\n"
        "عقد قادة المنظمة أمس قمة في موسكو ناقشوا فيها الوضع في الشرق الأوسط.\n"
    )
    assert ex.outlet == "Asharq Al-Awsat"


def test_region_middle_east_in_the_body_is_no_outlet(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        "وقال لافروف إن الوضع في الشرق الأوسط - كما في آسيا الوسطى - يتطلب تنسيقا أكبر بين الشركاء.\n"
    )
    assert ex.outlet is None


def test_statement_introduced_with_last_month_is_dated_to_that_month(extract):
    ex = extract(
        "٥ أكتوبر ٢٠٢٣\n"
        'وقالت وزارة الخارجية الأرمينية الشهر الماضي إن "قرار عدم المشاركة في المناورات نهائي ولا رجعة فيه".\n'
    )
    ev = event_for(ex, "قرار عدم")
    assert ev.date.value == "2023-09"
    assert ev.date.precision == "month"


def test_yearless_dateline_after_a_city_and_comma_takes_the_year_the_article_writes(extract):
    ex = extract(
        "أخبار\n\nأستانا، 23 نوفمبر/تشرين الثاني (كازإنفورم)\n"
        "قال رئيس كازاخستان قاسم جومارت توكاييف اليوم إن بلاده ستتولى رئاسة المنظمة لعام 2024، "
        "بعد اجتماع عقد في الخامس من مارس 2023.\n"
    )
    assert ex.published.value == "2024-11-23"


def test_weekday_day_and_month_without_a_year_gives_the_publication(extract):
    ex = extract(
        "لافروف يصل إلى يريفان\n\n"
        "يصل وزير الخارجية الروسي إلى يريفان اليوم الخميس، بعد أن التقى نظيره الأرميني أمس الأربعاء 12 دجنبر في موسكو.\n"
        "وكانت أرمينيا قد جمدت مشاركتها في المنظمة في فبراير 2017، ثم عادت إليها في ماي 2019.\n"
    )
    assert ex.published.value == "2018-12-13"
    assert ex.published.basis == "inferred"


def test_agency_in_the_dateline_under_a_page_header_date_is_the_outlet(extract):
    ex = extract(
        "| 2024-03-11 08:05:00 | موقع إخباري\n\n"
        "مناورات مشتركة في طاجيكستان\n\n"
        "دوشنبه 11 مارس 2024 (شينخوا) بدأت اليوم (الاثنين) مناورات مشتركة لقوات المنظمة.\n"
    )
    assert ex.outlet == "Xinhua"
    assert ex.published.value == "2024-03-11"


def test_a_masthead_line_is_the_outlet_and_not_the_title(extract):
    ex = extract(
        "كازإنفورم\n\nالسنة ١٢ - العدد ٣٤٥٦\n\nتوكاييف يستقبل وفدا من المنظمة\n\n"
        "استقبل رئيس كازاخستان قاسم جومارت توكاييف اليوم الأحد وفدا من منظمة معاهدة الأمن الجماعي.\n"
    )
    assert ex.outlet == "Kazinform"
    assert ex.title == "توكاييف يستقبل وفدا من المنظمة"


# ---- outlets named by page furniture, by position -----------------------------------------


def test_first_line_outlet_before_agencies_dash(extract):
    ex = extract("العربي الجديد - وكالات\nالأحد 5 مايو 2024 - 10:00\n\nنص الخبر هنا عن المنظمة.\n")
    assert ex.outlet == "Al-Araby Al-Jadeed"


def test_common_word_outlet_only_when_the_line_is_just_its_name(extract):
    body = "وقال المسؤول لمراسل الأخبار إن المنظمة تعمل بجد في المنطقة كلها.\n"
    assert extract("١٤ يناير ٢٠٢٢\n\n" + body).outlet is None
    assert extract("١٤ يناير ٢٠٢٢\n\n" + body + "\nالأخبار\n").outlet == "Al-Akhbar"


def test_byline_footer_initials_slash_outlet(extract):
    ex = extract("١٤ يناير ٢٠٢٢\n\nنص الخبر هنا عن المنظمة وأعضائها.\n\nع. ح / الخبر\n")
    assert ex.outlet == "El Khabar"


def test_outlet_between_slashes_in_a_dateline(extract):
    ex = extract("بيشكيك، 12.05.2023 /كابار/ – أعلنت وزارة الدفاع اليوم انتهاء المناورات.\n")
    assert ex.outlet == "Kabar"


def test_numeric_yearless_dateline_takes_the_year_from_the_wire_stamp(extract):
    ex = extract(
        "مينسك - 7 - 3 (كونا) -- قال الأمين العام للمنظمة اليوم الخميس إن الاجتماع المقبل سيعقد في الربيع.\n"
        'وأضاف أن "الدول الأعضاء متفقة على كل بنود جدول الأعمال المطروح".\n'
        "(النهاية)\n"
        "كونا071122 جمت مار 19\n"
    )
    assert ex.published.value == "2019-03-07"
    assert ex.outlet == "KUNA"


def test_anniversary_of_a_year_and_a_week_after_a_date_place_an_undated_article(extract):
    ex = extract(
        "عقد وزراء الخارجية اجتماعهم في العاصمة الكازاخستانية، أمس الجمعة، في الذكرى العاشرة "
        "لتأسيس المجلس عام 2008، وبعد أسبوع فقط من لقاء الرؤساء يومي 3 و4 مارس الجاري.\n"
        'وقال الوزير الكازاخستاني إن "التعاون بين بلداننا يتعزز عاما بعد عام في كل المجالات".\n'
    )
    # 4 March 2018 + a week = Sunday 11 March; "أمس الجمعة" makes today a Saturday
    assert ex.published.value == "2018-03-17"


def test_publishers_masthead_beats_the_agency_its_dateline_credits(extract):
    ex = extract(
        "القدس العربي\n"
        "عنوان الخبر عن المنظمة\n\n"
        "موسكو – (د ب أ): قال الأمين العام للمنظمة اليوم إن الاجتماع المقبل سيعقد في الربيع.\n"
    )
    assert ex.outlet == "Al-Quds Al-Arabi"


def test_source_footer_above_related_links_and_comments_is_the_outlet(extract):
    ex = extract(
        "رحبت المنظمة باتفاق الحدود بين البلدين الجارين في آسيا الوسطى بعد سنوات من النزاع.\n"
        'وقال الأمين العام للمنظمة إن "الاتفاق نموذج لحل النزاعات بالوسائل السلمية في المنطقة".\n'
        "المصدر: الأناضول\n"
        "اقرأ أيضاً\n"
        "• خبر آخر عن المنظمة\n"
        "التعليقات (۲)\n"
        "يوسف: خبر مفرح.\n"
        "نادية: بالتوفيق.\n"
    )
    assert ex.outlet == "Anadolu Agency"


def test_dotted_yearless_dateline_gives_the_agency_and_the_publication(extract):
    # 14 March 2019 is a Thursday
    ex = extract(
        "بيشكيك. 14 مارس. كابار – أعلن مسؤول في المنظمة اليوم الخميس أن التدريبات ستجري في الخريف، "
        "بعد اتفاق وقع في يناير 2019.\n"
    )
    assert ex.outlet == "Kabar"
    assert ex.published.value == "2019-03-14"


def test_dotted_dateline_with_a_year_under_a_header_date_gives_the_agency(extract):
    ex = extract(
        "أخبار المنطقة\n\n"
        "مينسك. 3 يونيو 2021. بيلتا – قال مسؤول في المنظمة إن الاجتماع المقبل سيعقد في الخريف.\n"
    )
    assert ex.outlet == "BelTA"
    assert ex.published.value == "2021-06-03"


def test_yearless_dateline_takes_the_copyright_year_not_a_future_date(extract):
    # 'اعتبارا من 1 مارس 2019' lies ahead; the footer stamps the page 2018
    ex = extract(
        "دوشنبه، 14 أكتوبر (خاور) – عقد وزراء دفاع الدول الأعضاء اجتماعهم في دوشنبه اليوم.\n"
        'وقال وزير الدفاع الطاجيكي للصحفيين: "سنعزز التعاون العسكري بين بلداننا في كل المجالات".\n'
        "وتتولى طاجيكستان رئاسة المجلس اعتبارا من 1 مارس 2019.\n"
        "© 2018 جميع الحقوق محفوظة\n"
    )
    assert ex.published.value == "2018-10-14"


def test_yearless_dateline_ignores_a_future_year_without_a_footer(extract):
    # the past event's year (2017) dates the page, not the coming handover in 2019
    ex = extract(
        "دوشنبه، 14 أكتوبر (خاور) – عقد وزراء دفاع الدول الأعضاء اجتماعهم في دوشنبه اليوم.\n"
        'وقال وزير الدفاع الطاجيكي للصحفيين: "سنعزز التعاون العسكري بين بلداننا في كل المجالات".\n'
        "وتتولى طاجيكستان رئاسة المجلس اعتبارا من 1 مارس 2019، بعد اجتماع عقد في 5 مايو 2017.\n"
    )
    assert ex.published.value == "2017-10-14"


# ---- the site's own furniture: section labels, self-datelines, bylines, image credits --------

_BODY = "وأوضح المتحدث أن الاجتماع المقبل للمجلس سيعقد في الخريف بحضور كل الوزراء.\n"


def test_site_and_section_label_names_the_outlet_and_a_bare_section_word_does_not(extract):
    # 'العالم' is Al-Alam's name and the common word "world": a 'SITE - SECTION' label
    # names the site (spaced or glued dash), a bare line 'العالم' is only a section
    for label in ("العالم - أوروبا", "العالم-آسيا والمحيط"):
        assert extract(label + "\n" + _BODY).outlet == "Al-Alam"
    assert extract("العالم\n\n" + _BODY).outlet is None


def test_a_sites_colon_label_over_the_lead_names_it(extract):
    ex = extract("قمة الوزراء تبدأ اليوم\nتشرين:\nتستضيف العاصمة اليوم اجتماعا للوزراء.\n")
    assert ex.outlet == "Tishreen"
    # the same word as a month in a dateline is no outlet
    ex = extract("دمشق، 3 تشرين الأول 2023 - أعلنت الوزارة أن الاجتماع سيعقد قريبا في العاصمة.\n")
    assert ex.outlet is None


def test_a_body_opening_with_the_sites_own_name_and_a_dash(extract):
    ex = extract("الشرق اليوم – أفادت وكالة محلية بأن التدريبات بدأت في الجبال الشمالية.\n")
    assert ex.outlet == "Al-Sharq Today"


def test_place_slash_outlet_at_the_start_of_the_first_body_paragraph(extract):
    ex = extract(
        "عنوان عن الاجتماع\n• 00:00\n• 3\nموسكو/الأناضول أعلن الكرملين، الجمعة، موعد القمة المقبلة.\n"
    )
    assert ex.outlet == "Anadolu Agency"
    ex = extract("يريفان/ نبأ- قال رئيس الوزراء إن بلاده تدرس كل الخيارات المتاحة أمامها.\n")
    assert ex.outlet == "Nabaa TV"
    # two places, no outlet
    assert extract("موسكو/يريفان- قال الوزير إن المحادثات كانت بناءة ومثمرة.\n").outlet is None


def test_outlet_name_alone_on_a_line_under_the_headline_and_editors(extract):
    ex = extract(
        "رئيس التحرير\nفلان الفلاني\nالوزير ينفي طلب المساعدة من الحلفاء\nصدى البلد\n\n" + _BODY
    )
    assert ex.outlet == "Sada El Balad"


def test_a_latin_image_credit_line_of_an_outlet(extract):
    ex = extract(
        "عنوان الخبر هنا\nقال المتحدث إن الموقف لم يتغير منذ الشهر الماضي.\nSputnik\n" + _BODY
    )
    assert ex.outlet == "Sputnik"


def test_a_photo_credit_names_the_photos_source_not_the_story(extract):
    for credit in ("© Sputnik / مصور الوكالة", "الصورة: رويترز", "تصوير: الأناضول"):
        assert extract("عنوان الخبر هنا\n" + credit + "\n" + _BODY).outlet is None, credit


def test_the_pages_own_address_on_its_stamp_line(extract):
    ex = extract("date 2025-11-27 https://sarabic.ae/20251127/slug-1234.html\n" + _BODY)
    assert ex.outlet == "Sputnik"
    # a link cited inside a sentence is no address of the page
    ex = extract(
        "وأشار التقرير الذي نشره موقع الوكالة الروسية على الرابط https://sarabic.ae/x إلى ذلك.\n"
        + _BODY
    )
    assert ex.outlet is None


def test_a_lone_tatweel_is_a_dash_in_a_dateline(extract):
    ex = extract("عنوان الخبر\nلندن ـ «القدس العربي»:\n" + _BODY)
    assert ex.outlet == "Al-Quds Al-Arabi"
    # a tatweel inside a word stretches it and is no dash
    assert extract("عنوان الخبر\nلنـــدن «القدس»\n" + _BODY).outlet is None


def test_an_outlet_right_after_a_place_and_a_dash_with_no_punctuation(extract):
    ex = extract("بيروت - الميادين نت قال مسؤول في الحكومة إن المحادثات ستستأنف قريبا.\n")
    assert ex.outlet == "Al Mayadeen"
    # a verb after the dash: a place and its sentence, no outlet
    assert extract("كازاخستان – وصل الوزير إلى العاصمة لحضور الاجتماع.\n").outlet is None
    # a common word after the dash is the sentence's subject, not an outlet named 'العالم'
    assert extract("موسكو - العالم يترقب نتائج الاجتماع المقبل للمجلس.\n").outlet is None


def test_an_agency_in_brackets_opening_the_body(extract):
    ex = extract("(د ب أ) قال مسؤول في الحكومة إن المحادثات ستستأنف قريبا في العاصمة.\n")
    assert ex.outlet == "dpa"


def test_the_sites_copyright_line_names_the_publisher_over_the_datelines_agency(extract):
    body = "موسكو (رويترز) - قال مسؤول في الحكومة إن المحادثات ستستأنف قريبا في العاصمة.\n"
    for footer, outlet in (
        ("جميع الحقوق محفوظة © اليوم السابع 2023", "Youm7"),
        ("© 2023 سكاي نيوز عربية", "Sky News Arabia"),
        ("جميع الحقوق محفوظة لموقع صدى البلد", "Sada El Balad"),
    ):
        assert extract(body + "اقرأ أيضا\n" + footer + "\n").outlet == outlet
    # an agency's photo credit at the end is no publisher: the dateline's agency stands
    assert extract(body + "الصورة: © سبوتنيك\n").outlet == "Reuters"


def test_a_phrase_like_outlet_name_keeps_its_time_word_and_a_brand_does_not():
    from app.extract.furniture import name_spans
    from app.extract.knowledge import load_knowledge
    from app.extract.textnorm import normalize_text

    kb = load_knowledge()
    # 'الشرق اليوم' is a site's name and "the East today": only a labelled line is the site
    assert name_spans(normalize_text("تتغير خريطة الشرق اليوم بسرعة."), kb) == ()
    assert name_spans(normalize_text("قال لقناة روسيا اليوم إن الوضع هادئ."), kb) != ()


def test_a_newspaper_header_naming_its_editor_names_the_outlet(extract):
    header = "رئيس مجلسى الإدارة والتحرير\nمحمد الباز\nعنوان الخبر عن الاجتماع\n"
    assert extract(header + _BODY).outlet == "Al-Dostor"
    # the name alone, under no editor's title, is a person in the text, no masthead
    assert extract("عنوان الخبر\nمحمد الباز\n" + _BODY).outlet is None
