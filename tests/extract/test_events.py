"""Events that are true (issue 9, item 4): a date becomes an ``event`` only with a trigger in
its clause; a statement's date, a noun phrase's date or a plan horizon is none; recalled
facts are ``background``; an event is never speech. Sentences written for these tests."""

from __future__ import annotations

from app.extract.events import find_trigger, forms, recalled
from app.extract.model import DateValue
from app.extract.textnorm import norm

DATELINE = "موسكو 20 مارس 2024 (خاص) -\n"


def events_of(extract, body: str):
    return [e for e in extract(DATELINE + body).events if e.kind == "event"]


def test_a_dated_meeting_is_an_event(extract):
    (ev,) = events_of(extract, "وعقد وزراء دفاع الدول الأعضاء اجتماعهم في 18 مارس 2024 بمينسك.\n")
    assert ev.date.value == "2024-03-18"
    assert ev.trigger == "meeting"
    assert ev.speech is None and not ev.background


def test_the_date_of_an_announcement_is_no_event(extract):
    # the day dates the words (a statement), not what the minister said would happen
    evs = events_of(extract, "وأعلن وزير الخارجية، أمس الثلاثاء، أن بلاده تدرس المقترح بعناية.\n")
    assert evs == []


def test_an_announced_act_is_an_event_of_the_announcer(extract):
    body = "رئيس كازاخستان أعلن، يوم الاثنين الماضي، بدء انسحاب القوات من البلاد.\n"
    (ev,) = events_of(extract, body)
    assert ev.date.value == "2024-03-18"
    assert ev.speaker is not None and ev.speaker.name_en == "Kassym-Jomart Tokayev"


def test_a_date_inside_a_noun_phrase_is_no_event(extract):
    body = "وتحدث الوزير في مؤتمر صحفي عن حصيلة عمل الوزارة في العام 2023.\n"
    assert events_of(extract, body) == []


def test_a_plan_horizon_is_no_event(extract):
    body = "وتنص الخطة على تطوير القوات الجماعية حتى عام 2030.\n"
    assert events_of(extract, body) == []


def test_a_date_beside_a_press_conference_dates_a_statement(extract):
    body = "وقال المتحدث في مؤتمر صحفي اليوم إن التحضيرات مستمرة.\n"
    assert events_of(extract, body) == []


def test_a_reporting_verb_after_the_date_ends_its_clause(extract):
    # no trigger before the date: the verb after it does not lend one from its content
    body = "وفي 19 مارس، قال الأمين العام إن الاجتماع سيكون مثمرا.\n"
    assert events_of(extract, body) == []


def test_a_happening_inside_a_quote_is_dated_against_the_statement(extract):
    body = 'وقال وزير الدفاع أمس: "نبدأ سحب الوحدات غدا من كل المواقع".\n'
    (ev,) = events_of(extract, body)
    assert ev.date.value == "2024-03-20"  # said on the 19th: tomorrow is the 20th


def test_a_context_formula_alone_is_not_background(extract):
    # reporters recall last week's summit with 'يشار إلى أن' as much as a founding
    body = "يشار إلى أن المنظمة عقدت قمتها السابقة في 10 مارس 2024 بموسكو.\n"
    (ev,) = events_of(extract, body)
    assert not ev.background and ev.date.value == "2024-03-10"


def test_a_founding_is_background(extract):
    body = "وتأسست المنظمة في 7 أكتوبر 2002 في كيشيناو.\n"
    (ev,) = events_of(extract, body)
    assert ev.background and ev.date.value == "2002-10-07"


def test_a_happening_long_before_the_publication_is_background(extract):
    body = "وشاركت قوات المنظمة في مناورات مشتركة في أغسطس 2022.\n"
    (ev,) = events_of(extract, body)
    assert ev.background and ev.trigger == "exercise"


def test_a_recent_happening_is_news():
    pub = DateValue("2024-03-20", "day", "explicit")
    assert not recalled(DateValue("2024-03-01", "day", "explicit"), pub)
    assert recalled(DateValue("2024-02-01", "day", "explicit"), pub)
    assert recalled(DateValue("2023-09", "month", "explicit"), pub)
    assert not recalled(DateValue("2024", "year", "explicit"), pub)


def test_since_a_date_long_past_is_background(extract):
    body = "ومنذ 1 يناير 2024 تتولى روسيا رئاسة المنظمة.\n"
    (ev,) = events_of(extract, body)
    assert ev.background


def test_a_meeting_the_words_were_said_at_is_a_happening(extract):
    body = "وأكد الرئيس خلال استقباله الأمين العام أن التعاون مستمر، وذلك يوم الاثنين الماضي.\n"
    (ev,) = events_of(extract, body)
    assert ev.date.value == "2024-03-18" and ev.trigger == "meeting" and ev.speaker is None


def test_a_q_and_a_session_only_dates_the_words(extract):
    body = "صرح بذلك رئيس الوزراء، اليوم الأربعاء، خلال جلسة أسئلة وأجوبة في البرلمان.\n"
    assert events_of(extract, body) == []


def test_trigger_forms_take_clitics_and_suffixes():
    assert norm("انسحاب") in forms(norm("وبالانسحاب"))
    assert norm("زيارة") in forms(norm("زيارته"))
    assert norm("قرار") in forms(norm("لقرار"))
    # a press conference is a speech occasion, not a meeting; a conference is one
    assert find_trigger(norm("خلال مؤتمر صحفي للوزير").split()) is None
    assert find_trigger(norm("خلال مؤتمر وزراء الدفاع").split())[1] == "meeting"


def test_an_embedded_post_is_no_part_of_the_article(extract):
    ex = extract(
        "قال الوزير إن المحادثات ستستمر.\n"
        "الرئيس يعلن قمة ثلاثية الأسبوع المقبل https://t.co/abc pic.twitter.com/xyz"
        "— صحيفة ما (@somepaper) October 29, 2022\n"
    )
    assert [e for e in ex.events if e.kind == "event"] == []
    assert ex.published is None


def test_a_recalling_sentence_of_an_undated_article_is_background(extract):
    ex = extract("وكانت آخر مرة زار فيها الرئيس يريفان في أكتوبر 2019.\n")
    (ev,) = [e for e in ex.events if e.kind == "event"]
    assert ev.background and ev.date.value == "2019-10"
