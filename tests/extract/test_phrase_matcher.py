"""knowledge.PhraseMatcher: non-overlapping longest matches, left to right, a word read with one
proclitic; its trie walk finds what trying every phrase a word can start at every word finds."""

from __future__ import annotations

import random

from app.extract.knowledge import _CLITICS, Match, PhraseMatcher, phonetic_key
from app.extract.textnorm import norm


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for word in text.split(" "):
        out.append((pos, pos + len(word), word))
        pos += len(word) + 1
    return out


def _by_scanning(matcher: PhraseMatcher, tokens) -> list[Match]:
    """The reference: at each word, every phrase of every reading of it, the longest (then the
    shortest clitic, then the first listed) taken."""
    key = matcher.key or (lambda w: w)
    out, i = [], 0
    while i < len(tokens):
        word = tokens[i][2]
        readings = [(word, 0)]
        for pre, restore in _CLITICS:
            if word.startswith(pre) and len(word) - len(pre) >= 2:
                readings.append((word[len(pre) :], len(pre)))
                if restore:
                    readings.append((restore + word[len(pre) :], len(pre)))
        best = None
        for form, clen in readings:
            for words, payload, phrase in matcher._index.get(key(form), ()):
                k = len(words)
                fits = i + k <= len(tokens) and all(
                    key(tokens[i + j][2]) == words[j] for j in range(1, k)
                )
                if fits and (best is None or k > best[0] or (k == best[0] and clen < best[1])):
                    start = tokens[i][0]
                    m = Match(start, tokens[i + k - 1][1], start + clen, payload, phrase)
                    best = (k, clen, m)
        if best:
            out.append(best[2])
            i += best[0]
        else:
            i += 1
    return out


def _matcher(phrases, **kwargs) -> PhraseMatcher:
    m = PhraseMatcher(**kwargs)
    for n, phrase in enumerate(phrases):
        m.add(phrase, n)
    return m


def test_the_longest_phrase_wins_and_its_words_start_nothing():
    m = _matcher(["مجلس الأمن", "مجلس الأمن الجماعي", "الأمن الجماعي", "الجماعي"])
    found = m.find_all(_tokens(norm("قال مجلس الأمن الجماعي ثم مجلس الأمن القومي")))
    assert [(x.payload, x.form) for x in found] == [(1, "مجلس الأمن الجماعي"), (0, "مجلس الأمن")]


def test_a_phrase_longer_than_the_text_left_falls_back_to_a_shorter_one():
    m = _matcher(["منظمة معاهدة الأمن الجماعي", "منظمة"])
    found = m.find_all(_tokens(norm("باسم منظمة معاهدة الأمن")))
    assert [x.payload for x in found] == [1]


def test_a_proclitic_is_read_off_and_the_article_restored():
    m = _matcher(["المنظمة", "روسيا"])
    found = m.find_all(_tokens(norm("وروسيا للمنظمة")))
    assert [(x.payload, x.phrase_start - x.start) for x in found] == [(1, 1), (0, 2)]


def test_the_trie_walk_finds_what_scanning_every_phrase_finds():
    rng = random.Random(7)
    vocab = ["مجلس", "الأمن", "الجماعي", "وزير", "الدفاع", "الروسي", "لوزير", "والدفاع", "ممثل"]
    phrases = [" ".join(rng.choices(vocab, k=rng.randint(1, 4))) for _ in range(40)]
    for kwargs in ({}, {"allow_article": False}, {"allow_article": False, "key": phonetic_key}):
        m = _matcher(phrases, **kwargs)
        for _ in range(200):
            tokens = _tokens(norm(" ".join(rng.choices(vocab, k=rng.randint(1, 12)))))
            assert m.find_all(tokens) == _by_scanning(m, tokens)
