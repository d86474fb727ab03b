"""Request dependencies: the database session and the parsed filters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app.filters import TimelineFilters


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


def get_filters(request: Request) -> TimelineFilters:
    """Parsed from the query string; a ``FilterError`` becomes a 400 (HTML or JSON)."""
    return TimelineFilters.from_query(request.query_params)


SessionDep = Annotated[Session, Depends(get_session)]
FiltersDep = Annotated[TimelineFilters, Depends(get_filters)]
