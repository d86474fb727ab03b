"""Integrity of the knowledge base: app/extract/data/{people,organisations,outlets,countries}.json.

These files are edited by hand (docs/knowledge-base.md); the tests catch the mistakes that
hand-editing makes: a typo in a slug or a country code, a form claimed by two entries, a tenure
that ends before it starts, a member state left without a minister on a given day.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

DATA = Path(__file__).resolve().parents[1] / "app" / "extract" / "data"
FILES = {
    "people.json": "people",
    "organisations.json": "organisations",
    "outlets.json": "outlets",
    "countries.json": "countries",
}
CSTO_MEMBERS = {"RU", "BY", "AM", "KZ", "KG", "TJ"}
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ISO2_RE = re.compile(r"^[A-Z]{2}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ARABIC_RE = re.compile(r"^[\u0600-\u06FF\s\-]+$")
CATEGORIES = {
    "head_of_state",
    "prime_minister",
    "foreign_minister",
    "defence_minister",
    "deputy_prime_minister",
    "deputy_minister",
    "minister",
    "secretary_general",
    "deputy_secretary_general",
    "security_council_secretary",
    "chief_of_staff",
    "spokesperson",
    "parliament_speaker",
    "ambassador",
    "military",
    "official",
}
ORG_KINDS = {
    "ministry",
    "government",
    "intergovernmental",
    "military",
    "parliament",
    "party",
    "other",
}
OUTLET_KINDS = {"agency", "tv", "newspaper", "site", "radio"}
CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "لل")

# Surnames that really are shared by several people (namesakes, relatives, spelling clashes).
SHARED_SURNAMES = {
    "ايفانوف": {"igor-ivanov", "sergei-ivanov"},
    "سيرديوكوف": {"anatoly-serdyukov", "andrei-serdyukov"},
    "سركيسيان": {"serzh-sargsyan", "tigran-sargsyan", "armen-sarkissian", "vigen-sargsyan"},
    "ساركيسيان": {"serzh-sargsyan", "tigran-sargsyan", "armen-sarkissian"},
    "كارابيتيان": {"karen-karapetyan", "arshak-karapetyan"},
    "جاباروف": {"sadyr-japarov", "akylbek-japarov"},
    "جباروف": {"sadyr-japarov", "akylbek-japarov"},
    "علييف": {"heydar-aliyev", "ilham-aliyev"},
    "بردي محمدوف": {"gurbanguly-berdimuhamedow", "serdar-berdimuhamedow"},
    "بيردي محمدوف": {"gurbanguly-berdimuhamedow", "serdar-berdimuhamedow"},
}


def norm(text: str) -> str:
    """The matching key: no diacritics or tatweel, one alef, yeh for ى, heh for ة."""
    text = dediac_ar(text).replace("\u0640", "")
    text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    return " ".join(text.split())


@cache
def load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def items(name: str) -> list[dict]:
    return load(name)[FILES[name]]


def people() -> list[dict]:
    return items("people.json")


def country_codes() -> set[str]:
    return {c["iso2"] for c in items("countries.json")}


def org_slugs() -> set[str]:
    return {o["slug"] for o in items("organisations.json")}


def day(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def holds(role: dict, when: date) -> bool:
    start, end = day(role["from"]), day(role["to"])
    return start <= when and (end is None or when <= end)


def holder(title: str, when: str) -> list[str]:
    """The slugs of the people whose role on ``when`` carries the bare title ``title``."""
    return [
        p["slug"]
        for p in people()
        for r in p["roles"]
        if norm(title) in map(norm, r["titles_ar"]) and holds(r, date.fromisoformat(when))
    ]


# ------------------------------------------------------------------ files and slugs


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_loads_with_version_1_and_its_list(name):
    data = load(name)
    assert data["version"] == 1
    assert isinstance(data[FILES[name]], list) and data[FILES[name]]


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_is_pretty_printed_utf8_without_escapes(name):
    raw = (DATA / name).read_text(encoding="utf-8")
    assert raw == json.dumps(json.loads(raw), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", ["people.json", "organisations.json", "outlets.json"])
def test_slugs_are_unique_lowercase_ascii(name):
    slugs = [x["slug"] for x in items(name)]
    bad = [s for s in slugs if not SLUG_RE.match(s)]
    assert not bad, bad
    dupes = {s for s in slugs if slugs.count(s) > 1}
    assert not dupes, dupes


def test_country_codes_are_unique_and_well_formed():
    codes = [c["iso2"] for c in items("countries.json")]
    assert all(ISO2_RE.match(c) for c in codes)
    assert len(codes) == len(set(codes))


def test_all_un_members_plus_palestine_and_taiwan_are_present():
    codes = country_codes()
    assert len(codes) >= 195
    assert {"PS", "TW", "US", "CN", "AF", "UZ", "GE", "AZ", "UA", "TR", "IR", "SY"} <= codes


@pytest.mark.parametrize("name", ["people.json", "organisations.json", "outlets.json"])
def test_every_country_reference_exists(name):
    codes = country_codes()
    bad = [
        (x["slug"], x["country"]) for x in items(name) if x["country"] and x["country"] not in codes
    ]
    assert not bad, bad


def test_people_have_a_country():
    assert all(p["country"] for p in people())


def test_organisation_references_of_people_and_roles_exist():
    slugs = org_slugs()
    bad = [
        (p["slug"], p["organisation"])
        for p in people()
        if p["organisation"] and p["organisation"] not in slugs
    ]
    bad += [
        (p["slug"], r["organisation"])
        for p in people()
        for r in p["roles"]
        if r.get("organisation") and r["organisation"] not in slugs
    ]
    assert not bad, bad


def test_organisation_and_outlet_kinds_are_from_the_vocabulary():
    assert {o["kind"] for o in items("organisations.json")} <= ORG_KINDS
    assert {o["kind"] for o in items("outlets.json")} <= OUTLET_KINDS
    assert all(isinstance(o["speaker"], bool) for o in items("organisations.json"))


@pytest.mark.parametrize("name", ["people.json", "organisations.json"])
def test_wikidata_ids_are_qids_or_null(name):
    bad = [
        x["slug"]
        for x in items(name)
        if x["wikidata"] is not None and not re.match(r"^Q\d+$", x["wikidata"])
    ]
    assert not bad, bad


# ------------------------------------------------------------------ countries


def test_csto_members_are_exactly_the_six():
    members = {c["iso2"] for c in items("countries.json") if c["csto_member"]}
    assert members == CSTO_MEMBERS


def country_forms(c: dict) -> list[str]:
    return [c["name_ar"], *c["names_ar"], *c["adjectives_ar"], *c["capitals_ar"]]


def test_no_arabic_form_is_claimed_by_two_countries():
    owner: dict[str, set[str]] = defaultdict(set)
    for c in items("countries.json"):
        for f in country_forms(c):
            owner[norm(f)].add(c["iso2"])
    clashes = {f: sorted(o) for f, o in owner.items() if len(o) > 1}
    assert not clashes, clashes


def test_no_arabic_form_is_both_a_country_and_a_person():
    country = {norm(f) for c in items("countries.json") for f in country_forms(c)}
    person = {
        norm(f) for p in people() for f in [p["name_ar"], *p["variants_ar"], *p["surnames_ar"]]
    }
    assert not country & person, sorted(country & person)


def test_non_country_phrases_are_not_country_forms():
    for c in items("countries.json"):
        forms = {norm(f) for f in country_forms(c)}
        assert not forms & {norm(p) for p in c["non_country_phrases_ar"]}, c["iso2"]


def test_country_forms_are_listed_without_clitics():
    for c in items("countries.json"):
        forms = {norm(f) for f in country_forms(c)}
        clitic_forms = [
            f for f in forms for k in CLITICS if f.startswith(k) and f[len(k) :] in forms
        ]
        assert not clitic_forms, (c["iso2"], clitic_forms)


def test_every_country_has_its_arabic_name_among_its_names():
    for c in items("countries.json"):
        assert c["name_ar"] in c["names_ar"], c["iso2"]
        assert ARABIC_RE.match(c["name_ar"]), c["iso2"]


@pytest.mark.parametrize(
    ("iso2", "forms"),
    [
        ("BY", ["بيلاروس", "بيلاروسيا", "روسيا البيضاء", "البيلاروسية", "مينسك"]),
        ("KG", ["قيرغيزستان", "قرغيزستان", "قيرغيزيا", "القرغيزية", "القيرغيزي", "بيشكيك"]),
        ("TJ", ["طاجيكستان", "طاجكستان", "الطاجيكية", "دوشنبه", "دوشانبي"]),
        (
            "KZ",
            [
                "كازاخستان",
                "قازاقستان",
                "الكازاخستاني",
                "الكازاخي",
                "الكازاخ",
                "أستانا",
                "نور سلطان",
            ],
        ),
        ("AM", ["أرمينيا", "أرمينية", "الأرمنية", "الأرمينية", "يريفان"]),
        ("RU", ["روسيا", "الاتحاد الروسي", "الروسية", "الروس", "الروسيين", "موسكو"]),
        ("US", ["الولايات المتحدة", "أمريكا", "الأمريكيين", "الأميركية", "واشنطن"]),
        ("AF", ["أفغانستان", "الأفغانية", "الأفغانستانية", "الأفغان", "كابل"]),
        ("SY", ["سوريا", "سورية", "السوري", "دمشق"]),
        ("AZ", ["أذربيجان", "الأذربيجانية", "الأذرية", "باكو"]),
    ],
)
def test_known_spellings_resolve_to_their_country(iso2, forms):
    by_form = {norm(f): c["iso2"] for c in items("countries.json") for f in country_forms(c)}
    missing = [f for f in forms if by_form.get(norm(f)) != iso2]
    assert not missing, missing


def test_tv_channel_names_are_not_mentions_of_russia():
    ru = next(c for c in items("countries.json") if c["iso2"] == "RU")
    phrases = {norm(p) for p in ru["non_country_phrases_ar"]}
    assert {norm("روسيا 24"), norm("روسيا- 24"), norm("روسيا اليوم")} <= phrases


def test_about_sixty_countries_have_full_forms():
    full = [c for c in items("countries.json") if c["adjectives_ar"] and len(c["names_ar"]) >= 1]
    assert len(full) >= 60
    for iso in CSTO_MEMBERS | {"UZ", "TM", "AZ", "GE", "UA", "AF", "CN", "IR", "US", "TR", "SY"}:
        c = next(c for c in items("countries.json") if c["iso2"] == iso)
        assert c["adjectives_ar"] and c["capitals_ar"], iso


# ------------------------------------------------------------------ people


def test_every_person_has_roles_with_ordered_iso_dates():
    for p in people():
        assert p["roles"], p["slug"]
        for r in p["roles"]:
            assert DATE_RE.match(r["from"]), (p["slug"], r["from"])
            assert r["to"] is None or DATE_RE.match(r["to"]), (p["slug"], r["to"])
            assert r["to"] is None or day(r["from"]) <= day(r["to"]), (p["slug"], r["role_en"])
            assert r["category"] in CATEGORIES, (p["slug"], r["category"])
            assert r["role_ar"] and r["role_en"], p["slug"]


def test_people_forms_are_arabic_and_include_the_canonical_name():
    for p in people():
        forms = [p["name_ar"], *p["variants_ar"], *p["surnames_ar"]]
        assert all(ARABIC_RE.match(f) for f in forms), p["slug"]
        assert p["name_ar"] in p["variants_ar"], p["slug"]


def test_surnames_appear_in_the_name_or_a_variant():
    for p in people():
        fulls = [
            f" {norm(f)} "
            for f in [p["name_ar"], *p["variants_ar"]]
            if norm(f) not in map(norm, p["surnames_ar"])
        ]
        for s in p["surnames_ar"]:
            assert any(f" {norm(s)} " in f for f in fulls), (p["slug"], s)


def test_surnames_are_unique_across_people_unless_allowed():
    owner: dict[str, set[str]] = defaultdict(set)
    for p in people():
        for s in p["surnames_ar"]:
            owner[norm(s)].add(p["slug"])
    allowed = {norm(k): v for k, v in SHARED_SURNAMES.items()}
    clashes = {s: sorted(o) for s, o in owner.items() if len(o) > 1 and o != allowed.get(s)}
    assert not clashes, clashes


def test_a_title_has_at_most_one_holder_at_a_time():
    """A bare title (وزير الخارجية الروسي) must resolve to one person on any day."""
    tenures: dict[str, list[tuple[date, date | None, str]]] = defaultdict(list)
    for p in people():
        for r in p["roles"]:
            for t in r["titles_ar"]:
                tenures[norm(t)].append((day(r["from"]), day(r["to"]), p["slug"]))
    clashes = []
    for title, spans in tenures.items():
        spans.sort(key=lambda s: s[0])
        for (_, a1, pa), (b0, _, pb) in pairwise(spans):
            if pa != pb and (a1 is None or b0 < a1):
                clashes.append((title, pa, pb))
    assert not clashes, clashes


@pytest.mark.parametrize("when", [date(2022, 1, 13), date(2026, 1, 1)])
@pytest.mark.parametrize("iso2", sorted(CSTO_MEMBERS))
@pytest.mark.parametrize(
    "category", ["head_of_state", "prime_minister", "foreign_minister", "defence_minister"]
)
def test_each_member_has_every_office_filled(iso2, category, when):
    holders = [
        p["slug"]
        for p in people()
        if p["country"] == iso2
        and any(r["category"] == category and holds(r, when) for r in p["roles"])
    ]
    assert len(holders) == 1, (iso2, category, when, holders)


@pytest.mark.parametrize(
    "when", [date(2010, 6, 1), date(2022, 1, 13), date(2023, 11, 16), date(2026, 1, 1)]
)
def test_the_csto_has_one_secretary_general(when):
    holders = [
        p["slug"]
        for p in people()
        if any(
            r["category"] == "secretary_general" and r["organisation"] == "csto" and holds(r, when)
            for r in p["roles"]
        )
    ]
    assert len(holders) == 1, (when, holders)


def test_csto_officials_belong_to_the_csto_with_their_nationality():
    for slug, iso2 in {
        "stanislav-zas": "BY",
        "imangali-tasmagambetov": "KZ",
        "anatoly-sidorov": "RU",
        "nikolai-bordyuzha": "RU",
    }.items():
        p = next(p for p in people() if p["slug"] == slug)
        assert (p["country"], p["organisation"]) == (iso2, "csto")


@pytest.mark.parametrize(
    ("surname", "slug", "when"),
    [
        ("زاس", "stanislav-zas", "2022-01-13"),
        ("شويغو", "sergei-shoigu", "2022-01-13"),
        ("لافروف", "sergey-lavrov", "2022-01-14"),
        ("توكاييف", "kassym-jomart-tokayev", "2022-01-11"),
        ("فولودين", "vyacheslav-volodin", "2022-01-11"),
        ("سيدوروف", "anatoly-sidorov", "2023-11-16"),
        ("اسماعيلوف", "alikhan-smailov", "2022-01-11"),
    ],
)
def test_seed_speakers_are_known_by_surname_and_in_office(surname, slug, when):
    p = next(p for p in people() if p["slug"] == slug)
    assert norm(surname) in {norm(s) for s in p["surnames_ar"]} | {
        norm(v) for v in p["variants_ar"]
    }
    assert any(holds(r, date.fromisoformat(when)) for r in p["roles"])


def test_bare_titles_from_the_seeds_resolve_at_their_date():
    assert holder("وزير الخارجية الروسي", "2022-01-14") == ["sergey-lavrov"]
    assert holder("رئيس الدبلوماسية الروسية", "2022-01-14") == ["sergey-lavrov"]
    assert holder("وزير الدفاع الروسي", "2022-01-13") == ["sergei-shoigu"]
    assert holder("وزير الدفاع الروسي", "2025-01-01") == ["andrei-belousov"]
    assert holder("الرئيس الكازاخستاني", "2022-01-11") == ["kassym-jomart-tokayev"]
    assert holder("الرئيس الروسي", "2010-01-01") == ["dmitry-medvedev"]


@pytest.mark.parametrize(
    ("form", "slug", "when"),
    [
        ("نيبينزيا", "vasily-nebenzia", "2023-01-10"),
        ("غريغوري كاراسين", "grigory-karasin", "2012-05-01"),
        ("عبد اللهيان", "hossein-amir-abdollahian", "2022-09-01"),
        ("فولفوفيتش", "alexander-volfovich", "2023-03-01"),
        ("ياتيموف", "saimumin-yatimov", "2021-09-16"),
        ("حاجييف", "hikmet-hajiyev", "2022-09-14"),
        ("غالوزين", "mikhail-galuzin", "2024-06-01"),
    ],
)
def test_officials_quoted_on_the_csto_are_known_in_office(form, slug, when):
    p = next(p for p in people() if p["slug"] == slug)
    assert norm(form) in {norm(v) for v in p["variants_ar"]}
    assert any(holds(r, date.fromisoformat(when)) for r in p["roles"])


def test_bare_titles_of_added_officials_resolve_at_their_date():
    assert holder("المندوب الروسي الدائم لدى الأمم المتحدة", "2015-01-01") == ["vitaly-churkin"]
    assert holder("المندوب الروسي الدائم لدى الأمم المتحدة", "2022-03-01") == ["vasily-nebenzia"]
    assert holder("وزير الخارجية الإيراني", "2023-01-01") == ["hossein-amir-abdollahian"]
    assert holder("أمين مجلس الأمن البيلاروسي", "2018-01-01") == ["stanislav-zas"]
    assert holder("أمين مجلس الأمن البيلاروسي", "2024-01-01") == ["alexander-volfovich"]
    assert holder("رئيس لجنة الأمن القومي الكازاخستانية", "2023-01-01") == ["yermek-sagimbayev"]


# ------------------------------------------------------------------ organisations and outlets


def test_no_form_is_claimed_by_two_organisations():
    owner: dict[str, set[str]] = defaultdict(set)
    for o in items("organisations.json"):
        assert o["name_ar"] in o["variants_ar"], o["slug"]
        for f in o["variants_ar"]:
            owner[norm(f)].add(o["slug"])
    clashes = {f: sorted(o) for f, o in owner.items() if len(o) > 1}
    assert not clashes, clashes


def test_no_form_is_claimed_by_two_outlets():
    owner: dict[str, set[str]] = defaultdict(set)
    for o in items("outlets.json"):
        for f in o["variants_ar"]:
            owner[norm(f)].add(o["slug"])
    clashes = {f: sorted(o) for f, o in owner.items() if len(o) > 1}
    assert not clashes, clashes


def test_common_word_forms_of_outlets_are_their_own_and_unclaimed():
    """`common_variants_ar` (العالم، تشرين): forms that are also common words, each of one
    outlet and none of them an ordinary form of any outlet."""
    forms = {norm(f) for o in items("outlets.json") for f in o["variants_ar"]}
    common = [norm(f) for o in items("outlets.json") for f in o.get("common_variants_ar", [])]
    assert common and len(common) == len(set(common))
    assert not set(common) & forms


def test_outlet_names_are_unique():
    names = [o["name_en"] for o in items("outlets.json")]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("form", "name_en"),
    [
        ("تاس", "TASS"),
        ("وكالة تاس", "TASS"),
        ("سبوتنيك", "Sputnik"),
        ("نوفوستي", "RIA Novosti"),
        ("إنترفاكس", "Interfax"),
        ("روسيا- 24", "Rossiya 24"),
        ("روسيا اليوم", "RT"),
        ("سبوتنيك عربي", "Sputnik"),
        ("آر تي عربي", "RT"),
        ("أردو بوینت", "UrduPoint"),
        ("أرمنبرس", "Armenpress"),
        ("بيلتا", "BelTA"),
        ("كازإنفورم", "Kazinform"),
        ("كابار", "Kabar"),
        ("خوفار", "Khovar"),
        ("رياليست عربي", "Realist Arabic"),
        ("الجزيرة مباشر", "Al Jazeera Mubasher"),
    ],
)
def test_outlet_forms_resolve(form, name_en):
    by_form = {norm(f): o["name_en"] for o in items("outlets.json") for f in o["variants_ar"]}
    assert by_form.get(norm(form)) == name_en


def test_arabic_services_export_the_brand():
    """A brand's Arabic service is the brand (`Sputnik`, `RT`), as the gold names it."""
    for outlet in items("outlets.json"):
        name = outlet["name_en"]
        if any(brand in name for brand in ("Sputnik", "RT", "TASS", "RIA")):
            assert not name.endswith(" Arabic"), name


@pytest.mark.parametrize(
    ("form", "slug"),
    [
        ("منظمة معاهدة الأمن الجماعي", "csto"),
        ("الأمن الجماعي", "csto"),
        ("مجلس الأمن الجماعي", "csto-collective-security-council"),
        ("الدفاع الروسية", "ru-mod"),
        ("الخارجية الروسية", "ru-mfa"),
        ("الكرملين", "ru-presidency"),
        ("أكوردا", "kz-presidency"),
        ("الناتو", "nato"),
        ("ناتو", "nato"),
        ("حلف شمال الأطلسي", "nato"),
        ("البنتاغون", "us-dod"),
        ("مجلس الدوما", "ru-duma"),
    ],
)
def test_organisation_forms_resolve(form, slug):
    by_form = {norm(f): o["slug"] for o in items("organisations.json") for f in o["variants_ar"]}
    assert by_form.get(norm(form)) == slug


@pytest.mark.parametrize("iso2", sorted(CSTO_MEMBERS))
def test_each_member_has_its_core_institutions(iso2):
    slugs = org_slugs()
    lc = iso2.lower()
    for suffix in ("mod", "mfa", "presidency", "government", "security-council"):
        assert f"{lc}-{suffix}" in slugs
    assert any(
        o["country"] == iso2 and o["kind"] == "parliament" for o in items("organisations.json")
    )
