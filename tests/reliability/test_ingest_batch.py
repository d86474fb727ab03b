"""The batch: one bad file never stops it, every file gets an outcome and the exit code tells."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

import app.batch_store
import app.ingest
import app.ingest_writer
from app.cli import main
from app.db import make_engine
from app.extract.model import ArticleExtraction, ExtractedEvent, Span
from app.ingest import FileOutcome, ingest_paths

from .helpers import fake_extract, store_problems, table_counts

GOOD = 'قال زاس: "الوضع في كازاخستان مستقر".\nوغادرت القوات في 13 يناير 2022.\n'
OTHER = 'أعلن الأمين العام: "المهمة انتهت".\nوعادت القوات إلى روسيا.\n'
THIRD = "قال الوزير إن الاجتماع عقد في موسكو.\n"


def cli(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    err = capsys.readouterr().err
    return code, err.splitlines()


@pytest.fixture
def mixed(tmp_path) -> Path:
    """A folder of good and bad files, as scraped."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_bom_crlf.txt").write_bytes(codecs.BOM_UTF8 + OTHER.replace("\n", "\r\n").encode())
    (folder / "c_page.html").write_text(f"<html><body><p>{THIRD}</p></body></html>", "utf-8")
    (folder / "d_bad.txt").write_bytes(b"\x00\x01binary\x00")
    (folder / "e_empty.txt").write_bytes(b"")
    (folder / "f_blank.txt").write_bytes(b"  \n\t\n")
    (folder / "g_big.txt").write_text("كلمة " * 2000, encoding="utf-8")
    (folder / "h_link.txt").symlink_to(folder / "missing.txt")
    (folder / "sub" / "i_legacy.txt").write_bytes("قال الرئيس إن التعاون مستمر.\n".encode("cp1256"))
    (folder / "sub" / ".hidden.txt").write_bytes(b"\x00")  # hidden: skipped
    (folder / "notes.md").write_text("not an article", "utf-8")  # not .txt/.html: skipped
    return folder


def test_bad_files_are_reported_and_the_rest_is_stored(
    monkeypatch, capsys, fake_extractor, sqlite_url, mixed
):
    monkeypatch.chdir(mixed.parent)
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", "in", "--max-bytes", "5000")
    assert code == 1
    assert lines[0] == "reading and extracting 9 files…"
    assert sorted(lines[1:10]) == sorted(
        [
            "added     in/a_good.txt: 2 events",
            "added     in/b_bom_crlf.txt: 2 events",
            "added     in/c_page.html: 1 event (main text of the HTML page)",
            "failed    in/d_bad.txt: binary file (contains NUL bytes), not an article",
            "failed    in/e_empty.txt: empty file (0 bytes), nothing to ingest",
            "failed    in/f_blank.txt: no text: the file holds only whitespace",
            "failed    in/g_big.txt: too large: 18000 bytes, over the 5000-byte limit "
            "(raise it with --max-bytes or MAX_FILE_BYTES)",
            f"failed    in/h_link.txt: broken symlink (points to {mixed / 'missing.txt'}, "
            "which does not exist)",
            "added     in/sub/i_legacy.txt: 1 event (decoded from Windows-1256)",
        ]
    )
    assert lines[10:] == [
        "5 failed (nothing stored for these):",
        "  in/d_bad.txt: binary file (contains NUL bytes), not an article",
        "  in/e_empty.txt: empty file (0 bytes), nothing to ingest",
        "  in/f_blank.txt: no text: the file holds only whitespace",
        "  in/g_big.txt: too large: 18000 bytes, over the 5000-byte limit "
        "(raise it with --max-bytes or MAX_FILE_BYTES)",
        f"  in/h_link.txt: broken symlink (points to {mixed / 'missing.txt'}, "
        "which does not exist)",
        "ingest: 9 files: 4 added, 5 failed",
    ]
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT source_file, text FROM article")).all())
    assert stored == {
        "a_good.txt": GOOD,
        "b_bom_crlf.txt": OTHER,
        "c_page.html": THIRD.strip(),
        "i_legacy.txt": "قال الرئيس إن التعاون مستمر.\n",
    }
    assert store_problems(engine) == []

    # fixing nothing and running again: the stored ones are unchanged, the bad ones still fail
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", "in", "--max-bytes", "5000")
    assert (code, lines[-1]) == (1, "ingest: 9 files: 5 failed, 4 unchanged")


def test_all_good_exits_0(capsys, fake_extractor, sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", str(tmp_path / "a.txt"))
    assert code == 0
    assert lines == [
        "reading and extracting 1 file…",
        f"added     {tmp_path / 'a.txt'}: 2 events",
        "ingest: 1 file: 1 added",
    ]


def test_missing_path_on_the_command_line_fails_that_path_only(
    monkeypatch, capsys, fake_extractor, sqlite_url, tmp_path
):
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    monkeypatch.chdir(tmp_path)
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", "nope.txt", "a.txt")
    assert code == 1
    assert "failed    nope.txt: no such file or directory" in lines
    assert "added     a.txt: 2 events" in lines
    assert lines[-1] == "ingest: 2 files: 1 added, 1 failed"


def test_a_folder_without_articles_is_a_failure(
    monkeypatch, capsys, fake_extractor, sqlite_url, tmp_path
):
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", "empty")
    assert code == 1
    assert (
        "failed    empty: folder holds no .txt, .html, .htm, .jsonl, .ndjson or .csv files"
    ) in lines


def test_an_unlistable_folder_is_reported(
    capsys, fake_extractor, sqlite_url, tmp_path, monkeypatch
):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, "utf-8")
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):
        yield from real_walk(top, onerror=onerror, **kwargs)
        onerror(PermissionError(13, "Permission denied", str(Path(top) / "locked")))

    monkeypatch.setattr(app.ingest.os, "walk", walk)
    monkeypatch.chdir(tmp_path)
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", "in")
    assert code == 1
    assert "failed    in/locked: permission denied (cannot list this folder)" in lines
    assert "added     in/a.txt: 2 events" in lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--max-bytes", "0"], "argument --max-bytes: must be more than 0: '0'"),
        (["--max-bytes", "lots"], "argument --max-bytes: not a whole number: 'lots'"),
        (["--progress", "fancy"], "argument --progress: invalid choice: 'fancy'"),
        ([], "the following arguments are required: PATH"),
    ],
)
def test_usage_errors_exit_2(capsys, sqlite_url, args, message):
    with pytest.raises(SystemExit) as info:
        main(["--db", sqlite_url, "ingest", *args])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


def test_a_bad_database_url_is_a_usage_error(capsys, tmp_path):
    code, lines = cli(capsys, "--db", "nosuchdb://x", "ingest", str(tmp_path))
    assert code == 2
    assert lines[0].startswith("csto-timeline ingest: error: not a database URL: 'nosuchdb://x'")


def test_a_bad_environment_setting_is_a_usage_error(capsys, monkeypatch):
    monkeypatch.setenv("MAX_FILE_BYTES", "2MB")
    code, lines = cli(capsys, "ingest", "seeds")
    assert code == 2
    assert lines == [
        "csto-timeline: error: bad setting in the environment: "
        "invalid literal for int() with base 10: '2MB'"
    ]


def test_an_extractor_crash_fails_that_file_only(fake_extractor, engine, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "b.txt").write_text(OTHER, "utf-8")

    def extract(article, context=None):
        if "المهمة" in article:
            raise ValueError("boom")
        return fake_extract(article)

    monkeypatch.setattr(app.ingest, "_extractor", lambda: (extract, fake_extractor_context()))
    outcomes = ingest_paths([tmp_path], engine, max_bytes=10_000)
    assert [(Path(o.path).name, o.status, o.message) for o in outcomes] == [
        ("b.txt", "failed", "extraction failed (ValueError: boom); please report this file"),
        ("a.txt", "added", ""),
    ]
    assert table_counts(engine)["article"] == 1
    assert store_problems(engine) == []


def test_an_extraction_with_wrong_offsets_is_not_stored(
    fake_extractor, engine, tmp_path, monkeypatch
):
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")

    def extract(article, context=None):
        good = fake_extract(article)
        bad = ExtractedEvent("statement", 0, 5, article[0:5], quotes=(Span(3, 9, "ليس هذا"),))
        return ArticleExtraction(article, published=good.published, events=(*good.events, bad))

    monkeypatch.setattr(app.ingest, "_extractor", lambda: (extract, fake_extractor_context()))
    (outcome,) = ingest_paths([tmp_path], engine, max_bytes=10_000)
    assert outcome == FileOutcome(
        str(tmp_path / "a.txt"),
        "failed",
        message="could not store (InconsistentExtraction: event 3: its quote at 3-9 "
        "is not the article text at those offsets)",
    )
    assert table_counts(engine)["article"] == 0


def fake_extractor_context():
    from .helpers import FakeContext

    return FakeContext


def test_the_same_text_twice_in_a_batch_is_stored_once(fake_extractor, engine, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "copy.txt").write_text(GOOD, "utf-8")
    outcomes = ingest_paths([tmp_path, tmp_path / "a.txt"], engine, max_bytes=10_000)
    assert [(Path(o.path).name, o.status) for o in outcomes] == [
        ("a.txt", "added"),
        ("copy.txt", "unchanged"),
    ]
    assert table_counts(engine)["article"] == 1


def test_ctrl_c_mid_batch_rolls_it_back_and_a_rerun_completes(
    capsys, fake_extractor, sqlite_url, tmp_path, monkeypatch
):
    for n, body in enumerate([GOOD, OTHER, THIRD, GOOD + THIRD]):
        (tmp_path / f"{n}.txt").write_text(body, "utf-8")
    monkeypatch.setattr(app.ingest_writer, "BATCH_ARTICLES", 2)
    real = app.batch_store.search_key
    calls = {"n": 0}

    def interrupted(value):
        calls["n"] += 1
        if calls["n"] == 5:  # the second batch (articles 3 and 4) is being written
            raise KeyboardInterrupt
        return real(value)

    monkeypatch.setattr(app.batch_store, "search_key", interrupted)
    monkeypatch.chdir(tmp_path)
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", ".")
    assert code == 130
    assert lines[-2:] == [
        "interrupted after 2 of 4 files: every article listed above as added or updated is "
        "stored, the others are not; run the same command again to finish",
        "ingest: 2 files: 2 added",
    ]
    engine = make_engine(sqlite_url)
    assert table_counts(engine)["article"] == 2
    assert store_problems(engine) == []

    monkeypatch.setattr(app.batch_store, "search_key", real)
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", ".")
    assert (code, lines[-1]) == (0, "ingest: 4 files: 2 added, 2 unchanged")
    assert table_counts(engine)["article"] == 4
    assert store_problems(engine) == []


def test_progress_bar_mode_still_lists_every_file(capsys, fake_extractor, sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "b.bin.txt").write_bytes(b"\x00")
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", "--progress", "bar", str(tmp_path))
    assert code == 1
    output = "\n".join(lines)
    assert "━" in output  # the bar was drawn
    assert f"added     {tmp_path / 'a.txt'}: 2 events" in output
    assert "\ningest: 2 files: 1 added, 1 failed" in output


def test_plain_progress_reports_about_every_tenth(capsys, fake_extractor, sqlite_url, tmp_path):
    for n in range(20):
        (tmp_path / f"{n:02}.txt").write_text(f"{THIRD}رقم {n}\n", "utf-8")
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", str(tmp_path))
    assert code == 0
    progress = [line for line in lines if line.startswith("reading and extracting")]
    assert progress == ["reading and extracting 20 files…"] + [
        f"reading and extracting: {n}/20 files" for n in range(2, 20, 2)
    ]


def test_ingest_keeps_working_with_postgres_style_sessions(fake_extractor, engine, tmp_path):
    """The batch API on the parametrized backends (SQLite; PostgreSQL when configured)."""
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    outcomes = ingest_paths([tmp_path], engine, max_bytes=10_000)
    assert [o.status for o in outcomes] == ["added"]
    with Session(engine) as session:
        assert session.execute(text("SELECT count(*) FROM event")).scalar_one() == 2
    assert store_problems(engine) == []


def test_sigterm_stops_after_the_current_article_exactly_as_reported(
    monkeypatch, capsys, fake_extractor, sqlite_url, tmp_path
):
    import signal

    for n, body in enumerate([GOOD, OTHER, THIRD, GOOD + THIRD]):
        (tmp_path / f"{n}.txt").write_text(body, "utf-8")
    monkeypatch.setattr(app.ingest_writer, "BATCH_ARTICLES", 2)
    real = app.batch_store.search_key
    calls = {"n": 0}

    def terminated(value):
        calls["n"] += 1
        if calls["n"] == 3:  # while storing the first batch (its second article)
            os.kill(os.getpid(), signal.SIGTERM)
        return real(value)

    monkeypatch.setattr(app.batch_store, "search_key", terminated)
    monkeypatch.chdir(tmp_path)
    code, lines = cli(capsys, "--db", sqlite_url, "ingest", ".")
    assert code == 130
    assert lines[-3:] == [
        "added     1.txt: 2 events",  # the batch being stored when asked to stop is finished
        "interrupted after 2 of 4 files: every article listed above as added or updated is "
        "stored, the others are not; run the same command again to finish",
        "ingest: 2 files: 2 added",
    ]
    engine = make_engine(sqlite_url)
    assert table_counts(engine)["article"] == 2
    assert store_problems(engine) == []
