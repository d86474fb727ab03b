"""One ingest measurement in its own process (so peak memory is this measurement's alone).

    python -m bench.probe extract|ingest WORKERS LISTFILE [DB_URL]

Prints one JSON object: articles, bytes, events, seconds, maxrss of this process and of its
worker processes (resource.getrusage). ``extract`` times the pure extractor over texts already
read into memory; ``ingest`` times the real ingest job (``app.ingest.ingest_paths``: read,
extract, corpus-context pass, one transaction per article) into a migrated database.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def main(argv: list[str]) -> int:
    mode, workers, listfile = argv[0], int(argv[1]), Path(argv[2])
    files = [Path(line) for line in listfile.read_text().splitlines() if line]
    size = sum(f.stat().st_size for f in files)
    if mode == "extract":
        from app.parallel import extract_many

        texts = [f.read_text(encoding="utf-8") for f in files]
        extract_many(texts[:1])  # imports and knowledge base loaded outside the timing
        started = time.perf_counter()
        events = failed = 0
        for result in extract_many(texts, workers=workers):
            if isinstance(result, Exception):
                failed += 1
            else:
                events += len(result.events)
        seconds = time.perf_counter() - started
    else:
        from app.db import make_engine
        from app.ingest import ingest_paths
        from app.migrate import upgrade
        from app.parallel import extract_many

        url = argv[3]
        upgrade(url)
        engine = make_engine(url)
        extract_many(["تمهيد"])  # warm the extractor's resources like the extract probe
        started = time.perf_counter()
        outcomes = ingest_paths(files, engine, max_bytes=2**21, workers=workers)
        seconds = time.perf_counter() - started
        events = sum(o.events for o in outcomes)
        failed = sum(o.failed for o in outcomes)
        engine.dispose()
    print(
        json.dumps(
            {
                "mode": mode,
                "workers": workers,
                "articles": len(files),
                "failed": failed,
                "bytes": size,
                "events": events,
                "seconds": round(seconds, 3),
                "articles_per_s": round(len(files) / seconds, 1),
                "mb_per_s": round(size / seconds / 1e6, 3),
                "maxrss_mb": round(_rss_mb(resource.RUSAGE_SELF), 1),
                "maxrss_children_mb": round(_rss_mb(resource.RUSAGE_CHILDREN), 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
