"""Filters never lose state: a chosen value stays chosen (and visible) when the other filters
leave it no event; a bad value is named beside its field, with or without htmx; the no-JS URL
says only what is chosen; pages say where they are ("3–4 of 9") and link back."""

from __future__ import annotations

import itertools

from bs4 import BeautifulSoup

from tests.web.test_pages import card_ids


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def test_a_chosen_speaker_stays_selected_with_zero_events_in_a_range_they_are_not_in(client):
    page = soup(client.get("/?speaker=stanislav-zas&from=2021-08-01&to=2021-08-31"))
    option = page.select_one("#f-speaker option[selected]")
    assert option["value"] == "stanislav-zas"
    assert option.get_text() == "ستانيسلاف زاس (0)"
    status = page.select_one("#status").get_text()
    assert "ستانيسلاف زاس" in status and "stanislav-zas" not in status
    assert card_ids(page) == []
    # back to a range they are in: still selected, with their events
    back = soup(client.get("/?speaker=stanislav-zas&from=2022-01-01&to=2022-01-31"))
    assert back.select_one("#f-speaker option[selected]").get_text() == "ستانيسلاف زاس (2)"


def test_a_chosen_outlet_and_kind_stay_selected_with_zero_counts(client):
    page = soup(client.get("/?outlet=Sputnik&kind=event&from=2022-01-06&to=2022-01-31"))
    assert page.select_one("#f-outlet option[selected]").get_text() == "Sputnik (0)"
    assert page.select_one("#f-kind option[selected]")["value"] == "event"
    other = soup(client.get("/?country=SY&from=2021-01-01&to=2021-12-31"))
    assert other.select_one("#c-SY").has_attr("checked")  # a non-member chosen stays listed


def test_an_unknown_speaker_slug_is_a_404(client):
    response = client.get("/?speaker=nobody-at-all")
    assert response.status_code == 404
    assert "nobody-at-all" in response.text  # named in the details, not shown as a filter


def test_the_plain_form_url_drops_empty_and_default_parameters(client):
    response = client.get(
        "/?q=&from=&to=&country=KZ&speaker=&outlet=&kind=&order=asc&lang=ar",
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/?country=KZ&lang=ar"
    everything_empty = client.get("/?q=&from=&to=&order=asc", follow_redirects=False)
    assert everything_empty.headers["location"] == "/"
    assert client.get("/?country=KZ", follow_redirects=False).status_code == 200


def test_an_inverted_range_is_named_beside_the_end_date_without_js(client, ids):
    response = client.get("/?from=2022-01-07&to=2021-01-01")
    assert response.status_code == 400
    page = soup(response)
    field = page.select_one("#f-to")
    assert field["aria-invalid"] == "true" and field["aria-describedby"] == "err-to"
    message = page.select_one("#err-to")
    assert message.get_text() == "تاريخ النهاية قبل تاريخ البداية؛ عُرضت الأحداث دون تاريخ النهاية."
    assert message.parent.select_one("#f-to")  # beside its field, in the same .field
    assert page.select_one("#f-to")["value"] == "2021-01-01"  # what was typed is kept
    # the list agrees with the form: from 7 January on, no end date
    shown = card_ids(page)
    assert shown[0] == ids["tokayev"] and set(shown[1:3]) == {ids["zas1"], ids["zas2"]}
    english = soup(client.get("/?from=2022-01-07&to=2021-01-01&lang=en"))
    assert english.select_one("#err-to").get_text().startswith("The end date is before")


def test_an_inverted_range_comes_back_to_htmx_as_a_fragment_with_the_message(client):
    response = client.get("/?from=2022-01-07&to=2021-01-01", headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert response.headers["x-filter-error"] == "to"
    assert "hx-push-url" not in response.headers  # the address is not changed to a bad one
    part = soup(response)
    assert part.select_one("form") is None
    assert part.select_one("#facets")["hx-swap-oob"] == "true"
    assert part.select_one("#facets #err-to")


def test_other_bad_values_are_shown_in_the_form_and_the_rest_applies(client):
    response = client.get("/?country=KZ&limit=1000")
    assert response.status_code == 400
    page = soup(response)
    assert "must be a whole number from 1 to 200" in page.select_one(".field-error").get_text()
    assert page.select_one("#c-KZ").has_attr("checked")


def test_pages_say_which_events_they_show_and_link_back(client, ids):
    first = soup(client.get("/?limit=2"))
    assert "1–2 من 9" in first.select_one(".pager .range").get_text()
    assert first.select_one(".pager a[rel=prev]") is None
    second_url = first.select_one(".pager a[rel=next]")["href"]
    second = soup(client.get(second_url))
    assert "3–4 من 9" in second.select_one("#status").get_text()
    assert second.select_one(".pager a[rel=prev]")["href"] == "/?limit=2"
    third_url = second.select_one(".pager a[rel=next]")["href"]
    third = soup(client.get(third_url))
    assert third.select_one(".pager a[rel=prev]")["href"] == second_url
    # the htmx pager scrolls the list's top into view
    assert "show:#status:top" in second.select_one(".pager a[rel=next]")["hx-swap"]


def test_previous_page_works_from_an_old_token_and_newest_first(client, ids):
    # a token without its position (older links) still finds its previous page
    walked, url = [], "/?limit=2&order=desc"
    while url:
        page = soup(client.get(url))
        walked.append((url, card_ids(page)))
        nxt = page.select_one(".pager a[rel=next]")
        url = nxt["href"] if nxt else None
    for (earlier, _), (later, _) in itertools.pairwise(walked):
        old_token = later.rsplit("_", 1)[0] if later.count("_") > 1 else later
        page = soup(client.get(old_token))
        prev = page.select_one(".pager a[rel=prev]")["href"]
        assert card_ids(soup(client.get(prev))) == card_ids(soup(client.get(earlier)))


def test_removable_chips_for_each_active_filter_and_clear_in_the_empty_state(client):
    page = soup(client.get("/?country=KZ&country=RU&speaker=vladimir-putin&kind=statement"))
    chips = {a.get_text(" ", strip=True): a["href"] for a in page.select(".chips a.chip")}
    assert chips["فلاديمير بوتين ×"] == "/?country=KZ&country=RU&kind=statement"
    assert chips["كازاخستان ×"] == "/?speaker=vladimir-putin&country=RU&kind=statement"
    assert chips["تصريح ×"] == "/?speaker=vladimir-putin&country=KZ&country=RU"
    empty = soup(client.get("/?speaker=vladimir-putin&from=2023-01-01&to=2023-12-31"))
    assert empty.select_one(".empty a.clear-all")["href"] == "/"


def test_a_day_range_does_not_match_events_known_only_to_their_month_or_year(client, ids):
    def found(query: str) -> set[str]:
        body = client.get(f"/api/events?limit=200&{query}").json()
        return {e["id"] for e in body["events"]}

    assert ids["afghanistan"] not in found("from=2021-01-01&to=2021-01-01")  # dated "2021"
    assert ids["afghanistan"] in found("from=2021&to=2021")
    assert ids["withdrawal"] not in found("from=2022-01-01&to=2022-01-15")  # dated "2022-01"
    assert ids["withdrawal"] in found("from=2022-01&to=2022-01")
    assert ids["withdrawal"] in found("from=2022-01-01&to=2022-12-31")
    # and the counts agree with the list (the tally is bypassed for such ranges)
    body = client.get("/api/events?from=2021-01-01&to=2021-01-01").json()
    assert body["total"] == len(body["events"]) == 0
