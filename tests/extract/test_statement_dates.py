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


def test_a_day_inside_the_complement_clause_is_not_when_it_was_said(extract):
    ex = extract(
        "الجمعة 7 مارس 2025\n\n"
        'أعلن رئيس الأركان المشتركة للمنظمة أناتولي سيدوروف اليوم الجمعة، أن التدريبات ستبدأ قريبا، مشيرا إلى أن "الخطط باتت جاهزة بالكامل".\n'
        'ولفت سيدوروف إلى أن القوات أنهت أمس الخميس مرحلة التحضير، مضيفا أن "كل الوحدات في حالة جاهزية تامة".\n'
    )
    ev = event_for(ex, "كل الوحدات")
    assert ev.date.value == "2025-03-07"


def test_a_period_inside_a_relative_clause_is_not_when_it_was_said(extract):
    ex = extract(
        "الاثنين 3 نوفمبر 2025\n\n"
        'قال وزير الدفاع الكازاخستاني روسلان جاكسيليكوف اليوم إن "التعاون العسكري يتطور بثبات".\n'
        'واعتبر الوزير، الذي تسلم منصبه مطلع العام الماضي، أن "التدريبات المشتركة أثبتت جدواها في كل مرة".\n'
    )
    ev = event_for(ex, "التدريبات المشتركة")
    assert ev.date.value == "2025-11-03"


def test_a_span_start_after_mundhu_is_not_when_it_was_said(extract):
    ex = extract(
        "الأحد 9 فبراير 2025\n\n"
        'وقالت الخارجية الطاجيكية في بيان اليوم إن "المفاوضات تسير بشكل بناء".\n'
        'وأضافت الوزارة، بعد جولات متواصلة منذ الشهر الماضي، أن "الطرفين اقتربا من اتفاق نهائي".\n'
    )
    assert event_for(ex, "الطرفين اقتربا").date.value == "2025-02-09"


def test_statements_at_an_occasion_the_lead_dates_take_its_day(extract):
    ex = extract(
        "صحيفة الغد\n\nالسبت ٨ مارس ٢٠٢٥\n\nقادة المنظمة يتفقون على خطة جديدة\nمن مراسلنا في مينسك:\n\n"
        "اتفق وزراء دفاع الدول الأعضاء، خلال اجتماعهم الذي احتضنته العاصمة البيلاروسية أمس، على خطة تدريب مشتركة.\n"
        'وقال وزير الدفاع البيلاروسي فيكتور خرينين في تصريح للصحفيين على هامش الاجتماع إن "الخطة تغطي السنوات الثلاث المقبلة".\n'
        'وأوضح خرينين أن "التمويل سيكون بالتساوي بين الدول".\n'
    )
    first = event_for(ex, "الخطة تغطي")
    assert first.date.value == "2025-03-07"
    assert "occasion" in first.date.note
    assert event_for(ex, "التمويل سيكون").date.value == "2025-03-07"


def test_a_future_occasion_does_not_date_a_statement_about_it(extract):
    ex = extract(
        "الثلاثاء ١١ مارس ٢٠٢٥\n\n"
        "تستعد العاصمة الأرمينية لاستضافة اجتماع وزراء الخارجية غدا الأربعاء.\n"
        'وقال المتحدث باسم الكرملين دميتري بيسكوف للصحفيين ردا على سؤال عن الاجتماع: "ننتظر نتائج ملموسة من هذه الجولة".\n'
    )
    assert event_for(ex, "ننتظر نتائج").date.value == "2025-03-11"


def test_hinaha_refers_back_to_the_date_just_mentioned(extract):
    ex = extract(
        "2024-10-02\n\n"
        "وكانت قيرغيزستان قد طلبت في 14 مارس الماضي تأجيل المناورات المشتركة إلى موعد لاحق.\n"
        'وقال رئيس الوزراء القرغيزي أكيلبيك جاباروف حينها إن "الظروف لا تسمح بإجرائها في الربيع".\n'
    )
    assert event_for(ex, "الظروف لا تسمح").date.value == "2024-03-14"


def test_quote_first_at_the_same_occasion_takes_the_time_just_mentioned(extract):
    ex = extract(
        "موسكو 20 مايو 2021 (سبوتنيك) - عقد وزراء دفاع المنظمة اجتماعا اليوم الخميس.\n"
        'وكان وزير الدفاع البيلاروسي قد قال يوم الاثنين الماضي: "سنرسل وحدة إضافية إلى المناورات المشتركة".\n'
        '"نحن ندعم هذا القرار بشكل كامل وسنشارك فيه"، قال وزير الدفاع الكازاخستاني في اليوم نفسه.\n'
    )
    ev = event_for(ex, "نحن ندعم هذا القرار")
    assert ev.date.value == "2021-05-17"


def test_a_month_with_its_year_after_the_cue_dates_the_statement(extract):
    ex = extract(
        "موسكو 20 مايو 2021 (سبوتنيك) - عقد وزراء دفاع المنظمة اجتماعا اليوم الخميس.\n"
        'وقال وزير الخارجية الأوزبكي، في تصريحات أدلى بها في أفريل 2021، إن "بلاده لن تعود إلى المنظمة في المستقبل".\n'
    )
    ev = event_for(ex, "بلاده لن تعود")
    assert ev.date.value == "2021-04"


def test_a_day_dating_an_announcement_does_not_date_the_occasion_it_reports(extract):
    ex = extract(
        HEADER
        + "افتتح رئيس قرغيزستان صدير جباروف اليوم السبت أعمال القمة في بيشكك.\n"
        + "وكانت وزارة الخارجية الطاجيكية قد أعلنت، أمس الجمعة، أن وزيرها لن يحضر القمة.\n"
        + 'وقال جباروف في كلمته أمام القمة: "نحن نواجه تحديات مشتركة تتطلب ردا جماعيا وحازما".\n'
    )
    assert event_for(ex, "نحن نواجه").date.value == "2024-12-14"


def test_quote_first_attribution_dates_the_quote(extract):
    ex = extract(
        HEADER
        + "بدأت قوات المنظمة اليوم السبت تدريبات قرب الحدود الطاجيكية الأفغانية.\n"
        + "«سنرد بحزم على أي تهديد يمس أمن حدودنا المشتركة»، قال وزير الدفاع القرغيزي في تصريحات للصحفيين في بيشكك أمس.\n"
    )
    assert event_for(ex, "سنرد بحزم").date.value == "2024-12-13"


def test_quote_first_attribution_at_an_occasion_takes_its_day(extract):
    ex = extract(
        HEADER
        + "عقدت قمة المنظمة أمس الجمعة في بيشكك بحضور قادة الدول الأعضاء.\n"
        + "وأعلن الأمين العام للمنظمة اليوم السبت أن القرارات ستنفذ قريبا.\n"
        + "«القاعدة الجوية مسألة ثنائية بيننا وبين شركائنا»، قال الرئيس الطاجيكي على هامش القمة.\n"
    )
    assert event_for(ex, "القاعدة الجوية").date.value == "2024-12-13"


def test_a_period_after_an_interview_or_an_audience_dates_the_statement(extract):
    ex = extract(
        HEADER
        + "بدأت قوات المنظمة اليوم السبت تدريبات قرب الحدود الطاجيكية الأفغانية.\n"
        + 'وقال وزير الدفاع القرغيزي، في مقابلة مع قناة محلية الشهر الماضي، إن "القوات مستعدة لأي طارئ على الحدود".\n'
        + '"التدريبات المشتركة ضرورية لأمن المنطقة كلها"، قال الأمين العام للمنظمة للصحفيين في موسكو الشهر الماضي.\n'
    )
    assert event_for(ex, "القوات مستعدة").date.value == "2024-11"
    assert event_for(ex, "التدريبات المشتركة").date.value == "2024-11"


def test_wadhalika_khilal_after_the_quote_places_the_statement(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + 'وأكد وزير الدفاع القرغيزي باكتيبيك بيكبولوتوف أن "الحدود آمنة تماما الآن"، وذلك خلال جولة قام بها إلى باتكين في نوفمبر الماضي.\n'
    )
    assert event_for(ex, "الحدود آمنة").date.value == "2021-11"


def test_body_quotes_after_a_dated_lead_keep_its_day_not_a_later_occasion(extract):
    ex = extract(
        "الخميس 20 يناير 2022\n\n"
        + "خصص وزير الخارجية الروسي سيرغي لافروف جزءا كبيرا من مؤتمره الصحفي، أمس، للعلاقات مع أرمينيا وملفات المنطقة.\n\n"
        + 'وقال لافروف إن "الحوار مع يريفان مستمر رغم الصعوبات".\n\n'
        + 'وعاد لافروف، صباح اليوم، إلى الملف، إذ قال للصحفيين: "لا نريد أي تصعيد في المنطقة".\n'
    )
    assert event_for(ex, "الحوار مع يريفان").date.value == "2022-01-19"
    assert event_for(ex, "لا نريد أي تصعيد").date.value == "2022-01-20"


def test_a_dotted_dateline_is_not_the_lead_sentence(extract):
    ex = extract(
        "2022-01-14 | 10:35\n\n"
        + "أستانا. كازينفورم - دعا وزير الدفاع القرغيزي باكتيبيك بيكبولوتوف إلى تعزيز التعاون، وذلك خلال الاجتماع الذي عقد أمس الخميس في أستانا.\n\n"
        + 'وأكد الوزير في كلمته أن "التعاون بين الجيوش يتطور بثبات".\n'
    )
    assert event_for(ex, "التعاون بين الجيوش").date.value == "2022-01-13"


def test_khilal_tilka_refers_back_to_the_time_just_mentioned(extract):
    ex = extract(
        "2021-10-23\n\n"
        + "وكان الرئيس تفقد سير المناورات يوم الخميس، الحادي والعشرين من أكتوبر، برفقة الوزير.\n\n"
        + 'ونقل المكتب الصحفي عن وزير الدفاع القرغيزي باكتيبيك بيكبولوتوف قوله خلال تلك الجولة: "الوحدات أظهرت جاهزية عالية".\n'
    )
    assert event_for(ex, "الوحدات أظهرت").date.value == "2021-10-21"


def test_the_eve_of_the_occasion_reported_today(extract):
    # a statement made 'on the eve of his trip', with no date of its own: the day before
    ex = extract(
        "موسكو 20 مارس 2024 (خاص) -\n"
        "وصل الرئيس الروسي فلاديمير بوتين إلى مينسك اليوم للمشاركة في القمة.\n"
        "وقد بحث بوتين، عشية رحلته إلى مينسك، ملف الدفاع الجوي، وقال إن العمل على المنظومة "
        "سيستمر دون توقف.\n"
    )
    (st,) = [e for e in ex.events if e.kind == "statement" and "دون توقف" in e.text]
    assert st.date.value == "2024-03-19"


def test_a_day_after_wa_anna_is_in_the_content_not_when_it_was_said():
    # 'وأن' opens a second content clause: its 'أمس' tells what happened, not when it was said
    from app.extract.dates import find_time_expressions
    from app.extract.resources import load_resources
    from app.extract.statement_dates import _Clauses
    from app.extract.textnorm import normalize_text

    nt = normalize_text("وأعلن الوزير نجاح المحادثات، وأن الوفد غادر العاصمة أمس.")
    (e,) = find_time_expressions(nt)
    assert not _Clauses(nt, load_resources()).governs(0, e)


def test_a_day_in_the_lead_s_reported_content_does_not_date_its_quote(extract):
    # 'أمس' tells when the units arrived, inside what was said: the quote keeps the page's day
    ex = extract(
        "موسكو 20 مارس 2024 (خاص) -\n"
        'وذكر القائد أن الوحدات التي وصلت أمس ستبقى، مضيفا: "سنبقى هنا ما دام الخطر قائما".\n'
    )
    assert event_for(ex, "سنبقى هنا").date.value == "2024-03-20"


def test_the_eve_of_an_occasion_the_article_places_ahead_is_the_day_before_it(extract):
    ex = extract(
        "موسكو 20 مارس 2024 (خاص) -\n"
        "تنعقد القمة غدا في العاصمة البيلاروسية.\n"
        'وصرح الرئيس عشية القمة: "سنطرح مبادرات جديدة للأمن الإقليمي".\n'
    )
    assert event_for(ex, "سنطرح").date.value == "2024-03-20"


def test_a_yearless_day_in_an_undated_article_takes_no_year_from_other_articles():
    from app.extract import ArticleExtraction, CorpusContext, extract_article
    from app.extract.model import DateValue

    other = ArticleExtraction(text="", published=DateValue("2022-09-12", "day", "explicit"))
    text = 'وقال الوزير في 12 سبتمبر: "لن نتخلى عن حلفائنا في أي ظرف".\n'
    ex = extract_article(text, context=CorpusContext.from_extractions([other]))
    assert event_for(ex, "لن نتخلى").date is None


def test_a_yearless_day_in_an_undated_article_takes_the_one_year_it_writes(extract):
    ex = extract(
        'وقال الوزير في 12 سبتمبر: "لن نتخلى عن حلفائنا في أي ظرف".\n'
        "وجاءت تصريحاته بعد انتهاء مناورات عام 2022 في المنطقة.\n"
    )
    assert event_for(ex, "لن نتخلى").date.value == "2022-09-12"


def test_a_lead_s_day_after_its_content_and_a_comma_wadhalika_dates_the_speeches(extract):
    # the content clause ends at '، وذلك': the day after it is when the lead's statement was made
    ex = extract(
        "رئيس قرغيزستان يدعو إلى التنسيق\n\nبيشكك – 6 ديسمبر 2024، 11:00\n\n"
        "أكد الرئيس القرغيزي صدير جباروف أن التنسيق بين الجيوش ينبغي أن يتعزز، وذلك خلال ترؤسه أمس الخميس اجتماع وزراء الدفاع، حسبما أفاد مراسل الوكالة.\n\n"
        'وقال جباروف في كلمته أمام القمة: "علينا أن نعمل معا لحماية الحدود المشتركة".\n'
    )
    lead = next(e for e in ex.events if e.speech == "indirect" and "التنسيق بين الجيوش" in e.text)
    assert lead.date.value == "2024-12-05"
    assert event_for(ex, "علينا أن نعمل").date.value == "2024-12-05"


def test_a_month_set_off_by_commas_after_the_subject_dates_the_statement(extract):
    # an undated page: the month and year between commas after the speaker is when he spoke
    ex = extract(
        "الحكومة تتريث في قرار الانسحاب\n\n"
        "وأعلن وزير الخارجية، نوفمبر 2024، أن بلاده لن تتخذ أي خطوة قبل استشارة البرلمان.\n"
    )
    (st,) = [e for e in ex.events if e.kind == "statement"]
    assert st.date is not None and st.date.value == "2024-11"
