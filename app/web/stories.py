"""Stories on the web: the timeline's one-card-per-story parts, ``/stories/{id}`` and the API.

The routes are thin: the reads are app/stories/queries.py, the record shape
app/stories/export.py (the API object is the ``stories-jsonl`` line plus URLs).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from app import queries
from app.filters import FilterError, TimelineFilters
from app.stories import queries as story_queries
from app.stories.export import story_record
from app.web.deps import FiltersDep, SessionDep
from app.web.templating import is_fragment_request, render
from app.web.timeline import DayGroup, group_by_day

router = APIRouter()

_ID = re.compile(r"^[0-9a-f]{16}$")


def group_stories_by_day(views: list[story_queries.StoryView]) -> list[DayGroup]:
    """Consecutive stories sharing a date (to its precision) form one group, in list order."""
    groups: list[DayGroup] = []
    for view in views:
        if groups and groups[-1].date == view.story.date:
            groups[-1].views.append(view)
        else:
            groups.append(DayGroup(date=view.story.date, views=[view]))
    return groups


def timeline_parts(session, filters: TimelineFilters, *, histogram: bool = True) -> dict[str, Any]:
    """The page, its day groups, facets and histogram: of stories (the default) or of every
    report (``reports=all``). ``histogram=False`` leaves it out (an aggregate of its own: the
    explorer page draws the time axis instead)."""
    if filters.reports == "all":
        page = queries.timeline_page(session, filters)
        return {
            "page": page,
            "groups": group_by_day(page.views),
            "facets": queries.facets(session, filters),
            "histogram": queries.histogram(session, filters) if histogram else [],
            "counting": "events",
        }
    page = story_queries.story_page(session, filters)
    return {
        "page": page,
        "groups": group_stories_by_day(page.views),
        "facets": story_queries.facets(session, filters),
        "histogram": story_queries.histogram(session, filters) if histogram else [],
        "counting": "stories",
    }


def _merged_or_404(request: Request, session, story_id: str) -> RedirectResponse:
    """A story merged into another leads there (308: its permalink stays valid); else 404."""
    survivor = story_queries.merged_into(session, story_id)
    if survivor is None:
        raise HTTPException(status_code=404, detail="No such story")
    path = request.url.path.replace(story_id, survivor, 1)
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(path + query, status_code=308)


def _check(story_id: str) -> None:
    if not _ID.match(story_id):
        raise FilterError("story_id", "a story id is 16 hexadecimal digits")


@router.get(
    "/stories/{story_id}",
    response_class=HTMLResponse,
    tags=["pages"],
    summary="A story: every report of one statement or happening, and where they differ",
)
def story_page(request: Request, story_id: str, session: SessionDep):
    _check(story_id)
    view = story_queries.story_by_id(session, story_id)
    if view is None:
        return _merged_or_404(request, session, story_id)
    return render(
        request,
        "pages/story.html",
        {"sv": view, "canonical": str(request.url_for("story_page", story_id=story_id))},
    )


@router.get(
    "/stories/{story_id}/reports",
    response_class=HTMLResponse,
    tags=["pages"],
    summary="The reports of a story (what a card's Reports expands inline)",
)
def story_reports(request: Request, story_id: str, session: SessionDep):
    _check(story_id)
    view = story_queries.story_by_id(session, story_id)
    if view is None:
        return _merged_or_404(request, session, story_id)
    if is_fragment_request(request):
        context = {"sv": view, "bare": True}  # the items, for the card's list
        return render(request, "pages/story_reports.html", context, block_names=["reports"])
    return render(request, "pages/story_reports.html", {"sv": view})


# -- the API ----------------------------------------------------------------------------------


class ReportOut(BaseModel):
    event_id: str
    url: str = Field(description="the report's event permalink")
    article_id: str
    article_url: str
    source_file: str
    outlet: str | None
    published: str | None
    speaker_id: str | None
    date: str | None
    text: str = Field(description="the quoted words (or the sentence)")


class VersionOut(BaseModel):
    value: str | None = Field(description="a speaker id, a date, or the words (normalized)")
    outlets: list[str]
    event_ids: list[str]
    cut_short: bool = Field(description="wording: these words are part of a longer version's")


class DisagreementOut(BaseModel):
    field: str = Field(description="speaker | date | wording")
    versions: list[VersionOut]


class DateFromOut(BaseModel):
    event_id: str
    outlet: str | None


class StorySpeakerOut(BaseModel):
    id: str
    name_ar: str
    name_en: str | None


class StoryOut(BaseModel):
    id: str = Field(description="stable: its first report's event id")
    url: str
    kind: str
    date: str | None = Field(description="the earliest date a report states")
    date_precision: str | None
    date_basis: str | None
    date_from: DateFromOut | None = Field(description="the report that date comes from")
    speaker: StorySpeakerOut | None = Field(description="the best-attested speaker")
    text: str = Field(description="the best-attested version's words")
    canonical_event_id: str
    outlets: list[str]
    reports: list[ReportOut]
    disagreements: list[DisagreementOut]


class StoriesPage(BaseModel):
    query: str
    total: int = Field(description="stories matching the filters (a report of each matches)")
    count: int
    next: str | None
    stories: list[StoryOut]


def _story_out(view: story_queries.StoryView, base: str) -> StoryOut:
    record = story_record(view)
    for report in record["reports"]:
        report["url"] = f"{base}/events/{report['event_id']}"
        report["article_url"] = f"{base}/articles/{report['article_id']}"
    return StoryOut(url=f"{base}/stories/{view.story.id}", **record)


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get(
    "/api/stories",
    response_model=StoriesPage,
    tags=["data"],
    summary="Stories matching the filters (any report matching), one keyset page at a time",
)
def api_stories(
    request: Request,
    session: SessionDep,
    filters: FiltersDep,
    from_: Annotated[str | None, Query(alias="from", description="the story's date, from")] = None,
    to: Annotated[str | None, Query(description="the story's date, to")] = None,
    speaker: Annotated[list[str] | None, Query(description="a report's speaker")] = None,
    country: Annotated[list[str] | None, Query(description="a report's country")] = None,
    outlet: Annotated[list[str] | None, Query(description="a report's outlet")] = None,
    kind: Annotated[str | None, Query(description="statement | event")] = None,
    q: Annotated[str | None, Query(description="words in a report")] = None,
    order: Annotated[str | None, Query(description="asc (default) | desc")] = None,
    after: Annotated[str | None, Query(description="page token from `next`")] = None,
    limit: Annotated[int | None, Query(description="page size, 1–200 (default 15)")] = None,
) -> StoriesPage:
    page = story_queries.story_page(session, filters)
    base = _base(request)
    return StoriesPage(
        query=filters.to_query(after=None),
        total=page.total,
        count=len(page.views),
        next=f"{base}{filters.url('/api/stories', after=page.next_cursor)}"
        if page.next_cursor
        else None,
        stories=[_story_out(v, base) for v in page.views],
    )


@router.get(
    "/api/stories/{story_id}",
    response_model=StoryOut,
    tags=["data"],
    summary="One story with every report and its disagreements",
)
def api_story(request: Request, story_id: str, session: SessionDep) -> StoryOut:
    _check(story_id)
    view = story_queries.story_by_id(session, story_id)
    if view is None:
        return _merged_or_404(request, session, story_id)
    return _story_out(view, _base(request))
