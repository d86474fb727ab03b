"""Search: «quoted phrases», matches marked in the cards, speakers found by their English name or
any Arabic spelling. Cards: who said it where, the outlet and the date in sight, the source as a
link, statement and event told apart by words, a role worth reading. Sharing: titles and
descriptions that name speaker, date and outlet; a permalink page that does not link to itself."""

from __future__ import annotations

from types import SimpleNamespace

from bs4 import BeautifulSoup

from app.search_terms import match_spans, parse_terms, speakers_named
from app.web.cards import event_card, lead_in, role_of
from tests.web.test_pages import card_ids


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.text, "html.parser")


def test_a_quoted_phrase_matches_whole_words_not_a_longer_word():
    text = "قوات حفظ السلام وصلت، وقال إن حفظة الأمن باقون"
    loose = [text[a:b] for a, b in match_spans(text, parse_terms("حفظ"))]
    assert loose == ["حفظ", "حفظة"]  # a loose word is a word prefix
    phrase = [text[a:b] for a, b in match_spans(text, parse_terms("«حفظ السلام»"))]
    assert phrase == ["حفظ السلام"]
    assert [text[a:b] for a, b in match_spans(text, parse_terms('"حفظ الأمن"'))] == []
    assert parse_terms('"حفظ السلام" روسيا').phrases == (("حفظ", "السلام"),)


def test_phrase_search_finds_the_phrase_and_marks_only_it(client, ids):
    page = soup(client.get("/?q=«حفظ السلام»"))
    assert sorted(card_ids(page)) == sorted([ids["zas1"], ids["withdrawal"]])
    marks = [m.get_text() for m in page.select("#results mark.hit")]
    assert marks and set(marks) == {"حفظ السلام"}
    # "حفظ" alone as a prefix would also match a longer word; quoted it must be whole
    assert card_ids(soup(client.get('/?q="حفظ الوضع"'))) == []


def test_loose_words_are_marked_in_quotes_and_sentences(client, ids):
    page = soup(client.get("/?q=الانسحاب"))
    card = page.select_one(f"#e-{ids['withdrawal']}")
    assert [m.get_text() for m in card.select(".sentence mark.hit")] == ["الانسحاب"]


def test_speakers_are_found_by_english_name_and_every_arabic_spelling(client, ids):
    assert speakers_named("Putin") == ("vladimir-putin",)
    assert speakers_named("بوتن") == ("vladimir-putin",)  # a spelling the text does not use
    assert speakers_named("Lavrov") == ("sergey-lavrov",)
    assert speakers_named("الوضع") == ()
    english = soup(client.get("/?q=Putin&lang=en"))
    assert card_ids(english) == [ids["putin"]]
    assert "Vladimir Putin" in english.select_one(".hint").get_text()
    assert card_ids(soup(client.get("/?q=بوتن"))) == [ids["putin"]]


def test_a_statement_card_leads_in_with_who_said_it_when_and_where(client, ids):
    page = soup(client.get("/?lang=en"))
    zas = page.select_one(f"#e-{ids['zas1']}")
    assert zas.select_one(".lead").get_text() == (
        "Stanislav Zas, CSTO Secretary General, said on 13 January 2022, according to TASS:"
    )
    # English first in the English UI, the Arabic name after it
    names = [b.get_text() for b in zas.select(".who bdi")]
    assert names == ["Stanislav Zas", "ستانيسلاف زاس"]
    assert zas.select_one(".published .outlet").get_text() == "TASS"
    assert "published 13 January 2022" in zas.select_one(".published").get_text()
    assert zas.select_one(".kind-tag").get_text(strip=True).endswith("Statement")
    event = page.select_one(f"#e-{ids['withdrawal']}")
    assert "kind-event" in event["class"]
    assert event.select_one(".kind-tag").get_text(strip=True).endswith("Event")
    assert event.select_one(".lead").get_text() == (
        "An event in January 2022, according to RIA Novosti:"
    )


def _view(**changes):
    speaker = SimpleNamespace(
        id="x", name_ar="يوري خاتشاتوروف", name_en="Yuri Khachaturov", role_ar="الأمين العام",
        role_en="CSTO Secretary General",
    )  # fmt: skip
    event = SimpleNamespace(
        id="0" * 16, kind="statement", date="2018-05-02", date_precision="day",
        date_basis="explicit", date_note=None, speaker_role_ar="الجنرال", text="نص",
        background=False, speech="direct",
    )  # fmt: skip
    article = SimpleNamespace(id="1" * 16, outlet=None, published=None, title=None)
    view = SimpleNamespace(event=event, speaker=speaker, article=article, quotes=(), countries=())
    for name, value in changes.items():
        setattr(view, name, value)
    return view


def test_a_bare_title_gives_way_to_the_speakers_known_role():
    view = _view()
    assert role_of(view, "ar") == "الأمين العام"  # not the bare «الجنرال»
    view.event.speaker_role_ar = "رئيس الأركان العامة"
    assert role_of(view, "ar") == "رئيس الأركان العامة"  # as written when it says something
    assert role_of(view, "en") == "CSTO Secretary General"


def test_an_unknown_outlet_is_said_so_not_a_bare_source_label():
    view = _view()
    assert "بحسب" not in lead_in(view, "ar")
    card = BeautifulSoup(event_card(view, "ar"), "html.parser")
    assert card.select_one(".published .outlet.unknown").get_text() == "مصدر غير معروف"


def test_the_card_links_the_original_article_when_its_url_is_known():
    view = _view()
    view.article.url = "https://example.org/news/1"
    card = BeautifulSoup(event_card(view, "ar"), "html.parser")
    assert card.select_one("a.original")["href"] == "https://example.org/news/1"
    view.article.url = "javascript:alert(1)"  # only web addresses become links
    assert BeautifulSoup(event_card(view, "ar"), "html.parser").select_one("a.original") is None


def test_share_meta_names_speaker_date_and_outlet_and_an_event_without_speaker(client, ids):
    page = soup(client.get(f"/events/{ids['withdrawal']}"))
    title = page.select_one("meta[property='og:title']")["content"]
    assert title == "حدث: وبدأت قوات حفظ السلام الانسحاب في يناير 2022.… — يناير 2022 — RIA Novosti"
    description = page.select_one("meta[property='og:description']")["content"]
    assert description.endswith("— يناير 2022، RIA Novosti")
    image = page.select_one("meta[property='og:image']")["content"]
    assert image == f"http://testserver/events/{ids['withdrawal']}/card.png"
    assert page.select_one("meta[name='twitter:card']")["content"] == "summary_large_image"


def test_the_permalink_page_does_not_link_to_itself(client, ids):
    page = soup(client.get(f"/events/{ids['zas1']}"))
    assert not page.select(f"a[href='/events/{ids['zas1']}']")
    assert page.select(f".neighbours a[href='/events/{ids['zas2']}']")  # the others still do


def test_speaker_and_country_pages_have_axis_filters_and_english_first(client):
    speaker = soup(client.get("/speakers/stanislav-zas?lang=en"))
    assert speaker.select_one("h1 span").get_text() == "Stanislav Zas"
    assert speaker.select_one("figure.axis-chart svg a.col")["href"].startswith(
        "/speakers/stanislav-zas?from=2022-01-13"
    )
    form = speaker.select_one("form#filters")
    assert form["action"] == "/speakers/stanislav-zas" and form.select_one("#f-from")
    narrowed = soup(client.get("/speakers/stanislav-zas?from=2021-01-01&to=2021-12-31&lang=en"))
    assert narrowed.select("article.event") == []
    country = soup(client.get("/countries/KZ?lang=en"))
    meta = country.select_one("dl.meta").get_text(" ", strip=True)
    assert "Membership CSTO member state" in meta and "CSTO members" not in meta
    assert country.select_one("h1 span").get_text() == "Kazakhstan"
    assert country.select_one("figure.axis-chart")


def test_a_speakers_stored_wikidata_id_links_to_wikidata(client, fixture_engine):
    from sqlmodel import Session

    from app.models import Speaker

    with Session(fixture_engine) as session:
        row = session.get(Speaker, "vladimir-putin")
        before, row.wikidata = row.wikidata, "Q7747"
        session.add(row)
        session.commit()
    try:
        page = soup(client.get("/speakers/vladimir-putin"))
        assert page.select_one("a.wikidata")["href"] == "https://www.wikidata.org/wiki/Q7747"
    finally:
        with Session(fixture_engine) as session:
            row = session.get(Speaker, "vladimir-putin")
            row.wikidata = before
            session.add(row)
            session.commit()
