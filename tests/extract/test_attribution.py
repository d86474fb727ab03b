# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Attribution on discourse: cues without a subject of their own, titles with apposition."""

from __future__ import annotations

from app.extract import extract_article
from tests.extract.conftest import event_for

DATELINE = "١٤ يناير ٢٠٢٢\n"


def name(ev):
    sp = ev.speaker
    return sp.name_en or sp.name_ar if sp else None


def test_quoted_paragraph_without_a_verb_continues_the_reporter(extract):
    ex = extract(
        DATELINE
        + "وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن موسكو تتابع التطورات.\n"
        + '"نحن على اتصال دائم مع شركائنا في المنظمة ونتابع الوضع ساعة بساعة".\n'
    )
    assert name(event_for(ex, "نحن على اتصال")) == "Maria Zakharova"


def test_short_quote_without_a_cue_stays_a_name(extract):
    ex = extract(DATELINE + "وقال الوزير إن الوضع مستقر.\n" + '"الأمن الجماعي".\n')
    assert all(not e.quotes for e in ex.events)


def test_title_with_a_dash_before_the_name_after_wifqan(extract):
    ex = extract(
        DATELINE
        + "وفقاً للمساعد الرئاسي الروسي - يوري أوشاكوف، يُنتظر أن يتبنى القادة بيانا مشتركا واحدا.\n"
    )
    (st,) = [e for e in ex.events if e.kind == "statement"]
    assert "أوشاكوف" in st.speaker.name_ar


def test_participle_goes_with_the_nearest_coordinated_main_verb(extract):
    ex = extract(
        DATELINE
        + 'أعلنت منظمة معاهدة الأمن الجماعي أن البعثة أنجزت مهامها، وقال الأمين العام للمنظمة ستانيسلاف زاس إن "العملية كانت ناجحة بكل المقاييس"، مضيفاً: "لم تقع أي اشتباكات مع المسلحين".\n'
    )
    assert name(event_for(ex, "لم تقع")) == "Stanislav Zas"


def test_clause_before_a_quote_after_an_unspaced_full_stop_is_reported(extract):
    ex = extract(
        DATELINE
        + 'أعلنت منظمة معاهدة الأمن الجماعي أن البعثة أنجزت مهامها.وقال الأمين العام للمنظمة ستانيسلاف زاس إن "العملية كانت ناجحة بكل المقاييس".\n'
    )
    (ind,) = [e for e in ex.events if e.speech == "indirect"]
    assert "البعثة أنجزت مهامها" in ind.text
    assert ind.speaker.name_en == "Collective Security Treaty Organization (CSTO)"


def indirect(ex):
    return [e for e in ex.events if e.speech == "indirect"]


def test_press_service_as_subject_speaks_not_the_previous_speaker(extract):
    ex = extract(
        DATELINE
        + "قال الأمين العام للمنظمة ستانيسلاف زاس إن القوات أنجزت مهامها.\n"
        + "وأضافت الخدمة الصحفية للمنظمة أن الطائرات ستعود إلى قواعدها مساء اليوم.\n"
    )
    second = indirect(ex)[1]
    assert second.speaker.name_ar.startswith("الخدمة الصحفية")


def test_medium_after_hasabama_speaks(extract):
    ex = extract(
        DATELINE + "انتقلت رئاسة المنظمة إلى قرغيزستان مطلع العام، حسبما ذكرت وكالة تاس.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_en == "TASS"


def test_country_subject_of_an_earlier_verb_takes_a_bare_feminine_verb(extract):
    ex = extract(
        DATELINE
        + "وخلال القمة رفضت أرمينيا التوقيع على الإعلان الختامي، وقالت إن الوثيقة لم تكن كاملة.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_en == "Armenia"


def test_statement_noun_with_adjective_speaks_as_written(extract):
    ex = extract(
        DATELINE + "وأكد البيان الختامي ضرورة تعزيز التنسيق بين الأجهزة الأمنية للدول الست.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_ar == "البيان الختامي"


def test_verbal_noun_after_a_title_is_no_name(extract):
    ex = extract(
        DATELINE
        + "التقى الرئيس الروسي فلاديمير بوتين نظيره القرغيزي. واقترح الرئيس الروسي تنظيم منتدى دولي للخبراء.\n"
        + "وأكد الرئيس الروسي أن المنتدى سيعقد في موسكو قبل القمة.\n"
    )
    assert indirect(ex)[-1].speaker.name_en == "Vladimir Putin"


def test_surname_alone_takes_the_full_name_written_before(extract):
    ex = extract(
        DATELINE
        + "وقال رئيس لجنة التحقيق الكازاخستانية سيريك بولاتوف إن التحقيق مستمر في كل المناطق.\n"
        + "وأوضح بولاتوف أن عدد الموقوفين بلغ ألف شخص حتى الآن.\n"
    )
    assert "بولاتوف" in indirect(ex)[-1].speaker.name_ar
    assert indirect(ex)[-1].speaker.name_ar == indirect(ex)[0].speaker.name_ar


def test_participle_after_a_fronted_attribution_goes_with_the_verb(extract):
    ex = extract(
        DATELINE
        + 'وفقاً للرئاسة الطاجيكستانية، أكد رحمون على أهمية حماية الحدود، معرباً عن ثقته في أن "التعاون الفعال سيعزز الأمن الإقليمي".\n'
    )
    assert name(event_for(ex, "التعاون الفعال")) == "Emomali Rahmon"


def test_country_ending_the_previous_clause_is_not_the_subject_of_a_bare_verb(extract):
    ex = extract(
        DATELINE
        + "قالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن موسكو تدعم الاستقرار.\n"
        + 'وشددت على أن روسيا ستبقى إلى جانب أرمينيا، وقالت: "نرفض أي محاولة لزرع الفتنة بين الشعبين".\n'
    )
    assert name(event_for(ex, "نرفض أي")) == "Maria Zakharova"


def test_warada_fi_is_an_attribution_phrase_not_the_verb_radda(extract):
    ex = extract(
        DATELINE
        + "قال الأمين العام للمنظمة ستانيسلاف زاس إن البعثة انتهت.\n"
        + 'كما ورد في بيان الحكومة الأرمينية أن "القرار صدر بهدف تطبيق أحكام المعاهدة".\n'
    )
    assert event_for(ex, "القرار صدر").speaker.name_ar.startswith("الحكومة")


def test_relayed_anonymous_source(extract):
    ex = extract(
        DATELINE
        + 'ونقلت الوكالة عن مصدر في وزارة الدفاع القرغيزية قوله: "ستنفذ القوات تدريبا ليليا على الحدود الجنوبية".\n'
    )
    assert event_for(ex, "ستنفذ القوات").speaker.name_ar.startswith("مصدر في وزارة الدفاع")


def test_title_with_general_adjective_and_apposition_closed_by_qad(extract):
    ex = extract(
        DATELINE
        + "وكان رئيس الادعاء بمكتب المدعي العام في كازاخستان، سيريك بولاتوف قد أعلن اليوم أن التحقيق مستمر في كل المناطق.\n"
        + 'وقال بولاتوف في مؤتمر صحفي: "سننشر أسماء الضحايا في الأيام المقبلة".\n'
    )
    assert "بولاتوف" in name(event_for(ex, "سننشر أسماء"))


def test_compound_name_with_the_article(extract):
    ex = extract(
        DATELINE
        + "أعلن نائب وزير الدفاع في كازاخستان الفريق سلطان نور الدينوف أن الوحدات عادت إلى ثكناتها.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_ar == "سلطان نور الدينوف"


def test_bayna_between_is_no_reporting_verb(extract):
    ex = extract(
        DATELINE
        + "قال الأمين العام للمنظمة ستانيسلاف زاس إن البعثة انتهت.\n"
        + "وأشار إلى أن المنظمة صادقت على برنامج لتقوية الحدود بين طاجيكستان وأفغانستان.\n"
    )
    assert indirect(ex)[-1].speaker.name_en == "Stanislav Zas"


def test_title_alone_takes_the_person_named_in_the_next_sentence(extract):
    ex = extract(
        "علقت متحدثة الخارجية الروسية على تصريحات يريفان، مشيرة إلى أن موسكو ساعدت جارتها كثيرا.\n"
        + "وأضافت زاخاروفا في تصريحات صحفية أن العلاقات بين البلدين تاريخية.\n"
    )
    assert [e.speaker.name_en for e in indirect(ex)] == ["Maria Zakharova", "Maria Zakharova"]


def test_head_word_alone_is_the_body_named_before(extract):
    ex = extract(
        DATELINE
        + "وأفاد المكتب الصحفي لوزارة الدفاع الكازاخستانية بأن الوزارة لم تتلق أي طلب.\n"
        + 'وقال المكتب في بيان: "تعقد جلسات اللجنة العسكرية مرتين في السنة عادة".\n'
    )
    assert event_for(ex, "تعقد جلسات").speaker.name_ar.startswith("المكتب الصحفي")


def test_title_alone_is_not_a_nearby_person_of_another_title(extract):
    ex = extract(
        DATELINE
        + 'وأوضح رئيس هيئة الأركان المشتركة للمنظمة، العقيد الجنرال أناتولي سيدوروف، أن "آلاف العسكريين يشاركون في التدريبات".\n'
        + "«المرحلة الأولى انتهت بنجاح وتم تدمير العدو المفترض»، قال قائد التدريبات للصحفيين.\n"
    )
    assert event_for(ex, "المرحلة الأولى").speaker.name_ar == "قائد التدريبات"


def test_bare_feminine_verb_ranks_the_agreeing_body_above_the_latest_man(extract):
    ex = extract(
        DATELINE
        + "أعلنت وزارة الدفاع الروسية أن الطائرات نقلت الوحدات إلى قواعدها.\n"
        + "وقال الأمين العام للمنظمة ستانيسلاف زاس إن المهمة انتهت بنجاح.\n"
        + "وأوضحت أن آخر الطائرات ستغادر البلاد غدا صباحا.\n"
    )
    assert indirect(ex)[-1].speaker.name_en == "Russian Ministry of Defence"


def test_feature_weights_rank_the_sentence_before_the_speakers_so_far():
    from app.extract.attribution import FEATURE_WEIGHTS as W

    latest_agreeing = W["spoke"] + W["gender_agrees"]
    assert W["opens_sentence"] > W["subject_of_earlier_verb"] > W["previous_sentence_topic"]
    assert W["previous_sentence_topic"] > latest_agreeing
    assert W["spoke"] + W["gender_agrees"] + 9 * W["recency"] > W["spoke"]


def test_quote_in_the_reported_clause_is_its_subjects_words(extract):
    ex = extract(
        DATELINE
        + "ذكر المكتب الإعلامي لرئاسة طاجيكستان أن الرئيس إمام علي رحمن انتقد «الهجمات غير المبررة على المراكز الحدودية».\n"
    )
    assert name(event_for(ex, "الهجمات غير")) == "Emomali Rahmon"


def test_capital_right_before_its_verb_speaks_as_written(extract):
    ex = extract(
        DATELINE
        + "قال باشينيان إن المنظمة قررت إرسال قوات.\n"
        + "بدورها، موسكو أعلنت أن قواتها ستحمي المنشآت الحيوية في البلاد.\n"
    )
    assert indirect(ex)[-1].speaker.name_ar == "موسكو"


def test_service_named_by_its_head_speaks_and_its_statement_is_its_own(extract):
    ex = extract(
        DATELINE
        + "أعلن جهاز الأمن الوطني في طاجيكستان أن الوضع على الحدود هادئ تماما.\n"
        + 'وجاء في البيان أن "الدوريات لم ترصد أي تحرك مريب خلال الليل".\n'
    )
    assert event_for(ex, "الدوريات لم").speaker.name_ar.startswith("جهاز الأمن الوطني")


def test_border_guard_after_a_verb_speaks_not_the_previous_speaker(extract):
    ex = extract(
        DATELINE
        + "قال الأمين العام للمنظمة ستانيسلاف زاس إن المنظمة تتابع الوضع.\n"
        + 'وأضاف حرس الحدود الطاجيكي أن "الطرفين سحبا الآليات الثقيلة من المنطقة".\n'
    )
    assert event_for(ex, "الطرفين سحبا").speaker.name_ar.startswith("حرس الحدود")


def test_report_of_a_department_names_its_issuer(extract):
    ex = extract(
        DATELINE
        + "وقع تبادل لإطلاق النار فجر اليوم عند المعبر، بحسب ما ذكره تقرير دائرة الحدود القرغيزية.\n"
        + 'وجاء في التقرير: "أطلقت دورية من الطرف الآخر النار على مواقعنا".\n'
    )
    assert event_for(ex, "أطلقت دورية").speaker.name_ar.startswith("دائرة الحدود")
    (st,) = indirect(ex)
    assert st.speaker.name_ar.startswith("دائرة الحدود")


def test_one_side_of_a_conflict_speaks_as_written(extract):
    ex = extract(
        DATELINE
        + 'وبحسب الجانب الطاجيكي، فإن الدورية عبرت النهر و"فتحت النار على المواقع الأمامية".\n'
    )
    assert event_for(ex, "فتحت النار").speaker.name_ar == "الجانب الطاجيكي"


def test_subject_after_a_pronoun_pointing_back_to_the_statement(extract):
    ex = extract(
        DATELINE
        + 'صدر بيان عن المنظمة، أشارت فيه الأمانة العامة إلى أن الأمين العام أجرى "اتصالات مكثفة مع الطرفين لوقف القتال".\n'
    )
    assert event_for(ex, "اتصالات مكثفة").speaker.name_ar.startswith("الأمانة العامة")


def test_participle_after_a_relative_clause_takes_its_subject(extract):
    ex = extract(
        DATELINE
        + 'وكانت السويد قد طلبت الانضمام إلى الحلف العام الماضي، وهو ما انتقدته روسيا، معتبرة أنه "خطوة تزيد التوتر في شمال أوروبا".\n'
    )
    assert name(event_for(ex, "خطوة تزيد")) == "Russia"


def test_body_head_word_alone_is_the_body_named_in_the_same_sentence(extract):
    ex = extract(
        DATELINE
        + "أعلنت وزارة الدفاع الروسية عودة آخر الطائرات إلى قواعدها وقالت الوزارة في بيان لها إن الطواقم أنجزت كل المهام المطلوبة.\n"
    )
    assert indirect(ex)[-1].speaker.name_en == "Russian Ministry of Defence"


def test_statement_issued_by_the_organisation_named_before(extract):
    ex = extract(
        DATELINE
        + "تعقد منظمة معاهدة الأمن الجماعي اجتماعا طارئا اليوم، وذكر بيان أصدرته المنظمة أنه سيتم بحث الوضع على الحدود الجنوبية.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_en == "Collective Security Treaty Organization (CSTO)"


def test_agency_named_in_brackets_speaks(extract):
    ex = extract(
        DATELINE
        + "وقالت وكالة أنباء (بيلتا) البيلاروسية إن القمة المقبلة ستبحث الوضع على الحدود الأفغانية.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_en == "BelTA"


def test_plural_bare_verb_takes_the_group_not_the_latest_man(extract):
    ex = extract(
        DATELINE
        + "وقال الرئيس الروسي فلاديمير بوتين إن المنظمة قوية.\n"
        + "وأكد القادة في بيانهم الختامي أن الأمن الجماعي أولوية للجميع.\n"
        + "وأضافوا أن التعاون العسكري سيتعزز في العام المقبل.\n"
    )
    (st,) = [e for e in indirect(ex) if "التعاون العسكري" in e.text]
    assert st.speaker.name_ar == "القادة"


def test_plural_verb_after_unnamed_officials_is_theirs(extract):
    ex = extract(
        DATELINE
        + "قال الأمين العام للمنظمة ستانيسلاف زاس إن القوات أنجزت مهامها.\n"
        + "وأبدى مسؤولون في الخارجية الأرمينية قلقهم من التطورات، وقالوا إن الحلفاء لم يقدموا أي دعم.\n"
    )
    assert indirect(ex)[-1].speaker.name_ar.startswith("مسؤولون")


def test_unnamed_source_with_a_feminine_nisba(extract):
    ex = extract(DATELINE + "وقالت مصادر دبلوماسية إن الاجتماع سيعقد الشهر المقبل في العاصمة.\n")
    (st,) = indirect(ex)
    assert st.speaker.name_ar == "مصادر دبلوماسية"


def test_deputy_of_a_title_speaks_as_written_not_as_the_holder(extract):
    ex = extract(
        DATELINE
        + "قال الأمين العام للمنظمة ستانيسلاف زاس إن القوات جاهزة.\n"
        + 'وقال نائب قائد القوات الخاصة الكازاخستانية إن "الوحدات أمنت المطار والطرق المؤدية إليه".\n'
    )
    assert event_for(ex, "الوحدات أمنت").speaker.name_ar == "نائب قائد القوات الخاصة الكازاخستانية"


def test_name_written_before_its_title_in_apposition(extract):
    ex = extract(
        DATELINE
        + "وكان بوريس سميرنوف رئيس لجنة الدفاع في البرلمان القرغيزي، قد صرح أمس بأن القوات ستبقى في مواقعها.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_ar == "بوريس سميرنوف"
    assert st.speaker.role_ar.startswith("رئيس لجنة الدفاع")


def test_known_name_before_its_title_is_the_subject_of_a_later_verb(extract):
    ex = extract(
        DATELINE + "وكان ستانيسلاف زاس أمين عام المنظمة، قد صرح أمس بأن القوات ستبقى في مواقعها.\n"
    )
    (st,) = indirect(ex)
    assert st.speaker.name_en == "Stanislav Zas"


def test_name_in_quotation_marks_after_the_verb_is_the_subject(extract):
    ex = extract(
        DATELINE + 'وقال "لافروف" للصحفيين: "موسكو لن تتخلى عن حلفائها في المنطقة أبدا".\n'
    )
    assert name(event_for(ex, "موسكو لن")) == "Sergey Lavrov"


def test_spokeswoman_on_its_behalf_is_named_after_basmiha(extract):
    ex = extract(
        DATELINE
        + 'وقالت الخارجية الروسية على لسان المتحدثة الرسمية باسمها ماريا زاخاروفا إن "موسكو ترفض هذه الاتهامات جملة وتفصيلا".\n'
    )
    assert name(event_for(ex, "موسكو ترفض")) == "Maria Zakharova"


def test_name_and_colon_before_a_quotation_give_its_speaker(extract):
    ex = extract(
        DATELINE
        + "قال الأمين العام للمنظمة ستانيسلاف زاس إن القوات جاهزة.\n"
        + 'بوتين: "المنظمة أثبتت قدرتها على التحرك السريع عند الحاجة".\n'
    )
    assert name(event_for(ex, "المنظمة أثبتت")) == "Vladimir Putin"


def test_subject_before_qad_beats_the_object_after_the_verb(extract):
    ex = extract(
        DATELINE
        + "قالت زاخاروفا إن موسكو قلقة من التصعيد.\n"
        + "وكان باشينيان قد اتهم المنظمة بالتقاعس عن حماية الحدود الأرمينية.\n"
        + 'وأضاف: "لم تقدم لنا المنظمة أي مساعدة حين طلبناها".\n'
    )
    assert name(event_for(ex, "لم تقدم")) == "Nikol Pashinyan"


def test_office_in_apposition_between_a_title_and_a_rank_and_name(extract):
    ex = extract(
        DATELINE
        + 'وقال رئيس أركان القوات المسلحة الروسية، النائب الأول لوزير الدفاع، الجنرال فاليري غيراسيموف، إن "القوات جاهزة لأي مهمة".\n'
    )
    assert name(event_for(ex, "القوات جاهزة")) == "Valery Gerasimov"


def test_indefinite_chief_of_staff_is_no_head_of_state(extract):
    ex = extract(
        DATELINE + 'وقال رئيس أركان الجيش الكازاخستاني إن "الوحدات تسيطر على كل المطارات".\n'
    )
    assert event_for(ex, "الوحدات تسيطر").speaker.name_en != "Kassym-Jomart Tokayev"


def test_post_of_a_person_after_jaa_fi_is_theirs(extract):
    ex = extract(
        DATELINE + 'وجاء في تغريدة لباشينيان: "لن نسمح بأي اعتداء على أراضينا مهما كلف الأمر".\n'
    )
    assert name(event_for(ex, "لن نسمح")) == "Nikol Pashinyan"


def test_statement_of_a_titled_person_after_jaa_fi(extract):
    ex = extract(
        DATELINE
        + 'وجاء في بيان لوزير الخارجية الروسي سيرغي لافروف أن "موسكو تدعم الحوار بين البلدين".\n'
    )
    assert name(event_for(ex, "موسكو تدعم")) == "Sergey Lavrov"


def test_colon_after_a_posting_sentence_gives_its_opening_subject(extract):
    ex = extract(
        DATELINE + 'ونشر باشينيان على فيسبوك: "أرمينيا دولة ذات سيادة وتقرر مصيرها بنفسها".\n'
    )
    assert name(event_for(ex, "أرمينيا دولة")) == "Nikol Pashinyan"


def test_security_bodies_with_a_nisba_speak_not_the_previous_speaker(extract):
    ex = extract(
        DATELINE
        + "قال الأمين العام للمنظمة ستانيسلاف زاس إن القوات جاهزة.\n"
        + 'وقالت الشرطة الكازاخستانية إن "الشوارع هادئة في كل المدن الآن".\n'
        + 'وقال الجيش الأذربيجاني إن "وحداته ردت على مصادر النيران".\n'
    )
    assert event_for(ex, "الشوارع هادئة").speaker.name_ar == "الشرطة الكازاخستانية"
    assert event_for(ex, "وحداته ردت").speaker.name_ar == "الجيش الأذربيجاني"


def test_any_definite_body_with_a_nisba_after_the_verb_speaks_as_written(extract):
    ex = extract(
        DATELINE
        + "قال الأمين العام للمنظمة ستانيسلاف زاس إن القوات جاهزة.\n"
        + 'وقالت البحرية الروسية إن "السفن ستعود إلى قواعدها خلال أيام".\n'
    )
    sp = event_for(ex, "السفن ستعود").speaker
    assert sp.name_ar == "البحرية الروسية" and sp.country == "RU"


def test_definite_title_with_a_nisba_stays_a_role_not_a_body(extract):
    ex = extract(
        DATELINE
        + "استقبل لوكاشينكو الأمين العام للمنظمة في مينسك.\n"
        + 'وقال الزعيم البيلاروسي: "الغرب يستعد لمواجهة طويلة معنا".\n'
    )
    assert name(event_for(ex, "الغرب يستعد")) == "Alexander Lukashenko"


def test_head_of_an_intergovernmental_organisation_is_its_secretary_general(extract):
    ex = extract(
        "١٤ يناير ٢٠٢٤\n"
        "قال تاسماغامبيتوف إن المنظمة منفتحة على كل الشركاء.\n"
        "وأوضح رئيس منظمة الأمن الجماعي أن عضويتها قد تتوسع في السنوات المقبلة.\n"
    )
    last = [e for e in ex.events if e.kind == "statement"][-1]
    assert "تتوسع" in last.text and name(last) == "Imangali Tasmagambetov"


def test_a_title_before_an_occasion_ends_before_its_preposition(extract):
    ex = extract(DATELINE + "أعلن رئيس منظمة الأمن الجماعي في مؤتمر صحفي أن الحدود تحت المراقبة.\n")
    (st,) = [e for e in ex.events if e.kind == "statement"]
    assert st.speaker.name_ar == "رئيس منظمة الأمن الجماعي"


def test_an_attribution_phrase_with_a_pronoun_takes_the_speaker_of_its_gender(extract):
    ex = extract(
        DATELINE
        + "قال سيرغي لافروف إن الاجتماع سيعقد في موعده المحدد.\n"
        + "وأكدت المتحدثة باسم الوزارة ماريا زاخاروفا أن التحضيرات اكتملت منذ أيام.\n"
        + "ووفقاً له، فإن الوزراء سيبحثون الوضع على الحدود الجنوبية.\n"
        + "وطبقا لها، فإن الوفود بدأت تصل إلى العاصمة.\n"
    )
    sts = [e for e in ex.events if e.kind == "statement"]
    by = {e.text.split("،")[0]: name(e) for e in sts}
    assert by["ووفقاً له"] == "Sergey Lavrov" and by["وطبقا لها"] == "Maria Zakharova"


def test_an_unknown_name_in_apposition_may_end_at_the_complementizer(extract):
    ex = extract(
        DATELINE
        + "قال نائب وزير الدفاع البيلاروسي، فيكتور غولوفكو إن التدريبات ستجري في موعدها.\n"
        + 'وأضاف غولوفكو: "لن نغير خططنا بسبب الضغوط الخارجية".\n'
    )
    assert event_for(ex, "لن نغير").speaker.name_ar == "فيكتور غولوفكو"


def test_a_relative_verb_said_in_a_statement_takes_its_author(extract):
    ex = extract(
        DATELINE
        + "وجاء ذلك إثر تصريحات أدلى بها باشينيان، الأسبوع الماضي، قال فيها "
        + '"إن الحلف لم يف بوعوده تجاهنا"، فيما كان وزير الخارجية الروسي سيرغي لافروف قد قال إن '
        + "الأبواب مفتوحة.\n"
    )
    assert name(event_for(ex, "إن الحلف لم")) == "Nikol Pashinyan"


def test_words_given_to_the_sentence_before_by_a_back_reference(extract):
    ex = extract(
        DATELINE
        + "موسكو، 19 يوليو. لم يتراجع خطر تهريب السلاح عبر الحدود، بل ازداد. هذا ما صرح به "
        + "زاس، الأمين العام للمنظمة، أمام مجلس الأمن.\n"
        + "لا تزال الاتصالات مع الحكومة مقطوعة منذ أسابيع.\n\n"
        + "وذكرت قناة محلية أن هذا ما صرح به الفريق إدوارد أسريان قائد الأركان الأرمنية.\n"
    )
    sts = [e for e in ex.events if e.kind == "statement"]
    got = [(e.text.split()[0], e.speaker.name_ar if e.speaker else None) for e in sts]
    assert got == [("لم", "ستانيسلاف زاس"), ("لا", "إدوارد أسريان")]


def test_a_group_speaks_with_its_membership_and_plural_verbs_go_on_with_it(extract):
    ex = extract(
        DATELINE
        + "قال سيرغي لافروف إن الاجتماع سيعقد في موعده المحدد.\n"
        + "وأعربت الدول الأعضاء عن انزعاجها من تدهور الأوضاع الحدودية.\n"
        + "وشددوا على أهمية الحوار بين جميع الأطراف دون استثناء.\n"
        + "لكن الدول الأعضاء في المنظمة ترى أن خطر التسلل ما زال قائما.\n"
    )
    sts = [e for e in ex.events if e.kind == "statement"]
    got = {e.text.split()[0]: e.speaker.name_ar for e in sts}
    assert got["وشددوا"] == "الدول الأعضاء"
    assert got["لكن"] == "الدول الأعضاء في المنظمة"


def test_leaders_of_a_body_speak_and_a_singular_bare_verb_skips_them(extract):
    ex = extract(
        DATELINE
        + 'وقال مجلس الأمن الجماعي في بيان: "نؤكد تمسكنا بنظام أمني عادل ومتوازن للجميع".\n'
        + "وشدد قادة منظمة معاهدة الأمن الجماعي، على حرصهم على تطوير التعاون مع الأمم المتحدة.\n"
        + 'وأضاف: "نعلن استعدادنا للعمل مع كل الشركاء في المنطقة".\n'
    )
    sts = [e for e in ex.events if e.kind == "statement"]
    assert sts[1].speech == "indirect" and sts[1].speaker.name_ar.startswith("قادة منظمة")
    assert event_for(ex, "نعلن استعدادنا").speaker.name_ar == "مجلس الأمن الجماعي"


def test_a_latin_abbreviation_in_brackets_does_not_end_the_title():
    ex = extract_article(
        "أوضح الأمين العام لمنظمة الأمن الجماعي (CSTO) ستانيسلاف زاس أن الوضع على الحدود مستقر.\n"
    )
    (st,) = [e for e in ex.events if e.kind == "statement"]
    assert name(st) == "Stanislav Zas"


def test_an_official_representative_is_a_spokesperson_as_written(extract):
    ex = extract(
        DATELINE
        + "قالت وزارة الخارجية الأرمينية إن المحادثات جارية حول البعثة.\n"
        + "وصرح الممثل الرسمي لوزارة الخارجية الروسية بأن القرار بيد يريفان وحدها.\n"
    )
    last = [e for e in ex.events if e.kind == "statement"][-1]
    assert last.speaker.name_ar == "الممثل الرسمي لوزارة الخارجية الروسية"


def test_two_governments_speak_together(extract):
    ex = extract(
        DATELINE
        + "قالت وزارة الخارجية الروسية إن الميزانية ستعدل قريبا.\n"
        + "وأعلنت حكومتا أرمينيا وفرنسا في بيان مشترك أن التعاون الدفاعي سيتوسع.\n"
    )
    last = [e for e in ex.events if e.kind == "statement"][-1]
    assert last.speaker.name_ar == "حكومتا أرمينيا وفرنسا"


def test_the_chair_of_a_meeting_is_no_subject_of_the_verb_after_it(extract):
    ex = extract(
        DATELINE
        + "وصف رئيس كازاخستان قاسم جومارت توكاييف الأحداث بأنها محاولة انقلاب.\n"
        + "وفي اجتماع بحضور بوتين قال إن المخربين تلقوا تدريبا في الخارج.\n"
    )
    last = [e for e in ex.events if e.kind == "statement"][-1]
    assert name(last) == "Kassym-Jomart Tokayev"


def test_a_given_name_before_a_known_surname_is_that_person_only(extract):
    ex = extract(
        DATELINE
        + "أكد رئيس كازاخستان قاسم توكاييف أن النظام عاد إلى كل المدن.\n"
        + "وقال وزير الخارجية الأذربيجاني شاهين علييف إن الحدود هادئة منذ أسابيع.\n"
    )
    sts = [e for e in ex.events if e.kind == "statement"]
    assert name(sts[0]) == "Kassym-Jomart Tokayev"
    assert sts[1].speaker.name_ar == "شاهين علييف" and sts[1].speaker.name_en is None


def test_an_attribution_phrase_with_a_speech_noun_before_the_name(extract):
    ex = extract(
        DATELINE
        + "قال سيرغي لافروف إن البعثة جاهزة للانتشار على الحدود.\n"
        + "وبحسب قول زاس، في منتصف الشهر اجتمع قادة الدول عبر الفيديو لبحث الوضع.\n"
        + "وحسب “تغريدات” لباشينيان، بحث الطرفان في الاجتماع مسائل الحدود المشتركة.\n"
        + "وسيبحث الوزراء أمن الحدود الجنوبية للدول الأعضاء، وفقًا لموقع «روسيا اليوم» الإخباري.\n"
    )
    got = [name(e) for e in ex.events if e.kind == "statement"]
    assert got == ["Sergey Lavrov", "Stanislav Zas", "Nikol Pashinyan", "RT"]


def test_a_medium_relaying_a_person_gives_the_person(extract):
    ex = extract(
        DATELINE
        + "وأفادت وكالة تاس نقلا عن الأمين العام للمنظمة ستانيسلاف زاس بأن القوات ستغادر خلال أيام.\n"
    )
    (st,) = [e for e in ex.events if e.kind == "statement"]
    assert name(st) == "Stanislav Zas"


def test_a_body_after_wifqan_with_the_lam_attached(extract):
    ex = extract(
        DATELINE
        + "ووفقا للمكتب الصحفي لوزارة الدفاع القرغيزية، فإن الدوريات تراقب الحدود ليلا ونهارا.\n"
        + "وأكد المكتب أن الهدوء يسود على طول الحدود منذ الصباح.\n"
    )
    got = [e.speaker.name_ar for e in ex.events if e.kind == "statement"]
    assert got == ["المكتب الصحفي لوزارة الدفاع القرغيزية"] * 2


def test_a_text_cut_before_its_first_speaker_gives_the_opening_quote_to_the_next_named(extract):
    ex = extract(
        'وأضاف: "علقنا مشاركتنا في أنشطة الحلف لأنه لم يف بالتزاماته تجاهنا".\n'
        + "وشدد رئيس الوزراء الأرميني نيكول باشينيان على أن بلاده تقترب من نقطة اللاعودة.\n"
    )
    assert name(event_for(ex, "علقنا مشاركتنا")) == "Nikol Pashinyan"


def test_a_quote_after_a_named_speaker_is_not_given_to_a_later_one(extract):
    ex = extract(
        DATELINE
        + "قال ستانيسلاف زاس إن البعثة جاهزة للانتشار على الحدود.\n"
        + 'وأضاف: "لن نتأخر في الرد على أي طلب رسمي من الدول الأعضاء".\n'
        + "وأكد لافروف أن موسكو تدعم الخطوة بالكامل.\n"
    )
    assert name(event_for(ex, "لن نتأخر")) == "Stanislav Zas"


def test_a_medium_named_in_quotes_speaks_without_a_dangling_mark(extract):
    ex = extract(DATELINE + 'وقالت وكالة "سبوتنيك" إن الوفد الروسي وصل إلى العاصمة صباح اليوم.\n')
    (st,) = [e for e in ex.events if e.kind == "statement"]
    assert st.speaker.name_ar == "وكالة سبوتنيك" and st.speaker.name_en == "Sputnik"


def test_a_participle_after_a_bare_coordinated_verb_goes_with_that_verb_s_subject(extract):
    # the sentence opens with another subject; 'وقال' has none of its own: it goes on with
    # the minister of the clause before it, and so does 'مضيفا'
    ex = extract(
        DATELINE
        + 'صرّحت "طالبان" إنها مستعدة لتشديد أمن الحدود، إذ عبّر وزير الخارجية الأفغاني أمير خان متقي عن أسفه وقال إن كابل مستعدة للتنسيق، مضيفا أن "الإجراءات المشتركة ضد العناصر الخبيثة ضرورة ملحة".\n'
    )
    assert "متقي" in event_for(ex, "الإجراءات المشتركة").speaker.name_ar
