"""One ingest measurement in its own process (so peak memory is this measurement's alone).

    python -m bench.probe extract|ingest|cluster WORKERS LISTFILE [DB_URL]

Prints one JSON object: articles, bytes, events, seconds, maxrss of this process and of its
worker processes (resource.getrusage). ``extract`` times the pure extractor over texts already
read into memory; ``ingest`` times the real ingest job (``app.ingest.ingest_paths``: read,
extract, batched writes, the corpus-context pass) into a migrated database; ``cluster`` does the
same with extraction on a Dask ``LocalCluster`` of WORKERS single-threaded worker processes
started (and warmed) before the timing. The outcomes are counted as they come, not kept, so
the peak RSS is the ingest's own.
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
        list(extract_many(texts[:1]))  # imports and knowledge base loaded outside the timing
        started = time.perf_counter()
        events = failed = 0
        for result in extract_many(texts, workers=workers):
            if isinstance(result, Exception):
                failed += 1
            else:
                events += len(result.events)
        seconds = time.perf_counter() - started
        children = 0.0
    else:
        events, failed, seconds, children = _ingest(mode, workers, files, argv[3])
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
                "maxrss_children_mb": round(children or _rss_mb(resource.RUSAGE_CHILDREN), 1),
            }
        )
    )
    return 0


def _ingest(mode: str, workers: int, files: list[Path], url: str):
    from contextlib import nullcontext

    from app.db import make_engine
    from app.ingest import ingest_paths
    from app.migrate import upgrade
    from app.parallel import extract_many

    upgrade(url)
    engine = make_engine(url)
    list(extract_many(["تمهيد"]))  # warm the extractor's resources like the extract probe
    counts = {"events": 0, "failed": 0}

    def count(outcome) -> None:
        counts["events"] += outcome.events
        counts["failed"] += outcome.failed

    cluster = nullcontext(None)
    if mode == "cluster":
        from distributed import Client, LocalCluster

        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    with cluster as local:
        address = local.scheduler_address if local is not None else None
        if address:  # every worker imports what a task needs before the clock starts
            from app.cluster import cluster_chunk
            from app.source import SourceDocument

            with Client(address) as client:
                client.run(cluster_chunk, [SourceDocument("warm", "warm", "تمهيد")])
        started = time.perf_counter()
        ingest_paths(
            files,
            engine,
            max_bytes=2**21,
            workers=1 if address else workers,
            cluster=address,
            on_outcome=count,
            collect=False,
        )
        seconds = time.perf_counter() - started
        children = 0.0
        if address:  # the workers are the nannies' children, not ours: ask them
            with Client(address) as client:
                sizes = client.run(lambda: _rss_mb(resource.RUSAGE_SELF))
            children = max(sizes.values())
    engine.dispose()
    return counts["events"], counts["failed"], seconds, children


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
