"""Each page's content, checked by selecting elements (BeautifulSoup), on the fixture store."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    assert response.headers["content-type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def card_ids(page: BeautifulSoup) -> list[str]:
    return [a["id"].removeprefix("e-") for a in page.select("#results ol.timeline article.event")]


# the fixture's events in timeline order (oldest first; undated last)
TIMELINE = [
    "afghanistan",  # 2021 (year)
    "pashinyan",  # 2021-08-20
    "withdrawal",  # 2022-01 (month)
    "putin",  # 2022-01-06 (relative)
    "tokayev",  # 2022-01-07 (inferred)
    "zas1",  # 2022-01-13
    "zas2",
    "evil",  # 2023-05-10
    "japarov",  # undated
]


def test_timeline_lists_every_event_oldest_first_grouped_by_day(client, ids):
    page = soup(client.get("/"))
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    found = card_ids(page)
    expected_days = [ids[n] for n in TIMELINE]
    # zas1/zas2 share a day: their relative order is by id
    assert set(found[5:7]) == {ids["zas1"], ids["zas2"]}
    assert found[:5] + found[7:] == expected_days[:5] + expected_days[7:]
    days = [h.get_text(" ", strip=True) for h in page.select("#results .day-title")]
    assert days[0].startswith("2021") and "يناير 2022" in days[2]
    assert days[-1].startswith("بلا تاريخ")
    # the day headings carry machine-readable dates
    assert [t["datetime"] for t in page.select("#results .day-title time")][:4] == [
        "2021",
        "2021-08-20",
        "2022-01",
        "2022-01-06",
    ]
    status = page.select_one("#status").get_text()
    assert "كل الأحداث" in status and "9" in status


def test_newest_first_toggle_reverses_dated_events(client, ids):
    page = soup(client.get("/?order=desc"))
    found = card_ids(page)
    assert found[0] == ids["evil"] and found[-2] == ids["afghanistan"]
    assert found[-1] == ids["japarov"]  # undated stays last
    assert page.select_one("#f-order option[selected]")["value"] == "desc"


def test_event_card_shows_date_basis_speaker_role_countries_and_quote(client, ids):
    page = soup(client.get("/"))
    putin = page.select_one(f"#e-{ids['putin']}")
    assert putin.select_one("time")["datetime"] == "2022-01-06"
    assert putin.select_one("time").get_text() == "6 يناير 2022"
    assert putin.select_one(".basis").get_text() == "تاريخ نسبي"
    assert "أمس" in putin.select_one(".note").get_text()
    who = putin.select_one(".who")
    assert who.select_one("[lang=ar]").get_text() == "فلاديمير بوتين"
    assert who.select_one("[lang=en]").get_text() == "Vladimir Putin"
    assert who.a["href"] == "/speakers/vladimir-putin"
    assert putin.select_one(".kind-tag").get_text(strip=True).endswith("تصريح")
    assert putin.select_one(".lead").get_text() == (
        "قال فلاديمير بوتين، الرئيس الروسي، في 6 يناير 2022، بحسب RIA Novosti:"
    )
    assert (
        putin.select_one(".published")
        .get_text(" ", strip=True)
        .startswith("RIA Novosti · نُشر في 7 يناير 2022")
    )
    chips = [a["href"] for a in putin.select(".card-countries a")]
    assert chips == ["/countries/KZ", "/countries/RU"]
    quote = putin.select_one("blockquote.quote")
    assert quote["lang"] == "ar" and quote["dir"] == "rtl"
    assert quote.get_text(strip=True) == "لن نسمح بزعزعة الوضع في بلداننا"
    assert putin.select_one("a.permalink")["href"] == f"/events/{ids['putin']}"
    # an explicit date is not marked; an event without quotes shows its sentence
    assert page.select_one(f"#e-{ids['zas1']} .basis") is None
    withdrawal = page.select_one(f"#e-{ids['withdrawal']}")
    assert withdrawal.select_one("time")["datetime"] == "2022-01"
    assert "الانسحاب" in withdrawal.select_one("p.sentence").get_text()
    assert page.select_one(f"#e-{ids['afghanistan']} .basis").get_text() == "تاريخ مستنتج"


def test_source_expands_inline_through_htmx(client, ids):
    page = soup(client.get("/"))
    details = page.select_one(f"#e-{ids['zas2']} details.source")
    assert details["hx-get"] == f"/events/{ids['zas2']}/source"
    assert details["hx-trigger"] == "toggle once" and details["hx-target"] == "find div"
    # it needs htmx (app.js shows it); without JS the card links to the quote in the article
    assert details.has_attr("hidden")
    article_link = page.select_one(f"#e-{ids['zas2']} a.article-link")["href"]
    assert article_link.startswith(f"/articles/{ids['a1']}#q-")
    fragment = client.get(details["hx-get"], headers={"HX-Request": "true"})
    assert not re.search(r"<(html|head|body)[\s>]", fragment.text)
    part = BeautifulSoup(fragment.text, "html.parser")
    assert [m.get_text() for m in part.select("blockquote mark")] == [
        "روسيا قدمت الجزء الأكبر من القوات"
    ]
    assert "التي وصلت إلى ألما آتا" in part.select_one("blockquote").get_text()
    link = part.select_one(".source-link a")["href"]
    assert re.fullmatch(rf"/articles/{ids['a1']}#q-[0-9a-f]{{16}}", link)
    # the same URL opened fresh is a whole page
    assert soup(client.get(details["hx-get"])).select_one("main blockquote mark")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=KZ", ["withdrawal", "putin", "tokayev", "zas1", "zas2"]),
        ("country=KZ&country=AM", ["pashinyan", "withdrawal", "putin", "tokayev", "zas1", "zas2"]),
        ("country=TJ", ["afghanistan", "japarov"]),
        ("country=US", ["afghanistan", "evil"]),
        ("speaker=stanislav-zas", ["zas1", "zas2"]),
        ("speaker=stanislav-zas&country=RU", ["zas2"]),
        ("country=RU&from=2022-01-07", ["zas2"]),
        ("from=2022-01-06&to=2022-01-07", ["putin", "tokayev"]),
        ("from=2022-01&to=2022-01", ["withdrawal", "putin", "tokayev", "zas1", "zas2"]),
        ("to=2021", ["afghanistan", "pashinyan"]),
        ("outlet=TASS", ["zas1", "zas2", "japarov"]),
        ("outlet=TASS&country=KG", ["japarov"]),
        ("kind=event", ["afghanistan", "withdrawal"]),
        ("kind=event&country=KZ", ["withdrawal"]),
        ("q=الوضع", ["putin", "zas1"]),
        ("q=الحلفاء", ["pashinyan", "tokayev"]),
        ("q=الحلفاء&country=AM", ["pashinyan"]),
        ("q=موقفا واضحا", ["pashinyan"]),  # tanween and alef forms do not matter
        ("q=أفغانستان", ["afghanistan"]),
        ("q=nothing-like-this", []),
        ("country=KZ&speaker=nikol-pashinyan", []),
    ],
)
def test_filters_and_their_combinations(client, ids, query, expected):
    found = card_ids(soup(client.get(f"/?{query}")))
    assert sorted(found) == sorted(ids[n] for n in expected)


def test_filter_controls_show_counts_and_state(client):
    page = soup(client.get("/?country=KZ&speaker=stanislav-zas"))
    csto = [li.input["value"] for li in page.select("fieldset.country-filter ul")[0].select("li")]
    assert csto == ["AM", "BY", "KG", "KZ", "RU", "TJ"]  # the six members first, always listed
    kz = page.select_one("#c-KZ")
    assert kz.has_attr("checked") and kz["name"] == "country"
    assert "(2)" in page.select_one("label[for=c-KZ]").get_text()  # Zas's events about KZ
    assert page.select_one("#f-speaker option[selected]")["value"] == "stanislav-zas"
    # speaker counts ignore the speaker filter itself (facet counts)
    options = {o["value"]: o.get_text() for o in page.select("#f-speaker option") if o["value"]}
    assert options["vladimir-putin"].endswith("(1)")
    assert options["stanislav-zas"].startswith("ستانيسلاف زاس (")  # one language: not cut
    english = soup(client.get("/?country=KZ&speaker=stanislav-zas&lang=en"))
    assert english.select_one("#f-speaker option[selected]").get_text() == "Stanislav Zas (2)"
    status = page.select_one("#status").get_text()
    assert "ستانيسلاف زاس" in status and "كازاخستان" in status
    # the download / feed links keep the filters
    hrefs = [a["href"] for a in page.select(".downloads a")]
    assert hrefs == [
        "/events.csv?speaker=stanislav-zas&country=KZ",
        "/events.json?speaker=stanislav-zas&country=KZ",
        "/feed.atom?speaker=stanislav-zas&country=KZ",
    ]


def test_form_is_a_real_get_form_with_htmx_attributes(client):
    page = soup(client.get("/"))
    form = page.select_one("form#filters")
    assert form["method"] == "get" and form["action"] == "/"
    assert form["hx-get"] == "/" and form["hx-target"] == "#results"
    assert form["hx-push-url"] == "true"
    # "input" fires on typing and on paste alike (keyup missed a pasted query)
    assert "change" in form["hx-trigger"] and "input changed delay:300ms" in form["hx-trigger"]
    assert form.select_one("button[type=submit]")
    for control in form.select("input:not([type=hidden]), select"):
        assert page.select_one(f"label[for={control['id']}]"), control
    meta = page.select_one("meta[name=htmx-config]")
    assert '"allowEval":false' in meta["content"]


def test_htmx_request_gets_only_the_fragment_with_vary_and_canonical_push_url(client, ids):
    response = client.get(
        "/?q=&from=&to=&country=KZ&speaker=&outlet=&kind=&order=asc",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "HX-Request" in response.headers["vary"]
    assert response.headers["hx-push-url"] == "/?country=KZ"
    assert not re.search(r"<(html|head|body)[\s>]", response.text)
    part = BeautifulSoup(response.text, "html.parser")
    assert part.select_one("form") is None
    assert sorted(a["id"] for a in part.select("article.event")) == sorted(
        f"e-{ids[n]}" for n in ["withdrawal", "putin", "tokayev", "zas1", "zas2"]
    )
    # the filter controls, status and language link come along out of band
    assert part.select_one("#facets")["hx-swap-oob"] == "true"
    assert part.select_one("#c-KZ").has_attr("checked")
    assert part.select_one("#status")["hx-swap-oob"] == "true"
    assert part.select_one("#lang-switch")["href"] == "/?country=KZ&lang=en"


def test_history_restore_and_plain_requests_get_the_full_page(client):
    for headers in ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, {}):
        response = client.get("/?country=KZ", headers=headers)
        assert "HX-Request" in response.headers["vary"]
        page = soup(response)
        assert page.select_one("html") and page.select_one("form#filters")
        assert len(page.select("article.event")) == 5


def test_keyset_pagination_walks_every_event_once(client, ids):
    seen, url, pages = [], "/?limit=2", 0
    while url:
        page = soup(client.get(url))
        seen += card_ids(page)
        nxt = page.select_one(".pager a[rel=next]")
        url = nxt["href"] if nxt else None
        if url:
            assert "after=" in url and "limit=2" in url and "offset" not in url
        pages += 1
    assert pages == 5
    assert len(seen) == len(set(seen)) == 9
    assert seen[-1] == ids["japarov"]
    # a later page links back to the first
    later = soup(client.get(f"/?limit=2&after=2022-01-06_{ids['putin']}"))
    assert later.select_one(".pager a:not([rel])")["href"] == "/?limit=2"
    assert card_ids(later)[0] == ids["tokayev"]


def test_keyset_pagination_newest_first_with_a_filter(client, ids):
    first = soup(client.get("/?country=KZ&order=desc&limit=3"))
    assert card_ids(first)[0] in {ids["zas1"], ids["zas2"]}
    second = soup(client.get(first.select_one(".pager a[rel=next]")["href"]))
    assert card_ids(second) == [ids["putin"], ids["withdrawal"]]


def test_axis_links_keep_the_other_filters_and_draw_month_and_year_as_bands(client):
    page = soup(client.get("/?country=KZ&from=2022-01-01&to=2022-01-31"))
    svg = page.select_one("figure.axis-chart svg")
    assert svg["data-start"] == "2022-01-01" and svg["data-end"] == "2022-01-31"
    columns = svg.select("a.col")
    assert [a["href"] for a in columns] == [
        "/?from=2022-01-06&to=2022-01-06&country=KZ",
        "/?from=2022-01-07&to=2022-01-07&country=KZ",
        "/?from=2022-01-13&to=2022-01-13&country=KZ",
    ]
    # x is proportional to time: 6 and 7 January are one day apart, 7 and 13 six days
    xs = [float(a.rect["x"].rstrip("%")) for a in columns]
    assert abs((xs[2] - xs[1]) - 6 * (xs[1] - xs[0])) < 0.01
    # the month-precision withdrawal is a band across January, not a column on the 1st
    band = svg.select_one("a.band-month")
    assert band["href"] == "/?from=2022-01&to=2022-01&country=KZ"
    assert float(band.rect["width"].rstrip("%")) > 90
    assert not [a for a in columns if "2022-01-01" in a["href"]]
    # two statements on 13 January: twice the height of the one on the 6th
    heights = [float(a.select_one("rect.st")["height"]) for a in columns]
    assert heights[2] == 2 * heights[0]
    assert [t.get_text() for t in svg.select("text.scale")] == ["0", "1", "2"]
    assert svg.select_one("a.tick")["href"].startswith("/?from=2022-01-01&to=2022-01-01")
    assert page.select_one(".zoom-out")["href"] == "/?country=KZ"


def test_axis_zoom_follows_the_range_shown(client):
    whole = soup(client.get("/")).select_one("figure.axis-chart")
    assert "zoom-years" in whole["class"] or "zoom-months" in whole["class"]
    year = soup(client.get("/?from=2021&to=2022")).select_one("figure.axis-chart")
    assert "zoom-months" in year["class"]
    # the 2021 year-precision event is a band across the year
    assert year.select_one("a.band-year")["href"] == "/?from=2021&to=2021"


def test_member_strip_has_six_rows_and_cells_link_to_country_and_month(client):
    strip = soup(client.get("/")).select_one("figure.strip svg")
    names = [a["href"] for a in strip.select("a.strip-name")]
    assert names == [f"/countries/{c}" for c in ("AM", "BY", "KG", "KZ", "RU", "TJ")]
    cells = {a["href"]: a.title.get_text() for a in strip.select("a:not(.strip-name)")}
    assert cells["/?from=2022-01&to=2022-01&country=KZ"] == "كازاخستان، يناير 2022: 5"
    assert "/?from=2021-08&to=2021-08&country=AM" in cells
    assert not [href for href in cells if "2021-01" in href]  # "2021" is no month


def test_permalink_page_has_meta_copy_button_source_and_neighbours(client, ids):
    response = client.get(f"/events/{ids['zas1']}")
    page = soup(response)
    canonical = f"http://testserver/events/{ids['zas1']}"
    assert page.select_one("link[rel=canonical]")["href"] == canonical
    title = page.select_one("meta[property='og:title']")["content"]
    assert title == "ستانيسلاف زاس — 13 يناير 2022 — TASS"
    assert page.select_one("meta[name='twitter:title']")["content"] == title
    description = page.select_one("meta[property='og:description']")["content"]
    assert description.startswith("«اليوم، بفضل الإجراءات الجماعية")
    assert description.endswith(
        "— ستانيسلاف زاس، الأمين العام لمنظمة معاهدة الأمن الجماعي، 13 يناير 2022، TASS"
    )
    assert page.select_one("meta[name='twitter:description']")["content"] == description
    assert page.select_one("meta[property='og:url']")["content"] == canonical
    assert page.select_one("h1").get_text() == title
    button = page.select_one("button.copy")
    assert button["data-copy"] == canonical and button["type"] == "button"
    assert page.select_one("#permalink-url")["value"] == canonical
    assert page.select_one("script[src='/static/app.js']")
    mark = page.select_one(".source-section blockquote mark")
    assert mark.get_text().startswith("اليوم، بفضل")
    neighbours = [a["id"] for a in page.select(".neighbours article.event")]
    assert neighbours == [f"e-{ids['zas2']}"]
    # the event itself is shown once, as a card
    assert len(page.select(f"#e-{ids['zas1']}")) == 1


def test_permalink_in_english_titles_with_english_name(client, ids):
    page = soup(client.get(f"/events/{ids['putin']}?lang=en"))
    assert (
        page.select_one("meta[property='og:title']")["content"]
        == "Vladimir Putin — 6 January 2022 — RIA Novosti"
    )
    assert page.select_one(".neighbours .empty")


def test_article_page_marks_every_quote_with_an_anchor_back_to_its_event(client, ids):
    page = soup(client.get(f"/articles/{ids['a1']}"))
    text = page.select_one(".article-text")
    assert text["dir"] == "rtl" and text["lang"] == "ar"
    marks = text.select("mark")
    assert [m.get_text()[:5] for m in marks] == ["اليوم", "روسيا"]
    assert all(re.fullmatch(r"q-[0-9a-f]{16}", m["id"]) for m in marks)
    back = [a["href"] for a in text.select("a.to-event")]
    assert back == [f"/events/{ids['zas1']}", f"/events/{ids['zas2']}"]
    meta = page.select_one("dl.meta").get_text(" ", strip=True)
    assert "TASS" in meta and "13 يناير 2022" in meta and "مذكور في المقال" in meta
    assert len(text.select("p")) == 4  # the title line and three paragraphs
    # the card's source link points at an anchor that exists
    card = soup(client.get("/")).select_one(f"#e-{ids['zas2']} a.article-link")["href"]
    assert page.select_one(f"#{card.split('#')[1]}") is marks[1]


def test_article_page_says_how_the_publication_date_was_known(client, ids):
    meta = soup(client.get(f"/articles/{ids['a2']}")).select_one("dl.meta").get_text(" ")
    assert "غير مذكور في المقال؛ استُنتج" in meta and "from the file name" in meta


def test_speaker_page_shows_both_names_role_country_and_their_timeline(client, ids):
    page = soup(client.get("/speakers/stanislav-zas"))
    h1 = page.select_one("h1")
    assert h1.select_one("[lang=ar]").get_text() == "ستانيسلاف زاس"
    assert h1.select_one("[lang=en]").get_text() == "Stanislav Zas"
    meta = page.select_one("dl.meta").get_text(" ", strip=True)
    assert "الأمين العام لمنظمة معاهدة الأمن الجماعي" in meta and "CSTO Secretary General" in meta
    assert "بيلاروسيا" in meta and "دولة عضو في المنظمة" in meta
    assert sorted(a["id"] for a in page.select("article.event")) == sorted(
        [f"e-{ids['zas1']}", f"e-{ids['zas2']}"]
    )
    assert page.select_one("a[href='/?speaker=stanislav-zas']")


def test_country_page_shows_names_membership_and_events(client, ids):
    page = soup(client.get("/countries/KZ"))
    assert page.select_one("h1 [lang=en]").get_text() == "Kazakhstan"
    assert page.select_one("dd.member")
    assert len(page.select("article.event")) == 5
    other = soup(client.get("/countries/AF?lang=en"))
    assert other.select_one("dd.not-member").get_text() == "Not a CSTO member"
    assert [a["id"] for a in other.select("article.event")] == [f"e-{ids['afghanistan']}"]
    # lower-case codes redirect to the canonical URL
    redirect = client.get("/countries/kz", follow_redirects=False)
    assert redirect.status_code == 308 and redirect.headers["location"] == "/countries/KZ"


def test_country_page_paginates_with_its_own_links(client):
    page = soup(client.get("/countries/KZ?limit=2"))
    nxt = page.select_one(".pager a[rel=next]")["href"]
    assert nxt.startswith("/countries/KZ?limit=2&after=") and "country=" not in nxt
    assert len(page.select("article.event")) == 2


def test_english_by_query_is_remembered_in_a_cookie(client):
    response = client.get("/?lang=en")
    page = soup(response)
    assert page.html["lang"] == "en" and page.html["dir"] == "ltr"
    assert page.select_one("label[for=f-q]").get_text() == "Search the text"
    assert "lang=en" in response.headers["set-cookie"]
    # quotes stay Arabic and right-to-left in English mode
    assert all(q["lang"] == "ar" and q["dir"] == "rtl" for q in page.select("blockquote.quote"))
    remembered = soup(client.get("/", cookies={"lang": "en"}))
    assert remembered.html["lang"] == "en"
    back = client.get("/?lang=ar", cookies={"lang": "en"})
    assert soup(back).html["lang"] == "ar" and "lang=ar" in back.headers["set-cookie"]


@pytest.mark.parametrize(
    ("header", "lang"),
    [("en-US,en;q=0.9", "en"), ("fr, ar;q=0.5", "ar"), ("fr", "ar"), ("ar;q=0.3, en;q=0.8", "en")],
)
def test_accept_language_picks_the_language(client, header, lang):
    client.cookies.clear()
    page = soup(client.get("/", headers={"Accept-Language": header}))
    assert page.html["lang"] == lang


def test_landmarks_skip_link_and_headings(client):
    page = soup(client.get("/"))
    assert page.select_one("a.skip")["href"] == "#main"
    assert page.select_one("main#main") and page.select_one("header.site nav[aria-label]")
    assert page.select_one("footer.site")
    assert page.select_one("form[role=search]")
    assert len(page.select("h1")) == 1
    # timeline: an ordered list of days, each an ordered list of articles
    assert page.select("ol.days > li > ol.timeline > li > article")


def test_pages_are_csp_friendly(client, ids):
    for url in ["/", f"/events/{ids['zas1']}", f"/articles/{ids['a1']}", "/speakers/stanislav-zas"]:
        page = soup(client.get(url))
        assert all(s.get("src") for s in page.select("script")), url
        assert not page.select("[style]") and not page.select("style"), url
        for element in page.find_all(True):
            assert not any(attr.startswith("on") for attr in element.attrs), (url, element.name)


@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/events/0000000000000000", 404, "الصفحة غير موجودة"),
        ("/events/not-an-id", 400, "event_id"),
        ("/articles/0000000000000000", 404, "الصفحة غير موجودة"),
        ("/articles/zzz", 400, "article_id"),
        ("/speakers/nobody", 404, "الصفحة غير موجودة"),
        ("/countries/ZZ", 404, "الصفحة غير موجودة"),
        ("/countries/KAZ", 400, "iso2"),
        ("/no/such/page", 404, "الصفحة غير موجودة"),
        ("/?from=2022-02-30", 400, "'2022-02-30' is not a valid calendar date"),
        ("/?country=Kazakhstan", 400, "country"),
        ("/?limit=1000", 400, "must be a whole number from 1 to 200"),
        ("/?after=garbage", 400, "after"),
        ("/?kind=x", 400, "kind"),
    ],
)
def test_errors_are_friendly_pages(client, url, status, text):
    response = client.get(url, follow_redirects=False)
    assert response.status_code == status
    page = soup(response)
    assert text in page.select_one("main").get_text()
    assert page.select_one("main a[href='/']")
    assert page.html["lang"] == "ar"
