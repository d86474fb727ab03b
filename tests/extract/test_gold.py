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
# issue 9: reported speech and true events (the seeds' gold lists reported statements and the
# kind of each dated mention; the fixture articles' gold does not)
SEED_TARGETS = {
    **TARGETS,
    "reported_recall": 0.85,
    "reported_speaker_accuracy": 0.95,
    "event_precision": 0.90,
    "event_recall": 0.90,
}


@pytest.fixture(scope="module")
def seed_scores():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return score_folder(SEEDS, gold)


@pytest.mark.parametrize("metric", sorted(SEED_TARGETS))
def test_seed_gold_meets_target(seed_scores, metric):
    result, misses = seed_scores
    assert result[metric] >= SEED_TARGETS[metric], "\n".join(misses)


def test_seed_gold_has_no_miss(seed_scores):
    """The issue's targets are floors; the seeds are solved, so any miss is a regression.

    Not counted: a background or not-event mention with no event around it ('no event dated
    … around'): only happenings need an event now (those misses read 'no event (kind event)')."""
    _, misses = seed_scores
    assert [m for m in misses if ": no event dated " not in m] == []


def test_gold_copy_matches_shared_gold():
    shared = GOLD.parents[3] / "shared" / "eval" / "seeds_gold.json"
    if not shared.exists():
        pytest.skip("no ../shared/eval here")
    assert json.loads(shared.read_text(encoding="utf-8")) == json.loads(
        GOLD.read_text(encoding="utf-8")
    )
