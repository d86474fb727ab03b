"""The matching key for full-text search: Arabic-normalized so أ/ا، ى/ي، ة/ه and diacritics
don't matter. The same function builds the stored index text and the user's query."""

from __future__ import annotations

import re
import unicodedata

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "ی": "ي",
        "ک": "ك",
        "ۀ": "ه",
        "ہ": "ه",
    }
)
_NON_WORD = re.compile(r"[^\w]+|_")


def search_key(text: str) -> str:
    """Lower-case, dediacritized, alef/yeh/teh-marbuta-normalized words joined by spaces."""
    text = unicodedata.normalize("NFKC", text or "").translate(_DIGITS).replace("\u0640", "")
    text = dediac_ar(text)
    text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())
