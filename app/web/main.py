"""The FastAPI application: routers per area over app.queries, rendered with Jinja2.

``create_app(engine)`` is the factory (tests pass their own engine). Language: ``?lang=`` wins and
is remembered in a cookie, then the cookie, then Accept-Language; Arabic by default.
"""

from __future__ import annotations

import gc
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import cache
from app.db import get_engine
from app.filters import FilterError
from app.settings import ROOT, Settings
from app.web import api, pages, stories
from app.web.deps import SessionDep, get_session  # noqa: F401  (re-exported for other routers)
from app.web.http_cache import HttpCacheMiddleware, build_token, response_cache_enabled
from app.web.i18n import LANGS, error_text, pick_lang
from app.web.security import install_security
from app.web.templating import render

LANG_COOKIE = "lang"
DATA_PATHS = ("/api/", "/events.json", "/events.csv", "/feed.atom")


def create_app(engine: Engine | None = None, *, response_cache: bool | None = None) -> FastAPI:
    """``response_cache``: keep rendered responses per data version (app/web/http_cache.py);
    by default on for the server's own engine and off for one passed in, and ``RESPONSE_CACHE``
    (``0``/``1``) overrides the default. Conditional GET (ETag, 304) is always on."""
    app = FastAPI(
        title="csto-timeline",
        version="0.1.0",
        description="Events said and done around the CSTO, extracted from Arabic news. "
        "`/api/events` takes the same filters as the timeline page.",
    )
    app.state.engine = engine or get_engine(Settings.from_env().database_url)
    if engine is None:  # the server's own engine: remember aggregates until the data changes
        cache.enable(app.state.engine)
        _tune_gc()
    app.mount("/static", StaticFiles(directory=str(Path(ROOT / "static"))), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(stories.router)

    @app.middleware("http")
    async def language_and_vary(request: Request, call_next):
        asked = request.query_params.get("lang")
        request.state.lang = pick_lang(
            asked, request.cookies.get(LANG_COOKIE), request.headers.get("accept-language", "")
        )
        response = await call_next(request)
        if asked in LANGS and request.cookies.get(LANG_COOKIE) != asked:
            response.set_cookie(
                LANG_COOKIE, asked, max_age=365 * 24 * 3600, samesite="lax", httponly=True
            )
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers["Vary"] = "HX-Request, Accept-Language, Cookie"
        return response

    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: FilterError):
        if _wants_json(request):
            return JSONResponse(
                {
                    "detail": [
                        {"loc": ["query", exc.param], "msg": exc.message, "type": "value_error"}
                    ]
                },
                status_code=400,
            )
        return _error_page(request, 400, f"{exc.param}: {exc.message}")

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        if _wants_json(request):
            return JSONResponse({"detail": _jsonable(exc.errors())}, status_code=422)
        message = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}"
            for e in exc.errors()
        )
        return _error_page(request, 422, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _wants_json(request):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        return _error_page(request, exc.status_code, str(exc.detail))

    store = response_cache if response_cache is not None else response_cache_enabled(engine is None)
    app.add_middleware(
        HttpCacheMiddleware,
        engine=app.state.engine,
        token=build_token(app.version, ROOT),
        store=store,
    )
    install_security(app)  # headers, GET/HEAD only, size limits, leak-free 500
    return app


# A page allocates tens of thousands of container objects (ORM rows, SQL constructs, template
# contexts): under the default thresholds (700, 10, 10) the collector took 1.5 ms of young
# collections and 5-6 ms of full ones (amortized) per warm timeline page of 28-35 ms, profiled
# with gc.callbacks at 100k events; with these it took none, and the page 19-26 ms. What the
# server holds from startup (routes, templates, compiled SQL) is also frozen out of them.
# Reference cycles are rare in a request and are still collected, only later.
GC_THRESHOLDS = (50_000, 20, 10)


def _tune_gc() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(DATA_PATHS)


def _jsonable(errors) -> list[dict]:
    return [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg")), "type": e.get("type")}
        for e in errors
    ]


def _error_page(request: Request, status: int, message: str):
    if not hasattr(request.state, "lang"):
        request.state.lang = pick_lang(None, request.cookies.get(LANG_COOKIE), "")
    title, body = error_text(status, request.state.lang)
    return render(
        request,
        "pages/error.html",
        {"status": status, "message": message, "title": title, "body": body},
        status_code=status,
    )
