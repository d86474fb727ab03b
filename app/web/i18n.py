"""The message catalogue: every string of the web chrome, in Arabic and English, in one place.

Quotes and article text are never translated; names come from the database in both languages.
"""

from __future__ import annotations

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"

MESSAGES: dict[str, dict[str, str]] = {
    "site.title": {"ar": "الخط الزمني لمنظمة معاهدة الأمن الجماعي", "en": "CSTO timeline"},
    "site.tagline": {
        "ar": "ما قيل وما جرى حول منظمة معاهدة الأمن الجماعي، من الأخبار العربية",
        "en": "What was said and done around the CSTO, from Arabic news",
    },
    "nav.skip": {"ar": "انتقل إلى المحتوى", "en": "Skip to content"},
    "nav.timeline": {"ar": "الخط الزمني", "en": "Timeline"},
    "nav.api": {"ar": "واجهة البرمجة", "en": "API"},
    "nav.lang_other": {"ar": "English", "en": "العربية"},
    "nav.lang_label": {"ar": "اللغة", "en": "Language"},
    "filters.title": {"ar": "التصفية", "en": "Filters"},
    "filters.from": {"ar": "من تاريخ", "en": "From"},
    "filters.to": {"ar": "إلى تاريخ", "en": "To"},
    "filters.dates": {"ar": "الفترة", "en": "Dates"},
    "filters.speaker": {"ar": "المتحدث", "en": "Speaker"},
    "filters.country": {"ar": "الدولة", "en": "Country"},
    "filters.csto": {"ar": "الدول الأعضاء", "en": "CSTO members"},
    "filters.others": {"ar": "دول أخرى", "en": "Other countries"},
    "filters.outlet": {"ar": "المصدر الإعلامي", "en": "Outlet"},
    "filters.kind": {"ar": "النوع", "en": "Kind"},
    "filters.q": {"ar": "بحث في النصوص", "en": "Search the text"},
    "filters.order": {"ar": "الترتيب", "en": "Order"},
    "filters.any": {"ar": "الكل", "en": "Any"},
    "filters.apply": {"ar": "تطبيق", "en": "Apply"},
    "filters.clear": {"ar": "مسح التصفية", "en": "Clear filters"},
    "order.asc": {"ar": "الأقدم أولاً", "en": "Oldest first"},
    "order.desc": {"ar": "الأحدث أولاً", "en": "Newest first"},
    "kind.statement": {"ar": "تصريح", "en": "Statement"},
    "kind.event": {"ar": "حدث", "en": "Event"},
    "describe.all": {"ar": "كل الأحداث", "en": "All events"},
    "describe.kind": {"ar": "النوع", "en": "kind"},
    "describe.background": {"ar": "مع الوقائع الخلفية", "en": "with background facts"},
    "describe.speaker": {"ar": "المتحدث", "en": "speaker"},
    "describe.country": {"ar": "الدولة", "en": "country"},
    "describe.outlet": {"ar": "المصدر", "en": "outlet"},
    "describe.from": {"ar": "من", "en": "from"},
    "describe.to": {"ar": "إلى", "en": "to"},
    "describe.q": {"ar": "يطابق", "en": "matching"},
    "describe.or": {"ar": "أو", "en": "or"},
    "results.count": {"ar": "عدد الأحداث: {n}", "en": "{n} events"},
    "results.none": {"ar": "لا أحداث تطابق هذه التصفية.", "en": "No events match these filters."},
    "results.next": {"ar": "الصفحة التالية", "en": "Next page"},
    "results.first": {"ar": "الصفحة الأولى", "en": "First page"},
    "results.undated": {"ar": "بلا تاريخ", "en": "Undated"},
    "results.downloads": {"ar": "تنزيل", "en": "Download"},
    "results.feed": {"ar": "موجز Atom", "en": "Atom feed"},
    "results.loading": {"ar": "جارٍ التحميل…", "en": "Loading…"},
    "histogram.title": {"ar": "عدد الأحداث في كل يوم", "en": "Events per day"},
    "histogram.bar": {"ar": "{day}: {n}", "en": "{day}: {n}"},
    "card.permalink": {"ar": "رابط دائم", "en": "Permalink"},
    "card.source": {"ar": "المقطع في المقال", "en": "The passage in the article"},
    "card.source_link": {"ar": "الاقتباس في المقال", "en": "The quote in the article"},
    "card.role": {"ar": "الصفة", "en": "Role"},
    "card.countries": {"ar": "الدول", "en": "Countries"},
    "card.in": {"ar": "في", "en": "in"},
    "basis.explicit": {"ar": "تاريخ صريح", "en": "explicit date"},
    "basis.relative": {"ar": "تاريخ نسبي", "en": "relative date"},
    "basis.inferred": {"ar": "تاريخ مستنتج", "en": "inferred date"},
    "basis.unknown": {"ar": "تاريخ غير معروف", "en": "date unknown"},
    "event.title": {"ar": "حدث", "en": "Event"},
    "event.copy": {"ar": "نسخ الرابط", "en": "Copy link"},
    "event.copied": {"ar": "نُسخ الرابط", "en": "Link copied"},
    "event.neighbours": {
        "ar": "أحداث أخرى للمتحدث نفسه في اليوم نفسه",
        "en": "Other events of the same speaker on the same day",
    },
    "event.no_neighbours": {"ar": "لا أحداث أخرى.", "en": "No other events."},
    "event.sentence": {"ar": "الجملة", "en": "Sentence"},
    "event.article": {"ar": "المقال", "en": "Article"},
    "article.title": {"ar": "المقال", "en": "Article"},
    "article.outlet": {"ar": "المصدر الإعلامي", "en": "Outlet"},
    "article.published": {"ar": "تاريخ النشر", "en": "Published"},
    "article.how": {"ar": "كيف عُرف", "en": "How it was known"},
    "article.tech": {"ar": "التفاصيل التقنية (بالإنجليزية)", "en": "Technical details"},
    "article.author": {"ar": "الكاتب", "en": "Author"},
    "article.file": {"ar": "الملف", "en": "File"},
    "article.quotes": {"ar": "الاقتباسات", "en": "Quotes"},
    "article.to_event": {"ar": "إلى الحدث", "en": "to the event"},
    "speaker.kind.person": {"ar": "شخص", "en": "Person"},
    "speaker.kind.organisation": {"ar": "منظمة", "en": "Organisation"},
    "speaker.country": {"ar": "البلد", "en": "Country"},
    "speaker.timeline": {"ar": "تصريحاته وأحداثه", "en": "Their timeline"},
    "country.member": {"ar": "دولة عضو في المنظمة", "en": "CSTO member state"},
    "country.not_member": {"ar": "ليست عضواً في المنظمة", "en": "Not a CSTO member"},
    "country.timeline": {"ar": "الأحداث المتعلقة بها", "en": "Events about it"},
    "open_in_explorer": {"ar": "فتح في المستكشف", "en": "Open in the explorer"},
    "error.title": {"ar": "خطأ", "en": "Error"},
    "error.404": {"ar": "الصفحة غير موجودة", "en": "Page not found"},
    "error.404.body": {
        "ar": "لم نجد ما تبحث عنه. ربما تغيّر الرابط أو كُتب خطأً.",
        "en": "We could not find what you were looking for. The link may be mistyped.",
    },
    "error.400": {"ar": "طلب غير صالح", "en": "Bad request"},
    "error.400.body": {
        "ar": "في الرابط قيمة لا نفهمها؛ التفاصيل أدناه.",
        "en": "Something in the address is not valid; the details are below.",
    },
    "error.405": {"ar": "طريقة الطلب غير مسموح بها", "en": "Method not allowed"},
    "error.405.body": {
        "ar": "هذا الموقع للقراءة فقط: يجيب عن طلبات GET وHEAD وحدها.",
        "en": "This site is read-only: it answers GET and HEAD requests only.",
    },
    "error.413": {"ar": "الطلب أكبر من المسموح", "en": "Request too large"},
    "error.413.body": {
        "ar": "حجم محتوى الطلب يتجاوز الحد المسموح به.",
        "en": "The request body is over the size limit.",
    },
    "error.414": {"ar": "الرابط أطول من المسموح", "en": "URL too long"},
    "error.414.body": {
        "ar": "الرابط أطول من الحد المسموح به؛ جرّب عددًا أقل من عوامل التصفية.",
        "en": "The address is longer than allowed; try fewer filters.",
    },
    "error.422": {"ar": "قيم غير صالحة في الطلب", "en": "Invalid request parameters"},
    "error.422.body": {
        "ar": "بعض القيم في الطلب غير صالحة؛ التفاصيل أدناه.",
        "en": "Some values in the request are not valid; the details are below.",
    },
    "error.500": {"ar": "خطأ في الخادم", "en": "Server error"},
    "error.500.body": {
        "ar": "حدث خطأ غير متوقع من جهتنا وقد سُجّل. حاول مرة أخرى لاحقًا.",
        "en": "Something went wrong on our side; it has been logged. Please try again later.",
    },
    "error.4xx": {"ar": "تعذّر تنفيذ الطلب", "en": "Request error"},
    "error.4xx.body": {
        "ar": "لم نتمكن من تلبية هذا الطلب؛ التفاصيل أدناه.",
        "en": "This request could not be served; the details are below.",
    },
    "error.5xx": {"ar": "خطأ في الخادم", "en": "Server error"},
    "error.5xx.body": {
        "ar": "الخادم غير قادر على تلبية الطلب الآن. حاول مرة أخرى لاحقًا.",
        "en": "The server cannot serve this request right now. Please try again later.",
    },
    "error.details": {"ar": "التفاصيل (بالإنجليزية)", "en": "Details"},
    "error.range": {
        "ar": "تاريخ النهاية قبل تاريخ البداية؛ عُرضت الأحداث دون تاريخ النهاية.",
        "en": "The end date is before the start date; the events are shown without it.",
    },
    "error.field": {
        "ar": "قيمة غير صالحة تُركت جانباً",
        "en": "An invalid value was left out",
    },
    # the card's lead-in: who said it, when, where it was reported
    "lead.said": {"ar": "قال {who}{role} {when}{outlet}:", "en": "{who}{role} said{when}{outlet}:"},
    "lead.said_unnamed": {"ar": "تصريح {when}{outlet}:", "en": "A statement{when}{outlet}:"},
    "lead.event": {"ar": "حدث {when}{outlet}:", "en": "An event{when}{outlet}:"},
    "lead.role": {"ar": "، {role}،", "en": ", {role},"},
    "lead.on": {"ar": "في {date}", "en": " on {date}"},
    "lead.in": {"ar": "في {date}", "en": " in {date}"},
    "lead.outlet": {"ar": "، بحسب {outlet}", "en": ", according to {outlet}"},
    # how a date was known, in plain words
    "note.relative": {
        "ar": "ورد «{expr}»، فحُسب التاريخ من تاريخ النشر ({published})",
        "en": "The text says “{expr}”: counted from the publication date ({published})",
    },
    "note.relative_plain": {
        "ar": "تاريخ نسبي حُسب من تاريخ النشر ({published})",
        "en": "A relative date, counted from the publication date ({published})",
    },
    "note.relative_other": {
        "ar": "تاريخ نسبي حُسب من تاريخ آخر في المقال",
        "en": "A relative date, counted from another date in the article",
    },
    "note.published": {
        "ar": "تاريخ التصريح غير مذكور؛ اعتُمد تاريخ النشر",
        "en": "The date is not given; the publication date is used",
    },
    "note.same_speaker": {
        "ar": "التاريخ غير مذكور هنا؛ أُخذ من تصريح آخر للمتحدث نفسه في المقال",
        "en": "No date here; taken from the same speaker's other dated statement in the article",
    },
    "note.lead": {
        "ar": "التاريخ غير مذكور هنا؛ أُخذ من مقدمة المقال",
        "en": "No date here; taken from the article's opening lines",
    },
    "note.year_inferred": {
        "ar": "السنة غير مذكورة؛ استُنتجت من المقال",
        "en": "The year is not given; inferred from the article",
    },
    "published.explicit": {"ar": "مذكور في المقال", "en": "stated in the article"},
    "published.relative": {"ar": "محسوب من تعبير نسبي", "en": "counted from a relative expression"},
    "published.inferred": {
        "ar": "غير مذكور في المقال؛ استُنتج من مصدر آخر",
        "en": "not stated in the article; inferred from elsewhere",
    },
    "published.metadata": {"ar": "من بيانات صفحة المقال", "en": "from the page's metadata"},
    "published.url": {"ar": "من رابط المقال", "en": "from the article's address"},
    "card.outlet_unknown": {"ar": "مصدر غير معروف", "en": "unknown outlet"},
    "card.published": {"ar": "نُشر في {date}", "en": "published {date}"},
    "card.article": {"ar": "نص المقال", "en": "The article"},
    "card.original": {"ar": "المقال الأصلي", "en": "Original article"},
    "card.kind_statement": {"ar": "تصريح", "en": "Statement"},
    "card.kind_event": {"ar": "حدث", "en": "Event"},
    "card.background": {"ar": "خلفية", "en": "Background"},
    "card.indirect": {"ar": "نقل غير مباشر", "en": "Reported speech"},
    "filters.background": {"ar": "إظهار أحداث الخلفية", "en": "Show background events"},
    "filters.active": {"ar": "التصفية الحالية", "en": "Active filters"},
    "filters.remove": {"ar": "إزالة: {what}", "en": "Remove: {what}"},
    "results.range": {"ar": "{a}–{b} من {n}", "en": "{a}–{b} of {n}"},
    "story.range": {"ar": "القصص {a}–{b} من {n}", "en": "stories {a}–{b} of {n}"},
    "results.previous": {"ar": "الصفحة السابقة", "en": "Previous page"},
    "results.pages": {"ar": "الصفحات", "en": "Pages"},
    "results.clear": {
        "ar": "مسح التصفية وعرض كل الأحداث",
        "en": "Clear the filters and show every event",
    },
    "results.speaker_hint": {
        "ar": "تشمل النتائج تصريحات {names} بأي تهجئة لاسمه.",
        "en": "Includes the statements of {names}, however the Arabic spells the name.",
    },
    "axis.title": {"ar": "الأحداث عبر الزمن", "en": "Events over time"},
    "axis.caption.years": {
        "ar": "من {start} إلى {end}، بالسنوات",
        "en": "{start} to {end}, by year",
    },
    "axis.caption.months": {
        "ar": "من {start} إلى {end}، بالأشهر",
        "en": "{start} to {end}, by month",
    },
    "axis.caption.days": {"ar": "من {start} إلى {end}، بالأيام", "en": "{start} to {end}, by day"},
    "axis.capped": {
        "ar": "(أول {n} حدث فقط تحت هذه المرشحات مجتمعة)",
        "en": "(the first {n} events under these filters combined only)",
    },
    "axis.statements": {"ar": "تصريحات", "en": "Statements"},
    "axis.events": {"ar": "أحداث", "en": "Events"},
    "axis.month_band": {"ar": "معروف الشهر فقط", "en": "Month known only"},
    "axis.year_band": {"ar": "معروف السنة فقط", "en": "Year known only"},
    "axis.zoom_out": {"ar": "عرض الفترة كلها", "en": "Show all dates"},
    "axis.drag": {
        "ar": "اسحب على المحور لاختيار فترة، أو انقر عموداً أو شريطاً.",
        "en": "Drag across the axis to choose a period, or click a column or band.",
    },
    "axis.lane.month": {"ar": "ش", "en": "M"},
    "axis.lane.year": {"ar": "س", "en": "Y"},
    "axis.count": {"ar": "العدد", "en": "Count"},
    "strip.title": {"ar": "الدول الأعضاء عبر الأشهر", "en": "Member states by month"},
    "strip.note": {
        "ar": "كل خلية عدد الأحداث المتعلقة بالدولة في ذلك الشهر؛ انقرها للتصفية.",
        "en": "Each cell is the number of events about that state that month; click to filter.",
    },
    "country.membership": {"ar": "العضوية", "en": "Membership"},
    "speaker.wikidata": {"ar": "ويكي بيانات", "en": "Wikidata"},
    "share.image_alt": {"ar": "بطاقة التصريح", "en": "The statement as a card"},
    "error.back": {"ar": "العودة إلى الخط الزمني", "en": "Back to the timeline"},
}

# Stories (app/stories/): one card per statement, its outlets and where they differ.
MESSAGES.update(
    {
        "story.count": {"ar": "عدد القصص: {n}", "en": "{n} stories"},
        "story.counts_note": {
            "ar": "الأعداد عدد القصص: التصريح الواحد في عدة مصادر يُعدّ مرة واحدة.",
            "en": "Counts are stories: one statement carried by several outlets counts once.",
        },
        "story.show_all": {"ar": "عرض كل التقارير", "en": "Show every report"},
        "story.show_stories": {"ar": "بطاقة واحدة لكل قصة", "en": "One card per story"},
        "story.reported_by": {"ar": "نقلته", "en": "Reported by"},
        "story.more": {"ar": "+{n}", "en": "+{n}"},
        "story.reports": {"ar": "التقارير ({n})", "en": "Reports ({n})"},
        "story.page": {"ar": "صفحة القصة", "en": "Story page"},
        "story.title": {"ar": "قصة", "en": "Story"},
        "story.of_event": {"ar": "هذا التقرير جزء من قصة", "en": "This report is part of a story"},
        "story.date_from": {"ar": "التاريخ من", "en": "Date from"},
        "story.differ": {"ar": "تختلف التقارير في", "en": "Reports differ on"},
        "story.agree": {"ar": "تتفق التقارير.", "en": "The reports agree."},
        "story.field.speaker": {"ar": "المتحدث", "en": "the speaker"},
        "story.field.date": {"ar": "التاريخ", "en": "the date"},
        "story.field.wording": {"ar": "الصياغة", "en": "the wording"},
        "story.cut_short": {"ar": "مقتطع", "en": "cut short"},
        "story.undated": {"ar": "بلا تاريخ", "en": "undated"},
        "story.article": {"ar": "المقال", "en": "article"},
        "story.all_reports": {"ar": "كل التقارير", "en": "Every report"},
    }
)

MONTHS = {
    "ar": (
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


SHORT_MONTHS_EN = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def short_month(month: int, lang: str) -> str:
    """A month's name for a chart's tick (Arabic names are short already)."""
    return SHORT_MONTHS_EN[month - 1] if lang == "en" else MONTHS[lang][month - 1]


def t(key: str, lang: str, **values: object) -> str:
    """The message for ``key`` in ``lang`` (falls back to Arabic, then to the key itself)."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def error_text(status: int, lang: str) -> tuple[str, str]:
    """The heading and the explanation of an error page for ``status`` (a 5xx is never a "bad
    request": unknown codes fall back to their class)."""
    key = f"error.{status}"
    if key not in MESSAGES:
        key = "error.5xx" if status >= 500 else "error.4xx"
    return t(key, lang), t(f"{key}.body", lang)


def format_date(value: str | None, lang: str) -> str:
    """A date written to its precision (``2022-01-13``, ``2022-01``, ``2022``) in words."""
    if not value:
        return t("basis.unknown", lang)
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[lang][int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[lang][int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return value
    return value


def filter_error_text(exc, lang: str) -> str:
    """The message shown beside a field for a ``FilterError`` (in the reader's language when
    the case is known; the English detail otherwise)."""
    if exc.param == "to" and "before the start" in exc.message:
        return t("error.range", lang)
    if lang == "ar":
        return f"{t('error.field', lang)} ({exc.message})"
    return exc.message


def pick_lang(query_lang: str | None, cookie_lang: str | None, accept_language: str) -> str:
    """?lang= wins, then the remembered cookie, then the browser's Accept-Language."""
    for candidate in (query_lang, cookie_lang):
        if candidate in LANGS:
            return candidate
    best, best_q = DEFAULT_LANG, -1.0
    for position, item in enumerate(accept_language.split(",")):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGS:
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, number = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(number)
                except ValueError:
                    q = 0.0
        q -= position * 1e-6  # earlier wins among equals
        if q > best_q and q > 0:
            best, best_q = primary, q
    return best
