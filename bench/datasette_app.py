"""Datasette as an ASGI app for ``uvicorn --factory --workers N``: the benchmark compares like
with like (one app worker against one Datasette process, two against two), and ``datasette
serve`` runs a single process. Configured by environment variables set by bench/run.py."""

from __future__ import annotations

import json
import os


def make():
    from datasette.app import Datasette

    with open(os.environ["BENCH_DS_METADATA"], encoding="utf-8") as fh:
        metadata = json.load(fh)
    settings = json.loads(os.environ.get("BENCH_DS_SETTINGS", "{}"))
    return Datasette([os.environ["BENCH_DS_DB"]], metadata=metadata, settings=settings).app()
