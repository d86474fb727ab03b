"""The ingestion job: files → documents → extraction → batched writes, streaming.

One bad file never stops the batch: every file (every record of a records file) gets an outcome
with a reason, and the caller decides the exit code from them. Folders are walked lazily and each
article is stored as soon as it is extracted, a small batch of finished articles per transaction
(app/ingest_writer.py), so memory stays flat however many files there are and a crash or Ctrl-C
loses at most the open batch: every article is either fully stored or absent, and running the
same batch again skips what is stored (same content, same extractor) and completes the rest.

Extraction runs in this process, on a local process pool (``workers``) or on a Dask cluster
(``cluster``: app/cluster.py); the results come back in input order and this process is the one
writer. The one inference across articles, the corpus context, runs afterwards over the stored
articles and re-extracts only those whose extraction asked it something (app/corpus_pass.py).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import repeat
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app import ingest_writer
from app.batch_store import (
    NewArticle,
    article_text,
    delete_articles,
    event_count,
    stored_versions,
)
from app.corpus_pass import fingerprint, pending_version
from app.documents import DOCUMENT_SUFFIXES, read_documents
from app.extract.model import ArticleExtraction, DateValue
from app.ingest_writer import (
    RECONNECT_SECONDS,
    BatchWriter,
    DatabaseUnavailable,
    Finished,
    store_failed,
)
from app.models import Article, Country, Event
from app.parallel import LocalExtraction, PoolExtraction
from app.source import SourceDocument, SourceFailure
from app.store import (
    InconsistentExtraction,
    article_id_for,
    check_extraction,
    content_sha256,
    event_id_for,
    sync_countries,
)

EXTRACT_DIR = Path(__file__).parent / "extract"
LOOKUP_CHUNK = 16  # documents whose stored versions are looked up in one transaction
SEARCH_KEY_FILE = Path(__file__).parent / "search.py"


def extractor_version() -> str:
    """A fingerprint of the extractor's code and data, and of the search key (app/search.py
    builds the stored search text): when it changes, re-ingest updates."""
    digest = hashlib.sha256()
    for path in sorted(EXTRACT_DIR.rglob("*")):
        if path.suffix in {".py", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(EXTRACT_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(SEARCH_KEY_FILE.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # added | updated | unchanged | failed
    events: int = 0
    message: str = ""  # why it failed; otherwise a note (e.g. "decoded from Windows-1256")

    @property
    def failed(self) -> bool:
        return self.status == "failed"


Progress = Callable[[str, int, int], None]  # (stage, done, total); stage: "reading" | "context"


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path | FileOutcome]:
    """Files as given; folders walked (in name order, hidden entries skipped) for ``*.txt``,
    ``*.html``, ``*.htm`` and records files (``*.jsonl``, ``*.ndjson``, ``*.csv``). A folder
    that can't be listed or holds no article is reported as a failed :class:`FileOutcome`
    instead of a path. Each file is yielded once."""
    seen: set[str] = set()

    def once(path: Path) -> bool:
        key = os.path.realpath(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            if once(path):
                yield path
            continue
        found = False
        for item in _walk(path):
            found = found or isinstance(item, Path)
            if isinstance(item, FileOutcome) or once(item):
                yield item
        if not found:
            yield FileOutcome(str(path), "failed", message=f"folder holds no {_SUFFIX_WORDS} files")


_SUFFIX_WORDS = ".txt, .html, .htm, .jsonl, .ndjson or .csv"


def _walk(folder: Path) -> Iterator[Path | FileOutcome]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        while errors:
            error = errors.pop()
            yield FileOutcome(str(error.filename), "failed", message=_folder_error(error))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                yield Path(root) / name
    for error in errors:
        yield FileOutcome(str(error.filename), "failed", message=_folder_error(error))


def _folder_error(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied (cannot list this folder)"
    return f"cannot list this folder: {(error.strerror or str(error)).lower()}"


def ingest_paths(
    paths: Iterable[str | Path],
    engine: Engine,
    *,
    max_bytes: int,
    on_outcome: Callable[[FileOutcome], None] = lambda outcome: None,
    on_progress: Progress = lambda stage, done, total: None,
    workers: int = 1,
    cluster: str | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    collect: bool = True,
    batch_size: int | None = None,
    reconnect_seconds: float = RECONNECT_SECONDS,
) -> list[FileOutcome]:
    """Ingest every article under ``paths``; one outcome per article, in the order decided
    (``collect=False``: only through ``on_outcome``, so a huge batch keeps no list).

    Never raises for a bad file or a failing extraction. ``should_stop()`` true stops reading:
    the articles in flight are stored and reported, then :class:`Interrupted` is raised; a
    ``KeyboardInterrupt`` from outside rolls back the open batch and propagates (the outcomes so
    far went to ``on_outcome``). :class:`DatabaseUnavailable` when the database stays away
    longer than ``reconnect_seconds`` (the open batch is then absent, all reported stored).
    """
    run = _Run(
        engine,
        version=extractor_version(),
        collect=collect,
        on_outcome=on_outcome,
        should_stop=should_stop,
    )
    extract, corpus_context = _extractor()
    total = sum(1 for _ in iter_article_paths(paths))  # names only: the walk is redone lazily
    with _extraction(workers, cluster, extract) as backend:
        run.writer = BatchWriter(
            engine,
            on_stored=run.stored,
            on_failed=run.store_failed,
            known_countries=run.sync_countries(),
            batch_size=batch_size or ingest_writer.BATCH_ARTICLES,
            reconnect_seconds=reconnect_seconds,
        )
        documents = run.to_extract(_documents(paths, max_bytes, on_progress, total, should_stop))
        for document, result in backend.map(documents, _itself):
            run.extracted(document, result)
        run.writer.flush()
        on_progress("reading", total, total)
        if should_stop():  # the context pass waits for the whole batch: the next run
            raise Interrupted(len(run.pending))
        if run.pending:
            run.context_pass(backend, corpus_context, on_progress)
    return run.outcomes


class Interrupted(KeyboardInterrupt):
    """A stop asked for (Ctrl-C, SIGTERM): ``awaiting`` articles are stored but await the
    corpus-context pass (over the whole batch, so that a stopped and resumed batch ends as an
    uninterrupted one); the next run of the same batch completes and lists them."""

    def __init__(self, awaiting: int = 0) -> None:
        super().__init__(awaiting)
        self.awaiting = awaiting


def _documents(
    paths, max_bytes: int, on_progress: Progress, total: int, should_stop
) -> Iterator[SourceDocument | SourceFailure]:
    """Every document under ``paths``, read one file at a time, until asked to stop."""
    for done, item in enumerate(iter_article_paths(paths)):
        on_progress("reading", done, total)
        if should_stop():
            return
        if isinstance(item, FileOutcome):
            yield SourceFailure(item.path, item.message)
            continue
        yield from read_documents(item, max_bytes=max_bytes)


def _itself(document: SourceDocument) -> SourceDocument:
    return document


def _columns(result) -> dict:
    """The article columns only the source fills (url, author, …; app/source.py)."""
    return result.source.as_columns() if result.source is not None else {}


@dataclass
class _Deferred:
    """An article stored before the corpus-context pass, its outcome not yet reported."""

    document: SourceDocument  # without its text (the store has it)
    article_id: str
    status: str  # added | updated: what the outcome will say
    fingerprint: str | None  # of the extraction stored (None: unknown, from an earlier run)


class _Run:
    """One ingest's state: its outcomes, the writer, the articles awaiting the context pass."""

    def __init__(
        self, engine: Engine, *, version: str, collect: bool, on_outcome, should_stop=None
    ) -> None:
        self.engine, self.version = engine, version
        self.should_stop = should_stop or (lambda: False)
        self.collect, self.on_outcome = collect, on_outcome
        self.outcomes: list[FileOutcome] = []
        self.pending: list[_Deferred] = []
        self.writer: BatchWriter

    def report(self, outcome: FileOutcome) -> None:
        if self.collect:
            self.outcomes.append(outcome)
        self.on_outcome(outcome)

    def sync_countries(self) -> set[str]:
        with Session(self.engine) as session:
            sync_countries(session, _knowledge_countries())
            return set(session.execute(select(Country.iso2)).scalars())

    def to_extract(self, documents) -> Iterator[SourceDocument]:
        """The documents that need extracting; the others get their outcome here (failed,
        unchanged) or join the context pass (stored by an earlier run that stopped before it).
        What is stored is looked up for a few documents at a time (one transaction each)."""
        chunk: list[SourceDocument] = []
        for document in documents:
            if isinstance(document, SourceFailure):
                self.report(FileOutcome(document.label, "failed", message=document.message))
                continue
            chunk.append(document)
            if len(chunk) >= LOOKUP_CHUNK:
                yield from self._unstored(chunk)
                chunk = []
        yield from self._unstored(chunk)

    def _unstored(self, documents: list[SourceDocument]) -> Iterator[SourceDocument]:
        if not documents:
            return
        ids = [article_id_for(content_sha256(d.text)) for d in documents]
        stored = self.writer.transaction(lambda conn: stored_versions(conn, ids))
        for document, article_id in zip(documents, ids, strict=True):
            if self.should_stop():  # read ahead but not begun: as if never read
                return
            want = document.stored_version(self.version)
            if stored.get(article_id) == want:
                events = self.writer.transaction(lambda conn, i=article_id: event_count(conn, i))
                self.report(FileOutcome(document.label, "unchanged", events, document.note))
            elif stored.get(article_id) == pending_version(want):
                self.pending.append(
                    _Deferred(replace(document, text=""), article_id, "added", None)
                )
            else:
                yield document

    def extracted(self, document: SourceDocument, result) -> None:
        if isinstance(result, Exception):
            self.report(_failed(document, _extraction_failed(result)))
            return
        extraction, columns = result.extraction, _columns(result)
        try:
            check_extraction(extraction)
        except InconsistentExtraction as error:
            self.report(_failed(document, store_failed(error)))
            return
        version = document.stored_version(self.version)
        deferred = None
        if result.asked_context:
            version = pending_version(version)
            deferred = _Deferred(
                replace(document, text=""), "", "added", fingerprint((extraction, columns))
            )
        article = NewArticle(document.name, extraction, version, columns)
        self.writer.add(Finished(article, document.label, document.note, tag=deferred))

    def stored(self, item: Finished, status: str) -> None:
        deferred: _Deferred | None = item.tag
        if deferred is not None and deferred.article_id:  # the context pass: its outcome now
            self.report(FileOutcome(item.label, deferred.status, _events(item), item.note))
        elif deferred is not None and status != "unchanged":
            deferred.article_id, deferred.status = item.article.article_id, status
            self.pending.append(deferred)
        else:
            self.report(FileOutcome(item.label, status, _events(item), item.note))

    def store_failed(self, item: Finished, message: str) -> None:
        self.report(FileOutcome(item.label, "failed", message=message))

    def context_pass(self, backend, corpus_context, on_progress: Progress) -> None:
        """The corpus context from every stored article, applied to those that asked it."""
        todo = self.pending
        self.pending = []
        try:
            context = self.writer.transaction(
                lambda conn: corpus_context.from_extractions(list(_stored_extractions(conn)))
            )
        except DatabaseUnavailable:
            raise
        except Exception as error:
            message = _extraction_failed(error, "building the corpus context")
            self._drop(todo, message)
            return

        def with_text(deferred: _Deferred) -> SourceDocument:
            text = self.writer.transaction(lambda c: article_text(c, deferred.article_id))
            return replace(deferred.document, text=text or "")

        for done, (deferred, result) in enumerate(backend.map(todo, with_text, context), 1):
            on_progress("context", done, len(todo))
            document = deferred.document
            if isinstance(result, Exception):
                self._drop([deferred], _extraction_failed(result))
                continue
            extraction, columns = result.extraction, _columns(result)
            article = NewArticle(
                document.name, extraction, document.stored_version(self.version), columns
            )
            same = deferred.fingerprint == fingerprint((extraction, columns))
            self.writer.add(
                Finished(article, document.label, document.note, tag=deferred, finalize=same)
            )
        self.writer.flush()

    def _drop(self, todo: list[_Deferred], message: str) -> None:
        """Articles whose context pass failed: removed (a failed article is never stored)."""
        ids = [d.article_id for d in todo]
        self.writer.transaction(lambda conn: delete_articles(conn, ids))
        for deferred in todo:
            self.report(_failed(deferred.document, message))


def _failed(document: SourceDocument, message: str) -> FileOutcome:
    return FileOutcome(document.label, "failed", message=message)


def _events(item: Finished) -> int:
    return len({event_id_for(item.article.sha256, e) for e in item.article.extraction.events})


@contextmanager
def _extraction(workers: int, cluster: str | None, extract):
    """Where extraction runs: here, a local process pool, or a Dask cluster."""
    if cluster:
        from app.cluster import ClusterExtraction

        backend = ClusterExtraction(cluster, extract)
    elif workers > 1:
        backend = PoolExtraction(workers, extract)
    else:
        backend = LocalExtraction(extract)
    with backend:
        yield backend


def _extraction_failed(error: BaseException | None, during: str = "") -> str:
    where = f" while {during}" if during else ""
    return f"extraction failed{where} ({type(error).__name__}: {error}); please report this file"


def _extractor():
    """``(extract_article, CorpusContext)``, imported when first needed."""
    from app.extract import CorpusContext, extract_article

    return extract_article, CorpusContext


def _stored_extractions(connection) -> Iterator[ArticleExtraction]:
    """The stored articles as the only facts a corpus context reads: their explicit dates.

    Grouped in SQL (one row per distinct date, repeated by its count), so a large store costs
    two aggregate scans, not every article's text and one query per article.
    """
    columns = (
        (Article.published, Article.published_precision, Article.published_basis),
        (Event.date, Event.date_precision, Event.date_basis),
    )
    for value, precision, basis in columns:
        query = (
            select(value, precision, func.count())
            .where(basis == "explicit", value.is_not(None), precision.is_not(None))
            .group_by(value, precision)
        )
        for date, date_precision, count in connection.execute(query):
            when = DateValue(value=date, precision=date_precision, basis="explicit")
            yield from repeat(ArticleExtraction(text="", published=when), count)


def _knowledge_countries() -> list[Country]:
    from app.extract.knowledge import load_knowledge

    return [
        Country(iso2=c.iso2, name_ar=c.name_ar, name_en=c.name_en, csto_member=c.csto_member)
        for c in load_knowledge().countries.values()
    ]
