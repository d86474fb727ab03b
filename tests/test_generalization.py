"""Regression guard on the held-out gold sets (bench/HELDOUT.md): realistic articles the extractor
was not written from. Floors sit a little under the figures measured when each was last worked on,
so a change that makes the extractor worse on unseen-style text fails here, not in a user's store.
Each set goes through the real ingest and export (bench/evaluate.py).

dated_mention_recall floors were lowered with issue 9: a date is an ``event`` only for a
happening with a trigger now, and these golds list every date without its kind (statement
dates, labels, horizons), so part of them is rightly found by no event. Lowered again in
stop 15 (b, d; g's date_accuracy): a publication day is no longer guessed from the latest date
an article mentions (wrong on every real article it decided), so an undated written article's
statements stay undated where the gold had taken that guess."""

from __future__ import annotations

import pytest

from bench.evaluate import SETS, evaluate

FLOORS = {
    "heldout-a": {
        "quote_recall": 0.96,
        "quote_precision": 0.97,
        "speaker_accuracy": 0.95,
        "date_accuracy": 0.95,
        "country_f1": 0.96,
        "published_accuracy": 0.97,
        "outlet_accuracy": 0.9,
        "dated_mention_recall": 0.8,
    },
    "heldout-b": {
        "quote_recall": 0.97,
        "quote_precision": 0.95,
        "speaker_accuracy": 0.97,
        "date_accuracy": 0.97,
        "country_f1": 0.97,
        "published_accuracy": 0.97,
        "outlet_accuracy": 0.97,
        "dated_mention_recall": 0.83,
    },
    "heldout-c": {
        "quote_recall": 0.95,
        "quote_precision": 0.95,
        "speaker_accuracy": 0.82,
        "date_accuracy": 0.78,
        "country_f1": 0.97,
        "published_accuracy": 0.97,
        "outlet_accuracy": 0.97,
        "dated_mention_recall": 0.53,
    },
    "heldout-d": {
        "quote_recall": 0.94,
        "quote_precision": 0.97,
        "speaker_accuracy": 0.9,
        "date_accuracy": 0.81,
        "country_f1": 0.96,
        "published_accuracy": 0.85,
        "outlet_accuracy": 0.97,
        "dated_mention_recall": 0.6,
    },
    "heldout-f": {
        "quote_recall": 0.97,
        "quote_precision": 0.97,
        "speaker_accuracy": 0.95,
        "date_accuracy": 0.95,
        "country_f1": 0.96,
        "published_accuracy": 0.97,
        "outlet_accuracy": 0.97,
        "dated_mention_recall": 0.88,
    },
    "heldout-g": {
        "quote_recall": 0.96,
        "quote_precision": 0.97,
        "speaker_accuracy": 0.83,
        "date_accuracy": 0.85,
        "country_f1": 0.96,
        "published_accuracy": 0.97,
        "outlet_accuracy": 0.85,
        "dated_mention_recall": 0.77,
    },
    "heldout-h": {
        "quote_recall": 0.95,
        "quote_precision": 0.97,
        "speaker_accuracy": 0.88,
        "date_accuracy": 0.65,
        "country_f1": 0.94,
        "published_accuracy": 0.78,
        "outlet_accuracy": 0.97,
        "dated_mention_recall": 0.6,
    },
    "heldout-e": {
        "quote_recall": 0.97,
        "quote_precision": 0.97,
        "speaker_accuracy": 0.93,
        "date_accuracy": 0.91,
        "country_f1": 0.97,
        "published_accuracy": 0.97,
        "outlet_accuracy": 0.97,
        "dated_mention_recall": 0.72,
    },
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request):
    articles, gold = SETS[request.param]
    result, misses = evaluate(articles, gold)
    return request.param, result, misses


def test_held_out_set_stays_above_its_floors(scored):
    name, result, misses = scored
    below = {m: round(result[m], 3) for m, floor in FLOORS[name].items() if result[m] < floor}
    assert below == {}, f"{name} fell below its floors: {below}\n" + "\n".join(misses)
