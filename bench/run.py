"""``make bench``: ingest throughput, then server latency and requests/s at ~100k and ~1M events,
side by side with Datasette serving the same SQLite file. Writes ``bench/results/<stamp>.json``
and ``bench/results/latest.md``.

Bounded for a 2-core machine: the corpus and the databases are cached under ``bench/out/``
keyed by the generator and extractor versions, so a rerun skips what is already built.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from app.filters import DEFAULT_LIMIT
from bench import traffic
from bench.corpus import GENERATOR_VERSION, corpus_dir, write_corpus
from bench.load import load, load_paths

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
# the app's default page size: Datasette's pages and canned queries serve the same number of rows
PAGE_SIZE = DEFAULT_LIMIT
VIEWS = traffic.VIEWS


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- ingest ---------------------------------------------------------------------------------------


def probe(mode: str, workers: int, files: list[Path], db: Path | None = None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as listing:
        listing.write("\n".join(str(f) for f in files))
    command = [PY, "-m", "bench.probe", mode, str(workers), listing.name]
    if db is not None:
        command.append(f"sqlite:///{db}")
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError as error:
        message = f"bench probe failed: {' '.join(command)}\n{error.stderr[-3000:]}"
        raise SystemExit(message) from None
    finally:
        os.unlink(listing.name)
    return json.loads(done.stdout.strip().splitlines()[-1])


def ingest_figures(files: list[Path], workers: int) -> list[dict]:
    """The ingest benchmark (bench/ingest_bench.py: throughput here, then its own report with
    peak RSS at 1,000 and 20,000 articles and the cluster ingest, bench/results/ingest-*)."""
    from bench import ingest_bench

    ingest_bench.main(["--sample", str(len(files)), "--workers", str(workers)])
    return json.loads(sorted(RESULTS.glob("ingest-2*.json"))[-1].read_text())["throughput"]


def extractor_version() -> str:
    from app.ingest import extractor_version

    return extractor_version()


def build_base(files: list[Path], workers: int, key: str | None = None) -> tuple[Path, dict]:
    """The base database: the real ingest of ``files`` (cached by generator/extractor version;
    ``key`` names a cached extractor version to reuse instead of the current one)."""
    path = OUT / "db" / f"{GENERATOR_VERSION}-x{key or extractor_version()}-n{len(files)}.db"
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists():
        return path, {**json.loads(meta.read_text()), "cached": True}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building.db")
    for stale in tmp.parent.glob(tmp.name + "*"):
        stale.unlink()
    log(f"building the base database from {len(files)} articles (workers={workers})")
    figure = probe("ingest", workers, files, tmp)
    with sqlite3.connect(tmp) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tmp.replace(path)
    meta.write_text(json.dumps(figure))
    return path, {**figure, "cached": False}


def build_large(base: Path, target_events: int) -> tuple[Path, dict]:
    from bench.replicate import replicate

    path = base.with_name(base.stem + f"-x{target_events}.db")
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists():
        return path, {**json.loads(meta.read_text()), "cached": True}
    log(f"replicating to {target_events} events")
    started = time.perf_counter()
    events = replicate(base, path, target_events=target_events)
    figure = {"events": events, "seconds": round(time.perf_counter() - started, 1)}
    meta.write_text(json.dumps(figure))
    return path, {**figure, "cached": False}


# -- servers --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, command: list[str], port: int, ready_path: str, env: dict | None = None):
        self.command, self.port, self.ready_path = command, port, ready_path
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                self.get(self.ready_path, timeout=60)
                return self
            except urllib.error.HTTPError:
                return self  # it answers
            except OSError:
                if self.process.poll() is not None:
                    self.log.seek(0)
                    message = f"server exited: {self.log.read()[-2000:].decode()}"
                    raise SystemExit(message) from None
                time.sleep(0.3)
        raise SystemExit(f"server not ready: {self.command}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str, timeout: float = 60) -> tuple[int, bytes]:
        with urllib.request.urlopen(self.url(path), timeout=timeout) as response:
            return response.status, response.read()

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


SERVER_ORDERS = (
    ("app_nocache", "datasette", "app"),
    ("datasette", "app", "app_nocache"),
    ("app", "app_nocache", "datasette"),
)


def _app_command(db: Path, port: int, workers: int) -> list[str]:
    command = [PY, "-m", "app.cli", "--db", f"sqlite:///{db}", "serve", "--port", str(port)]
    return [*command, "--workers", str(workers)]


def _datasette_command(port: int, workers: int) -> list[str]:
    return [
        PY,
        "-m",
        "uvicorn",
        "bench.datasette_app:make",
        "--factory",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
    ]


def _datasette_env(db: Path, label: str) -> tuple[str, dict]:
    link = OUT / "ds" / f"{label}.db"  # Datasette names the database after the file
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(db)
    meta = OUT / "ds" / f"{label}.json"
    meta.write_text(json.dumps(traffic.datasette_metadata(link.stem)))
    settings = {"default_page_size": PAGE_SIZE, "sql_time_limit_ms": 30000, "num_sql_threads": 3}
    env = {
        "BENCH_DS_DB": str(link),
        "BENCH_DS_METADATA": str(meta),
        "BENCH_DS_SETTINGS": json.dumps(settings),
    }
    return link.stem, env


def _median(values: list[float]) -> float:
    values = sorted(v for v in values if v is not None)
    if not values:
        return 0.0
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else round((values[mid - 1] + values[mid]) / 2, 2)


def _combine(runs: list[dict]) -> dict:
    """Medians over the interleaved rounds (req/s and each percentile)."""
    return {
        "rounds": len(runs),
        "requests": sum(r["requests"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "rps": _median([r["rps"] for r in runs]),
        "p50_ms": _median([r["p50_ms"] for r in runs]),
        "p95_ms": _median([r["p95_ms"] for r in runs]),
        "p99_ms": _median([r["p99_ms"] for r in runs]),
        "tool": runs[0]["tool"] if runs else None,
    }


def _drain(server: Server, ping: str) -> float:
    """Wait until the server has finished what the last measurement left in flight (a request
    queued behind it answers at once): the next view's window must not pay for this one's
    backlog (Datasette's slow stories queries kept its SQL threads busy into the timeline's
    window: 0 req/s there). Returns the seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < 120:
        asked = time.perf_counter()
        with contextlib.suppress(urllib.error.HTTPError):  # the app's ping is a 404: answered
            server.get(ping, timeout=120)
        if time.perf_counter() - asked < 0.2:  # answered at once: nothing left in flight
            break
    return round(time.perf_counter() - started, 2)


def _first_visits(server: Server, asked: list[traffic.Question], n: int = 5) -> float:
    """Median ms of the first request of filter sets not asked before (a cold aggregate)."""
    times = []
    for q in asked[-n:]:
        started = time.perf_counter()
        server.get(q.app)
        times.append((time.perf_counter() - started) * 1000)
    return round(_median(times), 1)


def serve_figures(db: Path, label: str, args, workers: int) -> dict:
    """Every view under real, varied traffic: the app rendering every request (RESPONSE_CACHE=0),
    the app as shipped (cache on), and Datasette with as many processes, asked the same
    questions, in interleaved rounds; then each view's one URL repeated against the cache."""
    from app.migrate import upgrade

    upgrade(f"sqlite:///{db}")  # a cached database built before the latest migration
    name, ds_env = _datasette_env(db, label)
    asked = traffic.questions(db, name, n=args.urls)
    ports = {key: free_port() for key in ("app_nocache", "app", "datasette")}
    ready = "/events/0000000000000000"
    log(
        f"{label}: {workers} app worker(s) vs {workers} Datasette process(es), "
        f"{sum(len(v) for v in asked.values())} distinct questions"
    )
    with (
        Server(
            _app_command(db, ports["app_nocache"], workers),
            ports["app_nocache"],
            ready,
            env={"RESPONSE_CACHE": "0"},
        ) as nocache,
        Server(
            _app_command(db, ports["app"], workers),
            ports["app"],
            ready,
            env={"RESPONSE_CACHE": "1"},
        ) as cached,
        Server(
            _datasette_command(ports["datasette"], workers),
            ports["datasette"],
            f"/{name}.json",
            env=ds_env,
        ) as datasette,
    ):
        servers = {"app_nocache": nocache, "app": cached, "datasette": datasette}
        agreement = traffic.check_rows(nocache.url(""), datasette.url(""), asked)
        log(f"  rows: {agreement}")
        first = {view: _first_visits(nocache, qs) for view, qs in asked.items()}
        paths = {}
        for view, qs in asked.items():
            for key in servers:
                listed = [q.datasette if key == "datasette" else q.app for q in qs]
                if key == "datasette" and view == "permalink":
                    listed = [q.datasette for q in qs]
                paths[view, key] = traffic.write_paths(
                    listed, OUT / "paths" / f"{label}-{workers}-{view}-{key}.txt"
                )
        pings = {key: ready for key in ("app_nocache", "app")}
        pings["datasette"] = f"/{name}/ping"
        runs: dict[tuple[str, str], list[dict]] = {}
        for round_ in range(args.rounds):
            for view in asked:
                for key in SERVER_ORDERS[round_ % len(SERVER_ORDERS)]:
                    figure = load_paths(
                        servers[key].url(""),
                        paths[view, key],
                        seconds=args.seconds,
                        connections=args.connections,
                    )
                    runs.setdefault((view, key), []).append(figure)
                    figure["drained_s"] = _drain(servers[key], pings[key])
            log(f"  round {round_ + 1}/{args.rounds} done")
        out: dict = {
            "workers": workers,
            "rows": agreement,
            "first_ms": first,
            "urls": {view: len(qs) for view, qs in asked.items()},
        }
        for key in servers:
            out[key] = {view: _combine(runs[view, key]) for view in asked}
        repeated = {}
        for view, qs in asked.items():
            figure = load(cached.url(qs[0].app), seconds=args.seconds, connections=args.connections)
            repeated[view] = {**figure, "path": qs[0].app}
        out["app_repeated"] = repeated
    for view in asked:
        a, d = out["app_nocache"][view], out["datasette"][view]
        log(
            f"  {view:10} fresh {a['rps']:7.1f} req/s p95 {a['p95_ms']:7.1f} ms | "
            f"Datasette {d['rps']:7.1f} req/s | cached {out['app'][view]['rps']:7.1f} req/s"
        )
    return out


def during_ingest(db: Path, files: list[Path], args) -> dict:
    """Distinct-URL traffic on a copy of the base database while an ingest writes to it (each
    commit changes the data version, so the response cache keeps being invalidated)."""
    copy = OUT / "db" / "during-ingest.db"
    for stale in copy.parent.glob(copy.name + "*"):
        stale.unlink()
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    name, _ = _datasette_env(copy, "during")
    asked = traffic.questions(copy, name, n=args.urls)
    port = free_port()
    listing = OUT / "paths" / "during-ingest-files.txt"
    listing.write_text("\n".join(str(f) for f in files))
    out: dict = {"articles": len(files)}
    with Server(
        _app_command(copy, port, args.app_workers),
        port,
        "/events/0000000000000000",
        env={"RESPONSE_CACHE": "1"},
    ) as server:
        started = time.perf_counter()
        ingest = subprocess.Popen(
            [
                PY,
                "-m",
                "app.cli",
                "--db",
                f"sqlite:///{copy}",
                "ingest",
                *map(str, files),
                "--progress",
                "plain",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        views = {}
        for view, qs in asked.items():
            path = traffic.write_paths([q.app for q in qs], OUT / "paths" / f"during-{view}.txt")
            views[view] = load_paths(
                server.url(""), path, seconds=args.seconds, connections=args.connections
            )
            log(
                f"  during ingest {view:10} {views[view]['rps']:7.1f} req/s "
                f"p95 {views[view]['p95_ms']} ms, {views[view]['errors']} errors"
            )
        running = ingest.poll() is None
        ingest.wait()
        out.update(
            views=views,
            ingest_seconds=round(time.perf_counter() - started, 1),
            ingest_outlasted_load=running,
            ingest_exit=ingest.returncode,
        )
    for stale in copy.parent.glob(copy.name + "*"):
        stale.unlink()
    return out


# -- query plans and statement counts -------------------------------------------------------------


def plans(db: Path) -> dict:
    """Each view's SQL (as the app runs it) with SQLite's EXPLAIN QUERY PLAN: a first page and a
    deep page (a cursor from the middle of the list) of every view."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from app.db import make_engine
    from app.web.main import create_app

    engine = make_engine(f"sqlite:///{db}")
    seen: list[tuple[str, object]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, many):
        seen.append((statement, parameters))

    client = TestClient(create_app(engine))
    out = {}
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    asked = traffic.questions(db, "plans", n=20)
    for view, qs in asked.items():
        for which, q in (("first", qs[0]), ("deep", qs[len(qs) // 2])):
            seen.clear()
            client.get(q.app)
            entries = []
            for sql, parameters in seen:
                try:
                    rows = raw.execute(f"EXPLAIN QUERY PLAN {sql}", parameters).fetchall()
                    plan = [row[-1] for row in rows]
                except sqlite3.Error as error:
                    plan = [f"(not explained: {error})"]
                entries.append({"sql": " ".join(sql.split()), "plan": plan})
            out[f"{view} ({which})"] = {"path": q.app, "statements": len(seen), "queries": entries}
    raw.close()
    engine.dispose()
    return out


# -- the report -----------------------------------------------------------------------------------


def _ratio(a: dict, d: dict) -> float:
    return a["rps"] / d["rps"] if d["rps"] else float("inf")


def markdown(report: dict) -> str:
    lines = [f"# Benchmark {report['stamp']}", ""]
    lines.append(
        f"Load average at start: {report['machine'].get('loadavg', '?')}. "
        f"Machine: {report['machine']['cpus']} CPUs, {report['machine']['python']}, "
        f"SQLite {report['machine']['sqlite']}; generator {report['generator']}, "
        f"extractor {report['extractor']}; load: {report['load']}. "
        f"Whole run: {report.get('seconds', '?')} s."
    )
    lines += ["", "## Ingest (~5 KB Arabic articles)", ""]
    if not report["ingest"]:
        lines += ["Ingest probes not run (`--skip-ingest`): serving figures only.", ""]
    else:
        lines.append(
            "| what | workers | articles | articles/s | MB/s | events | "
            "peak RSS MB (main / workers) |"
        )
        lines.append("| --- | --: | --: | --: | --: | --: | --: |")
        for f in report["ingest"]:
            what = "extraction alone" if f["mode"] == "extract" else "ingest with writes (SQLite)"
            lines.append(
                f"| {what} | {f['workers']} | {f['articles']} | {f['articles_per_s']} | "
                f"{f['mb_per_s']} | {f['events']} | {f['maxrss_mb']} / "
                f"{f['maxrss_children_mb']} |"
            )
    for extra in report.get("ingest_extra", []):
        lines.append(f"- {extra}")
    sizes = [m["events"] for m in report.get("larger_dbs", [report["large_db"]])]
    lines.append("")
    lines.append(
        "The replicated database(s) have "
        + " and ".join(f"{n:,}" for n in sizes)
        + " events: the base database's rows replicated with new ids and shifted dates "
        "(bench/replicate.py), not re-extracted."
    )
    for label, sizes in report["serve"].items():
        for figures in sizes["runs"]:
            w = figures["workers"]
            lines += [
                "",
                f"## Serving {label} ({sizes['events']} events), {w} app worker(s) vs "
                f"{w} Datasette process(es)",
                "",
                "Distinct URLs per view ("
                + ", ".join(f"{v} {n}" for v, n in figures["urls"].items())
                + "), cycled by "
                "wrk; interleaved rounds, medians. *fresh* = `RESPONSE_CACHE=0` (every request "
                "rendered); *shipped* = the defaults (cache on: it helps only a repeated URL). "
                "Rows checked against Datasette's: "
                + ", ".join(f"{v} {verdict}" for v, verdict in figures["rows"].items())
                + ".",
                "",
                "| view | fresh req/s | p50 | p95 | p99 ms | Datasette req/s | p95 ms | ratio "
                "(fresh) | shipped req/s | p95 ms | first visit ms | one URL repeated (cached) "
                "req/s |",
                "| --- |" + " --: |" * 11,
            ]
            for view in figures["app_nocache"]:
                a, d = figures["app_nocache"][view], figures["datasette"][view]
                c, r = figures["app"][view], figures["app_repeated"][view]
                lines.append(
                    f"| {view} | {a['rps']} | {a['p50_ms']} | {a['p95_ms']} | {a['p99_ms']} | "
                    f"{d['rps']} | {d['p95_ms']} | {_ratio(a, d):.2f}× | {c['rps']} | "
                    f"{c['p95_ms']} | {figures['first_ms'][view]} | {r['rps']} |"
                )
    during = report.get("during_ingest")
    if during:
        lines += [
            "",
            f"## While an ingest runs ({during['articles']} articles into the base database, "
            f"{during['ingest_seconds']} s; app as shipped, {report['args']['app_workers']} "
            "workers)",
            "",
            "| view | req/s | p95 ms | p99 ms | errors |",
            "| --- | --: | --: | --: | --: |",
        ]
        for view, f in during["views"].items():
            lines.append(f"| {view} | {f['rps']} | {f['p95_ms']} | {f['p99_ms']} | {f['errors']} |")
    lines += ["", "## Targets", ""]
    for target in report["targets"]:
        lines.append(f"- {'✅' if target['met'] else '❌'} {target['what']}: {target['measured']}")
    lines += ["", "## Query plans (large database)", ""]
    for view, entry in report["plans"].items():
        lines.append(f"### {view} `{entry['path']}` — {entry['statements']} statements")
        lines.append("")
        for q in entry["queries"]:
            lines.append(f"- `{q['sql'][:160]}{'…' if len(q['sql']) > 160 else ''}`")
            for step in q["plan"]:
                lines.append(f"  - {step}")
        lines.append("")
    return "\n".join(lines) + "\n"


def targets(report: dict) -> list[dict]:
    out = []
    single = {(f["mode"], f["workers"]): f for f in report["ingest"]}
    ex, wr = single.get(("extract", 1)), single.get(("ingest", 1))
    if ex:
        out.append(
            {
                "what": "extraction ≥ 300 articles/s on one core",
                "mode": "ingest",
                "met": ex["articles_per_s"] >= 300,
                "measured": f"{ex['articles_per_s']}/s",
            }
        )
    if wr:
        out.append(
            {
                "what": "ingest with writes ≥ 150 articles/s on one core",
                "mode": "ingest",
                "met": wr["articles_per_s"] >= 150,
                "measured": f"{wr['articles_per_s']}/s",
            }
        )
    for _label, sizes in report["serve"].items():
        for figures in sizes["runs"]:
            if figures["workers"] != report["args"]["app_workers"]:
                continue
            mode = (
                f"fresh render (RESPONSE_CACHE=0), distinct URLs, {figures['workers']} "
                f"workers vs {figures['workers']} Datasette, {sizes['events']} events"
            )
            for view in figures["app_nocache"]:
                a, d = figures["app_nocache"][view], figures["datasette"][view]
                out.append(
                    {
                        "what": f"{view}: ≥ 2× Datasette's requests/s",
                        "mode": mode,
                        # a Datasette that answered nothing is a failed run, not a win
                        "met": bool(d["rps"]) and _ratio(a, d) >= 2,
                        "measured": f"{_ratio(a, d):.2f}×"
                        + ("" if d["rps"] else " (Datasette answered nothing: not measured)"),
                    }
                )
                out.append(
                    {
                        "what": f"{view}: p95 ≤ 50 ms",
                        "mode": mode,
                        "met": bool(a["requests"]) and a["p95_ms"] <= 50,
                        "measured": f"{a['p95_ms']} ms",
                    }
                )
    for t in out:
        t["what"] = f"{t['what']} [{t['mode']}]"
    return out


def _size_label(events: int) -> str:
    """``large-100k`` for a replicated database other than the largest."""
    return f"large-{round(events / 1000)}k"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="make bench")
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size")
    parser.add_argument("--base-articles", type=int, default=5_000, help="ingested for real")
    parser.add_argument("--sample", type=int, default=400, help="articles per ingest probe")
    parser.add_argument(
        "--target-events",
        default="1000000",
        help="events of the replicated database(s), comma-separated (e.g. 100000,1000000)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--app-workers", type=int, default=2)
    parser.add_argument(
        "--worker-counts",
        help="the app workers (= Datasette processes) to serve with, comma-separated "
        "(default: 1 and --app-workers)",
    )
    parser.add_argument("--seconds", type=float, default=2, help="per view, server and round")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds")
    parser.add_argument("--urls", type=int, default=240, help="distinct questions per view")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--during-ingest", type=int, default=300, help="articles (0: skip)")
    parser.add_argument(
        "--skip-ingest", action="store_true", help="serving figures only (no ingest probes)"
    )
    parser.add_argument(
        "--sizes", default="base,large", help="which databases to serve (base, large)"
    )
    parser.add_argument(
        "--databases",
        metavar="KEY",
        help="serve the cached databases of this extractor version (bench/out/db/*-xKEY-*), "
        "e.g. while the extractor is being edited",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    report: dict = {
        "stamp": stamp,
        "generator": GENERATOR_VERSION,
        "extractor": extractor_version(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
            "loadavg": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        },
        "load": f"{'wrk' if shutil.which('wrk') else 'python'}, {args.connections} connections, "
        f"{args.urls} distinct URLs per view, {args.rounds} interleaved rounds of "
        f"{args.seconds:g} s per view and server",
        "args": vars(args),
    }
    corpus, size = write_corpus(corpus_dir(OUT, args.articles), args.articles)
    files = sorted(corpus.glob("*.txt"))
    log(f"corpus: {len(files)} articles, {size / 1e6:.1f} MB in {corpus}")
    report["corpus"] = {"articles": len(files), "bytes": size}
    report["ingest"] = (
        [] if args.skip_ingest else ingest_figures(files[-args.sample :], args.workers)
    )
    base, report["base_db"] = build_base(files[: args.base_articles], args.workers, args.databases)
    targets_ = sorted(int(n) for n in str(args.target_events).split(","))
    larges = [build_large(base, n) for n in targets_]
    large, report["large_db"] = larges[-1]  # the largest: its query plans are reported
    report["larger_dbs"] = [meta for _, meta in larges]
    report["serve"] = {}
    served = [("base", base)]
    served += [(_size_label(meta["events"]), db) for db, meta in larges[:-1]]
    served.append(("large", large))
    for label, db in served:
        if label not in args.sizes.split(",") and not (
            label != "base" and "large" in args.sizes.split(",")
        ):
            continue
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            events = conn.execute("SELECT count(*) FROM event").fetchone()[0]
        counts = args.worker_counts or f"1,{args.app_workers}"
        runs = [
            serve_figures(db, label, args, w) for w in sorted({int(n) for n in counts.split(",")})
        ]
        report["serve"][label] = {"events": events, "runs": runs}
    if args.during_ingest:
        fresh = files[args.base_articles : args.base_articles + args.during_ingest]
        report["during_ingest"] = during_ingest(base, fresh, args)
    try:
        report["plans"] = plans(large)
    except Exception as error:  # a report without plans beats no report
        log(f"query plans failed: {error!r}")
        report["plans"] = {}
    report["targets"] = targets(report)
    report["seconds"] = round(time.perf_counter() - started, 1)
    (RESULTS / f"{stamp}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    (RESULTS / "latest.md").write_text(markdown(report))
    log(f"done in {report['seconds']} s: bench/results/{stamp}.json, bench/results/latest.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
