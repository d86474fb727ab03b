# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Reported (indirect) speech clauses: cue first, attribution phrases, attributed afterwards."""

from __future__ import annotations

from app.extract.knowledge import load_knowledge
from app.extract.quotes import find_quotes
from app.extract.reported import find_reported
from app.extract.resources import load_resources
from app.extract.segment import segment
from app.extract.textnorm import normalize_text

DATELINE = "١٤ يناير ٢٠٢٢\n"


def clauses(text: str):
    res, kb = load_resources(), load_knowledge()
    nt = normalize_text(text)
    paras = segment(nt, res)
    body = {i for i, p in enumerate(paras) if not p.noise}
    found = find_reported(nt, paras, body, find_quotes(nt, paras, res, kb), res)
    return [(c.order, text[c.content_start : c.content_end]) for c in found]


def contents(text: str) -> list[str]:
    return [c for _, c in clauses(text)]


def test_verb_subject_complementizer():
    got = contents("وأكد وزير الدفاع الطاجيكي، صباح اليوم، أن الحدود الجنوبية هادئة تماما.\n")
    assert got == ["الحدود الجنوبية هادئة تماما."]


def test_ila_anna_and_bianna():
    got = contents(
        "وأشار المتحدث إلى أن التدريبات ستجري في الخريف المقبل.\nولفتت الوزارة بأنها لم تتلق أي طلب رسمي.\n"
    )
    assert got == ["التدريبات ستجري في الخريف المقبل.", "لم تتلق أي طلب رسمي."]


def test_participle_opens_a_second_clause():
    got = contents(
        "أعلن الأمين العام أن البعثة أنجزت مهمتها، موضحا أن عودة الجنود تبدأ الأسبوع المقبل.\n"
    )
    assert got == ["البعثة أنجزت مهمتها", "عودة الجنود تبدأ الأسبوع المقبل."]


def test_two_verbs_share_one_complementizer():
    got = contents("وقال الوزير وأضاف أن المفاوضات مستمرة بين الطرفين.\n")
    assert got == ["المفاوضات مستمرة بين الطرفين."]


def test_attribution_phrase_opening_the_sentence():
    got = clauses("وبحسب السفير الأرميني، فإن الاجتماع المقبل سيعقد في يريفان.\n")
    assert got == [("prep_first", "الاجتماع المقبل سيعقد في يريفان.")]


def test_attribution_phrase_closing_the_sentence():
    got = clauses("سيصل وفد عسكري إلى العاصمة خلال أيام، بحسب وزارة الدفاع الكازاخستانية.\n")
    assert got == [("prep_last", "سيصل وفد عسكري إلى العاصمة خلال أيام")]


def test_attribution_phrase_inside_reported_content_is_not_a_new_clause():
    got = contents("وأشار إلى أنه وفقا لقرار المجلس ستنسحب الوحدات خلال عشرة أيام.\n")
    assert got == ["وفقا لقرار المجلس ستنسحب الوحدات خلال عشرة أيام."]


def test_speech_attributed_afterwards():
    got = clauses("القوات ستبقى في مواقعها حتى نهاية الشهر، صرح بذلك قائد العملية.\n")
    assert got == [("after", "القوات ستبقى في مواقعها حتى نهاية الشهر")]


def test_announced_content_after_an_but_not_an_act():
    assert contents("أعلن الرئيس عن تحسن الوضع الأمني في البلاد.\n") == [
        "تحسن الوضع الأمني في البلاد."
    ]
    assert contents("أعلن الرئيس عن انسحاب القوات من البلاد.\n") == []


def test_sentence_with_a_direct_quote_is_left_to_the_quote():
    assert contents('وقال الوزير إن "الوضع تحت السيطرة الكاملة الآن" في العاصمة.\n') == []


def test_impersonal_frame_and_no_complementizer_give_nothing():
    assert contents("يشار إلى أن المنظمة تأسست قبل ثلاثين عاما.\n") == []
    assert contents("وأعرب الوزير عن قلقه من تدهور الأوضاع.\n") == []


def test_content_of_two_words_is_no_clause():
    assert contents("وقال إن ذلك صحيح.\n") == []


def indirect(ex):
    return [e for e in ex.events if e.kind == "statement" and e.speech == "indirect"]


def test_reported_clause_becomes_an_indirect_statement(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        "أعلن وزير الخارجية الروسي سيرغي لافروف، اليوم الجمعة، أن المشاورات مع الحلفاء ستستأنف قريبا.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_en == "Sergey Lavrov"
    assert st.date.value == "2022-01-14"
    assert "المشاورات مع الحلفاء" in st.text and st.quotes == ()


def test_a_sentence_with_a_direct_quote_gives_only_the_direct_statement(extract):
    ex = extract('١٤ يناير ٢٠٢٢\nوقال لافروف إن "المشاورات مع الحلفاء ستستأنف قريبا جدا".\n')
    assert [e.speech for e in ex.events if e.kind == "statement"] == ["direct"]


def test_attribution_phrase_without_a_speaker_is_no_statement(extract):
    ex = extract("١٤ يناير ٢٠٢٢\nوفقا لقرار المجلس، تنسحب الوحدات من المطار خلال أسبوع.\n")
    assert indirect(ex) == []


def test_speech_attributed_afterwards_takes_the_subject_after_the_back_reference(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        "ستبقى قوات المنظمة في البلاد حتى استقرار الأوضاع، صرح بذلك الأمين العام للمنظمة ستانيسلاف زاس.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_en == "Stanislav Zas"


def test_reported_clause_after_a_quote_in_the_same_sentence(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        'قال باشينيان: "لم نتلق أي رد من شركائنا حتى الآن" وفي إشارة إلى الاجتماع الأخير قال باشينيان إن الحكومة ستدرس كل الخيارات.\n'
    )
    assert [e.speech for e in ex.events if e.kind == "statement"] == ["direct", "indirect"]
    assert "ستدرس كل الخيارات" in indirect(ex)[0].text


def test_attributed_in_the_next_sentence():
    got = clauses(
        "سيبقى العرض مطروحا ما دامت الحكومة مهتمة به. صرح بذلك وزير الخارجية في مقابلة تلفزيونية.\n"
    )
    assert got == [("after", "سيبقى العرض مطروحا ما دامت الحكومة مهتمة به")]


def test_a_present_verb_right_after_the_complementizer_is_content():
    assert contents("وأكد الرئيس أنه يعتبر أعمال الشغب عدوانا خارجيا.\n") == [
        "يعتبر أعمال الشغب عدوانا خارجيا."
    ]


def test_decree_after_wifqan_is_no_speaker(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        "قال الرئيس قاسم جومارت توكاييف إن الوضع صعب في المدينة.\n"
        "ووفقا للمرسوم، يبقى الوزراء في مناصبهم مؤقتا إلى أن يختار البرلمان وزارة أخرى.\n"
    )
    assert len(indirect(ex)) == 1


def test_a_wish_after_araba_an_is_no_reported_clause():
    assert contents("وأعرب الوزير عن أمله في أن تنفذ الاتفاقات في أقرب وقت.\n") == []


def test_relayed_content_after_the_relayed_speaker():
    got = contents(
        "ونقلت وكالة أنباء (تاس) الروسية عن الرئيس البيلاروسي تأكيده -في حديث مقتضب- أن الردع النووي يحمي الحدود الغربية.\n"
    )
    assert got == ["الردع النووي يحمي الحدود الغربية."]


def test_deployment_noun_nashr_is_no_transmission_cue():
    got = clauses("قرر المجلس نشر قوات لحفظ السلام في البلاد، حسبما قال رئيس المجلس اليوم.\n")
    assert got == [("prep_last", "قرر المجلس نشر قوات لحفظ السلام في البلاد")]


def test_a_verb_inside_the_reported_content_is_no_new_clause():
    got = contents("صرح رئيس الوزراء بأن وزارة الدفاع أبلغت المنظمة بأن التدريبات غير مناسبة.\n")
    assert got == ["وزارة الدفاع أبلغت المنظمة بأن التدريبات غير مناسبة."]


def test_denial_and_ifada_bi_take_their_object_as_content():
    assert contents("نفت كازاخستان تلقيها أي طلبات لإرسال قوات إلى الخارج.\n") == [
        "كازاخستان تلقيها أي طلبات لإرسال قوات إلى الخارج."
    ]
    assert contents("وأفادت سلطات المدينة، بانتهاك حدودها من قبل عسكريين أجانب.\n") == [
        "بانتهاك حدودها من قبل عسكريين أجانب."
    ]


def test_hadha_ma_alanathu_gives_the_sentence_before(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        "ستنظم أرمينيا مناورات عسكرية مشتركة قرب العاصمة في الربيع. هذا ما أعلنته وزارة الدفاع في بيان قصير.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_ar == "وزارة الدفاع"
    assert "مناورات عسكرية مشتركة" in st.text


def test_content_after_a_colon_without_marks_is_a_direct_quote(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        "وقال وزير الخارجية الروسي سيرغي لافروف في مؤتمر صحفي: دول الحلف تسعى إلى موطئ قدم في آسيا الوسطى وأضاف أنه لا يرى في ذلك خيرا.\n"
    )
    direct = [e for e in ex.events if e.speech == "direct"]
    assert [q.text for e in direct for q in e.quotes] == [
        "دول الحلف تسعى إلى موطئ قدم في آسيا الوسطى"
    ]
    assert direct[0].speaker.name_en == "Sergey Lavrov"


def test_announced_object_that_is_no_act(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        "وكان رئيس النيابة في كازاخستان، سيريك بولاتوف قد أعلن اليوم، مقتل 225 شخصا خلال أعمال الشغب.\n"
    )
    (st,) = indirect(ex)
    assert "مقتل 225" in st.text
    assert contents("أعلن الرئيس حالة الطوارئ في جميع أنحاء البلاد.\n") == []


def test_hasab_ma_afada_takes_the_verbs_subject(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        "دعت دول المنظمة ممثلين عن ثلاث دول كمراقبين، حسب ما أفاد الأمين العام للمنظمة ستانيسلاف زاس.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_en == "Stanislav Zas"


def test_clause_before_a_quote_in_the_same_sentence_is_left_to_the_quote(extract):
    ex = extract(
        '١٤ يناير ٢٠٢٢\nوأشار الوزير إلى أن المعاناة الإنسانية أمر ثانوي لديهم، موضحاً أن "العالم كله رأى ذلك في أمثلة كثيرة".\n'
    )
    assert [e.speech for e in ex.events if e.kind == "statement"] == ["direct"]


def test_colon_then_complementizer_is_indirect_speech(extract):
    ex = extract(
        DATELINE
        + "وقال وزير الدفاع الطاجيكي: إن الوحدات الحدودية تسيطر تماما على المعابر الجنوبية.\n"
    )
    (st,) = [e for e in ex.events if e.kind == "statement"]
    assert st.speech == "indirect" and not st.quotes
    assert "الوحدات الحدودية تسيطر" in st.text


def test_colon_of_a_web_address_introduces_no_speech(extract):
    ex = extract(
        DATELINE
        + "قال الوزير إن الحدود آمنة.\n"
        + "متابعة أخبار الوكالة على تلغرام https://t.me/ExampleNewsChannel\n"
    )
    assert not [q for e in ex.events for q in e.quotes]


def test_attribution_phrase_with_the_verbs_preposition_names_the_speaker(extract):
    ex = extract(
        DATELINE
        + "ستشارك وحدات من خمس دول في التدريبات المقبلة، حسب ما أفاد به قائد القوات الجماعية العقيد رستم أحمدوف.\n"
    )
    (st,) = indirect(ex)
    assert "أحمدوف" in st.speaker.name_ar


def test_a_claim_is_reported_speech(extract):
    ex = extract(
        DATELINE + "ويدعي رئيس الوزراء الأرميني نيكول باشينيان أن ثقة مواطنيه بالحلفاء تراجعت.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_en == "Nikol Pashinyan"


def test_relayed_speaker_keeps_the_clause_when_a_later_cue_follows(extract):
    ex = extract(
        DATELINE
        + "ونقلت وكالة رويترز عن الرئيس الكازاخستاني قاسم جومارت توكاييف قوله للنواب إن الوضع بات هادئا في كل المدن، منتقدا أداء الحكومة السابقة بشدة، قائلا إن الوزراء تأخروا كثيرا في الاستجابة.\n"
    )
    speakers = {e.speaker.name_en for e in indirect(ex)}
    assert any("الوضع بات هادئا" in e.text for e in indirect(ex))
    assert speakers == {"Kassym-Jomart Tokayev"}


def test_correspondent_after_wadhalika_bihasab(extract):
    ex = extract(
        DATELINE
        + "غادرت آخر الوحدات المطار صباح اليوم، وذلك بحسب ما أفاد به مراسل وكالة نوفوستي من هناك.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_ar.startswith("مراسل")


def test_possibility_of_an_act_announced_is_speech(extract):
    ex = extract(
        DATELINE
        + "أعلن رئيس الوزراء الأرميني نيكول باشينيان إمكانية انسحاب بلاده من المنظمة في المستقبل.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_en == "Nikol Pashinyan"


def test_presidency_of_a_country_announces(extract):
    ex = extract(
        DATELINE + "أعلنت رئاسة طاجيكستان، اليوم، استقرار الوضع في المناطق الحدودية كلها.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_ar == "رئاسة طاجيكستان"


def test_hadha_ma_aalana_anhu_gives_the_words_before_it(extract):
    ex = extract(
        DATELINE
        + "ستنضم السويد إلى الحلف قبل نهاية العام المقبل، هذا ما أعلن عنه الأمين العام للحلف ينس ستولتنبرغ اليوم.\n"
    )
    (st,) = indirect(ex)
    assert "ستنضم السويد" in st.text and st.speaker.name_en == "Jens Stoltenberg"


def test_bayyana_before_a_complementizer_is_the_verb(extract):
    ex = extract(
        DATELINE
        + "قال الأمين العام للمنظمة ستانيسلاف زاس إن القوات أنجزت كل مهامها.\n"
        + "وبيّن أن القوات ستعود إلى قواعدها خلال أسبوع واحد.\n"
    )
    (st,) = [e for e in indirect(ex) if "خلال أسبوع" in e.text]
    assert st.speaker.name_en == "Stanislav Zas"


def test_member_countries_as_a_group_announce(extract):
    ex = extract(
        DATELINE
        + "أعلنت البلدان الأعضاء في المنظمة أنها ستجري تدريبات مشتركة قرب الحدود الجنوبية.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_ar == "البلدان الأعضاء في المنظمة"  # the group with its membership


def test_an_accusation_reports_what_the_accused_is_said_to_do():
    got = contents(
        DATELINE
        + "اتهم الرئيس القرغيزي الجانب الآخر بالتحضير لهجوم على القرى الحدودية.\n"
        + "وهاجم الوزير الحلف مجددا، واتهمه بأنه يخطط لتوسيع قواعده في المنطقة.\n"
        + "واتهم بوتين الغرب بمحاولة زعزعة استقرار آسيا الوسطى.\n"
    )
    assert got == [
        "بالتحضير لهجوم على القرى الحدودية.",
        "يخطط لتوسيع قواعده في المنطقة.",
        "بمحاولة زعزعة استقرار آسيا الوسطى.",
    ]


def test_a_while_clause_inside_a_content_is_a_clause_of_its_own(extract):
    ex = extract(
        DATELINE
        + "وأفادت باداليان، المتحدثة باسم الخارجية، بأن الوزير لن يحضر، "
        + "فيما صرح باشينيان أن بلاده جمدت مشاركتها في المنظمة.\n"
    )
    sts = indirect(ex)
    assert [s.speaker.name_en for s in sts] == ["Ani Badalyan", "Nikol Pashinyan"]


def test_a_relay_of_what_someone_said_gives_the_words_to_that_person(extract):
    ex = extract(
        DATELINE
        + "وذكرت وكالة تاس، أنه قال الرئيس الكازاخستاني أمام النواب، إن سحب القوات سيبدأ خلال يومين.\n"
        + "وأكد أنه يعتبر أن المهمة أنجزت بنجاح كامل.\n"
    )
    sts = indirect(ex)
    assert sts[0].speaker.name_ar == "الرئيس الكازاخستاني" and "سحب القوات" in sts[0].text
    assert sts[1].speaker.name_ar == "الرئيس الكازاخستاني" and "المهمة أنجزت" in sts[1].text


def test_a_quoted_term_opening_the_content_stays_indirect():
    got = contents(
        DATELINE + "قال الرئيس القرغيزي إن “عملية تخريب”، في الجنوب كانت هدف المجموعات المسلحة.\n"
    )
    assert got == ["“عملية تخريب”، في الجنوب كانت هدف المجموعات المسلحة."]


def test_more_present_forms_and_a_dual_subject_report(extract):
    ex = extract(
        DATELINE
        + "الأمين العام للمنظمة ستانيسلاف زاس، يصرّح بأن الدول الأعضاء عرضت حزمة من التدابير.\n"
        + "وقال وزيرا خارجية البلدين إنهما توصلا إلى هدنة بعد ساعات من التفاوض.\n"
        + "وكانت زاخاروفا قد أكدت مشاركة الوزير في القمة.\n"
    )
    got = [(s.text.split()[0], s.speaker.name_ar) for s in indirect(ex)]
    assert got == [
        ("الأمين", "ستانيسلاف زاس"),
        ("وقال", "وزيرا خارجية"),
        ("وكانت", "ماريا زاخاروفا"),
    ]


def test_content_after_the_subjects_comma_without_a_complementizer():
    got = contents(
        DATELINE
        + "وقال المكتب الإعلامي، عقدت أمس جلسة طارئة لمجلس الدفاع بحضور كل الأعضاء.\n"
        + "وقال الوزير، خلال مؤتمر صحفي عقده في العاصمة مع نظيره.\n"
    )
    assert got == ["عقدت أمس جلسة طارئة لمجلس الدفاع بحضور كل الأعضاء."]


def test_a_concessive_main_clause_reports_on_its_own(extract):
    ex = extract(
        DATELINE
        + "ورغم أن المسؤولين في حركة طالبان أكدوا أنه لا خطر على الجيران، إلا أن الدول الأعضاء "
        + "في المنظمة تحذر دائما من خطر تسلل المسلحين عبر الحدود.\n"
    )
    got = [(s.speaker.name_ar, s.text.split()[0]) for s in indirect(ex)]
    assert got == [("المسؤولين في حركة طالبان", "ورغم"), ("الدول الأعضاء في المنظمة", "تحذر")]


def test_a_confirmed_killing_or_denied_existence_is_reported_content(extract):
    ex = extract(
        "١ ديسمبر ٢٠٢٥\n"
        "أكدت السفارة الصينية في طاجيكستان، اليوم الجمعة، مقتل ثلاثة مواطنين في هجوم مسلح.\n"
        "وأكد وزير الدفاع القرغيزي عدم وجود أي تهديد للحدود في الوقت الحالي.\n"
    )
    speakers = [e.speaker.name_ar for e in ex.events if e.speech == "indirect"]
    assert speakers == ["السفارة الصينية", "وزير الدفاع القرغيزي"]  # the content is no name


def test_according_to_his_words_is_the_speaker_just_reported(extract):
    ex = extract(
        "١ ديسمبر ٢٠٢٥\n"
        "صرح الأمين العام للمنظمة إيمانغالي تاسماغامبيتوف لوكالة تاس بأن الباب مفتوح أمام عودة أرمينيا.\n"
        "بحسب قوله، تتوقع المنظمة عودة يريفان إلى العمل الفعال تدريجيا.\n"
        "وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن موسكو تتابع الوضع عن كثب.\n"
        "وبحسب تعبيرها، فإن الغرب يحاول زعزعة المنطقة.\n"
    )

    def said(prefix):
        return next(e.speaker.name_en for e in ex.events if e.text.startswith(prefix))

    assert said("بحسب قوله") == "Imangali Tasmagambetov"
    assert said("وبحسب تعبيرها") == "Maria Zakharova"
