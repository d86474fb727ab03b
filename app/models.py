"""The event store's tables.

Tables are created by Alembic migrations only (``csto-timeline migrate``); the app never calls
``create_all`` on a real database. Event ids are derived from content (article hash + offsets),
so permalinks survive a re-ingest.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column, Index
from sqlmodel import Field, SQLModel


class Country(SQLModel, table=True):
    iso2: str = Field(primary_key=True, max_length=2)
    name_ar: str
    name_en: str
    csto_member: bool = Field(default=False, index=True)


class Speaker(SQLModel, table=True):
    # the slug: knowledge-base id, or derived from the name as written
    id: str = Field(primary_key=True, max_length=80)
    name_ar: str
    name_en: str | None = None
    role_ar: str | None = None
    role_en: str | None = None
    country: str | None = Field(default=None, foreign_key="country.iso2", max_length=2)
    kind: str = "person"  # person | organisation
    wikidata: str | None = None


class Article(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=16)  # first 16 hex digits of sha256
    sha256: str = Field(unique=True, max_length=64)
    source_file: str = Field(index=True)
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # written to its precision
    published_precision: str | None = None
    published_basis: str | None = None  # explicit | relative | inferred | metadata | url
    published_note: str | None = None  # how the date was known
    url: str | None = None  # the article's address, as its record or page gives it
    author: str | None = None  # as the record or page names them
    site_name: str | None = None  # as the page names its site (og:site_name)
    outlet_basis: str | None = None  # metadata | url | text: how the outlet was known
    text: str
    extractor_version: str = ""
    ingested_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


class Event(SQLModel, table=True):
    __table_args__ = (Index("ix_event_timeline", "date_start", "id"),)

    id: str = Field(primary_key=True, max_length=16)
    article_id: str = Field(foreign_key="article.id", index=True)
    kind: str  # statement | event
    date: str | None = None  # written to its precision: 2022-01-13 | 2022-01 | 2022
    date_start: dt.date | None = Field(default=None, index=True)  # first day the date covers
    date_precision: str | None = None
    date_basis: str | None = None
    date_note: str | None = None
    speaker_id: str | None = Field(default=None, foreign_key="speaker.id", index=True)
    speaker_role_ar: str | None = None  # the title as written in this article
    text: str
    start: int
    end: int
    search_text: str = ""  # Arabic-normalized quotes + sentence, for full-text search
    speech: str | None = None  # statements: direct (a quotation) | indirect (reported speech)
    background: bool = False  # a fact the article recalls: off the default timeline (0008)
    story_id: str | None = Field(default=None, max_length=16, index=True)  # app/stories/
    # its wording as the story versions compare it (a 63-bit key of the normalized words,
    # app/stories/features.wording_key): a story's best-attested wording is one grouped read
    story_wording: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


# The timeline's order (undated events last, then by day and id) as indexes, so a page is an
# index scan that stops after ``limit`` rows instead of a sort of every matching event: for the
# whole timeline and for one speaker (migration 0003; see bench/ for the plans).
Index("ix_event_order", Event.date_start.is_(None), Event.date_start, Event.id)
Index("ix_event_speaker_day", Event.speaker_id, Event.date_start)  # a permalink's neighbours
Index("ix_event_story_wording", Event.story_id, Event.story_wording)  # a story's versions
Index(
    "ix_event_speaker_order",
    Event.speaker_id,
    Event.date_start.is_(None),
    Event.date_start,
    Event.id,
)


class Quote(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=16)
    event_id: str = Field(foreign_key="event.id", index=True)
    text: str
    start: int
    end: int


class EventCountry(SQLModel, table=True):
    __tablename__ = "event_country"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    country: str = Field(foreign_key="country.iso2", primary_key=True, max_length=2, index=True)
    # the event's date_start, kept by the store (migration 0010): a country's events in the
    # timeline's order are then seeks of ix_event_country_order, not a walk of the timeline
    date_start: dt.date | None = None


Index(
    "ix_event_country_order",
    EventCountry.country,
    EventCountry.date_start.is_(None),
    EventCountry.date_start,
    EventCountry.event_id,
)


class EventTally(SQLModel, table=True):
    """Event counts maintained by the store in the article's own transaction (app/tally.py), so
    totals, facet counts and the histogram need no scan of the events at a million of them.

    A row counts the events having ``dim = value`` among those having ``by_dim = by_value``:
    ``by_dim = ''`` is every event (``dim = ''`` too: the total). Dimensions: ``speaker``,
    ``country`` (an event counts once per country it names), ``outlet``, ``kind`` and ``day``
    (ISO ``date_start``; undated events have no day), each paired with every other one."""

    __tablename__ = "event_tally"

    by_dim: str = Field(primary_key=True, max_length=8)
    by_value: str = Field(primary_key=True)
    dim: str = Field(primary_key=True, max_length=8)
    value: str = Field(primary_key=True)
    n: int


# The key and the count in one index (migration 0013): a read is a range of it, with no probe of
# the table per row (an axis over a country reads thousands of rows)
Index(
    "ix_event_tally_covering",
    EventTally.by_dim,
    EventTally.by_value,
    EventTally.dim,
    EventTally.value,
    EventTally.n,
)


# -- stories: reports of one statement or happening across articles (app/stories/) ------------


class Story(SQLModel, table=True):
    """Reports of the same statement (or the same happening) across articles, grouped.

    ``id`` is its first report's event id, so a story's permalink stays valid as reports join.
    The summary columns are recomputed from the reports whenever one joins or leaves (in that
    article's transaction): ``date`` is the earliest a report states, ``date_event_id`` that
    report (its basis); ``canonical_event_id`` the best-attested version's report."""

    id: str = Field(primary_key=True, max_length=16)
    kind: str  # statement | event, as its reports
    date: str | None = None
    date_precision: str | None = None
    date_basis: str | None = None
    date_start: dt.date | None = None
    date_event_id: str | None = Field(default=None, max_length=16)
    speaker_id: str | None = Field(default=None, max_length=80)  # the best-attested version's
    canonical_event_id: str = Field(max_length=16)
    reports: int = 0
    outlets: int = 0


# the timeline of stories, in the same order as the events' (ix_event_order)
Index("ix_story_order", Story.date_start.is_(None), Story.date_start, Story.id)


class StoryBand(SQLModel, table=True):
    """The persisted LSH index: a story under each band key of its reports (MinHash bands of
    their words, and speaker-day blocking keys), so candidates are one indexed SQL lookup."""

    __tablename__ = "story_band"

    key: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    story_id: str = Field(primary_key=True, max_length=16, index=True)


class StoryAlias(SQLModel, table=True):
    """A story merged into another (an event matched both): its id leads to the survivor."""

    __tablename__ = "story_alias"

    id: str = Field(primary_key=True, max_length=16)
    story_id: str = Field(max_length=16, index=True)


class StoryTally(SQLModel, table=True):
    """Story counts, the shape of ``event_tally``: a row counts the stories with a report
    having both keys (``by_dim = by_value`` and ``dim = value``); ``day`` is the story's day."""

    __tablename__ = "story_tally"

    by_dim: str = Field(primary_key=True, max_length=8)
    by_value: str = Field(primary_key=True)
    dim: str = Field(primary_key=True, max_length=8)
    value: str = Field(primary_key=True)
    n: int


class ArticleBand(SQLModel, table=True):
    """MinHash bands of each article's whole text: near-duplicate (republished) candidates."""

    __tablename__ = "article_band"

    key: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    article_id: str = Field(primary_key=True, max_length=16, index=True)


class ArticleCopy(SQLModel, table=True):
    """An article recognised as a near-duplicate (a republished page with small edits)."""

    __tablename__ = "article_copy"

    article_id: str = Field(primary_key=True, max_length=16)
    original_id: str = Field(max_length=16, index=True)
    similarity: float
