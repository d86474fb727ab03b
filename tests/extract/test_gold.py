"""The development gold set: the five seeds, extracted as a two-pass corpus like the ingest,
exported in the contract's shape and scored by the shared scorer."""

from __future__ import annotations

import json

import pytest

from tests.extract.gold_helpers import GOLD, SEEDS, score_folder

TARGETS = {
    "quote_recall": 0.97,
    "quote_precision": 0.95,
    "speaker_accuracy": 0.95,
    "date_accuracy": 0.95,
    "country_f1": 0.90,
    "published_accuracy": 1.0,
    "outlet_accuracy": 1.0,
    "dated_mention_recall": 0.90,
}


@pytest.fixture(scope="module")
def seed_scores():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return score_folder(SEEDS, gold)


@pytest.mark.parametrize("metric", sorted(TARGETS))
def test_seed_gold_meets_target(seed_scores, metric):
    result, misses = seed_scores
    assert result[metric] >= TARGETS[metric], "\n".join(misses)


def test_seed_gold_has_no_miss(seed_scores):
    """The issue's targets are floors; the seeds are solved, so any miss is a regression."""
    _, misses = seed_scores
    assert misses == []


def test_gold_copy_matches_shared_gold():
    shared = GOLD.parents[3] / "shared" / "eval" / "seeds_gold.json"
    if not shared.exists():
        pytest.skip("no ../shared/eval here")
    assert json.loads(shared.read_text(encoding="utf-8")) == json.loads(
        GOLD.read_text(encoding="utf-8")
    )
