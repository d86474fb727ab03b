"""How a date was obtained: the basis is a label in the page's language; the extractor's note,
written in English, is a secondary detail marked as English and left-to-right (so it does not
garble inside an Arabic, right-to-left page)."""

from __future__ import annotations

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def test_card_basis_is_in_the_ui_language_and_the_note_is_marked_english(client, ids):
    for lang, label in (("ar", "تاريخ نسبي"), ("en", "relative date")):
        card = soup(client.get(f"/?lang={lang}")).select_one(f"#e-{ids['putin']}")
        assert card.select_one(".when .basis").get_text() == label
        note = card.select_one(".when .note")
        assert (note["lang"], note["dir"]) == ("en", "ltr")
        assert "dir" not in card.select_one(".when .basis").attrs  # follows the page


def test_article_says_how_its_date_was_known_in_the_ui_language(client, ids):
    for lang, label in (("ar", "تاريخ مستنتج"), ("en", "inferred date")):
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
    # the histogram's end dates follow the page's direction inside the left-to-right chart
    assert {t["dir"] for t in page.select(".histogram .axis time")} == {"rtl"}
    country = soup(client.get("/countries/KZ?lang=ar"))
    code = country.select_one("dl.meta code")
    assert code.get_text() == "KZ" and code["dir"] == "ltr"
    assert "dir" not in code.parent.attrs  # the row itself stays right-to-left, aligned
