"""Paragraphs and sentences, as raw-text offsets.

A paragraph is a line. Lines of page furniture (``(تستمر)``, ``Ru En``, photo credits,
``@handle``, share prompts, Latin-only lines) are flagged ``noise`` so no later stage reads
them as prose. Sentences end at ``. ! ? ؟`` (and the Urdu full stop) followed by space or the
end of the paragraph, possibly after closing quote marks; ``..`` is a pause, not an end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.frozen import quick_init
from app.extract.resources import Resources
from app.extract.textnorm import NormText


@quick_init
@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@quick_init
@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    noise: bool
    sentences: tuple[Sentence, ...]


_CLOSERS = "\"'”“»«’)]»"
_END_RE = re.compile(r"(?<![.!?؟])[.!?؟](?![.!?؟])")


def _is_noise(line: str, res: Resources) -> bool:
    s = line.strip()
    if not s:
        return True
    return any(p.match(s) for p in res.noise_line_res)


def split_sentences(nt: NormText, start: int, end: int) -> tuple[Sentence, ...]:
    """Sentences of the raw range ``[start, end)`` (offsets trimmed of spaces)."""
    raw = nt.raw
    k0, k1 = nt.key_offset(start), nt.key_offset(end)
    key = nt.key
    cuts: list[int] = []  # raw offsets where a sentence ends
    for m in _END_RE.finditer(key, k0, k1):
        k = m.end()
        # a full stop between digits or after a single letter (abbreviation) is no end
        if m.group() == "." and (
            (m.start() > 0 and key[m.start() - 1].isdigit() and k < len(key) and key[k].isdigit())
            or (m.start() > 1 and key[m.start() - 2] in " (\n" and key[m.start() - 1].isalpha())
        ):
            continue
        while k < k1 and key[k] in _CLOSERS:
            k += 1
        if k < k1 and not key[k].isspace():
            continue
        cuts.append(nt.raw_end(k))
    out: list[Sentence] = []
    s = start
    for c in [*cuts, end]:
        a, b = s, min(c, end)
        while a < b and raw[a].isspace():
            a += 1
        while b > a and raw[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Sentence(a, b))
        s = c
    return tuple(out)


def segment(nt: NormText, res: Resources) -> tuple[Paragraph, ...]:
    raw = nt.raw
    out: list[Paragraph] = []
    pos = 0
    for line in raw.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        while a < b and raw[a].isspace():
            a += 1
        while b > a and (
            raw[b - 1].isspace() or raw[b - 1] in "\u200b\u200c\u200d\u200e\u200f\ufeff"
        ):
            b -= 1
        if b <= a:
            continue
        noise = _is_noise(raw[a:b], res)
        out.append(Paragraph(a, b, noise, () if noise else split_sentences(nt, a, b)))
    return tuple(out)
