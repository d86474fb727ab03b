"""The ingestion job: files → text → extraction (two passes) → one transaction per article.

One bad file never stops the batch: every file gets an outcome with a reason, and the caller
decides the exit code from them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.extract import CorpusContext, extract_article
from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent
from app.models import Article, Country, Event
from app.readers import ArticleReadError, read_article_file
from app.store import content_sha256, find_article, save_article, sync_countries

EXTRACT_DIR = Path(__file__).parent / "extract"


def extractor_version() -> str:
    """A fingerprint of the extractor's code and data: when it changes, re-ingest updates."""
    digest = hashlib.sha256()
    for path in sorted(EXTRACT_DIR.rglob("*")):
        if path.suffix in {".py", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(EXTRACT_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # added | updated | unchanged | failed
    events: int = 0
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass
class _Pending:
    path: Path
    text: str
    extraction: ArticleExtraction | None = None


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, folders walked for ``*.txt``/``*.html``/``*.htm`` in name order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix.lower() in {".txt", ".html", ".htm"} and not child.is_dir():
                    yield child
        else:
            yield path


def ingest_paths(
    paths: Iterable[str | Path],
    engine: Engine,
    *,
    max_bytes: int,
    on_outcome: Callable[[FileOutcome], None] = lambda outcome: None,
) -> list[FileOutcome]:
    version = extractor_version()
    outcomes: list[FileOutcome] = []

    def report(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        on_outcome(outcome)

    with Session(engine) as session:
        sync_countries(session, _knowledge_countries())
        pending = _read_and_extract(session, paths, max_bytes, version, report)
        context = CorpusContext.from_extractions(
            [*_stored_extractions(session), *(p.extraction for p in pending if p.extraction)]
        )
        for item in pending:
            report(_store_one(session, item, context, version))
    return outcomes


def _read_and_extract(session, paths, max_bytes, version, report) -> list[_Pending]:
    pending: list[_Pending] = []
    for path in iter_article_paths(paths):
        try:
            text = read_article_file(path, max_bytes=max_bytes)
        except ArticleReadError as error:
            report(FileOutcome(str(path), "failed", message=str(error)))
            continue
        existing = find_article(session, content_sha256(text))
        if existing is not None and existing.extractor_version == version:
            report(FileOutcome(str(path), "unchanged", _event_count(session, existing.id)))
            continue
        item = _Pending(path, text)
        try:
            item.extraction = extract_article(text)
        except Exception as error:  # the extractor must never take the batch down
            report(FileOutcome(str(path), "failed", message=f"extraction failed: {error!r}"))
            continue
        pending.append(item)
    return pending


def _store_one(session, item: _Pending, context, version) -> FileOutcome:
    extraction = item.extraction
    try:
        if extraction.published is None or extraction.published.basis != "explicit":
            extraction = extract_article(item.text, context=context)
        _, outcome = save_article(
            session, source_file=item.path.name, extraction=extraction, extractor_version=version
        )
    except Exception as error:
        session.rollback()
        return FileOutcome(str(item.path), "failed", message=f"could not store: {error!r}")
    return FileOutcome(str(item.path), outcome, len(extraction.events))


def _event_count(session, article_id: str) -> int:
    rows = session.execute(select(Event.id).where(Event.article_id == article_id)).all()
    return len(rows)


def _stored_extractions(session) -> Iterator[ArticleExtraction]:
    """Articles already in the store, as the facts a corpus context needs (their dates)."""
    for article in session.execute(select(Article)).scalars():
        events = session.execute(select(Event).where(Event.article_id == article.id)).scalars()
        yield ArticleExtraction(
            text=article.text,
            title=article.title,
            outlet=article.outlet,
            published=_date_value(
                article.published,
                article.published_precision,
                article.published_basis,
                article.published_note,
            ),
            events=tuple(
                ExtractedEvent(
                    kind=e.kind,
                    start=e.start,
                    end=e.end,
                    text=e.text,
                    date=_date_value(e.date, e.date_precision, e.date_basis, e.date_note),
                )
                for e in events
            ),
        )


def _date_value(value, precision, basis, note) -> DateValue | None:
    if not value or not precision or not basis:
        return None
    return DateValue(value=value, precision=precision, basis=basis, note=note or "")


def _knowledge_countries() -> list[Country]:
    from app.extract.knowledge import load_knowledge

    return [
        Country(iso2=c.iso2, name_ar=c.name_ar, name_en=c.name_en, csto_member=c.csto_member)
        for c in load_knowledge().countries.values()
    ]
