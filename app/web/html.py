"""Writing HTML in Python as the templates write it: the few hot loops (event cards, the time
axis' marks, the member-state strip) are written here in one pass instead of Jinja loops.

The rules are the templates': every stored value printed has its bidi embeddings closed and is
escaped (what ``templating._finalize`` and autoescape did); a fixed message is escaped once."""

from __future__ import annotations

import functools

from markupsafe import escape

from app.web.i18n import t
from app.web.text import close_bidi


def text(value) -> str:
    """A value as ``{{ value }}`` prints it: bidi closed (a string), then escaped."""
    return str(escape(close_bidi(value) if isinstance(value, str) else value))


@functools.lru_cache(maxsize=1024)
def msg(key: str, lang: str) -> str:
    """``{{ t(key) }}``: the message, escaped once (a card prints a dozen of them)."""
    return text(t(key, lang))
