"""The HTML pages: the timeline explorer, permalinks, articles, speakers and countries."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app import queries
from app.filters import FilterError, TimelineFilters
from app.stories import queries as story_queries
from app.web.deps import FiltersDep, SessionDep
from app.web.i18n import format_date
from app.web.stories import timeline_parts
from app.web.templating import is_fragment_request, render
from app.web.timeline import CHART_HEIGHT, CHART_WIDTH, group_by_day, histogram_bars

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)

_EVENT_ID = re.compile(r"^[0-9a-f]{16}$")
_ISO2 = re.compile(r"^[A-Za-z]{2}$")

TIMELINE_BLOCKS = ["results", "facets", "status", "lang_switch"]


def _check_event_id(event_id: str) -> None:
    if not _EVENT_ID.match(event_id):
        raise FilterError("event_id", "an event id is 16 hexadecimal digits")


def _timeline_context(request: Request, session, filters: TimelineFilters) -> dict:
    lang = request.state.lang
    parts = timeline_parts(session, filters)  # of stories, or of every report (reports=all)
    page, facets = parts["page"], parts["facets"]
    bars = histogram_bars(parts.pop("histogram"), filters)
    return {
        **parts,
        "filters": filters,
        "bars": bars,
        "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT},
        "description": filters.describe(lang, facets.labels(lang)),
        "self_url": filters.url("/"),
        "lang_url": _with_lang(filters.url("/"), "en" if lang == "ar" else "ar"),
        "next_url": filters.url("/", after=page.next_cursor) if page.next_cursor else None,
        "first_url": filters.url("/", after=None),
    }


@router.get("/", summary="The timeline explorer (HTML; a fragment for htmx requests)")
def timeline_page(request: Request, session: SessionDep, filters: FiltersDep):
    context = _timeline_context(request, session, filters)
    if is_fragment_request(request):
        return render(
            request,
            "pages/timeline.html",
            context,
            block_names=TIMELINE_BLOCKS,
            headers={"HX-Push-Url": context["self_url"]},
        )
    return render(request, "pages/timeline.html", context)


@router.get("/events/{event_id}", summary="An event's permalink page")
def event_page(request: Request, event_id: str, session: SessionDep):
    _check_event_id(event_id)
    view = queries.event_by_id(session, event_id)
    if view is None:
        raise HTTPException(status_code=404, detail="No such event")
    canonical = str(request.url_for("event_page", event_id=event_id))
    return render(
        request,
        "pages/event.html",
        {
            "view": view,
            "canonical": canonical,
            "paras": queries.source_paragraphs(view),
            "neighbours": queries.neighbours(session, view),
            "story": story_queries.story_summary(session, view.event.story_id),
            "og_title": _event_title(view, request.state.lang),
            "og_description": _event_description(view),
        },
    )


@router.get("/events/{event_id}/source", summary="The source paragraph of an event, quote marked")
def event_source(request: Request, event_id: str, session: SessionDep):
    _check_event_id(event_id)
    view = queries.event_by_id(session, event_id)
    if view is None:
        raise HTTPException(status_code=404, detail="No such event")
    context = {"view": view, "paras": queries.source_paragraphs(view)}
    if is_fragment_request(request):
        return render(request, "pages/source.html", context, block_names=["source"])
    return render(request, "pages/source.html", context)


@router.get("/articles/{article_id}", summary="A whole article with its quotes marked")
def article_page(request: Request, article_id: str, session: SessionDep):
    if not _EVENT_ID.match(article_id):
        raise FilterError("article_id", "an article id is 16 hexadecimal digits")
    article = queries.article_by_id(session, article_id)
    if article is None:
        raise HTTPException(status_code=404, detail="No such article")
    quotes = queries.article_quotes(session, article_id)
    spans = [(q.id, e.id, q.start, q.end) for q, e in quotes]
    return render(
        request,
        "pages/article.html",
        {
            "article": article,
            "paras": queries.highlight(article.text, spans),
            "quote_count": len(quotes),
        },
    )


@router.get("/speakers/{slug}", summary="A speaker and their timeline")
def speaker_page(request: Request, slug: str, session: SessionDep, filters: FiltersDep):
    found = queries.speaker_by_slug(session, slug)
    if found is None:
        raise HTTPException(status_code=404, detail="No such speaker")
    speaker, country = found
    timeline = _scoped_timeline(request, session, filters, speakers=(speaker.id,))
    return render(
        request, "pages/speaker.html", {"speaker": speaker, "country": country, **timeline}
    )


@router.get("/countries/{iso2}", summary="A country and the events about it")
def country_page(request: Request, iso2: str, session: SessionDep, filters: FiltersDep):
    if not _ISO2.match(iso2):
        raise FilterError("iso2", f"{iso2[:10]!r} is not an ISO 3166 alpha-2 code")
    if iso2 != iso2.upper():
        return RedirectResponse(f"/countries/{iso2.upper()}", status_code=308)
    country = queries.country_by_iso(session, iso2)
    if country is None:
        raise HTTPException(status_code=404, detail="No such country")
    timeline = _scoped_timeline(request, session, filters, countries=(country.iso2,))
    return render(request, "pages/country.html", {"country": country, **timeline})


def _scoped_timeline(request: Request, session, filters: TimelineFilters, **scope) -> dict:
    """The timeline of one speaker or country: the visitor's other filters kept, the scope fixed,
    and paging links on this page's own URL."""
    base = filters.replace(**{field: () for field in scope})
    scoped = base.replace(**scope, after=filters.after)
    page = queries.timeline_page(session, scoped)
    next_url = base.url(request.url.path, after=page.next_cursor) if page.next_cursor else None
    return {
        "filters": scoped,
        "page": page,
        "groups": group_by_day(page.views),
        "next_url": next_url,
        "explorer_url": scoped.url("/", after=None),
        "first_url": base.url(request.url.path),
        "hx_pager": False,
    }


def _with_lang(url: str, lang: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}lang={lang}"


def _event_title(view: queries.EventView, lang: str) -> str:
    who = view.speaker.name_ar if view.speaker else None
    if view.speaker and lang == "en" and view.speaker.name_en:
        who = view.speaker.name_en
    when = format_date(view.event.date, lang)
    return f"{who} — {when}" if who else when


def _event_description(view: queries.EventView, limit: int = 280) -> str:
    text = " … ".join(q.text for q in view.quotes) or view.event.text
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
