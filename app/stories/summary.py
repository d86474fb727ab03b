"""A stored story's summary after reports join it, from grouped reads of its rows.

``versions.summarize`` rebuilds a summary from every report; a story with hundreds of reports
(a background fact every article recalls) would be read whole each time one joins. When reports
only *join* (no merge, no report leaving), the summary moves in ways a few grouped reads decide
exactly, whatever the story's size:

- ``reports`` and ``outlets``: counted in SQL;
- the date: the earliest of the current basis and the new reports (the same order as
  ``versions.story_date``);
- the best-attested wording: support only grows, so it is the current one or one of the new
  reports' wordings — their outlets and reports counted over ``(story_id, story_wording)``;
- the best-attested speaker: every speaker's outlets and reports, grouped (a few per story);
- the story counts (``story_tally``): a story's rows are the union over its reports of their key
  pairs, so the distinct ``(speaker, outlet, country)`` triples and ``(country, country)`` pairs
  of its reports stand for them (``tally_parts``).

Python sees a handful of rows per story; SQLite or PostgreSQL walk the story's index range.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from app.stories.versions import ReportFacts, Summary, published_order, words_key

CHUNK = 500  # ids per IN list

_SOURCE = "COALESCE(a.outlet, 'article ' || a.id)"  # ReportFacts.source, in SQL


def _chunks(ids: Sequence, size: int = CHUNK):
    for i in range(0, len(ids), size):
        yield list(ids[i : i + size])


def _rows(connection: Connection, sql: str, ids: Sequence[str], **params):
    statement = text(sql).bindparams(
        *(bindparam(name, expanding=True) for name in ("ids", *params))
    )
    for chunk in _chunks(sorted(ids)):
        yield from connection.execute(statement, {"ids": chunk, **params})


@dataclass
class Stored:
    """A story row as stored, with what deciding its next summary needs."""

    id: str
    kind: str
    date_start: dt.date | None
    basis: ReportFacts | None  # the report its date comes from
    canonical_event_id: str
    speaker_id: str | None
    parts: list[tuple] = field(default_factory=list)  # tally stand-ins (speaker, countries, outlet)


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def load_stored(connection: Connection, story_ids: Iterable[str]) -> dict[str, Stored]:
    """The stories' rows, their date's basis report, and their tally parts (two more reads)."""
    ids = sorted(set(story_ids))
    stored: dict[str, Stored] = {}
    for row in _rows(
        connection,
        "SELECT s.id, s.kind, s.date, s.date_precision, s.date_basis, s.date_start, "
        "s.date_event_id, s.canonical_event_id, s.speaker_id, a.id, a.outlet, a.published, "
        "e.speaker_id FROM story s LEFT JOIN event e ON e.id = s.date_event_id "
        "LEFT JOIN article a ON a.id = e.article_id WHERE s.id IN :ids",
        ids,
    ):
        basis = None
        if row[6] is not None and row[9] is not None:
            basis = ReportFacts(
                event_id=row[6], article_id=row[9], outlet=row[10], published=row[11],
                speaker_id=row[12], date=row[2], date_precision=row[3], date_basis=row[4],
                date_start=_as_date(row[5]), text="",
            )  # fmt: skip
        stored[row[0]] = Stored(row[0], row[1], _as_date(row[5]), basis, row[7], row[8])
    for story_id, speaker_id, outlet, iso2 in _rows(
        connection,
        "SELECT DISTINCT e.story_id, e.speaker_id, a.outlet, ec.country FROM event e "
        "JOIN article a ON a.id = e.article_id "
        "LEFT JOIN event_country ec ON ec.event_id = e.id WHERE e.story_id IN :ids",
        ids,
    ):
        if story_id in stored:
            stored[story_id].parts.append((speaker_id, [iso2] if iso2 else [], outlet))
    for story_id, first, second in _rows(
        connection,
        "SELECT DISTINCT e.story_id, x.country, y.country FROM event e "
        "JOIN event_country x ON x.event_id = e.id "
        "JOIN event_country y ON y.event_id = e.id AND x.country < y.country "
        "WHERE e.story_id IN :ids",
        ids,
    ):
        if story_id in stored:
            stored[story_id].parts.append((None, [first, second], None))
    return stored


# -- versions, grouped --------------------------------------------------------------------------


@dataclass(frozen=True)
class Support:
    """One version of a story (a speaker or a wording) as counted over its reports."""

    value: object
    outlets: int
    reports: int
    length: int  # len of the version's value, as versions.py breaks ties
    first: tuple  # published_order of its first report
    first_event_id: str
    first_speaker_id: str | None = None

    def rank(self) -> tuple:
        """versions.py's order: most outlets, most reports, longest, first published."""
        return (-self.outlets, -self.reports, -self.length, self.first)


def _supports(connection, column: str, story_ids, where: str = "", **params) -> dict:
    """``{(story_id, value): (outlets, reports, first report's (published, id, speaker))}``."""
    counts = {
        (story_id, value): (outlets, reports)
        for story_id, value, outlets, reports in _rows(
            connection,
            f"SELECT e.story_id, e.{column}, COUNT(DISTINCT {_SOURCE}), COUNT(*) FROM event e "
            f"JOIN article a ON a.id = e.article_id WHERE e.story_id IN :ids {where} "
            f"GROUP BY e.story_id, e.{column}",
            story_ids,
            **params,
        )
    }
    firsts = {
        (story_id, value): (published, event_id, speaker_id)
        for story_id, value, published, event_id, speaker_id in _rows(
            connection,
            f"SELECT story_id, value, published, id, speaker_id FROM ("
            f"SELECT e.story_id, e.{column} AS value, a.published, e.id, e.speaker_id, "
            f"ROW_NUMBER() OVER (PARTITION BY e.story_id, e.{column} "
            f"ORDER BY (a.published IS NULL), a.published, e.id) AS n FROM event e "
            f"JOIN article a ON a.id = e.article_id WHERE e.story_id IN :ids {where}) t "
            f"WHERE n = 1",
            story_ids,
            **params,
        )
    }
    return {key: (*counts[key], firsts[key]) for key in counts if key in firsts}


def _order(published, event_id) -> tuple:
    return (published is None, published or "", event_id)


def summarize_joined(
    connection: Connection,
    stored: dict[str, Stored],
    joined: dict[str, list[ReportFacts]],
    canonical_text: dict[str, str],
    wordings: dict[str, int],
) -> dict[str, Summary]:
    """The summary of each stored story after ``joined[story_id]`` reports joined it (their
    ``story_id`` already written). ``canonical_text``: each story's canonical report's words;
    ``wordings``: the wording key of every event id involved (the new reports, the canonical)."""
    ids = sorted(joined)
    counts = dict(
        ((story_id, (reports, outlets)) for story_id, reports, outlets in _rows(
            connection,
            f"SELECT e.story_id, COUNT(*), COUNT(DISTINCT {_SOURCE}) FROM event e "
            "JOIN article a ON a.id = e.article_id WHERE e.story_id IN :ids GROUP BY e.story_id",
            ids,
        ))
    )  # fmt: skip
    speakers: dict[str, list[Support]] = defaultdict(list)
    for (story_id, value), (outlets, reports, first) in _supports(
        connection, "speaker_id", ids, "AND e.speaker_id IS NOT NULL"
    ).items():
        speakers[story_id].append(
            Support(value, outlets, reports, len(value), _order(*first[:2]), first[1])
        )
    # the wordings that can lead now: the canonical one and those of the new reports
    length: dict[int, int] = {}
    wanted: dict[str, set[int]] = defaultdict(set)
    for story_id in ids:
        canonical = stored[story_id].canonical_event_id
        for key, words in [(wordings[canonical], canonical_text[story_id])] + [
            (wordings[r.event_id], r.text) for r in joined[story_id]
        ]:
            wanted[story_id].add(key)
            length[key] = len(words_key(words))
    keys = sorted({k for ks in wanted.values() for k in ks})
    wording: dict[str, list[Support]] = defaultdict(list)
    for chunk in _chunks(keys):
        found = _supports(
            connection,
            "story_wording",
            ids,
            "AND e.story_wording IN :keys",
            keys=chunk,
        )
        for (story_id, value), (outlets, reports, first) in found.items():
            if value in wanted[story_id]:
                wording[story_id].append(
                    Support(
                        value, outlets, reports, length[value], _order(*first[:2]), first[1],
                        first[2],
                    )
                )  # fmt: skip
    out = {}
    for story_id in ids:
        story = stored[story_id]
        best = min(wording[story_id], key=Support.rank)
        speaker = best.first_speaker_id
        ranked = sorted(speakers[story_id], key=Support.rank)
        support = {s.value: s.outlets for s in ranked}
        if ranked and (speaker is None or ranked[0].outlets > support.get(speaker, 0)):
            speaker = ranked[0].value
        dated = [r for r in joined[story_id] if r.date_start is not None]
        if story.basis is not None:
            dated.append(story.basis)
        basis = min(dated, key=date_rank) if dated else None
        reports, outlets = counts[story_id]
        out[story_id] = Summary.dated_by(
            basis,
            speaker_id=speaker,
            canonical_event_id=best.first_event_id,
            reports=reports,
            outlets=outlets,
        )
    return out


_PRECISION = {"day": 0, "month": 1, "year": 2}


def date_rank(report: ReportFacts) -> tuple:
    """``versions.story_date``'s order: day precision first, then the earliest date, explicit
    before relative or inferred, then the earliest published."""
    return (
        _PRECISION.get(report.date_precision or "year", 2),
        report.date_start,
        report.date_basis != "explicit",
        *published_order(report),
    )
