"""Streaming: articles are stored while the batch is still being read, so a kill during a
1,000-article batch keeps every article already listed, and the same command completes it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from app.db import make_engine
from app.ingest import ingest_paths
from app.migrate import upgrade

from .helpers import ROOT, events_by_article, fake_extract, store_problems, table_counts

ARTICLES = 1000
# the CLI with the fast fake extractor (tests/reliability/helpers.py) in place of the real one
FAKE_CLI = (
    "import sys, app.ingest; from tests.reliability.helpers import fake_extract, FakeContext; "
    "app.ingest._extractor = lambda: (fake_extract, FakeContext); "
    "from app.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _write_articles(folder) -> None:
    folder.mkdir()
    for n in range(ARTICLES):
        (folder / f"{n:04d}.txt").write_text(
            f'قال زاس: "الوضع في كازاخستان مستقر {n}".\nوغادرت القوات في اليوم رقم {n}.\n',
            encoding="utf-8",
        )


def test_a_kill_mid_batch_keeps_every_listed_article_and_a_rerun_completes(tmp_path, monkeypatch):
    import app.ingest

    from .helpers import FakeContext

    folder = tmp_path / "in"
    _write_articles(folder)
    reference_url = f"sqlite:///{tmp_path / 'reference.db'}"
    upgrade(reference_url)
    reference = make_engine(reference_url)
    monkeypatch.setattr(app.ingest, "_extractor", lambda: (fake_extract, FakeContext))
    assert len(ingest_paths([folder], reference, max_bytes=10_000)) == ARTICLES

    url = f"sqlite:///{tmp_path / 'killed.db'}"
    upgrade(url)
    engine = make_engine(url)
    log = tmp_path / "ingest.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", FAKE_CLI, "--db", url, "ingest", "--batch", "20", str(folder)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            while process.poll() is None and table_counts(engine)["article"] < ARTICLES // 3:
                time.sleep(0.01)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == -signal.SIGKILL, log.read_text()

    # every article listed as added is stored, complete; no article is half stored
    listed = [line.split()[1] for line in log.read_text().splitlines() if line.startswith("added")]
    stored = events_by_article(engine)
    expected = events_by_article(reference)
    assert ARTICLES // 3 <= len(stored) < ARTICLES
    assert len(listed) <= len(stored) <= len(listed) + 20  # at most the open batch unlisted
    assert store_problems(engine) == []
    for article_id, event_ids in stored.items():
        assert event_ids == expected[article_id]

    # the same command again: the rest is added, the stored ones are unchanged
    done = subprocess.run(
        [sys.executable, "-c", FAKE_CLI, "--db", url, "ingest", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    summary = done.stderr.splitlines()[-1]
    added = ARTICLES - len(stored)
    assert summary == f"ingest: {ARTICLES} files: {added} added, {len(stored)} unchanged"
    assert events_by_article(engine) == expected
    assert table_counts(engine) == table_counts(reference)
    assert store_problems(engine) == []
