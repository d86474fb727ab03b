"""How a date was obtained: the basis is a label in the page's language, and the note says in
plain words of that language how the date was read, the article's own words and the dates
isolated (<bdi>) so they do not garble inside the sentence."""

from __future__ import annotations

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def test_card_basis_and_note_are_plain_words_in_the_ui_language(client, ids):
    notes = {
        "ar": "ورد «أمس»، فحُسب التاريخ من تاريخ النشر (7 يناير 2022)",
        "en": "The text says “أمس”: counted from the publication date (7 January 2022)",
    }
    for lang, label in (("ar", "تاريخ نسبي"), ("en", "relative date")):
        card = soup(client.get(f"/?lang={lang}")).select_one(f"#e-{ids['putin']}")
        assert card.select_one(".when .basis").get_text() == label
        note = card.select_one(".when .note")
        assert note.get_text() == notes[lang]
        assert "lang" not in note.attrs  # the page's language, not the extractor's English
        assert note.select_one("bdi[lang=ar]").get_text() == "أمس"
        assert "dir" not in card.select_one(".when .basis").attrs  # follows the page


def test_an_inferred_statement_date_says_the_publication_date_was_used(client, ids):
    card = soup(client.get("/?lang=ar")).select_one(f"#e-{ids['tokayev']}")
    assert card.select_one(".when .note").get_text() == "تاريخ التصريح غير مذكور؛ اعتُمد تاريخ النشر"
    card = soup(client.get("/?lang=en")).select_one(f"#e-{ids['tokayev']}")
    assert "publication date is used" in card.select_one(".when .note").get_text()


def test_article_says_how_its_date_was_known_in_the_ui_language(client, ids):
    for lang, label in (
        ("ar", "غير مذكور في المقال؛ استُنتج من مصدر آخر"),
        ("en", "not stated in the article; inferred from elsewhere"),
    ):
        meta = soup(client.get(f"/articles/{ids['a2']}?lang={lang}")).select_one("dl.meta")
        assert meta.select_one(".basis").get_text() == label
        note = meta.select_one(".note")
        assert note.get_text() == "from the file name"
        assert (note["lang"], note["dir"]) == ("en", "ltr")


def test_outlet_names_and_codes_are_isolated_inside_arabic_text(client, ids):
    """A Latin outlet name next to an Arabic date must not swap places with it."""
    event = soup(client.get(f"/events/{ids['putin']}?lang=ar"))
    assert event.select_one(".source-link bdi").get_text() == "RIA Novosti"
    page = soup(client.get("/?lang=ar"))
    # the time axis runs left to right; its caption follows the page's direction
    assert page.select_one("figure.axis-chart")["dir"] == "ltr"
    assert page.select_one("figure.axis-chart figcaption")["dir"] == "rtl"
    # the card's outlet is isolated inside the Arabic lead-in
    assert page.select_one(f"#e-{ids['putin']} .lead bdi:last-of-type").get_text() == "RIA Novosti"
    country = soup(client.get("/countries/KZ?lang=ar"))
    code = country.select_one("dl.meta code")
    assert code.get_text() == "KZ" and code["dir"] == "ltr"
    assert "dir" not in code.parent.attrs  # the row itself stays right-to-left, aligned
