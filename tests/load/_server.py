"""A real ``csto-timeline serve`` on 127.0.0.1 (a free port) for the load and schemathesis runs."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # loopback only, by construction


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], cwd=ROOT, capture_output=True, text=True, **kwargs
    )


@contextlib.contextmanager
def serve(db_url: str, *, log: Path, ready_timeout: float = 60) -> Iterator[str]:
    """The base URL of a server over ``db_url``; stopped (SIGINT, then SIGKILL) on exit."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": db_url}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "--db", db_url, "serve", "--host", HOST,
             "--port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://{HOST}:{port}"
        try:
            deadline = time.monotonic() + ready_timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"the server exited ({process.returncode}); see {log}")
                try:
                    if httpx.get(f"{base}/api/events?limit=1", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not answer within {ready_timeout}s")
                time.sleep(0.2)
            yield base
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
