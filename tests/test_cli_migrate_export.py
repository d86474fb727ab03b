"""Small CLI behaviours: `migrate` says what it did; `export | head` ends without a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlmodel import Session

from app.cli import main
from app.db import make_engine
from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent
from app.migrate import upgrade
from app.store import save_article

ROOT = Path(__file__).resolve().parent.parent


def _revisions() -> list[str]:
    """Every migration, oldest first (the expected report names them all)."""
    from alembic.script import ScriptDirectory

    from app.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


REVISIONS = _revisions()
HEAD = REVISIONS[-1]


def migrate(capsys, url: str) -> str:
    assert main(["--db", url, "migrate"]) == 0
    return capsys.readouterr().err.strip()


def test_migrate_on_a_new_database_says_it_created_the_schema(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert REVISIONS[:6] == ["0001", "0003", "0004", "0005", "0006", "0007"]
    assert migrate(capsys, url) == (f"created the schema at {HEAD}: applied {', '.join(REVISIONS)}")
    assert migrate(capsys, url) == f"database is already at the latest schema ({HEAD})"


def test_migrate_on_an_older_database_says_what_it_applied(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0005")
    applied = ", ".join(REVISIONS[REVISIONS.index("0006") :])
    assert migrate(capsys, url) == f"upgraded the schema from 0005 to {HEAD}: applied {applied}"


def test_export_into_a_reader_that_stops_early_ends_quietly(tmp_path):
    url = f"sqlite:///{tmp_path / 'big.db'}"
    upgrade(url)
    line = "قال المتحدث إن الاجتماع انتهى.\n"
    text = line * 3000  # ~170 KB of export: more than a pipe holds, so `head` closes it early
    events = tuple(
        ExtractedEvent(
            kind="event",
            start=i * len(line),
            end=i * len(line) + len(line) - 1,
            text=line[:-1],
            date=DateValue("2022-01-13", "day", "explicit"),
        )
        for i in range(3000)
    )
    extraction = ArticleExtraction(text=text, events=events)
    with Session(make_engine(url)) as session:
        save_article(session, source_file="a.txt", extraction=extraction, extractor_version="x")
    command = f'"{sys.executable}" -m app.cli --db "{url}" export | head -n 2'
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, cwd=ROOT
    )
    assert len(done.stdout.splitlines()) == 2
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.stderr.strip() == "export stopped: the output was closed by its reader"
    assert done.returncode == 0
