"""The "same output" check for speed work: a faster extractor or writer must not change a byte.

    PYTHONHASHSEED=0 python -m bench.same_output save   [--dir DIR] [--generated 200] [--dev DIR]
    PYTHONHASHSEED=0 python -m bench.same_output check  [--dir DIR] [--generated 200] [--dev DIR]

(a fixed hash seed: on one dev article the extractor's fuzzy speaker match depends on it.)
For each set — the seeds, the real dev corpus (``--dev``, default ``~/.cache/csto-real/dev``:
give ``save`` and ``check`` the same copy, that folder grows) and the first
``--generated`` articles of the synthetic bench corpus (bench/corpus.py), and the seeds with
those generated articles in one batch — it ingests the files
with the CLI into a fresh SQLite store and exports it (``export`` and ``export --format
stories-jsonl``), and also writes the pure extractor's full result (``repr`` of every
``ArticleExtraction``, each field of each event) for every file, and the store's rows the
exports leave out (every row of the article — but its ingest time and the extractor's
version, a fingerprint of the code —, event, quote, speaker,
event_country, event_tally and full-text tables, sorted). ``save`` keeps these as the
reference; ``check`` makes them again and compares byte for byte, naming the first difference.
Exit status 0 when everything is identical, 1 otherwise.

The files hold article text (quotes, offsets), so they live outside the repo: ``--dir``
defaults to ``~/.cache/csto-speed/same-output``.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = Path.home() / ".cache" / "csto-speed" / "same-output"
REAL_DEV = Path.home() / ".cache" / "csto-real" / "dev"


def sets(generated: int, dev: Path = REAL_DEV) -> dict[str, list[Path]]:
    from bench.corpus import corpus_dir, write_corpus

    found = {
        "seeds": sorted((ROOT / "seeds").glob("*.txt")),
        "dev": sorted(dev.glob("*.txt")),
    }
    if generated:
        corpus, _ = write_corpus(corpus_dir(ROOT / "bench" / "out", generated), generated)
        found["generated"] = sorted(corpus.glob("*.txt"))[:generated]
        # the seeds and the generated articles in one batch: the corpus context across both
        found["mixed"] = found["seeds"] + found["generated"]
    return {name: files for name, files in found.items() if files}


STORE_TABLES = {  # table → the columns that say what is stored (not when)
    "article": "* EXCEPT ingested_at, extractor_version",
    "event": "*",
    "quote": "*",
    "speaker": "*",
    "event_country": "*",
    "event_tally": "*",
    "event_fts": "rowid, *",
}


def store_rows(path: Path) -> bytes:
    """Every row of the store's tables, sorted, one line each."""
    db = sqlite3.connect(path)
    lines = []
    for table, columns in STORE_TABLES.items():
        names = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        if " EXCEPT " in columns:
            left_out = columns.split(" EXCEPT ")[1].split(", ")
            names = [n for n in names if n not in left_out]
        else:
            names = ["rowid", *names] if columns.startswith("rowid") else names
        rows = db.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()
        lines.append(f"## {table} ({len(rows)} rows: {', '.join(names)})")
        lines += sorted(repr(row) for row in rows)
    db.close()
    return ("\n".join(lines) + "\n").encode()


def cli(*args: str) -> bytes:
    command = [sys.executable, "-m", "app.cli", *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    if done.returncode not in (0, 1):  # 1: some file failed, which is output too
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr.decode()[-2000:]}")
    return done.stdout


def outputs(name: str, files: list[Path]) -> dict[str, bytes]:
    """Every output of one set: the extractor's results, the two exports, the store's rows."""
    from app.extract import extract_article

    dumped = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        dumped.append(f"## {path.name}\n{extract_article(text)!r}\n")
    found = {f"{name}.extract.txt": "".join(dumped).encode()}
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "same.db"
        db = f"sqlite:///{store}"
        listing = Path(tmp) / "in"
        listing.mkdir()
        for path in files:  # one folder, so the ingest sees the set as one batch
            (listing / path.name).symlink_to(path)
        cli("--db", db, "migrate")
        cli("--db", db, "ingest", "--progress", "plain", str(listing))
        found[f"{name}.export.jsonl"] = cli("--db", db, "export")
        found[f"{name}.stories.jsonl"] = cli("--db", db, "export", "--format", "stories-jsonl")
        found[f"{name}.store.txt"] = store_rows(store)
    return found


def first_difference(old: bytes, new: bytes) -> str:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        if a != b:
            at = (
                next(i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y)
                if (len(a) and len(b))
                else 0
            )
            lo = max(0, at - 80)
            return (
                f"line {number}, byte {at}:\n  was {a[lo : at + 160].decode(errors='replace')}\n"
                f"  now {b[lo : at + 160].decode(errors='replace')}"
            )
    return f"{len(old_lines)} lines were, {len(new_lines)} now"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "check"))
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--generated", type=int, default=200, help="synthetic articles (0: none)")
    parser.add_argument(
        "--dev", type=Path, default=REAL_DEV, help="real dev texts (a copy: that folder can grow)"
    )
    args = parser.parse_args(argv)
    reference = args.dir / "reference"
    reference.mkdir(parents=True, exist_ok=True)
    same = True
    for name, files in sets(args.generated, args.dev).items():
        for filename, data in outputs(name, files).items():
            kept = reference / filename
            if args.action == "save":
                kept.write_bytes(data)
                print(f"saved {filename}: {len(files)} files, {len(data)} bytes")
            elif not kept.exists():
                print(f"NO REFERENCE {filename} (run save first)")
                same = False
            elif kept.read_bytes() == data:
                print(f"same {filename}: {len(data)} bytes")
            else:
                same = False
                (args.dir / f"now.{filename}").write_bytes(data)
                print(f"DIFFERENT {filename}: {first_difference(kept.read_bytes(), data)}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
