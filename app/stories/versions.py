"""How the reports of one story differ, and what the story says when they do.

Nothing is silently picked: every speaker, date and wording the reports give is a *version*
with the outlets that carry it. The card shows the best-attested version (the wording most
outlets carry), the story's date is the earliest date a report states (day-precision dates
first: "January 2022" is not earlier than "10 January 2022", only vaguer), and the report it
comes from is its basis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.search import normalize_words


@dataclass(frozen=True)
class ReportFacts:
    """What the versions of a story are made of, for one report."""

    event_id: str
    article_id: str
    outlet: str | None
    published: str | None
    speaker_id: str | None
    date: str | None
    date_precision: str | None
    date_basis: str | None
    date_start: dt.date | None
    text: str  # the quoted words (or the sentence, for reported speech and happenings)

    @property
    def source(self) -> str:
        """The outlet, or the article when its outlet is unknown (one source each)."""
        return self.outlet or f"article {self.article_id}"


@dataclass(frozen=True)
class Version:
    value: str | None  # a speaker id, a date as written, or the words (normalized)
    event_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    cut_short: bool = False  # wording only: these words are a part of a longer version's


@dataclass(frozen=True)
class Disagreement:
    field: str  # speaker | date | wording
    versions: tuple[Version, ...]


@dataclass(frozen=True)
class Summary:
    date: str | None
    date_precision: str | None
    date_basis: str | None
    date_start: dt.date | None
    date_event_id: str | None
    speaker_id: str | None
    canonical_event_id: str
    reports: int
    outlets: int

    @classmethod
    def dated_by(cls, basis, *, speaker_id, canonical_event_id, reports, outlets) -> Summary:
        """A summary whose date is that of ``basis`` (a report's date fields, or None)."""
        return cls(
            date=basis.date if basis else None,
            date_precision=basis.date_precision if basis else None,
            date_basis=basis.date_basis if basis else None,
            date_start=basis.date_start if basis else None,
            date_event_id=basis.event_id if basis else None,
            speaker_id=speaker_id,
            canonical_event_id=canonical_event_id,
            reports=reports,
            outlets=outlets,
        )


@lru_cache(maxsize=65536)
def words_key(text: str) -> str:
    """The wording, normalized: what counts as the same words across outlets."""
    return " ".join(normalize_words(text))


def published_order(r: ReportFacts) -> tuple:
    """Earliest published first, undated last; the event id breaks ties."""
    return (r.published is None, r.published or "", r.event_id)


def _versions(reports: Sequence[ReportFacts], value) -> list[Version]:
    groups: dict[str | None, list[ReportFacts]] = {}
    for report in sorted(reports, key=published_order):
        groups.setdefault(value(report), []).append(report)
    versions = [
        Version(
            value=key,
            event_ids=tuple(r.event_id for r in members),
            outlets=tuple(dict.fromkeys(r.source for r in members)),
        )
        for key, members in groups.items()
    ]
    versions.sort(key=lambda v: (-len(v.outlets), -len(v.event_ids), -len(v.value or "")))
    return versions


def _cut_short(versions: list[Version]) -> list[Version]:
    marked = []
    for version in versions:
        words = f" {version.value} "
        shorter = any(
            other is not version
            and len(other.value or "") > len(version.value or "")
            and words in f" {other.value} "
            for other in versions
        )
        marked.append(Version(version.value, version.event_ids, version.outlets, shorter))
    return marked


def disagreements(reports: Sequence[ReportFacts]) -> list[Disagreement]:
    """Each field on which the reports differ, with every version and its outlets (the
    best-attested first); an empty list when they all agree."""
    found = []
    speakers = _versions(reports, lambda r: r.speaker_id)
    if len(speakers) > 1:
        found.append(Disagreement("speaker", tuple(speakers)))
    dated = [r for r in reports if r.date]
    dates = _versions(dated, lambda r: r.date)
    if len(dates) > 1:
        found.append(Disagreement("date", tuple(dates)))
    wordings = _versions(reports, lambda r: words_key(r.text))
    if len(wordings) > 1:
        found.append(Disagreement("wording", tuple(_cut_short(wordings))))
    return found


def story_date(reports: Sequence[ReportFacts]) -> ReportFacts | None:
    """The report stating the earliest date (day precision first; then explicit dates before
    relative or inferred ones, then the earliest published), or None when none is dated."""
    dated = [r for r in reports if r.date_start is not None]
    if not dated:
        return None
    rank = {"day": 0, "month": 1, "year": 2}
    best = min(rank.get(r.date_precision or "year", 2) for r in dated)
    finest = [r for r in dated if rank.get(r.date_precision or "year", 2) == best]
    return min(
        finest,
        key=lambda r: (r.date_start, r.date_basis != "explicit", *published_order(r)),
    )


def summarize(reports: Sequence[ReportFacts]) -> Summary:
    """The story row's columns from its reports (at least one)."""
    if not reports:
        raise ValueError("a story has at least one report")
    wordings = _versions(reports, lambda r: words_key(r.text))
    by_id = {r.event_id: r for r in reports}
    canonical = by_id[wordings[0].event_ids[0]]
    speakers = [v for v in _versions(reports, lambda r: r.speaker_id) if v.value]
    speaker = canonical.speaker_id
    if speakers and (speaker is None or len(speakers[0].outlets) > _support(speakers, speaker)):
        speaker = speakers[0].value
    dated = story_date(reports)
    return Summary.dated_by(
        dated,
        speaker_id=speaker,
        canonical_event_id=canonical.event_id,
        reports=len(reports),
        outlets=len({r.source for r in reports}),
    )


def _support(versions: list[Version], value: str) -> int:
    return next((len(v.outlets) for v in versions if v.value == value), 0)
