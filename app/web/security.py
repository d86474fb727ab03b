"""What the public site holds to, whatever the routes do: security headers on every response,
read-only methods, bounded requests, and a 500 that never leaks a traceback.

``install_security(app)`` adds one pure-ASGI middleware (so streaming responses and static files
get the headers too, and an exception in any route still ends in a friendly page with them).

- Content-Security-Policy allows only this origin: no inline script or style, no eval (htmx is
  configured for that in ``base.html``), no framing. FastAPI's own ``/docs`` and ``/redoc``
  load Swagger/ReDoc from a CDN with an inline bootstrap script: they get a policy that allows
  exactly that, and nothing else of theirs is served.
- Only GET and HEAD: the site has no endpoint that writes, so any other method is a 405 before
  routing (no authentication needed because nothing can change).
- A request body over ``MAX_REQUEST_BYTES`` (default 16 KiB; GETs need none) is a 413, a URL over
  8 KiB a 414.
"""

from __future__ import annotations

import html
import json
import logging
import os
from urllib.parse import parse_qs

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web.i18n import error_text, pick_lang, t

log = logging.getLogger("csto_timeline.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com; "
    "worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), browsing-topics=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
}
ALLOWED_METHODS = ("GET", "HEAD")
MAX_URL_BYTES = 8 * 1024
JSON_PATHS = ("/api/", "/events.json", "/events.csv", "/feed.atom", "/openapi.json")


def max_request_bytes() -> int:
    return int(os.environ.get("MAX_REQUEST_BYTES", str(16 * 1024)))


def install_security(app: FastAPI) -> None:
    """Headers, method and size limits and a leak-free 500 for every request to ``app``."""
    app.add_middleware(SecurityMiddleware, max_body=max_request_bytes())


class _BodyTooLarge(Exception):
    pass


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, *, max_body: int = 16 * 1024) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = DOCS_CSP if path in DOCS_PATHS else CSP
        started = False

        head = scope.get("method") == "HEAD"

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = csp
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}  # HEAD: GET's headers, no body
            await send(message)

        refusal = self._refusal(scope)
        if refusal is not None:
            status, message, extra = refusal
            await _error(scope, send_with_headers, status, message, extra)
            return

        received = 0
        overflow = False

        async def bounded_receive() -> Message:
            nonlocal received, overflow
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    overflow = True
                    raise _BodyTooLarge
            return message

        if head:  # every GET route answers HEAD too (FastAPI routes list GET only)
            scope = {**scope, "method": "GET"}
        try:
            await self.app(scope, bounded_receive, send_with_headers)
        except _BodyTooLarge:
            if started:
                raise
            await _error(scope, send_with_headers, 413, _too_large(self.max_body))
        except Exception:
            if started:
                raise
            if overflow:  # _BodyTooLarge, wrapped on its way out by an inner middleware
                await _error(scope, send_with_headers, 413, _too_large(self.max_body))
                return
            log.exception("unhandled error on %s %s", scope.get("method"), path)
            await _error(scope, send_with_headers, 500, "internal error: it has been logged")
            # not re-raised: the server would log it a second time; tests see the 500

    def _refusal(self, scope: Scope) -> tuple[int, str, dict[str, str]] | None:
        method = scope.get("method", "GET")
        if method not in ALLOWED_METHODS:
            return (
                405,
                f"method {method} not allowed: this site is read-only",
                {"Allow": "GET, HEAD"},
            )
        if (
            len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            > MAX_URL_BYTES
        ):
            return 414, f"URL too long (over {MAX_URL_BYTES} bytes)", {}
        length = Headers(scope=scope).get("content-length")
        if length is not None:
            try:
                too_large = int(length) > self.max_body
            except ValueError:
                return 400, "bad Content-Length header", {}
            if too_large:
                return 413, _too_large(self.max_body), {}
        return None


def _too_large(limit: int) -> str:
    return f"request body too large (over {limit} bytes)"


def _wants_json(scope: Scope) -> bool:
    if scope.get("path", "").startswith(JSON_PATHS):
        return True
    accept = Headers(scope=scope).get("accept", "")
    return "application/json" in accept and "text/html" not in accept


async def _error(
    scope: Scope, send: Send, status: int, message: str, extra: dict[str, str] | None = None
) -> None:
    """A small error response (JSON for data paths, HTML otherwise) that needs nothing from the
    app: it must work when the app itself is what failed."""
    if _wants_json(scope):
        body = json.dumps({"detail": message}).encode()
        content_type = "application/json"
    else:
        body = _error_page(scope, status, message).encode()
        content_type = "text/html; charset=utf-8"
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        *((k.lower().encode(), v.encode()) for k, v in (extra or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _error_page(scope: Scope, status: int, message: str) -> str:
    """The error page in the visitor's language (?lang=, the cookie, Accept-Language), with a
    heading and explanation that match the status."""
    headers = Headers(scope=scope)
    query = parse_qs((scope.get("query_string") or b"").decode("latin-1"))
    lang = pick_lang(
        (query.get("lang") or [None])[0],
        cookie_parser(headers.get("cookie", "")).get("lang"),
        headers.get("accept-language", ""),
    )
    title, explanation = error_text(status, lang)
    return _ERROR_PAGE.format(
        lang=lang,
        dir="rtl" if lang == "ar" else "ltr",
        status=status,
        title=html.escape(title),
        site=html.escape(t("site.title", lang)),
        explanation=html.escape(explanation),
        details=html.escape(t("error.details", lang)),
        message=html.escape(message),
        back=html.escape(t("error.back", lang)),
    )


_ERROR_PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{status} · {title} · {site}</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main class="error">
<h1>{title} <span class="code">({status})</span></h1>
<p>{explanation}</p>
<p class="message"><span class="label">{details}:</span>
<code lang="en" dir="ltr">{message}</code></p>
<p><a href="/">{back}</a></p>
</main></body>
</html>
"""
