"""Rendering rows for people and scripts: a table on a terminal, JSON or CSV.

Commands produce plain rows (dicts); how they are shown is decided here, once.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "csv")
PIPE_WIDTH = 200


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def render_rows(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    *,
    out: TextIO | None = None,
    title: str | None = None,
    table_columns: Sequence[str] | None = None,
) -> None:
    """Write ``rows`` (only ``columns``, in that order) to ``out`` as a table, JSON or CSV.

    ``table_columns`` narrows what a person sees in a table; JSON and CSV keep every column.
    """
    out = out or sys.stdout
    if fmt == "json":
        json.dump([{c: r.get(c) for c in columns} for r in rows], out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(r.get(c)) for c in columns] for r in rows)
    else:
        table = Table(title=title, show_lines=False, expand=False)
        shown = table_columns or columns
        for column in shown:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in shown))
        # Off a terminal rich assumes 80 columns and folds every cell; a pipe or file gets
        # room for whole titles instead.
        width = None if out.isatty() else PIPE_WIDTH
        Console(file=out, soft_wrap=False, width=width).print(table)
