"""The ingest's writer: many finished articles per transaction, in a few driver-level statements.

``app.store.save_article`` stores one article through the ORM; an ingest of thousands spent
most of its write time there (per-row parameter handling, a commit per article with its FTS5
segment and tally pages). This writer takes a batch of finished extractions and stores them in
the caller's transaction with one ``executemany`` per table, straight to the DB-API driver
(``exec_driver_sql``: no ORM units of work, no per-row SQLAlchemy type processing), and one
tally upsert for the whole batch. The rows and ids are exactly those ``save_article`` writes
(the same id and search-key functions), so a batch-stored article is indistinguishable from
one stored alone.

The caller owns the transaction (``with engine.begin()``): the batch commits whole or not at
all, which is what keeps "every article fully stored or absent" at any batch size.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy.engine import Connection

from app import stories, tally
from app.extract.model import ArticleExtraction, SpeakerRef
from app.fts import fts_rowid
from app.models import Article, Event
from app.search import search_key
from app.store import (
    article_id_for,
    article_values,
    check_extraction,
    content_sha256,
    date_start,
    event_id_for,
    quote_id_for,
    speaker_id_for,
)

SPEAKER_FIELDS = ("name_ar", "name_en", "role_ar", "role_en", "country", "kind", "wikidata")


@dataclass
class NewArticle:
    """One finished article for the writer: its extraction, the name it is stored under, the
    ``extractor_version`` value to store, and any further article columns the source fills."""

    name: str
    extraction: ArticleExtraction
    version: str
    columns: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def sha256(self) -> str:
        return content_sha256(self.extraction.text)

    @cached_property
    def article_id(self) -> str:
        return article_id_for(self.sha256)

    def values(self) -> dict[str, Any]:
        """The article row's columns (but id, hash and ingest time)."""
        return article_values(self.name, self.extraction, self.version) | self.columns


def stored_versions(connection: Connection, article_ids: Sequence[str]) -> dict[str, str]:
    """``article id → extractor_version`` of those stored (one statement)."""
    if not article_ids:
        return {}
    marks = _marks(connection, len(article_ids))
    rows = connection.exec_driver_sql(
        f"SELECT id, extractor_version FROM article WHERE id IN ({marks})", tuple(article_ids)
    )
    return dict(rows.all())


def write_articles(
    connection: Connection, articles: Sequence[NewArticle], known_countries: set[str]
) -> list[str]:
    """Store ``articles`` in the open transaction; each one's outcome, in order: ``added``,
    ``updated`` (stored before with another extractor version: its rows are replaced, its event
    ids kept where the evidence is the same) or ``unchanged`` (stored with this version, or the
    same text earlier in the batch).

    Raises :class:`app.store.InconsistentExtraction` for an extraction whose offsets are not
    its text (check them first with ``check_extraction`` to fail that article alone).
    """
    for item in articles:
        check_extraction(item.extraction)
    stored = stored_versions(connection, [a.article_id for a in articles])
    outcomes: list[str] = []
    todo: list[NewArticle] = []
    replaced: list[str] = []
    seen: set[str] = set()
    for item in articles:
        article_id = item.article_id
        if article_id in seen or stored.get(article_id) == item.version:
            outcomes.append("unchanged")
            continue
        seen.add(article_id)
        if article_id in stored:
            replaced.append(article_id)
            outcomes.append("updated")
        else:
            outcomes.append("added")
        todo.append(item)
    counts: Counter = Counter()
    for segment in _segments(todo, set(replaced)):
        counts.update(_write_segment(connection, segment, known_countries))
    apply_tally(connection, +counts)
    apply_tally(connection, -counts, sign=-1)
    return outcomes


def _segments(todo: list[NewArticle], replaced: set[str]):
    """Runs of new articles (written together), and each replaced article alone: the stories'
    hook then sees the store exactly as one-article-at-a-time writes leave it."""
    run: list[NewArticle] = []
    for item in todo:
        if item.article_id in replaced:
            if run:
                yield run, False
                run = []
            yield [item], True
        else:
            run.append(item)
    if run:
        yield run, False


def _write_segment(connection, segment, known_countries) -> Counter:
    items, replacing = segment
    counts: Counter = Counter()
    speakers_before: list[str] = []
    if replacing:
        (article_id,) = [item.article_id for item in items]
        counts.subtract(tally.count_stored(connection, article_id))
        stories.detach_articles(connection, [article_id])
        speakers_before = _delete_rows(connection, [article_id])
    _write_article_rows(connection, items, replacing)
    counts.update(_write_event_rows(connection, items, known_countries))
    _drop_unused_speakers(connection, speakers_before)
    # in order: each article's events meet the stories stored before them
    stories.attach_articles(connection, [(i.article_id, i.extraction.text) for i in items])
    return counts


def _write_article_rows(connection: Connection, items: list[NewArticle], replacing: bool):
    columns: list[str] | None = None
    inserts, updates = [], []
    for item in items:  # each its own time: the stories regroup articles in ingest order
        ingested_at = _bind(connection, Article, "ingested_at", dt.datetime.now(dt.UTC))
        values = item.values()
        if columns is None:
            columns = list(values)
        row = tuple(values[c] for c in columns)
        if replacing:
            updates.append((*row, item.article_id))
        else:
            inserts.append((item.article_id, item.sha256, *row, ingested_at))
    assert columns is not None
    if inserts:
        names = ", ".join(["id", "sha256", *columns, "ingested_at"])
        marks = _marks(connection, len(columns) + 3)
        connection.exec_driver_sql(f"INSERT INTO article ({names}) VALUES ({marks})", inserts)
    if updates:
        mark = _marks(connection, 1)
        sets = ", ".join(f"{c} = {mark}" for c in columns)
        connection.exec_driver_sql(f"UPDATE article SET {sets} WHERE id = {mark}", updates)


def _write_event_rows(
    connection: Connection, items: list[NewArticle], known_countries: set[str]
) -> Counter:
    sqlite = connection.dialect.name == "sqlite"
    speakers: dict[str, dict[str, Any]] = {}
    events, quotes, countries, fts = [], [], [], []
    keys: Counter = Counter()  # events by everything their tally rows depend on
    for item in items:
        sha, article_id = item.sha256, item.article_id
        outlet = item.values()["outlet"]
        seen: set[str] = set()
        for extracted in item.extraction.events:
            event_id = event_id_for(sha, extracted)
            if event_id in seen:
                continue
            seen.add(event_id)
            speaker_id = _merge_speaker(speakers, extracted.speaker, known_countries)
            when = extracted.date
            day = date_start(when)
            search = search_key(" ".join([*(q.text for q in extracted.quotes), extracted.text]))
            events.append(
                (
                    event_id,
                    article_id,
                    extracted.kind,
                    when.value if when else None,
                    day,
                    when.precision if when else None,
                    when.basis if when else None,
                    when.note if when else None,
                    speaker_id,
                    extracted.speaker.role_ar if extracted.speaker else None,
                    extracted.text,
                    extracted.start,
                    extracted.end,
                    search,
                    extracted.speech,
                    extracted.background,
                )
            )
            quotes += [
                (quote_id_for(event_id, q), event_id, q.text, q.start, q.end)
                for q in extracted.quotes
            ]
            codes = sorted(set(extracted.countries) & known_countries)
            # the event's day beside each country (migration 0010: country pages seek it)
            countries += [(event_id, iso2, day) for iso2 in codes]
            if sqlite:
                fts.append((fts_rowid(day, event_id), event_id, search))
            if not extracted.background:  # the tally counts the default timeline
                precision = when.precision if when else None
                keys[speaker_id, tuple(codes), outlet, extracted.kind, day, precision] += 1
    if speakers:
        _upsert_speakers(connection, speakers)
    day_bind = _bind_processor(connection, Event, "date_start")
    if day_bind is not None:
        events = [(*row[:4], day_bind(row[4]), *row[5:]) for row in events]
        countries = [(event_id, iso2, day_bind(day)) for event_id, iso2, day in countries]
    statements = (
        (
            "INSERT INTO event (id, article_id, kind, date, date_start, date_precision, "
            'date_basis, date_note, speaker_id, speaker_role_ar, text, start, "end", '
            "search_text, speech, background) VALUES ({})",
            events,
            16,
        ),
        ('INSERT INTO quote (id, event_id, text, start, "end") VALUES ({})', quotes, 5),
        ("INSERT INTO event_country (event_id, country, date_start) VALUES ({})", countries, 3),
        # in rowid order: FTS5 then appends to its index instead of sorting the batch's terms
        # by row in memory (the rows, and so every search, are the same)
        ("INSERT INTO event_fts (rowid, event_id, search_text) VALUES ({})", sorted(fts), 3),
    )
    for sql, rows, width in statements:
        if rows:
            connection.exec_driver_sql(sql.format(_marks(connection, width)), rows)
    counts: Counter = Counter()
    for (speaker_id, codes, outlet, kind, day, precision), n in keys.items():
        event_keys = tally.event_keys(speaker_id, codes, outlet, kind, day, precision)
        tally.add_event(counts, event_keys + tally.view_keys(codes, kind, day, precision), n)
    return counts


def _merge_speaker(
    speakers: dict[str, dict[str, Any]], ref: SpeakerRef | None, known_countries: set[str]
) -> str | None:
    """Fold ``ref`` into the batch's speaker rows the way successive articles update a stored
    speaker: the name and kind as given, any other field only when given (else kept)."""
    if ref is None:
        return None
    speaker_id = speaker_id_for(ref)
    given = {
        "name_ar": ref.name_ar,
        "name_en": ref.name_en or None,
        "role_ar": ref.role_ar or None,
        "role_en": ref.role_en or None,
        "country": ref.country if ref.country in known_countries else None,
        "kind": ref.kind,
        "wikidata": ref.wikidata or None,
    }
    row = speakers.get(speaker_id)
    if row is None:
        speakers[speaker_id] = given
    else:
        for name, value in given.items():
            if value is not None or name in ("name_ar", "kind"):
                row[name] = value
    return speaker_id


def _upsert_speakers(connection: Connection, speakers: dict[str, dict[str, Any]]) -> None:
    """One upsert per speaker, in id order (concurrent writers lock rows in the same order); a
    field this batch leaves empty keeps what another article gave it."""
    keep = {"name_ar", "kind"}
    sets = ", ".join(
        f"{f} = excluded.{f}" if f in keep else f"{f} = COALESCE(excluded.{f}, speaker.{f})"
        for f in SPEAKER_FIELDS
    )
    names = ", ".join(("id", *SPEAKER_FIELDS))
    marks = _marks(connection, len(SPEAKER_FIELDS) + 1)
    rows = [(sid, *(speakers[sid][f] for f in SPEAKER_FIELDS)) for sid in sorted(speakers)]
    connection.exec_driver_sql(
        f"INSERT INTO speaker ({names}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {sets}",
        rows,
    )


def _delete_rows(connection: Connection, article_ids: list[str]) -> list[str]:
    """The stored events of these articles, with their quotes, countries and search rows;
    returns the ids of the speakers those events named."""
    marks = _marks(connection, len(article_ids))
    ids = tuple(article_ids)
    speakers = connection.exec_driver_sql(
        f"SELECT DISTINCT speaker_id FROM event WHERE article_id IN ({marks}) "
        "AND speaker_id IS NOT NULL",
        ids,
    )
    speaker_ids = sorted(speakers.scalars())
    of_articles = f"SELECT id FROM event WHERE article_id IN ({marks})"
    if connection.dialect.name == "sqlite":
        keys = [
            (fts_rowid(day, event_id),)
            for event_id, day in connection.exec_driver_sql(
                f"SELECT id, date_start FROM event WHERE article_id IN ({marks})", ids
            )
        ]
        if keys:
            connection.exec_driver_sql(
                f"DELETE FROM event_fts WHERE rowid = {_marks(connection, 1)}", keys
            )
    connection.exec_driver_sql(f"DELETE FROM quote WHERE event_id IN ({of_articles})", ids)
    connection.exec_driver_sql(f"DELETE FROM event_country WHERE event_id IN ({of_articles})", ids)
    connection.exec_driver_sql(f"DELETE FROM event WHERE article_id IN ({marks})", ids)
    return speaker_ids


def _drop_unused_speakers(connection: Connection, speaker_ids: list[str]) -> None:
    """Of these speakers, those no event names any more (a re-extraction dropped them)."""
    if speaker_ids:
        connection.exec_driver_sql(
            f"DELETE FROM speaker WHERE id IN ({_marks(connection, len(speaker_ids))}) "
            "AND NOT EXISTS (SELECT 1 FROM event WHERE event.speaker_id = speaker.id)",
            tuple(speaker_ids),
        )


def apply_tally(connection: Connection, counter: Counter, sign: int = 1) -> None:
    """``tally.apply`` through the driver: the same rows in the same (sorted) order, added
    (``sign=1``) or subtracted (``-1``, rows left at 0 removed), without SQLAlchemy's
    per-row parameter handling (a batch touches thousands of tally rows)."""
    rows = [(*key, sign * n) for key, n in sorted(counter.items()) if n]
    if not rows:
        return
    a, b, c, d, n = (_marks(connection, 1),) * 5
    connection.exec_driver_sql(
        "INSERT INTO event_tally (by_dim, by_value, dim, value, n) "
        f"VALUES ({a}, {b}, {c}, {d}, {n}) ON CONFLICT (by_dim, by_value, dim, value) "
        "DO UPDATE SET n = event_tally.n + excluded.n",
        rows,
    )
    if sign < 0:
        connection.exec_driver_sql(
            f"DELETE FROM event_tally WHERE by_dim = {a} AND by_value = {b} AND dim = {c} "
            f"AND value = {d} AND n <= 0",
            [row[:4] for row in rows],
        )


def _marks(connection: Connection, n: int) -> str:
    """``n`` positional placeholders in the driver's own style (``?`` or ``%s``)."""
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    return ", ".join([mark] * n)


def _bind_processor(connection: Connection, model, column: str):
    column_type = model.__table__.c[column].type
    return column_type.dialect_impl(connection.dialect).bind_processor(connection.dialect)


def _bind(connection: Connection, model, column: str, value: Any) -> Any:
    """``value`` as SQLAlchemy would send it for this column (e.g. SQLite's datetime text)."""
    processor = _bind_processor(connection, model, column)
    return processor(value) if processor is not None else value


def set_versions(connection: Connection, versions: Sequence[tuple[str, str]]) -> None:
    """``(article id, extractor_version)`` pairs: mark stored articles final (the corpus-context
    pass found nothing to change in them)."""
    if versions:
        mark = _marks(connection, 1)
        connection.exec_driver_sql(
            f"UPDATE article SET extractor_version = {mark} WHERE id = {mark}",
            [(version, article_id) for article_id, version in versions],
        )


def delete_articles(connection: Connection, article_ids: Sequence[str]) -> None:
    """Remove these articles with their events, quotes, countries, search rows and counts."""
    if not article_ids:
        return
    counts: Counter = Counter()
    for article_id in article_ids:
        counts.update(tally.count_stored(connection, article_id))
    stories.detach_articles(connection, list(article_ids))
    speakers = _delete_rows(connection, list(article_ids))
    apply_tally(connection, counts, sign=-1)
    marks = _marks(connection, len(article_ids))
    connection.exec_driver_sql(f"DELETE FROM article WHERE id IN ({marks})", tuple(article_ids))
    _drop_unused_speakers(connection, speakers)


def article_text(connection: Connection, article_id: str) -> str | None:
    row = connection.exec_driver_sql(
        f"SELECT text FROM article WHERE id = {_marks(connection, 1)}", (article_id,)
    ).first()
    return row[0] if row else None


def event_count(connection: Connection, article_id: str) -> int:
    return connection.exec_driver_sql(
        f"SELECT count(*) FROM event WHERE article_id = {_marks(connection, 1)}", (article_id,)
    ).scalar_one()
