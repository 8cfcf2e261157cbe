"""A progress display on standard error for long runs, silent when stderr is not a terminal.

Standard output carries data (JSON lines, tables), so progress never goes there.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn


class Ticker:
    """Counts finished items; shows them when a terminal is watching."""

    def __init__(self, progress: Progress | None, task: TaskID | None) -> None:
        self._progress = progress
        self._task = task
        self.count = 0

    def advance(self, n: int = 1) -> None:
        self.count += n
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=n)


@contextmanager
def progress(label: str, *, enabled: bool | None = None) -> Iterator[Ticker]:
    """``with progress("extracting") as tick: ... tick.advance()``."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield Ticker(None, None)
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        yield Ticker(bar, bar.add_task(label, total=None))
