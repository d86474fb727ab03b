"""Ingest speed with stories and without them (issue 11: within 20%), and how it grows.

    python -m bench.stories_probe [--sizes 1000,5000] [--rounds 2] [--workers 2]

For each size, the first ``size`` articles of the synthetic corpus (bench/corpus.py, cached
under bench/out/) are ingested into a fresh SQLite store by ``bench.probe ingest`` — the real
ingest (streaming batch writer, corpus-context pass), each run in its own process — alternating
"with" (the stories' hook on) and "without" (``--no-stories``: the hook a no-op), the order
swapped every round. Prints each run, then per size the median wall-clock ratio and the ratio of
the writer process's CPU time (where the hook runs; on a shared machine it swings less than the
wall clock), and writes ``bench/results/stories-<stamp>.json``.

The synthetic corpus repeats a background fact in most articles (one story of thousands of
reports) and builds its statements from a few templates: LSH buckets fill, a hard case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import corpus_dir, write_corpus
from bench.ingest_bench import OUT, RESULTS, probe

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    corpus, _ = write_corpus(corpus_dir(OUT, max(sizes)), max(sizes))
    files = sorted(corpus.glob("*.txt"))
    report: dict = {"stamp": dt.datetime.now().strftime("%Y%m%dT%H%M%S"), "runs": [], "sizes": {}}
    report["load_before"] = os.getloadavg()
    for size in sizes:
        runs: dict[bool, list[dict]] = {True: [], False: []}
        for round_ in range(args.rounds):
            for stories in (False, True) if round_ % 2 == 0 else (True, False):
                OUT.mkdir(parents=True, exist_ok=True)
                with tempfile.TemporaryDirectory(dir=OUT) as tmp:
                    url = f"sqlite:///{Path(tmp) / 'probe.db'}"
                    started = time.strftime("%H:%M:%S")
                    figure = probe("ingest", args.workers, files[:size], url, stories)
                figure.update(size=size, round=round_, started=started, load=os.getloadavg())
                runs[stories].append(figure)
                report["runs"].append(figure)
                print(json.dumps(figure), flush=True)
        wall = {s: statistics.median(f["seconds"] for f in runs[s]) for s in runs}
        cpu = {s: statistics.median(f["cpu_seconds"] for f in runs[s]) for s in runs}
        report["sizes"][size] = summary = {
            "wall_with": wall[True],
            "wall_without": wall[False],
            "wall_ratio": round(wall[True] / wall[False], 3),
            "writer_cpu_with": cpu[True],
            "writer_cpu_without": cpu[False],
            "writer_cpu_ratio": round(cpu[True] / cpu[False], 3),
        }
        print(
            f"{size} articles, {args.workers} workers: median {wall[True]:.1f} s with stories, "
            f"{wall[False]:.1f} s without ({100 * (summary['wall_ratio'] - 1):+.1f}%); writer "
            f"process CPU {cpu[True]:.1f} s vs {cpu[False]:.1f} s",
            flush=True,
        )
    report["load_after"] = os.getloadavg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"stories-{report['stamp']}.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
