"""The one writer: turns extractions into rows, one article per transaction.

Re-ingesting the same content changes nothing. Re-ingesting with a changed extractor updates the
article's events in place: ids are derived from the evidence (article hash + offsets), so an
event whose evidence did not change keeps its id and its permalink.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable

from sqlalchemy import delete, insert, select, text
from sqlmodel import Session

from app import stories, tally
from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent, Span, SpeakerRef
from app.fts import fts_rowid
from app.models import Article, Country, Event, EventCountry, Quote, Speaker
from app.search import search_key
from app.source import ArticleSource


def content_sha256(text: str) -> str:
    """The article's identity: the same text, from any file name, is the same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id_for(sha256: str) -> str:
    """A short, stable id for URLs (``/articles/{id}``); the full hash stays in ``sha256``."""
    return sha256[:16]


def event_id_for(article_sha: str, event: ExtractedEvent) -> str:
    """Stable id from the evidence: the article, the event's span, its quotes (and date for
    a dated event, since one sentence can carry several dates)."""
    quotes = ",".join(f"{q.start}-{q.end}" for q in event.quotes)
    date = event.date.value if event.kind == "event" and event.date else ""
    key = f"{article_sha}|{event.kind}|{event.start}-{event.end}|{quotes}|{date}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def quote_id_for(event_id: str, quote: Span) -> str:
    """Stable like the event's id, so ``#q-{id}`` anchors survive a re-ingest."""
    return hashlib.sha256(f"{event_id}|{quote.start}-{quote.end}".encode()).hexdigest()[:16]


def speaker_id_for(speaker: SpeakerRef) -> str:
    """The knowledge base's slug, else one made from the Arabic name (hashed when nothing of
    it survives), so a speaker's URL is the same in every article that names them."""
    if speaker.slug:
        return speaker.slug
    slug = re.sub(r"[^\w]+", "-", speaker.name_ar).strip("-")
    return slug[:80] or hashlib.sha256(speaker.name_ar.encode()).hexdigest()[:16]


def date_start(value: DateValue | None) -> dt.date | None:
    """The first day a date covers, for sorting and range filters."""
    if value is None:
        return None
    parts = [int(p) for p in value.value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def sync_countries(session: Session, countries: Iterable[Country]) -> None:
    """Make the country table match the knowledge base (insert or update, never delete)."""
    existing = {c.iso2: c for c in session.execute(select(Country)).scalars()}
    for country in countries:
        row = existing.get(country.iso2)
        if row is None:
            session.add(country)
        else:
            row.name_ar, row.name_en = country.name_ar, country.name_en
            row.csto_member = country.csto_member
    session.commit()


def find_article(session: Session, sha256: str) -> Article | None:
    """The stored article with this content, if any (what makes re-ingest a no-op)."""
    return session.get(Article, article_id_for(sha256))


def save_article(
    session: Session,
    *,
    source_file: str,
    extraction: ArticleExtraction,
    extractor_version: str,
    source: ArticleSource | None = None,
) -> tuple[Article, str]:
    """Store one article and its events in one transaction; ``source``: the columns only the
    source fills (url, author, site name, outlet basis: app/source.py).

    Returns the article and what happened: ``added``, ``updated`` or ``unchanged``.
    """
    check_extraction(extraction)
    sha = content_sha256(extraction.text)
    article = find_article(session, sha)
    if article is not None and article.extractor_version == extractor_version:
        return article, "unchanged"
    outcome = "updated" if article is not None else "added"
    try:
        if outcome == "updated":  # the counts of the events as stored, before anything changes
            tally.apply(session, tally.count_stored(session, article.id), sign=-1)
            stories.detach_article(session, article.id)
        article = _upsert_article(
            session, article, sha, source_file, extraction, extractor_version, source
        )
        if outcome == "added":
            _insert_events(session, article, sha, extraction.events)
        else:
            _replace_events(session, article, sha, extraction.events)
            session.flush()
            tally.apply(session, tally.count_stored(session, article.id))
        stories.attach_article(session, article.id, extraction.text)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return article, outcome


class InconsistentExtraction(ValueError):
    """An extraction whose offsets don't point at its text: storing it would break the
    evidence invariant (``article.text[start:end] == text``), so nothing is stored."""


def check_extraction(extraction: ArticleExtraction) -> None:
    """Raise :class:`InconsistentExtraction` unless every span is evidence in the article."""
    text = extraction.text
    for number, event in enumerate(extraction.events, 1):
        spans = [("sentence", event), *(("quote", q) for q in event.quotes)]
        for what, span in spans:
            inside = 0 <= span.start <= span.end <= len(text)
            if not inside or text[span.start : span.end] != span.text:
                raise InconsistentExtraction(
                    f"event {number}: its {what} at {span.start}-{span.end} "
                    "is not the article text at those offsets"
                )


def article_values(
    source_file: str, extraction: ArticleExtraction, extractor_version: str
) -> dict[str, str | None]:
    """The article row's columns from an extraction (but its id, hash and ingest time): one
    definition for this module and the ingest's batch writer (app/batch_store.py)."""
    published = extraction.published
    return {
        "source_file": source_file,
        "outlet": extraction.outlet,
        "title": extraction.title,
        "published": published.value if published else None,
        "published_precision": published.precision if published else None,
        "published_basis": published.basis if published else None,
        "published_note": published.note if published else None,
        "text": extraction.text,
        "extractor_version": extractor_version,
    }


def _upsert_article(
    session, article, sha, source_file, extraction, extractor_version, source=None
) -> Article:
    values = article_values(source_file, extraction, extractor_version)
    if source is not None:
        values |= source.as_columns()
    if article is None:
        article = Article(id=article_id_for(sha), sha256=sha, **values)
        session.add(article)
    else:
        for key, value in values.items():
            setattr(article, key, value)
    session.flush()
    return article


def _insert_events(session, article: Article, sha: str, events: Iterable[ExtractedEvent]) -> None:
    """A new article's events in a few statements: one executemany per table.

    The same rows and ids as ``_replace_events`` (which handles re-extraction), without its
    per-event round trips; this is what keeps ingest with writes near extraction speed.
    """
    sqlite = session.get_bind().dialect.name == "sqlite"
    events = list(events)
    known_countries = set(session.execute(select(Country.iso2)).scalars())
    speaker_ids = _upsert_speakers(session, [e.speaker for e in events], known_countries)
    event_rows, quote_rows, country_rows, fts_rows = [], [], [], []
    seen: set[str] = set()
    for extracted, speaker_id in zip(events, speaker_ids, strict=True):
        event_id = event_id_for(sha, extracted)
        if event_id in seen:
            continue
        seen.add(event_id)
        when = extracted.date
        search_text = search_key(" ".join([*(q.text for q in extracted.quotes), extracted.text]))
        event_rows.append(
            {
                "id": event_id,
                "article_id": article.id,
                "kind": extracted.kind,
                "date": when.value if when else None,
                "date_start": date_start(when),
                "date_precision": when.precision if when else None,
                "date_basis": when.basis if when else None,
                "date_note": when.note if when else None,
                "speaker_id": speaker_id,
                "speaker_role_ar": extracted.speaker.role_ar if extracted.speaker else None,
                "text": extracted.text,
                "start": extracted.start,
                "end": extracted.end,
                "search_text": search_text,
                "speech": extracted.speech,
                "background": extracted.background,
            }
        )
        quote_rows += [
            {
                "id": quote_id_for(event_id, q),
                "event_id": event_id,
                "text": q.text,
                "start": q.start,
                "end": q.end,
            }
            for q in extracted.quotes
        ]
        country_rows += [
            {"event_id": event_id, "country": iso2, "date_start": event_rows[-1]["date_start"]}
            for iso2 in sorted(set(extracted.countries) & known_countries)
        ]
        fts_rows.append(
            {
                "k": fts_rowid(event_rows[-1]["date_start"], event_id),
                "id": event_id,
                "t": search_text,
            }
        )
    for model, rows in ((Event, event_rows), (Quote, quote_rows), (EventCountry, country_rows)):
        if rows:
            session.execute(insert(model), rows)
    countries: dict[str, list[str]] = {}
    for row in country_rows:
        countries.setdefault(row["event_id"], []).append(row["country"])
    tally.apply(
        session,
        tally.count_events(
            (
                r["speaker_id"],
                countries.get(r["id"], ()),
                article.outlet,
                r["kind"],
                r["date_start"],
                r["date_precision"],
            )
            for r in event_rows
            if not r["background"]  # the tally counts the default timeline
        ),
    )
    if sqlite and fts_rows:
        session.execute(
            text("INSERT INTO event_fts (rowid, event_id, search_text) VALUES (:k, :id, :t)"),
            fts_rows,
        )


def _upsert_speakers(
    session, refs: list[SpeakerRef | None], known_countries: set[str]
) -> list[str | None]:
    """Speaker ids for the refs (None stays None), their rows inserted or updated with one
    SELECT for all of them. A field the ref leaves empty keeps what another article gave it."""
    ids = [speaker_id_for(ref) if ref else None for ref in refs]
    wanted = {i for i in ids if i}
    rows = (
        {
            row.id: row
            for row in session.execute(select(Speaker).where(Speaker.id.in_(wanted))).scalars()
        }
        if wanted
        else {}
    )
    for ref, speaker_id in zip(refs, ids, strict=True):
        if ref is None:
            continue
        row = rows.get(speaker_id)
        if row is None:
            row = rows[speaker_id] = Speaker(id=speaker_id, name_ar=ref.name_ar)
            session.add(row)
        country = ref.country if ref.country in known_countries else None
        row.name_ar = ref.name_ar
        row.name_en = ref.name_en or row.name_en
        row.role_ar = ref.role_ar or row.role_ar
        row.role_en = ref.role_en or row.role_en
        row.country = country or row.country
        row.kind = ref.kind
        row.wikidata = ref.wikidata or row.wikidata
    session.flush()
    return ids


def _replace_events(session, article: Article, sha: str, events: Iterable[ExtractedEvent]) -> None:
    """Upsert this extraction's events by id and drop the ones it no longer yields."""
    old_ids = set(session.execute(select(Event.id).where(Event.article_id == article.id)).scalars())
    seen: set[str] = set()
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:  # the search rows are written again below (their ids follow the dates)
        _delete_fts(session, article.id)
    events = list(events)
    known_countries = set(session.execute(select(Country.iso2)).scalars())
    speaker_ids = _upsert_speakers(session, [e.speaker for e in events], known_countries)
    for extracted, speaker_id in zip(events, speaker_ids, strict=True):
        event_id = event_id_for(sha, extracted)
        if event_id in seen:
            continue
        seen.add(event_id)
        row = session.get(Event, event_id) or Event(id=event_id, article_id=article.id)
        row.kind = extracted.kind
        row.date = extracted.date.value if extracted.date else None
        row.date_start = date_start(extracted.date)
        row.date_precision = extracted.date.precision if extracted.date else None
        row.date_basis = extracted.date.basis if extracted.date else None
        row.date_note = extracted.date.note if extracted.date else None
        row.speaker_id = speaker_id
        row.speaker_role_ar = extracted.speaker.role_ar if extracted.speaker else None
        row.text, row.start, row.end = extracted.text, extracted.start, extracted.end
        row.search_text = search_key(" ".join([*(q.text for q in extracted.quotes), row.text]))
        row.speech, row.background = extracted.speech, extracted.background
        session.add(row)
        session.flush()
        _replace_children(session, row, extracted, known_countries, sqlite)
    stale = old_ids - seen
    if stale:
        _delete_events(session, stale)


def _replace_children(session, row: Event, extracted, known_countries: set[str], sqlite: bool):
    event_id = row.id
    session.execute(delete(Quote).where(Quote.event_id == event_id))
    session.execute(delete(EventCountry).where(EventCountry.event_id == event_id))
    for quote in extracted.quotes:
        session.add(
            Quote(
                id=quote_id_for(event_id, quote),
                event_id=event_id,
                text=quote.text,
                start=quote.start,
                end=quote.end,
            )
        )
    for iso2 in sorted(set(extracted.countries) & known_countries):
        session.add(EventCountry(event_id=event_id, country=iso2, date_start=row.date_start))
    if sqlite:
        session.execute(
            text("INSERT INTO event_fts (rowid, event_id, search_text) VALUES (:k, :id, :t)"),
            {
                "k": fts_rowid(row.date_start, event_id),
                "id": event_id,
                "t": row.search_text,
            },
        )
    session.flush()


def delete_article(session: Session, article_id: str) -> bool:
    """Remove an article with its events, quotes, countries, search rows and counts, in one
    transaction; False when there is no such article."""
    article = session.get(Article, article_id)
    if article is None:
        return False
    sqlite = session.get_bind().dialect.name == "sqlite"
    try:
        tally.apply(session, tally.count_stored(session, article_id), sign=-1)
        stories.detach_article(session, article_id)
        ids = set(session.execute(select(Event.id).where(Event.article_id == article_id)).scalars())
        if sqlite:
            _delete_fts(session, article_id)
        if ids:
            _delete_events(session, ids)
        session.delete(article)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return True


def _delete_events(session, ids: set[str]) -> None:
    session.execute(delete(Quote).where(Quote.event_id.in_(ids)))
    session.execute(delete(EventCountry).where(EventCountry.event_id.in_(ids)))
    session.execute(delete(Event).where(Event.id.in_(ids)))


def _delete_fts(session, article_id: str) -> None:
    """The search rows of an article's stored events, by rowid (their timeline position: a
    lookup; ``event_id`` is not indexed in the FTS table)."""
    keys = [
        {"k": fts_rowid(day, event_id)}
        for event_id, day in session.execute(
            select(Event.id, Event.date_start).where(Event.article_id == article_id)
        )
    ]
    if keys:
        session.execute(text("DELETE FROM event_fts WHERE rowid = :k"), keys)
