"""The extraction pipeline's output: frozen values with offsets into the raw article text.

Every offset is a Python ``str`` index into the article text exactly as stored, so
``text[span.start:span.end] == span.text`` always holds. Nothing here knows about the
database or the web: the store turns these values into rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from app.extract.frozen import quick_init

EventKind = Literal["statement", "event"]
Speech = Literal["direct", "indirect"]
Precision = Literal["day", "month", "year"]
DateBasis = Literal["explicit", "relative", "inferred", "metadata", "url"]


@quick_init
@dataclass(frozen=True)
class Span:
    """A stretch of the raw article text."""

    start: int
    end: int
    text: str


@quick_init
@dataclass(frozen=True)
class DateValue:
    """A calendar date known to a precision, and how it was obtained.

    ``value`` is written to its precision: ``2022-01-13``, ``2022-01`` or ``2022``.
    ``note`` says in words how it was obtained (shown in the UI).
    """

    value: str
    precision: Precision
    basis: DateBasis
    note: str = ""


@quick_init
@dataclass(frozen=True)
class SpeakerRef:
    """Who spoke: a knowledge-base entry, or a name found by the title + name pattern."""

    name_ar: str
    name_en: str | None = None
    role_ar: str | None = None
    role_en: str | None = None
    country: str | None = None  # ISO 3166 alpha-2
    kind: Literal["person", "organisation"] = "person"
    slug: str | None = None  # knowledge-base id; None when not in the knowledge base
    wikidata: str | None = None


@quick_init
@dataclass(frozen=True)
class ExtractedEvent:
    """A statement (with its quotations) or a dated non-quote event.

    ``speech`` says how a statement was reported: ``"direct"`` (a quotation) or
    ``"indirect"`` (reported speech, «أعلن أن …»); None for an ``event``, which is never
    speech. ``background`` marks a fact the article recalls rather than reports (a founding
    year, «يشار إلى أن …»): kept, but off the default timeline. ``trigger`` is the word that
    makes an event a happening (اجتماع، زيارة، تدريبات …), ``actors`` the countries and
    organisations taking part.
    """

    kind: EventKind
    start: int  # offsets of ``text`` (the sentence(s) the event comes from)
    end: int
    text: str
    date: DateValue | None = None
    speaker: SpeakerRef | None = None
    countries: tuple[str, ...] = ()  # ISO 3166 alpha-2, sorted, unique
    quotes: tuple[Span, ...] = ()
    speech: Speech | None = None
    background: bool = False
    trigger: str | None = None
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article."""

    text: str
    title: str | None = None
    outlet: str | None = None  # canonical English outlet name, e.g. "TASS"
    published: DateValue | None = None
    events: tuple[ExtractedEvent, ...] = field(default_factory=tuple)
