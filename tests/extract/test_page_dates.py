# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Dates from real page furniture (issue 9, item 6): Latin-script dates, stamps glued to a
section label, month/day/year stamps weighed against the body's weekday, the slashed
dateline 'CITY في DAY MONTH/AGENCY:', and no year taken from the rest of the corpus.
Sentences written for these tests."""

from __future__ import annotations

from collections import Counter

from app.extract import CorpusContext
from app.extract.dates import find_time_expressions
from app.extract.textnorm import normalize_text


def days(text: str) -> list[tuple[int | None, int | None, int | None]]:
    return [(e.year, e.month, e.day) for e in find_time_expressions(normalize_text(text))]


def test_latin_script_dates_inside_the_page():
    assert days("نشر الحساب تغريدة بتاريخ March 3, 2023 عن المناورات") == [(2023, 3, 3)]
    assert days("Posted 5 Nov. 2022") == [(2022, 11, 5)]
    assert days("آخر تحديث: 23rd, November 2023 GMT") == [(2023, 11, 23)]
    assert days("Marching 3 2022") == []  # not a month name


def test_a_numeric_date_glued_to_a_section_label():
    # the whole day '23', not '3' from inside it
    assert days("أخبار دولية23-11-2023 | 18:16") == [(2023, 11, 23)]
    assert days("رقم 123-11-2023") == []


def test_month_day_year_when_the_middle_is_no_month():
    assert days("• 10/24/2021") == [(2021, 10, 24)]
    assert days("11/1/2022") == [(2022, 1, 11)]  # day/month/year stays the reading


def test_a_publication_line_in_latin_script(extract):
    ex = extract(
        "عنوان الخبر عن المنظمة\nتاريخ النشر: 9th, March 2023 GMT\n"
        "قال الأمين العام اليوم الخميس إن المنظمة مستعدة للحوار.\n"
    )
    assert ex.published.value == "2023-03-09"


def test_a_stamp_glued_to_a_section_label_is_the_dateline(extract):
    ex = extract("عنوان الخبر\n\nسياسة3-2-2023 | 10:05\n\nاجتمع الوزراء في مينسك لبحث التعاون.\n")
    assert ex.published.value == "2023-02-03"


def test_a_stamp_a_day_after_the_body_s_weekday_gives_way(extract):
    # 24 October 2021 is a Sunday; the body writes on Saturday: the stamp is the posting day
    ex = extract(
        "عنوان الخبر\n• 10/24/2021\n• 00:00\n"
        "أجرت قوات الدول الأعضاء مناورات مشتركة، اليوم السبت، قرب الحدود.\n"
    )
    assert ex.published.value == "2021-10-23"
    assert ex.published.basis == "inferred" and "Saturday" in ex.published.note


def test_a_stamp_that_agrees_with_the_body_stands(extract):
    ex = extract("عنوان الخبر\n• 10/23/2021\nأجرت القوات مناورات، اليوم السبت، قرب الحدود.\n")
    assert ex.published.value == "2021-10-23" and ex.published.basis == "explicit"


def test_a_slashed_yearless_dateline_takes_the_year_of_its_weekday(extract):
    # 28 February is a Wednesday in 2024 (not in 2022 or 2023, the years the text writes)
    ex = extract(
        "يريفان في 28 فبراير/أرمنبريس: قال رئيس الوزراء، اليوم الأربعاء، إن بلاده "
        "جمدت مشاركتها في المنظمة بعد أحداث سبتمبر 2022 ونوفمبر 2023.\n"
    )
    assert ex.published.value == "2024-02-28"
    assert ex.outlet == "Armenpress"


def test_no_year_from_the_rest_of_the_corpus(extract):
    # nothing in the text gives a year: other articles' years must not be borrowed
    ctx = CorpusContext(years=Counter({2022: 9, 2023: 1}))
    ex = extract(
        "قال الوزير اليوم الثلاثاء إن الاجتماع المقبل سيعقد في 20 مايو الجاري.\n", context=ctx
    )
    assert ex.published is None


def test_a_future_date_is_no_latest_date_for_the_publication(extract):
    ex = extract("وقال الرئيس اليوم الخميس إن رئاسة بلاده للمنظمة ستبدأ في الأول من يناير 2026.\n")
    assert ex.published is None or not ex.published.value.startswith("2026")


def test_a_common_misspelling_of_a_month():
    assert days("اليوم الخميس 2 فراير/شباط 2023") == [(2023, 2, 2)]


def test_a_founding_date_is_never_the_publication_date(extract):
    # the only full date is the organisation's founding: no date rather than 2002
    ex = extract(
        "أكد الأمين العام للمنظمة أن التعاون بين الدول الأعضاء يتعزز.\n"
        "يشار إلى أن المنظمة حلف عسكري انبثق في الـ7 من أكتوبر 2002.\n"
    )
    assert ex.published is None


def test_an_agency_between_slashes_after_a_dateline(extract):
    ex = extract("بيشكيك، 19 مايو 2025. / قابار / استقبل الرئيس وفد المنظمة اليوم.\n")
    assert ex.outlet == "Kabar" and ex.published.value == "2025-05-19"


def test_an_ambiguous_numeric_stamp_is_read_the_way_the_body_s_weekday_agrees(extract):
    # 9/11/2023: 9 November is a Thursday, 11 September a Monday — the body's 'أمس الأحد'
    ex = extract("عنوان الخبر\n• 9/11/2023\nوقال الوزير في مؤتمر صحفي أمس الأحد إن الحوار مستمر.\n")
    assert ex.published.value == "2023-09-11"


def test_the_latest_date_mentioned_is_no_day_of_writing(extract):
    # no dateline, no weekday of "today": a recalled day does not date the page
    ex = extract(
        "تولت أرمينيا رئاسة المجلس في 1 يناير 2025.\n"
        "وقال الأمين العام إن الرئاسة الجديدة ستركز على الحدود.\n"
    )
    assert ex.published is None


def test_without_a_weekday_a_current_month_gives_the_month_only(extract):
    ex = extract(
        "وكان الاجتماع قد انعقد في 3 مارس 2025.\n"
        "وستعقد المنظمة قمتها في 25 مارس الجاري في العاصمة.\n"
    )
    assert ex.published.value == "2025-03" and ex.published.precision == "month"


def test_a_day_of_a_year_the_article_tells_history_in_is_no_anchor(extract):
    # the only dates are those of a treaty the article recalls: 'اليوم الثلاثاء' has no year
    ex = extract(
        "وقال المتحدث اليوم الثلاثاء إن بلاده تستند إلى المعاهدة الموقعة عام 1997.\n"
        "وتم التوقيع على هذه المعاهدة في 29 أغسطس 1997.\n"
    )
    assert ex.published is None


def test_a_stamp_with_a_month_name_between_separators_or_month_first():
    assert days("الثلاثاء 16/نوفمبر/2021") == [(2021, 11, 16)]
    assert days("16-نوفمبر-2021 | 10:30") == [(2021, 11, 16)]
    assert days("نوفمبر 16، 2021 - 10:30") == [(2021, 11, 16)]
    assert days("في نوفمبر 16 مرة") == [(None, 11, None)]  # a month, no day


def test_a_labelled_publication_stamp_in_the_footer(extract):
    # the footer's 'نشر في:' line, after a long body, dates the page; an older meeting's date
    # in the body does not
    body = [
        "بحث الوزراء في اجتماعهم الأخير ملف الحدود، بعد لقاء عقد في 12 مارس 2023.",
        "وقال المتحدث إن الحوار سيستمر بين الطرفين.",
        "وأضاف أن اللجان الفنية ستواصل عملها.",
        "وأشار إلى أن الخرائط ستراجع من جديد.",
        "ولفت إلى أن الطرفين اتفقا على تبادل المعلومات.",
        "وأكد أن الوضع على الحدود هادئ.",
        "ودعا إلى ضبط النفس في المناطق المتنازع عليها.",
        "وختم بأن الاجتماع المقبل سيحدد لاحقا.",
    ]
    text = "عنوان عن اجتماع الوزراء\n\n" + "\n\n".join(body)
    labelled = extract(text + "\n\nنشر في: الأربعاء 5 أبريل 2023 - 09:40\n").published
    assert labelled.value == "2023-04-05" and labelled.basis == "explicit"
    # without its label the last line's date is no stamp
    bare = extract(text + "\n\nالأربعاء 5 أبريل 2023 - 09:40\n").published
    assert bare is None or bare.basis != "explicit"


def test_the_page_s_own_iso_stamp_opening_the_text_is_its_date(extract):
    # the stored page begins with its date stamp, glued to the first sentence
    ex = extract(" date 2025-09-16 أعلن وزير الدفاع أن المناورات المشتركة بدأت في المنطقة.\n")
    assert ex.published.value == "2025-09-16"
    assert ex.published.basis == "explicit"
    # the same words later in the text are no stamp
    ex = extract(
        "اجتمع الوزراء في مينسك لبحث التعاون.\n"
        "وأشار الموقع في أرشيفه إلى صفحة بعنوان date 2025-09-16 عن المناورات المشتركة والتدريبات.\n"
    )
    assert ex.published is None


def test_a_day_glued_to_its_month_name():
    assert days("في مقابلة نشرت اليوم الأحد 3سبتمبر 2023 قال") == [(2023, 9, 3)]
    assert days("العدد 13سبتمبر") == [(None, 9, 13)]
    assert days("الكتيبة3 سبتمبر") == []  # a digit glued to the word before is no day


def test_a_date_and_outlet_stamp_closing_the_lead(extract):
    ex = extract(
        "أكد الرئيس البيلاروسي أن بلاده لا تنوي مهاجمة أحد. 28.10.2025, سبوتنيك عربي\n"
        "وأشار الرئيس في المؤتمر إلى أن الحوار ممكن.\n"
    )
    assert ex.published.value == "2025-10-28"
    assert ex.outlet == "Sputnik"
    # a date and a comma before words that name no outlet are no stamp
    ex = extract("قال الوزير إن الاجتماع عقد في 28.10.2025, في العاصمة.\n")
    assert ex.published is None or ex.published.value != "2025-10-28"


def test_a_span_of_days_with_a_dash_is_dated_by_its_first_day():
    assert days("يعقد المؤتمر في 28-29 أكتوبر/تشرين الأول 2025 في مينسك") == [(2025, 10, 28)]
    assert days("من 1-6 أيلول المقبل") == [(None, 9, 1)]
    assert days("بتاريخ 2025-10-28 قال") == [(2025, 10, 28)]  # an ISO date is no span


def test_today_with_its_weekday_and_full_date_counts_inside_an_open_quotation(extract):
    # 27 November 2024 is a Wednesday; the quotation opened before it is never closed
    ex = extract(
        'أكد الأمين العام أن رفض التعامل مع المنظمة " يكشف تجاهلا مقلقا للأمن، وذلك اليوم الأربعاء 27 نوفمبر 2024.\n'
        "وأشار إلى أن الحوار ممكن مع الجميع.\n"
    )
    assert ex.published.value == "2024-11-27"
    # a weekday that disagrees with the date gives nothing from inside the quotation
    ex = extract(
        'أكد الأمين العام أن رفض التعامل مع المنظمة " يكشف تجاهلا مقلقا للأمن، وذلك اليوم الخميس 27 نوفمبر 2024.\n'
        "وأشار إلى أن الحوار ممكن مع الجميع.\n"
    )
    assert ex.published is None or ex.published.value != "2024-11-27"
