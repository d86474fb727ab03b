"""Pairwise precision and recall of "same story" on the real corpus (issue 11).

The gold (``bench/real/articles/*.json``, ``/work/team/CORPUS.md``) gives each quote, reported
statement and dated happening a ``story`` slug when another article reports the same statement
or happening. This ingests the cached texts of one split into a fresh SQLite store with the real
ingest (stories included), exports the events, maps each gold entry to its exported event by its
anchor — as ``score.py`` matches them: a quote by the start of an exported quote, a reported
statement by its anchor in a statement's text outside its quotes, a happening by its anchor in a
dated event's text (the gold date first) — and compares, over every pair of mapped entries, "the
gold gives them one slug" with "they are in one story". Entries without a slug are stories of
their own. Entries the extractor did not find are counted and left out of the pairs.

    .venv/bin/python -m bench.real.stories_eval --split dev [--verbose] [--ids FILE]

``--ids FILE`` (article ids, one a line) also scores the pairs of two entries of those articles,
and the pairs of two entries of the others, apart (the whole split is ingested either way).

Develop on dev; blind is measured once.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def _articles_dir() -> Path:
    """This branch's ``bench/real/articles``, else the corpus worktree's (before the merge)."""
    local = HERE / "articles"
    return local if local.is_dir() else Path("/work/wt-corpus/bench/real/articles")


def _cache() -> Path:
    return Path(os.environ.get("CSTO_REAL_CACHE") or Path.home() / ".cache" / "csto-real")


def _scorer():
    shared = ROOT.parent / "shared" / "eval" / "score.py"
    path = shared if shared.exists() else ROOT / "tests" / "fixtures" / "score.py"
    spec = importlib.util.spec_from_file_location("csto_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Entry:
    article: str
    outlet: str | None
    what: str  # quote | reported | happening
    anchor: str
    story: str | None  # the gold slug
    event_id: str | None = None
    story_id: str | None = None

    def label(self) -> str:
        return f"{self.article} ({self.outlet}) {self.what} «{self.anchor}»"


def gold_entries(articles: list[dict]) -> list[Entry]:
    entries = []
    for art in articles:
        for what, key in (("quote", "quotes"), ("reported", "reported")):
            for item in art.get(key, []):
                entries.append(Entry(art["id"], art.get("outlet"), what, item["anchor"],
                                     item.get("story")))  # fmt: skip
        for item in art.get("dated_mentions", []):
            if item.get("kind") == "happening" or item.get("story"):
                entries.append(
                    Entry(
                        art["id"], art.get("outlet"), "happening", item["anchor"], item.get("story")
                    )
                )
    return entries


def map_entries(entries: list[Entry], events: list[dict], gold: dict, score) -> list[Entry]:
    """Each entry with the exported event it is found in (score.py's matching), or None."""
    by_article: dict[str, list[dict]] = {}
    for ev in events:
        by_article.setdefault(score.article_key(ev["article"]["source_file"]), []).append(ev)
    dates = {
        (art["id"], item["anchor"]): item.get("date")
        for art in gold["articles"]
        for item in art.get("dated_mentions", [])
    }
    used_quotes: set[tuple[str, int, int]] = set()
    taken: set[tuple[str, str]] = set()
    mapped = []
    for entry in entries:
        evs = by_article.get(entry.article, [])
        anchor = score.norm(entry.anchor)
        found = None
        if entry.what == "quote":
            for i, ev in enumerate(evs):
                for j, q in enumerate(ev.get("quotes") or []):
                    key = (entry.article, i, j)
                    if key not in used_quotes and score.norm(q.get("text")).startswith(anchor):
                        used_quotes.add(key)
                        found = ev
                        break
                if found:
                    break
        elif entry.what == "reported":
            for ev in evs:
                free = ev.get("kind") == "statement" and (ev["id"], anchor) not in taken
                if free and anchor in score.unquoted(ev):
                    taken.add((ev["id"], anchor))
                    found = ev
                    break
        else:
            want = dates.get((entry.article, entry.anchor))
            hits = [ev for ev in evs if anchor in score.norm(ev.get("text"))]
            hits.sort(key=lambda ev: (ev.get("kind") != "event", ev.get("date") != want))
            found = hits[0] if hits else None
        mapped.append(
            Entry(
                **{
                    **entry.__dict__,
                    "event_id": found and found["id"],
                    "story_id": found and found.get("story_id"),
                }
            )
        )
    return mapped


def pairwise(entries: list[Entry], within: set[str] | None = None) -> dict:
    """Pairwise figures over the mapped entries (``within``: only pairs of two entries of
    those articles)."""
    found = [e for e in entries if e.event_id and (within is None or e.article in within)]
    tp = fp = fn = 0
    false_pos, false_neg = [], []
    one_event = 0
    for a, b in itertools.combinations(found, 2):
        if a.event_id == b.event_id:  # the extractor made one event of both: not a grouping
            one_event += 1
            continue
        gold_same = a.story is not None and a.story == b.story
        same = a.story_id is not None and a.story_id == b.story_id
        if gold_same and same:
            tp += 1
        elif same:
            fp += 1
            false_pos.append((a, b))
        elif gold_same:
            fn += 1
            false_neg.append((a, b))
    missing = [e for e in entries if not e.event_id]
    return {
        "entries": len(entries),
        "mapped": len(found),
        "unmapped_with_story": sum(1 for e in missing if e.story),
        "one_event_pairs": one_event,
        "gold_pairs": tp + fn,
        "predicted_pairs": tp + fp,
        "true_pairs": tp,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "false_pos": false_pos,
        "false_neg": false_neg,
        "missing": missing,
    }


def run(split: str) -> list[Entry]:
    from sqlmodel import Session

    from app.db import make_engine
    from app.export import export_records
    from app.ingest import ingest_paths
    from app.migrate import upgrade

    articles = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted(_articles_dir().glob("*.json"))
    ]
    chosen = [a for a in articles if split == "all" or a["split"] == split]
    cache = _cache()
    absent = [a for a in chosen if not (cache / a["split"] / f"{a['id']}.txt").is_file()]
    if absent:
        sys.exit(
            f"{len(absent)} text(s) not in {cache}: "
            + ", ".join(f"{a['split']}/{a['id']}" for a in absent)
            + " (bench/real/README.md says how to re-fetch them)"
        )
    score = _scorer()
    with tempfile.TemporaryDirectory(prefix="stories-eval-") as tmp:
        folder = Path(tmp) / "input"
        folder.mkdir()
        for a in chosen:
            shutil.copyfile(cache / a["split"] / f"{a['id']}.txt", folder / f"{a['id']}.txt")
        url = f"sqlite:///{tmp}/eval.db"
        upgrade(url)
        engine = make_engine(url)
        ingest_paths([folder], engine, max_bytes=8 * 1024 * 1024)
        with Session(engine) as session:
            events = list(export_records(session))
        engine.dispose()
    gold = {"articles": chosen}
    return map_entries(gold_entries(chosen), events, gold, score)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "blind", "all"], default="dev")
    parser.add_argument("--verbose", action="store_true", help="list the confusions")
    parser.add_argument("--ids", type=Path, help="article ids also scored apart (one a line)")
    args = parser.parse_args(argv)
    entries = run(args.split)
    if args.ids:
        ids = {line.strip() for line in args.ids.read_text().splitlines() if line.strip()}
        others = {e.article for e in entries} - ids
        for name, within in ((f"listed ({len(ids)})", ids), (f"others ({len(others)})", others)):
            part = pairwise(entries, within)
            print(
                f"{name}: gold pairs={part['gold_pairs']} predicted={part['predicted_pairs']} "
                f"true={part['true_pairs']} precision={part['precision']:.3f} "
                f"recall={part['recall']:.3f}"
            )
    result = pairwise(entries)
    print(
        f"split={args.split} entries={result['entries']} mapped={result['mapped']} "
        f"(unmapped with a story: {result['unmapped_with_story']}) "
        f"gold pairs={result['gold_pairs']} predicted pairs={result['predicted_pairs']} "
        f"true={result['true_pairs']} (pairs left out, both in one event: "
        f"{result['one_event_pairs']})\n"
        f"precision={result['precision']:.3f} recall={result['recall']:.3f}"
    )
    for name in ("false_pos", "false_neg"):
        print(f"{name}: {len(result[name])}")
        if args.verbose:
            for a, b in result[name]:
                print(f"  {a.label()} [{a.story or '-'} → {a.story_id}]")
                print(f"    ~ {b.label()} [{b.story or '-'} → {b.story_id}]")
    if args.verbose:
        print("unmapped (with a story):")
        for e in result["missing"]:
            if e.story:
                print(f"  {e.label()} [{e.story}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
