"""The matching key for full-text search: Arabic-normalized so أ/ا، ى/ي، ة/ه and diacritics
don't matter, with light stemming of proclitics so "روسيا" finds "وروسيا" and "الانسحاب" finds
"والانسحاب".

``search_key`` builds the stored index text (event.search_text and its FTS row): every word
followed by its clitic-stripped forms. ``query_groups`` turns the user's query into, per word, the
forms any of which may match (the word and its stripped forms); the query ANDs the groups."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from camel_tools.utils.charsets import AR_DIAC_CHARSET

_DIGITS = {
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "ی": "ي",
    "ک": "ك",
    "ۀ": "ه",
    "ہ": "ه",
}
# Every normalization after NFKC maps one character to one or none, and none maps onto another's
# source, so they are one table: the digits and letter variants above, no tatweel, no diacritics
# (camel_tools' dediac_ar), alef variants to bare alef (its normalize_alef_ar), alef maksura to
# yeh and teh marbuta to heh (normalize_alef_maksura_ar, normalize_teh_marbuta_ar).
_NORMALIZE = str.maketrans(
    {
        **_DIGITS,
        "\u0640": None,
        **dict.fromkeys(AR_DIAC_CHARSET),
        **dict.fromkeys("\u0625\u0623\u0671\u0622", "\u0627"),
        "\u0649": "\u064a",
        "\u0629": "\u0647",
    }
)
_NON_WORD = re.compile(r"[^\w]+|_")


# Proclitics, longest first: a conjunction (و ف), then a preposition (ب ل ك) and/or the article
# (ال); ل + ال is written لل. Stripping stops at the first match (longest wins) per form.
PROCLITICS = (
    "وبال", "وكال", "فبال", "فكال", "ولل", "فلل",
    "وال", "فال", "بال", "كال", "لل", "ال",
    "وب", "ول", "وك", "فب", "فل", "فك",
    "و", "ف", "ب", "ل", "ك",
)  # fmt: skip
MIN_STEM = 4  # letters left after stripping: shorter stems (امن، قاء) are too ambiguous


def normalize_words(text: str) -> list[str]:
    """Lower-case, dediacritized, alef/yeh/teh-marbuta-normalized words.

    Whitespace-delimited pieces are normalized one by one (cached: they recur across events),
    which gives exactly the words of the whole text normalized at once: NFKC never composes
    across whitespace (a whitespace character composes with no mark and stays no word
    character) and lower-casing looks at nothing beyond it."""
    return [word for piece in (text or "").split() for word in _piece_words(piece)]


@lru_cache(maxsize=65536)
def _piece_words(piece: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", piece).translate(_NORMALIZE)
    return tuple(_NON_WORD.sub(" ", text.lower()).split())


@lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[str, ...]:
    """The word and the forms left by stripping each proclitic sequence it starts with
    (``والانسحاب`` → والانسحاب، الانسحاب، انسحاب); a strip must leave ``MIN_STEM`` letters.
    ``لل`` (ل + ال) also gives the form with the article back (``للانسحاب`` → الانسحاب)."""
    forms = [word]
    for clitic in PROCLITICS:
        if not word.startswith(clitic):
            continue
        rest = word[len(clitic) :]
        if clitic.endswith("لل") and len(rest) >= MIN_STEM - 1:
            forms.append("ال" + rest)
        if len(rest) >= MIN_STEM:
            forms.append(rest)
    return tuple(dict.fromkeys(forms))


def search_key(text: str) -> str:
    """The index text: each normalized word followed by its clitic-stripped forms."""
    return " ".join(map(_word_key, normalize_words(text)))


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    """One word's part of the index text (its forms, space-separated): cached, as the same
    words recur across events."""
    return " ".join(word_forms(word))


def query_groups(text: str) -> list[tuple[str, ...]]:
    """Per query word, its forms: an event matches when every group has a form in its index
    text (which holds every indexed word's forms too, so the two meet on the shared stem)."""
    return [word_forms(word) for word in dict.fromkeys(normalize_words(text))]
