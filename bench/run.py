"""``make bench``: ingest throughput, then server latency and requests/s at ~100k and ~1M events,
side by side with Datasette serving the same SQLite file. Writes ``bench/results/<stamp>.json``
and ``bench/results/latest.md``.

Bounded for a 2-core machine: the corpus and the databases are cached under ``bench/out/``
keyed by the generator and extractor versions, so a rerun skips what is already built.
"""

from __future__ import annotations

import argparse
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
from bench.corpus import GENERATOR_VERSION, corpus_dir, write_corpus
from bench.load import load

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
# the app's default page size: Datasette's pages and canned queries serve the same number of rows
PAGE_SIZE = DEFAULT_LIMIT
VIEWS = ("timeline", "country", "speaker", "date_range", "search", "permalink", "api")


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
    figures = []
    for mode in ("extract", "ingest"):
        for n in sorted({1, workers}):
            with tempfile.TemporaryDirectory(dir=OUT) as tmp:
                db = Path(tmp) / "probe.db" if mode == "ingest" else None
                figure = probe(mode, n, files, db)
            log(f"{mode} workers={n}: {figure['articles_per_s']} articles/s")
            figures.append(figure)
    return figures


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


# -- what each view asks, and its Datasette equivalent --------------------------------------------


def view_params(db: Path) -> dict:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        speaker = conn.execute(
            "SELECT speaker_id FROM event WHERE speaker_id IS NOT NULL "
            "GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1 OFFSET 2"
        ).fetchone()
        event_id = conn.execute("SELECT id FROM event ORDER BY id LIMIT 1 OFFSET 1000").fetchone()[
            0
        ]
        year = conn.execute(
            "SELECT substr(date_start, 1, 4) FROM event WHERE date_start IS NOT NULL "
            "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    return {
        "country": "KZ",
        "speaker": speaker[0] if speaker else "none",
        "from": f"{year}-01-01",
        "to": f"{year}-03-31",
        "q": "حفظ السلام",
        "event_id": event_id,
    }


def app_urls(p: dict) -> dict[str, str]:
    q = urllib.parse.quote
    return {
        "timeline": "/",
        "country": f"/?country={p['country']}",
        "speaker": f"/?speaker={q(p['speaker'])}",
        "date_range": f"/?from={p['from']}&to={p['to']}",
        "search": f"/?q={q(p['q'])}",
        "permalink": f"/events/{p['event_id']}",
        "api": f"/api/events?country={p['country']}",
    }


# One SQL per view: the same rows (id, date, kind, speaker, role, text, countries, quotes, outlet)
# in the same order and page size as the app's page. The app's pages also compute a total, facet
# counts and a histogram that these canned queries do not: Datasette is asked for less work.
_ROWS = f"""
SELECT e.id, e.date, e.kind, s.name_ar AS speaker, e.speaker_role_ar AS role, e.text,
  (SELECT group_concat(country, ',') FROM event_country c WHERE c.event_id = e.id) AS countries,
  (SELECT group_concat(text, ' | ') FROM quote WHERE quote.event_id = e.id) AS quotes,
  a.outlet, a.source_file
FROM event e LEFT JOIN speaker s ON s.id = e.speaker_id JOIN article a ON a.id = e.article_id
WHERE {{where}}
ORDER BY e.date_start IS NULL, e.date_start, e.id LIMIT {PAGE_SIZE}
"""
CANNED = {
    "timeline": "1",
    "country": "e.id IN (SELECT event_id FROM event_country WHERE country = :country)",
    "speaker": "e.speaker_id = :speaker",
    "date_range": "e.date_start >= :date_from AND e.date_start <= :date_to",
    "search": "e.id IN (SELECT event_id FROM event_fts WHERE event_fts MATCH :fts)",
}


def datasette_metadata(db_name: str) -> dict:
    queries = {name: {"sql": _ROWS.format(where=where)} for name, where in CANNED.items()}
    return {"databases": {db_name: {"queries": queries}}}


def datasette_urls(db_name: str, p: dict) -> dict[str, str]:
    from app.search import search_key

    q = urllib.parse.quote
    fts = " ".join(f'"{word}"*' for word in search_key(p["q"]).split())
    base = f"/{db_name}"
    return {
        "timeline": f"{base}/timeline",
        "country": f"{base}/country?country={p['country']}",
        "speaker": f"{base}/speaker?speaker={q(p['speaker'])}",
        "date_range": f"{base}/date_range?date_from={p['from']}&date_to={p['to']}",
        "search": f"{base}/search?fts={q(fts)}",
        "permalink": f"{base}/event/{p['event_id']}",
        "api": f"{base}/country.json?country={p['country']}&_shape=array",
    }


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


def measure(server: Server, urls: dict[str, str], seconds: float, connections: int) -> dict:
    results = {}
    for view, path in urls.items():
        started = time.perf_counter()
        status, body = server.get(path)
        cold_ms = (time.perf_counter() - started) * 1000
        for _ in range(3):
            server.get(path)
        figure = load(server.url(path), seconds=seconds, connections=connections)
        figure.update(status=status, bytes=len(body), first_ms=round(cold_ms, 1), path=path)
        results[view] = figure
        log(f"  {view:10} {figure['rps']:8.1f} req/s  p95 {figure['p95_ms']} ms  {len(body)} B")
    return results


def serve_figures(db: Path, label: str, args) -> dict:
    from app.migrate import upgrade

    upgrade(f"sqlite:///{db}")  # a cached database built before the latest migration
    params = view_params(db)
    port = free_port()
    log(f"{label}: the app ({args.app_workers} workers) on {db.name}")
    app = [PY, "-m", "app.cli", "--db", f"sqlite:///{db}", "serve", "--port", str(port)]
    app += ["--workers", str(args.app_workers)]
    # the same server twice: rendering every request (RESPONSE_CACHE=0), then with its rendered-
    # response cache (the default), which serves wrk's repeated requests for one URL from memory
    with Server(app, port, "/events/0000000000000000", env={"RESPONSE_CACHE": "0"}) as server:
        rendering = measure(server, app_urls(params), args.seconds, args.connections)
    log(f"{label}: the app again, response cache on")
    port = free_port()
    app[app.index("--port") + 1] = str(port)
    with Server(app, port, "/events/0000000000000000", env={"RESPONSE_CACHE": "1"}) as server:
        ours = measure(server, app_urls(params), args.seconds, args.connections)
    name = db.stem.replace(".", "_")
    link = OUT / "ds" / f"{label}.db"  # Datasette names the database after the file
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(db)
    name = link.stem
    meta = OUT / "ds" / f"{label}.json"
    meta.write_text(json.dumps(datasette_metadata(name)))
    port = free_port()
    log(f"{label}: Datasette on the same file")
    ds = [str(Path(PY).parent / "datasette"), "serve", str(link), "--port", str(port)]
    ds += ["--metadata", str(meta), "--setting", "default_page_size", str(PAGE_SIZE)]
    ds += ["--setting", "sql_time_limit_ms", "30000", "--setting", "num_sql_threads", "3"]
    with Server(ds, port, f"/{name}.json") as server:
        theirs = measure(server, datasette_urls(name, params), args.seconds, args.connections)
    return {"params": params, "app": ours, "app_nocache": rendering, "datasette": theirs}


# -- query plans and statement counts -------------------------------------------------------------


def plans(db: Path) -> dict:
    """Each view's SQL (as the app runs it) with SQLite's EXPLAIN QUERY PLAN."""
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
    for view, path in app_urls(view_params(db)).items():
        seen.clear()
        client.get(path)
        statements = list(seen)
        entries = []
        for sql, parameters in statements:
            try:
                rows = raw.execute(f"EXPLAIN QUERY PLAN {sql}", parameters).fetchall()
                plan = [row[-1] for row in rows]
            except sqlite3.Error as error:
                plan = [f"(not explained: {error})"]
            entries.append({"sql": " ".join(sql.split()), "plan": plan})
        out[view] = {"path": path, "statements": len(statements), "queries": entries}
    raw.close()
    engine.dispose()
    return out


# -- the report -----------------------------------------------------------------------------------


def markdown(report: dict) -> str:
    lines = [f"# Benchmark {report['stamp']}", ""]
    lines.append(
        f"Load average at start: {report['machine'].get('loadavg', '?')}. "
        f"Machine: {report['machine']['cpus']} CPUs, {report['machine']['python']}, "
        f"SQLite {report['machine']['sqlite']}; generator {report['generator']}, "
        f"extractor {report['extractor']}; load: {report['load']}."
    )
    if report.get("args", {}).get("databases"):
        lines.append(
            f"Databases: the cached ones built by extractor {report['args']['databases']} "
            "(`--databases`), migrated to the current schema."
        )
    lines += ["", "## Ingest (~5 KB Arabic articles)", ""]
    if not report["ingest"]:
        lines += ["Ingest probes not run (`--skip-ingest`): serving figures only.", ""]
    lines.append(
        "| what | workers | articles | articles/s | MB/s | events | peak RSS MB (main / workers) |"
    )
    lines.append("| --- | --: | --: | --: | --: | --: | --: |")
    for f in report["ingest"]:
        what = "extraction alone" if f["mode"] == "extract" else "ingest with writes (SQLite)"
        lines.append(
            f"| {what} | {f['workers']} | {f['articles']} | {f['articles_per_s']} | "
            f"{f['mb_per_s']} | {f['events']} | {f['maxrss_mb']} / {f['maxrss_children_mb']} |"
        )
    b = report["base_db"]
    lines.append(
        f"| base database build{' (cached)' if b.get('cached') else ''} | {b['workers']} | "
        f"{b['articles']} | {b['articles_per_s']} | {b['mb_per_s']} | {b['events']} | "
        f"{b['maxrss_mb']} / {b['maxrss_children_mb']} |"
    )
    large = report["large_db"]
    lines.append("")
    lines.append(
        f"The large database has {large['events']} events: the base database's rows replicated "
        "with new ids and shifted dates (bench/replicate.py), not re-extracted."
    )
    for label, figures in report["serve"].items():
        events = figures["events"]
        lines += ["", f"## Serving {label} ({events} events)", ""]
        lines.append(
            "Response cache on (`app`: wrk repeats one URL per view, so after the first request "
            "these are stored bytes) and off (`RESPONSE_CACHE=0`: every request rendered)."
        )
        lines.append("")
        lines.append(
            "| view | app req/s | p50 ms | p95 ms | p99 ms | first ms | page KB | "
            "Datasette req/s | Datasette p95 ms | ratio | no cache req/s | no cache p95 ms | "
            "no cache ratio |"
        )
        lines.append("| --- |" + " --: |" * 12)
        for view in VIEWS:
            a, d = figures["app"][view], figures["datasette"][view]
            n = figures.get("app_nocache", {}).get(view)
            ratio = a["rps"] / d["rps"] if d["rps"] else float("inf")
            rest = " | | |"
            if n:
                n_ratio = n["rps"] / d["rps"] if d["rps"] else float("inf")
                rest = f" {n['rps']} | {n['p95_ms']} | {n_ratio:.2f}× |"
            lines.append(
                f"| {view} | {a['rps']} | {a['p50_ms']} | {a['p95_ms']} | {a['p99_ms']} | "
                f"{a['first_ms']} | {a['bytes'] / 1024:.1f} | {d['rps']} | {d['p95_ms']} | "
                f"{ratio:.2f}× |{rest}"
            )
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
                "met": ex["articles_per_s"] >= 300,
                "measured": f"{ex['articles_per_s']}/s",
            }
        )
    if wr:
        out.append(
            {
                "what": "ingest with writes ≥ 150 articles/s on one core",
                "met": wr["articles_per_s"] >= 150,
                "measured": f"{wr['articles_per_s']}/s",
            }
        )
    large = report["serve"].get("large")
    if large:
        modes = [("app", "response cache on")]
        if "app_nocache" in large:
            modes.append(("app_nocache", "rendering every request"))
        for key, mode in modes:
            for view in ("timeline", "country", "speaker", "date_range", "search", "api"):
                a, d = large[key][view], large["datasette"][view]
                ratio = a["rps"] / d["rps"] if d["rps"] else float("inf")
                out.append(
                    {
                        "what": f"{view} ({mode}): ≥ 2× Datasette's requests/s at 1M events",
                        "met": ratio >= 2,
                        "measured": f"{ratio:.2f}×",
                    }
                )
                out.append(
                    {
                        "what": f"{view} ({mode}): p95 ≤ 50 ms at 1M events",
                        "met": bool(a["requests"]) and a["p95_ms"] <= 50,
                        "measured": f"{a['p95_ms']} ms"
                        if a["requests"]
                        else "no request completed within wrk's 10 s timeout",
                    }
                )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="make bench")
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size")
    parser.add_argument("--base-articles", type=int, default=5_000, help="ingested for real")
    parser.add_argument("--sample", type=int, default=400, help="articles per ingest probe")
    parser.add_argument("--target-events", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--app-workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--skip-ingest", action="store_true", help="serving figures only (no ingest probes)"
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
        f"{args.seconds:g} s per view, app with {args.app_workers} workers",
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
    large, report["large_db"] = build_large(base, args.target_events)
    report["serve"] = {}
    for label, db in (("base", base), ("large", large)):
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            events = conn.execute("SELECT count(*) FROM event").fetchone()[0]
        report["serve"][label] = {"events": events, **serve_figures(db, label, args)}
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
