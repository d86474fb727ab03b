"""The ingest's one writer: finished articles grouped into short transactions, and what to do when
the database fails.

Articles arrive one by one as they are extracted; they wait in a batch until it holds
``batch_size`` articles or its first one has waited ``max_delay`` seconds, then the batch is
stored in one transaction (app/batch_store.py) and only then reported. So a kill loses at most the
articles of the open batch (none of them was reported as stored), and a commit's fixed cost (FTS5
segments, tally pages, the WAL sync) is paid once per batch, not once per article.

When the database goes away (a PostgreSQL restart, a dropped connection, SQLite locked past its
busy timeout) the batch's transaction rolls back whole; the writer drops its pooled connections
and tries again with backoff for up to ``reconnect_seconds``, then gives up with
:class:`DatabaseUnavailable` — the batch is then absent, everything reported before it stored. A
race with a concurrent writer for the same article is retried; any other error in a batch is
isolated by storing its articles one at a time, so only the article at fault fails.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

from app.batch_store import NewArticle, set_versions, write_articles

BATCH_ARTICLES = 50
MAX_DELAY = 1.0  # seconds a finished article may wait for its batch
RECONNECT_SECONDS = 30.0
R = TypeVar("R")
# The writer appends and looks up a few rows by key: SQLite's memory map (app/db.py, for the
# readers) would only map ever more of a growing file into this process — its peak RSS would
# grow with the batch — so its connections read through the page cache (bounded) instead.
_NO_MMAP = "PRAGMA mmap_size=0"


class DatabaseUnavailable(Exception):
    """The database stopped answering for longer than the writer waits; the message says so."""


@dataclass
class Finished:
    """An article ready to store, with what its outcome line needs. ``finalize`` marks one
    the corpus-context pass left as it was: only its stored version changes."""

    article: NewArticle
    label: str
    note: str = ""
    tag: Any = None  # the caller's (e.g. its deferred outcome)
    finalize: bool = False


Stored = Callable[[Finished, str], None]  # (item, added | updated | unchanged)
Failed = Callable[[Finished, str], None]  # (item, message)


class BatchWriter:
    def __init__(
        self,
        engine: Engine,
        *,
        on_stored: Stored,
        on_failed: Failed,
        known_countries: set[str],
        batch_size: int = BATCH_ARTICLES,
        max_delay: float = MAX_DELAY,
        reconnect_seconds: float = RECONNECT_SECONDS,
    ) -> None:
        self.engine = engine
        self.on_stored, self.on_failed = on_stored, on_failed
        self.known_countries = known_countries
        self.batch_size, self.max_delay = batch_size, max_delay
        self.reconnect_seconds = reconnect_seconds
        self.batch: list[Finished] = []
        self._opened = 0.0

    def add(self, item: Finished) -> None:
        if not self.batch:
            self._opened = time.monotonic()
        self.batch.append(item)
        if len(self.batch) >= self.batch_size or time.monotonic() - self._opened >= self.max_delay:
            self.flush()

    def flush(self) -> None:
        """Store the open batch (one transaction) and report each of its articles."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        try:
            statuses = self.transaction(lambda conn: self._write(conn, batch))
        except DatabaseUnavailable:
            raise
        except Exception:  # isolate the article at fault: store them one by one
            if len(batch) == 1:
                raise
            for item in batch:
                self._write_alone(item)
            return
        for item, status in zip(batch, statuses, strict=True):
            self.on_stored(item, status)

    def _write_alone(self, item: Finished) -> None:
        try:
            (status,) = self.transaction(lambda conn: self._write(conn, [item]))
        except DatabaseUnavailable:
            raise
        except Exception as error:
            self.on_failed(item, store_failed(error))
            return
        self.on_stored(item, status)

    def _write(self, connection: Connection, batch: list[Finished]) -> list[str]:
        final = [(i.article.article_id, i.article.version) for i in batch if i.finalize]
        stored = write_articles(
            connection, [i.article for i in batch if not i.finalize], self.known_countries
        )
        set_versions(connection, final)
        statuses = iter(stored)
        return ["unchanged" if item.finalize else next(statuses) for item in batch]

    def transaction(self, work: Callable[[Connection], R]) -> R:
        """``work`` in one transaction; a lost database is waited for (with backoff) and the
        whole transaction run again; a race with another writer is run again too."""
        deadline = time.monotonic() + self.reconnect_seconds
        delay, races = 0.25, 0
        while True:
            try:
                with self.engine.begin() as connection:
                    if connection.dialect.name == "sqlite":
                        connection.exec_driver_sql(_NO_MMAP)
                    return work(connection)
            except IntegrityError:
                races += 1
                if races >= 3:
                    raise
            except (OperationalError, InterfaceError, DBAPIError) as error:
                if not _connection_problem(error):
                    raise
                self.engine.dispose()  # the pooled connections may all be dead
                if time.monotonic() + delay > deadline:
                    raise DatabaseUnavailable(
                        f"the database stopped answering for over {self.reconnect_seconds:g} s "
                        f"({_first_line(error)})"
                    ) from error
                time.sleep(delay)
                delay = min(delay * 2, 4.0)


def _connection_problem(error: DBAPIError) -> bool:
    """A lost or refused connection, or a database too busy to answer: worth waiting for.
    (SQLite calls a syntax error an OperationalError too: that one is not retried.)"""
    if error.connection_invalidated or isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    if type(error.orig).__module__.startswith("sqlite3"):
        message = str(error.orig).lower()
        return "locked" in message or "busy" in message
    return True


def _first_line(error: BaseException) -> str:
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


def store_failed(error: BaseException) -> str:
    return f"could not store ({type(error).__name__}: {_first_line(error)})"
