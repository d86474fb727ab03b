"""Shaping query results for the timeline templates: day groups and the active-filter chips."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from app.filters import TimelineFilters
from app.queries import EventView, Facets
from app.web.i18n import format_date, t
from app.web.text import close_bidi


@dataclass(frozen=True)
class DayGroup:
    date: str | None  # as written to its precision; None for undated events
    views: list[EventView]


@dataclass(frozen=True)
class Chip:
    """An active filter, shown as a removable chip: its words and the URL without it."""

    label: str
    remove: str


def group_by_day(views: list[EventView]) -> list[DayGroup]:
    """Consecutive events sharing a date (to its precision) form one group, in list order."""
    groups: list[DayGroup] = []
    for view in views:
        if groups and groups[-1].date == view.event.date:
            groups[-1].views.append(view)
        else:
            groups.append(DayGroup(date=view.event.date, views=[view]))
    return groups


def active_chips(
    filters: TimelineFilters, labels: Mapping[str, str], lang: str, path: str = "/"
) -> list[Chip]:
    """One chip per chosen value (each speaker, country, outlet), the kind, the dates and the
    search; removing one keeps every other filter."""
    chips: list[Chip] = []
    for slug in filters.speakers:
        rest = tuple(s for s in filters.speakers if s != slug)
        chips.append(Chip(labels.get(slug, slug), filters.url(path, speakers=rest)))
    for iso2 in filters.countries:
        rest = tuple(c for c in filters.countries if c != iso2)
        chips.append(Chip(labels.get(iso2, iso2), filters.url(path, countries=rest)))
    for outlet in filters.outlets:
        rest = tuple(o for o in filters.outlets if o != outlet)
        chips.append(Chip(outlet, filters.url(path, outlets=rest)))
    if filters.kind:
        chips.append(Chip(t("kind." + filters.kind, lang), filters.url(path, kind=None)))
    if filters.date_from or filters.date_to:
        words = []
        if filters.date_from:
            words.append(f"{t('describe.from', lang)} {_bound(filters, 'from', lang)}")
        if filters.date_to:
            words.append(f"{t('describe.to', lang)} {_bound(filters, 'to', lang)}")
        chips.append(Chip(" ".join(words), filters.url(path, date_from=None, date_to=None)))
    if filters.q:
        quoted = filters.q if filters.q[:1] in '«"“”' else f"«{filters.q}»"
        chips.append(Chip(quoted, filters.url(path, q="")))
    if getattr(filters, "background", False):
        chips.append(Chip(t("filters.background", lang), filters.url(path, background=False)))
    return chips


def _bound(filters: TimelineFilters, which: str, lang: str) -> str:
    raw = filters.raw_from if which == "from" else filters.raw_to
    day = filters.date_from if which == "from" else filters.date_to
    return format_date(raw or day.isoformat(), lang)


def speaker_options(facets: Facets, filters: TimelineFilters, lang: str) -> Markup:
    """The speaker facet's ``<option>``s (hundreds of speakers: written here in one pass, as the
    template wrote them, instead of a Jinja loop that was a fifth of a speaker page's render)."""
    plus = "+" if facets.capped else ""
    chosen = set(filters.speakers)
    out = []
    for speaker, n in facets.speakers:
        name = (speaker.name_en or speaker.name_ar) if lang == "en" else speaker.name_ar
        value, label = _option_parts(speaker.id, name)
        selected = " selected" if speaker.id in chosen else ""
        out.append(f'<option value="{value}"{selected}>{label} ({n}{plus})</option>')
    return Markup("\n".join(out))


@functools.lru_cache(maxsize=8192)
def _option_parts(slug: str, name: str) -> tuple[str, str]:
    """A speaker's id and name as an option prints them (escaped once per name: a fresh filter
    set lists the same hundreds of speakers with other counts)."""
    return str(escape(close_bidi(slug))), str(escape(close_bidi(name)))
