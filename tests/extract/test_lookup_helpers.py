"""The extractor's lookup helpers against their plain definitions (the fast paths must agree)."""

from __future__ import annotations

import re
from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract.dates import _trigger_hits
from app.extract.mentions import object_verb
from app.extract.reported import _accusation
from app.extract.resources import load_resources
from app.extract.textnorm import normalize_text

# Arabic letters, a diacritic and tatweel (they vanish from the key), a ligature (it grows),
# spaces, a line break, digits and punctuation
ALPHABET = "اأبتثجحسشقلمنهوية" + "\u064e\u0651\u0640" + "\ufefb" + "  \n" + "12" + '،."«»:'


def _tokens_in(nt, k0: int, k1: int) -> list:
    """The definition: tokens starting in [k0, k1), the trailing ones running past k1 left out."""
    starts = [t[0] for t in nt.tokens]
    out = list(nt.tokens[bisect_left(starts, k0) : bisect_left(starts, k1)])
    while out and out[-1][1] > k1:
        out.pop()
    return out


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=0, max_size=60), st.data())
def test_offset_helpers_agree_with_their_definitions(text, data):
    nt = normalize_text(text)
    for raw_index in range(-2, len(text) + 3):
        assert nt.key_offset(raw_index) == bisect_left(nt.kmap, raw_index)
    n = len(nt.key)
    k0 = data.draw(st.integers(-1, n + 1))
    k1 = data.draw(st.integers(-1, n + 1))
    assert nt.tokens_in(k0, k1) == _tokens_in(nt, k0, k1)


def test_accusation_verbs_with_their_object_pronouns():
    res = load_resources()
    for word in ("اتهمها", "اتهمهم", "اتهمهما", "اتهمه", "واتهمتها"):
        assert object_verb(res, word) is not None, word
    for word in ("اتهم", "اتهمك", "قالها", "هما", ""):
        assert object_verb(res, word) is None, word
    assert _accusation("اتهم") and _accusation("اتهمتهم") and _accusation("اتهمه")
    assert not _accusation("واتهمه") and not _accusation("قال")


def test_trigger_hits_are_the_windows_each_trigger_occurs_in():
    month, year = re.compile("يناير|مارس"), re.compile(r"(?:19|20)\d\d")
    key = "في يناير الماضي ... عام 2022 ... في مارس 2021"
    windows = [(0, 15), (16, 28), (29, len(key))]
    hits = _trigger_hits(key, windows, [month, year, month])  # a trigger two kinds share
    assert list(hits) == [month, year]
    assert hits[month] == [(0, 15), (29, len(key))]
    assert hits[year] == [(16, 28), (29, len(key))]
    assert _trigger_hits(key, [], [month]) == {month: []}
