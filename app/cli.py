"""The ``csto-timeline`` command: ingest, export, serve, migrate.

Commands are thin: each parses its arguments and calls a library function.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    return args.handler(args)


def build_parser() -> argparse.ArgumentParser:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(
        prog="csto-timeline",
        description="A timeline of what was said and done around the CSTO, from Arabic news.",
    )
    parser.add_argument(
        "--db",
        default=settings.database_url,
        help="database URL (default: $DATABASE_URL or sqlite:///data/timeline.db)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    migrate = sub.add_parser("migrate", help="create or upgrade the database schema")
    migrate.set_defaults(handler=_migrate)

    ingest = sub.add_parser("ingest", help="extract events from article files and store them")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    ingest.add_argument(
        "--max-bytes",
        type=int,
        default=settings.max_file_bytes,
        help="skip files larger than this (default: $MAX_FILE_BYTES or 2 MiB)",
    )
    ingest.set_defaults(handler=_ingest)

    export = sub.add_parser("export", help="write every event as JSON Lines")
    export.add_argument("--format", choices=["jsonl"], default="jsonl")
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    export.set_defaults(handler=_export)

    serve = sub.add_parser("serve", help="serve the web app")
    serve.add_argument("--host", default=settings.host, help="default: $HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, default=settings.port, help="default: $PORT or 8000")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.set_defaults(handler=_serve)
    return parser


def _migrate(args) -> int:
    from app.migrate import upgrade

    upgrade(args.db)
    print("database is at the latest schema", file=sys.stderr)
    return 0


def _ingest(args) -> int:
    from app.db import get_engine
    from app.ingest import ingest_paths
    from app.migrate import upgrade

    upgrade(args.db)

    def show(outcome) -> None:
        detail = outcome.message if outcome.failed else f"{outcome.events} events"
        print(f"{outcome.status:9} {outcome.path}: {detail}", file=sys.stderr)

    outcomes = ingest_paths(
        args.paths, get_engine(args.db), max_bytes=args.max_bytes, on_outcome=show
    )
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no files"
    print(f"ingest: {len(outcomes)} files: {summary}", file=sys.stderr)
    return 1 if any(o.failed for o in outcomes) else 0


def _export(args) -> int:
    from sqlmodel import Session

    from app.db import get_engine
    from app.export import export_records, write_jsonl

    with Session(get_engine(args.db)) as session:
        if args.output:
            with open(args.output, "w", encoding="utf-8") as out:
                count = write_jsonl(export_records(session), out)
        else:
            count = write_jsonl(export_records(session), sys.stdout)
    print(f"exported {count} events", file=sys.stderr)
    return 0


def _serve(args) -> int:
    import os

    import uvicorn

    os.environ["DATABASE_URL"] = args.db
    uvicorn.run(
        "app.web.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
