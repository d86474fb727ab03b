"""Extraction off the writer's path: in-process, on a local process pool, results in input order.

Extraction is pure (text in, frozen values out) and CPU-bound, so it scales with processes; the
database writes stay in the caller's process (one writer). A failure in one article comes back as
that article's result (an exception value) and never stops the others.

:class:`LocalExtraction` and :class:`PoolExtraction` (and ``app.cluster.ClusterExtraction``, the
same on a Dask cluster) stream: ``map`` takes any iterable of items, keeps a bounded number of
them in flight and yields ``(item, result)`` in input order, so memory does not grow with the
batch. Each article is extracted with a :class:`~app.corpus_pass.ContextProbe` unless a real
corpus context is given (see app/corpus_pass.py).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from app.extract.model import ArticleExtraction
from app.source import ArticleSource, SourceDocument

Result = ArticleExtraction | Exception
T = TypeVar("T")


@dataclass(frozen=True)
class Extracted:
    """An extraction, the source columns beside it (for a document), and whether the corpus
    context could change it (it was made with a probe that knows nothing, and asked)."""

    extraction: ArticleExtraction
    source: ArticleSource | None = None
    asked_context: bool = False


Outcome = Extracted | Exception


def _default_extract() -> Callable[..., ArticleExtraction]:
    from app.extract import extract_article

    return extract_article


def extract_one(
    item: str | SourceDocument,
    extract: Callable[..., ArticleExtraction] | None = None,
    context: Any = None,
) -> Outcome:
    """One article — a text, or a document whose metadata is then applied (app/provenance.py)
    — with ``context`` if given, else with a probe; an exception is a value."""
    from app.corpus_pass import ContextProbe
    from app.document_extraction import apply_source, needs_context

    extract = extract or _default_extract()
    probe = ContextProbe() if context is None else None
    given = probe if context is None else context
    try:
        if isinstance(item, str):
            return Extracted(extract(item, context=given), None, bool(probe and probe.asked))
        own = extract(item.text, context=given)
        extraction, source = apply_source(item, own, extract=extract, context=given)
    except Exception as error:  # one bad article never takes the batch down
        return error
    return Extracted(extraction, source, bool(probe and probe.asked) and needs_context(extraction))


def extract_chunk(
    items: Sequence[str | SourceDocument],
    extract: Callable[..., ArticleExtraction] | None = None,
    context=None,
) -> list[Outcome]:
    """A few articles per task: the unit a pool or a cluster schedules."""
    return [extract_one(item, extract or _worker_extract, context) for item in items]


_worker_extract: Callable[..., ArticleExtraction] | None = None  # a pool worker's extractor


def _init_worker(extract: Callable[..., ArticleExtraction] | None) -> None:
    """Set once per pool process (inherited, not pickled: any callable works)."""
    global _worker_extract
    _worker_extract = extract


class LocalExtraction:
    """Extraction in this process (``--workers 1``): no pickling, the extractor's own speed."""

    def __init__(self, extract: Callable[..., ArticleExtraction] | None = None) -> None:
        self.extract = extract

    def __enter__(self) -> LocalExtraction:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def map(
        self, items: Iterable[T], document: Callable[[T], Any], context: Any = None
    ) -> Iterator[tuple[T, Outcome]]:
        """``(item, outcome)`` for each item; ``document(item)`` is what to extract."""
        for item in items:
            yield item, extract_one(document(item), self.extract, context)


class PoolExtraction:
    """A process pool (``--workers N``), fed from this thread a window at a time."""

    def __init__(
        self, workers: int, extract: Callable[..., ArticleExtraction] | None = None, chunk=8
    ) -> None:
        self.workers, self.extract, self.chunk = workers, extract, chunk
        self._pool = None

    def __enter__(self) -> PoolExtraction:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._pool = multiprocessing.get_context(method).Pool(
            self.workers, initializer=_init_worker, initargs=(self.extract,)
        )
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def map(
        self, items: Iterable[T], document: Callable[[T], Any], context: Any = None
    ) -> Iterator[tuple[T, Outcome]]:
        assert self._pool is not None, "use PoolExtraction as a context manager"
        window: deque = deque()
        chunks = _chunks(items, self.chunk)
        for chunk in chunks:
            texts = [document(item) for item in chunk]
            window.append((chunk, self._pool.apply_async(extract_chunk, (texts, None, context))))
            if len(window) >= 4 * self.workers:
                chunk, pending = window.popleft()
                yield from zip(chunk, pending.get(), strict=True)
        while window:
            chunk, pending = window.popleft()
            yield from zip(chunk, pending.get(), strict=True)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_many(
    texts: Iterable[str],
    *,
    workers: int = 1,
    context: Any = None,
    extract: Callable[..., ArticleExtraction] | None = None,
) -> Iterator[Result]:
    """Extract every text, in order (the extraction, or the exception it raised); ``workers``
    > 1 uses that many processes. With one worker this is a plain loop in this process."""
    backend = LocalExtraction(extract) if workers <= 1 else PoolExtraction(workers, extract)
    with backend:
        for _, outcome in backend.map(texts, str, context):
            yield outcome.extraction if isinstance(outcome, Extracted) else outcome
