"""``make eval-real``: the extraction figures on the real corpus, through the real CLI.

Assembles the gold of one split (``bench/real/articles/*.json``) into a seeds_gold-style document,
ingests the cached texts of exactly those articles into a temporary SQLite store with
``csto-timeline ingest``, exports JSON Lines with ``csto-timeline export`` and scores the export
with the shared scorer (``../shared/eval/score.py``, else ``tests/fixtures/score.py``).

Text only by default, as the hidden sets are measured: files named ``<id>.txt``. With
``--with-url`` the texts go in as one JSON Lines file of ``{"text", "url", "name"}`` records
instead (issue 10's records reader); when the CLI cannot read records the run is skipped with a
message. When texts are missing from the cache it lists them and says how to re-fetch them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.evaluate import load_scorer
from bench.real.gold import (
    ARTICLES_DIR,
    anchor_problems,
    assemble_gold,
    cache_dir,
    load_articles,
    select,
    text_path,
)

RECORDS_NAME = "records.jsonl"
EXIT_MISSING = 2


class Skipped(Exception):
    """The run cannot measure what was asked (said to the user, not a failure of the extractor)."""


def missing_texts(articles: list[dict], cache: Path) -> list[dict]:
    return [a for a in articles if not text_path(a, cache).is_file()]


def missing_message(missing: list[dict], cache: Path) -> str:
    lines = [f"{len(missing)} article text(s) are not in the cache {cache}:"]
    lines += [f"  {a['split']}/{a['id']}.txt  {a['url']}" for a in missing]
    lines += [
        "Re-fetch them with the search tool (they are not downloadable by a shell command):",
        "  .venv/bin/python -m bench.real.fetch_list --missing   # lists id, split, url, query",
        '  for each: search(corpus="pages", query=<query>), take the result whose URL is <url>,',
        "  and save its text exactly as returned to <cache>/<split>/<id>.txt",
        "  (bench/real/README.md, 'Re-fetching').",
    ]
    return "\n".join(lines)


def stage_texts(articles: list[dict], cache: Path, folder: Path) -> list[Path]:
    """Copy the chosen texts into ``folder`` as ``<id>.txt`` (only these: the cache holds more)."""
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        shutil.copyfile(text_path(article, cache), folder / f"{article['id']}.txt")
    return [folder]


def stage_records(articles: list[dict], cache: Path, folder: Path) -> list[Path]:
    """One JSON Lines file of ``{"text", "url", "name"}`` records, the shape issue 10 reads."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / RECORDS_NAME
    with target.open("w", encoding="utf-8") as out:
        for article in articles:
            record = {
                "text": text_path(article, cache).read_text(encoding="utf-8"),
                "url": article["url"],
                "name": f"{article['id']}.txt",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [target]


def cli() -> list[str]:
    """The installed ``csto-timeline`` beside this interpreter, else the module."""
    script = Path(sys.executable).with_name("csto-timeline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]


def run_cli(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([*cli(), *args], capture_output=True, text=True, check=False)


def ingest_and_export(paths: list[Path], work: Path, with_url: bool) -> Path:
    """Ingest ``paths`` into a fresh store and export it; the export's path."""
    db = f"sqlite:///{work / 'eval.db'}"
    done = run_cli(["--db", db, "ingest", "--progress", "plain", *map(str, paths)])
    if with_url and (done.returncode != 0 or _read_as_one_article(work / "eval.db")):
        raise Skipped(
            "--with-url: the CLI does not read JSON Lines records yet (issue 10's records reader);"
            f" it {'refused' if done.returncode else 'took'} {RECORDS_NAME}"
            f"{' as one article' if not done.returncode else ''}. Skipped.\n"
            + done.stderr.strip()[-600:]
        )
    if done.returncode != 0:
        raise SystemExit(f"csto-timeline ingest failed (exit {done.returncode}):\n{done.stderr}")
    export = work / "export.jsonl"
    done = run_cli(["--db", db, "export", "--output", str(export)])
    if done.returncode != 0:
        raise SystemExit(f"csto-timeline export failed (exit {done.returncode}):\n{done.stderr}")
    return export


def _read_as_one_article(db_path: Path) -> bool:
    """Did the ingest store the records file itself as an article (no records reader)?"""
    import sqlite3

    with sqlite3.connect(db_path) as connection:
        names = {row[0] for row in connection.execute("SELECT source_file FROM article")}
    return RECORDS_NAME in names


def evaluate(articles: list[dict], cache: Path, with_url: bool = False) -> tuple[dict, list[str]]:
    """Score the current extractor on ``articles`` (their texts must be in ``cache``)."""
    scorer = load_scorer()
    gold = assemble_gold(articles)
    with tempfile.TemporaryDirectory(prefix="eval-real-") as tmp:
        work = Path(tmp)
        stage = stage_records if with_url else stage_texts
        export = ingest_and_export(stage(articles, cache, work / "input"), work, with_url)
        return scorer.score(gold, scorer.load_export(export))


def check_anchors(articles: list[dict], cache: Path) -> int:
    """Print every anchor missing from its cached text (for the corpus engineers: it reads
    blind texts too); exit 1 when there is any."""
    norm = load_scorer().norm
    found = [
        f"{a['id']}: {p}"
        for a in articles
        for p in anchor_problems(a, text_path(a, cache).read_text(encoding="utf-8"), norm)
    ]
    print("\n".join(found) or f"all anchors of {len(articles)} articles are in their texts")
    return 1 if found else 0


def format_result(result: dict) -> str:
    """The figures as score.py prints them (one per line, then the one-line summary)."""
    lines = [
        f"{k:26} {v:.3f}" if isinstance(v, float) else f"{k:26} {v}" for k, v in result.items()
    ]
    summary = " ".join(f"{k}={v:.2f}" for k, v in result.items() if isinstance(v, float))
    return "\n".join([*lines, "score: " + summary])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "blind", "all"], default="dev")
    parser.add_argument("--with-url", action="store_true", help="ingest records with URLs")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--write-gold", metavar="PATH", help="also write the assembled gold here")
    parser.add_argument(
        "--check", action="store_true", help="only check that every anchor is in its cached text"
    )
    parser.add_argument(
        "--ids", type=Path, metavar="FILE", help="only the articles listed in FILE, one id per line"
    )
    parser.add_argument("--articles", type=Path, default=ARTICLES_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    articles = select(load_articles(args.articles), args.split)
    if args.ids:
        wanted = set(args.ids.read_text(encoding="utf-8").split())
        articles = [a for a in articles if a["id"] in wanted]
    if not articles:
        print(f"no articles in split {args.split!r} under {args.articles}", file=sys.stderr)
        return 1
    if args.write_gold:
        Path(args.write_gold).write_text(
            json.dumps(assemble_gold(articles), ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
        print(f"wrote the {args.split} gold ({len(articles)} articles) to {args.write_gold}")
    cache = cache_dir()
    missing = missing_texts(articles, cache)
    if missing:
        print(missing_message(missing, cache), file=sys.stderr)
        return EXIT_MISSING
    if args.check:
        return check_anchors(articles, cache)
    try:
        result, misses = evaluate(articles, cache, with_url=args.with_url)
    except Skipped as skipped:
        print(str(skipped), file=sys.stderr)
        return 0
    sites = {a["id"].rsplit("-", 1)[0] for a in articles}
    mode = "text and URL (records)" if args.with_url else "text only"
    print(f"split {args.split}: {len(articles)} articles from {len(sites)} sites, {mode}")
    if args.verbose:
        print("\n".join(misses))
    print(json.dumps(result, indent=1) if args.json else format_result(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
