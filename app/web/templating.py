"""The Jinja2 environment shared by the routers, and the one helper that renders a page.

Templates are rendered whole, or as named blocks (jinja2-fragments) for htmx requests.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from jinja2_fragments.fastapi import Jinja2Blocks
from markupsafe import Markup
from starlette.responses import Response

from app.filters import DEFAULT_LIMIT
from app.settings import ROOT
from app.web import cards, svg
from app.web.i18n import format_date, t
from app.web.text import close_bidi

templates = Jinja2Blocks(directory=str(ROOT / "templates"))
templates.env.globals["format_date"] = format_date
templates.env.globals["default_limit"] = DEFAULT_LIMIT
templates.env.globals["lead_in"] = cards.lead_in
templates.env.globals["event_card"] = cards.event_card
templates.env.globals["story_card"] = cards.story_card
templates.env.globals["axis_marks"] = svg.axis_marks
templates.env.globals["strip_marks"] = svg.strip_marks
templates.env.globals["date_note"] = cards.date_note
templates.env.globals["role_of"] = cards.role_of
templates.env.globals["speaker_name"] = cards.speaker_name
templates.env.globals["source_url"] = cards.source_url
templates.env.globals["marked"] = cards.marked
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True
# Templates change only with a deploy: checking every template's mtime on every render cost ~13%
# of an uncached page (os.stat per template and include).
templates.env.auto_reload = False


def is_fragment_request(request: Request) -> bool:
    """An htmx request that wants a fragment (a history restore wants the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_partial(lang: str, name: str, context: dict[str, Any]) -> Markup:
    """A partial template rendered on its own (to be remembered and put into a page as is)."""
    base = {
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "t": lambda key, **values: t(key, lang, **values),
    }
    return Markup(templates.get_template(name).render({**base, **context}))


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    block_names: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    lang = getattr(request.state, "lang", "ar")
    other = "en" if lang == "ar" else "ar"
    switch = request.url.include_query_params(lang=other)
    base = {
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "t": lambda key, **values: t(key, lang, **values),
        "other_lang": other,
        "lang_url": f"{switch.path}?{switch.query}",
        "oob": bool(block_names),
        "path": request.url.path,
    }
    base.update(context)
    kwargs: dict[str, Any] = {"status_code": status_code, "headers": headers}
    if block_names:
        kwargs["block_names"] = block_names
    return templates.TemplateResponse(request, name, base, **kwargs)


def _finalize(value: Any) -> Any:
    # Markup (already-rendered HTML) is left alone; plain strings get their bidi closed and are
    # then auto-escaped as usual.
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return close_bidi(value)
    return value


templates.env.finalize = _finalize
