"""The ingest benchmark: throughput, memory over batch size, and the cluster; quick on 2 cores.

    python -m bench.ingest_bench [--sample 400] [--workers 2] [--rss 1000,20000]

Each figure is one ``bench.probe`` process (its own peak RSS) over the deterministic synthetic
corpus (bench/corpus.py, ~5 KB articles, cached under bench/out/):

- extraction alone and the ingest with writes (SQLite), on 1 and ``--workers`` processes, over
  the same ``--sample`` articles;
- the ingest's peak RSS at each ``--rss`` batch size (with writes, ``--workers`` processes): the
  ingest streams, so it must not grow with the batch;
- the cluster ingest: extraction on a Dask ``LocalCluster`` of ``--workers`` worker processes,
  writes from the probe process (into SQLite, or PostgreSQL with ``--cluster-db URL``).

Writes ``bench/results/ingest-<stamp>.json`` and ``bench/results/ingest-latest.md``, with the
machine's load average before and after (the machine is shared: figures swing with it).
``bench/run.py`` (``make bench``) calls :func:`ingest_figures` for its ingest table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import GENERATOR_VERSION, corpus_dir, write_corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "results"


def log(message: str) -> None:
    print(f"[ingest-bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def probe(mode: str, workers: int, files: list[Path], db_url: str | None = None) -> dict:
    """One measurement in a fresh process; its JSON figures."""
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as listing:
        listing.write("\n".join(str(f) for f in files))
    command = [sys.executable, "-m", "bench.probe", mode, str(workers), listing.name]
    if db_url is not None:
        command.append(db_url)
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError as error:
        message = f"bench probe failed: {' '.join(command)}\n{error.stderr[-3000:]}"
        raise SystemExit(message) from None
    finally:
        os.unlink(listing.name)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _with_db(mode: str, workers: int, files: list[Path], db_url: str | None = None) -> dict:
    """A probe that writes: into ``db_url``, else a fresh SQLite file thrown away after."""
    if db_url is not None:
        return probe(mode, workers, files, db_url)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        return probe(mode, workers, files, f"sqlite:///{Path(tmp) / 'probe.db'}")


def ingest_figures(files: list[Path], workers: int) -> list[dict]:
    """Extraction alone and the ingest with writes, on 1 and ``workers`` processes."""
    figures = []
    for mode in ("extract", "ingest"):
        for n in sorted({1, workers}):
            figure = probe(mode, n, files) if mode == "extract" else _with_db(mode, n, files)
            log(f"{mode} workers={n}: {figure['articles_per_s']} articles/s")
            figures.append(figure)
    return figures


def rss_figures(files: list[Path], sizes: list[int], workers: int) -> list[dict]:
    """The ingest's peak RSS at each batch size (the first ``size`` files)."""
    figures = []
    for size in sizes:
        figure = _with_db("ingest", workers, files[:size])
        log(
            f"ingest of {size} articles (workers={workers}): peak RSS {figure['maxrss_mb']} MB "
            f"main, {figure['maxrss_children_mb']} MB largest worker, "
            f"{figure['articles_per_s']} articles/s"
        )
        figures.append(figure)
    return figures


def cluster_figures(files: list[Path], workers: int, db_url: str | None) -> dict:
    figure = _with_db("cluster", workers, files, db_url)
    figure["database"] = "PostgreSQL" if db_url else "SQLite"
    log(
        f"cluster ingest ({workers} Dask workers, {figure['database']}): "
        f"{figure['articles_per_s']} articles/s"
    )
    return figure


def markdown(report: dict) -> str:
    machine = report["machine"]
    lines = [
        f"# Ingest benchmark {report['stamp']}",
        "",
        f"{machine['cpus']} CPUs; load average {machine['load_before']} before, "
        f"{machine['load_after']} after; generator {report['generator']}; "
        f"{report['seconds']} s in all.",
        "",
        "| what | workers | articles | articles/s | MB/s | events | peak RSS MB (main / worker) |",
        "| --- | --: | --: | --: | --: | --: | --: |",
    ]
    names = {
        "extract": "extraction alone",
        "ingest": "ingest with writes (SQLite)",
        "cluster": "cluster ingest (Dask LocalCluster, writes to {database})",
    }
    rows = [
        *report["throughput"],
        *report["rss"],
        *([report["cluster"]] if report["cluster"] else []),
    ]
    for f in rows:
        what = names[f["mode"]].format(database=f.get("database", "SQLite"))
        lines.append(
            f"| {what} | {f['workers']} | {f['articles']} | {f['articles_per_s']} | "
            f"{f['mb_per_s']} | {f['events']} | {f['maxrss_mb']} / {f['maxrss_children_mb']} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=400, help="articles per throughput probe")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--rss", default="1000,20000", help="batch sizes whose peak RSS is measured ('' skips)"
    )
    parser.add_argument("--cluster-articles", type=int, default=400, help="0 skips the cluster")
    parser.add_argument("--cluster-db", help="a PostgreSQL URL for the cluster ingest's writes")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sizes = [int(n) for n in args.rss.split(",") if n.strip()]
    articles = max([*sizes, args.sample, args.cluster_articles])
    corpus, size = write_corpus(corpus_dir(OUT, articles), articles)
    files = sorted(corpus.glob("*.txt"))
    log(f"corpus: {len(files)} articles, {size / 1e6:.1f} MB in {corpus}")
    report: dict = {
        "stamp": dt.datetime.now().strftime("%Y%m%dT%H%M%S"),
        "generator": GENERATOR_VERSION,
        "machine": {"cpus": os.cpu_count(), "load_before": _load()},
        "args": vars(args),
    }
    report["throughput"] = ingest_figures(files[-args.sample :], args.workers)
    report["rss"] = rss_figures(files, sizes, args.workers)
    report["cluster"] = (
        cluster_figures(files[-args.cluster_articles :], args.workers, args.cluster_db)
        if args.cluster_articles
        else None
    )
    report["machine"]["load_after"] = _load()
    report["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"ingest-{report['stamp']}.json").write_text(json.dumps(report, indent=1))
    (RESULTS / "ingest-latest.md").write_text(markdown(report))
    print(markdown(report))
    return 0


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
