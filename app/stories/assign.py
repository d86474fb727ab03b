"""The store's hook: an article's events join stories, incrementally, in its own transaction.

``attach_article`` runs after the article's events are written (and before the commit):

1. **near-duplicate article?** A MinHash of its word 3-grams is looked up in ``article_band``;
   each candidate is checked exactly (Jaccard of the 3-gram sets ≥ ``COPY_JACCARD``) and the
   article recorded in ``article_copy`` as a copy of the first stored one;
2. **candidate stories**, for all its events in one ``SELECT … FROM story_band WHERE key IN``:
   MinHash band keys of each event's words (statements: any speaker, any date; happenings:
   scoped to their day and its neighbours), a speaker-day blocking key for the days around a
   statement's, and, for a copy, the stories of the original's events;
3. **exact check** (app/stories/match.py) of each event against the reports of its candidate
   stories, loaded in three queries; the best one is joined, else the event starts a story
   whose id is its own event id (stable as reports join);
4. **writes**: ``event.story_id``, each touched story's summary (app/stories/versions.py), the
   event's band keys under its story, and the story counts (app/stories/tally.py).

Nothing else is recomputed, and no pair of events is compared unless LSH or the blocking keys
proposed it. ``detach_article`` undoes an article's part before it is re-extracted or deleted.
A story is never merged into another (that would change a permalink): an event joins one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select, text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from app.models import Article, ArticleBand, ArticleCopy, Event, EventCountry, Quote, StoryBand
from app.stories import features
from app.stories import tally as story_tally
from app.stories.match import HAPPENING_DAYS, WINDOW_DAYS, Report, similarity
from app.stories.versions import ReportFacts, summarize

STATEMENT_THRESHOLD = 0.5  # Jaccard of the words at which LSH proposes two statements
HAPPENING_THRESHOLD = 0.5
COPY_THRESHOLD = 0.5  # ... two articles (the exact check below decides)
COPY_JACCARD = 0.7  # exact 3-gram Jaccard from which an article is a copy


@dataclass
class _Row:
    """A stored event with what the matcher, the summary and the tally need."""

    event_id: str
    article_id: str
    story_id: str | None
    kind: str
    speaker_id: str | None
    date: str | None
    date_precision: str | None
    date_basis: str | None
    date_start: dt.date | None
    text: str
    outlet: str | None
    published: str | None
    quotes: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    _report: Report | None = None

    @property
    def words_text(self) -> str:
        """The quoted words, or the sentence (reported speech, happenings)."""
        return " ".join(self.quotes) if self.quotes else self.text

    @property
    def report(self) -> Report:
        if self._report is None:
            self._report = Report(
                event_id=self.event_id,
                article_id=self.article_id,
                kind=self.kind,
                speaker_id=self.speaker_id,
                date_start=self.date_start,
                date_precision=self.date_precision,
                words=features.Words.of(self.words_text),
            )
        return self._report

    def facts(self) -> ReportFacts:
        return ReportFacts(
            event_id=self.event_id,
            article_id=self.article_id,
            outlet=self.outlet,
            published=self.published,
            speaker_id=self.speaker_id,
            date=self.date,
            date_precision=self.date_precision,
            date_basis=self.date_basis,
            date_start=self.date_start,
            text=self.words_text,
        )

    def tally_keys(self) -> tuple:
        return (self.speaker_id, self.countries, self.outlet)


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


_COLUMNS = (
    Event.id,
    Event.article_id,
    Event.story_id,
    Event.kind,
    Event.speaker_id,
    Event.date,
    Event.date_precision,
    Event.date_basis,
    Event.date_start,
    Event.text,
    Article.outlet,
    Article.published,
)


def _load(session: Session, where) -> list[_Row]:
    """Events matching ``where`` (over ``event``) with their quotes and countries: 3 queries."""
    rows = [
        _Row(*values[:8], _as_date(values[8]), *values[9:])
        for values in session.execute(
            select(*_COLUMNS)
            .join(Article, Article.id == Event.article_id)
            .where(where)
            .order_by(Event.start, Event.id)
        )
    ]
    if not rows:
        return rows
    by_id = {row.event_id: row for row in rows}
    ids = list(by_id)
    for event_id, quote in session.execute(
        select(Quote.event_id, Quote.text)
        .where(Quote.event_id.in_(ids))
        .order_by(Quote.event_id, Quote.start)
    ):
        by_id[event_id].quotes.append(quote)
    for event_id, iso2 in session.execute(
        select(EventCountry.event_id, EventCountry.country).where(EventCountry.event_id.in_(ids))
    ):
        by_id[event_id].countries.append(iso2)
    return rows


def _happening_scopes(row: _Row, *, probe: bool) -> list[str]:
    """Where a happening's bands live: its day (looked up with the days around it), or its
    month or year as written when the date is no finer."""
    if row.date_start is None:
        return []
    if row.date_precision != "day":
        return [f"ev|{row.date}"]
    deltas = range(-HAPPENING_DAYS, HAPPENING_DAYS + 1) if probe else (0,)
    return [f"ev|{row.date_start + dt.timedelta(days=d)}" for d in deltas]


def own_keys(row: _Row, hashvalues) -> list[int]:
    """The band keys the event is stored under (its story's, in ``story_band``)."""
    return _keys(row, hashvalues, probe=False)


def probe_keys(row: _Row, hashvalues) -> list[int]:
    """The keys to look up: its own, and those of the neighbouring days."""
    return _keys(row, hashvalues, probe=True)


def _keys(row: _Row, hashvalues, *, probe: bool) -> list[int]:
    if row.kind == "event":
        return [
            key
            for scope in _happening_scopes(row, probe=probe)
            for key in features.band_keys(hashvalues, HAPPENING_THRESHOLD, scope)
        ]
    keys = features.band_keys(hashvalues, STATEMENT_THRESHOLD, "st")
    if row.speaker_id and row.date_start and row.date_precision == "day":
        deltas = range(-WINDOW_DAYS, WINDOW_DAYS + 1) if probe else (0,)
        keys += [
            features.key63("spk", row.speaker_id, row.date_start + dt.timedelta(days=d))
            for d in deltas
        ]
    return keys


def _signature(row: _Row):
    words = row.report.words
    return features.signature(words.without_dates() if row.kind == "event" else words.stems)


# -- near-duplicate articles ------------------------------------------------------------------


def _article_shingles(article_text: str) -> frozenset[str]:
    return features.shingles(features.stems(article_text))


def find_original(session: Session, article_id: str, article_text: str) -> tuple[str, float] | None:
    """Record the article's bands; if it is a near-duplicate of a stored article, record it as
    a copy of that article's original and return ``(original_id, jaccard)``."""
    grams = _article_shingles(article_text)
    if not grams:
        return None
    keys = features.band_keys(features.signature(grams), COPY_THRESHOLD, "art")
    candidates = sorted(
        set(
            session.execute(
                select(ArticleBand.article_id).where(
                    ArticleBand.key.in_(keys), ArticleBand.article_id != article_id
                )
            ).scalars()
        )
    )
    session.execute(
        text("INSERT INTO article_band (key, article_id) VALUES (:k, :a) ON CONFLICT DO NOTHING"),
        [{"k": key, "a": article_id} for key in dict.fromkeys(keys)],
    )
    best: tuple[str, float] | None = None
    if candidates:
        texts = session.execute(
            select(Article.id, Article.text).where(Article.id.in_(candidates))
        ).all()
        for other_id, other_text in texts:
            score = features.jaccard(grams, _article_shingles(other_text))
            if score >= COPY_JACCARD and (best is None or score > best[1]):
                best = (other_id, score)
    if best is None:
        return None
    original = session.execute(
        select(ArticleCopy.original_id).where(ArticleCopy.article_id == best[0])
    ).scalar_one_or_none()
    original_id = original or best[0]
    session.execute(
        text(
            "INSERT INTO article_copy (article_id, original_id, similarity) VALUES (:a, :o, :s) "
            "ON CONFLICT (article_id) DO UPDATE SET original_id = excluded.original_id, "
            "similarity = excluded.similarity"
        ),
        {"a": article_id, "o": original_id, "s": round(best[1], 4)},
    )
    return original_id, best[1]


def _copy_family(session: Session, original_id: str) -> set[str]:
    """The original and every article recorded as its copy."""
    copies = session.execute(
        select(ArticleCopy.article_id).where(ArticleCopy.original_id == original_id)
    ).scalars()
    return {original_id, *copies}


# -- attaching and detaching ------------------------------------------------------------------


def attach_article(session: Session, article_id: str, article_text: str) -> dict[str, str]:
    """Put the article's events (already written, in this transaction) into stories; returns
    ``{event_id: story_id}``. Runs inside the caller's transaction and does not commit."""
    new = [row for row in _load(session, Event.article_id == article_id) if row.story_id is None]
    found = find_original(session, article_id, article_text)
    family = _copy_family(session, found[0]) - {article_id} if found else set()
    if not new:
        return {}
    signatures = {row.event_id: _signature(row) for row in new}
    probes = {row.event_id: probe_keys(row, signatures[row.event_id]) for row in new}
    wanted = sorted({key for keys in probes.values() for key in keys})
    story_of_key: dict[int, set[str]] = defaultdict(set)
    if wanted:
        for key, story_id in session.execute(
            select(StoryBand.key, StoryBand.story_id).where(StoryBand.key.in_(wanted))
        ):
            story_of_key[key].add(story_id)
    family_stories: set[str] = set()
    if family:
        family_stories = set(
            session.execute(
                select(Event.story_id).where(
                    Event.article_id.in_(family), Event.story_id.is_not(None)
                )
            ).scalars()
        )
    candidate_ids = {s for keys in probes.values() for k in keys for s in story_of_key.get(k, ())}
    candidate_ids |= family_stories
    members: dict[str, list[_Row]] = defaultdict(list)
    if candidate_ids:
        for row in _load(session, Event.story_id.in_(sorted(candidate_ids))):
            members[row.story_id].append(row)
    before = {story_id: list(rows) for story_id, rows in members.items()}

    assigned: dict[str, str] = {}
    for row in new:
        proposed = {s for k in probes[row.event_id] for s in story_of_key.get(k, ())}
        proposed |= family_stories
        best, best_score = None, 0.0
        for story_id in sorted(proposed):
            for other in members.get(story_id, ()):
                copies = other.article_id in family
                score = similarity(row.report, other.report, copies=copies)
                if score > best_score:
                    best, best_score = story_id, score
        story_id = best or row.event_id
        row.story_id = story_id
        members[story_id].append(row)
        assigned[row.event_id] = story_id

    _write(session, new, members, before, signatures)
    return assigned


def _write(session, new, members, before, signatures) -> None:
    touched = sorted({row.story_id for row in new})
    session.execute(
        text("UPDATE event SET story_id = :s WHERE id = :e"),
        [{"s": row.story_id, "e": row.event_id} for row in new],
    )
    bands = {(key, row.story_id) for row in new for key in own_keys(row, signatures[row.event_id])}
    if bands:
        session.execute(
            text("INSERT INTO story_band (key, story_id) VALUES (:k, :s) ON CONFLICT DO NOTHING"),
            [{"k": key, "s": story_id} for key, story_id in sorted(bands)],
        )
    _save_stories(session, {story_id: members[story_id] for story_id in touched}, before)


def _save_stories(session, stories: dict[str, list[_Row]], before: dict[str, list[_Row]]) -> None:
    """Upsert the touched stories' rows (deleting those left without reports) and apply the
    change in their counts."""
    changes: Counter = Counter()
    upserts, gone = [], []
    for story_id, rows in stories.items():
        old = before.get(story_id, [])
        old_rows = _tally_rows(old) if old else frozenset()
        if not rows:
            gone.append(story_id)
            story_tally.diff(old_rows, frozenset(), changes)
            continue
        summary = summarize([row.facts() for row in rows])
        story_tally.diff(
            old_rows,
            story_tally.story_rows(
                (r.tally_keys() for r in rows), rows[0].kind, summary.date_start
            ),
            changes,
        )
        upserts.append(
            {
                "id": story_id,
                "kind": rows[0].kind,
                "date": summary.date,
                "date_precision": summary.date_precision,
                "date_basis": summary.date_basis,
                "date_start": summary.date_start,
                "date_event_id": summary.date_event_id,
                "speaker_id": summary.speaker_id,
                "canonical_event_id": summary.canonical_event_id,
                "reports": summary.reports,
                "outlets": summary.outlets,
            }
        )
    if upserts:
        columns = [c for c in upserts[0] if c != "id"]
        session.execute(
            text(
                f"INSERT INTO story (id, {', '.join(columns)}) "
                f"VALUES (:id, {', '.join(':' + c for c in columns)}) "
                "ON CONFLICT (id) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in columns)
            ),
            upserts,
        )
    if gone:
        for statement in (
            "DELETE FROM story_band WHERE story_id IN :ids",
            "DELETE FROM story WHERE id IN :ids",
        ):
            session.execute(
                text(statement).bindparams(bindparam("ids", expanding=True)), {"ids": gone}
            )
    story_tally.apply(session, changes)


def _tally_rows(rows: list[_Row]) -> frozenset:
    summary = summarize([row.facts() for row in rows])
    return story_tally.story_rows((r.tally_keys() for r in rows), rows[0].kind, summary.date_start)


def detach_article(session: Session, article_id: str) -> None:
    """Take the article's events out of their stories (before they are re-extracted or
    deleted): the stories left are re-summarized, those left empty removed, the counts
    corrected; its near-duplicate records and bands go too. Does not commit."""
    story_ids = sorted(
        set(
            session.execute(
                select(Event.story_id).where(
                    Event.article_id == article_id, Event.story_id.is_not(None)
                )
            ).scalars()
        )
    )
    if story_ids:
        members: dict[str, list[_Row]] = defaultdict(list)
        for row in _load(session, Event.story_id.in_(story_ids)):
            members[row.story_id].append(row)
        before = {story_id: list(rows) for story_id, rows in members.items()}
        after = {
            story_id: [row for row in rows if row.article_id != article_id]
            for story_id, rows in members.items()
        }
        session.execute(
            text("UPDATE event SET story_id = NULL WHERE article_id = :a"), {"a": article_id}
        )
        _save_stories(session, after, before)
    session.execute(text("DELETE FROM article_copy WHERE article_id = :a"), {"a": article_id})
    session.execute(text("DELETE FROM article_band WHERE article_id = :a"), {"a": article_id})


def group_stored(connection: Connection) -> int:
    """Group every stored article's events, in ingest order (migration 0009); returns the
    number of articles."""
    session = Session(bind=connection)
    articles = session.execute(
        select(Article.id, Article.text).order_by(Article.ingested_at, Article.id)
    ).all()
    for article_id, article_text in articles:
        attach_article(session, article_id, article_text)
    session.flush()
    return len(articles)


def story_ids_of(session: Session, event_ids: Iterable[str]) -> dict[str, str | None]:
    """The story of each event (for the export and the permalink)."""
    ids = list(event_ids)
    if not ids:
        return {}
    return dict(session.execute(select(Event.id, Event.story_id).where(Event.id.in_(ids))).all())
