"""Extraction on a Dask distributed cluster (``csto-timeline ingest --cluster ADDRESS``).

Dask, not Ray: it is pure Python and light (a scheduler and workers are ``pip install
distributed``, no object store or C++ runtime), ``client.submit`` / ``as_completed`` stream
results as they finish, and ``LocalCluster`` runs the same code in tests. The engine does the
scheduling, moves the work of a lost worker to the others (the scheduler reruns its tasks) and
shows progress on its dashboard; this module only feeds it a bounded window of small chunks of
documents and hands the results back in input order, so the one writer (this process) stores
exactly what a local run stores, in the same order.

Workers must run the same code: each chunk's result carries the worker's extractor version, and
an article extracted by another version fails with that reason instead of being stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any, TypeVar

from app.parallel import Outcome, extract_chunk

T = TypeVar("T")
CHUNK = 8  # articles per task: ~50 ms of work, far above a task's scheduling cost
CONNECT_SECONDS = 15


class ClusterUnavailable(Exception):
    """The scheduler can't be reached (or has no workers); the message says which."""


@lru_cache(maxsize=1)
def _worker_version() -> str:
    from app.ingest import extractor_version

    return extractor_version()


def cluster_chunk(documents: list, extract=None, context=None) -> tuple[str, list[Outcome]]:
    """The task a worker runs: a few documents extracted, and the worker's extractor version."""
    return _worker_version(), extract_chunk(documents, extract, context)


class ClusterExtraction:
    """``map`` like ``app.parallel.LocalExtraction``, on the cluster at ``address``."""

    def __init__(self, address: str, extract: Callable | None = None, chunk: int = CHUNK):
        self.address, self.extract, self.chunk = address, extract, chunk
        self.client = None

    def __enter__(self) -> ClusterExtraction:
        from distributed import Client

        try:
            self.client = Client(self.address, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as error:
            raise ClusterUnavailable(
                f"cannot reach the Dask scheduler at {self.address} ({error})"
            ) from None
        try:
            self.client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except TimeoutError:
            self.client.close()
            raise ClusterUnavailable(
                f"the Dask scheduler at {self.address} has no workers "
                f"(waited {CONNECT_SECONDS} s); start some with `dask worker {self.address}`"
            ) from None
        from app.ingest import extractor_version

        self.version = extractor_version()
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def map(
        self, items: Iterable[T], document: Callable[[T], Any], context: Any = None
    ) -> Iterator[tuple[T, Outcome]]:
        """Every item with its extraction, in input order; at most a window of chunks (two per
        worker thread) in flight, so memory stays flat however many items there are."""
        from distributed import as_completed

        client = self.client
        assert client is not None, "use ClusterExtraction as a context manager"
        shared = client.scatter(context, broadcast=True) if context is not None else None
        window = max(2, 2 * sum(client.nthreads().values()))
        source = iter(items)
        futures = as_completed()
        chunks: dict[int, list[T]] = {}  # submitted, in order
        done: dict[int, list[Outcome]] = {}
        keys: dict[Any, int] = {}
        submitted = head = 0

        def submit() -> bool:
            nonlocal submitted
            chunk = list(islice(source, self.chunk))
            if not chunk:
                return False
            future = client.submit(
                cluster_chunk, [document(i) for i in chunk], self.extract, shared, pure=False
            )
            chunks[submitted], keys[future.key] = chunk, submitted
            futures.add(future)
            submitted += 1
            return True

        try:
            while len(chunks) < window and submit():
                pass
            for future in futures:
                index = keys.pop(future.key)
                done[index] = self._results(future, chunks[index], document, shared)
                while head in done:
                    yield from zip(chunks.pop(head), done.pop(head), strict=True)
                    head += 1
                    submit()
        finally:
            for future in list(futures.futures):
                future.cancel()

    def _results(self, future, chunk, document, shared) -> list[Outcome]:
        """A finished chunk's outcomes. A chunk that failed as a whole (e.g. its workers kept
        dying: ``KilledWorker``) is retried one article at a time, so only the article at
        fault fails; an article extracted by another extractor version fails with that."""
        try:
            version, outcomes = future.result()
        except Exception as error:
            if len(chunk) == 1:
                return [error]
            outcomes = []
            for item in chunk:
                single = self.client.submit(
                    cluster_chunk, [document(item)], self.extract, shared, pure=False
                )
                outcomes.extend(self._results(single, [item], document, shared))
            return outcomes
        if version != self.version:
            mismatch = RuntimeError(
                f"the worker runs extractor version {version}, this ingest {self.version}; "
                "install the same code on every worker"
            )
            return [mismatch] * len(chunk)
        return outcomes
