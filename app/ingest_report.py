"""What ``csto-timeline ingest`` shows: a line per file, progress, a summary, an exit code.

A rich progress bar when stderr is a terminal (the per-file lines scroll above it), plain lines
otherwise (logs, CI, pipes). Ctrl-C or SIGTERM stops the batch cleanly: no further file is read,
the articles already extracted are stored and listed, and the same command completes the batch;
every article reported as added or updated is stored, no other is. A second Ctrl-C stops at once;
the open batch of articles (none of them listed yet) then rolls back. Only counts and the failures
are kept, so a batch of any size reports in the same memory.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import Engine

from app.cluster import ClusterUnavailable
from app.ingest import FileOutcome, ingest_paths
from app.ingest_writer import DatabaseUnavailable

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130
STAGES = {"reading": "reading and extracting", "context": "applying the corpus context"}


def outcome_line(outcome: FileOutcome) -> str:
    """``added     a.txt: 4 events``, ``failed    bad.bin: binary file (…), not an article``."""
    if outcome.failed:
        detail = outcome.message
    else:
        detail = f"{outcome.events} event{'s' if outcome.events != 1 else ''}"
        if outcome.message:
            detail += f" ({outcome.message})"
    return f"{outcome.status:9} {outcome.path}: {detail}"


def summary_line(outcomes: list[FileOutcome] | dict[str, int]) -> str:
    """``ingest: 7 files: 4 added, 2 failed, 1 unchanged`` (from outcomes or their counts)."""
    counts: dict[str, int] = {}
    if isinstance(outcomes, dict):
        counts = dict(outcomes)
    else:
        for outcome in outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
    total = sum(counts.values())
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()) if n)
    noun = "file" if total == 1 else "files"
    return f"ingest: {total} {noun}: {summary or 'no files'}"


class IngestReport:
    def __init__(self, stream: TextIO, *, bar: bool) -> None:
        self.stream = stream
        self.bar = bar
        self.counts: dict[str, int] = {}
        self.failed: list[FileOutcome] = []
        self.total = 0
        self._progress = None
        self._tasks: dict[str, int] = {}
        self._plain_step: dict[str, int] = {}
        self._stop_asked = False

    def __enter__(self) -> IngestReport:
        if self.bar:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            console = Console(file=self.stream, force_terminal=True, highlight=False)
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def run(
        self,
        paths: Iterable[str | Path],
        engine: Engine,
        *,
        max_bytes: int,
        workers: int = 1,
        cluster: str | None = None,
        batch_size: int | None = None,
    ) -> int:
        """Ingest, reporting as it goes; the exit code."""
        try:
            with self._deferred_interrupts():
                ingest_paths(
                    paths,
                    engine,
                    max_bytes=max_bytes,
                    on_outcome=self.outcome,
                    on_progress=self.progress,
                    workers=workers,
                    cluster=cluster,
                    batch_size=batch_size,
                    should_stop=lambda: self._stop_asked,
                    collect=False,
                )
        except KeyboardInterrupt as stop:
            self.__exit__()
            awaiting = getattr(stop, "awaiting", 0)
            more = (
                f" ({awaiting} more {'is' if awaiting == 1 else 'are'} stored awaiting the "
                "corpus-context pass)"
                if awaiting
                else ""
            )
            self.print(
                f"interrupted after {sum(self.counts.values())} of {self.total} files: every "
                f"article listed above as added or updated is stored, the others are not{more}; "
                "run the same command again to finish"
            )
            self.print(summary_line(self.counts))
            return EXIT_INTERRUPTED
        except ClusterUnavailable as error:
            self.__exit__()
            self.print(f"csto-timeline ingest: error: {error}")
            return EXIT_FAILED
        except DatabaseUnavailable as error:
            self.__exit__()
            self.print(
                f"stopped: {error}; every article listed above as added or updated is stored, "
                "the others are not; run the same command again to finish"
            )
            self.print(summary_line(self.counts))
            return EXIT_FAILED
        self.__exit__()
        if self.failed:
            self.print(f"{len(self.failed)} failed (nothing stored for these):")
            for outcome in self.failed:
                self.print(f"  {outcome.path}: {outcome.message}")
        self.print(summary_line(self.counts))
        return EXIT_FAILED if self.failed else EXIT_OK

    def outcome(self, outcome: FileOutcome) -> None:
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        if outcome.failed:
            self.failed.append(outcome)
        self.print(outcome_line(outcome))

    @contextlib.contextmanager
    def _deferred_interrupts(self) -> Iterator[None]:
        """Ctrl-C / SIGTERM stop reading files; what was extracted is stored and listed before
        the ingest returns, so "listed as added" and "stored" are exactly the same articles.
        A second Ctrl-C / SIGTERM stops at once (the open batch's transaction rolls back)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def ask(signum, frame):
            if self._stop_asked:
                raise KeyboardInterrupt
            self._stop_asked = True

        previous = {sig: signal.signal(sig, ask) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def progress(self, stage: str, done: int, total: int) -> None:
        if stage == "reading":
            self.total = total
        if self._progress is not None:
            if stage not in self._tasks:
                self._tasks[stage] = self._progress.add_task(STAGES.get(stage, stage), total=total)
            self._progress.update(self._tasks[stage], completed=done, total=total)
            return
        # plain: a line when reading starts, then (for 20 files or more) about every tenth
        step = self._plain_step.setdefault(stage, total // 10 if total >= 20 else total + 1)
        if stage == "reading" and done == 0 and total:
            self.print(f"{STAGES[stage]} {total} file{'s' if total != 1 else ''}…")
        elif stage == "reading" and 0 < done < total and done % step == 0:
            self.print(f"{STAGES[stage]}: {done}/{total} files")

    def print(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)
