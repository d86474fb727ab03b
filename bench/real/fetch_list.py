"""The list to re-fetch the real corpus's texts from: id, split, url and query of every article.

The texts come only through the ``search`` tool (``pages`` corpus), not a shell command: for each
line, search the query, take the result whose URL is the line's URL, and save its text exactly as
returned under ``~/.cache/csto-real/<split>/<id>.txt`` (bench/real/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys

from bench.real.gold import cache_dir, load_articles, select, text_path


def rows(split: str = "all", missing_only: bool = False) -> list[dict]:
    """The (id, split, url, query) of each article, in id order."""
    cache = cache_dir()
    return [
        {"id": a["id"], "split": a["split"], "url": a["url"], "query": a["query"]}
        for a in select(load_articles(), split)
        if not missing_only or not text_path(a, cache).is_file()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "blind", "all"], default="all")
    parser.add_argument("--missing", action="store_true", help="only texts not in the cache")
    parser.add_argument("--json", action="store_true", help="JSON Lines instead of tab-separated")
    args = parser.parse_args(argv)
    for row in rows(args.split, args.missing):
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print("\t".join((row["id"], row["split"], row["url"], row["query"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
