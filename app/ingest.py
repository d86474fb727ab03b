"""The ingestion job: files → text → extraction (two passes) → one transaction per article.

One bad file never stops the batch: every file gets an outcome with a reason, and the caller
decides the exit code from them. Each article is stored in its own transaction, so a crash or
Ctrl-C leaves every article either fully stored or absent; running the same batch again skips
what is stored (same content, same extractor) and completes the rest.

Pass 1 reads and extracts every file; pass 2 builds the corpus context (dates the articles give
each other) and stores the articles one by one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from app.extract.model import ArticleExtraction, DateValue
from app.models import Article, Country, Event
from app.readers import ARTICLE_SUFFIXES, ArticleReadError, read_article
from app.store import content_sha256, find_article, save_article, sync_countries

EXTRACT_DIR = Path(__file__).parent / "extract"
SEARCH_KEY_FILE = Path(__file__).parent / "search.py"
STORE_ATTEMPTS = 3  # a concurrent writer can win a race for the same article: try again


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


@dataclass
class _Pending:
    path: Path
    text: str
    note: str = ""
    extraction: ArticleExtraction | None = None
    contextual: bool = False  # already extracted with the corpus context (pass 2 on a pool)


Progress = Callable[[str, int, int], None]  # (stage, done, total); stage: "reading" | "storing"


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path | FileOutcome]:
    """Files as given; folders walked (in name order, hidden entries skipped) for ``*.txt``,
    ``*.html`` and ``*.htm``. A folder that can't be listed or holds no article is reported
    as a failed :class:`FileOutcome` instead of a path. Each file is yielded once."""
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
            yield FileOutcome(
                str(path), "failed", message="folder holds no .txt, .html or .htm files"
            )


def _walk(folder: Path) -> Iterator[Path | FileOutcome]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        while errors:
            error = errors.pop()
            yield FileOutcome(str(error.filename), "failed", message=_folder_error(error))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES:
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
) -> list[FileOutcome]:
    """Ingest every article file under ``paths``; one outcome per file, in the order decided.

    Never raises for a bad file or a failing extraction; ``KeyboardInterrupt`` propagates after
    the article being stored is rolled back (the outcomes so far went to ``on_outcome``).
    """
    version = extractor_version()
    outcomes: list[FileOutcome] = []

    def report(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        on_outcome(outcome)

    items = list(iter_article_paths(paths))
    with Session(engine) as session:
        sync_countries(session, _knowledge_countries())
        pending = _read_and_extract(
            session, items, max_bytes, version, report, on_progress, workers
        )
        context, context_error = _corpus_context(session, pending)
        if workers > 1 and context is not None:
            _extract_with_context(pending, context, workers)
        for done, item in enumerate(pending, 1):
            report(_store_one(session, item, context, context_error, version))
            on_progress("storing", done, len(pending))
    return outcomes


def _read_and_extract(
    session, items, max_bytes, version, report, on_progress, workers: int = 1
) -> list[_Pending]:
    extract_article = _extractor()[0]
    pending: list[_Pending] = []
    deferred: list[_Pending] = []  # extracted by a process pool when workers > 1
    for done, item in enumerate(items, 1):
        on_progress("reading", done - 1, len(items))
        if isinstance(item, FileOutcome):
            report(item)
            continue
        try:
            article = read_article(item, max_bytes=max_bytes)
        except ArticleReadError as error:
            report(FileOutcome(str(item), "failed", message=str(error)))
            continue
        existing = find_article(session, content_sha256(article.text))
        if existing is not None and existing.extractor_version == version:
            events = _event_count(session, existing.id)
            report(FileOutcome(str(item), "unchanged", events, article.note))
            continue
        entry = _Pending(item, article.text, article.note)
        if workers > 1:
            deferred.append(entry)
            continue
        try:
            entry.extraction = extract_article(article.text)
        except Exception as error:  # the extractor must never take the batch down
            report(FileOutcome(str(item), "failed", message=_extraction_failed(error)))
            continue
        pending.append(entry)
    if deferred:
        from app.parallel import extract_many

        texts = (entry.text for entry in deferred)
        results = extract_many(texts, workers=workers, extract=extract_article)
        for entry, result in zip(deferred, results, strict=True):
            if isinstance(result, Exception):
                report(FileOutcome(str(entry.path), "failed", message=_extraction_failed(result)))
                continue
            entry.extraction = result
            pending.append(entry)
    on_progress("reading", len(items), len(items))
    return pending


def _extract_with_context(pending: list[_Pending], context, workers: int) -> None:
    """Pass 2 on a process pool: re-extract the articles whose date needs the corpus context.
    A failure here is left for ``_store_one`` to retry and report in the usual words."""
    from app.parallel import extract_many

    todo = [item for item in pending if _needs_context(item.extraction)]
    texts = (item.text for item in todo)
    results = extract_many(texts, workers=workers, context=context, extract=_extractor()[0])
    for item, result in zip(todo, results, strict=True):
        if not isinstance(result, Exception):
            item.extraction, item.contextual = result, True


def _needs_context(extraction: ArticleExtraction | None) -> bool:
    return extraction is not None and (
        extraction.published is None or extraction.published.basis != "explicit"
    )


def _corpus_context(session, pending: list[_Pending]):
    """The corpus context over stored and pending articles, or (None, the error); (None, None)
    when no pending article needs one (a re-run that only skips reads nothing more)."""
    if not any(_needs_context(item.extraction) for item in pending):
        return None, None
    corpus_context = _extractor()[1]
    try:
        extractions = [*_stored_extractions(session), *(p.extraction for p in pending)]
        return corpus_context.from_extractions(extractions), None
    except Exception as error:
        session.rollback()
        return None, error


def _store_one(session, item: _Pending, context, context_error, version) -> FileOutcome:
    extraction = item.extraction
    if not item.contextual and _needs_context(extraction):
        if context is None:
            message = _extraction_failed(context_error, "building the corpus context")
            return FileOutcome(str(item.path), "failed", message=message)
        try:
            extraction = _extractor()[0](item.text, context=context)
        except Exception as error:
            return FileOutcome(str(item.path), "failed", message=_extraction_failed(error))
    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            _, outcome = save_article(
                session,
                source_file=item.path.name,
                extraction=extraction,
                extractor_version=version,
            )
        except (IntegrityError, OperationalError) as error:
            session.rollback()
            if attempt == STORE_ATTEMPTS:
                return FileOutcome(str(item.path), "failed", message=_store_failed(error))
            continue
        except Exception as error:
            session.rollback()
            return FileOutcome(str(item.path), "failed", message=_store_failed(error))
        return FileOutcome(str(item.path), outcome, len(extraction.events), item.note)
    raise AssertionError("unreachable")


def _extraction_failed(error: BaseException | None, during: str = "") -> str:
    where = f" while {during}" if during else ""
    return f"extraction failed{where} ({type(error).__name__}: {error}); please report this file"


def _store_failed(error: BaseException) -> str:
    detail = str(getattr(error, "orig", None) or error).splitlines()[0]
    return f"could not store ({type(error).__name__}: {detail})"


def _extractor():
    """``(extract_article, CorpusContext)``, imported when first needed."""
    from app.extract import CorpusContext, extract_article

    return extract_article, CorpusContext


def _event_count(session, article_id: str) -> int:
    query = select(func.count()).select_from(Event).where(Event.article_id == article_id)
    return session.execute(query).scalar_one()


def _stored_extractions(session) -> Iterator[ArticleExtraction]:
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
        for date, date_precision, count in session.execute(query):
            when = DateValue(value=date, precision=date_precision, basis="explicit")
            yield from repeat(ArticleExtraction(text="", published=when), count)


def _knowledge_countries() -> list[Country]:
    from app.extract.knowledge import load_knowledge

    return [
        Country(iso2=c.iso2, name_ar=c.name_ar, name_en=c.name_en, csto_member=c.csto_member)
        for c in load_knowledge().countries.values()
    ]
