"""The timeline's query string as a value: parsed once, turned into SQL, links and words.

``TimelineFilters.from_query`` validates the request's arguments (raising ``FilterError`` with
the parameter and a message a person can act on), ``where`` gives SQLAlchemy clauses for either
SQLite (FTS5) or PostgreSQL (tsvector), ``to_query`` writes the canonical query string back
(so every link keeps the state), and ``describe`` says in words what is shown.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote_plus, urlencode

from sqlalchemy import (
    and_,
    column,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    true,
    tuple_,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from app.models import Article, Event, EventCountry
from app.search import normalize_words
from app.search_terms import PHRASE_GAP, SearchTerms, parse_terms, speakers_named
from app.web.i18n import format_date, t

DEFAULT_LIMIT = 15
MAX_LIMIT = 200
MAX_VALUES = 20
KINDS = ("statement", "event")
ORDERS = ("asc", "desc")
REPORTS = ("stories", "all")  # one card per story (app/stories/), or every report
PARAMS = (
    "from", "to", "speaker", "country", "outlet", "kind", "background", "q", "order", "after",
    "limit", "reports",
)  # fmt: skip

# placeholders for range_links (NUL and a private-use character: no query text has them)
_FROM_MARK, _TO_MARK = "\x00\ue000from", "\x00\ue000to"
_FROM_QUOTED, _TO_QUOTED = quote_plus(_FROM_MARK), quote_plus(_TO_MARK)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_EVENT_ID = re.compile(r"^[0-9a-f]{16}$")
_SLUG = re.compile(r"^[^\s/?#]{1,80}$")


class FilterError(ValueError):
    """A query argument that cannot be used; ``param`` names it for the error page / JSON."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


@dataclass(frozen=True)
class Cursor:
    """The keyset position: the last event shown, as (date_start, id), and how many events
    come before the page it opens (``offset``: for "16–30 of 58"; None in older tokens)."""

    date_start: dt.date | None
    event_id: str
    offset: int | None = field(default=None, compare=False)

    @classmethod
    def parse(cls, token: str) -> Cursor:
        day, sep, rest = token.partition("_")
        event_id, _, offset = rest.partition("_")
        if not sep or not _EVENT_ID.match(event_id):
            raise FilterError("after", "not a page token (expected DATE_EVENTID)")
        if offset and not (offset.isdigit() and len(offset) <= 9):
            raise FilterError("after", "not a page token (bad position)")
        position = int(offset) if offset else None
        if day == "none":
            return cls(None, event_id, position)
        try:
            return cls(dt.date.fromisoformat(day), event_id, position)
        except ValueError:
            raise FilterError("after", "not a page token (bad date)") from None

    def token(self) -> str:
        day = self.date_start.isoformat() if self.date_start else "none"
        tail = f"_{self.offset}" if self.offset is not None else ""
        return f"{day}_{self.event_id}{tail}"


def parse_bound(param: str, value: str, *, end: bool) -> dt.date:
    """``2022``, ``2022-01`` or ``2022-01-13``; an end bound covers its whole month or year."""
    match = _DATE.match(value)
    if not match:
        raise FilterError(param, f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        if day:
            return dt.date(int(year), int(month), int(day))
        if month:
            first = dt.date(int(year), int(month), 1)
            if not end:
                return first
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(int(year), 12, 31) if end else dt.date(int(year), 1, 1)
    except ValueError:
        raise FilterError(param, f"{value!r} is not a valid calendar date") from None


def last_full_periods(to: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of the last whole month and of the last whole year up to ``to``: a month-
    or year-precision event lies inside ``… ≤ to`` only when it starts on or before them."""
    next_day = to + dt.timedelta(days=1)
    month = dt.date(to.year, to.month, 1)
    if next_day.month == to.month:  # ``to`` is not a month's last day
        month = (month - dt.timedelta(days=1)).replace(day=1)
    year = dt.date(to.year, 1, 1) if next_day.year != to.year else dt.date(to.year - 1, 1, 1)
    return month, year


def _many(params: Mapping[str, Any], name: str) -> list[str]:
    """Repeated arguments (``?country=KZ&country=RU``) and comma lists (``?country=KZ,RU``)."""
    if hasattr(params, "getlist"):
        raw = params.getlist(name)
    else:
        value = params.get(name)
        raw = value if isinstance(value, list | tuple) else ([] if value is None else [value])
    values: list[str] = []
    for item in raw:
        for part in str(item).split(","):
            part = part.strip()
            if part and part not in values:
                values.append(part)
    if len(values) > MAX_VALUES:
        raise FilterError(name, f"at most {MAX_VALUES} values")
    return values


def _one(params: Mapping[str, Any], name: str) -> str | None:
    values = params.getlist(name) if hasattr(params, "getlist") else [params.get(name)]
    values = [v for v in values if v not in (None, "")]
    if len(values) > 1 and len(set(values)) > 1:
        raise FilterError(name, "give it once")
    return str(values[0]).strip() if values else None


# TimelineFilters.where's clauses per filter values and arguments (oldest dropped first)
_WHERE: dict[tuple, tuple] = {}
_WHERE_LOCK = threading.Lock()
_WHERE_SIZE = 2048
# the pieces the clauses are made of, per the values each depends on: a page asks ``where`` for
# six or seven variants (its rows; each facet without its own dimension; the axis without the
# dates; …), which share most of their pieces (the date bounds, the speaker, the countries)
_PIECES: dict[tuple, Any] = {}


def _piece(key: tuple, build: Callable[[], Any]) -> Any:
    found = _PIECES.get(key)
    if found is None:
        found = build()
        with _WHERE_LOCK:
            _PIECES[key] = found
            while len(_PIECES) > _WHERE_SIZE:
                _PIECES.pop(next(iter(_PIECES)))
    return found


@dataclass(frozen=True)
class TimelineFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    speakers: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    kind: str | None = None
    background: bool = False  # also show background facts (off the default timeline)
    q: str = ""
    order: str = "asc"
    after: Cursor | None = None
    limit: int = DEFAULT_LIMIT
    reports: str = "stories"  # the timeline pages: one card per story, or "all" reports
    # the raw bounds as given (``2022-01``), so links write back what the person typed
    raw_from: str | None = field(default=None, compare=False)
    raw_to: str | None = field(default=None, compare=False)

    # -- parsing -------------------------------------------------------------------------------

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> TimelineFilters:
        raw_from, raw_to = _one(params, "from"), _one(params, "to")
        date_from = parse_bound("from", raw_from, end=False) if raw_from else None
        date_to = parse_bound("to", raw_to, end=True) if raw_to else None
        if date_from and date_to and date_from > date_to:
            raise FilterError("to", "the end date is before the start date")

        speakers = _many(params, "speaker")
        for slug in speakers:
            if not _SLUG.match(slug):
                raise FilterError("speaker", f"{slug[:40]!r} is not a speaker id")

        countries = [c.upper() for c in _many(params, "country")]
        for iso2 in countries:
            if not _ISO2.match(iso2):
                raise FilterError("country", f"{iso2[:10]!r} is not an ISO 3166 alpha-2 code")

        outlets = _many(params, "outlet")
        if any(len(o) > 100 for o in outlets):
            raise FilterError("outlet", "too long")

        kind = _one(params, "kind")
        if kind is not None and kind not in KINDS:
            raise FilterError("kind", f"must be one of {', '.join(KINDS)}")

        raw_background = _one(params, "background")
        if raw_background is not None and raw_background not in ("0", "1"):
            raise FilterError("background", "must be 0 or 1")

        q = _one(params, "q") or ""
        if len(q) > 200:
            raise FilterError("q", "at most 200 characters")

        order = _one(params, "order") or "asc"
        if order not in ORDERS:
            raise FilterError("order", "must be asc or desc")

        raw_after = _one(params, "after")
        after = Cursor.parse(raw_after) if raw_after else None

        raw_limit = _one(params, "limit")
        limit = DEFAULT_LIMIT
        if raw_limit is not None:
            if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_LIMIT:
                raise FilterError("limit", f"must be a whole number from 1 to {MAX_LIMIT}")
            limit = int(raw_limit)

        reports = _one(params, "reports") or "stories"
        if reports not in REPORTS:
            raise FilterError("reports", "must be stories or all")

        return cls(
            reports=reports,
            date_from=date_from,
            date_to=date_to,
            speakers=tuple(speakers),
            countries=tuple(sorted(countries)),
            outlets=tuple(outlets),
            kind=kind,
            background=raw_background == "1",
            q=q,
            order=order,
            after=after,
            limit=limit,
            raw_from=raw_from,
            raw_to=raw_to,
        )

    # -- SQL ------------------------------------------------------------------------------------

    @property
    def search(self) -> str:
        """The Arabic-normalized query words (empty when the query has no words)."""
        return " ".join(normalize_words(self.q))

    @property
    def terms(self) -> SearchTerms:
        """The query split into loose words and «quoted phrases» (app.search_terms)."""
        return parse_terms(self.q)

    @property
    def named_speakers(self) -> tuple[str, ...]:
        """Speakers the query names (English name or any Arabic spelling in the knowledge
        base): their events match the search even when the text spells them otherwise."""
        return speakers_named(self.q)

    def where(
        self,
        *,
        dialect: str = "sqlite",
        exclude: Iterable[str] = (),
        search_limit: int | None = None,
        counting: bool = False,
    ) -> list[ColumnElement[bool]]:
        """Clauses over ``event`` for these filters; ``exclude`` drops some (for facet counts:
        a facet counts what the *other* filters leave).

        ``search_limit`` keeps only the first so many full-text matches (in the index's order:
        the timeline's on SQLite, see app.fts.fts_rowid), for bounded facet counts.

        ``counting``: for a count or a group-by (no timeline order to follow), the countries as
        ``id IN (their event_country rows)``, so the count drives from ``ix_event_country_order``
        (within the date bounds) instead of probing every event of the timeline.

        Remembered per filter values and arguments (``_WHERE``): a page builds the same
        clauses for its rows, total, facets and axis, and building SQLAlchemy expressions was
        a fifth of a fresh combined-filter page. The clauses are immutable and shared; the
        list is a copy each time (callers append to it)."""
        key = (
            self.date_from,
            self.date_to,
            self.speakers,
            self.countries,
            self.outlets,
            self.kind,
            self.background,
            self.q,
            dialect,
            frozenset(exclude),
            search_limit,
            counting,
        )
        clauses = _WHERE.get(key)
        if clauses is None:
            clauses = self._where(set(exclude), dialect, search_limit, counting)
            with _WHERE_LOCK:
                _WHERE[key] = clauses
                while len(_WHERE) > _WHERE_SIZE:
                    _WHERE.pop(next(iter(_WHERE)))
        return list(clauses)

    def _where(
        self, skip: set[str], dialect: str, search_limit: int | None, counting: bool
    ) -> tuple[ColumnElement[bool], ...]:
        clauses: list[ColumnElement[bool]] = []
        dated = "date" not in skip and bool(self.date_from or self.date_to)
        if dated:
            clauses += _piece(
                ("date", self.date_from, self.date_to),
                lambda: tuple(self.date_clauses(Event.date_start, Event.date_precision)),
            )
        if self.speakers and "speaker" not in skip:
            clauses.append(
                _piece(("speaker", self.speakers), lambda: Event.speaker_id.in_(self.speakers))
            )
        if self.countries and "country" not in skip and counting:
            bounds = (self.date_from, self.date_to) if dated else (None, None)
            clauses.append(
                _piece(("country-in", self.countries, *bounds), lambda: self._country_in(*bounds))
            )
        elif self.countries and "country" not in skip:
            # correlated EXISTS (a primary-key probe per event) rather than IN (subquery): the
            # page then walks the timeline-order index and stops after ``limit`` events instead
            # of collecting every event of the country and sorting them (1.7 s → 1 ms at 1M)
            clauses.append(
                _piece(
                    ("country-exists", self.countries),
                    lambda: (
                        select(EventCountry.event_id)
                        .where(
                            EventCountry.event_id == Event.id,
                            EventCountry.country.in_(self.countries),
                        )
                        .exists()
                    ),
                )
            )
        if self.outlets and "outlet" not in skip:
            clauses.append(
                _piece(
                    ("outlet", self.outlets),
                    lambda: Event.article_id.in_(
                        select(Article.id).where(Article.outlet.in_(self.outlets))
                    ),
                )
            )
        if self.kind and "kind" not in skip:
            clauses.append(_piece(("kind", self.kind), lambda: Event.kind == self.kind))
        if not self.background:  # background facts only when asked for
            clauses.append(_piece(("background",), lambda: Event.background.is_(False)))
        if (self.search or self.named_speakers) and "q" not in skip:
            text_match = self._search_clause(dialect, search_limit) if self.search else None
            if self.named_speakers:
                by_speaker = Event.speaker_id.in_(self.named_speakers)
                clauses.append(by_speaker if text_match is None else or_(text_match, by_speaker))
            else:
                clauses.append(text_match)
        return tuple(clauses)

    def _country_in(self, date_from, date_to) -> ColumnElement[bool]:
        """The countries as ``id IN (their event_country rows)``, within the date bounds given
        (``event_country``'s copy of ``date_start``: ``ix_event_country_order`` seeks them)."""
        rows = select(EventCountry.event_id).where(EventCountry.country.in_(self.countries))
        if date_from or date_to:
            rows = rows.where(EventCountry.date_start.is_(None) == false())
        if date_from:
            rows = rows.where(EventCountry.date_start >= date_from)
        if date_to:
            rows = rows.where(EventCountry.date_start <= date_to)
        return Event.id.in_(rows)

    def date_clauses(self, start, precision) -> list[ColumnElement[bool]]:
        """The date bounds over a ``date_start`` / ``date_precision`` pair of columns (an
        event's or a story's): a date known only to its month or year is inside the range only
        when the whole month / year is (``from=to=2021-01-01`` is not "2021")."""
        clauses: list[ColumnElement[bool]] = []
        if self.date_from:
            clauses.append(start >= self.date_from)
        if self.date_to:
            clauses.append(start <= self.date_to)
            month, year = last_full_periods(self.date_to)
            clauses.append(
                or_(
                    precision.is_(None),
                    precision.not_in(("month", "year")),
                    and_(precision == "month", start <= month),
                    and_(precision == "year", start <= year),
                )
            )
        return clauses

    def fts_query(self) -> str:
        """The FTS5 query: every loose word must occur (as a word prefix) in the normalized
        quote + sentence text, in any of its forms (with or without proclitics: see app.search);
        a quoted phrase's words must occur as whole words, close together (the index text puts
        a word's stripped forms right after it, so a phrase's words are at most a few index
        tokens apart); FTS5 wants an explicit AND before a parenthesized group."""
        terms = self.terms
        parts = [
            f'"{forms[0]}"*'
            if len(forms) == 1
            else "(" + " OR ".join(f'"{f}"*' for f in forms) + ")"
            for forms in terms.word_groups
        ]
        for phrase in terms.phrases:
            if len(phrase) == 1:
                parts.append(f'"{phrase[0]}"')
            else:
                quoted = " ".join(f'"{w}"' for w in phrase)
                parts.append(f"NEAR({quoted}, {PHRASE_GAP * (len(phrase) - 1)})")
        return " AND ".join(parts)

    def _search_clause(self, dialect: str, limit: int | None = None) -> ColumnElement[bool]:
        terms = self.terms
        if dialect == "sqlite":
            match = self.fts_query()
            sql = "SELECT event_id FROM event_fts WHERE event_fts MATCH :fts_query"
            if limit is not None:
                sql += f" LIMIT {int(limit)}"
            fts = text(sql).bindparams(fts_query=match).columns(column("event_id"))
            return Event.id.in_(fts)
        # PostgreSQL: the expression the GIN index ix_event_search is built on; words are
        # \w-only (app.search), so they are safe as to_tsquery operands. A loose word matches as
        # a word prefix (``form:*``), as SQLite's ``"form"*`` does; a phrase's words are whole.
        parts = ["(" + " | ".join(f"{f}:*" for f in forms) + ")" for forms in terms.word_groups]
        for phrase in terms.phrases:
            for a, b in itertools.pairwise(phrase):
                near = " | ".join(f"{a} <{gap}> {b}" for gap in range(1, PHRASE_GAP + 2))
                parts.append(f"({near})")
            if len(phrase) == 1:
                parts.append(phrase[0])
        tsquery = func.to_tsquery(literal_column("'simple'"), " & ".join(parts))

        def matches(table) -> ColumnElement[bool]:
            vector = func.to_tsvector(literal_column("'simple'"), table.search_text)
            return vector.op("@@")(tsquery)

        if limit is not None:
            inner = aliased(Event)
            return Event.id.in_(select(inner.id).where(matches(inner)).limit(limit))
        return matches(Event)

    def order_by(self, day: Any = None, key: Any = None) -> list[Any]:
        """The timeline's order (undated events last) over ``day`` and ``key``: the event's
        ``date_start`` and ``id`` unless another table's copies of them are given."""
        day = Event.date_start if day is None else day
        key = Event.id if key is None else key
        if self.date_from or self.date_to:
            # a date bound excludes undated events, so the plain (date_start, id) order is the
            # same order, and ix_event_timeline serves it without sorting the range
            if self.order == "desc":
                return [day.desc(), key.desc()]
            return [day, key]
        nulls_last = day.is_(None)
        if self.order == "desc":
            return [nulls_last, day.desc(), key.desc()]
        return [nulls_last, day, key]

    def keyset(self) -> ColumnElement[bool] | None:
        """Rows after the cursor in this order (undated events come last in both orders), as one
        clause: what ``seeks`` runs as index seeks, for a caller that wants a single condition."""
        if self.after is None:
            return None
        return or_(*(and_(*clauses) for clauses, _ in self.seeks()))

    def seeks(
        self, day: Any = None, key: Any = None, *, null_flag: bool = False
    ) -> list[tuple[list[ColumnElement[bool]], list[Any]]]:
        """The page as consecutive index seeks: ``(extra where-clauses, order)`` to run in turn
        until the page is full. After a dated cursor, the dated rows past it — a row-value range
        ``(date_start, id) > (day, id)`` that the ``(date_start, id)`` indexes seek to — then the
        undated ones; one ``OR`` of the two would make SQLite scan the timeline from its start
        (O(position): 2.5 ms on page 1, 214 ms near the end at 1M events). A newest-first page
        with undated events last mixes directions that no index serves (SQLite sorted every
        event), so its first page is the same two seeks.

        ``day`` / ``key`` are the columns ordered on (the event's by default); ``null_flag``
        names the ``day IS NULL`` column of an index in ``(…, day IS NULL, day, key)`` order
        (``ix_event_country_order``) in each seek, so that index seeks past it."""
        day = Event.date_start if day is None else day
        key = Event.id if key is None else key
        desc = self.order == "desc"
        dated_order = [day.desc(), key.desc()] if desc else [day, key]
        undated_order = [key.desc() if desc else key]
        is_dated = [day.is_(None) == false()] if null_flag else [day.is_not(None)]
        is_undated = [day.is_(None) == true(), day.is_(None)] if null_flag else [day.is_(None)]
        bounded = bool(self.date_from or self.date_to)  # a date bound excludes undated events
        if self.after is None:
            if bounded:
                return [(is_dated if null_flag else [], dated_order)]
            if not desc:
                return [([], self.order_by(day, key))]
            return [(is_dated, dated_order), (is_undated, undated_order)]
        cursor_day, event_id = self.after.date_start, self.after.event_id
        if cursor_day is None:
            id_after = key < event_id if desc else key > event_id
            return [([*is_undated, id_after], undated_order)]
        position = tuple_(day, key)
        cursor = tuple_(literal(cursor_day, Event.date_start.type), literal(event_id))
        dated = ([*is_dated, position < cursor if desc else position > cursor], dated_order)
        if bounded:
            return [dated]
        return [dated, (is_undated, undated_order)]

    # -- links and words ------------------------------------------------------------------------

    def replace(self, **changes: Any) -> TimelineFilters:
        if "date_from" in changes:
            changes.setdefault("raw_from", None)
        if "date_to" in changes:
            changes.setdefault("raw_to", None)
        changes.setdefault("after", None)  # any change of filter starts from the first page
        return replace(self, **changes)

    def toggle_country(self, iso2: str) -> TimelineFilters:
        chosen = set(self.countries) ^ {iso2}
        return self.replace(countries=tuple(sorted(chosen)))

    def is_empty(self) -> bool:
        return not (
            self.date_from
            or self.date_to
            or self.speakers
            or self.countries
            or self.outlets
            or self.kind
            or self.background
            or self.q
        )

    def to_query(self, **overrides: Any) -> str:
        """The canonical query string (defaults left out), with some fields replaced."""
        f = self.replace(**overrides) if overrides else self
        pairs: list[tuple[str, str]] = []
        if f.date_from:
            pairs.append(("from", f.raw_from or f.date_from.isoformat()))
        if f.date_to:
            pairs.append(("to", f.raw_to or f.date_to.isoformat()))
        pairs += [("speaker", s) for s in f.speakers]
        pairs += [("country", c) for c in f.countries]
        pairs += [("outlet", o) for o in f.outlets]
        if f.kind:
            pairs.append(("kind", f.kind))
        if f.background:
            pairs.append(("background", "1"))
        if f.q:
            pairs.append(("q", f.q))
        if f.order != "asc":
            pairs.append(("order", f.order))
        if f.limit != DEFAULT_LIMIT:
            pairs.append(("limit", str(f.limit)))
        if f.reports != "stories":
            pairs.append(("reports", f.reports))
        if f.after:
            pairs.append(("after", f.after.token()))
        return urlencode(pairs)

    def url(self, path: str = "/", **overrides: Any) -> str:
        query = self.to_query(**overrides)
        return f"{path}?{query}" if query else path

    def range_links(self, path: str = "/", **overrides: Any) -> Callable[[str, str], str]:
        """``link(raw_from, raw_to)``: ``url(path, date_from=…, date_to=…, **overrides)`` for
        many date ranges at once (the time axis' columns, bands and ticks; the strip's cells),
        encoded once: the canonical query is written with placeholder bounds, which each link
        replaces (``raw_*`` are ``YYYY[-MM[-DD]]``, unchanged by URL encoding)."""
        day = dt.date(2000, 1, 1)
        pattern = self.url(
            path, date_from=day, date_to=day, raw_from=_FROM_MARK, raw_to=_TO_MARK, **overrides
        )
        head, _, rest = pattern.partition(_FROM_QUOTED)
        middle, _, tail = rest.partition(_TO_QUOTED)
        return lambda raw_from, raw_to: f"{head}{raw_from}{middle}{raw_to}{tail}"

    def describe(self, lang: str = "en", labels: Mapping[str, str] | None = None) -> str:
        """What is shown, in words: ``speaker Stanislav Zas · country Kazakhstan or Russia``.

        ``labels`` maps speaker ids and ISO codes to display names (codes are shown otherwise).
        """
        labels = labels or {}
        either = f" {t('describe.or', lang)} "
        parts: list[str] = []
        if self.kind:
            parts.append(f"{t('describe.kind', lang)}: {t('kind.' + self.kind, lang)}")
        if self.speakers:
            names = either.join(labels.get(s, s) for s in self.speakers)
            parts.append(f"{t('describe.speaker', lang)}: {names}")
        if self.countries:
            names = either.join(labels.get(c, c) for c in self.countries)
            parts.append(f"{t('describe.country', lang)}: {names}")
        if self.outlets:
            parts.append(f"{t('describe.outlet', lang)}: {either.join(self.outlets)}")
        if self.date_from:
            day = format_date(self.date_from.isoformat(), lang)
            parts.append(f"{t('describe.from', lang)} {day}")
        if self.date_to:
            parts.append(f"{t('describe.to', lang)} {format_date(self.date_to.isoformat(), lang)}")
        if self.q:
            quoted = self.q if self.q[:1] in '«"“”' else f"«{self.q}»"
            parts.append(f"{t('describe.q', lang)} {quoted}")
        if self.background:
            parts.append(t("describe.background", lang))
        return " · ".join(parts) if parts else t("describe.all", lang)
