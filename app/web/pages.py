"""The HTML pages: the timeline explorer, permalinks, articles, speakers and countries."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import QueryParams

from app import queries
from app.cache import remembered
from app.filters import DEFAULT_LIMIT, FilterError, TimelineFilters
from app.share_card import CardText, render_card
from app.stories import queries as story_queries
from app.web.axis import axis_caption, build_axis
from app.web.cards import role_of, speaker_name
from app.web.deps import SessionDep
from app.web.i18n import filter_error_text, format_date, t
from app.web.stories import timeline_parts
from app.web.strip import build_strip
from app.web.templating import is_fragment_request, render, render_partial
from app.web.timeline import active_chips, group_by_day, speaker_options

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)

_EVENT_ID = re.compile(r"^[0-9a-f]{16}$")
_ISO2 = re.compile(r"^[A-Za-z]{2}$")

TIMELINE_BLOCKS = ["results", "facets", "status", "lang_switch"]
# the parameters a plain (no-JS) form sends even when empty, and their defaults
_DEFAULTS = {"order": "asc", "limit": str(DEFAULT_LIMIT)}


def _check_event_id(event_id: str) -> None:
    if not _EVENT_ID.match(event_id):
        raise FilterError("event_id", "an event id is 16 hexadecimal digits")


def _lenient_filters(request: Request) -> tuple[TimelineFilters, dict[str, str]]:
    """The filters, with each parameter that cannot be used left out and its message kept for
    the form (shown beside its field, in the reader's language when we know the case)."""
    items = list(request.query_params.multi_items())
    errors: dict[str, str] = {}
    lang = request.state.lang
    while True:
        try:
            return TimelineFilters.from_query(QueryParams(items)), errors
        except FilterError as exc:
            errors[exc.param] = filter_error_text(exc, lang)
            items = [(k, v) for k, v in items if k != exc.param]


def _noisy_query(request: Request) -> str | None:
    """The query string without the empty and default parameters a plain form submits, when
    that differs from the one asked (so the no-JS URL says only what is chosen)."""
    items = list(request.query_params.multi_items())
    kept = [(k, v) for k, v in items if v.strip() != "" and _DEFAULTS.get(k) != v]
    if kept == items:
        return None
    return urlencode(kept)


def _timeline_context(
    request: Request, session, filters: TimelineFilters, errors: dict[str, str]
) -> dict:
    lang = request.state.lang
    # of stories, or of every report (reports=all); no histogram: the time axis below counts
    # the events themselves (the histogram was computed and dropped: ~8% of a fresh page)
    parts = timeline_parts(session, filters, histogram=False)
    parts.pop("histogram")
    page, facets = parts["page"], parts["facets"]
    if facets.unknown_speakers:
        raise HTTPException(
            status_code=404, detail=f"No such speaker: {facets.unknown_speakers[0]}"
        )
    members = [country for country, _ in facets.csto]
    charts = _charts(session, lang, filters, filters, "/", members=members)
    labels = facets.labels(lang)
    # the speaker facet's hundreds of <option>s, remembered per filter set and language as the
    # facets are (every page of a filter set lists the same ones)
    options_key = (
        "speaker_options",
        parts["counting"],
        filters.replace(order="asc").to_query(),
        lang,
    )
    return {
        **parts,
        **charts,
        "speaker_options_html": remembered(
            session, options_key, lambda: speaker_options(facets, filters, lang)
        ),
        "filters": filters,
        "errors": errors,
        "chips": active_chips(filters, labels, lang),
        "terms": filters.terms,
        "named_speakers": [labels.get(slug, slug) for slug in filters.named_speakers],
        "description": filters.describe(lang, labels),
        "self_url": filters.url("/"),
        "lang_url": _with_lang(filters.url("/"), "en" if lang == "ar" else "ar"),
        **_pager(session, filters, page, "/", stories=parts["counting"] == "stories"),
    }


def _charts(
    session,
    lang: str,
    counted: TimelineFilters,
    links: TimelineFilters,
    path: str,
    *,
    members: list | None = None,
) -> dict:
    """The time axis of the events ``counted`` (and, given the ``members``, the member-state
    strip), drawn with links that keep ``links`` on ``path``: built from the remembered counts,
    rendered, and remembered as HTML per filter set, language and path until the data changes.
    Every page of a filter set shows the same charts (they ignore the cursor), and drawing the
    axis over the whole extent was a fifth of a warm page."""
    key = (
        "charts",
        counted.replace(after=None).to_query(),
        links.replace(after=None).to_query(),
        path,
        lang,
        members is not None,
    )

    def draw() -> dict:
        axis = build_axis(queries.axis_counts(session, counted), links, lang, path)
        caption = axis_caption(axis, lang) if axis else ""
        context = {"axis": axis, "axis_caption": caption, "hx_pager": path == "/"}
        drawn = {
            "axis": axis,
            "axis_caption": caption,
            "axis_html": render_partial(lang, "partials/_axis.html", context),
            "strip_html": "",
        }
        if members is not None:
            strip = build_strip(
                queries.member_months(session, counted),
                members,
                links,
                axis.start if axis else None,
                axis.end if axis else None,
                lang,
            )
            drawn["strip_html"] = render_partial(lang, "partials/_strip.html", {"strip": strip})
        return drawn

    return remembered(session, key, draw)


def _pager(
    session, filters: TimelineFilters, page, path: str, base=None, *, stories: bool = False
) -> dict:
    """Next, previous and first-page links, and the "16–30 of 58" range of this page (of
    stories, or of events)."""
    base = base or filters
    previous_of = story_queries.previous_cursor if stories else queries.previous_cursor
    has_previous, previous = previous_of(session, filters)
    offset = queries.page_offset(filters)
    return {
        "next_url": base.url(path, after=page.next_cursor) if page.next_cursor else None,
        "prev_url": base.url(path, after=previous) if has_previous else None,
        "first_url": base.url(path, after=None),
        "range_from": None if offset is None or not page.views else offset + 1,
        "range_to": None if offset is None else offset + len(page.views),
    }


@router.get("/", summary="The timeline explorer (HTML; a fragment for htmx requests)")
def timeline_page(request: Request, session: SessionDep):
    fragment = is_fragment_request(request)
    if not fragment:
        cleaner = _noisy_query(request)
        if cleaner is not None:
            return RedirectResponse(f"/?{cleaner}" if cleaner else "/", status_code=303)
    filters, errors = _lenient_filters(request)
    context = _timeline_context(request, session, filters, errors)
    status = 400 if errors else 200
    headers = {"X-Filter-Error": ",".join(errors)} if errors else {}
    if fragment:
        if not errors:
            headers["HX-Push-Url"] = context["self_url"]
        return render(
            request,
            "pages/timeline.html",
            context,
            block_names=TIMELINE_BLOCKS,
            headers=headers,
            status_code=status,
        )
    return render(request, "pages/timeline.html", context, status_code=status, headers=headers)


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
            "og_description": _event_description(view, request.state.lang),
            "og_image": str(request.url_for("event_card", event_id=event_id)),
        },
    )


@router.get(
    "/events/{event_id}/card.png",
    summary="An event's share card (its og:image): speaker, date, outlet and quote as a PNG",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}},
)
def event_card(request: Request, event_id: str, session: SessionDep):
    _check_event_id(event_id)
    view = queries.event_by_id(session, event_id)
    if view is None:
        raise HTTPException(status_code=404, detail="No such event")
    png = render_card(_card_text(view))
    return Response(png, media_type="image/png", headers={"Cache-Control": "public, max-age=3600"})


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
def speaker_page(request: Request, slug: str, session: SessionDep):
    found = queries.speaker_by_slug(session, slug)
    if found is None:
        raise HTTPException(status_code=404, detail="No such speaker")
    speaker, country = found
    timeline = _scoped_timeline(request, session, speakers=(speaker.id,))
    return render(
        request, "pages/speaker.html", {"speaker": speaker, "country": country, **timeline}
    )


@router.get("/countries/{iso2}", summary="A country and the events about it")
def country_page(request: Request, iso2: str, session: SessionDep):
    if not _ISO2.match(iso2):
        raise FilterError("iso2", f"{iso2[:10]!r} is not an ISO 3166 alpha-2 code")
    if iso2 != iso2.upper():
        return RedirectResponse(f"/countries/{iso2.upper()}", status_code=308)
    country = queries.country_by_iso(session, iso2)
    if country is None:
        raise HTTPException(status_code=404, detail="No such country")
    timeline = _scoped_timeline(request, session, countries=(country.iso2,))
    return render(request, "pages/country.html", {"country": country, **timeline})


def _scoped_timeline(request: Request, session, **scope) -> dict:
    """The timeline of one speaker or country: the visitor's other filters kept (a bad one is
    left out and named beside its field), the scope fixed, the time axis over the scope, and
    paging, axis and form links on this page's own URL."""
    lang = request.state.lang
    filters, errors = _lenient_filters(request)
    path = request.url.path
    base = filters.replace(**{field: () for field in scope})
    scoped = base.replace(**scope, after=filters.after)
    page = queries.timeline_page(session, scoped)
    return {
        **_charts(session, lang, scoped, base, path),
        "filters": base,
        "scoped": scoped,
        "errors": errors,
        "page": page,
        "groups": group_by_day(page.views),
        "terms": scoped.terms,
        "explorer_url": scoped.url("/", after=None),
        "form_action": path,
        "hx_pager": False,
        **_pager(session, scoped, page, path, base=base),
    }


def _with_lang(url: str, lang: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}lang={lang}"


def _event_title(view: queries.EventView, lang: str) -> str:
    """«Speaker — date — outlet», or for an event without a speaker its first words."""
    who = speaker_name(view, lang)
    if who is None:
        words = " ".join((view.event.text or "").split()[:8])
        who = f"{t('kind.' + view.event.kind, lang)}: {words}…" if words else None
    parts = [who, format_date(view.event.date, lang), view.article.outlet]
    return " — ".join(p for p in parts if p)


def _event_description(view: queries.EventView, lang: str, limit: int = 280) -> str:
    """The quote (or sentence), then who said it, when and in which outlet."""
    text = " … ".join(q.text for q in view.quotes) or view.event.text
    text = " ".join(text.split())
    who = speaker_name(view, lang)
    role = role_of(view, lang)
    context = [f"{who}، {role}" if who and role and lang == "ar" else who, None]
    if who and role and lang == "en":
        context[0] = f"{who}, {role}"
    context[1] = format_date(view.event.date, lang)
    if view.article.outlet:
        context.append(view.article.outlet)
    tail = " — " + ("، " if lang == "ar" else ", ").join(c for c in context if c)
    room = limit - len(tail) - 2
    quote = text if len(text) <= room else text[: max(room - 1, 20)] + "…"
    return f"«{quote}»{tail}"


def _card_text(view: queries.EventView) -> CardText:
    """The share card is Arabic: the quotes are, and so is the site's name."""
    who = speaker_name(view, "ar") or t("kind." + view.event.kind, "ar")
    when = format_date(view.event.date, "ar")
    if view.article.outlet:
        when = f"{when}، {view.article.outlet}"
    quote = " … ".join(q.text for q in view.quotes) or view.event.text
    return CardText(
        title=who, role=role_of(view, "ar") or "", when=when, quote=" ".join(quote.split())
    )
