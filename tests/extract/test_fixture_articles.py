"""The engine's own realistic articles (other outlets, speakers and date formats than the
seeds), with hand-made expected output in fixtures/articles_gold.json, scored like the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.extract.gold_helpers import score_folder
from tests.extract.test_gold import TARGETS

HERE = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def fixture_scores():
    gold = json.loads((HERE / "articles_gold.json").read_text(encoding="utf-8"))
    return score_folder(HERE / "articles", gold)


@pytest.mark.parametrize("metric", sorted(TARGETS))
def test_fixture_articles_meet_target(fixture_scores, metric):
    result, misses = fixture_scores
    assert result[metric] >= TARGETS[metric], "\n".join(misses)
