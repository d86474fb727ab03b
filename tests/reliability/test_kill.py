"""SIGKILL mid-batch: every article is fully stored or absent, and running again completes it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from app.db import make_engine
from app.migrate import upgrade

from .helpers import (
    ROOT,
    context_free_events,
    events_by_article,
    run_cli,
    snapshot,
    store_problems,
    table_counts,
)

ARTICLES = 40
INGEST = [sys.executable, "-m", "app.cli"]


def test_sigkill_mid_batch_leaves_a_consistent_store_and_a_rerun_completes(
    tmp_path, variants_folder, clean_store
):
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    upgrade(url)  # so the store can be watched from the start
    engine = make_engine(url)
    log = (tmp_path / "ingest.log").open("w")
    process = subprocess.Popen(
        [*INGEST, "--db", url, "ingest", "--batch", "2", str(variants_folder)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        stored = 0
        while process.poll() is None:
            stored = table_counts(engine)["article"]
            if stored:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
        log.close()
    assert process.returncode == -signal.SIGKILL, (tmp_path / "ingest.log").read_text()

    # consistent: no orphans, evidence matches, FTS matches; each stored article is complete
    # (its final events, or, awaiting the corpus-context pass, those without the context)
    assert store_problems(engine) == []
    partial = snapshot(engine)
    assert 0 < len(partial) < ARTICLES
    reference = events_by_article(clean_store)
    context_free = context_free_events(variants_folder)
    for article_id, (pending, event_ids) in partial.items():
        expected = context_free[article_id] if pending else reference[article_id]
        assert event_ids == expected, f"article {article_id} is half stored"
    final = sum(not pending for pending, _ in partial.values())

    # running the same command again completes the batch: same rows as a clean run
    result = run_cli("--db", url, "ingest", str(variants_folder))
    assert result.returncode == 0, result.stderr
    # an article the first run stored but never listed (awaiting the context pass) is listed
    # as added now, when it is complete
    summary = f"ingest: {ARTICLES} files: {ARTICLES - final} added, {final} unchanged"
    assert result.stderr.splitlines()[-1] == summary
    assert events_by_article(engine) == reference
    assert table_counts(engine) == table_counts(clean_store)
    assert store_problems(engine) == []


def test_sigterm_mid_batch_stops_cleanly_with_exit_130(tmp_path, variants_folder, clean_store):
    url = f"sqlite:///{tmp_path / 'stopped.db'}"
    upgrade(url)
    engine = make_engine(url)
    process = subprocess.Popen(
        [*INGEST, "--db", url, "ingest", "--batch", "2", str(variants_folder)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    while process.poll() is None:
        if table_counts(engine)["article"]:
            process.send_signal(signal.SIGTERM)
            break
        time.sleep(0.005)
    _, stderr = process.communicate(timeout=120)
    lines = stderr.splitlines()
    if process.returncode == 0:  # it finished before the signal landed: nothing to check
        return
    assert process.returncode == 130, stderr
    assert lines[-2].startswith("interrupted after ")
    assert (
        "every article listed above as added or updated is stored, the others are not"
        in (lines[-2])
    )
    assert lines[-2].endswith("run the same command again to finish")
    assert store_problems(engine) == []
    reference = events_by_article(clean_store)
    context_free = context_free_events(variants_folder)
    stored = snapshot(engine)
    for article_id, (pending, event_ids) in stored.items():
        assert event_ids == (context_free if pending else reference)[article_id]
    listed = [line for line in lines if line.startswith("added ")]
    # what it said is what is stored, and complete (the rest awaits the context pass)
    assert len(listed) == sum(not pending for pending, _ in stored.values())
    awaiting = sum(pending for pending, _ in stored.values())
    assert ("awaiting the corpus-context pass" in lines[-2]) == bool(awaiting)

    result = run_cli("--db", url, "ingest", str(variants_folder))
    assert result.returncode == 0, result.stderr
    assert events_by_article(engine) == reference
