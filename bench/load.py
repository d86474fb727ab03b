"""Concurrent load for a bounded time — on one URL (``load``) or cycling through many distinct
ones (``load_paths``): Debian's ``wrk`` when installed, else a Python load generator (threads
with keep-alive connections). Loopback only."""

from __future__ import annotations

import http.client
import itertools
import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

LUA = Path(__file__).with_name("wrk_report.lua")
LUA_PATHS = Path(__file__).with_name("wrk_urls.lua")


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError(f"load is generated on loopback only, not {host}")


def load(url: str, *, seconds: float, connections: int) -> dict:
    """Requests/s and latency percentiles (ms) for ``url`` under ``connections`` clients."""
    _check_loopback(url)
    if shutil.which("wrk"):
        return _wrk(url, seconds, connections)
    return _python(url, seconds, connections)


def load_paths(base: str, paths: Path, *, seconds: float, connections: int) -> dict:
    """Like ``load``, each request asking the next path of the file ``paths`` (one per line)."""
    _check_loopback(base)
    listed = [line for line in paths.read_text(encoding="utf-8").splitlines() if line]
    if shutil.which("wrk"):
        return _wrk(base + listed[0], seconds, connections, paths=paths)
    return _python(base, seconds, connections, paths=listed)


def _wrk(url: str, seconds: float, connections: int, paths: Path | None = None) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    command += ["--timeout", "10s", "-s", str(LUA_PATHS if paths else LUA), url]
    env = {**os.environ, "BENCH_PATHS": str(paths)} if paths else None
    out = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, env=env
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("{"))
    raw = json.loads(line)
    return {
        "tool": "wrk",
        "requests": raw["requests"],
        "errors": raw["errors"],
        "rps": round(raw["requests"] / raw["seconds"], 1),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
    }


def _python(url: str, seconds: float, connections: int, paths: list[str] | None = None) -> dict:
    parts = urlsplit(url)
    listed = paths or [parts.path + (f"?{parts.query}" if parts.query else "")]
    turn = itertools.count()
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine: list[float] = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", listed[next(turn) % len(listed)])
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                continue
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 2)

    return {
        "tool": "python",
        "requests": len(latencies),
        "errors": errors[0],
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.50) if latencies else None,
        "p95_ms": pct(0.95) if latencies else None,
        "p99_ms": pct(0.99) if latencies else None,
    }
