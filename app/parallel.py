"""Extraction on several cores: a process pool over the pure extractor, results in input order.

Extraction is pure (text in, frozen values out) and CPU-bound, so it scales with processes; the
database writes stay in the caller's process (one writer). A failure in one article comes back as
that article's result (an exception value) and never stops the others.

The same shape runs past one machine: map ``extract_article`` over texts with Ray or Dask and
hand the results to one writer per database (see README, Performance).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from app.extract.model import ArticleExtraction

Result = ArticleExtraction | Exception

_context: Any = None  # the corpus context of the current pool, set once per worker process
_extract: Callable[..., ArticleExtraction] | None = None


def _init_worker(context: Any, extract: Callable[..., ArticleExtraction] | None = None) -> None:
    global _context, _extract
    _context, _extract = context, extract


def _extract_one(text: str) -> Result:
    extract = _extract
    if extract is None:
        from app.extract import extract_article as extract
    try:
        if _context is None:
            return extract(text)
        return extract(text, context=_context)
    except Exception as error:  # one bad article never takes the batch down
        return error


def extract_many(
    texts: Iterable[str],
    *,
    workers: int = 1,
    context: Any = None,
    extract: Callable[..., ArticleExtraction] | None = None,
    chunksize: int = 8,
) -> Iterator[Result]:
    """Extract every text, in order; ``workers`` > 1 uses that many processes.

    ``extract`` defaults to ``app.extract.extract_article``; ``context`` is passed to it as
    ``context=`` (a corpus context reaches each worker once, at its start, not per article).
    With one worker this is a plain loop in the calling process (no pickling, no pool), so the
    single-core figures measure the extractor itself.
    """
    if workers <= 1:
        _init_worker(context, extract)
        try:
            for text in texts:
                yield _extract_one(text)
        finally:
            _init_worker(None)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(
        workers, initializer=_init_worker, initargs=(context, extract)
    ) as pool:
        yield from pool.imap(_extract_one, texts, chunksize=chunksize)
