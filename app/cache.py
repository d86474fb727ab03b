"""Aggregates (totals, facet counts, the histogram) remembered per filter set and data version.

A page shows 15–25 events, found by an index scan in milliseconds; but its total, facet counts
and histogram aggregate *every* matching event, which at a million events takes seconds on
SQLite. The data only changes when an ingest writes, so ``serve`` remembers each aggregate per
canonical filter set until the data changes:

- SQLite: the data version is the size and mtime of the database file and its WAL; any commit by
  any process changes them, so a remembered count is never stale.
- other databases (PostgreSQL): a time bucket of ``ttl`` seconds, so counts lag an ingest by at
  most that long.

Only engines that ``enable`` was called on remember anything (``create_app`` does it for the
server's own engine); tests and library callers compute every time.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

T = TypeVar("T")
_caches: dict[int, AggregateCache] = {}


class AggregateCache:
    def __init__(self, engine: Engine, *, ttl: float = 30.0, size: int = 512) -> None:
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        self.path = database if database and database != ":memory:" else None
        self.ttl, self.size = ttl, size
        self.entries: OrderedDict[Hashable, tuple[Any, Any]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def version(self) -> Hashable:
        if self.path is None:  # wall clock: every worker is in the same bucket (ETags agree)
            return int(time.time() // self.ttl)
        parts: list[int] = []
        for path in (self.path, f"{self.path}-wal"):
            try:
                stat = os.stat(path)
            except FileNotFoundError:
                parts += [0, 0]
            else:
                parts += [stat.st_mtime_ns, stat.st_size]
        return tuple(parts)

    def get(self, key: Hashable, compute: Callable[[], T], version: Hashable = None) -> T:
        if version is None:  # taken first: a write during compute makes the next one miss
            version = self.version()
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None and entry[0] == version:
                self.entries.move_to_end(key)
                self.hits += 1
                return entry[1]
            self.misses += 1
        value = compute()
        with self.lock:
            self.entries[key] = (version, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value


def enable(engine: Engine, **options: Any) -> AggregateCache:
    """Remember aggregates for this engine (``serve``'s own); ``options`` are ``ttl``, ``size``."""
    cache = _caches[id(engine)] = AggregateCache(engine, **options)
    return cache


def disable(engine: Engine) -> None:
    """Undo :func:`enable`: every aggregate for this engine is computed again."""
    _caches.pop(id(engine), None)


def remembered(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its remembered value for ``key`` while the data is unchanged.

    The data version is taken once per transaction of the session (a page asks for 5–6
    aggregates: two ``stat`` calls each were ~3% of a fresh page's CPU)."""
    cache = _caches.get(id(session.get_bind()))
    if cache is None:
        return compute()
    version = session.info.get(_VERSION)
    if version is None:
        version = session.info[_VERSION] = cache.version()
        if not session.info.get(_LISTENING):
            session.info[_LISTENING] = True
            event.listen(
                session, "after_transaction_end", lambda *_: session.info.pop(_VERSION, None)
            )
    return cache.get(key, compute, version)


_VERSION = "csto_data_version"
_LISTENING = "csto_data_version_listener"
