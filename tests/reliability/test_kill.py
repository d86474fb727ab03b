"""SIGKILL mid-batch: every article is fully stored or absent, and running again completes it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from app.db import make_engine
from app.migrate import upgrade

from .helpers import ROOT, events_by_article, run_cli, store_problems, table_counts

ARTICLES = 40


def test_sigkill_mid_batch_leaves_a_consistent_store_and_a_rerun_completes(
    tmp_path, variants_folder, clean_store
):
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    upgrade(url)  # so the store can be watched from the start
    engine = make_engine(url)
    log = (tmp_path / "ingest.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--db", url, "ingest", str(variants_folder)],
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
    assert store_problems(engine) == []
    partial = events_by_article(engine)
    assert 0 < len(partial) < ARTICLES
    reference = events_by_article(clean_store)
    for article_id, event_ids in partial.items():
        assert event_ids == reference[article_id], f"article {article_id} is half stored"

    # running the same command again completes the batch: same rows as a clean run
    result = run_cli("--db", url, "ingest", str(variants_folder))
    assert result.returncode == 0, result.stderr
    added = ARTICLES - len(partial)
    summary = f"ingest: {ARTICLES} files: {added} added, {len(partial)} unchanged"
    assert result.stderr.splitlines()[-1] == summary
    assert events_by_article(engine) == reference
    assert table_counts(engine) == table_counts(clean_store)
    assert store_problems(engine) == []


def test_sigterm_mid_batch_stops_cleanly_with_exit_130(tmp_path, variants_folder, clean_store):
    url = f"sqlite:///{tmp_path / 'stopped.db'}"
    upgrade(url)
    engine = make_engine(url)
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--db", url, "ingest", str(variants_folder)],
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
    assert lines[-2].endswith(
        "every article listed above as added or updated is stored, the others are not; "
        "run the same command again to finish"
    )
    assert store_problems(engine) == []
    reference = events_by_article(clean_store)
    for article_id, event_ids in events_by_article(engine).items():
        assert event_ids == reference[article_id]
    listed = [line for line in lines if line.startswith("added ")]
    assert len(listed) == table_counts(engine)["article"]  # what it said is what is stored
