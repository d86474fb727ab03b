"""What ``csto-timeline ingest`` shows: a line per file, progress, a summary, an exit code.

A rich progress bar when stderr is a terminal (the per-file lines scroll above it), plain lines
otherwise (logs, CI, pipes). Ctrl-C or SIGTERM stops the batch cleanly at the next file: every
article reported as added or updated is stored, no other is, and the same command completes the
batch. A second Ctrl-C stops at once; the article being stored then rolls back.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import Engine

from app.ingest import FileOutcome, ingest_paths

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130
STAGES = {"reading": "reading and extracting", "storing": "storing"}


def outcome_line(outcome: FileOutcome) -> str:
    """``added     a.txt: 4 events``, ``failed    bad.bin: binary file (…), not an article``."""
    if outcome.failed:
        detail = outcome.message
    else:
        detail = f"{outcome.events} event{'s' if outcome.events != 1 else ''}"
        if outcome.message:
            detail += f" ({outcome.message})"
    return f"{outcome.status:9} {outcome.path}: {detail}"


def summary_line(outcomes: list[FileOutcome]) -> str:
    """``ingest: 7 files: 4 added, 2 failed, 1 unchanged``."""
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no files"
    noun = "file" if len(outcomes) == 1 else "files"
    return f"ingest: {len(outcomes)} {noun}: {summary}"


class IngestReport:
    def __init__(self, stream: TextIO, *, bar: bool) -> None:
        self.stream = stream
        self.bar = bar
        self.outcomes: list[FileOutcome] = []
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
        self, paths: Iterable[str | Path], engine: Engine, *, max_bytes: int, workers: int = 1
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
                )
        except KeyboardInterrupt:
            self.__exit__()
            self.print(
                f"interrupted after {len(self.outcomes)} of {self.total} files: every article "
                "listed above as added or updated is stored, the others are not; run the same "
                "command again to finish"
            )
            self.print(summary_line(self.outcomes))
            return EXIT_INTERRUPTED
        self.__exit__()
        failed = [o for o in self.outcomes if o.failed]
        if failed:
            self.print(f"{len(failed)} failed (nothing stored for these):")
            for outcome in failed:
                self.print(f"  {outcome.path}: {outcome.message}")
        self.print(summary_line(self.outcomes))
        return EXIT_FAILED if failed else EXIT_OK

    def outcome(self, outcome: FileOutcome) -> None:
        self.outcomes.append(outcome)
        self.print(outcome_line(outcome))
        self._stop_if_asked()

    def _stop_if_asked(self) -> None:
        if self._stop_asked:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def _deferred_interrupts(self) -> Iterator[None]:
        """Ctrl-C / SIGTERM stop the batch at the next file boundary, after the current file's
        outcome is printed, so "listed as added" and "stored" are exactly the same articles.
        A second Ctrl-C / SIGTERM stops at once (the open transaction rolls back)."""
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
        self._stop_if_asked()
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
