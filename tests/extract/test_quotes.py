# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Quotation finding: one test per phenomenon, each on real Arabic news text."""

from __future__ import annotations

from tests.extract.conftest import event_for, quote_texts

DATELINE = "١٤ يناير ٢٠٢٢\n"


def test_straight_curly_and_guillemet_marks_all_open_quotes(extract):
    text = (
        DATELINE + 'وقال لافروف: "نحن مستعدون للحوار مع جميع الشركاء".\n'
        "وأضاف: “لا نرى أي بديل عن العمل الجماعي في المنظمة”.\n"
        "وتابع: «الوضع في آسيا الوسطى يتطلب يقظة دائمة من الجميع».\n"
    )
    assert quote_texts(extract(text)) == [
        "نحن مستعدون للحوار مع جميع الشركاء",
        "لا نرى أي بديل عن العمل الجماعي في المنظمة",
        "الوضع في آسيا الوسطى يتطلب يقظة دائمة من الجميع",
    ]


def test_reversed_curly_marks_still_pair(extract):
    text = DATELINE + "وقال الوزير الروسي: ”الإمكانات الدفاعية للمنظمة فعالة للغاية“.\n"
    assert quote_texts(extract(text)) == ["الإمكانات الدفاعية للمنظمة فعالة للغاية"]


def test_quote_left_open_runs_to_end_of_paragraph(extract):
    text = (
        DATELINE + 'وقالت الدفاع الروسية في بيان: "وصلت وحدات القوات المسلحة لجمهورية بيلاروسيا '
        "إلى مطار مقاطعة مينسك.\n\n(تستمر)\n"
    )
    ex = extract(text)
    assert quote_texts(ex) == [
        "وصلت وحدات القوات المسلحة لجمهورية بيلاروسيا إلى مطار مقاطعة مينسك."
    ]


def test_stray_closing_mark_does_not_pair_with_next_quote(extract):
    text = (
        DATELINE + "الجدير بالذكر أنه خلال العملية، نقلت الطائرات الروسية أكثر من 2000 عنصر إلى "
        'كازاخستان."\n'
        'وتابع زاس: "عند تقييم أنشطة قوات حفظ السلام الجماعية لا يسع المرء إلا أن يلاحظ '
        'الإجراءات المنسقة".\n'
    )
    ex = extract(text)
    assert quote_texts(ex) == [
        "عند تقييم أنشطة قوات حفظ السلام الجماعية لا يسع المرء إلا أن يلاحظ الإجراءات المنسقة"
    ]


def test_missing_opening_mark_after_colons(extract):
    text = (
        DATELINE + 'وقال زاس لقناة "روسيا- 24 ": :من الواضح أن نقطة تحول في الوضع قد حدثت. '
        'ربما يكون الحديث عن التطبيع سابقًا لأوانه".\n'
    )
    assert quote_texts(extract(text)) == [
        "من الواضح أن نقطة تحول في الوضع قد حدثت. ربما يكون الحديث عن التطبيع سابقًا لأوانه"
    ]


def test_same_marks_nest(extract):
    text = (
        DATELINE + "وأشار فولودين إلى أن “العالم كله رأى ذلك في أمثلة دخول قوات حلف شمال الأطلسي "
        "“ناتو” إلى سورية وليبيا والعراق دون أي دعوات”.\n"
    )
    assert quote_texts(extract(text)) == [
        "العالم كله رأى ذلك في أمثلة دخول قوات حلف شمال الأطلسي “ناتو” إلى سورية وليبيا والعراق "
        "دون أي دعوات"
    ]


def test_straight_marks_nest_around_a_name(extract):
    text = (
        DATELINE + 'كما أشار لافروف إلى أن "هذه التجاوزات زادت بعد فرار أعضاء حلف شمال الأطلسي '
        'الـ "ناتو"، تاركين هذا البلد في حالته".\n'
    )
    assert quote_texts(extract(text)) == [
        'هذه التجاوزات زادت بعد فرار أعضاء حلف شمال الأطلسي الـ "ناتو"، تاركين هذا البلد في حالته'
    ]


def test_three_marks_in_one_sentence_make_two_quotes(extract):
    text = (
        DATELINE + 'وأشار الجنرال سيدوروف إلى أن الوضع الصعب "يتطلب أيضاً استجابة المنظمة السريعة. '
        'وفي هذا الصدد، منوّهاً بكيفية "ذهاب المجموعة التشغيلية إلى جمهورية طاجيكستان في عام 2021."\n'
    )
    ex = extract(text)
    assert quote_texts(ex) == [
        "يتطلب أيضاً استجابة المنظمة السريعة.",
        "ذهاب المجموعة التشغيلية إلى جمهورية طاجيكستان في عام 2021.",
    ]
    assert event_for(ex, "يتطلب").countries == ()
    assert event_for(ex, "ذهاب").countries == ("TJ",)


def test_quote_may_begin_with_a_parenthesis(extract):
    text = (
        DATELINE
        + "وأضاف شويغو: “(في غضون ثلاثة أيام فقط) قامت طائرات القوات الجوية بنقل الأفراد”.\n"
    )
    assert quote_texts(extract(text)) == [
        "(في غضون ثلاثة أيام فقط) قامت طائرات القوات الجوية بنقل الأفراد"
    ]


def test_parenthetical_aside_stays_inside_the_quote(extract):
    text = (
        DATELINE + 'واستدرك قائلا: "آمل ألا يتم تطبيق هذه التجربة بعد الآن (تجربة جذب فرقة المنظمة '
        'كما كان الحال في كازاخستان – تاس)، ولكن يجب أن نكون مستعدين".\n'
    )
    (q,) = quote_texts(extract(text))
    assert "– تاس)" in q and q.endswith("مستعدين")


def test_quoted_names_and_scare_quotes_are_not_speech(extract):
    text = (
        DATELINE
        + 'وقال زاس في خطابه الذي نقل نصه إلى وكالة أنباء "تاس" إن قوات "منظمة معاهدة الأمن '
        'الجماعي" أنهت مهمتها، في مواجهة ما وصفه "بالتهديد الإرهابي" في دول "الأمن الجماعي" و"ناتو".\n'
    )
    assert quote_texts(extract(text)) == []


def test_headline_quote_is_not_a_statement(extract):
    text = 'أمين عام "الأمن الجماعي": "من السابق لأوانه الحديث عن التطبيع"\n' + DATELINE
    assert quote_texts(extract(text)) == []


def test_quote_text_is_the_article_text_at_its_offsets(extract):
    text = DATELINE + "وقال\u00a0الوزير: «نحن مستعـــدون للحوار مع جميع الشركاء».\n"
    ex = extract(text)
    (ev,) = ex.events
    (q,) = ev.quotes
    assert text[q.start : q.end] == q.text == "نحن مستعـــدون للحوار مع جميع الشركاء"
    assert text[ev.start : ev.end] == ev.text


def test_an_opening_curly_mark_closed_by_a_straight_one_is_one_quote(extract):
    ex = extract(
        'وأضاف الوزير القرغيزي: ”الحدود باتت أكثر أمانا. نواصل العمل مع الشركاء في كل المجالات".\n'
    )
    quotes = [q.text for e in ex.events for q in e.quotes]
    assert quotes == ["الحدود باتت أكثر أمانا. نواصل العمل مع الشركاء في كل المجالات"]


def test_a_quoted_slogan_after_a_naming_word_is_not_speech(extract):
    ex = extract(
        'أطلق الرئيس الأوزبكي حملة إصلاحات تحت شعار "أوزبكستان جديدة ومزدهرة" العام الماضي.\n'
    )
    assert not [q for e in ex.events for q in e.quotes]


# ---- quote-first order: the attribution follows the quote ----------------------------------


def test_quote_first_with_reporting_verb_after_comma_is_attributed(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + "«لن نسمح بأي خرق للهدنة على الحدود»، قال وزير الدفاع القرغيزي باكتيبيك بيكبولوتوف للصحفيين في بيشكيك.\n"
    )
    ev = event_for(ex, "لن نسمح")
    assert ev.speaker.name_ar == "باكتيبيك بيكبولوتوف"
    assert "KG" in ev.countries  # the attribution clause is part of the span


def test_quote_first_with_bihasab_ma_qalahu_gives_the_person(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + 'وكان الجو متوترا. "لا أحد يريد التصعيد في المنطقة"، بحسب ما قاله رئيس الوزراء الأرميني نيكول باشينيان.\n'
    )
    assert event_for(ex, "لا أحد يريد").speaker.name_en == "Nikol Pashinyan"


def test_quote_followed_by_its_own_attributed_quote_is_not_quote_first(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + 'وردا على سؤال عن "النسخة الشرقية من الحلف"، قال المسؤول ضاحكا: "لا توجد لدينا نية لإحياء الماضي".\n'
    )
    assert not any(q.text.startswith("النسخة") for e in ex.events for q in e.quotes)


def test_quote_opening_its_sentence_then_reporting_verb_without_comma(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + '"لن نقبل بأي تدخل في شؤوننا الداخلية" قال وزير الدفاع القرغيزي باكتيبيك بيكبولوتوف للصحفيين.\n'
    )
    assert event_for(ex, "لن نقبل").speaker.name_ar == "باكتيبيك بيكبولوتوف"


def test_a_quote_mid_sentence_before_a_verb_is_not_quote_first(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n" + 'وناقش الطرفان مشروع "الحزام الأمني الجديد للمنطقة" قال مصدر.\n'
    )
    assert not [q for e in ex.events for q in e.quotes if q.text.startswith("الحزام")]


def test_verbal_noun_of_speech_after_iktafa_introduces_a_quote(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + 'واكتفى المتحدث باسم الخارجية، الكازاخستاني إيمانغالي تاسماغامبيتوف، بالتذكير بأن "الحوار يبقى الطريق الوحيد للحل".\n'
    )
    ev = event_for(ex, "الحوار يبقى")
    assert ev.speaker.name_en == "Imangali Tasmagambetov"


def test_an_accusation_with_bi_introduces_a_quote(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + 'واتهم رئيس الوزراء الأرميني نيكول باشينيان جيرانه بـ"التحضير لعدوان جديد على البلاد".\n'
    )
    assert event_for(ex, "التحضير لعدوان").speaker.name_en == "Nikol Pashinyan"


def test_quote_first_attribution_may_name_a_quoted_agency(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + "«الوضع على الحدود هادئ تماما الآن»، قال وزير الدفاع القرغيزي باكتيبيك بيكبولوتوف في تصريحات نقلتها وكالة «نوفوستي».\n"
    )
    assert event_for(ex, "الوضع على الحدود").speaker.name_ar == "باكتيبيك بيكبولوتوف"


def test_quoted_newspaper_name_leaves_the_cue_to_the_real_quote(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        'وقال باشينيان في تصريح لصحيفة "فاينانشال تايمز اللندنية"، ردا على سؤال، إن "السبب أننا ما زلنا نناقش المسائل مع المنظمة".\n'
    )
    texts = [q.text for e in ex.events for q in e.quotes]
    assert texts == ["السبب أننا ما زلنا نناقش المسائل مع المنظمة"]


def test_quoted_exercise_name_is_no_speech(extract):
    ex = extract(
        '١٤ يناير ٢٠٢٢\nوأعلنت الوزارة أن مناورات "الأخوة القتالية الكبرى" ستجري في الخريف المقبل.\n'
    )
    assert all(not e.quotes for e in ex.events)


def test_quote_led_in_by_a_few_words_after_a_speech_quote(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        'وقال توكاييف إن "البلاد تتعرض لعدوان من عصابات إرهابية مدربة في الخارج". ومن أجل صده "طلبت من دول المنظمة مساعدة بلادنا على تجاوز التهديد".\n'
    )
    ev = event_for(ex, "طلبت من دول")
    assert ev.speaker.name_en == "Kassym-Jomart Tokayev"


def test_quotation_running_on_into_the_next_paragraph(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        'وقال الوزير لافروف: "إن الوضع في كازاخستان مستقر الآن بفضل جهود الحلفاء.\n'
        'ونحن مستعدون لمواصلة التعاون مع الجميع دون استثناء".\n'
    )
    (q,) = quote_texts(ex)
    assert q.startswith("إن الوضع") and q.endswith("دون استثناء")
    assert event_for(ex, "إن الوضع").speaker.name_en == "Sergey Lavrov"


def test_short_quote_after_a_preposition_is_a_name(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        'قال بيان صادر عن المنظمة إن قوات من "وحدة حفظ السلام" الروسية وصلت إلى البلاد.\n'
    )
    assert quote_texts(ex) == []


def test_opening_mark_glued_to_the_participle_opens_the_quote(extract):
    text = (
        DATELINE
        + 'وعلق الأمين العام للمنظمة على التطورات الأخيرة، قائلا" إن تقدم المسلحين السريع نحو الحدود يثير قلقا بالغا لدى الحلفاء".\n'
    )
    ex = extract(text)
    assert quote_texts(ex) == ["إن تقدم المسلحين السريع نحو الحدود يثير قلقا بالغا لدى الحلفاء"]


def test_conjunction_written_onto_the_opening_mark(extract):
    text = (
        DATELINE
        + 'وقال الوزير: "نرحب بالشركاء الجدد في المنظمة غدا. وأضاف أن الاتفاق فاجأ الجميع و"برهنا للعالم أن الحوار ما زال ممكنا بين الطرفين".\n'
    )
    assert quote_texts(extract(text))[-1] == "برهنا للعالم أن الحوار ما زال ممكنا بين الطرفين"


def test_quote_first_attribution_with_hasabama(extract):
    text = (
        DATELINE
        + "طلبت طاجيكستان من الحلفاء دعما عاجلا بسبب “توغل المسلحين في أراضيها”، حسبما أفاد وزير الخارجية الطاجيكي سراج الدين مهر الدين.\n"
    )
    ex = extract(text)
    assert "مهر الدين" in event_for(ex, "توغل المسلحين").speaker.name_ar


def test_second_quoted_stretch_of_the_same_reported_words(extract):
    text = (
        DATELINE
        + "وقال الوزير إن الحكومة تنتظر من الحلفاء إما “دعما سياسيا في المفاوضات”، إذا بقي التفاوض ممكنا، أو – إن تعذر ذلك – “إرسال قوة كافية لحماية الحدود الجنوبية”.\n"
    )
    assert quote_texts(extract(text)) == [
        "دعما سياسيا في المفاوضات",
        "إرسال قوة كافية لحماية الحدود الجنوبية",
    ]


def test_name_after_a_naming_word_with_a_possessive_is_no_speech(extract):
    text = (
        DATELINE + "دعت المنظمة مراقبين من ثلاث دول لمناوراتها “درع الجبال 2024” التي تبدأ غدا.\n"
    )
    ex = extract(text)
    assert not [q for e in ex.events for q in e.quotes]


def test_short_first_part_of_a_quote_running_on_into_the_next_paragraph(extract):
    text = (
        DATELINE + 'وقال الوزير: "الوضع مستقر.\nلكن الوحدات تبقى في حالة تأهب على امتداد الحدود".\n'
    )
    assert quote_texts(extract(text)) == [
        "الوضع مستقر.\nلكن الوحدات تبقى في حالة تأهب على امتداد الحدود"
    ]


def test_quote_first_attribution_by_hadha_ma_qalahu(extract):
    text = (
        DATELINE
        + '"لا نرى أي سبب لتغيير موقفنا من الأزمة"، هذا ما قاله لافروف للصحفيين في أستانا.\n'
    )
    assert event_for(extract(text), "لا نرى أي").speaker.name_en == "Sergey Lavrov"


def test_quote_runs_on_across_a_paragraph_without_marks(extract):
    text = (
        DATELINE
        + 'وقال الوزير: "الوضع هادئ في كل المناطق.\n'
        + "والقوات تعمل على حماية المنشآت الحيوية.\n"
        + 'وسنغادر فور طلب السلطات ذلك".\n'
    )
    (q,) = quote_texts(extract(text))
    assert q.startswith("الوضع هادئ") and q.endswith("طلب السلطات ذلك")


def test_a_narration_paragraph_stops_a_quote_left_open(extract):
    text = (
        DATELINE
        + 'وقال الوزير: "الوضع هادئ في كل المناطق.\n'
        + "وأضاف الوزير أن القوات تعمل على حماية المنشآت الحيوية.\n"
        + 'وسنغادر فور طلب السلطات ذلك".\n'
    )
    assert quote_texts(extract(text))[0] == "الوضع هادئ في كل المناطق."


def test_a_quoted_person_name_is_a_name_not_speech(extract):
    ex = extract(
        DATELINE + "شدد الرئيس الروسي “فلاديمير بوتين”، على أن التعاون العسكري سيتوسع قريبا.\n"
    )
    assert quote_texts(ex) == []
    (st,) = [e for e in ex.events if e.kind == "statement"]
    assert st.speech == "indirect" and st.speaker.name_en == "Vladimir Putin"


def test_a_short_quoted_label_after_a_describing_verb_is_no_speech(extract):
    ex = extract(
        DATELINE
        + "ووصفت الحكومة نتائج المحادثات بأنها “خطوة إلى الأمام”.\n"
        + "وطرحت القمة خطة وُصفت بـ”بالغة الأهمية للمنطقة”، قد تغير التعاون.\n"
        + 'ووصف الوزير الاحتمال بأنه "لا يتعدى كونه فرضية بعيدة".\n'
    )
    assert quote_texts(ex) == ["لا يتعدى كونه فرضية بعيدة"]


def test_a_quoted_draft_title_is_a_name(extract):
    ex = extract(
        DATELINE
        + 'أعلنت المنظمة أن مسودة "برنامج حماية الحدود المشتركة للدول" قد أقرت في الاجتماع.\n'
    )
    assert quote_texts(ex) == []
    assert [e.speech for e in ex.events if e.kind == "statement"] == ["indirect"]


def test_a_quoted_name_after_forces_a_summit_or_a_mission_is_a_name(extract):
    ex = extract(
        DATELINE
        + 'وأكد الرئيس أن مهمة قوات "حفظ السلام التابعة للحلف الإقليمي" انتهت بنجاح تام.\n'
        + 'وقال الوزير إن قمة "الأمن المشترك في آسيا الوسطى" ستعقد في الخريف المقبل.\n'
    )
    assert quote_texts(ex) == []
    assert [e.speech for e in ex.events if e.kind == "statement"] == ["indirect", "indirect"]


def test_an_event_s_name_ending_in_its_year_is_no_quotation(extract):
    ex = extract(
        "١ يونيو ٢٠٢٤\n"
        'أعلن الرئيس أن بلاده تستعد لتنظيم تدريبات المنظمة "الأخوة غير القابلة للتدمير-2024" و"الصخر-2024" على أراضيها.\n'
        'وقال الوزير: "نحن نستعد جيدا لعام 2024".\n'
    )
    texts = quote_texts(ex)
    assert not any("2024" in t and "الأخوة" in t for t in texts)
    assert "نحن نستعد جيدا لعام 2024" in texts  # a sentence ending in a year is still speech


def test_a_company_s_quoted_name_is_no_quotation(extract):
    # the name does not take the reporting cue from the reported clause around it
    ex = extract(
        "١ ديسمبر ٢٠٢٥\n"
        'وقالت وزارة الخارجية، في بيان، إن الهجوم استهدف شركة "إل إل سي شاهين إس إم" في الجنوب.\n'
    )
    assert quote_texts(ex) == []
    (ev,) = [e for e in ex.events if e.kind == "statement"]
    assert ev.speech == "indirect" and "الهجوم استهدف" in ev.text


def test_a_short_quotation_after_a_preposition_with_a_possessive_is_words_said(extract):
    ex = extract(
        "١ سبتمبر ٢٠٢١\n"
        'وقال الأمين العام إن المنظمة دفاعية، مشيراً إلى أنها تنشر قواتها في "المناطق الخاضعة لمسؤوليتها فقط".\n'
        'وأرسلت الدول قوات من "وحدة حفظ السلام" إلى البلاد.\n'
    )
    texts = quote_texts(ex)
    assert "المناطق الخاضعة لمسؤوليتها فقط" in texts
    assert "وحدة حفظ السلام" not in texts  # a name governed by a preposition


def test_what_a_speaker_called_something_and_a_cited_statement_are_quotations(extract):
    ex = extract(
        "١ ديسمبر ٢٠٢٥\n"
        "وقال الرئيس إن الحكومة ستعزز الحدود. "
        'وأدان ما وصفه ب"الأعمال غير القانونية والاستفزازية لمواطنين أجانب"، موجهاً المسؤولين لاتخاذ تدابير.\n'
        'كما أورد البيان أن "الوضع على الحدود مستقر حالياً وتدرس لجنة مشتركة أسباب الصراع".\n'
    )
    texts = quote_texts(ex)
    assert "الأعمال غير القانونية والاستفزازية لمواطنين أجانب" in texts
    assert "الوضع على الحدود مستقر حالياً وتدرس لجنة مشتركة أسباب الصراع" in texts
