"""The exact check: are two reports the same statement, or the same happening?

LSH (app/stories/features.py) only proposes candidates; this decides, on the words themselves:

- two events of one article only when the article restates the words (``restated``: a quote
  given again, or a quote and its reported form); its other quotes are other statements — and
  the store keeps them apart (assign: no story holds two statements of one article, unless
  another outlet carries both whole, ``parts_of``);
- a republished article (a near-duplicate, see ``assign``): its events join the original's
  when their words overlap, whatever speaker or date the copy's extraction gave them — those
  differences are disagreements to show, not other statements;
- a statement: the dates within ``WINDOW_DAYS`` (or one undated, or one only to the month of
  the other), and either near-verbatim wording (shared word pairs: any speaker — the same
  words given to another speaker is a disagreement, kept) or the same speaker (or one left
  unresolved by the extraction) with
  overlapping content words (``SAME_SPEAKER`` of the shorter report's, at least
  ``SPEAKER_SHARED``) on the same day, or when a report leaves the day unsaid (then at least
  ``UNDATED_SHARED``, and the two not published more than ``PUBLISHED_DAYS`` apart). Words are
  compared without the attribution (features.frame_words: who spoke, with what title, by
  which verb), which every report of one speaker shares whatever was said. The same speaker
  saying similar things on two different days is two statements unless the wording is
  near-verbatim (then one outlet has the date wrong);
- a happening (a dated event): the same day (±1, for a date resolved from "yesterday"), and
  overlapping words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.stories.features import Words, overlap

WINDOW_DAYS = 3
PUBLISHED_DAYS = 7
HAPPENING_DAYS = 1
VERBATIM = 0.5  # share of the shorter report's word pairs found in the other
SAME_SPEAKER = 0.4  # share of the shorter report's content words found in the other
SPEAKER_SHARED = 2  # ... and at least this many (the attribution's words left out)
UNDATED_SHARED = 3  # ... when a report leaves the day unsaid: nothing else tells one
# speaker's occasions on a subject apart (two words in common are often just the subject)
HAPPENING = 0.5
COPY = 0.5
MIN_SHARED = 3
ONE_ARTICLE = 0.7  # share of the shorter report's content words, for two events of one article
ONE_ARTICLE_SHARED = 4  # ... and at least this many
PART_OF = 0.6  # share of a part's content words found in the whole statement


@dataclass(frozen=True)
class Report:
    """One event as the matcher sees it."""

    event_id: str
    article_id: str
    kind: str
    speaker_id: str | None
    date_start: dt.date | None
    date_precision: str | None
    words: Words
    published: dt.date | None = None  # its article's publication date, when known


def _gap(a: Report, b: Report) -> int | None:
    """Days between two day-precision dates; 0 when one contains the other; None undated."""
    if a.date_start is None or b.date_start is None:
        return None
    if a.date_precision == "day" and b.date_precision == "day":
        return abs((a.date_start - b.date_start).days)
    coarse, fine = (a, b) if _span(a) >= _span(b) else (b, a)
    first = coarse.date_start
    last = _last_day(coarse)
    if first <= fine.date_start <= last:
        return 0
    return min(abs((fine.date_start - first).days), abs((fine.date_start - last).days))


def _published_apart(a: Report, b: Report) -> bool:
    """Two reports of undated words published more than ``PUBLISHED_DAYS`` apart: outlets
    carry a statement within days, so in other words they are two occasions (the same words
    republished later are still found near-verbatim)."""
    if a.date_start is not None and b.date_start is not None:
        return False  # the statements' own dates decide
    if a.published is None or b.published is None:
        return False
    return abs((a.published - b.published).days) > PUBLISHED_DAYS


def dates_apart(a: Report, b: Report) -> bool:
    """Whether two reports cannot be one story on their dates alone: the statements' own dates
    more than the match window apart (``WINDOW_DAYS``; a happening's ``HAPPENING_DAYS``), or,
    when one is undated, their articles published more than ``PUBLISHED_DAYS`` apart. A story
    holds no two such reports, whatever links them (``fits``: checked against the whole
    cluster, not only the report matched — chains of similar words through undated or
    month-only reports would otherwise join one speaker's statements of months)."""
    if a.kind != b.kind:
        return False
    gap = _gap(a, b)
    if gap is not None:
        return gap > (HAPPENING_DAYS if a.kind == "event" else WINDOW_DAYS)
    return _published_apart(a, b)


def fits(row: Report, reports) -> bool:
    """Whether ``row`` can join a story of ``reports``: no date of theirs apart from its own
    (complete link on the dates; ``dates_apart``). The caller leaves a copy's family out of
    ``reports``: a republished page's date is a disagreement to show."""
    return not any(dates_apart(row, other) for other in reports)


def _span(r: Report) -> int:
    return {"day": 0, "month": 1, "year": 2}.get(r.date_precision or "day", 0)


def _last_day(r: Report) -> dt.date:
    d = r.date_start
    if r.date_precision == "year":
        return dt.date(d.year, 12, 31)
    if r.date_precision == "month":
        following = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return d


def _enough(
    ratio: float, shared: int, a: frozenset, b: frozenset, floor: float, least: int = 0
) -> bool:
    need = min(least or MIN_SHARED, len(a), len(b))
    return ratio >= floor and shared >= max(need, 1)


def restated(a: Report, b: Report) -> bool:
    """Two events of one article that are one statement: the article repeats the words (a
    quote given again, or a quote and the reported form of it) — most of the shorter one's
    content words in the other. Anything less is another statement of the article."""
    ratio, shared = overlap(a.words.stems, b.words.stems)
    return a.kind == b.kind and ratio >= ONE_ARTICLE and shared >= ONE_ARTICLE_SHARED


def parts_of(a: Report, b: Report, whole: Report) -> bool:
    """Whether two events of one article are parts of one statement that another outlet
    carries whole: most of each one's content words in ``whole`` (one outlet cuts into two
    quotes what another gives in one)."""
    if whole.article_id == a.article_id or whole.kind != a.kind:
        return False
    return all(_contained(part.words.stems, whole.words.stems) >= PART_OF for part in (a, b))


def _contained(part: frozenset, whole: frozenset) -> float:
    return len(part & whole) / len(part) if part and len(part & whole) >= MIN_SHARED else 0.0


def similarity(a: Report, b: Report, *, copies: bool = False) -> float:
    """How surely ``a`` and ``b`` report the same thing: 0 when they don't, else the share of
    words (or word pairs) they have in common."""
    if a.kind != b.kind:
        return 0.0
    if a.article_id == b.article_id:
        return overlap(a.words.stems, b.words.stems)[0] if restated(a, b) else 0.0
    words_ratio, words_shared = overlap(a.words.stems, b.words.stems)
    if copies:
        ok = _enough(words_ratio, words_shared, a.words.stems, b.words.stems, COPY)
        return words_ratio if ok else 0.0
    gap = _gap(a, b)
    if a.kind == "event":
        if gap is None or gap > HAPPENING_DAYS:
            return 0.0
        a_words, b_words = a.words.undated, b.words.undated
        ratio, shared = overlap(a_words, b_words)
        return ratio if _enough(ratio, shared, a_words, b_words, HAPPENING) else 0.0
    if gap is not None and gap > WINDOW_DAYS:
        return 0.0
    pairs_ratio, pairs_shared = overlap(a.words.bigrams, b.words.bigrams)
    if _enough(pairs_ratio, pairs_shared, a.words.bigrams, b.words.bigrams, VERBATIM):
        return max(pairs_ratio, words_ratio)
    # a report whose speaker the extraction left unresolved may be the other's speaker (not a
    # disagreement: nothing says otherwise)
    same_speaker = a.speaker_id is None or b.speaker_id is None or a.speaker_id == b.speaker_id
    if same_speaker and not gap and not _published_apart(a, b):
        # the same day, or one undated / only to the month, and not published weeks apart
        least = SPEAKER_SHARED if gap == 0 else UNDATED_SHARED
        ok = _enough(words_ratio, words_shared, a.words.stems, b.words.stems, SAME_SPEAKER, least)
        return words_ratio if ok else 0.0
    return 0.0
