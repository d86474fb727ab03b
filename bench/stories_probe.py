"""Ingest speed with stories and without them (issue 11: within 20%).

    python -m bench.stories_probe [--articles 300] [--rounds 3]

Writes the synthetic corpus (bench/corpus.py) plus the seeds, then ingests them into a fresh
SQLite store, each run in its own process, alternating "with" (the real ingest) and "without"
(the same ingest with the stories hooks of app/store.py and app/batch_store.py made no-ops),
and prints each run and the medians. The corpus's statements come from a few templates,
so many are alike: more LSH candidates and larger stories than real news — a hard case.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(mode: str, listfile: Path, url: str) -> dict:
    from app.db import make_engine
    from app.ingest import ingest_paths
    from app.migrate import upgrade
    from app.parallel import extract_many

    if mode == "without":
        import app.batch_store
        import app.store

        class _NoStories:
            @staticmethod
            def attach_article(*args, **kwargs):
                return {}

            @staticmethod
            def detach_article(*args, **kwargs):
                return None

            attach_articles = detach_articles = detach_article

        app.store.stories = app.batch_store.stories = _NoStories
    files = [Path(line) for line in listfile.read_text().splitlines() if line]
    upgrade(url)
    engine = make_engine(url)
    extract_many(["تمهيد"])  # the extractor's resources loaded outside the timing
    started = time.perf_counter()
    outcomes = ingest_paths(files, engine, max_bytes=2**21)
    seconds = time.perf_counter() - started
    engine.dispose()
    return {
        "mode": mode,
        "articles": len(files),
        "events": sum(o.events for o in outcomes),
        "failed": sum(o.failed for o in outcomes),
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(files) / seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--run", nargs=3, metavar=("MODE", "LIST", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        print(json.dumps(_run(args.run[0], Path(args.run[1]), args.run[2])))
        return 0
    from bench.corpus import write_corpus

    with tempfile.TemporaryDirectory(prefix="stories-probe-") as tmp:
        folder, _ = write_corpus(Path(tmp) / "corpus", args.articles)
        files = sorted(folder.glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
        listfile = Path(tmp) / "files.txt"
        listfile.write_text("\n".join(map(str, files)))
        results: dict[str, list[float]] = {"with": [], "without": []}
        for round_ in range(args.rounds):
            for mode in ("without", "with") if round_ % 2 == 0 else ("with", "without"):
                url = f"sqlite:///{tmp}/{mode}-{round_}.db"
                done = subprocess.run(
                    [sys.executable, "-m", "bench.stories_probe", "--run", mode, str(listfile),
                     url],
                    capture_output=True, text=True, check=True, cwd=ROOT,
                )  # fmt: skip
                result = json.loads(done.stdout.strip().splitlines()[-1])
                print(json.dumps(result), flush=True)
                results[mode].append(result["seconds"])
    with_s, without_s = (statistics.median(results[m]) for m in ("with", "without"))
    print(
        f"median seconds: with stories {with_s:.2f}, without {without_s:.2f}: "
        f"stories cost {100 * (with_s / without_s - 1):+.1f}% of ingest time"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
