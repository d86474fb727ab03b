"""Time expressions: find them (with offsets), resolve them against a reference date.

The grammar is data-driven (months in their Egyptian/Gulf, Levantine and Maghrebi names,
weekdays, ordinal day words, relative words, from ``data/calendar.json``) and runs on the
normalized key, so spelling noise (hamza seats, teh marbuta, Arabic-Indic digits, tatweel,
the ``ء`` after a year) doesn't matter. dateparser was evaluated and not used (README).

Kinds of expression (``TimeExpr.kind``):
  ``dmy``  day + month [+ year] (13 يناير/كانون الثاني 2022، التاسع عشر من كانون الثاني، 11/1/2022)
  ``my``   month [+ year | الجاري/الماضي/المقبل] with an optional period word (مطلع، منتصف، نهاية)
  ``y``    a year (في عام 2021، العام 2021)
  ``rel``  a day relative to the reference (اليوم، أمس، غدا، صباح اليوم), + weekday
  ``wd``   a weekday (يوم الأربعاء الماضي، الخميس المقبل، يوم الجمعة)
  ``per``  a relative period (الشهر الماضي، مطلع العام الجاري، نهاية الشهر المقبل)
  ``ago``  قبل يومين، بعد 3 أيام
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from app.extract.frozen import quick_init
from app.extract.model import DateValue
from app.extract.resources import Resources, load_resources
from app.extract.textnorm import NormText, norm

WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@quick_init
@dataclass(frozen=True)
class TimeExpr:
    """A time expression: raw offsets and the fields read from it."""

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int = 0  # rel: days from the reference; ago: signed days/months/years
    direction: int | None = None  # -1 past, 0 current, +1 next (month/weekday/period words)
    unit: str | None = None  # per/ago: day | week | month | year
    part: str | None = None  # per/my: start | middle | end
    deictic: bool = False  # anchored on "today" (اليوم/أمس/غدا…)
    same_year: bool = False  # "من العام نفسه": the year of the date written before
    year_shift: int | None = None  # "من العام الماضي/الجاري/المقبل": the reference year + this
    text: str = ""

    @property
    def full(self) -> bool:
        return self.kind == "dmy" and self.year is not None


_LATIN_MONTHS = {
    1: ("january", "jan"), 2: ("february", "feb"), 3: ("march", "mar"), 4: ("april", "apr"),
    5: ("may",), 6: ("june", "jun"), 7: ("july", "jul"), 8: ("august", "aug"),
    9: ("september", "sept", "sep"), 10: ("october", "oct"), 11: ("november", "nov"),
    12: ("december", "dec"),
}  # fmt: skip
_LATIN_MONTH_RE = (
    "|".join(sorted((n for names in _LATIN_MONTHS.values() for n in names), key=len, reverse=True))
    + r"(?![a-z])"
)


def _w(s: str) -> str:
    return rf"(?<![^\W\d_]){s}(?![^\W\d_])"


@lru_cache(maxsize=1)
def _grammar() -> dict[str, re.Pattern]:
    res = load_resources()
    cal = res.calendar

    def alt(words) -> str:
        uniq = sorted({norm(w) for w in words if norm(w)}, key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)

    month = f"(?:{res.month_re})"
    # a month with its other-system name: يناير/كانون الثاني، يناير (كانون الثاني)، سبتمبر أيلول
    monthx = rf"(?P<m1>{month})(?:\s*[/\\(-]\s*(?P<m2>{month})\s*\)?|\s+(?P<m3>{month}))?"
    year = r"(?P<y>(?:19|20)\d\d)(?!\d)(?:\s?ء|\s?م(?![^\W\d_]))?"
    wd = rf"(?P<wd>{res.weekday_re})"
    past = alt(cal["past_words"])
    nxt = alt(cal["next_words"])
    cur = alt(cal["current_words"])
    direction = rf"(?P<dir>{past}|{nxt}|{cur})"
    rel = rf"(?P<rel>{alt(res.relative_days)})"
    part = rf"(?P<part>{alt(cal['day_parts'])})"
    pstart, pmid, pend = alt(cal["period_start"]), alt(cal["period_middle"]), alt(cal["period_end"])
    period = rf"(?P<per>{pstart}|{pmid}|{pend})"
    ordinal = rf"(?P<ord>{res.ordinal_re})"
    # "يومي 15 و16 نوفمبر": the later day of a pair; a digit never starts inside a number
    day = rf"(?:(?:ال\s*)?(?:[0-3]?\d\s+و\s*)?(?<!\d)(?P<d>[0-3]?\d)(?!\d)|{ordinal})"
    yearword = r"(?:[وبل]|وب|ول)?(?:عام|العام|سنه|السنه)|للعام|للسنه"
    yearpart = rf"(?:\s*[،,]?\s*(?:من\s+)?(?:{yearword})?\s*{year})"
    sameyear = r"(?P<sy>\s+من\s+(?:(?:نفس|ذات)\s+(?:العام|السنه)|(?:العام|السنه)\s+(?:نفسه|ذاته)))"
    yrel = rf"(?:\s+من\s+(?:العام|السنه)\s+(?P<ydir>{past}|{nxt}|{cur}))"
    lead = rf"(?:(?:{part}\s+)?{rel}\s*[،,]?\s*)?(?:(?:يوم\s+)?{wd}\s*[،,]?\s*)?"
    g = {
        # a number never starts inside a number, but a section label may be glued before it
        # ('عرب وعالم23-11-2023'); month/day/year ('10/24/2021') when the middle is no month
        "num": re.compile(
            rf"(?:(?<![^\W\d_]){lead}(?<!\d)|(?<!\d))"
            rf"(?:(?P<nd>[0-3]?\d)\s*[/.-]\s*(?P<nm>[0-3]?\d)\s*[/.-]\s*(?P<ny>(?:19|20)\d\d)"
            rf"|(?P<iy>(?:19|20)\d\d)\s*[/.-]\s*(?P<im>[01]?\d)\s*[/.-]\s*(?P<id>[0-3]?\d))(?!\d)"
        ),
        # a date in Latin script inside the page (an embedded post, an English stamp):
        # 'March 3, 2023', '3 March 2023', '23rd, November 2023', 'Nov. 23, 2023'
        "lat": re.compile(
            rf"(?i:(?<![^\W\d_])(?:(?P<ld>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?:of\s+)?(?P<lm>{_LATIN_MONTH_RE})"
            rf"\.?,?\s+(?P<ly>(?:19|20)\d\d)"
            rf"|(?P<lm2>{_LATIN_MONTH_RE})\.?\s+(?P<ld2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<ly2>(?:19|20)\d\d))(?!\d))"
        ),
        "dmy": re.compile(
            _w(
                # a day's digits may be glued to the month name ('3سبتمبر 2023')
                rf"{lead}{day}(?:\s+من)?(?:\s+|(?<=\d))(?:شهر\s+)?{monthx}"
                rf"(?:{yearpart}|\s+{direction}|{sameyear}|{yrel})?"
            )
        ),
        # page stamps with a month name: '16/نوفمبر/2021'، '16-نوفمبر-2021', and month first
        # as in English ('نوفمبر 16، 2021')
        "sep": re.compile(
            rf"(?<![^\W\d_])(?:{wd}\s*[،,]?\s*)?(?:(?<!\d)(?P<d>[0-3]?\d)\s*[/-]\s*(?P<m1>{month})"
            rf"\s*[/-]\s*{year}|(?P<mf>{month})\s+(?P<df>[0-3]?\d)\s*[،,]\s*(?P<yf>(?:19|20)\d\d))(?!\d)"
        ),
        # a span of days: 'من 11 إلى 20 سبتمبر'، 'من 1-6 أيلول المقبل' — dated by its first day
        "range": re.compile(
            _w(
                # (with a dash the span needs no 'من': 'في 28-29 أكتوبر')
                rf"(?:(?:من|بين)\s+(?:ال\s*)?(?P<d>[0-3]?\d)\s*(?:-|–|الي|حتي|و)"
                rf"|(?<![\d/.-])(?P<d0>[0-3]?\d)\s*[-–])\s*(?:ال\s*)?[0-3]?\d"
                rf"(?:\s+من)?\s+(?:شهر\s+)?{monthx}(?:{yearpart}|\s+{direction}|{yrel})?"
            )
        ),
        "same": re.compile(
            _w(rf"{day}\s+من\s+(?:نفس\s+)?(?:ذات\s+)?(?:الشهر|شهر)(?:\s+(?:نفسه|ذاته))?")
        ),
        "my": re.compile(
            _w(
                rf"(?:{period}\s+)?(?:شهر\s+)?{monthx}(?:{yearpart}|\s+{direction}|{sameyear}|{yrel})?"
            )
        ),
        "y": re.compile(_w(rf"(?:(?:{period})\s+)?(?:{yearword})\s+{year}")),
        "y_in": re.compile(_w(rf"(?:في|خلال|منذ)\s+{year}")),
        "rel": re.compile(
            _w(rf"(?:{part}\s+)?{rel}(?:\s*[،,]?\s*(?:يوم\s+)?{wd})?")
            + r"(?!\s+(?:التالي|السابق|الذي|الوطني|العالمي|الاول|الثاني|الثالث|نفسه|ذاته))"
        ),
        "wd": re.compile(
            _w(
                rf"(?P<yom>(?:يوم|نهار|ليله|فجر|صباح|مساء|ظهر|عصر|صبيحه|ظهيره)\s+)?{wd}(?:\s+(?P<dir>{past}|{nxt}))?"
            )
        ),
        "per": re.compile(
            _w(
                rf"(?:{period}\s+)?(?P<unit>الاسبوع|الشهر|العام|السنه|الاسابيع)\s+"
                rf"(?P<dir>{past}|{nxt}|{cur})"
                # "منذ مطلع العام"، "منتصف الشهر": a period word makes the current one
                rf"|(?P<per0>{pstart}|{pmid}|{pend})\s+(?P<unit0>الشهر|العام|السنه)(?!\s*[\d٠-٩])"
            )
        ),
        "ago": re.compile(
            _w(
                r"(?P<ago>قبل|بعد)\s+(?:(?P<n>\d+)\s+)?(?P<u>يومين|ايام|يوما|يوم|اسبوعين|اسابيع|اسبوع"
                r"|شهرين|اشهر|شهور|شهر|عامين|اعوام|سنوات|عام|سنتين|سنه)"
                r"|(?P<bg>بعد\s+غد)"
            )
        ),
    }
    # an expression never runs across a line break ("صحيفة الغد" over "السبت 8 مارس 2025")
    g = {k: re.compile(v.pattern.replace(r"\s", r"[^\S\n]")) for k, v in g.items()}
    # cheap triggers: a kind's full pattern runs only where its trigger occurs
    g["_num"] = re.compile(r"\d\s*[/.-]\s*\d")
    g["_lat"] = re.compile(rf"(?i:{_LATIN_MONTH_RE})")
    g["_dmy"] = re.compile(month)
    g["_my"] = g["_dmy"]
    g["_range"] = g["_dmy"]
    g["_sep"] = g["_dmy"]
    g["_same"] = re.compile(r"من\s+(?:نفس\s+|ذات\s+)?(?:الشهر|شهر)")
    g["_y"] = re.compile(r"(?:19|20)\d\d")
    g["_y_in"] = g["_y"]
    g["_rel"] = re.compile(alt(res.relative_days))
    g["_wd"] = re.compile(res.weekday_re)
    g["_per"] = re.compile(r"الاسبوع|الشهر|العام|السنه|الاسابيع")
    g["_ago"] = re.compile(r"قبل|بعد")
    # one scan for every trigger: the full patterns then run only in windows around the hits
    g["_any"] = re.compile(
        "|".join(
            f"(?:{g['_' + k].pattern})"
            for k in ("num", "lat", "dmy", "same", "y", "rel", "wd", "per", "ago")
        )
    )
    # most texts hold no Latin letter: there the same scan without the (slow, case-blind)
    # Latin months, whose first letters are checked by one quick search
    g["_lat0"] = re.compile(
        "(?i:" + "|".join(sorted({n[0] for n in _LATIN_MONTH_RE.split("|")})) + ")"
    )
    g["_any_ar"] = re.compile(
        "|".join(
            f"(?:{g['_' + k].pattern})"
            for k in ("num", "dmy", "same", "y", "rel", "wd", "per", "ago")
        )
    )
    return g


_KINDS = ("num", "lat", "sep", "range", "dmy", "same", "my", "y", "y_in", "rel", "wd", "per", "ago")
_KINDS_AR = tuple(k for k in _KINDS if k != "lat")  # a text without Latin letters
_MARGIN = 48  # characters around a trigger where an expression holding it may lie


def _windows(key: str, k0: int, k1: int, trigger: re.Pattern) -> list[tuple[int, int]]:
    """Merged spans of key around the trigger hits, ending at a word's end."""
    out: list[tuple[int, int]] = []
    for m in trigger.finditer(key, k0, k1):
        a = max(k0, m.start() - _MARGIN)
        b = min(k1, m.end() + _MARGIN)
        while b < k1 and not key[b].isspace():
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _trigger_hits(
    key: str, windows: list[tuple[int, int]], triggers: list[re.Pattern]
) -> dict[re.Pattern, list[tuple[int, int]]]:
    """Each trigger → the windows it occurs in, in order (several kinds share a trigger: each
    window is searched once per trigger)."""
    out: dict[re.Pattern, list[tuple[int, int]]] = {}
    for trigger in triggers:
        if trigger not in out:
            out[trigger] = [(a, b) for a, b in windows if trigger.search(key, a, b)]
    return out


def _dir(word: str | None, res: Resources) -> int | None:
    if not word:
        return None
    cal = res.calendar
    w = norm(word)
    if w in {norm(x) for x in cal["past_words"]}:
        return -1
    if w in {norm(x) for x in cal["next_words"]}:
        return 1
    return 0


def _part(word: str | None, res: Resources) -> str | None:
    if not word:
        return None
    w = " ".join(norm(word).split())
    cal = res.calendar
    for name in ("start", "middle", "end"):
        if w in {norm(x) for x in cal[f"period_{name}"]}:
            return name
    return None


def _month(gd: dict, res: Resources) -> int | None:
    m = gd.get("m1")
    return res.months.get(" ".join(m.split())) if m else None


def _day(gd: dict, res: Resources) -> int | None:
    if gd.get("d"):
        return int(gd["d"])
    if gd.get("ord"):
        return res.ordinals.get(" ".join(gd["ord"].split()))
    return None


def _rel(gd: dict, res: Resources) -> int | None:
    r = gd.get("rel")
    return res.relative_days.get(" ".join(r.split())) if r else None


def find_time_expressions(nt: NormText, k0: int = 0, k1: int | None = None) -> tuple[TimeExpr, ...]:
    """Every time expression in ``key[k0:k1]``, longest first, non-overlapping, in text order."""
    res = load_resources()
    g = _grammar()
    key = nt.key
    k1 = len(key) if k1 is None else k1
    cands: list[tuple[int, int, TimeExpr]] = []
    latin = g["_lat0"].search(key, k0, k1) is not None
    windows = _windows(key, k0, k1, g["_any" if latin else "_any_ar"])
    kinds = _KINDS if latin else _KINDS_AR
    hits = _trigger_hits(key, windows, [g["_" + kind] for kind in kinds])

    def scan(kind: str):
        found = hits.get(g["_" + kind])
        if not found:
            return
        pat = g[kind]
        for a, b in found:
            yield from pat.finditer(key, a, b)

    def add(m: re.Match, expr_kwargs: dict) -> None:
        a, b = m.start(), m.end()
        while b > a and key[b - 1] in " ،,":
            b -= 1
        ra, rb = nt.raw_span(a, b)
        cands.append((a, b, TimeExpr(start=ra, end=rb, text=nt.raw[ra:rb], **expr_kwargs)))

    for m in scan("num"):
        gd = m.groupdict()
        if gd.get("ny"):
            y, mo, d = int(gd["ny"]), int(gd["nm"]), int(gd["nd"])
        else:
            y, mo, d = int(gd["iy"]), int(gd["im"]), int(gd["id"])
        if gd.get("ny") and mo > 12 and d <= 12:
            mo, d = d, mo  # month/day/year: '10/24/2021'
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        wdv = res.weekdays.get(gd["wd"]) if gd.get("wd") else None
        rel = _rel(gd, res)
        add(
            m,
            dict(
                kind="dmy",
                year=y,
                month=mo,
                day=d,
                weekday=wdv,
                offset=rel or 0,
                deictic=rel is not None,
            ),
        )
    for m in scan("sep"):
        gd = m.groupdict()
        name = gd.get("m1") or gd.get("mf") or ""
        mo = res.months.get(" ".join(name.split()))
        d, y = int(gd.get("d") or gd.get("df")), int(gd.get("y") or gd.get("yf"))
        if mo and 1 <= d <= 31:
            wdv = res.weekdays.get(gd["wd"]) if gd.get("wd") else None
            add(m, dict(kind="dmy", year=y, month=mo, day=d, weekday=wdv))
    for m in scan("range"):
        gd = m.groupdict()
        d, mo = int(gd.get("d") or gd["d0"]), _month(gd, res)
        if mo and 1 <= d <= 31:
            y = int(gd["y"]) if gd.get("y") else None
            add(
                m,
                dict(
                    kind="dmy",
                    year=y,
                    month=mo,
                    day=d,
                    direction=_dir(gd.get("dir"), res),
                    year_shift=_dir(gd.get("ydir"), res),
                ),
            )
    for m in scan("lat"):
        gd = m.groupdict()
        name = (gd.get("lm") or gd.get("lm2") or "").lower()
        mo = next((n for n, names in _LATIN_MONTHS.items() if name in names), None)
        d, y = int(gd.get("ld") or gd.get("ld2")), int(gd.get("ly") or gd.get("ly2"))
        if mo and 1 <= d <= 31:
            add(m, dict(kind="dmy", year=y, month=mo, day=d))
    for m in scan("dmy"):
        gd = m.groupdict()
        d, mo = _day(gd, res), _month(gd, res)
        if not d or not mo or not 1 <= d <= 31:
            continue
        y = int(gd["y"]) if gd.get("y") else None
        wdv = res.weekdays.get(gd["wd"]) if gd.get("wd") else None
        rel = _rel(gd, res)
        add(
            m,
            dict(
                kind="dmy",
                year=y,
                month=mo,
                day=d,
                weekday=wdv,
                offset=rel or 0,
                deictic=rel is not None,
                direction=_dir(gd.get("dir"), res),
                same_year=bool(gd.get("sy")),
                year_shift=_dir(gd.get("ydir"), res),
            ),
        )
    for m in scan("my"):
        gd = m.groupdict()
        mo = _month(gd, res)
        if not mo:
            continue
        y = int(gd["y"]) if gd.get("y") else None
        d = _dir(gd.get("dir"), res)
        per = _part(gd.get("per"), res)
        bare = y is None and d is None and per is None and not gd.get("ydir")
        if bare:
            # a month name alone: only after "في"/"شهر", never a short ambiguous one (آب)
            before = key[max(0, m.start() - 4) : m.start()]
            name = " ".join(gd["m1"].split())
            before = key[max(0, m.start() - 6) : m.start()]
            starts_shahr = key.startswith("شهر", m.start())
            if not (starts_shahr or re.search(r"(?:في|شهر|منذ|حتي|خلال)\s+$", before)) or (
                len(name) <= 2
            ):
                continue
        add(
            m,
            dict(
                kind="my",
                year=y,
                month=mo,
                direction=d,
                part=per,
                same_year=bool(gd.get("sy")),
                year_shift=_dir(gd.get("ydir"), res),
            ),
        )
    for pat in ("y", "y_in"):
        for m in scan(pat):
            gd = m.groupdict()
            add(m, dict(kind="y", year=int(gd["y"]), part=_part(gd.get("per"), res)))
    for m in scan("rel"):
        gd = m.groupdict()
        rel = _rel(gd, res)
        if rel is None:
            continue
        wdv = res.weekdays.get(gd["wd"]) if gd.get("wd") else None
        add(m, dict(kind="rel", offset=rel, weekday=wdv, deictic=True))
    for m in scan("wd"):
        gd = m.groupdict()
        d = _dir(gd.get("dir"), res)
        if not gd.get("yom") and d is None:
            # a bare weekday dates something only as an adverb: after a comma or a verb phrase,
            # never inside a name; accept it when set off by commas or followed by "أن"
            after = key[m.end() : m.end() + 4]
            before = key[max(0, m.start() - 2) : m.start()]
            if not (re.match(r"\s*[،,]", after) or re.match(r"\s+ان", after) or "،" in before):
                continue
        if d is None and FUTURE.search(key[max(0, m.start() - 24) : m.start()]):
            d = 1  # 'سيبدأ يوم الخميس': the next Thursday, not the last
        add(m, dict(kind="wd", weekday=res.weekdays.get(gd["wd"]), direction=d))
    for m in scan("same"):
        gd = m.groupdict()
        d = _day(gd, res)
        if d and 1 <= d <= 31:
            add(m, dict(kind="same", day=d))
    for m in scan("per"):
        gd = m.groupdict()
        unit = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year"}.get(
            gd["unit"] or gd["unit0"]
        )
        if not unit:
            continue
        add(
            m,
            dict(
                kind="per",
                unit=unit,
                direction=_dir(gd.get("dir"), res),
                part=_part(gd.get("per") or gd.get("per0"), res),
            ),
        )
    for m in scan("ago"):
        gd = m.groupdict()
        if gd.get("bg"):
            continue  # بعد غد is a relative day, handled by "rel"
        u = gd["u"]
        n = (
            int(gd["n"])
            if gd.get("n")
            else (2 if u in ("يومين", "اسبوعين", "شهرين", "عامين", "سنتين") else 1)
        )
        if gd.get("n") is None and u in ("ايام", "اسابيع", "اشهر", "شهور", "اعوام", "سنوات"):
            continue
        unit = (
            "day"
            if u.startswith("يوم") or u == "ايام"
            else "week"
            if "سب" in u
            else "month"
            if "شه" in u
            else "year"
        )
        before = key[max(0, m.start() - 12) : m.start()]
        if re.search(r"غضون\s*$|مده\s*$|لمده\s*$", before):
            continue  # a duration, not a date
        sign = -1 if gd["ago"] == "قبل" else 1
        add(m, dict(kind="ago", offset=sign * n, unit=unit))

    # longest first, then earliest; drop overlaps
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, TimeExpr]] = []
    for c in cands:
        if any(not (c[1] <= t[0] or t[1] <= c[0]) for t in taken):
            continue
        taken.append(c)
    taken.sort(key=lambda c: c[0])
    # "في ١٩ من الشهر ذاته": the month (and year) of the date written before it
    out: list[TimeExpr] = []
    for _, _, e in taken:
        if e.kind == "same":
            prev = next((x for x in reversed(out) if x.month is not None), None)
            if prev is None:
                continue
            e = replace(e, kind="dmy", month=prev.month, year=prev.year, direction=prev.direction)
        elif e.same_year:  # "في يونيو من العام نفسه"
            prev = next((x for x in reversed(out) if x.year is not None), None)
            if prev is not None:
                e = replace(e, year=prev.year)
        out.append(e)
    return tuple(out)


# words placing a date ahead: 'بحلول'، 'اعتبارا من'، and a future verb ('ستبدأ في'، 'سيعقد يوم')
FUTURE = re.compile(
    r"(?:بحلول|حتي|اعتبارا(?:\s+من)?|ابتداء(?:\s+من)?|بدءا(?:\s+من)?|المقرر|سيتم|سوف"
    r"|(?<![^\W\d_])س[يتن][^\W\d_]{2,}(?:\s+في)?)\s+(?:يوم\s+)?(?:في\s+)?$"
)


def placed_ahead(nt: NormText, e: TimeExpr) -> bool:
    """A date the article places ahead ('اعتبارا من 1 يناير 2024'، 'بحلول عام 2025')."""
    before = nt.key[max(0, nt.key_offset(e.start) - 16) : nt.key_offset(e.start)]
    return bool(FUTURE.search(before))


def outside_names(
    exprs: tuple[TimeExpr, ...], spans: tuple[tuple[int, int], ...]
) -> tuple[TimeExpr, ...]:
    """The expressions not lying wholly inside a name (raw ``spans``: 'وفقا لروسيا اليوم' has
    no date; 'لقناة روسيا اليوم الخميس' keeps its Thursday)."""
    if not spans:
        return exprs
    return tuple(e for e in exprs if not any(a <= e.start and e.end <= b for a, b in spans))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + delta
    return t // 12, t % 12 + 1


def _closest_year(m: int, d: int, ref: date) -> int:
    best = ref.year
    best_gap = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        dt = _safe_date(y, m, d)
        if dt is None:
            continue
        gap = abs((dt - ref).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def resolve(expr: TimeExpr, ref: date | None, year_hint=None) -> DateValue | None:
    """The calendar value of ``expr`` read against ``ref`` (usually the publication date).

    ``year_hint(month, day)`` may supply a year for a day and month written without one when
    no reference date is known (from other articles, via CorpusContext).
    """
    k = expr.kind
    if expr.year_shift is not None and expr.year is None:
        if ref is None:
            return None
        # "في شتنبر من العام الماضي": the month of the year before the reference
        dv = resolve(replace(expr, year=ref.year + expr.year_shift, year_shift=None), ref)
        return replace(dv, basis="relative") if dv is not None else None
    if k == "dmy":
        if expr.year is not None:
            dt = _safe_date(expr.year, expr.month, expr.day)
            if dt is None:
                return None
            note = f"written in full: {expr.text}"
            if expr.weekday is not None and dt.weekday() != expr.weekday:
                note += f" (the weekday written, {WEEKDAY_EN[expr.weekday]}, does not match)"
            return DateValue(dt.isoformat(), "day", "explicit", note)
        y = None
        how = ""
        if ref is not None:
            md, rmd = (expr.month, expr.day), (ref.month, ref.day)
            if expr.direction == 0:
                y = ref.year
            elif expr.direction == -1:  # "الماضي": the latest such day before the reference
                y = ref.year if md < rmd else ref.year - 1
            elif expr.direction == 1:  # "المقبل": the next such day after it
                y = ref.year if md > rmd else ref.year + 1
            else:
                y = _closest_year(expr.month, expr.day, ref)
            how = f"year {y} from the reference date {ref.isoformat()}"
        elif year_hint is not None:
            y = year_hint(expr.month, expr.day)
            how = f"year {y} from other articles' dates" if y else ""
        if y is None:
            return None
        dt = _safe_date(y, expr.month, expr.day)
        if dt is None:
            return None
        return DateValue(dt.isoformat(), "day", "inferred", f"'{expr.text}': {how}")
    if k == "my":
        y = expr.year
        mo = expr.month
        basis = "explicit"
        if y is None:
            if ref is None:
                return None
            y = ref.year
            if expr.direction == -1 and mo >= ref.month:
                y -= 1
            elif expr.direction == 1 and mo <= ref.month:
                y += 1
            elif expr.direction is None and expr.part is None:
                y = ref.year if mo <= ref.month + 6 else ref.year - 1
            basis = "relative"
        return DateValue(f"{y:04d}-{mo:02d}", "month", basis, f"'{expr.text}'")
    if k == "y":
        if expr.part and ref is None:
            pass
        if expr.part:
            mo = {"start": 1, "middle": 6, "end": 12}[expr.part]
            return DateValue(f"{expr.year:04d}-{mo:02d}", "month", "explicit", f"'{expr.text}'")
        return DateValue(f"{expr.year:04d}", "year", "explicit", f"'{expr.text}'")
    if ref is None:
        return None
    if k == "rel":
        dt = ref + timedelta(days=expr.offset)
        note = f"'{expr.text}' read against {ref.isoformat()}"
        if expr.weekday is not None and dt.weekday() != expr.weekday:
            note += (
                f" (weekday {WEEKDAY_EN[expr.weekday]} does not match {WEEKDAY_EN[dt.weekday()]})"
            )
        return DateValue(dt.isoformat(), "day", "relative", note)
    if k == "wd":
        if expr.weekday is None:
            return None
        delta = (ref.weekday() - expr.weekday) % 7
        if expr.direction == 1:
            ahead = (expr.weekday - ref.weekday()) % 7 or 7
            dt = ref + timedelta(days=ahead)
        elif expr.direction == -1:
            dt = ref - timedelta(days=delta or 7)
        else:
            dt = ref - timedelta(days=delta)
        return DateValue(
            dt.isoformat(), "day", "relative", f"'{expr.text}' before/after {ref.isoformat()}"
        )
    if k == "per":
        d = expr.direction or 0
        if expr.unit == "month":
            y, mo = _shift_month(ref.year, ref.month, d)
            return DateValue(f"{y:04d}-{mo:02d}", "month", "relative", f"'{expr.text}'")
        if expr.unit == "year":
            y = ref.year + d
            if expr.part:
                mo = {"start": 1, "middle": 6, "end": 12}[expr.part]
                return DateValue(f"{y:04d}-{mo:02d}", "month", "relative", f"'{expr.text}'")
            return DateValue(f"{y:04d}", "year", "relative", f"'{expr.text}'")
        if expr.unit == "week":
            # the month of that week (a week is no calendar value we store): الأسبوع الماضي
            # read against Wednesday 19 Feb is the week of 10-16 Feb → 2025-02
            dt = ref + timedelta(days=7 * d)
            return DateValue(
                f"{dt.year:04d}-{dt.month:02d}", "month", "relative", f"'{expr.text}': its month"
            )
        return None
    if k == "ago":
        n = expr.offset
        if expr.unit == "day":
            return DateValue(
                (ref + timedelta(days=n)).isoformat(), "day", "relative", f"'{expr.text}'"
            )
        if expr.unit == "week":
            return DateValue(
                (ref + timedelta(days=7 * n)).isoformat(), "day", "relative", f"'{expr.text}'"
            )
        if expr.unit == "month":
            y, mo = _shift_month(ref.year, ref.month, n)
            return DateValue(f"{y:04d}-{mo:02d}", "month", "relative", f"'{expr.text}'")
        return DateValue(f"{ref.year + n:04d}", "year", "relative", f"'{expr.text}'")
    return None


def as_date(value: DateValue | None) -> date | None:
    if value is None or value.precision != "day":
        return None
    try:
        return date.fromisoformat(value.value)
    except ValueError:
        return None


__all__ = ["FUTURE", "TimeExpr", "as_date", "find_time_expressions", "placed_ahead", "resolve"]
