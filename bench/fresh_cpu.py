"""CPU milliseconds per fresh request, in process: a measure of the fresh render that the
machine's load moves much less than requests/s do (other agents share the 2 cores).

    python -m bench.fresh_cpu --db PATH [--views stories,combined] [--n 30]
    python -m bench.fresh_cpu --db PATH --compare ../other-checkout [--rounds 4]

The app is built as ``serve`` builds it (aggregates remembered, the garbage collector tuned,
``RESPONSE_CACHE=0``) and called as an ASGI app in this thread, the route's threadpool run
inline, so ``time.process_time`` sees the whole request; each view asks ``n`` of the bench's
distinct questions (bench/traffic.py), none asked before in the process, after warming the
view's code on three others. ``--compare`` runs this checkout and another one in turn, in
subprocesses, for ``rounds`` interleaved rounds, and prints the medians.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def _measure(db: Path, views: list[str], n: int) -> dict[str, list[float]]:
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["RESPONSE_CACHE"] = "0"
    import fastapi.routing

    async def inline(func, *args, **kwargs):
        return func(*args, **kwargs)

    fastapi.routing.run_in_threadpool = inline  # the route in this thread: process_time sees it
    from app.web.main import create_app
    from bench import traffic

    asked = traffic.questions(db, "x", n=240)
    app = create_app()
    loop = asyncio.new_event_loop()

    async def call(url: str) -> int:
        parts = urlsplit(url)
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": parts.path,
            "raw_path": parts.path.encode(),
            "query_string": parts.query.encode(),
            "root_path": "",
            "headers": [(b"host", b"127.0.0.1")],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
        }
        status = [0]
        sent = [False]

        async def receive():
            if not sent[0]:
                sent[0] = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.sleep(3600)

        async def send(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]

        await app(scope, receive, send)
        return status[0]

    for url in ("/events/0000000000000000", "/?reports=all", "/", "/api/events"):
        loop.run_until_complete(call(url))
    out: dict[str, list[float]] = {}
    for view in views:
        questions = asked[view]
        for q in questions[-3:]:
            loop.run_until_complete(call(q.app))
        rest = questions[:-3]
        times = []
        for q in rest[:: max(1, len(rest) // n)][:n]:
            started = time.process_time()
            status = loop.run_until_complete(call(q.app))
            times.append((time.process_time() - started) * 1000)
            if status != 200:
                raise SystemExit(f"{q.app}: {status}")
        out[view] = times
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a bench database (bench/out/db)")
    parser.add_argument("--views", default=",".join(v for v in _views() if v != "search"))
    parser.add_argument("--n", type=int, default=30, help="questions per view")
    parser.add_argument("--compare", type=Path, help="another checkout of the project")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    args.db = args.db.resolve()
    views = args.views.split(",")
    if args.compare is None:
        print(json.dumps(_measure(args.db, views, args.n)))
        return 0
    checkouts = {"this": ROOT, "other": args.compare.resolve()}
    medians: dict[tuple[str, str], list[float]] = {}
    for round_ in range(args.rounds):
        for name in ("this", "other") if round_ % 2 == 0 else ("other", "this"):
            command = [sys.executable, str(Path(__file__).resolve()), "--db", str(args.db)]
            command += ["--views", args.views, "--n", str(args.n)]
            # the checkout's own app (its directory first on the path), this bench module
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(checkouts[name]), str(ROOT)])}
            done = subprocess.run(
                command, cwd=checkouts[name], env=env, capture_output=True, text=True
            )
            if done.returncode:
                raise SystemExit(done.stderr[-3000:])
            for view, times in json.loads(done.stdout.strip().splitlines()[-1]).items():
                medians.setdefault((view, name), []).append(statistics.median(times))
        print(f"round {round_ + 1}/{args.rounds}", file=sys.stderr, flush=True)
    print("view | this ms | other ms | this/other (median of per-round median CPU ms/request)")
    for view in views:
        this, other = (statistics.median(medians[view, k]) for k in ("this", "other"))
        print(f"{view} | {this:.2f} | {other:.2f} | {this / other:.2f}")
    return 0


def _views() -> tuple[str, ...]:
    from bench.traffic import VIEWS

    return VIEWS


if __name__ == "__main__":
    sys.exit(main())
