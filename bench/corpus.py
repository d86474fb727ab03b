"""Synthetic Arabic news articles about the CSTO, for benchmarks.

Each article is built from the knowledge base (speakers with their titles and countries, outlets)
and from sentence templates in the style of the seeds: speech verbs (قال/أكد/أعلن/أضاف/أشار إلى أن),
three quotation styles ("…" “…” «…»), relative dates (اليوم الخميس، أمس), explicit dates
("13 يناير/كانون الثاني 2022"), Arabic-Indic digits, datelines and "المصدر: تاس" footers.

Articles are ~5 KB of UTF-8 and deterministic: article ``i`` of seed ``s`` is always the same text,
whichever process writes it, so a corpus can be written in parallel and cached by
``GENERATOR_VERSION``. The output is plain ``.txt`` files that go through the real extractor.

    python -m bench.corpus --articles 10000 --out bench/out/corpus
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = "corpus-v1"
TARGET_BYTES = 5300
KB_DIR = Path(__file__).resolve().parent.parent / "app" / "extract" / "data"

MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر"]
MONTHS += ["نوفمبر", "ديسمبر"]
LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول"]
LEVANT += ["تشرين الأول", "تشرين الثاني", "كانون الأول"]
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str  # كازاخستان
    adjective: str  # الكازاخستاني
    capital: str
    csto: bool


@dataclass(frozen=True)
class Person:
    name: str  # full name as written
    surname: str  # the short form used after the first mention
    title: str  # title before the name
    country: str  # iso2
    feminine: bool = False


@dataclass(frozen=True)
class Outlet:
    name: str  # as written in a footer or dateline
    city: str


COUNTRIES = [
    Country("RU", "روسيا", "الروسي", "موسكو", True),
    Country("BY", "بيلاروس", "البيلاروسي", "مينسك", True),
    Country("AM", "أرمينيا", "الأرميني", "يريفان", True),
    Country("KZ", "كازاخستان", "الكازاخستاني", "أستانا", True),
    Country("KG", "قرغيزستان", "القرغيزي", "بيشكيك", True),
    Country("TJ", "طاجيكستان", "الطاجيكي", "دوشنبه", True),
    Country("AF", "أفغانستان", "الأفغاني", "كابول", False),
    Country("US", "الولايات المتحدة", "الأمريكي", "واشنطن", False),
    Country("CN", "الصين", "الصيني", "بكين", False),
    Country("UZ", "أوزبكستان", "الأوزبكي", "طشقند", False),
    Country("AZ", "أذربيجان", "الأذربيجاني", "باكو", False),
    Country("UA", "أوكرانيا", "الأوكراني", "كييف", False),
]

PEOPLE = [
    Person("ستانيسلاف زاس", "زاس", "الأمين العام لمنظمة معاهدة الأمن الجماعي", "BY"),
    Person(
        "إيمانغالي تاسماغامبيتوف", "تاسماغامبيتوف", "الأمين العام لمنظمة معاهدة الأمن الجماعي", "KZ"
    ),
    Person("سيرغي لافروف", "لافروف", "وزير الخارجية الروسي", "RU"),
    Person("فلاديمير بوتين", "بوتين", "الرئيس الروسي", "RU"),
    Person("ديمتري بيسكوف", "بيسكوف", "المتحدث باسم الكرملين", "RU"),
    Person("سيرغي شويغو", "شويغو", "وزير الدفاع الروسي", "RU"),
    Person("ماريا زاخاروفا", "زاخاروفا", "المتحدثة باسم وزارة الخارجية الروسية", "RU", True),
    Person("فياتشيسلاف فولودين", "فولودين", "رئيس مجلس الدوما الروسي", "RU"),
    Person("قاسم جومارت توكاييف", "توكاييف", "رئيس كازاخستان", "KZ"),
    Person("ألكسندر لوكاشينكو", "لوكاشينكو", "الرئيس البيلاروسي", "BY"),
    Person("نيكول باشينيان", "باشينيان", "رئيس الوزراء الأرميني", "AM"),
    Person("صدر جباروف", "جباروف", "الرئيس القرغيزي", "KG"),
    Person("إمام علي رحمن", "رحمن", "رئيس طاجيكستان", "TJ"),
    Person("أناتولي سيدوروف", "سيدوروف", "رئيس الأركان المشتركة لمنظمة معاهدة الأمن الجماعي", "RU"),
    Person("أندريه سيرديوكوف", "سيرديوكوف", "قائد قوات حفظ السلام الجماعية", "RU"),
    Person("أرارات ميرزويان", "ميرزويان", "وزير الخارجية الأرميني", "AM"),
    Person("مختار تيلوبيردي", "تيلوبيردي", "وزير الخارجية الكازاخستاني", "KZ"),
    Person("سيرغي أليينيك", "أليينيك", "وزير الخارجية البيلاروسي", "BY"),
    Person("أنتوني بلينكن", "بلينكن", "وزير الخارجية الأمريكي", "US"),
    Person("وانغ يي", "وانغ", "وزير الخارجية الصيني", "CN"),
]

OUTLETS = [
    Outlet("تاس", "موسكو"),
    Outlet("سبوتنيك", "موسكو"),
    Outlet("نوفوستي", "موسكو"),
    Outlet("قازإنفورم", "أستانا"),
    Outlet("بيلتا", "مينسك"),
    Outlet("أرمنبريس", "يريفان"),
]

QUOTE_CLAUSES = [
    "إن الوضع في {c} مستقر تماماً بفضل الإجراءات المنسقة لقوات حفظ السلام",
    "إن منظمة معاهدة الأمن الجماعي مستعدة لتقديم كل المساعدة اللازمة إلى {c}",
    "إن الدول الأعضاء في المنظمة ستواصل التنسيق الوثيق لمواجهة التهديدات الإرهابية",
    "لقد أثبتت قوات حفظ السلام الجماعية جاهزيتها العالية وقدرتها على الانتشار السريع",
    "نحن نتابع عن كثب تطورات الوضع على الحدود مع {c}",
    "لا توجد أي نية لدى المنظمة للتدخل في الشؤون الداخلية لأي دولة",
    "إن التعاون العسكري بين {c} وشركائها في المنظمة يتعزز عاماً بعد عام",
    "ستعقد الاجتماعات المقبلة لمجلس الأمن الجماعي في موعدها المحدد",
    "إن التهديدات القادمة من أفغانستان ما زالت تشكل مصدر قلق بالغ للمنطقة",
    "إن المناورات المشتركة أظهرت مستوى عالياً من التنسيق بين الوحدات",
    "إن المهمة أنجزت بالكامل وستبدأ القوات الانسحاب خلال أيام",
    "لا يمكن ضمان الأمن في آسيا الوسطى من دون مشاركة فاعلة من {c}",
]

INDIRECT = [
    "عن استقرار الوضع في {c} بفضل الإجراءات المنسقة",
    "عن بدء انسحاب الوحدات من {c} بعد إنجاز مهمتها",
    "عن عقد اجتماع طارئ لوزراء خارجية الدول الأعضاء بشأن {c}",
    "عن استعداد المنظمة لإرسال مراقبين إلى {c}",
]

EVENTS = [
    "وصلت طلائع قوات حفظ السلام التابعة لمنظمة معاهدة الأمن الجماعي إلى {c}",
    "عقدت قمة منظمة معاهدة الأمن الجماعي في {cap} بمشاركة قادة الدول الأعضاء",
    "انطلقت مناورات «الأخوة القتالية» المشتركة على أراضي {c}",
    "وقعت {c} على بروتوكول جديد للتعاون العسكري مع المنظمة",
    "بدأت القوات الجماعية انسحابها من {c} بعد انتهاء مهمتها",
    "اجتمع مجلس وزراء الدفاع في الدول الأعضاء في {cap}",
]

BACKGROUND = [
    "وتضم منظمة معاهدة الأمن الجماعي كلاً من روسيا وبيلاروس وأرمينيا وكازاخستان وقرغيزستان "
    "وطاجيكستان، وقد تأسست على أساس معاهدة الأمن الجماعي الموقعة عام 1992.",
    "ويرى مراقبون أن المنظمة تسعى إلى تعزيز دورها في ضمان الاستقرار الإقليمي في ظل التحديات "
    "الأمنية المتزايدة في آسيا الوسطى والقوقاز.",
    "وتأتي هذه التصريحات في وقت تشهد فيه المنطقة توتراً متصاعداً على خلفية النزاعات الحدودية "
    "وتدفق اللاجئين وتهريب المخدرات عبر الحدود الجنوبية.",
    "وكانت الدول الأعضاء قد اتفقت في وقت سابق على توسيع صلاحيات قوات الرد السريع الجماعية "
    "وزيادة عدد التدريبات المشتركة خلال العام الحالي.",
]


def _kb_people() -> list[Person]:
    """People from the knowledge base when it has them (names the extractor knows), else ours."""
    path = KB_DIR / "people.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return PEOPLE
    entries = data.get("people", data) if isinstance(data, dict) else data
    iso = {c.iso2 for c in COUNTRIES}
    people: list[Person] = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        name = entry.get("name_ar")
        roles = entry.get("roles") or []
        title = entry.get("role_ar") or entry.get("title_ar")
        if not title and roles and isinstance(roles[0], dict):
            title = roles[0].get("role_ar") or roles[0].get("title_ar")
        country = entry.get("country")
        if isinstance(name, str) and isinstance(title, str) and country in iso:
            feminine = entry.get("gender") == "f"
            people.append(Person(name, name.split()[-1], title, country, feminine))
    return people if len(people) >= 8 else PEOPLE


def _date_ar(day: dt.date, rng: random.Random, *, indic: bool = False) -> str:
    style = rng.randrange(3)
    if style == 0:
        text = f"{day.day} {MONTHS[day.month - 1]}/{LEVANT[day.month - 1]} {day.year}"
    elif style == 1:
        text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    else:
        text = f"{day.day} {LEVANT[day.month - 1]} {day.year}"
    return text.translate(INDIC) if indic else text


def _quote(text: str, rng: random.Random) -> str:
    left, right = rng.choice([('"', '"'), ("“", "”"), ("«", "»")])
    return f"{left}{text}{right}"


class ArticleWriter:
    """Writes article ``index`` of a corpus (one instance per process: lists loaded once)."""

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        self.people = _kb_people()
        self.countries = {c.iso2: c for c in COUNTRIES}
        self.start = dt.date(2019, 1, 1)
        self.days = (dt.date(2026, 10, 31) - self.start).days

    def article(self, index: int) -> str:
        rng = random.Random(f"{self.seed}:{index}")
        published = self.start + dt.timedelta(days=rng.randrange(self.days))
        outlet = rng.choice(OUTLETS)
        focus = rng.choice([c for c in COUNTRIES if c.csto])
        lead = rng.choice(self.people)
        lines: list[str] = []
        weekday = WEEKDAYS[published.weekday()]
        lines.append(f"{lead.surname}: {self._clause(rng, focus)}")
        lines.append("")
        dateline = rng.randrange(4)
        if dateline == 0:
            lines.append(_date_ar(published, rng, indic=True))
            lines.append("")
        elif dateline == 1:
            lines.append(f"{outlet.name} - {_date_ar(published, rng)}")
        first_verb = "أعلنت" if lead.feminine else "أعلن"
        today = f"اليوم {weekday} {_date_ar(published, rng)}" if dateline >= 2 else "اليوم"
        prefix = f"{outlet.city} - {outlet.name}: " if dateline == 3 else ""
        lines.append(
            f"{prefix}{first_verb} {lead.title} {lead.name}، {today}، "
            f"{rng.choice(INDIRECT).format(c=focus.name)}."
        )
        size = len("\n".join(lines).encode("utf-8"))
        while size < TARGET_BYTES - 400:
            paragraph = self._paragraph(rng, published, focus)
            lines.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 1
        lines.append("")
        lines.append(f"المصدر: {outlet.name}")
        return "\n".join(lines) + "\n"

    def _clause(self, rng: random.Random, focus: Country) -> str:
        country = focus if rng.random() < 0.6 else rng.choice(COUNTRIES)
        return rng.choice(QUOTE_CLAUSES).format(c=country.name)

    def _paragraph(self, rng: random.Random, published: dt.date, focus: Country) -> str:
        kind = rng.random()
        person = rng.choice(self.people)
        fem = person.feminine
        if kind < 0.55:
            verb, comp = rng.choice(
                [("قال", "إن"), ("أكد", "أن"), ("أضاف", "أن"), ("أشار", "إلى أن"), ("أوضح", "أن")]
            )
            if fem:
                verb = {"قال": "قالت", "أكد": "أكدت", "أضاف": "أضافت", "أشار": "أشارت"}.get(
                    verb, verb + "ت"
                )
            when = rng.choice(["", "، في تصريح صحفي،", "، خلال مؤتمر صحفي اليوم،", "، أمس،"])
            body = self._clause(rng, focus).removeprefix("إن ")
            if rng.random() < 0.5:
                body += "، " + self._clause(rng, focus)
            return f"و{verb} {person.title} {person.name}{when} {comp} {_quote(body, rng)}."
        if kind < 0.75:
            verb = "وأضافت" if fem else "وأضاف"
            return (
                f"{verb} {person.surname}: {_quote(self._clause(rng, focus), rng)}، "
                f"{'مشيرة' if fem else 'مشيراً'} إلى أن {_quote(self._clause(rng, focus), rng)}."
            )
        if kind < 0.92:
            back = dt.timedelta(days=rng.randrange(1, 400))
            day = published - back
            country = focus if rng.random() < 0.7 else rng.choice(COUNTRIES)
            what = rng.choice(EVENTS).format(c=country.name, cap=country.capital)
            return f"وفي {_date_ar(day, rng)}، {what}."
        return rng.choice(BACKGROUND)

    def file_name(self, index: int, text: str) -> str:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        return f"{index:06d}_{digest}.txt"


def corpus_dir(root: Path, articles: int, seed: int = 1) -> Path:
    """The cache folder: generator version, the knowledge base it drew people from, seed, size."""
    try:
        kb = hashlib.sha256((KB_DIR / "people.json").read_bytes()).hexdigest()[:8]
    except OSError:
        kb = "builtin"
    return root / f"{GENERATOR_VERSION}-kb{kb}-s{seed}-n{articles}"


def write_corpus(out: Path, articles: int, *, seed: int = 1) -> tuple[Path, int]:
    """Write the corpus once (a ``.complete`` marker makes reruns free); return dir and bytes."""
    marker = out / ".complete"
    if marker.exists():
        return out, int(marker.read_text())
    out.mkdir(parents=True, exist_ok=True)
    writer = ArticleWriter(seed)
    total = 0
    for index in range(articles):
        text = writer.article(index)
        data = text.encode("utf-8")
        total += len(data)
        (out / writer.file_name(index, text)).write_bytes(data)
    marker.write_text(str(total))
    return out, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument("--print", type=int, metavar="INDEX", help="print one article and exit")
    args = parser.parse_args(argv)
    if args.print is not None:
        sys.stdout.write(ArticleWriter(args.seed).article(args.print))
        return 0
    path, total = write_corpus(corpus_dir(args.out, args.articles, args.seed), args.articles)
    print(f"{path}: {args.articles} articles, {total / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
