"""Data out: the JSON API, CSV / JSON downloads and an Atom feed — all over the same filters."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Annotated
from urllib.parse import parse_qsl
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from app import queries
from app.web.cards import source_url
from app.web.deps import FiltersDep, SessionDep
from app.web.i18n import format_date

router = APIRouter(tags=["data"])


class SpeakerOut(BaseModel):
    id: str = Field(description="slug, as in /speakers/{id}")
    name_ar: str
    name_en: str | None
    role_ar: str | None = Field(description="the title as written in this article")
    role_en: str | None


class CountryOut(BaseModel):
    iso2: str = Field(description="ISO 3166 alpha-2")
    name_ar: str
    name_en: str
    csto_member: bool


class QuoteOut(BaseModel):
    id: str
    text: str = Field(description="always equal to the article text at [start, end)")
    start: int
    end: int


class ArticleOut(BaseModel):
    id: str
    source_file: str
    title: str | None
    outlet: str | None
    published: str | None
    published_basis: str | None
    url: str = Field(description="the article page on this site")
    source_url: str | None = Field(default=None, description="the original article, when known")


class EventOut(BaseModel):
    id: str = Field(description="stable across re-ingests")
    kind: str = Field(description="statement | event")
    date: str | None = Field(description="written to its precision: 2022-01-13 | 2022-01 | 2022")
    date_precision: str | None = Field(description="day | month | year")
    date_basis: str | None = Field(description="explicit | relative | inferred")
    date_note: str | None = Field(description="how the date was obtained")
    speaker: SpeakerOut | None
    countries: list[CountryOut]
    text: str = Field(description="the sentence(s) the event comes from")
    quotes: list[QuoteOut]
    article: ArticleOut
    url: str = Field(description="the permalink page")


class EventsPage(BaseModel):
    description: str = Field(description="the filters in words")
    query: str = Field(description="the canonical query string of these filters")
    total: int = Field(
        description="events matching the filters, all pages (a search matching more than 1000 "
        "events gives 1000: a lower bound)"
    )
    count: int = Field(description="events in this page")
    next: str | None = Field(description="URL of the next page (keyset), null on the last")
    events: list[EventOut]


class ErrorItem(BaseModel):
    loc: list[str]
    msg: str
    type: str


class ErrorOut(BaseModel):
    detail: list[ErrorItem] | str


def event_out(view: queries.EventView, base: str) -> EventOut:
    e, a, s = view.event, view.article, view.speaker
    return EventOut(
        id=e.id,
        kind=e.kind,
        date=e.date,
        date_precision=e.date_precision,
        date_basis=e.date_basis,
        date_note=e.date_note,
        speaker=SpeakerOut(
            id=s.id, name_ar=s.name_ar, name_en=s.name_en, role_ar=view.role_ar, role_en=s.role_en
        )
        if s
        else None,
        countries=[
            CountryOut(iso2=c.iso2, name_ar=c.name_ar, name_en=c.name_en, csto_member=c.csto_member)
            for c in view.countries
        ],
        text=e.text,
        quotes=[QuoteOut(id=q.id, text=q.text, start=q.start, end=q.end) for q in view.quotes],
        article=ArticleOut(
            id=a.id,
            source_file=a.source_file,
            title=a.title,
            outlet=a.outlet,
            published=a.published,
            published_basis=a.published_basis,
            url=f"{base}/articles/{a.id}",
            source_url=source_url(a),
        ),
        url=f"{base}/events/{e.id}",
    )


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


Many = Annotated[list[str] | None, Query()]


@router.get(
    "/api/events",
    response_model=EventsPage,
    responses={400: {"model": ErrorOut, "description": "a query argument is invalid"}},
    summary="Events matching the filters, one keyset page at a time",
)
def api_events(
    request: Request,
    session: SessionDep,
    filters: FiltersDep,
    from_: Annotated[
        str | None, Query(alias="from", description="first day: YYYY-MM-DD, YYYY-MM or YYYY")
    ] = None,
    to: Annotated[
        str | None, Query(description="last day (a month or year covers all of it)")
    ] = None,
    speaker: Annotated[
        list[str] | None, Query(description="speaker slug; repeat for any of")
    ] = None,
    country: Annotated[
        list[str] | None, Query(description="ISO 3166 alpha-2; repeat (or comma) for any of")
    ] = None,
    outlet: Annotated[list[str] | None, Query(description="outlet name, e.g. TASS")] = None,
    kind: Annotated[str | None, Query(description="statement | event")] = None,
    q: Annotated[
        str | None, Query(description="words in the quotes or sentence (Arabic-normalized)")
    ] = None,
    order: Annotated[str | None, Query(description="asc (default) | desc")] = None,
    after: Annotated[str | None, Query(description="page token from `next`")] = None,
    limit: Annotated[int | None, Query(description="page size, 1–200 (default 15)")] = None,
) -> Response:
    page = queries.timeline_page(session, filters)
    base = _base(request)
    out = EventsPage(
        description=filters.describe("en", queries.labels(session, filters, "en")),
        query=filters.to_query(after=None),
        total=page.total,
        count=len(page.views),
        next=f"{base}{filters.url('/api/events', after=page.next_cursor)}"
        if page.next_cursor
        else None,
        events=[event_out(v, base) for v in page.views],
    )
    # serialized as built: returning the model made FastAPI dump it, validate the dump against
    # ``response_model`` again and encode that (the schema is still the documented one)
    return Response(out.model_dump_json(), media_type="application/json")


_NAME_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def download_name(filters, ext: str) -> str:
    """A file name that says the filter: ``csto-timeline_country-KZ_from-2022-01.csv``; the
    search words and outlet names are left out past ASCII (the query string keeps them)."""
    parts = ["csto-timeline"]
    for key, value in parse_qsl(filters.to_query(after=None)):
        if key in ("order", "limit"):
            continue
        safe = _NAME_UNSAFE.sub("-", value).strip("-")[:30]
        parts.append(f"{key}-{safe}" if safe else key)
    name = "_".join(parts)[:150]
    return f"{name}.{ext}"


def _download_name(filters, ext: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{download_name(filters, ext)}"'}


@router.get("/events.json", summary="Download every event of the filters as JSON")
def download_json(request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    base = _base(request)
    views = queries.export_events(session, filters)
    body = {
        "description": filters.describe("en", queries.labels(session, filters, "en")),
        "query": filters.to_query(after=None),
        "count": len(views),
        "events": [event_out(v, base).model_dump() for v in views],
    }
    return Response(
        json.dumps(body, ensure_ascii=False, indent=1),
        media_type="application/json",
        headers=_download_name(filters, "json"),
    )


CSV_COLUMNS = (
    "id",
    "kind",
    "date",
    "date_start",
    "date_end",
    "date_precision",
    "date_basis",
    "date_note",
    "speaker_ar",
    "speaker_en",
    "role_ar",
    "role_en",
    "countries",
    "quotes",
    "text",
    "outlet",
    "published",
    "article_title",
    "article_url",
    "source_file",
    "url",
)


def date_end(start: dt.date | None, precision: str | None) -> dt.date | None:
    """The last day a date covers: the day, the month's last day, or 31 December."""
    if start is None:
        return None
    if precision == "year":
        return dt.date(start.year, 12, 31)
    if precision == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return start


def _cell(value: object) -> str:
    """Text a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@router.get("/events.csv", summary="Download every event of the filters as CSV")
def download_csv(request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    base = _base(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for view in queries.export_events(session, filters):
        e, s, a = view.event, view.speaker, view.article
        end = date_end(e.date_start, e.date_precision)
        row = (
            e.id,
            e.kind,
            e.date,
            e.date_start.isoformat() if e.date_start else None,
            end.isoformat() if end else None,
            e.date_precision,
            e.date_basis,
            e.date_note,
            s.name_ar if s else None,
            s.name_en if s else None,
            view.role_ar,
            s.role_en if s else None,
            " ".join(c.iso2 for c in view.countries),
            " | ".join(q.text for q in view.quotes),
            e.text,
            a.outlet,
            a.published,
            a.title,
            source_url(a) or f"{base}/articles/{a.id}",
            a.source_file,
            f"{base}/events/{e.id}",
        )
        writer.writerow([_cell(v) for v in row])
    return Response(
        "\ufeff" + out.getvalue(),  # a BOM so spreadsheet programs read the Arabic as UTF-8
        media_type="text/csv; charset=utf-8",
        headers=_download_name(filters, "csv"),
    )


ATOM = "http://www.w3.org/2005/Atom"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    """Characters XML 1.0 cannot carry are dropped (ElementTree would write them as is)."""
    return _XML_INVALID.sub("", value)


@router.get("/feed.atom", summary="An Atom feed of the filters' events, newest first")
def atom_feed(request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    base = _base(request)
    newest = filters.replace(order="desc", limit=50)
    page = queries.timeline_page(session, newest, count=False)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(
        feed, f"{{{ATOM}}}title"
    ).text = f"CSTO timeline — {filters.describe('en', queries.labels(session, filters, 'en'))}"
    feed_url = f"{base}{filters.url('/feed.atom', after=None)}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url)
    ET.SubElement(
        feed,
        f"{{{ATOM}}}link",
        rel="alternate",
        type="text/html",
        href=f"{base}{filters.url('/', after=None)}",
    )
    updated = [_updated(v) for v in page.views]
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = max(updated, default="1970-01-01T00:00:00Z")
    for view, when in zip(page.views, updated, strict=True):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        who = view.speaker.name_ar if view.speaker else view.event.kind
        if view.speaker and view.speaker.name_en:
            who = f"{view.speaker.name_ar} ({view.speaker.name_en})"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = _xml_text(
            f"{who} — {format_date(view.event.date, 'en')}"
        )
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{base}/events/{view.event.id}"
        ET.SubElement(
            entry, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/events/{view.event.id}"
        )
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = when
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = view.article.outlet or "unknown outlet"
        for country in view.countries:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=country.iso2, label=country.name_en)
        content = ET.SubElement(entry, f"{{{ATOM}}}content", type="text")
        content.set("{http://www.w3.org/XML/1998/namespace}lang", "ar")
        content.text = _xml_text("\n".join(q.text for q in view.quotes) or view.event.text)
    body = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    return Response(
        '<?xml version="1.0" encoding="utf-8"?>\n' + body,
        media_type="application/atom+xml; charset=utf-8",
    )


def _updated(view: queries.EventView) -> str:
    """When the entry entered the store (its article's ingest): a new article about an old
    event is new to a feed reader. The event's own date is its title's business."""
    ingested = view.article.ingested_at
    if ingested.tzinfo is None:
        ingested = ingested.replace(tzinfo=dt.UTC)
    return ingested.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
