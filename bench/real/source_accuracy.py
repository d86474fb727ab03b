"""Publication date and outlet accuracy per stored article, given ``{"text", "url"}`` records.

``bench.real.evaluate --with-url`` scores the export, where an article shows only through its
events: an article the extractor finds no event in counts as a miss there whatever its date and
outlet. This reads the stored articles instead (what the explorer shows on an article page), so
the two figures separate "the source's metadata was applied" from "the article had events".

    .venv/bin/python -m bench.real.source_accuracy [--split dev] [--text-only] [--verbose]
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.real.evaluate import missing_texts, run_cli, stage_records, stage_texts
from bench.real.gold import cache_dir, load_articles, select


def norm_en(text: str | None) -> str:
    """As the shared scorer compares outlet names."""
    text = (text or "").lower().replace("defense", "defence")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def stored_articles(articles: list[dict], text_only: bool) -> dict[str, dict]:
    """Ingest the articles (records with URLs, or bare texts) into a fresh store; its rows."""
    with tempfile.TemporaryDirectory(prefix="source-accuracy-") as tmp:
        work = Path(tmp)
        stage = stage_texts if text_only else stage_records
        paths = stage(articles, cache_dir(), work / "input")
        db = work / "store.db"
        done = run_cli(
            ["--db", f"sqlite:///{db}", "ingest", "--progress", "plain", *map(str, paths)]
        )
        if done.returncode not in (0, 1):
            raise SystemExit(f"ingest failed (exit {done.returncode}):\n{done.stderr}")
        with sqlite3.connect(db) as connection:
            connection.row_factory = sqlite3.Row
            rows = connection.execute("SELECT * FROM article").fetchall()
    return {row["source_file"]: dict(row) for row in rows}


def measure(articles: list[dict], stored: dict[str, dict]) -> tuple[dict, list[str]]:
    hits, totals, bases, misses = Counter(), Counter(), Counter(), []
    for article in articles:
        row = stored.get(f"{article['id']}.txt")
        if article.get("published"):
            totals["published"] += 1
            got = row and row["published"]
            if got == article["published"]:
                hits["published"] += 1
                bases[f"published:{row['published_basis']}"] += 1
            else:
                misses.append(f"{article['id']}: published {got} != {article['published']}")
        if article.get("outlet"):
            totals["outlet"] += 1
            got = row and row.get("outlet")
            if norm_en(got) == norm_en(article["outlet"]):
                hits["outlet"] += 1
                bases[f"outlet:{row.get('outlet_basis')}"] += 1
            else:
                misses.append(f"{article['id']}: outlet {got} != {article['outlet']}")
    figures = {
        "articles": len(articles),
        "stored": sum(1 for a in articles if f"{a['id']}.txt" in stored),
        **{f"{k}_accuracy": round(hits[k] / totals[k], 3) if totals[k] else None for k in totals},
        **{f"{k}_total": totals[k] for k in totals},
        "right_by_basis": dict(sorted(bases.items())),
    }
    return figures, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "blind", "all"], default="dev")
    parser.add_argument("--text-only", action="store_true", help="bare texts, no URL")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    articles = select(load_articles(), args.split)
    missing = missing_texts(articles, cache_dir())
    if missing:
        print(
            f"{len(missing)} texts missing from the cache (bench/real/README.md)", file=sys.stderr
        )
        articles = [a for a in articles if a not in missing]
    figures, misses = measure(articles, stored_articles(articles, args.text_only))
    mode = "text only" if args.text_only else "text and URL (records)"
    print(f"split {args.split}: {len(articles)} articles, {mode}")
    if args.verbose:
        print("\n".join(misses))
    for key, value in figures.items():
        print(f"{key:22} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
