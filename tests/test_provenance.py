"""The provenance rule: the source's metadata and the URL over the text's guess, and notes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.extract.model import DateValue
from app.provenance import OutletIndex, metadata_date, resolve, url_date
from app.source import SourceMeta


@dataclass(frozen=True)
class Outlet:
    slug: str
    name_en: str
    forms: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


OUTLETS = OutletIndex.from_outlets(
    [
        Outlet("sana", "SANA", ("سانا", "الوكالة العربية السورية للأنباء"), ("sana.sy",)),
        Outlet("rt-arabic", "RT", ("روسيا اليوم",), ("arabic.rt.com", "rt.com")),
        Outlet("dw-arabic", "DW Arabic", ("دويتشه فيله",), ("dw.com/ar",)),
        Outlet("tass", "TASS", ("تاس",), ("tass.com",)),
    ]
)

DATELINE = DateValue("2022-01-06", "day", "explicit", "dateline 'موسكو 6 يناير'")
INFERRED = DateValue("2022-01-03", "day", "inferred", "the latest past date in the body")


def decide(meta: SourceMeta, published=None, outlet=None, title=None):
    return resolve(
        meta, text_published=published, text_outlet=outlet, text_title=title, outlets=OUTLETS
    )


# --- dates in URLs ---


@pytest.mark.parametrize(
    ("url", "value", "precision"),
    [
        ("https://site.example/news/2022/01/06/slug/", "2022-01-06", "day"),
        ("https://site.example/story/2022/1/6/slug/5612345", "2022-01-06", "day"),
        ("https://site.example/2022-01-06/slug", "2022-01-06", "day"),
        ("https://site.example/20220106/slug-1051.html", "2022-01-06", "day"),
        ("https://site.example/ar/middle-east/20220106-slug", "2022-01-06", "day"),
        ("https://site.example/main/words-of-the-title-2023-02-02-30851", "2023-02-02", "day"),
        ("https://site.example/2022/01/slug", "2022-01", "month"),
        ("https://site.example/2022-01/06/c_1310412345.htm", "2022-01-06", "day"),
        ("https://site.example/n3/2022/0106/c31662-9942345.html", "2022-01-06", "day"),
        ("https://site.example/world/1101234/06-01-2022-words", "2022-01-06", "day"),
    ],
)
def test_a_date_in_the_url_path_is_read(url, value, precision):
    found = url_date(url)
    assert (found.value, found.precision, found.basis) == (value, precision, "url")


@pytest.mark.parametrize(
    "url",
    [
        "https://sana.sy/?p=20220106",  # the query string is an id, never a date
        "https://site.example/news/1490123-slug",
        "https://site.example/2022/13/45/slug",  # no such day
        "https://site.example/20221399/slug",
        "https://site.example/a-20220106x/slug",  # digits inside a word
        "https://site.example/item-2022-1-6",  # a slug's date is written in full
        "https://site.example/v2-2022-01-067/x",
        "https://site.example/news/12-31-2022-words",  # month first is no day-first date
        "https://site.example/2022/1399/slug",
        None,
    ],
)
def test_no_date_where_the_path_has_none(url):
    assert url_date(url) is None


# --- the publication date ---


def test_the_url_date_beats_a_date_inferred_from_the_body():
    meta = SourceMeta(url="https://site.example/2022/01/06/slug")
    published = decide(meta, INFERRED).published
    assert (published.value, published.basis) == ("2022-01-06", "url")
    assert "the text says 2022-01-03" in published.note


def test_the_url_date_is_used_when_the_text_has_none():
    published = decide(SourceMeta(url="https://site.example/2022/01/06/x"), None).published
    assert (published.value, published.basis) == ("2022-01-06", "url")


def test_a_dateline_more_than_a_day_from_the_url_date_wins_and_the_disagreement_is_noted():
    meta = SourceMeta(url="https://site.example/2022/01/02/slug")
    published = decide(meta, DATELINE).published
    assert (published.value, published.basis) == ("2022-01-06", "explicit")
    assert published.note == (
        "dateline 'موسكو 6 يناير'; the URL's date 2022-01-02 disagrees by 4 days and is not used"
    )


def test_a_dateline_one_day_from_the_url_date_gives_way_to_it():
    meta = SourceMeta(url="https://site.example/2022/01/07/slug")
    published = decide(meta, DATELINE).published
    assert (published.value, published.basis) == ("2022-01-07", "url")
    assert "the text says 2022-01-06" in published.note


def test_a_dateline_the_url_agrees_with_stays_explicit():
    published = decide(SourceMeta(url="https://site.example/2022/01/06/x"), DATELINE).published
    assert (published.value, published.basis) == ("2022-01-06", "explicit")
    assert published.note.endswith("the URL agrees")


def test_a_month_in_the_url_keeps_the_texts_day_inside_it():
    published = decide(SourceMeta(url="https://site.example/2022/01/x"), INFERRED).published
    assert (published.value, published.basis) == ("2022-01-03", "inferred")
    other = decide(SourceMeta(url="https://site.example/2021/12/x"), INFERRED).published
    assert (other.value, other.precision, other.basis) == ("2021-12", "month", "url")


def test_metadata_beats_the_url_and_the_text_and_notes_a_disagreement():
    meta = SourceMeta(
        url="https://site.example/2022/01/02/x", published="2022-01-05", origin="the record"
    )
    published = decide(meta, DATELINE).published
    assert (published.value, published.basis) == ("2022-01-05", "metadata")
    assert published.note == (
        "the record (2022-01-05); the text says 2022-01-06 (dateline 'موسكو 6 يناير')"
    )


def test_metadata_that_agrees_with_the_text_has_no_disagreement_note():
    meta = SourceMeta(published="2022-01-06T21:30:00+03:00", origin="the page's metadata")
    published = decide(meta, DATELINE).published
    assert (published.value, published.basis) == ("2022-01-06", "metadata")
    assert published.note == "the page's metadata (2022-01-06T21:30:00+03:00)"


@pytest.mark.parametrize(
    ("given", "value", "precision"),
    [
        ("2022-01-06", "2022-01-06", "day"),
        ("2022-01-06T23:50:00+03:00", "2022-01-06", "day"),  # the publisher's calendar day
        ("2022-01-06T20:50:00Z", "2022-01-06", "day"),
        ("2022-01", "2022-01", "month"),
        ("2022", "2022", "year"),
    ],
)
def test_metadata_dates_keep_their_precision(given, value, precision):
    found = metadata_date(given)
    assert (found.value, found.precision, found.basis) == (value, precision, "metadata")


def test_without_metadata_or_url_the_texts_date_stands():
    assert decide(SourceMeta(), INFERRED).published == INFERRED
    assert decide(SourceMeta(url="https://sana.sy/?p=12"), INFERRED).published == INFERRED


# --- the outlet ---


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://sana.sy/?p=1234", "SANA"),
        ("https://www.sana.sy/ar/?p=1", "SANA"),
        ("https://arabic.rt.com/world/1234-slug/", "RT"),
        ("https://www.dw.com/ar/slug/a-601234", "DW Arabic"),
    ],
)
def test_the_outlet_comes_from_the_urls_domain(url, outlet):
    decided = decide(SourceMeta(url=url), outlet="TASS")
    assert (decided.outlet, decided.outlet_basis) == (outlet, "url")


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://notsana.sy/x", "Notsana"),  # a domain ends on a label boundary
        ("https://www.dw.com/en/slug/a-1", "Dw"),  # DW's Arabic site is dw.com/ar only
        ("https://www.kawalisserif.com/2025/11/27/x/", "Kawalisserif"),
        ("https://al-dstoor.com/archives/1", "Al-Dstoor"),
        ("https://www.alnahdapress.com/news/1", "Al-Nahda Press"),
        ("https://onanews.tv/x", "Ona News"),  # a news word glued to the name
        ("https://strategianews.net/x", "Strategia News"),
        ("https://nabaatv.net/x", "Nabaa TV"),
        ("https://tvnews.com/x", "Tvnews"),  # no name before the news word
        ("https://allnewsnow.com/x", "Allnewsnow"),  # all…, not the article
        ("https://alto.com/x", "Alto"),  # too short to be al + a name
        ("https://ar.weekly.kg/news/x", "Weekly"),
        ("https://tishreen.news.sy/?p=1", "Tishreen"),  # a registry's .news.sy
        ("https://www.example.co.uk/x", "Example"),
    ],
)
def test_a_site_the_knowledge_base_does_not_know_is_named_by_its_domain(url, outlet):
    decided = decide(SourceMeta(url=url), outlet="TASS")
    assert (decided.outlet, decided.outlet_basis) == (outlet, "url")


@pytest.mark.parametrize("url", [None, "http://localhost:8000/x", "http://10.0.0.7/news/1"])
def test_without_a_site_the_texts_outlet_stands(url):
    decided = decide(SourceMeta(url=url), outlet="TASS")
    assert (decided.outlet, decided.outlet_basis) == ("TASS", "text")


@dataclass(frozen=True)
class KindedOutlet(Outlet):
    kind: str | None = None


def test_an_agency_the_texts_furniture_credits_wins_over_the_site_that_carries_it():
    outlets = OutletIndex.from_outlets(
        [
            KindedOutlet("tass", "TASS", ("تاس",), ("tass.com",), kind="agency"),
            KindedOutlet("news-tn", "News.tn", (), ("news.tn",), kind="site"),
            KindedOutlet("al-ahram", "Al-Ahram", ("الأهرام",), ("ahram.org.eg",), kind="newspaper"),
        ]
    )
    meta = SourceMeta(url="https://cms.news.tn/x")
    agency = resolve(
        meta, text_published=None, text_outlet="TASS", text_title=None, outlets=outlets
    )
    assert (agency.outlet, agency.outlet_basis) == ("TASS", "text")
    # a newspaper the text names is most often one a story quotes: the site stands
    paper = resolve(
        meta, text_published=None, text_outlet="Al-Ahram", text_title=None, outlets=outlets
    )
    assert (paper.outlet, paper.outlet_basis) == ("News.tn", "url")
    # the record's own outlet still wins
    given = resolve(
        SourceMeta(url=meta.url, outlet="News.tn"),
        text_published=None,
        text_outlet="TASS",
        text_title=None,
        outlets=outlets,
    )
    assert given.outlet == "News.tn"


def test_the_records_outlet_wins_and_is_named_as_the_knowledge_base_names_it():
    for given in ("sana", "سانا", "SANA", "sana.sy"):
        decided = decide(SourceMeta(outlet=given, url="https://arabic.rt.com/x"), outlet="TASS")
        assert (decided.outlet, decided.outlet_basis) == ("SANA", "metadata")
    unknown = decide(SourceMeta(outlet="Local Weekly"), outlet="TASS")
    assert (unknown.outlet, unknown.outlet_basis) == ("Local Weekly", "metadata")


def test_the_pages_site_name_comes_after_the_domain():
    by_name = decide(SourceMeta(site_name="الوكالة العربية السورية للأنباء"), outlet="TASS")
    assert (by_name.outlet, by_name.outlet_basis) == ("SANA", "metadata")
    by_url = decide(SourceMeta(site_name="Some Portal", url="https://tass.com/x"), outlet=None)
    assert (by_url.outlet, by_url.outlet_basis) == ("TASS", "url")


def test_no_outlet_anywhere():
    decided = decide(SourceMeta(), outlet=None)
    assert (decided.outlet, decided.outlet_basis) == (None, None)


def test_the_metadata_title_wins():
    assert decide(SourceMeta(title="عنوان الصفحة"), title="عنوان النص").title == "عنوان الصفحة"
    assert decide(SourceMeta(), title="عنوان النص").title == "عنوان النص"


# --- the knowledge base's domains ---


def test_every_domain_in_the_knowledge_base_is_well_formed_and_claimed_once():
    from app.extract.knowledge import load_knowledge

    outlets = list(load_knowledge().outlets.values())
    owners: dict[str, list[str]] = {}
    for outlet in outlets:
        for domain in outlet.domains:
            assert domain == domain.lower().strip() and "://" not in domain, domain
            assert not domain.startswith("www.") and not domain.endswith("/"), domain
            owners.setdefault(domain, []).append(outlet.slug)
    assert {d: o for d, o in owners.items() if len(o) > 1} == {}
    index = OutletIndex.from_outlets(outlets)
    for outlet in outlets:
        for domain in outlet.domains:
            assert index.for_url(f"https://www.{domain}/some/article") == outlet.name_en, domain


def test_a_source_line_between_blank_lines_still_credits_the_outlet():
    text = 'قال المتحدث إن "الاجتماع انتهى".\n\nالمصدر: روسيا اليوم\n\nاقرأ أيضا\n\n'
    decided = resolve(
        SourceMeta(url="https://sana.sy/?p=1"),
        text_published=None,
        text_outlet=None,
        text_title=None,
        outlets=OUTLETS,
        text=text,
    )
    assert (decided.outlet, decided.outlet_basis) == ("RT", "text")


def test_a_source_line_at_the_end_credits_the_outlet_over_the_site():
    text = 'قال المتحدث إن "الاجتماع انتهى".\nوأضاف أن الوفود غادرت.\nالمصدر: "تاس"\n'
    meta = SourceMeta(url="https://arabic.rt.com/world/1-x/")
    decided = resolve(
        meta, text_published=None, text_outlet="TASS", text_title=None, outlets=OUTLETS, text=text
    )
    assert (decided.outlet, decided.outlet_basis) == ("TASS", "text")
    # a record's own outlet still wins; an unknown source, or one mid-text, does not count
    given = resolve(
        SourceMeta(url=meta.url, outlet="RT"),
        text_published=None,
        text_outlet=None,
        text_title=None,
        outlets=OUTLETS,
        text=text,
    )
    assert given.outlet == "RT"
    for other in ("المصدر: مدونة محلية\n", "المصدر: تاس\n" + "سطر آخر\n" * 3):
        decided = resolve(
            meta,
            text_published=None,
            text_outlet=None,
            text_title=None,
            outlets=OUTLETS,
            text=other,
        )
        assert (decided.outlet, decided.outlet_basis) == ("RT", "url")
