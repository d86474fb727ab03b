"""A deterministic event store built by hand through the real writer (app.store.save_article).

Hand-built extractions (not the extractor) so the web tests do not move when extraction improves:
speakers in both languages, every date precision and basis, CSTO members and other countries,
an undated statement, and one article full of markup and bidi controls to test escaping.
"""

from __future__ import annotations

from sqlmodel import Session

from app.db import make_engine
from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent, Span, SpeakerRef
from app.migrate import upgrade
from app.models import Country
from app.store import save_article, sync_countries

COUNTRIES = [
    Country(iso2="RU", name_ar="روسيا", name_en="Russia", csto_member=True),
    Country(iso2="BY", name_ar="بيلاروسيا", name_en="Belarus", csto_member=True),
    Country(iso2="AM", name_ar="أرمينيا", name_en="Armenia", csto_member=True),
    Country(iso2="KZ", name_ar="كازاخستان", name_en="Kazakhstan", csto_member=True),
    Country(iso2="KG", name_ar="قيرغيزستان", name_en="Kyrgyzstan", csto_member=True),
    Country(iso2="TJ", name_ar="طاجيكستان", name_en="Tajikistan", csto_member=True),
    Country(iso2="US", name_ar="الولايات المتحدة", name_en="United States", csto_member=False),
    Country(iso2="AF", name_ar="أفغانستان", name_en="Afghanistan", csto_member=False),
    Country(iso2="SY", name_ar="سوريا", name_en="Syria", csto_member=False),
]

ZAS = SpeakerRef(
    name_ar="ستانيسلاف زاس",
    name_en="Stanislav Zas",
    role_ar="الأمين العام لمنظمة معاهدة الأمن الجماعي",
    role_en="CSTO Secretary General",
    country="BY",
    slug="stanislav-zas",
)
PUTIN = SpeakerRef(
    name_ar="فلاديمير بوتين",
    name_en="Vladimir Putin",
    role_ar="الرئيس الروسي",
    role_en="President of Russia",
    country="RU",
    slug="vladimir-putin",
)
TOKAYEV = SpeakerRef(
    name_ar="قاسم جومارت توكاييف",
    name_en="Kassym-Jomart Tokayev",
    role_ar="رئيس كازاخستان",
    role_en="President of Kazakhstan",
    country="KZ",
    slug="kassym-jomart-tokayev",
)
PASHINYAN = SpeakerRef(
    name_ar="نيكول باشينيان",
    name_en="Nikol Pashinyan",
    role_ar="رئيس وزراء أرمينيا",
    role_en="Prime Minister of Armenia",
    country="AM",
    slug="nikol-pashinyan",
)
JAPAROV = SpeakerRef(
    name_ar="صدر جباروف",
    name_en="Sadyr Japarov",
    role_ar="رئيس قيرغيزستان",
    country="KG",
    slug="sadyr-japarov",
)
EVIL = SpeakerRef(
    name_ar='المتحدث "<script>alert(1)</script>',
    name_en='" onmouseover="x',
    role_ar="متحدث \u202eمقلوب\u202d رسمي",
    country="SY",
    slug="evil-speaker",
)

ARTICLE_1 = (
    "زاس: الوضع في كازاخستان استقر\n"
    "أعلن الأمين العام لمنظمة معاهدة الأمن الجماعي ستانيسلاف زاس، يوم الخميس 13 يناير 2022، "
    "استقرار الوضع في كازاخستان.\n"
    'وقال زاس: "اليوم، بفضل الإجراءات الجماعية المنسقة لقوات حفظ السلام، استقر الوضع في البلد".\n'
    'وأضاف زاس أن "روسيا قدمت الجزء الأكبر من القوات" التي وصلت إلى ألما آتا.\n'
)
ARTICLE_2 = (
    "بوتين يتحدث عن أحداث كازاخستان\n"
    'قال الرئيس الروسي فلاديمير بوتين أمس: "لن نسمح بزعزعة الوضع في بلداننا".\n'
    'من جهته قال رئيس كازاخستان قاسم جومارت توكاييف: "طلبنا المساعدة من الحلفاء في المنظمة".\n'
    "وبدأت قوات حفظ السلام الانسحاب في يناير 2022.\n"
)
ARTICLE_3 = (
    "باشينيان يطالب المنظمة بموقف\n"
    'صرح رئيس وزراء أرمينيا نيكول باشينيان في 20 أغسطس 2021: "ننتظر من الحلفاء موقفاً واضحاً".\n'
    "وشهد عام 2021 انسحاب القوات الأمريكية من أفغانستان ومناورات على حدود طاجيكستان.\n"
)
ARTICLE_4 = (
    "تصريح فيه رموز\n"
    'قال المتحدث في 10 مايو 2023: "<script>alert(1)</script> هذا \u202eنص مقلوب\u202d و" '
    'onmouseover="x" عن سوريا والولايات المتحدة".\n'
)
ARTICLE_5 = (
    'جباروف عن الحدود\nقال رئيس قيرغيزستان صدر جباروف: "الحدود مع طاجيكستان يجب أن تبقى هادئة".\n'
)


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def _event(text: str, sentence: str, quotes=(), **kwargs) -> ExtractedEvent:
    s = _span(text, sentence)
    return ExtractedEvent(
        start=s.start,
        end=s.end,
        text=sentence,
        quotes=tuple(_span(text, q) for q in quotes),
        **kwargs,
    )


def extractions() -> list[tuple[str, ArticleExtraction]]:
    """(source_file, extraction) for the five fixture articles."""
    day = DateValue("2022-01-13", "day", "explicit", "يوم الخميس 13 يناير 2022")
    return [
        (
            "a1_tass.txt",
            ArticleExtraction(
                text=ARTICLE_1,
                title="زاس: الوضع في كازاخستان استقر",
                outlet="TASS",
                published=DateValue("2022-01-13", "day", "explicit", "dateline"),
                events=(
                    _event(
                        ARTICLE_1,
                        'وقال زاس: "اليوم، بفضل الإجراءات الجماعية المنسقة لقوات حفظ السلام، '
                        'استقر الوضع في البلد".',
                        quotes=(
                            "اليوم، بفضل الإجراءات الجماعية المنسقة لقوات حفظ السلام، "
                            "استقر الوضع في البلد",
                        ),
                        kind="statement",
                        date=day,
                        speaker=ZAS,
                        countries=("KZ",),
                    ),
                    _event(
                        ARTICLE_1,
                        'وأضاف زاس أن "روسيا قدمت الجزء الأكبر من القوات" التي وصلت إلى ألما آتا.',
                        quotes=("روسيا قدمت الجزء الأكبر من القوات",),
                        kind="statement",
                        date=day,
                        speaker=ZAS,
                        countries=("KZ", "RU"),
                    ),
                ),
            ),
        ),
        (
            "a2_ria.txt",
            ArticleExtraction(
                text=ARTICLE_2,
                title="بوتين يتحدث عن أحداث كازاخستان",
                outlet="RIA Novosti",
                published=DateValue("2022-01-07", "day", "inferred", "from the file name"),
                events=(
                    _event(
                        ARTICLE_2,
                        'قال الرئيس الروسي فلاديمير بوتين أمس: "لن نسمح بزعزعة الوضع في بلداننا".',
                        quotes=("لن نسمح بزعزعة الوضع في بلداننا",),
                        kind="statement",
                        date=DateValue(
                            "2022-01-06", "day", "relative", "«أمس» قبل تاريخ النشر 2022-01-07"
                        ),
                        speaker=PUTIN,
                        countries=("KZ", "RU"),
                    ),
                    _event(
                        ARTICLE_2,
                        "من جهته قال رئيس كازاخستان قاسم جومارت توكاييف: "
                        '"طلبنا المساعدة من الحلفاء في المنظمة".',
                        quotes=("طلبنا المساعدة من الحلفاء في المنظمة",),
                        kind="statement",
                        date=DateValue("2022-01-07", "day", "inferred", "تاريخ نشر المقال"),
                        speaker=TOKAYEV,
                        countries=("KZ",),
                    ),
                    _event(
                        ARTICLE_2,
                        "وبدأت قوات حفظ السلام الانسحاب في يناير 2022.",
                        kind="event",
                        date=DateValue("2022-01", "month", "explicit", "في يناير 2022"),
                        countries=("KZ",),
                    ),
                ),
            ),
        ),
        (
            "a3_sputnik.txt",
            ArticleExtraction(
                text=ARTICLE_3,
                title="باشينيان يطالب المنظمة بموقف",
                outlet="Sputnik",
                published=DateValue("2021-08-21", "day", "explicit", "dateline"),
                events=(
                    _event(
                        ARTICLE_3,
                        "صرح رئيس وزراء أرمينيا نيكول باشينيان في 20 أغسطس 2021: "
                        '"ننتظر من الحلفاء موقفاً واضحاً".',
                        quotes=("ننتظر من الحلفاء موقفاً واضحاً",),
                        kind="statement",
                        date=DateValue("2021-08-20", "day", "explicit", "في 20 أغسطس 2021"),
                        speaker=PASHINYAN,
                        countries=("AM",),
                    ),
                    _event(
                        ARTICLE_3,
                        "وشهد عام 2021 انسحاب القوات الأمريكية من أفغانستان ومناورات على حدود "
                        "طاجيكستان.",
                        kind="event",
                        date=DateValue("2021", "year", "inferred", "عام 2021"),
                        countries=("AF", "TJ", "US"),
                    ),
                ),
            ),
        ),
        (
            "a4_markup.txt",
            ArticleExtraction(
                text=ARTICLE_4,
                title='تصريح فيه رموز <b>"',
                outlet='Evil "Outlet" <i>',
                published=DateValue("2023-05-10", "day", "explicit", "dateline"),
                events=(
                    _event(
                        ARTICLE_4,
                        ARTICLE_4.split("\n")[1],
                        quotes=(
                            '<script>alert(1)</script> هذا \u202eنص مقلوب\u202d و" '
                            'onmouseover="x" عن سوريا والولايات المتحدة',
                        ),
                        kind="statement",
                        date=DateValue("2023-05-10", "day", "explicit", "في 10 مايو 2023"),
                        speaker=EVIL,
                        countries=("SY", "US"),
                    ),
                ),
            ),
        ),
        (
            "a5_undated.txt",
            ArticleExtraction(
                text=ARTICLE_5,
                title="جباروف عن الحدود",
                outlet="TASS",
                published=None,
                events=(
                    _event(
                        ARTICLE_5,
                        'قال رئيس قيرغيزستان صدر جباروف: "الحدود مع طاجيكستان يجب أن تبقى هادئة".',
                        quotes=("الحدود مع طاجيكستان يجب أن تبقى هادئة",),
                        kind="statement",
                        date=None,
                        speaker=JAPAROV,
                        countries=("KG", "TJ"),
                    ),
                ),
            ),
        ),
    ]


def build(url: str, *, extractor_version: str = "test") -> None:
    """Migrate ``url`` and store the fixture articles (idempotent for the same version)."""
    upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            sync_countries(session, [Country(**c.model_dump()) for c in COUNTRIES])
            for source_file, extraction in extractions():
                save_article(
                    session,
                    source_file=source_file,
                    extraction=extraction,
                    extractor_version=extractor_version,
                )
    finally:
        engine.dispose()
