"""Bounded load on loopback while an ingest runs: zero 5xx, zero lost articles.

    python tests/load/run_load.py [--clients 8] [--seconds 20] [--articles 300]

Starts ``csto-timeline serve`` on 127.0.0.1 (a free port) over a fresh SQLite store holding the
seeds, starts ``csto-timeline ingest`` of ``--articles`` generated variants of the seeds, and runs
``--clients`` concurrent keep-alive clients for ``--seconds`` over the filtered views. Then checks
that the ingest stored every article (the store consistent: no half article, no orphan row) and
that every event id a client ever saw still resolves. Prints the figures and writes them to
``test-artifacts/load.json``; exits 1 on any 5xx, transport error, lost article or event.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for reliability.helpers

from _server import ROOT, cli, serve
from reliability.helpers import SEEDS, store_problems, table_counts, write_variants

from app.db import make_engine

VIEWS = {
    "timeline": "/",
    "country": "/?country=KZ",
    "speaker": "/?speaker=stanislav-zas",
    "search": "/?q=كازاخستان",
    "api": "/api/events",
    "api-filtered": "/api/events?country=RU&kind=statement",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "load.json"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="csto-load-") as tmp:
        figures = run(Path(tmp), args.clients, args.seconds, args.articles)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(figures))
    print(f"figures written to {out}")
    return 0 if figures["ok"] else 1


def run(tmp: Path, clients: int, seconds: float, articles: int) -> dict:
    url = f"sqlite:///{tmp / 'load.db'}"
    seeded = cli("--db", url, "ingest", str(SEEDS))
    if seeded.returncode != 0:
        raise SystemExit(f"ingesting the seeds failed:\n{seeded.stderr}")
    write_variants(tmp / "variants", articles)
    engine = make_engine(url)
    with serve(url, log=tmp / "server.log") as base:
        seen_ids: set[str] = set(_event_ids(base))
        ingest_log = (tmp / "ingest.log").open("w")
        ingest_started = time.monotonic()
        ingest = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "--db", url, "ingest", str(tmp / "variants")],
            cwd=ROOT, stdout=ingest_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        finished: list[float] = []
        waiter = threading.Thread(
            target=lambda: (ingest.wait(), finished.append(time.monotonic())), daemon=True
        )
        waiter.start()
        results = _drive(base, clients, seconds, seen_ids)
        waiter.join(timeout=600)
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
        ingest_log.close()
        ingest_seconds = (finished[0] if finished else time.monotonic()) - ingest_started
        vanished = _vanished(base, seen_ids)
    counts = table_counts(engine)
    problems = store_problems(engine)
    engine.dispose()
    expected_articles = articles + len(list(SEEDS.glob("*.txt")))
    statuses: Counter = results["statuses"]
    server_errors = sum(n for status, n in statuses.items() if int(status) >= 500)
    latencies = results["latencies"]
    figures = {
        "clients": clients,
        "seconds": seconds,
        "requests": sum(statuses.values()),
        "requests_per_second": round(sum(statuses.values()) / results["elapsed"], 1),
        "statuses": dict(sorted(statuses.items())),
        "server_errors_5xx": server_errors,
        "transport_errors": results["errors"],
        "latency_ms": _percentiles([x for values in latencies.values() for x in values]),
        "latency_ms_by_view": {view: _percentiles(v) for view, v in sorted(latencies.items())},
        "ingest": {
            "articles": articles,
            "exit_code": ingest.returncode,
            "seconds": round(ingest_seconds, 1),
            "overlap_seconds": round(min(ingest_seconds, results["elapsed"]), 1),
        },
        "articles_stored": counts["article"],
        "articles_expected": expected_articles,
        "lost_articles": expected_articles - counts["article"],
        "events_stored": counts["event"],
        "event_ids_seen": len(seen_ids),
        "event_ids_vanished": vanished,
        "store_problems": problems[:10],
    }
    figures["ok"] = (
        server_errors == 0
        and results["errors"] == 0
        and ingest.returncode == 0
        and figures["lost_articles"] == 0
        and not vanished
        and not problems
    )
    return figures


def _drive(base: str, clients: int, seconds: float, seen_ids: set[str]) -> dict:
    statuses: Counter = Counter()
    latencies: dict[str, list[float]] = {}
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        mine: dict[str, list[float]] = {}
        mine_status: Counter = Counter()
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.monotonic() < deadline:
                view, path = rng.choice(list(VIEWS.items()))
                with lock:
                    ids = list(seen_ids)
                if ids and rng.random() < 0.3:
                    view, path = "permalink", f"/events/{rng.choice(ids)}"
                started = time.perf_counter()
                try:
                    response = http.get(path)
                except httpx.HTTPError:
                    with lock:
                        errors[0] += 1
                    continue
                mine.setdefault(view, []).append((time.perf_counter() - started) * 1000)
                mine_status[str(response.status_code)] += 1
                if view.startswith("api") and response.status_code == 200:
                    found = [e["id"] for e in response.json()["events"]]
                    with lock:
                        seen_ids.update(found)
        with lock:
            statuses.update(mine_status)
            for view, values in mine.items():
                latencies.setdefault(view, []).extend(values)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "statuses": statuses,
        "latencies": latencies,
        "errors": errors[0],
        "elapsed": time.monotonic() - started,
    }


def _event_ids(base: str) -> list[str]:
    return [e["id"] for e in httpx.get(f"{base}/api/events?limit=200", timeout=30).json()["events"]]


def _vanished(base: str, ids: set[str]) -> list[str]:
    """Event ids a client saw that no longer resolve (an ingest only adds: there must be none)."""
    with httpx.Client(base_url=base, timeout=30) as http:
        return sorted(i for i in ids if http.get(f"/events/{i}").status_code != 200)


def _percentiles(values: list[float]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    return {"p50": at(0.5), "p95": at(0.95), "p99": at(0.99), "max": round(ordered[-1], 1),
            "mean": round(statistics.fmean(ordered), 1), "n": len(ordered)}  # fmt: skip


def report(f: dict) -> str:
    lat = f["latency_ms"]
    lines = [
        f"load: {f['clients']} clients for {f['seconds']:g} s on loopback while ingesting "
        f"{f['ingest']['articles']} articles "
        f"({f['ingest']['seconds']} s, exit {f['ingest']['exit_code']}; "
        f"{f['ingest']['overlap_seconds']} s of it under load)",
        f"  {f['requests']} requests, {f['requests_per_second']} req/s, statuses {f['statuses']}",
        f"  latency ms: p50 {lat.get('p50')}, p95 {lat.get('p95')}, p99 {lat.get('p99')}, "
        f"max {lat.get('max')}",
        f"  5xx: {f['server_errors_5xx']}, transport errors: {f['transport_errors']}",
        f"  articles stored {f['articles_stored']} of {f['articles_expected']} "
        f"(lost: {f['lost_articles']}), events {f['events_stored']}, "
        f"event ids seen {f['event_ids_seen']}, vanished {len(f['event_ids_vanished'])}",
        f"  store consistent: {not f['store_problems']}",
        "  by view: "
        + ", ".join(f"{v} p50 {p.get('p50')} ms" for v, p in f["latency_ms_by_view"].items()),
        "PASS" if f["ok"] else "FAIL",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
