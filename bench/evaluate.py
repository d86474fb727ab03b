"""``make eval``: the extraction figures on every gold set, through the real ingest and export.

Each set is a folder with ``articles/*.txt`` (or the seeds) and a ``gold.json`` in the format of
``../shared/eval/seeds_gold.json``. Every set is ingested into its own temporary SQLite store by
the same code as ``csto-timeline ingest``, exported as JSON Lines, and scored by the shared scorer
(or its copy in ``tests/fixtures/`` when ``../shared`` is absent). Writes
``bench/results/extraction.md``.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import tempfile
from pathlib import Path

from sqlmodel import Session

from app.db import make_engine
from app.export import export_records, write_jsonl
from app.ingest import ingest_paths
from app.migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "seeds": (ROOT / "seeds", ROOT / "tests" / "fixtures" / "seeds_gold.json"),
    "heldout-a": (
        ROOT / "tests/fixtures/heldout/articles",
        ROOT / "tests/fixtures/heldout/gold.json",
    ),
    "heldout-b": (ROOT / "bench/heldout_b/articles", ROOT / "bench/heldout_b/gold.json"),
    "heldout-c": (ROOT / "bench/heldout_c/articles", ROOT / "bench/heldout_c/gold.json"),
    "heldout-d": (ROOT / "bench/heldout_d/articles", ROOT / "bench/heldout_d/gold.json"),
    "heldout-e": (ROOT / "bench/heldout_e/articles", ROOT / "bench/heldout_e/gold.json"),
    "heldout-f": (ROOT / "bench/heldout_f/articles", ROOT / "bench/heldout_f/gold.json"),
    "heldout-g": (ROOT / "bench/heldout_g/articles", ROOT / "bench/heldout_g/gold.json"),
    "heldout-h": (ROOT / "bench/heldout_h/articles", ROOT / "bench/heldout_h/gold.json"),
}
METRICS = (
    "quote_recall",
    "quote_precision",
    "speaker_accuracy",
    "date_accuracy",
    "country_f1",
    "published_accuracy",
    "outlet_accuracy",
    "dated_mention_recall",
)


def load_scorer():
    shared = ROOT.parent / "shared" / "eval" / "score.py"
    path = shared if shared.exists() else ROOT / "tests" / "fixtures" / "score.py"
    spec = importlib.util.spec_from_file_location("csto_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(articles: Path, gold_path: Path) -> tuple[dict, list[str]]:
    """Ingest ``articles`` into a fresh store, export it, score the export against the gold."""
    scorer = load_scorer()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/eval.db"
        upgrade(url)
        engine = make_engine(url)
        outcomes = ingest_paths([articles], engine, max_bytes=2 * 1024 * 1024)
        failed = [o for o in outcomes if o.failed]
        if failed:
            raise SystemExit(f"ingest failed for {failed[0].path}: {failed[0].message}")
        buffer = io.StringIO()
        with Session(engine) as session:
            write_jsonl(export_records(session), buffer)
        engine.dispose()
    export = Path(tmp + ".jsonl")
    export.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        gold = scorer.json.loads(gold_path.read_text(encoding="utf-8"))
        return scorer.score(gold, scorer.load_export(export))
    finally:
        export.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help=f"which sets (default: all of {', '.join(SETS)})")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    rows = []
    for name in args.sets or SETS:
        articles, gold = SETS[name]
        if not gold.exists():
            continue
        result, misses = evaluate(articles, gold)
        rows.append((name, result))
        if args.verbose:
            print(f"== {name}\n" + "\n".join(misses))
    header = "| set | quotes | " + " | ".join(m.replace("_", " ") for m in METRICS) + " |"
    lines = [header, "|" + " --- |" * (len(METRICS) + 2)]
    for name, result in rows:
        figures = " | ".join(f"{result[m]:.3f}" for m in METRICS)
        lines.append(f"| {name} | {result['gold_quotes']} | {figures} |")
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / "results" / "extraction.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        "# Extraction figures\n\n`make eval` (bench/evaluate.py): each gold set ingested into a "
        "fresh SQLite store, exported, scored by the shared scorer.\n\n" + table + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
