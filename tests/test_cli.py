"""The CLI end to end: every command documented, ingest → export through the real pipeline."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
SHARED_SCORE = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = ROOT / "tests" / "fixtures" / "seeds_gold.json"


def _commands() -> list[str]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    return sorted(sub.choices)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _commands() == ["export", "ingest", "migrate", "serve"]
    for command in _commands():
        result = run_cli(command, "--help")
        assert result.returncode == 0, result.stderr
        assert f"{command}" in result.stdout
        assert f"] {command}" in readme, f"`{command}` is missing from the README's CLI section"


def test_no_command_prints_usage_and_exits_2():
    result = run_cli()
    assert result.returncode == 2
    assert "ingest" in result.stdout


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, list[dict]]:
    tmp = tmp_path_factory.mktemp("cli")
    db = f"sqlite:///{tmp / 't.db'}"
    first = run_cli("--db", db, "ingest", "seeds")
    assert first.returncode == 0, first.stderr
    assert first.stderr.strip().endswith("ingest: 5 files: 5 added")
    again = run_cli("--db", db, "ingest", "seeds")
    assert again.stderr.strip().endswith("ingest: 5 files: 5 unchanged")
    out = tmp / "events.jsonl"
    result = run_cli("--db", db, "export", "--format", "jsonl", "--output", str(out))
    assert result.returncode == 0, result.stderr
    return out, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_export_follows_the_contract(exported):
    _, records = exported
    assert records
    texts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    keys = {
        "id",
        "kind",
        "date",
        "date_precision",
        "date_basis",
        "speaker",
        "countries",
        "text",
        "article",
        "quotes",
        "speech",
        "background",
        "story_id",  # issue 11: the story the event is a report of
    }
    for record in records:
        assert set(record) == keys
        assert record["story_id"] is not None and len(record["story_id"]) == 16
        assert record["kind"] in {"statement", "event"}
        # a statement says how it was reported; an event is never speech
        assert record["speech"] in (
            {"direct", "indirect"} if record["kind"] == "statement" else {None}
        )
        assert record["speech"] != "direct" or record["quotes"]
        assert isinstance(record["background"], bool)
        assert record["date_precision"] in {"day", "month", "year", None}
        assert record["date_basis"] in {"explicit", "relative", "inferred", None}
        if record["date"]:
            width = {"day": 10, "month": 7, "year": 4}[record["date_precision"]]
            assert len(record["date"]) == width
        assert set(record["article"]) == {
            "source_file",
            "published",
            "outlet",
            "url",
            "title",
            "published_basis",
            "outlet_basis",
        }
        # the seeds are text files: no URL, and the text decided the date and the outlet
        assert record["article"]["url"] is None
        assert record["article"]["published_basis"] in {"explicit", "relative", "inferred", None}
        assert record["article"]["outlet_basis"] in {"text", None}
        assert all(len(c) == 2 and c.isupper() for c in record["countries"])
        source = texts[record["article"]["source_file"]].replace("\r\n", "\n")
        for quote in record["quotes"]:
            assert source[quote["start"] : quote["end"]] == quote["text"]
        if record["speaker"] is not None:
            assert set(record["speaker"]) == {"name_ar", "name_en", "role_ar"}
    assert len({r["id"] for r in records}) == len(records)


@pytest.mark.skipif(
    not SHARED_SCORE.exists(), reason="../shared/eval/score.py is not beside the repo"
)
def test_the_shared_scorer_reads_the_export(exported):
    path, _ = exported
    result = subprocess.run(
        [sys.executable, str(SHARED_SCORE), "--gold", str(GOLD), "--export", str(path), "--json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["gold_quotes"] == 32
    assert figures["exported_quotes"] > 0


def test_db_is_accepted_after_the_command_too(tmp_path):
    url = f"sqlite:///{tmp_path / 'after.db'}"
    ingest = run_cli("ingest", "seeds/000_cad41367bbfcbc41.txt", "--db", url)
    assert ingest.returncode == 0, ingest.stderr
    export = run_cli("export", "--format", "jsonl", "--db", url)
    assert export.returncode == 0, export.stderr
    assert {json.loads(line)["article"]["source_file"] for line in export.stdout.splitlines()} == {
        "000_cad41367bbfcbc41.txt"
    }
