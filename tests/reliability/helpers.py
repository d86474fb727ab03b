"""Shared by the reliability tests: a store-consistency check, article variants, a fake extractor.

The fake extractor is deterministic and fast, so batch/reader tests don't depend on how good the
real one is; the end-to-end tests (CLI subprocess, SIGKILL, fuzzing, serving) use the real one.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent, Span, SpeakerRef

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )


# --- article variants ---


def variant(text: str, seed: int) -> str:
    """A different article with the same shape: paragraphs shuffled, Western digits changed,
    and a numbered line so every variant's content (and hash) is unique."""
    rng = random.Random(seed)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    head, rest = paragraphs[:1], paragraphs[1:]
    rng.shuffle(rest)
    body = "\n".join(head + rest)
    body = re.sub(r"\d", lambda m: str((int(m.group()) + rng.randint(0, 1)) % 10), body)
    return f"{body}\nنسخة رقم {seed}.\n"


def write_variants(folder: Path, count: int) -> list[Path]:
    """``count`` distinct article files generated from the seeds into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = list(seed_texts().values())
    paths = []
    for n in range(count):
        path = folder / f"article_{n:04d}.txt"
        path.write_text(variant(seeds[n % len(seeds)], n), encoding="utf-8")
        paths.append(path)
    return paths


# --- consistency ---


def store_problems(engine: Engine) -> list[str]:
    """Every way the store could be inconsistent, in words (empty when it is consistent)."""
    problems: list[str] = []
    with engine.connect() as conn:
        articles = dict(conn.execute(text("SELECT id, text FROM article")).all())
        events = {
            row.id: row
            for row in conn.execute(
                text('SELECT id, article_id, text, start, "end", search_text FROM event')
            )
        }
        speakers = set(conn.execute(text("SELECT id FROM speaker")).scalars())
        for row in events.values():
            body = articles.get(row.article_id)
            if body is None:
                problems.append(f"event {row.id}: orphan (article {row.article_id} missing)")
            elif body[row.start : row.end] != row.text:
                problems.append(f"event {row.id}: text is not article.text[start:end]")
        for row in conn.execute(text("SELECT id, speaker_id FROM event")).all():
            if row.speaker_id is not None and row.speaker_id not in speakers:
                problems.append(f"event {row.id}: speaker {row.speaker_id} missing")
        for row in conn.execute(text('SELECT id, event_id, text, start, "end" FROM quote')):
            event = events.get(row.event_id)
            if event is None:
                problems.append(f"quote {row.id}: orphan (event {row.event_id} missing)")
            elif articles.get(event.article_id, "")[row.start : row.end] != row.text:
                problems.append(f"quote {row.id}: text is not article.text[start:end]")
        for row in conn.execute(text("SELECT event_id, country FROM event_country")):
            if row.event_id not in events:
                problems.append(f"event_country {row.event_id}/{row.country}: orphan")
        if engine.dialect.name == "sqlite":
            fts = dict(conn.execute(text("SELECT event_id, search_text FROM event_fts")).all())
            if set(fts) != set(events):
                problems.append(
                    f"event_fts: {len(set(fts) - set(events))} rows without an event, "
                    f"{len(set(events) - set(fts))} events without a row"
                )
            for event_id in set(fts) & set(events):
                if fts[event_id] != events[event_id].search_text:
                    problems.append(f"event_fts {event_id}: search text differs from the event")
    return problems


def events_by_article(engine: Engine) -> dict[str, set[str]]:
    """article id → its event ids (one statement, so one snapshot)."""
    result: dict[str, set[str]] = {}
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT a.id, e.id FROM article a LEFT JOIN event e ON e.article_id = a.id")
        ).all()
    for article_id, event_id in rows:
        result.setdefault(article_id, set())
        if event_id is not None:
            result[article_id].add(event_id)
    return result


def snapshot(engine: Engine) -> dict[str, tuple[bool, set[str]]]:
    """article id → (awaiting the corpus-context pass?, its event ids), in one statement."""
    from app.corpus_pass import PENDING

    result: dict[str, tuple[bool, set[str]]] = {}
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT a.id, a.extractor_version, e.id FROM article a "
                "LEFT JOIN event e ON e.article_id = a.id"
            )
        ).all()
    for article_id, version, event_id in rows:
        entry = result.setdefault(article_id, (version.endswith(PENDING), set()))
        if event_id is not None:
            entry[1].add(event_id)
    return result


def context_free_events(folder: Path) -> dict[str, set[str]]:
    """article id → the event ids of its extraction without the corpus context (what an
    article awaiting the context pass holds), for the article files in ``folder``."""
    from app.documents import read_file_document
    from app.parallel import extract_one
    from app.store import article_id_for, content_sha256, event_id_for

    result = {}
    for path in sorted(folder.glob("*.txt")):
        document = read_file_document(path, max_bytes=2**21)
        sha = content_sha256(document.text)
        extraction = extract_one(document).extraction
        result[article_id_for(sha)] = {event_id_for(sha, e) for e in extraction.events}
    return result


def table_counts(engine: Engine) -> dict[str, int]:
    names = ["article", "event", "quote", "event_country", "speaker"]
    with engine.connect() as conn:
        return {n: conn.execute(text(f"SELECT count(*) FROM {n}")).scalar_one() for n in names}


# --- a fake extractor ---

_QUOTE = re.compile(r'"([^"\n]+)"|«([^»\n]+)»')


def fake_extract(article: str, context=None) -> ArticleExtraction:
    """One event per non-empty line; a line with a quotation is a statement by Zas."""
    events = []
    for line in re.finditer(r"[^\n]+", article):
        quotes = []
        for match in _QUOTE.finditer(line.group()):
            group = 1 if match.group(1) is not None else 2
            start, end = line.start() + match.start(group), line.start() + match.end(group)
            quotes.append(Span(start, end, article[start:end]))
        speaker = (
            SpeakerRef("ستانيسلاف زاس", "Stanislav Zas", slug="stanislav-zas") if quotes else None
        )
        events.append(
            ExtractedEvent(
                kind="statement" if quotes else "event",
                start=line.start(),
                end=line.end(),
                text=line.group(),
                date=DateValue("2022-01-13", "day", "explicit"),
                speaker=speaker,
                countries=("KZ",) if "كازاخستان" in line.group() else (),
                quotes=tuple(quotes),
            )
        )
    published = DateValue("2022-01-13", "day", "explicit")
    return ArticleExtraction(text=article, outlet="TASS", published=published, events=tuple(events))


class FakeContext:
    @classmethod
    def from_extractions(cls, extractions):
        list(extractions)
        return cls()
