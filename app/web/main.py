"""The FastAPI application: thin routes over app.queries, rendered with Jinja2."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app import queries
from app.db import get_engine
from app.settings import ROOT, Settings

templates = Jinja2Templates(directory=str(ROOT / "templates"))


def create_app(engine: Engine | None = None) -> FastAPI:
    app = FastAPI(title="csto-timeline", version="0.1.0")
    app.state.engine = engine or get_engine(Settings.from_env().database_url)
    app.mount("/static", StaticFiles(directory=str(Path(ROOT / "static"))), name="static")

    def get_session(request: Request) -> Iterator[Session]:
        with Session(request.app.state.engine) as session:
            yield session

    SessionDep = Annotated[Session, Depends(get_session)]

    @app.get("/", response_class=HTMLResponse)
    def timeline_page(request: Request, session: SessionDep):
        events = queries.timeline(session)
        return templates.TemplateResponse(request, "pages/timeline.html", {"events": events})

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(request: Request, event_id: str, session: SessionDep):
        view = queries.event_by_id(session, event_id)
        if view is None:
            raise HTTPException(status_code=404, detail="No such event")
        return templates.TemplateResponse(request, "pages/event.html", {"view": view})

    return app
