"""HTTP caching for the read-only site: conditional GET (ETag + 304) and a rendered-response LRU.

Every 200 HTML/JSON/CSV/Atom response carries ``ETag: W/"…"`` and ``Cache-Control: no-cache``
(a browser or proxy may keep it but revalidates each time). The tag is derived, before any route
runs, from the data version (``app.cache.AggregateCache.version``: SQLite file + WAL size and
mtime; a 30 s bucket elsewhere), the scheme, host, path and query, the resolved language, the
HX-Request and HX-History-Restore-Request headers, and the app's version (plus the templates'
mtimes), so:

- ``If-None-Match`` matching → 304 without calling the route: no SQL beyond the data version,
  which on SQLite is two ``stat`` calls and no statement at all;
- with the response cache on (``RESPONSE_CACHE``, default on for ``serve``; ``0`` turns it off),
  up to ``RESPONSE_CACHE_SIZE`` (512) rendered responses per worker are kept under that same key
  and served as stored bytes until the data version changes. Errors, responses that set a cookie
  (``?lang=`` remembered) and bodies over 1 MiB are never stored.

The language is resolved exactly as the app does (``?lang=``, the ``lang`` cookie,
Accept-Language), so ``Vary: HX-Request, Accept-Language, Cookie`` on HTML stays truthful for
shared caches while this cache keys on the one thing those headers decide.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import cache
from app.web.i18n import LANGS, pick_lang

CACHED_TYPES = (b"text/html", b"application/json", b"text/csv", b"application/atom+xml")
SKIPPED_PATHS = ("/static/", "/docs", "/redoc")
MAX_BODY = 1024 * 1024


def response_cache_enabled(default: bool) -> bool:
    value = os.environ.get("RESPONSE_CACHE")
    return default if value is None or value == "" else value not in ("0", "false", "no", "off")


def build_token(version: str, root: Path) -> str:
    """The app's version and the newest template's mtime: a deploy invalidates old tags."""
    newest = 0
    for path in (root / "templates").rglob("*"):
        with contextlib.suppress(OSError):
            newest = max(newest, path.stat().st_mtime_ns)
    return f"{version}:{newest}"


class HttpCacheMiddleware:
    def __init__(
        self, app: ASGIApp, *, engine, token: str, store: bool, size: int | None = None
    ) -> None:
        self.app = app
        self.versions = cache.AggregateCache(engine, size=0)  # its data version only
        self.token = token
        self.store = store
        self.size = size or int(os.environ.get("RESPONSE_CACHE_SIZE", "512"))
        self.entries: OrderedDict[str, tuple[object, int, list, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or path.startswith(SKIPPED_PATHS)
        ):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        query = scope.get("query_string") or b""
        asked = _query_lang(query)
        cookie_lang = cookie_parser(headers.get("cookie", "")).get("lang")
        lang = pick_lang(asked, cookie_lang, headers.get("accept-language", ""))
        sets_cookie = asked in LANGS and cookie_lang != asked
        version = self.versions.version()  # taken first: a write meanwhile → next misses
        key = "\x00".join(
            (
                self.token,
                repr(version),
                scope.get("scheme", "http"),
                headers.get("host", ""),
                path,
                query.decode("latin-1"),
                lang,
                headers.get("hx-request", ""),
                headers.get("hx-history-restore-request", ""),
            )
        )
        etag = 'W/"' + hashlib.blake2b(key.encode(), digest_size=12).hexdigest() + '"'
        if not sets_cookie and _matches(headers.get("if-none-match"), etag):
            await _not_modified(send, etag)
            return
        if self.store and not sets_cookie:
            with self.lock:
                entry = self.entries.get(key)
                if entry is not None:
                    self.entries.move_to_end(key)
                    self.hits += 1
            if entry is not None:
                _, status, raw_headers, body = entry
                start = {"type": "http.response.start", "status": status, "headers": raw_headers}
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            with self.lock:
                self.misses += 1

        state: dict = {"tagged": False, "start": None, "chunks": [], "size": 0, "keep": False}

        async def tagging_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                content_type = next((v for k, v in raw if k == b"content-type"), b"")
                cookie = any(k == b"set-cookie" for k, _ in raw)
                if message["status"] == 200 and content_type.startswith(CACHED_TYPES):
                    raw = [(k, v) for k, v in raw if k not in (b"etag", b"cache-control")]
                    raw += [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]
                    message = {**message, "headers": raw}
                    state["keep"] = self.store and not cookie and not sets_cookie
                    state["start"] = message
            elif message["type"] == "http.response.body" and state["keep"]:
                body = message.get("body", b"")
                state["size"] += len(body)
                if state["size"] > MAX_BODY:
                    state["keep"], state["chunks"] = False, []
                else:
                    state["chunks"].append(body)
                    if not message.get("more_body", False):
                        self._remember(key, version, state["start"], b"".join(state["chunks"]))
            await send(message)

        await self.app(scope, receive, tagging_send)

    def _remember(self, key: str, version, start: Message, body: bytes) -> None:
        with self.lock:
            self.entries[key] = (version, start["status"], start["headers"], body)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


def _query_lang(query: bytes) -> str | None:
    if b"lang=" not in query:
        return None
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    values = [v for k, v in pairs if k == "lang"]
    return values[-1] if values else None  # as Starlette's query_params.get: the last one


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    opaque = etag[2:]
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == opaque:
            return True
    return False


async def _not_modified(send: Send, etag: str) -> None:
    headers = [
        (b"etag", etag.encode()),
        (b"cache-control", b"no-cache"),
        (b"vary", b"HX-Request, Accept-Language, Cookie"),
    ]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
