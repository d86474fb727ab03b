"""Text as the pages print it: bidi embeddings a stored string leaves open are closed."""

from __future__ import annotations

import re

_OPENERS = {"\u202a", "\u202b", "\u202d", "\u202e"}  # LRE RLE LRO RLO, closed by PDF U+202C
_ISOLATES = {"\u2066", "\u2067", "\u2068"}  # LRI RLI FSI, closed by PDI U+2069
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def close_bidi(text: str) -> str:
    """Close the bidi embeddings/overrides/isolates a text leaves open, so a stray U+202E in a
    quote or a name cannot reorder the page around it (the text itself is kept as written)."""
    if not _BIDI_CONTROL.search(text):  # the common case, in C: no scan in Python per character
        return text
    stack: list[str] = []
    for ch in text:
        if ch in _OPENERS:
            stack.append("\u202c")
        elif ch in _ISOLATES:
            stack.append("\u2069")
        elif ch == "\u202c" and stack and stack[-1] == "\u202c":
            stack.pop()
        elif ch == "\u2069":
            while stack and stack.pop() != "\u2069":
                pass
    return text + "".join(reversed(stack))
