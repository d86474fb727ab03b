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

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from app.models import (
    Article,
    ArticleBand,
    ArticleCopy,
    Event,
    EventCountry,
    Quote,
    Story,
    StoryBand,
)
from app.stories import features
from app.stories import tally as story_tally
from app.stories.match import HAPPENING_DAYS, Report, similarity
from app.stories.versions import ReportFacts, summarize

STATEMENT_THRESHOLD = 0.6  # Jaccard of the words at which LSH proposes two statements (the
# same speaker in other words is proposed by the speaker-day key instead)
HAPPENING_THRESHOLD = 0.5
COPY_THRESHOLD = 0.5  # ... two articles (the exact check below decides)
COPY_JACCARD = 0.7  # exact 3-gram Jaccard from which an article is a copy
MAX_CANDIDATES = 8  # stories an event is checked against: those sharing the most band keys
SAMPLE = 8  # reports of each candidate story it is compared with


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
                words=features.words_of(self.words_text),
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


def _load(session: Session, where, *, per_story: int | None = None) -> list[_Row]:
    """Events matching ``where`` (over ``event``) with their quotes and countries, in one
    statement (the quotes and countries joined: a few rows per event).

    ``per_story``: at most that many reports of each story — its canonical one first, then the
    latest ingested (what a new report is compared with: a story of hundreds of reports is not
    read whole for every article)."""
    statement = (
        select(*_COLUMNS, Quote.start, Quote.text, EventCountry.country)
        .join(Article, Article.id == Event.article_id)
        .outerjoin(Quote, Quote.event_id == Event.id)
        .outerjoin(EventCountry, EventCountry.event_id == Event.id)
        .where(where)
    )
    if per_story is not None:
        rank = (
            func.row_number()
            .over(
                partition_by=Event.story_id,
                order_by=(
                    (Event.id != Story.canonical_event_id),
                    Article.ingested_at.desc(),
                    Event.id,
                ),
            )
            .label("rank")
        )
        ranked = (
            select(Event.id.label("id"), rank)
            .join(Article, Article.id == Event.article_id)
            .join(Story, Story.id == Event.story_id)
            .where(where)
            .subquery()
        )
        statement = statement.join(ranked, ranked.c.id == Event.id).where(
            ranked.c.rank <= per_story
        )
    by_id: dict[str, _Row] = {}
    quotes: dict[str, dict[int, str]] = defaultdict(dict)
    ordered = statement.order_by(Event.start, Event.id, Quote.start)
    for values in session.connection().execute(ordered):
        event_id = values[0]
        row = by_id.get(event_id)
        if row is None:
            row = by_id[event_id] = _Row(*values[:8], _as_date(values[8]), *values[9:12])
        quote_start, quote, iso2 = values[12:]
        if quote is not None:
            quotes[event_id][quote_start] = quote
        if iso2 is not None and iso2 not in row.countries:
            row.countries.append(iso2)
    for event_id, found in quotes.items():
        by_id[event_id].quotes = [found[start] for start in sorted(found)]
    return list(by_id.values())


def _happening_scopes(row: _Row) -> list[str]:
    """Where a happening's bands live: its day (and the days around it when the day may be
    one off), or its month or year as written when the date is no finer."""
    if row.date_start is None:
        return []
    if row.date_precision != "day":
        return [f"ev|{row.date}"]
    # a day resolved from "yesterday" or inferred may be one off: stored and looked up under
    # the days around it too; an explicit day under itself only
    spread = row.date_basis != "explicit"
    deltas = range(-HAPPENING_DAYS, HAPPENING_DAYS + 1) if spread else (0,)
    return [f"ev|{row.date_start + dt.timedelta(days=d)}" for d in deltas]


def band_keys(row: _Row, hashvalues) -> list[int]:
    """The keys an event is looked up and stored under (its story's, in ``story_band``)."""
    if row.kind == "event":
        return [
            key
            for scope in _happening_scopes(row)
            for key in features.band_keys(hashvalues, HAPPENING_THRESHOLD, scope)
        ]
    keys = features.band_keys(hashvalues, STATEMENT_THRESHOLD, "st")
    if row.speaker_id:
        # the same speaker in other words is the same statement on the same day only, or when
        # a report leaves the day unsaid (match.py); near-verbatim words on other days are
        # found by the bands above
        day = row.date_start if row.date_precision == "day" else None
        keys.append(features.key63("spk", row.speaker_id, day or "undated"))
    return keys


def _signature(row: _Row):
    words = row.report.words
    return features.signature(words.undated if row.kind == "event" else words.stems)


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


BUCKET_CAP = 16  # stories a band bucket takes: a fuller one is a key most stories share


def _bucket_query(keys: list[int]):
    """The stories under these band keys (at most ``BUCKET_CAP`` each: see ``_write``)."""
    return select(StoryBand.key, StoryBand.story_id).where(StoryBand.key.in_(keys))


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
    probes = {row.event_id: band_keys(row, signatures[row.event_id]) for row in new}
    wanted = sorted({key for keys in probes.values() for key in keys})
    story_of_key: dict[int, set[str]] = defaultdict(set)
    if wanted:
        for key, story_id in session.connection().execute(_bucket_query(wanted)):
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
    proposals: dict[str, list[str]] = {}
    for row in new:
        shared = Counter(s for k in probes[row.event_id] for s in story_of_key.get(k, ()))
        ranked = sorted(shared, key=lambda s: (-shared[s], s))[:MAX_CANDIDATES]
        proposals[row.event_id] = sorted(set(ranked) | family_stories)
    candidate_ids = sorted({s for ids in proposals.values() for s in ids})
    sample: dict[str, list[_Row]] = defaultdict(list)
    if candidate_ids:
        for row in _load(session, Event.story_id.in_(candidate_ids), per_story=SAMPLE):
            sample[row.story_id].append(row)

    # each event joins the stories it matches; when it matches several, they are one story
    # (the same statement, quoted in parts by different articles) and merge into the biggest
    merged_into: dict[str, str] = {}

    def current(story_id: str) -> str:
        while story_id in merged_into:
            story_id = merged_into[story_id]
        return story_id

    sizes = {story_id: len(rows) for story_id, rows in sample.items()}
    assigned: dict[str, str] = {}
    for row in new:
        matched: set[str] = set()
        for story_id in proposals[row.event_id]:
            for other in sample.get(story_id, ()):
                if similarity(row.report, other.report, copies=other.article_id in family):
                    matched.add(current(story_id))
                    break
        if not matched:
            row.story_id = row.event_id
        else:
            survivor = max(matched, key=lambda s: (sizes.get(s, 0), s))
            for story_id in matched - {survivor}:
                merged_into[story_id] = survivor
            row.story_id = survivor
        assigned[row.event_id] = row.story_id

    # the stories joined or merged, read whole (their summary and counts change); a story no
    # bigger than the sample was read whole already
    joined = sorted(({row.story_id for row in new} | set(merged_into)) & set(candidate_ids))
    partial = [s for s in joined if len(sample.get(s, ())) >= SAMPLE]
    members: dict[str, list[_Row]] = defaultdict(list)
    for story_id in joined:
        if story_id not in partial:
            members[story_id] = list(sample[story_id])
    if partial:
        for row in _load(session, Event.story_id.in_(partial)):
            members[row.story_id].append(row)
    before = {story_id: list(rows) for story_id, rows in members.items()}
    for row in new:
        row.story_id = current(row.story_id)
        assigned[row.event_id] = row.story_id
    if merged_into:
        _merge(session, {old: current(old) for old in merged_into}, members)
    for row in new:
        members[row.story_id].append(row)
    full = {key for key, stories in story_of_key.items() if len(stories) >= BUCKET_CAP}
    _write(session, new, members, before, signatures, full)
    return assigned


def _merge(session, into: dict[str, str], members: dict[str, list[_Row]]) -> None:
    """Move the reports and band keys of each merged story to its survivor, and leave an
    alias, so the merged story's permalink leads to the survivor."""
    for old, survivor in sorted(into.items()):
        for row in members.get(old, []):
            row.story_id = survivor
        members[survivor].extend(members.get(old, []))
        members[old] = []
    pairs = [{"o": old, "s": survivor} for old, survivor in sorted(into.items())]
    session.execute(text("UPDATE event SET story_id = :s WHERE story_id = :o"), pairs)
    session.execute(
        text(
            "INSERT INTO story_band (key, story_id) SELECT key, :s FROM story_band "
            "WHERE story_id = :o ON CONFLICT DO NOTHING"
        ),
        pairs,
    )
    session.execute(text("UPDATE story_alias SET story_id = :s WHERE story_id = :o"), pairs)
    session.execute(
        text(
            "INSERT INTO story_alias (id, story_id) VALUES (:o, :s) "
            "ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id"
        ),
        pairs,
    )


def _write(session, new, members, before, signatures, full: set[int] = frozenset()) -> None:
    touched = sorted({row.story_id for row in new} | {s for s, rows in members.items() if not rows})
    session.execute(
        text("UPDATE event SET story_id = :s WHERE id = :e"),
        [{"s": row.story_id, "e": row.event_id} for row in new],
    )
    # a full bucket takes no more stories (its key is no evidence: like a word in every text),
    # which keeps every lookup at most BUCKET_CAP stories a key
    bands = {
        (key, row.story_id)
        for row in new
        for key in band_keys(row, signatures[row.event_id])
        if key not in full
    }
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


def attach_articles(connection: Connection, articles: Iterable[tuple[str, str]]) -> None:
    """``attach_article`` for ``(article_id, text)`` pairs in turn, in the connection's open
    transaction (the batch writer's, app/batch_store.py): a later article of the batch joins
    the stories an earlier one started."""
    session = Session(bind=connection)
    for article_id, article_text in articles:
        attach_article(session, article_id, article_text)


def detach_articles(connection: Connection, article_ids: Iterable[str]) -> None:
    """``detach_article`` for each, in the connection's open transaction."""
    session = Session(bind=connection)
    for article_id in article_ids:
        detach_article(session, article_id)


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
