"""A progress display on standard error for long runs, silent when stderr is not a terminal.

Standard output carries data (JSON lines, tables), so progress never goes there.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


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


class RateColumn(ProgressColumn):
    """Articles a second, over the run so far."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f}/s")


@contextmanager
def progress(
    label: str, *, enabled: bool | None = None, total: int | None = None
) -> Iterator[Ticker]:
    """``with progress("extracting") as tick: ... tick.advance()``.

    With a ``total`` (when the number of articles is known in advance) the time remaining
    is shown too.
    """
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield Ticker(None, None)
        return
    count = "{task.completed}/{task.total}" if total else "{task.completed}"
    columns: list[ProgressColumn] = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn(count + " articles"),
        RateColumn(),
        TimeElapsedColumn(),
    ]
    if total:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        yield Ticker(bar, bar.add_task(label, total=total))
