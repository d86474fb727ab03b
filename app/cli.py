"""The ``csto-timeline`` command: ingest, export, serve, migrate.

Commands are thin: each parses its arguments and calls a library function.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = build_parser()
    except ValueError as error:  # e.g. PORT or MAX_FILE_BYTES not a number
        print(f"csto-timeline: error: bad setting in the environment: {error}", file=sys.stderr)
        return 2
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
    # `--db` is accepted after the command too (`ingest seeds --db URL`), as people type it;
    # SUPPRESS keeps the global value unless the command's own is given.
    db_after = argparse.ArgumentParser(add_help=False)
    db_after.add_argument(
        "--db", default=argparse.SUPPRESS, help="database URL (as the global --db)"
    )

    migrate = sub.add_parser(
        "migrate", parents=[db_after], help="create or upgrade the database schema"
    )
    migrate.set_defaults(handler=_migrate)

    ingest = sub.add_parser(
        "ingest", parents=[db_after], help="extract events from article files and store them"
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    ingest.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=settings.max_file_bytes,
        help="skip files larger than this (default: $MAX_FILE_BYTES or 2 MiB)",
    )
    ingest.add_argument(
        "--progress",
        choices=["auto", "bar", "plain"],
        default="auto",
        help="a progress bar (bar), plain lines (plain), or a bar only on a terminal (auto)",
    )
    ingest.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        help="extraction processes (default 1); one writer stores the results in order",
    )
    ingest.add_argument(
        "--batch",
        type=_positive_int,
        default=None,
        metavar="N",
        help="articles stored per transaction (default 200): fewer commits against fewer "
        "articles lost by a crash (never more than the open batch)",
    )
    ingest.add_argument(
        "--cluster",
        metavar="ADDRESS",
        default=settings.cluster or None,
        help="run extraction on this Dask scheduler (tcp://HOST:8786; default $DASK_SCHEDULER); "
        "this process stores the results",
    )
    ingest.set_defaults(handler=_ingest)

    export = sub.add_parser("export", parents=[db_after], help="write every event as JSON Lines")
    export.add_argument(
        "--format",
        choices=["jsonl", "stories-jsonl"],
        default="jsonl",
        help="jsonl: every event; stories-jsonl: every story with its reports (app/stories/)",
    )
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    export.set_defaults(handler=_export)

    serve = sub.add_parser("serve", parents=[db_after], help="serve the web app")
    serve.add_argument("--host", default=settings.host, help="default: $HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, default=settings.port, help="default: $PORT or 8000")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.set_defaults(handler=_serve)
    return parser


def _migrate(args) -> int:
    from app.migrate import upgrade_report

    print(upgrade_report(args.db), file=sys.stderr)
    return 0


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {value!r}")
    return number


def _ingest(args) -> int:
    """Exit 0 when every file was stored (or already was), 1 when any failed, 130 when
    interrupted (whatever was stored stays stored; the same command completes the batch)."""
    from app.ingest_report import IngestReport

    try:
        engine = _ingest_engine(args.db)
    except _UsageError as error:
        print(f"csto-timeline ingest: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:
        print(f"csto-timeline ingest: error: cannot open the database: {error}", file=sys.stderr)
        return 1
    bar = args.progress == "bar" or (args.progress == "auto" and sys.stderr.isatty())
    with IngestReport(sys.stderr, bar=bar) as report:
        return report.run(
            args.paths,
            engine,
            max_bytes=args.max_bytes,
            workers=args.workers,
            cluster=args.cluster,
            batch_size=args.batch,
        )


class _UsageError(Exception):
    pass


def _ingest_engine(url: str):
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from app.db import get_engine
    from app.migrate import upgrade

    try:
        engine = get_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        raise _UsageError(f"not a database URL: {url!r} ({error})") from None
    upgrade(url)
    return engine


def _export(args) -> int:
    import os

    from sqlmodel import Session

    from app.db import get_engine
    from app.export import export_records, write_jsonl

    stories = args.format == "stories-jsonl"
    if stories:
        from app.stories.export import export_story_records as export_records
    with Session(get_engine(args.db)) as session:
        if args.output:
            with open(args.output, "w", encoding="utf-8") as out:
                count = write_jsonl(export_records(session), out)
        else:
            try:
                count = write_jsonl(export_records(session), sys.stdout)
                sys.stdout.flush()
            except BrokenPipeError:
                # the reader stopped early (`export | head`): not an error. Python would
                # complain again flushing stdout at exit, so point it at /dev/null first.
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
                print("export stopped: the output was closed by its reader", file=sys.stderr)
                return 0
    print(f"exported {count} {'stories' if stories else 'events'}", file=sys.stderr)
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
