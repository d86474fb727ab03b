"""TimelineFilters as a table: query arguments in → SQL, query string and words out."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from starlette.datastructures import QueryParams

from app.filters import Cursor, FilterError, TimelineFilters
from app.models import Event


def sql(filters: TimelineFilters, dialect: str = "sqlite", **kwargs) -> tuple[str, dict]:
    statement = select(Event.id).where(*filters.where(dialect=dialect, **kwargs))
    keyset = filters.keyset()
    if keyset is not None:
        statement = statement.where(keyset)
    compiled = statement.compile(
        dialect=sqlite.dialect() if dialect == "sqlite" else postgresql.dialect()
    )
    where = str(compiled).split("WHERE", 1)[1].strip() if "WHERE" in str(compiled) else ""
    return " ".join(where.split()), compiled.params


CASES = [
    # (query string, SQL fragments that must appear, params subset, canonical query, describe)
    ("", [], {}, "", "All events"),
    (
        "from=2022-01-13&to=2022-01-13",
        ["event.date_start >= ?", "event.date_start <= ?"],
        {"date_start_1": dt.date(2022, 1, 13), "date_start_2": dt.date(2022, 1, 13)},
        "from=2022-01-13&to=2022-01-13",
        "from 13 January 2022 · to 13 January 2022",
    ),
    (
        "from=2022-01&to=2022-02",
        ["event.date_start >= ?", "event.date_start <= ?"],
        {"date_start_1": dt.date(2022, 1, 1), "date_start_2": dt.date(2022, 2, 28)},
        "from=2022-01&to=2022-02",
        "from 1 January 2022 · to 28 February 2022",
    ),
    (
        "to=2024",
        ["event.date_start <= ?"],
        {"date_start_1": dt.date(2024, 12, 31)},
        "to=2024",
        "to 31 December 2024",
    ),
    (
        "speaker=stanislav-zas",
        ["event.speaker_id IN (__[POSTCOMPILE_speaker_id_1])"],
        {"speaker_id_1": ("stanislav-zas",)},
        "speaker=stanislav-zas",
        "speaker: stanislav-zas",
    ),
    (
        "country=kz&country=RU",
        [
            "EXISTS (SELECT event_country.event_id FROM event_country "
            "WHERE event_country.event_id = event.id AND event_country.country IN"
        ],
        {"country_1": ("KZ", "RU")},
        "country=KZ&country=RU",
        "country: KZ or RU",
    ),
    (
        "country=RU,KZ",
        ["event_country.country IN"],
        {"country_1": ("KZ", "RU")},
        "country=KZ&country=RU",
        "country: KZ or RU",
    ),
    (
        "outlet=TASS",
        ["event.article_id IN (SELECT article.id FROM article WHERE article.outlet IN"],
        {"outlet_1": ("TASS",)},
        "outlet=TASS",
        "outlet: TASS",
    ),
    ("kind=event", ["event.kind = ?"], {"kind_1": "event"}, "kind=event", "kind: Event"),
    (
        "q=%D8%A7%D9%84%D8%A3%D9%85%D9%86+%D8%A7%D9%84%D8%AC%D9%85%D8%A7%D8%B9%D9%8A%D9%91",
        ["event.id IN (SELECT event_id FROM event_fts WHERE event_fts MATCH ?)"],
        # hamza and shadda normalized away; the article stripped as an alternative form
        {"fts_query": '"الامن"* AND ("الجماعي"* OR "جماعي"*)'},
        "q=%D8%A7%D9%84%D8%A3%D9%85%D9%86+%D8%A7%D9%84%D8%AC%D9%85%D8%A7%D8%B9%D9%8A%D9%91",
        "matching «الأمن الجماعيّ»",
    ),
    ("q=+%21%21+", [], {}, "q=%21%21", "matching «!!»"),  # no words: no search clause
    (
        "country=KZ&speaker=stanislav-zas&kind=statement&from=2022-01-01",
        [
            "event.date_start >= ?",
            "event.speaker_id IN",
            "event_country.country IN",
            "event.kind = ?",
        ],
        {"country_1": ("KZ",), "kind_1": "statement"},
        "from=2022-01-01&speaker=stanislav-zas&country=KZ&kind=statement",
        "kind: Statement · speaker: stanislav-zas · country: KZ · from 1 January 2022",
    ),
    (
        "order=desc&limit=10",
        [],
        {},
        "order=desc&limit=10",
        "All events",
    ),
    (
        "after=2022-01-13_0123456789abcdef",
        [
            "event.date_start IS NOT NULL AND (event.date_start, event.id) > (?, ?)",
            "OR event.date_start IS NULL",
        ],
        {"param_2": "0123456789abcdef"},
        "after=2022-01-13_0123456789abcdef",
        "All events",
    ),
    (
        "order=desc&after=2022-01-13_0123456789abcdef",
        ["event.date_start IS NOT NULL AND (event.date_start, event.id) < (?, ?)"],
        {"param_2": "0123456789abcdef"},
        "order=desc&after=2022-01-13_0123456789abcdef",
        "All events",
    ),
    (
        "after=none_0123456789abcdef",
        ["event.date_start IS NULL AND event.id > ?"],
        {"id_1": "0123456789abcdef"},
        "after=none_0123456789abcdef",
        "All events",
    ),
    ("lang=en&unknown=1", [], {}, "", "All events"),  # not filters: ignored
    # background facts are shown only when asked for: no default clause then
    ("background=1", None, {}, "background=1", "with background facts"),
    ("background=0", [], {}, "", "All events"),
    ("from=&to=&speaker=&q=&country=", [], {}, "", "All events"),  # an empty form
]


@pytest.mark.parametrize(("query", "fragments", "params", "canonical", "words"), CASES)
def test_query_args_to_sql_query_and_words(query, fragments, params, canonical, words):
    filters = TimelineFilters.from_query(QueryParams(query))
    where, bound = sql(filters)
    # the default timeline leaves background facts out
    default = "event.background IS 0"
    if fragments is None:  # background=1: that clause too is gone
        assert where == ""
    else:
        assert default in where
    for fragment in fragments or ():
        assert fragment in where
    if fragments == []:
        assert where == default
    for key, value in params.items():
        assert (list(bound[key]) if isinstance(value, tuple) else bound[key]) == (
            list(value) if isinstance(value, tuple) else value
        )
    assert filters.to_query() == canonical
    assert filters.describe("en") == words
    # the canonical query string parses back to the same filters
    assert TimelineFilters.from_query(QueryParams(filters.to_query())) == filters


@pytest.mark.parametrize(
    ("query", "param", "message"),
    [
        ("from=2022-13-01", "from", "not a valid calendar date"),
        ("from=yesterday", "from", "is not a date"),
        ("to=2022-02-30", "to", "not a valid calendar date"),
        ("from=2022-02-01&to=2022-01-01", "to", "before the start date"),
        ("country=KAZ", "country", "not an ISO 3166 alpha-2 code"),
        ("country=K1", "country", "not an ISO 3166 alpha-2 code"),
        ("kind=rumour", "kind", "must be one of statement, event"),
        ("order=up", "order", "must be asc or desc"),
        ("background=yes", "background", "must be 0 or 1"),
        ("limit=0", "limit", "from 1 to 200"),
        ("limit=201", "limit", "from 1 to 200"),
        ("limit=ten", "limit", "from 1 to 200"),
        ("after=2022-01-13", "after", "not a page token"),
        ("after=2022-01-99_0123456789abcdef", "after", "bad date"),
        ("after=2022-01-13_XYZ", "after", "not a page token"),
        ("speaker=a%2Fb", "speaker", "not a speaker id"),
        ("from=2022&from=2023", "from", "give it once"),
        ("q=" + "x" * 201, "q", "at most 200"),
        ("country=" + ",".join(f"A{chr(65 + i)}" for i in range(21)), "country", "at most 20"),
    ],
)
def test_bad_arguments_name_the_parameter(query, param, message):
    with pytest.raises(FilterError) as error:
        TimelineFilters.from_query(QueryParams(query))
    assert error.value.param == param
    assert message in error.value.message


def test_search_on_postgresql_uses_the_indexed_tsvector_expression():
    filters = TimelineFilters.from_query(QueryParams("q=الأمن"))
    where, bound = sql(filters, dialect="postgresql")
    assert "to_tsvector('simple', event.search_text) @@ to_tsquery('simple', " in where
    assert "event_fts" not in where
    # a loose word is a word prefix, as in SQLite's FTS5 query ("الامن"*)
    assert list(bound.values()) == ["(الامن:*)"]


def test_exclude_drops_a_facets_own_filter():
    filters = TimelineFilters.from_query(QueryParams("country=KZ&speaker=x&from=2022"))
    where, _ = sql(filters, exclude={"country", "date"})
    assert "event_country" not in where and "date_start" not in where
    assert "speaker_id" in where


def test_links_replace_one_argument_and_restart_paging():
    filters = TimelineFilters.from_query(
        QueryParams("country=KZ&q=زاس&after=2022-01-13_0123456789abcdef")
    )
    assert filters.url("/", order="desc") == "/?country=KZ&q=%D8%B2%D8%A7%D8%B3&order=desc"
    assert filters.toggle_country("RU").countries == ("KZ", "RU")
    assert filters.toggle_country("KZ").countries == ()
    assert filters.url("/", after=Cursor(None, "fedcba9876543210")).endswith(
        "&after=none_fedcba9876543210"
    )


def test_describe_uses_display_names_and_arabic():
    filters = TimelineFilters.from_query(QueryParams("country=KZ&country=RU&speaker=stanislav-zas"))
    labels = {"KZ": "كازاخستان", "RU": "روسيا", "stanislav-zas": "ستانيسلاف زاس"}
    assert filters.describe("ar", labels) == "المتحدث: ستانيسلاف زاس · الدولة: كازاخستان أو روسيا"


def test_range_links_are_the_urls_with_those_dates():
    """The axis' and the strip's links are encoded once and filled per range: each must be the
    canonical URL that ``url`` writes for the same dates (the other filters kept, in order)."""
    import datetime as dt

    from app.filters import TimelineFilters

    filters = TimelineFilters.from_query(
        {"speaker": "stanislav-zas", "q": "الوضع «الأمني»", "outlet": "TASS", "order": "desc"}
    )
    for path, extra in (("/", {}), ("/", {"countries": ("KZ",)}), ("/speakers/x", {})):
        link = filters.range_links(path, **extra)
        for raw_from, raw_to, first, last in (
            ("2022-01", "2022-01", dt.date(2022, 1, 1), dt.date(2022, 1, 31)),
            ("2021", "2022-03-05", dt.date(2021, 1, 1), dt.date(2022, 3, 5)),
        ):
            expected = filters.url(
                path, date_from=first, date_to=last, raw_from=raw_from, raw_to=raw_to, **extra
            )
            assert link(raw_from, raw_to) == expected


def test_where_is_remembered_but_each_caller_gets_its_own_list():
    filters = TimelineFilters.from_query(QueryParams("country=KZ&speaker=x&from=2022"))
    first = filters.where(exclude={"date"})
    first.append("appended by a caller")
    again = filters.where(exclude={"date"})
    assert "appended by a caller" not in again
    assert [str(c) for c in again] == [str(c) for c in first[:-1]]
    # another filter set, or other arguments, are other clauses
    other = filters.replace(speakers=("y",)).where(exclude={"date"})
    assert [str(c) for c in other] == [str(c) for c in again]  # the same SQL, other values
    assert other[0].compile().params != again[0].compile().params
    assert len(filters.where()) == len(again) + 1  # the date bound
