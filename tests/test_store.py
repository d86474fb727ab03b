"""The writer: one transaction per article, idempotent by content hash, ids stable by evidence."""

from dataclasses import replace

from sqlalchemy import func, select, text
from sqlmodel import Session

from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent, Span, SpeakerRef
from app.models import Article, Country, Event, EventCountry, Quote, Speaker
from app.store import event_id_for, save_article, sync_countries

ARTICLE = 'وقال لافروف: "إن الوضع في كازاخستان مستقر تماماً".\nوفي 6 يناير 2022 تم إرسال القوات.'
QUOTE_START = ARTICLE.index("إن الوضع")
QUOTE_END = ARTICLE.index('".')
SENTENCE_END = ARTICLE.index("\n")


def _extraction(*, second_event: bool = True) -> ArticleExtraction:
    quote = Span(QUOTE_START, QUOTE_END, ARTICLE[QUOTE_START:QUOTE_END])
    events = [
        ExtractedEvent(
            kind="statement",
            start=0,
            end=SENTENCE_END,
            text=ARTICLE[:SENTENCE_END],
            date=DateValue("2022-01-14", "day", "relative", "اليوم"),
            speaker=SpeakerRef(
                "سيرغي لافروف", "Sergey Lavrov", "وزير الخارجية", country="RU", slug="sergey-lavrov"
            ),
            countries=("KZ",),
            quotes=(quote,),
        )
    ]
    if second_event:
        start = SENTENCE_END + 1
        events.append(
            ExtractedEvent(
                kind="event",
                start=start,
                end=len(ARTICLE),
                text=ARTICLE[start:],
                date=DateValue("2022-01-06", "day", "explicit"),
            )
        )
    return ArticleExtraction(
        text=ARTICLE,
        outlet="TASS",
        published=DateValue("2022-01-14", "day", "explicit"),
        events=tuple(events),
    )


def _countries(session):
    sync_countries(
        session,
        [
            Country(iso2="KZ", name_ar="كازاخستان", name_en="Kazakhstan", csto_member=True),
            Country(iso2="RU", name_ar="روسيا", name_en="Russia", csto_member=True),
        ],
    )


def _count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_saving_an_article_stores_every_row_with_offsets_into_its_text(engine):
    with Session(engine) as session:
        _countries(session)
        article, outcome = save_article(
            session, source_file="a.txt", extraction=_extraction(), extractor_version="v1"
        )
        assert outcome == "added"
        assert _count(session, Event) == 2
        (quote,) = session.execute(select(Quote)).scalars()
        assert article.text[quote.start : quote.end] == quote.text
        assert session.get(Speaker, "sergey-lavrov").name_en == "Sergey Lavrov"
        assert [link.country for link in session.execute(select(EventCountry)).scalars()] == ["KZ"]
        dated = session.execute(select(Event).where(Event.kind == "event")).scalar_one()
        assert (dated.date, str(dated.date_start)) == ("2022-01-06", "2022-01-06")


def test_saving_the_same_content_twice_changes_nothing(engine):
    with Session(engine) as session:
        _countries(session)
        save_article(session, source_file="a.txt", extraction=_extraction(), extractor_version="v1")
        _, outcome = save_article(
            session, source_file="copy.txt", extraction=_extraction(), extractor_version="v1"
        )
        assert outcome == "unchanged"
        assert (_count(session, Article), _count(session, Event), _count(session, Quote)) == (
            1,
            2,
            1,
        )


def test_a_new_extractor_updates_in_place_and_keeps_ids_of_unchanged_evidence(engine):
    with Session(engine) as session:
        _countries(session)
        save_article(session, source_file="a.txt", extraction=_extraction(), extractor_version="v1")
        before = set(session.execute(select(Event.id)).scalars())
        _, outcome = save_article(
            session,
            source_file="a.txt",
            extraction=_extraction(second_event=False),
            extractor_version="v2",
        )
        after = set(session.execute(select(Event.id)).scalars())
        assert outcome == "updated"
        assert after < before and len(after) == 1
        if engine.dialect.name == "sqlite":  # PostgreSQL indexes event.search_text itself
            fts = session.execute(text("SELECT event_id FROM event_fts")).scalars().all()
            assert fts == list(after)


def _country_days(session) -> list[tuple[str, str | None, str | None]]:
    """Each event_country row's copy of its event's day beside the event's own (migration 0010:
    country pages are read in the timeline's order from that copy)."""
    return [
        (country, str(copy) if copy else None, str(day) if day else None)
        for country, copy, day in session.execute(
            select(EventCountry.country, EventCountry.date_start, Event.date_start).join(
                Event, Event.id == EventCountry.event_id
            )
        )
    ]


def test_event_country_rows_carry_their_events_day_through_a_re_extraction(engine):
    with Session(engine) as session:
        _countries(session)
        save_article(session, source_file="a.txt", extraction=_extraction(), extractor_version="v1")
        assert _country_days(session) == [("KZ", "2022-01-14", "2022-01-14")]
        moved = _extraction()
        first = replace(moved.events[0], date=DateValue("2022-01-13", "day", "relative", "أمس"))
        moved = replace(moved, events=(first, *moved.events[1:]))
        _, outcome = save_article(
            session, source_file="a.txt", extraction=moved, extractor_version="v2"
        )
        assert outcome == "updated"
        assert _country_days(session) == [("KZ", "2022-01-13", "2022-01-13")]


def test_event_id_depends_on_evidence_not_on_speaker_or_countries():
    event = _extraction().events[0]
    relabelled = ExtractedEvent(
        kind=event.kind,
        start=event.start,
        end=event.end,
        text=event.text,
        date=event.date,
        speaker=None,
        countries=("RU",),
        quotes=event.quotes,
    )
    moved = ExtractedEvent(
        kind=event.kind,
        start=event.start + 1,
        end=event.end,
        text=event.text[1:],
        quotes=event.quotes,
    )
    assert event_id_for("abc", event) == event_id_for("abc", relabelled)
    assert event_id_for("abc", event) != event_id_for("abc", moved)
    assert event_id_for("abc", event) != event_id_for("abd", event)


def test_search_text_is_arabic_normalized(engine):
    with Session(engine) as session:
        _countries(session)
        save_article(session, source_file="a.txt", extraction=_extraction(), extractor_version="v1")
        search = (
            "SELECT event_id FROM event_fts WHERE event_fts MATCH :q"
            if engine.dialect.name == "sqlite"
            else "SELECT id FROM event "
            "WHERE to_tsvector('simple', search_text) @@ plainto_tsquery('simple', :q)"
        )
        hits = session.execute(text(search), {"q": "مستقر تماما"}).all()
        assert len(hits) == 1


def test_the_source_columns_are_stored_with_the_article(engine):
    from app.source import ArticleSource

    source = ArticleSource(
        url="https://sana.sy/?p=1", author="هيئة التحرير", site_name="سانا", outlet_basis="url"
    )
    with Session(engine) as session:
        _countries(session)
        article, _ = save_article(
            session,
            source_file="a.txt",
            extraction=_extraction(),
            extractor_version="v1",
            source=source,
        )
        stored = session.get(Article, article.id)
        assert (stored.url, stored.author, stored.site_name, stored.outlet_basis) == (
            "https://sana.sy/?p=1",
            "هيئة التحرير",
            "سانا",
            "url",
        )
