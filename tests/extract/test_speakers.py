# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Speaker attribution: cues, names, titles, organisations and coreference."""

from __future__ import annotations

from tests.extract.conftest import event_for

DATELINE = "١٤ يناير ٢٠٢٢\n"


def speaker(ex, prefix):
    sp = event_for(ex, prefix).speaker
    return sp.name_en if sp and sp.name_en else (sp.name_ar if sp else None)


def test_title_before_kb_name_gives_the_kb_person(extract):
    ex = extract(
        DATELINE
        + 'أكد وزير الخارجية الروسي سيرغي لافروف، "إن الوضع في كازاخستان أظهر أهمية قوات المنظمة".\n'
    )
    ev = event_for(ex, "إن الوضع")
    assert ev.speaker.name_en == "Sergey Lavrov"
    assert "لافروف" in ev.speaker.name_ar
    assert ev.speaker.role_ar == "وزير الخارجية الروسي"


def test_surname_alone_after_verb_with_conjunction(extract):
    ex = extract(DATELINE + 'وقال شويغو: "نبدأ الانسحاب اليوم من جميع المواقع في البلاد".\n')
    assert speaker(ex, "نبدأ") == "Sergei Shoigu"


def test_role_references_resolve_to_the_earlier_speaker(extract):
    ex = extract(
        DATELINE
        + 'أكد وزير الخارجية الروسي سيرغي لافروف أن "الوضع في كازاخستان أظهر فعالية القوات المشتركة".\n'
        + 'وقال الوزير الروسي: "أعتقد أن رئيس كازاخستان لجأ إلى حلفائه وفق المعاهدة".\n'
        + 'وأشار رئيس الدبلوماسية الروسية إلى أن "أنتم تعرفون ما يقال عن الاستعداد للحرب".\n'
        + 'وأضاف: "إن الدهشة التي نظر بها الغرب إلى سرعة النشر كانت موضع تقدير".\n'
    )
    for prefix in ("أعتقد", "أنتم", "إن الدهشة"):
        assert speaker(ex, prefix) == "Sergey Lavrov", prefix


def test_official_and_participle_carry_the_current_speaker(extract):
    ex = extract(
        DATELINE
        + "أعلن الأمين العام لمنظمة معاهدة الأمن الجماعي ستانيسلاف زاس عن استقرار الوضع في كازاخستان.\n"
        + 'وأضاف المسؤول: "كانت عملية حفظ السلام أول استخدام حقيقي للقوات الجماعية".\n'
        + 'يُشار إلى أنه سيتم تكريم حفظة السلام، مضيفاً أنه "سيتم منح الأوسمة من قبل مجلس الأمن الجماعي".\n'
        + "وبحسب ستانيسلاف زاس، سيتم سحب القوات إلى نقاط انتشارها الدائمة.\n"
        + 'وبيّن قائلا: "إن منظمة معاهدة الأمن الجماعي آلية عمل حقيقية لضمان الاستقرار".\n'
    )
    for prefix in ("كانت عملية", "سيتم منح", "إن منظمة"):
        assert speaker(ex, prefix) == "Stanislav Zas", prefix


def test_feminine_verb_resolves_to_the_organisation(extract):
    ex = extract(
        DATELINE
        + "هذا وأعلنت وزارة الدفاع الروسية، اليوم الجمعة، أن الطائرات نقلت القوات البيلاروسية.\n"
        + 'وقال شويغو: "سنقوم غدا بسحب جميع قوات شركائنا على متن 14 طائرة".\n'
        + 'وأوضحت في بيان: "وصلت وحدات القوات المسلحة البيلاروسية إلى مطار مينسك".\n'
    )
    assert speaker(ex, "وصلت") == "Russian Ministry of Defence"
    assert speaker(ex, "سنقوم") == "Sergei Shoigu"


def test_ministry_named_without_the_word_ministry(extract):
    ex = extract(
        DATELINE + 'وقالت الدفاع الروسية في بيان: "وصلت وحدات حفظ السلام إلى مطار مقاطعة مينسك".\n'
    )
    sp = event_for(ex, "وصلت").speaker
    assert sp.kind == "organisation"
    assert "الدفاع الروسية" in sp.name_ar


def test_person_named_but_not_speaking_is_not_the_speaker(extract):
    ex = extract(
        DATELINE
        + 'وقال شويغو، خلال اجتماع مع الرئيس فلاديمير بوتين، "نبدأ الانسحاب اليوم وسنكمله قريبا".\n'
    )
    assert speaker(ex, "نبدأ") == "Sergei Shoigu"


def test_unknown_speaker_found_from_title_and_name(extract):
    ex = extract(
        DATELINE
        + 'أكد نائب وزير الخارجية الطاجيكي فاروخ شريف زاده أن "بلاده تدعم تعزيز القدرات الجماعية للمنظمة".\n'
    )
    sp = event_for(ex, "بلاده").speaker
    assert sp.name_ar == "فاروخ شريف زاده"
    assert sp.role_ar.startswith("نائب وزير الخارجية")
    assert sp.slug is None


def test_bare_title_resolves_through_kb_tenure(extract):
    ex = extract(
        DATELINE
        + "وصل لافروف إلى يريفان في زيارة تستمر يومين.\n"
        + 'وقال وزير الخارجية الروسي: "لا نرى أي تهديد لاستقرار المنطقة في الوقت الراهن".\n'
    )
    assert speaker(ex, "لا نرى") == "Sergey Lavrov"


def test_bare_title_whose_holder_the_article_never_names_stays_the_title(extract):
    ex = extract(
        DATELINE
        + 'وقال وزير الخارجية الروسي: "لا نرى أي تهديد لاستقرار المنطقة في الوقت الراهن".\n'
    )
    assert speaker(ex, "لا نرى") == "وزير الخارجية الروسي"


def test_subject_before_the_verb(extract):
    ex = extract(
        DATELINE
        + 'رئيس كازاخستان أعلن، يوم الأربعاء الماضي، أن "انسحاب وحدات حفظ السلام سيبدأ خلال يومين".\n'
    )
    assert speaker(ex, "انسحاب") == "رئيس كازاخستان"


def test_president_nisba_resolves_to_earlier_named_president(extract):
    ex = extract(
        DATELINE
        + "أعلن رئيس كازاخستان قاسم جومارت توكاييف اليوم أن قوات حفظ السلام أنهت مهامها.\n"
        + "وقال الرئيس الكازاخستاني في كلمة أمام البرلمان إن “محاولة الانقلاب في كازاخستان باءت بالفشل”.\n"
    )
    assert speaker(ex, "محاولة") == "Kassym-Jomart Tokayev"


def test_participle_takes_the_person_opening_the_sentence(extract):
    ex = extract(
        DATELINE
        + 'وقال لافروف: "نحن ملتزمون بتعهداتنا تجاه حلفائنا في المنظمة".\n'
        + 'أما الرئيس البيلاروسي ألكسندر لوكاشينكو، فانتقد بطء المنظمة، قائلاً: "يجب أن نتحرك بسرعة أكبر في الأزمات".\n'
    )
    assert speaker(ex, "يجب أن") == "Alexander Lukashenko"


def test_person_after_a_preposition_does_not_become_the_participle_subject(extract):
    ex = extract(
        DATELINE
        + 'وقال لافروف: "نحن ملتزمون بتعهداتنا تجاه حلفائنا في المنظمة".\n'
        + 'وخلال اتصال مع الرئيس البيلاروسي ألكسندر لوكاشينكو، ناقش الوزير الوضع، مضيفاً: "الحوار هو الطريق الوحيد".\n'
    )
    assert speaker(ex, "الحوار هو") != "Alexander Lukashenko"


def test_unknown_deputy_minister_with_a_hamza_initial_name_is_found(extract):
    ex = extract(
        DATELINE
        + 'من جانبه، صرح نائب وزير الخارجية الكازاخستاني أليبيك باكاييف، الأربعاء، للصحفيين بأن "بلادنا تتابع الوضع على الحدود عن كثب".\n'
    )
    assert speaker(ex, "بلادنا تتابع") == "أليبيك باكاييف"


def test_press_secretary_of_the_president_is_the_speaker_not_the_president(extract):
    ex = extract(
        DATELINE
        + 'وقال الرئيس الكازاخستاني قاسم جومارت توكاييف: "لن نسمح بتكرار ما حدث في بلادنا".\n'
        + 'وفي حديث للصحفيين اليوم، قال السكرتير الصحفي للرئيس رسلان جلدباييف إن "رئيس الدولة سيزور العاصمة غدا".\n'
    )
    assert speaker(ex, "رئيس الدولة سيزور") == "رسلان جلدباييف"


def test_title_with_an_adjective_before_an_unknown_name(extract):
    ex = extract(
        DATELINE
        + 'قال نائب رئيس الحكومة الانتقالية تيمور بيك ساتاروف إن "الوضع في الجنوب ما زال متوترا للغاية".\n'
    )
    assert speaker(ex, "الوضع في الجنوب") == "تيمور بيك ساتاروف"


def test_according_to_a_statement_of_a_ministry_gives_the_ministry(extract):
    ex = extract(
        DATELINE
        + 'وقال وزير الدفاع البيلاروسي فيكتور خرينين إن "قواتنا جاهزة لأي طارئ على الحدود".\n'
        + 'وبحسب بيان صادر عن وزارة الدفاع الروسية، فإن "الوحدات المشاركة وصلت إلى ميدان التدريب".\n'
    )
    assert speaker(ex, "الوحدات المشاركة") == "Russian Ministry of Defence"


def test_quote_takes_the_subject_of_the_nearest_reporting_verb(extract):
    ex = extract(
        DATELINE
        + 'وقال وزير الدفاع البيلاروسي فيكتور خرينين إن "قواتنا جاهزة لأي طارئ على الحدود".\n'
        + 'وكانت أرمينيا قد أبلغت الأمانة العامة بأنها لن تشارك، وقالت وزارة الخارجية الأرمينية إن "القرار ينسجم مع تجميد عضويتنا".\n'
    )
    assert speaker(ex, "القرار ينسجم") == "Armenian Ministry of Foreign Affairs"


def test_a_speaker_named_only_by_a_title_speaks_as_that_title(extract):
    ex = extract(
        "2023-04-02\n\n"
        'قال المتحدث باسم لجنة الأمن القومي الطاجيكية، اليوم، إن "الحدود الجنوبية تشهد هدوءا حذرا منذ أسبوع".\n'
        'وأوضح المتحدث في مؤتمر صحفي: "لم نسجل أي محاولة تسلل خلال الأيام الأخيرة في المنطقة".\n'
        'وتابع ممثل لجنة الأمن القومي: "نواصل التنسيق مع الشركاء في المنظمة".\n'
    )
    for prefix in ("الحدود الجنوبية", "لم نسجل", "نواصل التنسيق"):
        sp = event_for(ex, prefix).speaker
        assert sp is not None and "لجنة الأمن القومي" in sp.name_ar, prefix
        assert sp.role_ar == sp.name_ar or "لجنة الأمن القومي" in sp.role_ar


def test_a_title_with_its_own_complement_does_not_fall_back_to_the_previous_speaker(extract):
    ex = extract(
        "2023-04-02\n\n"
        'قال الأمين العام لمنظمة معاهدة الأمن الجماعي إيمانغالي تاسماغامبيتوف إن "التعاون يتعزز في كل المجالات".\n'
        'من جهته، قال رئيس إدارة الهجرة في وزارة الداخلية الطاجيكية إن "التدفقات عبر الحدود تراجعت بشكل ملحوظ".\n'
    )
    sp = event_for(ex, "التدفقات عبر").speaker
    assert sp is not None and "الهجرة" in sp.name_ar


def test_an_agency_quoting_someone_gives_the_quoted_person(extract):
    ex = extract(
        "2024-05-06\n\n"
        'قالت الناطقة باسم الخارجية الروسية ماريا زاخاروفا إن "القمة ستعقد في موعدها دون أي تغيير".\n'
        'ونقلت وكالة «تاس» عن وزير الخارجية البيلاروسي مكسيم ريجينكوف قوله إن "الاستعدادات تسير وفق الخطة الموضوعة".\n'
    )
    sp = event_for(ex, "الاستعدادات تسير").speaker
    assert sp is not None and "ريجينكوف" in sp.name_ar


def test_a_feminine_title_that_is_also_a_ministry_name_refers_to_the_spokeswoman(extract):
    ex = extract(
        "2024-05-06\n\n"
        'قالت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا اليوم إن "الحوار مع الشركاء مستمر دون انقطاع".\n'
        'وعلقت الدبلوماسية الروسية على سؤال حول العقوبات، قائلة: "هذه الإجراءات لن تغير مواقفنا الثابتة".\n'
    )
    sp = event_for(ex, "هذه الإجراءات").speaker
    assert sp is not None and sp.name_en == "Maria Zakharova"


def test_head_of_the_state_refers_back_to_the_president_speaking(extract):
    ex = extract(
        "2024-05-06\n\n"
        'قال رئيس جمهورية كازاخستان قاسم جومارت توكاييف إن "الأمن الإقليمي مسؤولية جماعية".\n'
        'وأضاف رئيس الدولة، خلال اجتماع مع الحكومة: "علينا تعزيز قدراتنا الدفاعية الذاتية".\n'
    )
    sp = event_for(ex, "علينا تعزيز").speaker
    assert sp is not None and sp.name_en == "Kassym-Jomart Tokayev"


# ---- the title phrase: where the title's grammar ends, the name begins ---------------------


def test_title_with_nisba_and_complement_then_unknown_name(extract):
    ex = extract(
        DATELINE
        + 'وقال السفير البيلاروسي المعتمد لدى الاتحاد الأوروبي أندريه دابكيوناس إن "الحوار مع بروكسل ما زال ممكنا رغم كل شيء".\n'
    )
    sp = event_for(ex, "الحوار مع").speaker
    assert sp.name_ar == "أندريه دابكيوناس"
    assert sp.role_ar == "السفير البيلاروسي المعتمد لدى الاتحاد الأوروبي"


def test_title_organisation_phrase_then_kb_name_splits_at_the_name(extract):
    ex = extract(
        DATELINE
        + 'من جهته، صرح رئيس لجنة الأمن القومي في قرغيزستان كامتشيبيك تاشييف، للصحفيين، بأن "القوات ستبقى في حالة تأهب قصوى".\n'
    )
    sp = event_for(ex, "القوات ستبقى").speaker
    assert sp.name_en == "Kamchybek Tashiev"
    assert sp.role_ar == "رئيس لجنة الأمن القومي في قرغيزستان"


def test_name_in_apposition_after_comma_gives_the_person(extract):
    ex = extract(
        DATELINE
        + 'وعلّق نائب وزير الخارجية الأرميني، بافل ميناسيان، على ذلك بالقول إن "بلادنا لن تغير موقفها من المنظمة".\n'
    )
    sp = event_for(ex, "بلادنا لن").speaker
    assert sp.name_ar == "بافل ميناسيان"


def test_rank_word_between_apposition_comma_and_name(extract):
    ex = extract(
        DATELINE
        + 'قال قائد مجموعة القوات في المنطقة الشرقية، العقيد أوليغ ماكاروف: "أنجزنا كل المهام القتالية في الوقت المحدد".\n'
    )
    sp = event_for(ex, "أنجزنا كل").speaker
    assert sp.name_ar == "أوليغ ماكاروف"
    assert sp.role_ar.startswith("قائد مجموعة القوات في المنطقة الشرقية")


def test_expert_in_affairs_of_a_region_is_a_new_speaker_not_the_previous_one(extract):
    ex = extract(
        DATELINE
        + 'أكد وزير الخارجية الروسي سيرغي لافروف أن "العلاقات مع الحلفاء تسير على ما يرام".\n'
        + 'وقال الباحث في شؤون القوقاز تيمور أحمدوف لـ"الشرق" إن "المنظمة تمر بأصعب مراحلها منذ تأسيسها".\n'
    )
    sp = event_for(ex, "المنظمة تمر").speaker
    assert sp.name_ar == "تيمور أحمدوف"
    assert sp.role_ar == "الباحث في شؤون القوقاز"


def test_indefinite_meeting_is_a_new_occasion_not_one_dated_elsewhere(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + "وعقد الرئيس اجتماعا لمجلس الأمن يوم الأربعاء الماضي.\n"
        + 'وقال وزير الدفاع الروسي سيرغي شويغو أمس، خلال لقاء مع الصحفيين، "سنبدأ سحب القوات من البلاد قريبا".\n'
        + 'وقال شويغو، خلال اجتماع مع الرئيس، "سنسحب جميع القوات خلال أيام قليلة".\n'
    )
    assert event_for(ex, "سنسحب جميع").date.value != "2022-01-12"


def test_single_word_between_commas_after_a_title_is_no_name(extract):
    ex = extract(
        DATELINE
        + 'أكد وزير الخارجية الأرميني أرارات ميرزويان أن "الحوار مستمر مع جميع الشركاء".\n'
        + 'وتابع رئيس الدبلوماسية الأرمنية، مبتسما، أن "الأبواب لم تغلق بعد أمام أحد".\n'
    )
    assert event_for(ex, "الأبواب لم").speaker.name_en == "Ararat Mirzoyan"


def test_title_complement_runs_through_a_bodys_quoted_name_to_the_person(extract):
    ex = extract(
        'وقال المتحدث باسم حركة "النهضة" كريم عبد الله إن "الحكومة لا تشكل تهديداً لأي من جيرانها".\n'
    )
    assert ex.events[0].speaker.name_ar == "كريم عبد الله"


def test_counterpart_title_then_name_gives_the_named_person(extract):
    ex = extract(
        "وقال وزير الخارجية القرغيزي جينبيك كولوباييف أمس: «الاتفاق يحسم كل المسائل العالقة بين البلدين».\n"
        "«هذه الوثيقة تفتح صفحة جديدة في علاقاتنا الثنائية»، قال نظيره الطاجيكي سراج الدين مهر الدين.\n"
    )
    assert event_for(ex, "هذه الوثيقة").speaker.name_en == "Sirojiddin Muhriddin"
    assert event_for(ex, "الاتفاق يحسم").speaker.name_en == "Jeenbek Kulubaev"


def test_wrote_is_a_reporting_verb_with_its_own_subject(extract):
    ex = extract(
        "وقال وزير الخارجية القرغيزي جينبيك كولوباييف أمس: «الاتفاق يحسم كل المسائل العالقة بين البلدين».\n"
        "أما رئيس مجلس الدوما فياتشيسلاف فولودين فكتب في منشور اليوم: «من يبتعد عن حلفائه يبقى وحيدا».\n"
    )
    assert event_for(ex, "من يبتعد").speaker.name_en == "Vyacheslav Volodin"


def test_deputy_chair_title_before_a_name_gives_the_named_person(extract):
    ex = extract(
        "وقال وزير الخارجية القرغيزي جينبيك كولوباييف أمس: «الاتفاق يحسم كل المسائل العالقة بين البلدين».\n"
        'وكتب نائب رئيس مجلس الأمن الروسي دميتري ميدفيديف في منشور: "أي محاولة لزعزعة المنطقة ستفشل حتما".\n'
    )
    assert event_for(ex, "أي محاولة").speaker.name_en == "Dmitry Medvedev"


def test_bihasab_a_feminine_title_that_is_a_ministry_name_is_the_spokeswoman(extract):
    ex = extract(
        "2024-05-06\n\n"
        'قالت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا اليوم إن "الحوار مع الشركاء مستمر دون انقطاع".\n'
        'وبحسب الدبلوماسية الروسية، فإن "العقوبات لن تغير مواقفنا الثابتة".\n'
    )
    assert event_for(ex, "العقوبات لن").speaker.name_en == "Maria Zakharova"


def test_bihasab_the_ministry_name_with_no_spokeswoman_before_is_the_ministry(extract):
    ex = extract(
        '2024-05-06\n\nوبحسب الدبلوماسية الروسية، فإن "العقوبات لن تغير مواقفنا الثابتة".\n'
    )
    sp = event_for(ex, "العقوبات لن").speaker
    assert sp is not None and sp.kind == "organisation"


def test_a_body_named_in_full_then_as_the_bare_noun_speaks(extract):
    ex = extract(
        "2012-07-27\n\n"
        + "أعلنت دائرة التحقيقات الخاصة في أرمينيا اليوم أنها استجوبت مسؤولا سابقا.\n\n"
        + "وقالت الدائرة في بيان: «التحقيق يتعلق حصرا بأفعال ارتكبت على أراضي أرمينيا».\n"
    )
    sp = event_for(ex, "التحقيق يتعلق").speaker
    assert sp is not None and sp.name_en == "Special Investigation Service of Armenia"


def test_a_participle_goes_with_the_main_clause_not_a_verb_in_its_complement(extract):
    ex = extract(
        "2024-05-06\n\n"
        + "ولفت الرئيس القرغيزي سادير جباروف إلى أن بلاده أبلغت منظمة معاهدة الأمن الجماعي بما يجري، مضيفاً: “ننتظر من الحلفاء موقفاً واضحاً”.\n"
    )
    assert event_for(ex, "ننتظر من الحلفاء").speaker.name_en == "Sadyr Japarov"


def test_deputy_of_a_woman_chair_titles_the_named_man_and_lil_words_end_the_name(extract):
    ex = extract(
        "2010-06-15\n\n"
        + 'وقال نائب رئيسة الحكومة المؤقتة تيمور سارييف للصحفيين في بيشكيك أمس: "الوضع في العاصمة هادئ الآن".\n'
    )
    assert event_for(ex, "الوضع في العاصمة").speaker.name_ar == "تيمور سارييف"


def test_head_of_the_parliamentary_assembly_refers_back_to_the_duma_chairman(extract):
    ex = extract(
        "رئيس مجلس الدوما، فياتشيسلاف فولودين، اعتبر أن التصريحات ”تكشف عن عقلية قديمة لدى الحلف“.\n\n"
        + 'وأضاف رئيس الجمعية البرلمانية أن الغرب "لا يريد لأي منظمة إقليمية أن تنجح".\n'
    )
    assert event_for(ex, "لا يريد لأي").speaker.name_en == "Vyacheslav Volodin"


def test_a_rank_after_a_title_opens_the_name_not_the_role(extract):
    ex = extract(
        "2015-06-15\n\n"
        + 'وقال وزير الدفاع القرغيزي الفريق تيمور سارييف خلال المراسم: "هذه التدريبات رسالة واضحة للجميع".\n'
    )
    sp = event_for(ex, "هذه التدريبات").speaker
    assert sp.name_ar == "تيمور سارييف" and "الفريق" not in (sp.role_ar or "")


def test_a_second_title_in_apposition_then_a_rank_and_the_name(extract):
    ex = extract(
        "2015-06-15\n\n"
        + 'وقال وزير الدفاع القرغيزي تيمور سارييف: "هذه التدريبات رسالة واضحة للجميع".\n\n'
        + 'وقال نائب رئيس هيئة الأركان المشتركة للمنظمة، قائد المجموعة التنفيذية للتدريبات، اللواء أسيلبيك تورسونالييف، إن السيناريو "يحاكي نزاعا مسلحا في دولة افتراضية".\n'
    )
    assert event_for(ex, "يحاكي نزاعا").speaker.name_ar == "أسيلبيك تورسونالييف"


def test_a_title_whose_body_the_kb_names_with_its_parent_is_no_name(extract):
    ex = extract(
        "2025-04-29\n\n"
        + "وأكد رئيس هيئة الأركان المشتركة لمنظمة معاهدة الأمن الجماعي أن «تنفيذ البرنامج يسير وفق الجدول المحدد».\n"
    )
    sp = event_for(ex, "تنفيذ البرنامج").speaker
    assert sp is not None
    assert not sp.name_ar.startswith("لمنظمة")


def test_unnamed_diplomat_or_source_speaks_as_written_not_an_earlier_person(extract):
    ex = extract(
        DATELINE
        + 'وقال وزير الخارجية الروسي سيرغي لافروف للصحفيين: "سنواصل دعم حلفائنا في آسيا الوسطى بكل الوسائل".\n'
        + 'وقال دبلوماسي طاجيكي طلب عدم ذكر اسمه لوكالة فرانس برس "الحدود لا تزال متوترة رغم كل الوعود".\n'
        + "وأكد مصدر في وزارة الدفاع الأرمنية لـ«الحياة» أمس أن «يريفان لن تشارك في المناورات المقبلة».\n"
        + 'وصرح مسؤول في اللجنة التنفيذية للرابطة بأن "الاجتماع المقبل سيعقد في الربيع على الأرجح".\n'
    )
    sp = event_for(ex, "الحدود لا تزال").speaker
    assert sp.name_ar == sp.role_ar == "دبلوماسي طاجيكي"
    sp = event_for(ex, "يريفان لن تشارك").speaker
    assert sp.name_ar == sp.role_ar == "مصدر في وزارة الدفاع الأرمنية"
    sp = event_for(ex, "الاجتماع المقبل").speaker
    assert sp.name_ar == "مسؤول في اللجنة التنفيذية"


def test_unnamed_subject_of_an_earlier_verb_speaks_after_a_bare_verb(extract):
    ex = extract(
        DATELINE
        + 'وقال الرئيس الروسي فلاديمير بوتين: "المنظمة قادرة على حماية أعضائها من أي تهديد".\n'
        + 'من جهة أخرى، أبدى دبلوماسي أوزبكي تحفظه على القرار، وقال للصحفيين "نحتاج إلى وقت أطول للتشاور مع شركائنا".\n'
    )
    sp = event_for(ex, "نحتاج إلى وقت").speaker
    assert sp.name_ar == sp.role_ar == "دبلوماسي أوزبكي"


def test_bare_verb_after_a_sentence_about_a_named_person_takes_that_person(extract):
    body = (
        'وقال وزير الخارجية الروسي سيرغي لافروف: "نحن نحترم قرار الشركاء في طشقند تماما".\n'
        "وقلل الأمين العام للمنظمة نيكولاي بورديوجا من أهمية الخطوة. "
    )
    ex = extract(
        "١٤ يناير ٢٠١٢\n" + body + 'وقال لقناة "روسيا 24": "القرار سيادي ولا نرى فيه أي تهديد".\n'
    )
    assert speaker(ex, "نحن نحترم") == "Sergey Lavrov"
    assert speaker(ex, "القرار سيادي") == "Nikolai Bordyuzha"
    ex = extract("١٤ يناير ٢٠١٢\n" + body + '\nوأضاف: "لا نرى في القرار أي تهديد للأمن".\n')
    assert speaker(ex, "لا نرى") == "Nikolai Bordyuzha"
    # a person after a preposition is not the topic: the last speaker keeps the verb
    ex = extract(
        "١٤ يناير ٢٠١٢\n"
        'وقال وزير الخارجية الروسي سيرغي لافروف: "نحن نحترم قرار الشركاء في طشقند تماما".\n'
        "وجاء ذلك خلال لقاء مع الأمين العام للمنظمة نيكولاي بورديوجا. "
        'وأضاف: "لا نرى في القرار أي تهديد للأمن".\n'
    )
    assert speaker(ex, "لا نرى") == "Sergey Lavrov"


def test_relative_clause_reporting_verb_takes_its_antecedent(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٠\n"
        'وقال المتحدث باسم الكرملين دميتري بيسكوف: "موسكو تتابع الوضع عن كثب".\n'
        'وجاء ذلك بعد تصريحات لوزير الخارجية الروسي سيرغي لافروف، الذي قال "إن المنظمة قوية بما يكفي للرد".\n'
    )
    assert speaker(ex, "إن المنظمة") == "Sergey Lavrov"


def test_wifqan_with_attached_lam_is_an_attribution_cue(extract):
    for body in (
        'ووفقاً لبيان وزارة الخارجية الروسية، فإن "المنظمة قوية بما يكفي للرد على أي تهديد".\n',
        'وفقاً لوزارة الخارجية الروسية، فإن "المنظمة قوية بما يكفي للرد على أي تهديد".\n',
    ):
        ex = extract("١٤ يناير ٢٠٢٠\n" + body)
        assert speaker(ex, "المنظمة قوية") == "Russian Ministry of Foreign Affairs"
    ex = extract(
        "١٤ يناير ٢٠٢٠\n"
        'وفقاً لوزير الخارجية الروسي سيرغي لافروف، فإن "المنظمة قوية بما يكفي للرد على أي تهديد".\n'
    )
    assert speaker(ex, "المنظمة قوية") == "Sergey Lavrov"


def test_undated_person_with_several_roles_gets_no_guessed_role(extract):
    (st,) = [
        e
        for e in extract("وقال شويغو إن القوات عادت إلى قواعدها الدائمة في البلاد.\n").events
        if e.kind == "statement"
    ]
    assert st.speaker.name_en == "Sergei Shoigu"
    assert st.speaker.role_ar is None  # not his first office of the 1990s


def test_head_of_a_body_is_never_the_head_of_state(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + 'قال رئيس الوفد الروسي إن "المحادثات جرت في أجواء بناءة ومفيدة للطرفين".\n'
        + 'وقال وزير الطاقة الكازاخستاني إن "إمدادات الغاز لم تتأثر بالأحداث".\n'
    )
    assert event_for(ex, "المحادثات جرت").speaker.name_ar == "رئيس الوفد الروسي"
    assert event_for(ex, "إمدادات الغاز").speaker.name_ar == "وزير الطاقة الكازاخستاني"


def test_head_of_a_country_written_with_its_name_is_the_holder(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + 'قال رئيس جمهورية طاجيكستان إن "الحدود مع أفغانستان آمنة تماما".\n'
        + "وكان رحمون قد استقبل قادة حرس الحدود أمس.\n"
    )
    assert event_for(ex, "الحدود مع").speaker.name_en == "Emomali Rahmon"


def test_surname_of_namesakes_alone_is_the_one_named_before(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٢\n"
        + "وقال رئيس الحكومة القرغيزية أكيلبيك جاباروف إن الوضع مستقر في الجنوب.\n"
        + 'وأضاف جاباروف: "سنعيد بناء كل المنازل المتضررة قبل الشتاء".\n'
    )
    assert event_for(ex, "سنعيد بناء").speaker.name_en == "Akylbek Japarov"


def test_whom_a_speaker_addresses_is_no_part_of_the_title(extract):
    # 'للأمريكيين' is the listeners (a plural nisba of people), not the minister's country
    ex = extract(
        DATELINE
        + "وأبلغ وزير دفاع روسيا البيضاء فيكتور خرينين الضيوف أنه يمكنهم مشاهدة كل شيء.\n"
        + "وقال الوزير للأمريكيين اللذين رفضا التحدث إلى الصحفيين “سنعرض كل ما يهمكما في هذه المناورات”.\n"
        + "وقال الوزير “سنفتح لكم كل الميادين في هذه المناورات الكبيرة”.\n"
    )
    assert speaker(ex, "سنعرض") == "Viktor Khrenin"
    assert speaker(ex, "سنفتح") == "Viktor Khrenin"


def test_words_after_a_title_that_are_no_name(extract):
    # an adverb, a phrase opened by a conjunction: the title speaks, resolved to the person
    ex = extract(
        DATELINE
        + "أعلن رئيس كازاخستان قاسم جومارت توكاييف أن بلاده مستعدة لاستضافة التدريبات.\n"
        + 'وأكد الرئيس الكازاخستاني كذلك أهمية التعاون، قائلاً إن "الكوارث الطبيعية أظهرت حاجتنا إلى العمل المشترك".\n'
        + "وأكد الأمين العام لمنظمة معاهدة الأمن الجماعي ستانيسلاف زاس أن المنظمة جاهزة.\n"
        + 'وقال الأمين العام للمنظمة، ومقرها موسكو، إن "القوات مستعدة للانتشار إذا طلب الأعضاء ذلك".\n'
    )
    assert speaker(ex, "الكوارث") == "Kassym-Jomart Tokayev"
    assert speaker(ex, "القوات مستعدة") == "Stanislav Zas"


def test_an_attribution_phrase_with_a_conjunction_is_no_name_before_the_title(extract):
    ex = extract(
        DATELINE
        + 'وأفاد الممثل الدائم لطاجيكستان لدى المنظمة حسن سلطانوف بأن "الحدود مع أفغانستان طويلة وصعبة".\n'
        + 'وعلى حد تعبير الممثل الدائم لطاجيكستان، فإن "هذه الظروف تتطلب منا استجابة مناسبة وسريعة".\n'
    )
    sp = event_for(ex, "هذه الظروف").speaker
    assert sp is not None and "سلطانوف" in sp.name_ar


def test_a_second_name_word_that_starts_like_a_conjunction(extract):
    # 'والي' is a surname here, not 'و' + 'إلى'
    ex = extract(
        DATELINE
        + "أعلن المتحدث باسم الرئاسة الكازاخية، بيريك والي، اليوم، أن القمة ستعقد عبر الفيديو.\n"
    )
    (ev,) = [e for e in ex.events if e.speech == "indirect"]
    assert "والي" in ev.speaker.name_ar


def test_a_person_the_knowledge_base_lacks_named_without_a_title(extract):
    # a surname's ending or a known given name makes the words after the verb a name;
    # other words after a verb (شهود عيان) are nobody's name
    ex = extract(
        DATELINE
        + 'وقال فاسيلييف: "أحد التحديات الرئيسية للمنظمة هو الوضع في أفغانستان".\n'
        + 'وأضاف: "لم تظهر هذه الجماعات بالصدفة في تلك المنطقة".\n'
        + "وقال حبيب الله واحد زاده خلال مؤتمر صحفي إن العمال كانوا يعملون في البناء.\n"
        + "وقالت إيفانوفا للصحفيين إن الوضع على الحدود هادئ.\n"
        + "وقال شهود عيان إن القصف استمر حتى الصباح.\n"
    )
    assert speaker(ex, "أحد التحديات") == "فاسيلييف"
    assert speaker(ex, "لم تظهر") == "فاسيلييف"
    indirect = {e.speaker.name_ar for e in ex.events if e.speech == "indirect"}
    assert indirect == {"حبيب الله واحد زاده", "إيفانوفا"}


def test_an_honorific_before_the_title(extract):
    ex = extract(
        DATELINE
        + "في بداية اللقاء، رحب فخامة الرئيس إمام علي رحمن بالضيوف، مشيرًا إلى أن “هذا اللقاء يخدم الصداقة بين شعوبنا”.\n"
        + "وقال معالي الوزير سيرغي لافروف إن “الحوار هو الطريق الوحيد إلى الحل”.\n"
    )
    assert speaker(ex, "هذا اللقاء") == "Emomali Rahmon"
    assert speaker(ex, "الحوار هو") == "Sergey Lavrov"


def test_a_source_phrase_inside_the_verb_s_clause_does_not_take_the_words(extract):
    ex = extract(
        DATELINE
        + "أكد وزير الخارجية الروسي سيرغي لافروف أن موسكو مستعدة للحوار.\n"
        + 'وأضاف لافروف وفقا لبيان صادر عن وزارة الخارجية الروسية أن "الحوار مع الجيران يبقى أولويتنا الأولى".\n'
    )
    assert speaker(ex, "الحوار مع") == "Sergey Lavrov"


def test_the_prosecutor_general_speaks_as_written_and_officials_in_construct(extract):
    ex = extract(
        DATELINE
        + "أعلن النائب العام في طاجيكستان أن خمسة عمال قتلوا في الهجمات.\n"
        + "وأكد مسؤولو الإدارة أنهم لن يسمحوا بتضرر العلاقات.\n"
    )
    speakers = [e.speaker.name_ar for e in ex.events if e.speech == "indirect"]
    assert speakers[0].startswith("النائب العام")
    assert speakers[1].startswith("مسؤولو")


def test_a_telling_verb_with_its_addressee_as_a_pronoun(extract):
    ex = extract(
        DATELINE
        + "حضر ضباط أجانب التدريبات اليوم، وأبلغهم وزير دفاع روسيا البيضاء فيكتور خرينين أن الضيوف يمكنهم مشاهدة كل شيء.\n"
    )
    (ev,) = [e for e in ex.events if e.speech == "indirect"]
    assert ev.speaker.name_en == "Viktor Khrenin"


def test_a_body_s_head_in_construct_with_its_country_speaks(extract):
    ex = extract(
        DATELINE
        + "قالت سفارة الصين في طاجيكستان، اليوم الجمعة، إن ثلاثة عمال قتلوا في هجوم على الحدود.\n"
        + "وأكدت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا أن روسيا ستقف دائما إلى جانب أرمينيا، وقالت: “سنكون هناك دائما وسنساعد دائما”.\n"
    )
    speakers = [e.speaker.name_ar for e in ex.events if e.speech == "indirect"]
    assert speakers[0].startswith("سفارة الصين")
    # 'إلى جانب أرمينيا' is no body: the quotation is the spokeswoman's
    assert speaker(ex, "سنكون هناك") == "Maria Zakharova"


def test_a_leader_named_only_by_nationality_speaks_as_written(extract):
    ex = extract(
        DATELINE + "قال الزعيم الأرميني يوم الثلاثاء إنه لن يشارك في قمة الأسبوع المقبل.\n"
    )
    (ev,) = [e for e in ex.events if e.speech == "indirect"]
    assert ev.speaker.name_ar == "الزعيم الأرميني"


def test_a_first_deputy_of_a_title_and_a_second_office_before_the_rank(extract):
    ex = extract(
        DATELINE
        + 'وقال النائب الأول لوزير الدفاع الفريق مارات خوسينوف، "تعتبر دول المنظمة شركاء وحلفاء استراتيجيين".\n'
        + 'وقال النائب الأول لوزير الدفاع، رئيس الأركان العامة للقوات المسلحة الكازاخستانية الفريق ماكسات أدينوف، "ستكون التدريبات نموذجا للتعاون الفعال".\n'
    )
    assert speaker(ex, "تعتبر دول") == "مارات خوسينوف"
    assert speaker(ex, "ستكون التدريبات") == "ماكسات أدينوف"


def test_a_committee_speaks_and_its_shortened_name_is_the_same_body(extract):
    ex = extract(
        DATELINE
        + "أفادت لجنة الدولة للأمن القومي في طاجيكستان بمقتل شخصين خلال النزاع على الحدود.\n"
        + "هذا وأفادت لجنة الدولة أن مواطنين اثنين قتلا خلال النزاع المسلح.\n"
    )
    speakers = [e.speaker.name_ar for e in ex.events if e.kind == "statement"]
    assert speakers == ["لجنة الدولة للأمن القومي", "لجنة الدولة للأمن القومي"]
