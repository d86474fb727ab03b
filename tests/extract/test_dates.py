"""Time expressions, their resolution, statement dates and the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from app.extract import CorpusContext, extract_article
from app.extract.dates import find_time_expressions, resolve
from app.extract.model import ArticleExtraction, DateValue
from app.extract.textnorm import normalize_text
from tests.extract.conftest import event_for

FRIDAY = date(2022, 1, 14)


def one(text: str, ref: date | None = FRIDAY):
    exprs = find_time_expressions(normalize_text(text))
    assert exprs, f"no expression in {text!r}"
    e = max(exprs, key=lambda e: e.end - e.start)
    dv = resolve(e, ref)
    return dv.value if dv else None, dv.precision if dv else None


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("اليوم الخميس 13 يناير/كانون الثاني 2022", "2022-01-13", "day"),
        ("١٤ يناير ٢٠٢٢", "2022-01-14", "day"),
        ("14 كانون الثاني 2022ء", "2022-01-14", "day"),
        ("بحلول يوم التاسع عشر من كانون الثاني/يناير", "2022-01-19", "day"),
        ("في العاشر من مارس/آذار", "2022-03-10", "day"),
        ("في 6 جانفي 2022", "2022-01-06", "day"),
        ("يوم 3 جويلية 2023", "2023-07-03", "day"),
        ("الثلاثاء 11/1/2022", "2022-01-11", "day"),
        ("بتاريخ 2022/01/11", "2022-01-11", "day"),
        ("في 11-1-2022", "2022-01-11", "day"),
        ("في 9 يناير", "2022-01-09", "day"),
        ("في الـ 6 من كانون الثاني الجاري", "2022-01-06", "day"),
        ("في يناير 2022", "2022-01", "month"),
        ("في عام 2021", "2021", "year"),
        ("في العام 2021", "2021", "year"),
        ("منتصف يناير", "2022-01", "month"),
        ("مطلع العام الجاري", "2022-01", "month"),
        ("نهاية الشهر الماضي", "2021-12", "month"),
        ("الشهر المقبل", "2022-02", "month"),
        ("اليوم", "2022-01-14", "day"),
        ("أمس الخميس", "2022-01-13", "day"),
        ("مساء أمس", "2022-01-13", "day"),
        ("صباح اليوم", "2022-01-14", "day"),
        ("غداً", "2022-01-15", "day"),
        ("بعد غد", "2022-01-16", "day"),
        ("قبل يومين", "2022-01-12", "day"),
        ("يوم الأربعاء الماضي", "2022-01-12", "day"),
        ("الاثنين المقبل", "2022-01-17", "day"),
        ("في أيار/مايو الماضي", "2021-05", "month"),
        ("تشرين الأول/أكتوبر 2023", "2023-10", "month"),
    ],
)
def test_expression_resolves(text, value, precision):
    assert one(text) == (value, precision)


def test_duration_is_not_a_date():
    assert find_time_expressions(normalize_text("سيبدأ الانسحاب في غضون يومين")) == ()


def test_offsets_point_into_the_raw_text_despite_noise():
    text = "أعلن\u00a0الوزير، أمـــس الخمــيس، أن القوات ستغادر"
    (e,) = find_time_expressions(normalize_text(text))
    assert text[e.start : e.end] == e.text == "أمـــس الخمــيس"


def test_weekday_that_does_not_match_is_noted():
    (e,) = find_time_expressions(normalize_text("اليوم الأربعاء 13 يناير 2022"))
    dv = resolve(e, None)
    assert dv.value == "2022-01-13" and "does not match" in dv.note


def test_publication_date_from_arabic_indic_dateline(extract):
    ex = extract(
        "لافروف: الوضع أظهر فعالية القوات\n\n١٤ يناير ٢٠٢٢\n\nأكد الوزير أن القوات فعالة.\n"
    )
    assert ex.published.value == "2022-01-14" and ex.published.basis == "explicit"
    assert all("١٤ يناير" not in e.text or e.kind == "statement" for e in ex.events)


def test_publication_date_from_urdu_dateline_with_hamza(extract):
    ex = extract(
        "( أردو بوینت نتورك ۔ / سبوتنيك - 14 كانون الثاني 2022ء) أعلن الأمين العام ستانيسلاف زاس، "
        "اليوم الجمعة، أن من السابق لأوانه الحديث عن التطبيع.\n"
    )
    assert ex.published.value == "2022-01-14"
    assert ex.outlet == "Sputnik"


def test_publication_date_from_today_with_full_date_in_body(extract):
    ex = extract(
        "وصرّح الأمين العام بذلك خلال المراسم التي جرت اليوم الخميس 13 يناير/كانون الثاني 2022.\n"
    )
    assert ex.published == DateValue(ex.published.value, "day", "explicit", ex.published.note)
    assert ex.published.value == "2022-01-13"


INFER = (
    "أعلن الرئيس توكاييف اليوم أن القوات أنهت مهمتها.\n"
    "ووفقا لقرار المجلس الذي تم تبنيه في الـ 6 من كانون الثاني الجاري تم إرسال القوات.\n"
    "وأضاف شويغو في مؤتمر عبر الهاتف، اليوم الثلاثاء: “سيتم تنفيذ مهام القوات حتى يستقر الوضع”.\n"
    "وأشار إلى أنه وفقا لقرار المجلس في 9 يناير، أكملت الوحدات انتشارها.\n"
)


def test_publication_date_inferred_from_weekday_month_and_the_year_other_articles_give_that_day():
    # another article writes 9 January 2022 in full: the year of that day, not a common year
    other = ArticleExtraction(
        text="", published=DateValue("2022-01-09", "day", "explicit"), events=()
    )
    ctx = CorpusContext.from_extractions([other])
    ex = extract_article(INFER, context=ctx)
    assert ex.published.value == "2022-01-11"
    assert ex.published.basis == "inferred"
    assert "Tuesday" in ex.published.note and "2022" in ex.published.note
    assert event_for(ex, "سيتم").date.value == "2022-01-11"
    assert any(e.date and e.date.value == "2022-01-06" for e in ex.events)


def test_publication_date_without_context_does_not_crash():
    ex = extract_article(INFER)
    assert ex.published is None or ex.published.basis == "inferred"


def test_no_publication_year_from_the_corpus_s_commonest_year():
    # other articles are all of 2022, but none gives these days: the year is not known
    other = ArticleExtraction(
        text="", published=DateValue("2022-01-13", "day", "explicit"), events=()
    )
    ex = extract_article(INFER, context=CorpusContext.from_extractions([other]))
    assert ex.published is None


def test_statement_dated_by_introducing_text_not_by_the_quote(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        "وأعلن وزير الدفاع الروسي سيرغي شويغو، أمس الخميس، أن القوات ستغادر يوم الجمعة.\n"
        'وقال شويغو، خلال اجتماع مع الرئيس فلاديمير بوتين، "نبدأ الانسحاب اليوم. سنقوم غدا بسحب '
        'جميع القوات بحلول يوم التاسع عشر من كانون الثاني/يناير".\n'
    )
    ev = event_for(ex, "نبدأ")
    assert ev.date.value == "2022-01-13"
    dated = {e.date.value for e in ex.events if e.kind == "event"}
    assert "2022-01-19" in dated


def test_no_date_in_intro_falls_back_to_publication(extract):
    ex = extract('١٤ يناير ٢٠٢٢\nوقال لافروف: "سنواصل العمل مع جميع الشركاء في المنظمة".\n')
    ev = event_for(ex, "سنواصل")
    assert ev.date.value == "2022-01-14" and ev.date.basis == "inferred"


def test_date_of_a_past_relative_weekday(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\nرئيس كازاخستان أعلن، يوم الأربعاء الماضي، بدء انسحاب وحدات حفظ السلام.\n"
    )
    (ev,) = [e for e in ex.events if e.kind == "event"]
    assert ev.date.value == "2022-01-12"
    # a bare title names no one: it stays the title (the KB never puts in a person)
    assert ev.speaker and ev.speaker.name_ar == "رئيس كازاخستان"
    assert ev.countries == ("KZ",)


def test_day_of_the_same_month_takes_the_month_of_the_date_before():
    from app.extract.dates import find_time_expressions, resolve
    from app.extract.textnorm import normalize_text

    es = find_time_expressions(
        normalize_text("بدأ الانسحاب في ٢٠ مارس ٢٠٢١ واكتمل في ٢٨ من الشهر ذاته.")
    )
    assert [resolve(e, None).value for e in es] == ["2021-03-20", "2021-03-28"]


def test_month_of_the_same_year_takes_the_year_of_the_date_before():
    from datetime import date

    from app.extract.dates import find_time_expressions, resolve
    from app.extract.textnorm import normalize_text

    es = find_time_expressions(
        normalize_text("أعلن الإصلاحات في أبريل ٢٠١٩، وجرى الاستفتاء في أغسطس من العام نفسه.")
    )
    assert resolve(es[-1], date(2020, 2, 1)).value == "2019-08"


def test_start_of_the_year_without_a_direction_is_the_current_year():
    from datetime import date

    from app.extract.dates import find_time_expressions, resolve
    from app.extract.textnorm import normalize_text

    es = find_time_expressions(normalize_text("شارك في جميع الاجتماعات منذ مطلع العام."))
    assert resolve(es[0], date(2024, 5, 3)).value == "2024-01"


def test_last_week_is_the_month_of_that_week():
    from datetime import date

    from app.extract.dates import find_time_expressions, resolve
    from app.extract.textnorm import normalize_text

    es = find_time_expressions(normalize_text("صادق البرلمان الأسبوع الماضي على القانون."))
    dv = resolve(es[0], date(2024, 3, 4))  # the week before Monday 4 March is in February
    assert (dv.value, dv.precision) == ("2024-02", "month")


def test_maghrebi_past_word_alfarit():
    from datetime import date

    from app.extract.dates import find_time_expressions, resolve
    from app.extract.textnorm import normalize_text

    es = find_time_expressions(normalize_text("زار دوشنبي في أفريل الفارط."))
    assert resolve(es[0], date(2025, 6, 5)).value == "2025-04"


def test_publication_inferred_from_the_eve_of_a_first_anniversary(extract):
    ex = extract(
        "رئيس قرغيزستان في ذكرى الأحداث\n\n"
        "قال الرئيس القرغيزي صدير جباروف اليوم الخميس، "
        "عشية الذكرى الأولى للاتفاق الموقع في ١٥ مارس ٢٠٢٣ "
        "بين البلدين، إن الحدود أصبحت آمنة.\n"
        "وكانت المفاوضات قد بدأت في ٢ فبراير ٢٠٢٣.\n"
    )
    assert ex.published.value == "2024-03-14"  # the eve of 15 March 2024, a Thursday
    assert ex.published.basis == "inferred"


def test_maghrebi_levantine_and_clitic_year_forms():
    from app.extract.dates import find_time_expressions
    from app.extract.textnorm import normalize_text

    cases = {
        "في السابع من شتنبر الماضي": (None, 9, 7),
        "في 3 كانون ثاني 2019": (2019, 1, 3),
        "يوم 4 جوان 2020": (2020, 6, 4),
        "منذ شهر أيار/مايو": (None, 5, None),
        "رئيس المنظمة للعام 2023": (2023, None, None),
    }
    for text, want in cases.items():
        (e,) = find_time_expressions(normalize_text(text))
        assert (e.year, e.month, e.day) == want, text


def test_urdu_month_names_in_a_republisher_header_give_the_dateline(extract):
    ex = extract(
        "( اردو پوائنٹ اخبار تازہ ترین - شينخوا. ۰۳ اکتوبر ۲۰۲۳ء) موسكو/ شينخوا\n"
        + 'وقال المتحدث باسم الكرملين دميتري بيسكوف للصحفيين إن "الحوار مع يريفان مستمر رغم الخلافات".\n'  # noqa: E501
    )
    assert ex.published.value == "2023-10-03"
    assert ex.outlet == "Xinhua"


def test_a_pair_of_days_takes_the_later_and_a_clitic_digit_is_not_split():
    (e,) = find_time_expressions(normalize_text("يومي 15 و16 تشرين الثاني/نوفمبر 2022"))
    assert (e.day, e.month, e.year) == (16, 11, 2022)


def test_a_day_part_before_a_weekday_is_that_weekday():
    # Wednesday 14 September 2022: 'فجر الثلاثاء' is the day before
    assert one("اندلعت الاشتباكات فجر الثلاثاء على الحدود", date(2022, 9, 14)) == (
        "2022-09-13",
        "day",
    )
    assert one("وصل الوفد مساء الأحد إلى العاصمة", date(2022, 9, 14)) == ("2022-09-11", "day")


def test_a_month_of_last_year_or_this_year():
    ref = date(2024, 11, 20)
    assert one("سيطرت القوات على الإقليم في شتنبر من العام الماضي", ref) == ("2023-09", "month")
    assert one("وقع الاتفاق في 13 مارس من العام الجاري", ref) == ("2024-03-13", "day")
    assert one("تنعقد القمة في مايو من العام المقبل", ref) == ("2025-05", "month")
