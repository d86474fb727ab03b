"""The store's hook: new articles' events join stories, incrementally, in the writer's transaction.

``attach_articles`` runs after a batch of articles is written (and before the commit; the
one-article store calls it with one article). It costs a fixed number of statements per batch
and a bounded amount of work per article, whatever the size of the store or of a story:

1. **the batch's new events**, read back in three statements (events, quotes, countries);
2. **near-duplicate articles**: a MinHash of each article's word 3-grams is looked up in
   ``article_band`` (one statement for the batch); the ``COPY_CANDIDATES`` articles sharing the
   most bands are checked exactly (Jaccard of the 3-gram sets ≥ ``COPY_JACCARD``) and the
   article recorded in ``article_copy`` as a copy of the first stored one;
3. **candidate stories**, for every event of the batch in one ``SELECT … FROM story_band WHERE
   key IN``: MinHash band keys of each event's words (statements: any speaker, any date;
   happenings: scoped to their day and its neighbours) and a key per sampled content word
   (features.sample_words; a happening's in its day) and, for statements, per sampled word
   with the speaker; a bucket
   holds at most ``BUCKET_CAP`` stories;
4. **exact check** (app/stories/match.py) of each event against at most ``SAMPLE`` reports of
   each of its ``MAX_CANDIDATES`` best candidate stories (loaded once for the batch): a story
   is matched when at least ``LINK`` of those reports match it and none is dated apart from it
   (match.fits, over every report of the story the batch knows); the best one is joined,
   else the event starts a story whose id is its own event id (stable as reports join).
   Articles are taken in ingest order and an event sees the stories the batch's earlier
   articles started or grew, exactly as one-article-at-a-time writes would leave them;
5. **writes**, one statement per table for the batch: ``event.story_id`` and
   ``event.story_wording``, the band keys, the touched stories' summaries and counts. A stored
   story that reports joined is summarized from grouped reads (app/stories/summary.py), never
   read whole; a new story from its reports in memory.

No pair of events is compared unless LSH or the blocking keys proposed it. No story holds two
statements of one article (two answers of one interview are two stories, however alike their
subject): an event does not join a story holding another statement of its article, and an
event matching several stories merges those that would not put two together into the biggest
(the merged id stays a permalink, ``story_alias``);
a merge, and ``detach_articles`` (an article re-extracted or deleted), recompute the stories
concerned from their reports — rare, and the only reads of a whole story.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from app.models import Article, ArticleBand, ArticleCopy, Event, EventCountry, Quote, Story
from app.stories import features
from app.stories import summary as stored_summary
from app.stories import tally as story_tally
from app.stories.match import HAPPENING_DAYS, Report, fits, parts_of, restated, similarity
from app.stories.sql import driver_many
from app.stories.versions import ReportFacts, Summary, summarize

STATEMENT_THRESHOLD = 0.6  # Jaccard of the words at which LSH proposes two statements (the
# same speaker in other words is proposed by the speaker-day key instead)
HAPPENING_THRESHOLD = 0.5
COPY_THRESHOLD = 0.5  # ... two articles (the exact check below decides)
COPY_JACCARD = 0.7  # exact 3-gram Jaccard from which an article is a copy
COPY_CANDIDATES = 3  # articles checked exactly: those sharing the most bands
MIN_COPY_BANDS = 2  # ... and at least this many: one of 14 bands of 4 is shared by texts of
# Jaccard 0.3 one time in three, two by a copy (0.8 and more) 99 times in 100
MAX_CANDIDATES = 6  # stories an event is checked against: those sharing the most band keys
SAMPLE = 8  # reports of each candidate story it is compared with
LINK = 0.5  # ... of which it must match this share: a report that meets one report of a story
# (the fullest, or one that strayed) and not the rest is of another statement (average link)
SAMPLE_WORDS = 8  # content words a statement is proposed by (features.sample_words)
BUCKET_CAP = 16  # stories a band bucket takes: a fuller one is a key most stories share
CHUNK = 500  # ids per IN list


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
    ingested_at: object = None
    quotes: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    recency: tuple = ()  # (0, ingested_at) stored; (1, its article's place) in this batch
    _report: Report | None = None

    @property
    def words_text(self) -> str:
        """The quoted words, or the sentence (reported speech, happenings)."""
        return " ".join(self.quotes) if self.quotes else self.text

    @property
    def wording(self) -> int:
        return features.wording_key(self.words_text)

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
                published=_published_day(self.published),
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


def _published_day(value) -> dt.date | None:
    """An article's publication date as a day (None when unknown or not a full date)."""
    try:
        return _as_date(value) if value else None
    except ValueError:
        return None


def _bind_date(connection: Connection):
    """A date as the driver is sent it for ``story.date_start`` (SQLite: ISO text)."""
    column = Story.__table__.c.date_start.type
    processor = column.dialect_impl(connection.dialect).bind_processor(connection.dialect)
    return processor or (lambda value: value)


def _chunks(ids, size: int = CHUNK):
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _execute_in(connection: Connection, statement: str, ids) -> None:
    """Run ``statement`` (with an ``IN :ids`` list) over ``ids``, a chunk at a time."""
    bound = text(statement).bindparams(bindparam("ids", expanding=True))
    for chunk in _chunks(ids):
        connection.execute(bound, {"ids": chunk})


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
    Article.ingested_at,
)


def _load(session, where, *, per_story: int | None = None, countries: bool = True) -> list[_Row]:
    """Events matching ``where`` (over ``event``), with their quotes and countries (read apart:
    joined, an event's rows would multiply).

    ``per_story``: at most that many reports of each story — its first (the event whose id it
    bears) then the latest ingested: what a new report is compared with (a story of hundreds of
    reports is not read whole for every article), the same whichever batch the reports came in."""
    statement = select(*_COLUMNS).join(Article, Article.id == Event.article_id).where(where)
    if per_story is not None:
        rank = (
            func.row_number()
            .over(
                partition_by=Event.story_id,
                order_by=(
                    (Event.id != Event.story_id),
                    Article.ingested_at.desc(),
                    Event.id,
                ),
            )
            .label("rank")
        )
        ranked = (
            select(Event.id.label("id"), rank)
            .join(Article, Article.id == Event.article_id)
            .where(where)
            .subquery()
        )
        statement = statement.join(ranked, ranked.c.id == Event.id).where(
            ranked.c.rank <= per_story
        )
        statement = statement.order_by(Event.story_id, ranked.c.rank)
    else:
        statement = statement.order_by(Event.start, Event.id)
    connection = session.connection() if isinstance(session, Session) else session
    by_id: dict[str, _Row] = {}
    for values in connection.execute(statement):
        row = _Row(*values[:8], _as_date(values[8]), *values[9:13])
        row.recency = (0, str(row.ingested_at))
        by_id[values[0]] = row
    for chunk in _chunks(by_id):
        quotes = select(Quote.event_id, Quote.text).where(Quote.event_id.in_(chunk))
        for event_id, quote in connection.execute(quotes.order_by(Quote.event_id, Quote.start)):
            by_id[event_id].quotes.append(quote)
        if not countries:  # a sample compared with: its words only
            continue
        named = select(EventCountry.event_id, EventCountry.country).where(
            EventCountry.event_id.in_(chunk)
        )
        for event_id, iso2 in connection.execute(named):
            if iso2 not in by_id[event_id].countries:
                by_id[event_id].countries.append(iso2)
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
        # as for statements below, a key per sampled word too (in the happening's day): two
        # reports of it, one of which says much more (a background line and the article about
        # it), are too far apart in Jaccard for the bands
        words = features.sample_words(row.report.words.undated, SAMPLE_WORDS)
        return [
            key
            for scope in _happening_scopes(row)
            for key in (
                *features.band_keys(hashvalues, HAPPENING_THRESHOLD, scope),
                *(features.key63("evw", scope, word) for word in words),
            )
        ]

    keys = features.band_keys(hashvalues, STATEMENT_THRESHOLD, "st")
    # reports whose words mostly contain one another (a quote cut short, the reported form of
    # a quote, another speaker given the same words) share a word of least hash: a key per
    # sampled word, and per sampled word with the speaker (one speaker in other words)
    words = features.sample_words(row.report.words.stems, SAMPLE_WORDS)
    keys += [features.key63("stw", word) for word in words]
    if row.speaker_id:
        keys += [features.key63("spkw", row.speaker_id, word) for word in words]
    return keys


def _tokens(row: _Row) -> frozenset[str]:
    """What an event's MinHash is over: its words (a happening's less the date words)."""
    words = row.report.words
    return words.undated if row.kind == "event" else words.stems


def _article_shingles(article_text: str) -> frozenset[str]:
    return features.shingles(features.stems(article_text))


def _in(column, values) -> list:
    """Rows of ``column IN values`` as an expanding bind (one statement per chunk)."""
    return [column.in_(chunk) for chunk in _chunks(sorted(set(values)))]


# -- near-duplicate articles ------------------------------------------------------------------


class _Copies:
    """Near-duplicate detection for a batch: which article each one copies, and the family
    (the original and its copies) whose stories a copy's events join."""

    def __init__(self, connection: Connection, items: list[tuple[str, str]]) -> None:
        self.connection = connection
        self.original: dict[str, str] = {}  # article → its original (copies only)
        grams = {a: _article_shingles(t) for a, t in items}
        filled = [a for a, g in grams.items() if g]
        keys = {
            a: list(dict.fromkeys(features.band_keys(hashvalues, COPY_THRESHOLD, "art")))
            for a, hashvalues in zip(
                filled, features.signatures(grams[a] for a in filled), strict=True
            )
        }
        batch = {a for a, _ in items}
        stored: dict[int, list[str]] = defaultdict(list)
        for clause in _in(ArticleBand.key, [k for ks in keys.values() for k in ks]):
            for key, other in connection.execute(
                select(ArticleBand.key, ArticleBand.article_id).where(clause)
            ):
                if other not in batch:
                    stored[key].append(other)
        earlier: dict[int, list[str]] = defaultdict(list)  # keys of the batch's earlier articles
        ranked: dict[str, list[str]] = {}
        for article_id, _ in items:
            mine = keys.get(article_id, [])
            shared = Counter(o for k in mine for o in (*stored.get(k, ()), *earlier.get(k, ())))
            likely = [o for o, n in shared.items() if n >= MIN_COPY_BANDS]
            ranked[article_id] = sorted(likely, key=lambda o: (-shared[o], o))[:COPY_CANDIDATES]
            for k in mine:
                earlier[k].append(article_id)
        wanted = {o for found in ranked.values() for o in found if o not in batch}
        for clause in _in(Article.id, wanted):
            for other_id, other_text in connection.execute(
                select(Article.id, Article.text).where(clause)
            ):
                grams[other_id] = _article_shingles(other_text)
        found: list[dict] = []
        for article_id, _ in items:
            best: tuple[str, float] | None = None
            for other in ranked[article_id]:
                score = features.jaccard(grams[article_id], grams.get(other, frozenset()))
                if score >= COPY_JACCARD and (best is None or score > best[1]):
                    best = (other, score)
            if best is not None:
                original = self.original.get(best[0]) or self._stored_original(best[0])
                self.original[article_id] = original
                found.append({"a": article_id, "o": original, "s": round(best[1], 4)})
        driver_many(
            connection,
            "INSERT INTO article_band (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            sorted({(k, a) for a, ks in keys.items() for k in ks}),
        )
        if found:
            connection.execute(
                text(
                    "INSERT INTO article_copy (article_id, original_id, similarity) "
                    "VALUES (:a, :o, :s) ON CONFLICT (article_id) DO UPDATE SET "
                    "original_id = excluded.original_id, similarity = excluded.similarity"
                ),
                found,
            )

    def _stored_original(self, article_id: str) -> str:
        original = self.connection.execute(
            select(ArticleCopy.original_id).where(ArticleCopy.article_id == article_id)
        ).scalar_one_or_none()
        return original or article_id

    def family(self, article_id: str) -> set[str]:
        """The other articles of a copy's family (the original and its copies); empty for an
        article that copies none."""
        original = self.original.get(article_id)
        if original is None:
            return set()
        stored = self.connection.execute(
            select(ArticleCopy.article_id).where(ArticleCopy.original_id == original)
        ).scalars()
        batch = {a for a, o in self.original.items() if o == original}
        return ({original, *stored} | batch) - {article_id}


# -- attaching ----------------------------------------------------------------------------------


class _Batch:
    """One batch's assignment: the stored stories it can meet, read once, and what its earlier
    articles changed, kept in memory for its later ones."""

    def __init__(self, connection: Connection, items: list[tuple[str, str]]) -> None:
        self.connection = connection
        self.items = items
        self.merged_into: dict[str, str] = {}
        self.sample: dict[str, list[_Row]] = {}  # story → the reports an event is compared with
        self.size: dict[str, int] = {}  # story → its reports (the biggest survives a merge)
        self.stored: set[str] = set()  # candidate stories read from the store
        self.bucket: dict[int, set[str]] = {}
        self.added: dict[str, list[_Row]] = defaultdict(list)  # story → the batch's reports
        self.bands: set[tuple[int, str]] = set()
        self.ranked: dict[str, tuple[int, list[str]]] = {}  # event → (when, its candidates)
        self.changed: dict[int, int] = {}  # key → when its bucket last changed
        self.clock = 0

    def current(self, story_id: str) -> str:
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        return story_id

    def _ensure(self, story_ids: Iterable[str]) -> None:
        """Read the sample (and size) of stored stories not read yet, in one statement."""
        missing = sorted(
            {s for s in story_ids if s not in self.sample and s not in self.merged_into}
        )
        if not missing:
            return
        for s in missing:
            self.sample[s] = []
        for chunk in _chunks(missing):
            for row in _load(
                self.connection, Event.story_id.in_(chunk), per_story=SAMPLE, countries=False
            ):
                self.sample[row.story_id].append(row)
            sizes = select(Story.id, Story.reports).where(Story.id.in_(chunk))
            self.size.update(self.connection.execute(sizes).all())
        self.stored.update(s for s in missing if self.sample[s])

    def _proposals(self, event_id: str, keys: list[int], family: set[str]) -> list[str]:
        """The ``MAX_CANDIDATES`` stories sharing the most of ``keys``, and ``family``'s. Ranked
        once per event, and again only when one of its keys' buckets changed since (an earlier
        article of the batch joined it, or a merge renamed a story in it)."""
        known = self.ranked.get(event_id)
        changed = self.changed
        if known is None or any(changed.get(key, -1) >= known[0] for key in keys):
            self.clock += 1
            known = self.ranked[event_id] = (self.clock, self._rank(keys))
        return sorted({self.current(s) for s in known[1]} | family)

    def _changed(self, key: int) -> None:
        self.clock += 1
        self.changed[key] = self.clock

    def _rank(self, keys: list[int]) -> list[str]:
        bucket = self.bucket
        shared = Counter(chain.from_iterable(bucket.get(key, ()) for key in keys))
        if len(shared) > MAX_CANDIDATES:
            return heapq.nsmallest(MAX_CANDIDATES, shared, key=lambda s: (-shared[s], s))
        return list(shared)

    def attach(self) -> dict[str, str]:
        ids = [a for a, _ in self.items]
        rows = [r for clause in _in(Event.article_id, ids) for r in _load(self.connection, clause)]
        new = [r for r in rows if r.story_id is None]
        copies = _Copies(self.connection, self.items)
        if not new:
            return {}
        by_article: dict[str, list[_Row]] = defaultdict(list)
        for row in new:
            by_article[row.article_id].append(row)
        signatures = dict(
            zip((r.event_id for r in new), features.signatures(map(_tokens, new)), strict=True)
        )
        probes = {r.event_id: band_keys(r, signatures[r.event_id]) for r in new}
        for chunk in _chunks(sorted({k for ks in probes.values() for k in ks})):
            statement = text("SELECT key, story_id FROM story_band WHERE key IN :keys")
            statement = statement.bindparams(bindparam("keys", expanding=True))
            for key, story_id in self.connection.execute(statement, {"keys": chunk}):
                self.bucket.setdefault(key, set()).add(story_id)
        families = {a: copies.family(a) for a in ids if a in copies.original}
        family_stories = {a: self._family_stories(f) for a, f in families.items()}
        self._ensure(
            s
            for r in new
            for s in self._proposals(
                r.event_id, probes[r.event_id], family_stories.get(r.article_id, set())
            )
        )
        assigned: dict[str, str] = {}
        for place, article_id in enumerate(ids):
            family = families.get(article_id, set())
            if family:  # the stories of its family's events: stored, or grown in this batch
                family_stories[article_id] = family_stories[article_id] | {
                    r.story_id for a in family for r in by_article.get(a, ()) if r.story_id
                }
            for row in by_article.get(article_id, ()):
                row.recency = (1, place)
                stories = self._proposals(
                    row.event_id,
                    probes[row.event_id],
                    {self.current(s) for s in family_stories.get(article_id, ())},
                )
                self._ensure(stories)
                story_id = self._assign(row, stories, family)
                assigned[row.event_id] = story_id
                for key in probes[row.event_id]:
                    held = self.bucket.setdefault(key, set())
                    if story_id not in held and len(held) < BUCKET_CAP:
                        # a full bucket takes no more stories (its key is no evidence: like a
                        # word in every text), which keeps every lookup bounded
                        held.add(story_id)
                        self.bands.add((key, story_id))
                        self._changed(key)
        self._write(new)
        return {event_id: self.current(s) for event_id, s in assigned.items()}

    def _family_stories(self, family: set[str]) -> set[str]:
        found = set()
        for clause in _in(Event.article_id, family):
            found.update(
                self.connection.execute(
                    select(Event.story_id).where(clause, Event.story_id.is_not(None))
                ).scalars()
            )
        return found

    def _view(self, story_id: str) -> list[_Row]:
        """The reports of a story an event is compared with: its first, then the latest
        ingested (as ``_load(per_story=SAMPLE)`` would read them now)."""
        rows = self.sample.get(story_id, [])
        if len(rows) <= SAMPLE:
            return rows
        rows = sorted(sorted(rows, key=lambda r: r.event_id), key=lambda r: r.recency, reverse=True)
        first = [r for r in rows if r.event_id == story_id]
        return (first + [r for r in rows if r.event_id != story_id])[:SAMPLE]

    @staticmethod
    def _apart(row: _Row, reports: list[_Row]) -> bool:
        """Whether ``row`` is another statement than one of ``reports``: an event of its own
        article that neither restates it (match.restated) nor is, with it, a part of one
        statement another report carries whole (match.parts_of). Two answers of one
        interview, two points of one speech, are two stories, however alike their subject."""
        return any(
            o.article_id == row.article_id
            and o.event_id != row.event_id
            and not restated(row.report, o.report)
            and not any(parts_of(row.report, o.report, whole.report) for whole in reports)
            for o in reports
        )

    @staticmethod
    def _fits(row: _Row, reports: list[_Row], family: set[str]) -> bool:
        """Whether ``row`` and every one of ``reports`` (a story's reports known to the batch:
        its stored sample and what the batch added) can be one story on their dates
        (match.fits: complete link), a copy's family left out."""
        others = [o.report for o in reports if o.article_id not in family and o is not row]
        return fits(row.report, others)

    def _assign(self, row: _Row, stories: list[str], family: set[str]) -> str:
        """The story the event joins: the one it matches; when it matches several, they are
        one story (reports of one statement, in parts or in other words, that met only
        through this one) and merge into the biggest."""
        scores: dict[str, float] = {}
        for story_id in stories:
            if self._apart(row, self.sample.get(story_id, [])):
                continue  # a story of another statement of its own article
            if not self._fits(row, self.sample.get(story_id, []), family):
                continue  # a report of it on another day: another occasion
            view = self._view(story_id)
            sims = [
                similarity(row.report, other.report, copies=other.article_id in family)
                for other in view
            ]
            best = max(sims, default=0.0)
            if best and sum(1 for x in sims if x) < LINK * len(view):
                best = 0.0  # it meets a report of the story, not the story
            if best:
                current = self.current(story_id)
                scores[current] = max(scores.get(current, 0.0), best)
        ranked = sorted(scores, key=lambda s: (-scores[s], -self.size.get(s, 0), s))
        matched = set(ranked[:1])
        kept = [row, *self.sample.get(ranked[0], [])] if ranked else []  # the story it makes
        for other in ranked[1:]:
            rows = self.sample.get(other, [])
            if any(self._apart(r, kept) for r in rows):  # two statements of an article
                continue
            if not all(self._fits(r, kept, family) for r in rows):  # two occasions
                continue
            matched.add(other)
            kept += rows
        if not matched:
            story_id = row.event_id
            self.sample[story_id], self.size[story_id] = [], 0
        else:
            story_id = max(matched, key=lambda s: (self.size.get(s, 0), s))
            for other in sorted(matched - {story_id}):
                self.merged_into[other] = story_id
                for key, held in self.bucket.items():  # the store moves its band keys too
                    if other in held:
                        held.discard(other)
                        held.add(story_id)
                        self._changed(key)
                self.sample[story_id].extend(self.sample.pop(other, []))
                self.size[story_id] += self.size.pop(other, 0)
                self.added[story_id].extend(self.added.pop(other, []))
        row.story_id = story_id
        self.sample[story_id].append(row)
        self.size[story_id] += 1
        self.added[story_id].append(row)
        return story_id

    def _write(self, new: list[_Row]) -> None:
        for row in new:
            row.story_id = self.current(row.story_id)
        merged = {old: self.current(old) for old in self.merged_into}
        survivors = set(merged.values())
        stored_touched = {s for s in self.added if s in self.stored} | {
            s for s in merged if s in self.stored
        }
        recompute = (stored_touched & (survivors | set(merged))) | survivors
        incremental = sorted(stored_touched - recompute)
        fresh = sorted(set(self.added) - recompute - set(incremental))
        # before: the stored stories' counts (a merge's read whole, the others' parts)
        whole_before = _members(self.connection, sorted(recompute & self.stored))
        before_rows = {s: _tally_rows(rows) for s, rows in whole_before.items()}
        stored = stored_summary.load_stored(self.connection, incremental)
        for story_id in incremental:
            story = stored[story_id]
            before_rows[story_id] = story_tally.story_rows(
                story.parts, story.kind, story.date_start
            )
        if merged:
            _merge(self.connection, merged)
        driver_many(
            self.connection,
            "UPDATE event SET story_id = ?, story_wording = ? WHERE id = ?",
            [(r.story_id, r.wording, r.event_id) for r in new],
        )
        driver_many(
            self.connection,
            "INSERT INTO story_band (key, story_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            sorted({(key, self.current(s)) for key, s in self.bands}),
        )
        summaries: dict[str, tuple[str, Summary, frozenset]] = {}
        for story_id in fresh:
            rows = self.added[story_id]
            summaries[story_id] = (rows[0].kind, *_summary_and_rows(rows))
        for story_id, rows in _members(self.connection, sorted(survivors)).items():
            summaries[story_id] = (rows[0].kind, *_summary_and_rows(rows))
        if incremental:
            by_event = {
                r.event_id: r
                for clause in _in(Event.id, [stored[s].canonical_event_id for s in incremental])
                for r in _load(self.connection, clause)
            }
            canonical = {s: by_event[stored[s].canonical_event_id] for s in incremental}
            wordings = {r.event_id: r.wording for s in incremental for r in self.added[s]}
            wordings.update({r.event_id: r.wording for r in canonical.values()})
            joined = {s: [r.facts() for r in self.added[s]] for s in incremental}
            done = stored_summary.summarize_joined(
                self.connection,
                stored,
                joined,
                {s: r.words_text for s, r in canonical.items()},
                wordings,
            )
            for story_id, summary in done.items():
                story = stored[story_id]
                parts = story.parts + [r.tally_keys() for r in self.added[story_id]]
                after = story_tally.story_rows(parts, story.kind, summary.date_start)
                summaries[story_id] = (story.kind, summary, after)
        _save(self.connection, summaries, before_rows, gone=sorted(merged))


def _members(connection, story_ids: list[str]) -> dict[str, list[_Row]]:
    """Every report of these stories (a merge's or a detach's: the only whole reads)."""
    members: dict[str, list[_Row]] = defaultdict(list)
    for clause in _in(Event.story_id, story_ids):
        for row in _load(connection, clause):
            members[row.story_id].append(row)
    return members


def _summary_and_rows(rows: list[_Row]) -> tuple[Summary, frozenset]:
    if len(rows) == 1:  # most stories: versions.summarize of one report, without the versions
        (row,) = rows
        dated = row.date_start is not None
        summary = Summary(
            date=row.date if dated else None,
            date_precision=row.date_precision if dated else None,
            date_basis=row.date_basis if dated else None,
            date_start=row.date_start,
            date_event_id=row.event_id if dated else None,
            speaker_id=row.speaker_id,
            canonical_event_id=row.event_id,
            reports=1,
            outlets=1,
        )
        return summary, story_tally.story_rows([row.tally_keys()], row.kind, row.date_start)
    summary = summarize([row.facts() for row in rows])
    keys = (r.tally_keys() for r in rows)
    return summary, story_tally.story_rows(keys, rows[0].kind, summary.date_start)


def _tally_rows(rows: list[_Row]) -> frozenset:
    return _summary_and_rows(rows)[1]


def _merge(connection, into: dict[str, str]) -> None:
    """Move the reports and band keys of each merged story to its survivor, and leave an
    alias, so the merged story's permalink leads to the survivor."""
    pairs = [{"o": old, "s": survivor} for old, survivor in sorted(into.items())]
    connection.execute(text("UPDATE event SET story_id = :s WHERE story_id = :o"), pairs)
    connection.execute(
        text(
            "INSERT INTO story_band (key, story_id) SELECT key, :s FROM story_band "
            "WHERE story_id = :o ON CONFLICT DO NOTHING"
        ),
        pairs,
    )
    connection.execute(text("UPDATE story_alias SET story_id = :s WHERE story_id = :o"), pairs)
    connection.execute(
        text(
            "INSERT INTO story_alias (id, story_id) VALUES (:o, :s) "
            "ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id"
        ),
        pairs,
    )


def _save(connection, summaries: dict, before: dict[str, frozenset], gone: list[str]) -> None:
    """Upsert the stories' rows, delete those ``gone`` (merged away or left without reports),
    and apply the change in their counts (``before`` → their rows now)."""
    changes: Counter = Counter()
    upserts = []
    for story_id, (kind, summary, after) in sorted(summaries.items()):
        story_tally.diff(before.get(story_id, frozenset()), after, changes)
        upserts.append(
            {
                "id": story_id,
                "kind": kind,
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
    for story_id in gone:
        story_tally.diff(before.get(story_id, frozenset()), frozenset(), changes)
    if upserts:
        columns = list(upserts[0])
        day = _bind_date(connection)
        driver_many(
            connection,
            f"INSERT INTO story ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
            "ON CONFLICT (id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id"),
            [tuple(day(v) if c == "date_start" else v for c, v in row.items()) for row in upserts],
        )
    if gone:
        for statement in (
            "DELETE FROM story_band WHERE story_id IN :ids",
            "DELETE FROM story WHERE id IN :ids",
        ):
            _execute_in(connection, statement, gone)
    story_tally.apply(connection, changes)


# -- the store's entry points -----------------------------------------------------------------


def _connection(target) -> Connection:
    return target.connection() if isinstance(target, Session) else target


def attach_articles(target, articles: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Put the events of ``(article_id, text)`` articles (already written, in this
    transaction) into stories, in the order given; returns ``{event_id: story_id}``. Runs in
    the caller's transaction (the batch writer's, app/batch_store.py) and does not commit."""
    items = list(dict.fromkeys(articles))
    if not items:
        return {}
    return _Batch(_connection(target), items).attach()


def attach_article(session: Session, article_id: str, article_text: str) -> dict[str, str]:
    """``attach_articles`` for one article (the one-article store, app/store.py)."""
    return attach_articles(session, [(article_id, article_text)])


def detach_articles(target, article_ids: Iterable[str]) -> None:
    """Take the articles' events out of their stories (before they are re-extracted or
    deleted): the stories left are re-summarized, those left empty removed, the counts
    corrected; their near-duplicate records and bands go too. Does not commit."""
    connection = _connection(target)
    ids = sorted(set(article_ids))
    if not ids:
        return
    story_ids: set[str] = set()
    for clause in _in(Event.article_id, ids):
        story_ids.update(
            connection.execute(
                select(Event.story_id).where(clause, Event.story_id.is_not(None))
            ).scalars()
        )
    if story_ids:
        members = _members(connection, sorted(story_ids))
        before = {s: _tally_rows(rows) for s, rows in members.items()}
        leaving = set(ids)
        _execute_in(connection, "UPDATE event SET story_id = NULL WHERE article_id IN :ids", ids)
        summaries, gone = {}, []
        for story_id, rows in members.items():
            left = [r for r in rows if r.article_id not in leaving]
            if left:
                summaries[story_id] = (left[0].kind, *_summary_and_rows(left))
            else:
                gone.append(story_id)
        _save(connection, summaries, before, gone)
    for statement in (
        "DELETE FROM article_copy WHERE article_id IN :ids",
        "DELETE FROM article_band WHERE article_id IN :ids",
    ):
        _execute_in(connection, statement, ids)


def detach_article(session: Session, article_id: str) -> None:
    """``detach_articles`` for one article."""
    detach_articles(session, [article_id])


GROUP_BATCH = 50  # articles grouped per call when grouping a stored corpus


def group_stored(connection: Connection) -> int:
    """Group the stored articles the stories' hook has not seen (no ``article_band`` rows: all
    of them after ``ungroup``), in ingest order (migration 0012); returns their number."""
    seen = select(ArticleBand.article_id).where(ArticleBand.article_id == Article.id).exists()
    articles = connection.execute(
        select(Article.id, Article.text).where(~seen).order_by(Article.ingested_at, Article.id)
    ).all()
    for chunk in _chunks([(a, t) for a, t in articles], GROUP_BATCH):
        attach_articles(connection, chunk)
    return len(articles)


def ungroup(connection: Connection) -> None:
    """Forget every story (migration 0012 regroups the store after changing what reports are
    compared on): the story tables emptied, no event in a story."""
    for table in ("story_tally", "story_alias", "story_band", "story", "article_copy"):
        connection.exec_driver_sql(f"DELETE FROM {table}")
    connection.exec_driver_sql("DELETE FROM article_band")
    connection.exec_driver_sql("UPDATE event SET story_id = NULL, story_wording = NULL")


def story_ids_of(session: Session, event_ids: Iterable[str]) -> dict[str, str | None]:
    """The story of each event (for the export and the permalink)."""
    ids = list(event_ids)
    if not ids:
        return {}
    return dict(session.execute(select(Event.id, Event.story_id).where(Event.id.in_(ids))).all())
