"""The extraction does not depend on Python's string hash seed: the knowledge base keeps its
entries' spellings in the file's order, so the phonetic index (a spelling the KB does not list)
registers the same form in every process. Sentences written for this test."""

from __future__ import annotations

import os
import subprocess
import sys

TEXT = (
    "موسكو – 4 مارس 2024\n\n"
    "قال رئيس المكتب الصحفي فلاديمير زينيتدينوف إن المنظمة تتابع الوضع عن كثب.\n\n"
    'وأضاف زينيتدينوف: "الاتصالات مع الشركاء مستمرة كل يوم".\n'
)

PROGRAM = """
import sys
from app.extract.pipeline import extract_article
ex = extract_article(sys.stdin.read())
for e in ex.events:
    print(e.start, e.end, e.speaker.name_ar if e.speaker else None, e.date)
"""


def _run(seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], input=TEXT, env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return done.stdout


def test_the_same_speakers_under_every_hash_seed():
    outputs = {seed: _run(seed) for seed in ("0", "1", "2", "3")}
    assert outputs["0"].strip(), "the text yields statements"
    assert len(set(outputs.values())) == 1, outputs
