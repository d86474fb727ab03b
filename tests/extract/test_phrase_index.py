"""events._phrase_at looks phrases up by their first word: the same phrase as trying each in
list order, whichever of a word's forms (clitics, suffixes) the phrase is listed under."""

from __future__ import annotations

import itertools
import random

from app.extract.events import _phrase_at, forms, lexicon


def _by_scanning(words, i, phrases):
    """The reference: every phrase in order, each word as written or one of its forms."""
    for p in phrases:
        n = len(p)
        if i + n <= len(words) and all(
            words[i + j] == p[j] or p[j] in forms(words[i + j]) for j in range(n)
        ):
            return p
    return None


def test_the_first_listed_phrase_wins_when_two_start_at_a_word():
    phrases = (("مؤتمر", "صحفي", "مشترك"), ("مؤتمر", "صحفي"), ("صحفي",))
    words = ["في", "مؤتمر", "صحفي", "مشترك"]
    assert _phrase_at(words, 1, phrases) == ("مؤتمر", "صحفي", "مشترك")
    assert _phrase_at(words, 1, phrases[1:]) == ("مؤتمر", "صحفي")
    assert _phrase_at(words[:3], 1, phrases) == ("مؤتمر", "صحفي")  # the longer one runs out
    assert _phrase_at(words, 2, phrases) == ("صحفي",)
    assert _phrase_at(words, 0, phrases) is None
    assert _phrase_at(words, 4, phrases) is None


def test_a_phrase_is_found_under_a_form_of_its_first_word():
    phrases = (("مؤتمر", "صحفي"),)
    assert _phrase_at(["وبمؤتمر", "صحفي"], 0, phrases) == ("مؤتمر", "صحفي")
    assert _phrase_at(["مؤتمرهم", "صحفي"], 0, phrases) == _by_scanning(
        ["مؤتمرهم", "صحفي"], 0, phrases
    )


def test_the_index_agrees_with_scanning_on_the_lexicon():
    lex = lexicon()
    vocabulary = sorted({w for p in (*lex.phrases, *lex.speech_occasions) for w in p})
    vocabulary += ["و" + w for w in vocabulary[:20]] + ["في", "اليوم", "قال"]
    rng = random.Random(7)
    for phrases in (tuple(lex.phrases), lex.speech_occasions):
        for _ in range(400):
            words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 6))]
            for i in range(len(words) + 1):  # (callers never pass a negative index)
                assert _phrase_at(words, i, phrases) == _by_scanning(words, i, phrases)
    # and on every pair of listed phrases written one after the other
    for a, b in itertools.product(lex.speech_occasions, repeat=2):
        words = [*a, *b]
        for i in range(len(words)):
            assert _phrase_at(words, i, lex.speech_occasions) == _by_scanning(
                words, i, lex.speech_occasions
            )
