"""The ingest benchmark: throughput, memory over batch size, and the cluster; quick on 2 cores.

    python -m bench.ingest_bench [--sample 400] [--workers 2] [--rss 1000,20000]

Each figure is one ``bench.probe`` process (its own peak RSS) over the deterministic synthetic
corpus (bench/corpus.py, ~5 KB articles, cached under bench/out/):

- extraction alone and the ingest with writes (SQLite, the stories' hook off), on 1 and
  ``--workers`` processes, over the same ``--sample`` articles, in ``--repeat`` interleaved
  rounds (each figure the median of its rounds, with the range); the ingest with the stories'
  hook on once per worker count (it is the stories engineer's comparison, and slow); from the
  one-process medians, the store's own rate (CPU seconds of the ingest less those of
  extraction alone, per article);
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
import statistics
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


def probe(
    mode: str, workers: int, files: list[Path], db_url: str | None = None, stories: bool = True
) -> dict:
    """One measurement in a fresh process; its JSON figures."""
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as listing:
        listing.write("\n".join(str(f) for f in files))
    command = [sys.executable, "-m", "bench.probe", mode, str(workers), listing.name]
    if db_url is not None:
        command.append(db_url)
    if not stories:
        command.append("--no-stories")
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError as error:
        message = f"bench probe failed: {' '.join(command)}\n{error.stderr[-3000:]}"
        raise SystemExit(message) from None
    finally:
        os.unlink(listing.name)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _with_db(
    mode: str, workers: int, files: list[Path], db_url: str | None = None, stories: bool = True
) -> dict:
    """A probe that writes: into ``db_url``, else a fresh SQLite file thrown away after."""
    if db_url is not None:
        return probe(mode, workers, files, db_url, stories)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        return probe(mode, workers, files, f"sqlite:///{Path(tmp) / 'probe.db'}", stories)


def ingest_figures(files: list[Path], workers: int, stories: bool = True) -> list[dict]:
    """Extraction alone and the ingest with writes, on 1 and ``workers`` processes
    (``stories=False``: the ingest only, the stories' hook a no-op)."""
    figures = []
    for mode in ("extract", "ingest") if stories else ("ingest",):
        for n in sorted({1, workers}):
            if mode == "extract":
                figure = probe(mode, n, files)
            else:
                figure = _with_db(mode, n, files, stories=stories)
            hook = "" if stories or mode == "extract" else " (stories hook off)"
            log(f"{mode} workers={n}{hook}: {figure['articles_per_s']} articles/s")
            figures.append(figure)
    return figures


def interleaved_figures(files: list[Path], workers: int, repeat: int) -> list[dict]:
    """Extraction alone and the ingest without the stories' hook, on 1 and ``workers``
    processes, ``repeat`` rounds of every probe in turn (so a change in the machine's load
    falls on all of them alike); one figure per probe, the median of its rounds."""
    runs: dict[tuple[str, int], list[dict]] = {}
    for round_ in range(1, repeat + 1):
        for n in sorted({1, workers}):
            for mode in ("extract", "ingest"):
                if mode == "extract":
                    figure = probe(mode, n, files)
                else:
                    figure = _with_db(mode, n, files, stories=False)
                log(
                    f"round {round_}/{repeat} {mode} workers={n}: {figure['articles_per_s']} "
                    f"articles/s, {figure['articles_per_cpu_s']} per CPU second"
                )
                runs.setdefault((mode, n), []).append(figure)
    return [_median_figure(found) for found in runs.values()]


def _median_figure(runs: list[dict]) -> dict:
    """The median run's figure (by articles/s), with every run's rates beside it."""
    ordered = sorted(runs, key=lambda f: f["articles_per_s"])
    figure = dict(ordered[len(ordered) // 2])
    for rate in ("articles_per_s", "articles_per_cpu_s"):
        values = sorted(f[rate] for f in runs if f[rate] is not None)
        figure[rate] = round(statistics.median(values), 1) if values else None
        figure[rate + "_runs"] = values
    figure["rounds"] = len(runs)
    return figure


def store_rate(figures: list[dict]) -> float | None:
    """Articles per CPU second of the ingest's own work (reading, the writes, the outcomes):
    the one-process ingest's CPU per article less extraction alone's, from their medians."""
    by = {(f["mode"], f["workers"]): f.get("articles_per_cpu_s") for f in figures}
    ingest, extract = by.get(("ingest", 1)), by.get(("extract", 1))
    if not ingest or not extract or 1 / ingest <= 1 / extract:
        return None
    return round(1 / (1 / ingest - 1 / extract), 1)


def rss_figures(
    files: list[Path], sizes: list[int], workers: int, stories: bool = True
) -> list[dict]:
    """The ingest's peak RSS at each batch size (the first ``size`` files)."""
    figures = []
    for size in sizes:
        figure = _with_db("ingest", workers, files[:size], stories=stories)
        log(
            f"ingest of {size} articles (workers={workers}): peak RSS {figure['maxrss_mb']} MB "
            f"main, {figure['maxrss_children_mb']} MB largest worker, "
            f"{figure['articles_per_s']} articles/s"
        )
        figures.append(figure)
    return figures


def cluster_figures(
    files: list[Path], workers: int, db_url: str | None, stories: bool = True
) -> dict:
    figure = _with_db("cluster", workers, files, db_url, stories)
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
        "| what | stories hook | workers | articles | articles/s | MB/s | events | "
        "peak RSS MB (main / worker) |",
        "| --- | --- | --: | --: | --: | --: | --: | --: |",
    ]
    names = {
        "extract": "extraction alone",
        "ingest": "ingest with writes (SQLite)",
        "cluster": "cluster ingest (Dask LocalCluster, writes to {database})",
    }
    lines[-2] = lines[-2].replace("articles/s |", "articles/s | per CPU s of the main process |")
    lines[-1] = lines[-1].replace("| --: | --: |", "| --: | --: | --: |", 1)
    rows = [
        *report["throughput"],
        *report["throughput_no_stories"],
        *report["rss"],
        *report["cluster"],
    ]
    for f in rows:
        what = names[f["mode"]].format(database=f.get("database", "SQLite"))
        hook = "—" if f["mode"] == "extract" else ("on" if f.get("stories", True) else "off")
        rate, cpu = str(f["articles_per_s"]), str(f.get("articles_per_cpu_s"))
        if f.get("rounds", 1) > 1:
            rate += f" (median of {f['rounds']}: {_span(f['articles_per_s_runs'])})"
            cpu += f" ({_span(f['articles_per_cpu_s_runs'])})"
        lines.append(
            f"| {what} | {hook} | {f['workers']} | {f['articles']} | {rate} | {cpu} | "
            f"{f['mb_per_s']} | {f['events']} | {f['maxrss_mb']} / {f['maxrss_children_mb']} |"
        )
    lines.append("")
    if report.get("store_per_cpu_s"):
        lines.append(
            f"The store's own rate, one process: {report['store_per_cpu_s']} articles per CPU "
            "second (the ingest's median CPU per article less extraction alone's)."
        )
    rss = report["rss"]
    if len(rss) > 1:
        first, last = rss[0], rss[-1]
        lines.append(
            f"Peak RSS from {first['articles']} to {last['articles']} articles: main process "
            f"×{last['maxrss_mb'] / first['maxrss_mb']:.2f} ({first['maxrss_mb']} → "
            f"{last['maxrss_mb']} MB), largest worker "
            f"×{last['maxrss_children_mb'] / first['maxrss_children_mb']:.2f}."
        )
    lines.append(
        f"Command: `{report.get('command', 'python -m bench.ingest_bench')}`; "
        f"niceness {report['machine'].get('nice', '?')}."
    )
    return "\n".join(lines) + "\n"


def _span(values: list[float]) -> str:
    return f"{min(values)}–{max(values)}" if values else "—"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=200, help="articles per throughput probe")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--repeat", type=int, default=3, help="interleaved rounds of the throughput probes"
    )
    parser.add_argument(
        "--rss", default="1000,20000", help="batch sizes whose peak RSS is measured ('' skips)"
    )
    parser.add_argument("--cluster-articles", type=int, default=400, help="0 skips the cluster")
    parser.add_argument("--cluster-db", help="a PostgreSQL URL for the cluster ingest's writes")
    parser.add_argument(
        "--skip-throughput", action="store_true", help="only the RSS and cluster figures"
    )
    parser.add_argument(
        "--rss-stories",
        action="store_true",
        help="keep the stories' hook in the RSS runs (off by default: it grows with the store)",
    )
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
        "machine": {"cpus": os.cpu_count(), "load_before": _load(), "nice": os.nice(0)},
        "command": "python -m bench.ingest_bench "
        + " ".join(argv if argv is not None else sys.argv[1:]),
        "args": vars(args),
    }
    sample = files[-args.sample :]
    report["throughput"] = report["throughput_no_stories"] = []
    if not args.skip_throughput:
        report["throughput_no_stories"] = interleaved_figures(sample, args.workers, args.repeat)
        report["store_per_cpu_s"] = store_rate(report["throughput_no_stories"])
        extract = [f for f in report["throughput_no_stories"] if f["mode"] == "extract"]
        hooked = [_with_db("ingest", n, sample, stories=True) for n in sorted({1, args.workers})]
        for figure in hooked:
            log(
                f"ingest workers={figure['workers']} (stories hook on): "
                f"{figure['articles_per_s']} articles/s"
            )
        report["throughput"] = [*extract, *hooked]
        report["throughput_no_stories"] = [
            f for f in report["throughput_no_stories"] if f["mode"] != "extract"
        ]
    report["rss"] = rss_figures(files, sizes, args.workers, stories=args.rss_stories)
    report["cluster"] = []
    if args.cluster_articles:
        clustered = files[-args.cluster_articles :]
        for stories in (True, False):
            report["cluster"].append(
                cluster_figures(clustered, args.workers, args.cluster_db, stories)
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
