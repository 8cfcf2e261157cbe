"""Bulk export of a store: CSV, JSON Lines and Parquet tables, GDELT and PLOVER event files.

:func:`export` reads the store read-only and streams, in store order (a sort would hold every
row at once): event mentions meet their article's text through two ordered scans
(:mod:`dyad.exports.stream`) and, like GDELT rows and every JSON Lines file, are written by
Python as a cursor yields them; CSV and Parquet of the other tables are written by DuckDB
itself (``COPY (query) TO file``). DuckDB runs on one thread under a small memory limit and
spills to a private temporary folder, so memory stays flat however large the store is
(docs/benchmarks.md). The file is written under a temporary name beside the target and
renamed at the end: a failed export leaves no half file (``-`` streams to standard output).

Formats and tables: ``csv``, ``jsonl`` and ``parquet`` export any table of
:data:`~dyad.exports.sql.TABLES`; ``gdelt`` exports fused events (one GDELT 2.0 event row
each), ``plover`` event mentions (one PLOVER JSON object each). See docs/export.md.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import duckdb

from ..errors import DyadError
from ..store import Store
from .gdelt import gdelt_query
from .lines import EVENT_TYPES, LINES, NULL, Counted, write_lines
from .sql import TABLES, TYPED_TABLES, Filters, table_query
from .stream import event_rows

__all__ = ["FORMATS", "TABLES", "ExportError", "ExportResult", "Filters", "export", "format_of"]

FORMATS = ("csv", "jsonl", "parquet", "gdelt", "plover")
#: File endings that name a format; a plain ``.tsv`` or ``.json`` is ambiguous and is not here.
SUFFIXES = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".gdelt.tsv": "gdelt",
    ".gdelt": "gdelt",
    ".plover.jsonl": "plover",
}
#: The only table each event-data format can hold.
FORMAT_TABLES = {"gdelt": "fused", "plover": "events"}
#: DuckDB's memory limits: scans feeding Python need least, DuckDB's own writers (COPY) a
#: little more, GDELT's per-event aggregate most; beyond them DuckDB spills to a private
#: temporary folder. Measured: docs/benchmarks.md, "Export".
STREAM_MEMORY, COPY_MEMORY, GDELT_MEMORY = "12MB", "16MB", "64MB"
#: A memory limit as DuckDB writes one (``64MB``, ``1.5 GiB``); checked before it meets SQL.
SIZE = re.compile(r"^\d+(\.\d+)?\s*[KMGT]i?B$")
#: Database-wide DuckDB settings an export changes: saved first and put back after, so the
#: caller's other connections to the same file are left as they were.
SETTINGS = ("memory_limit", "threads", "temp_directory")
CHUNK = 512  # rows per fetchmany
ROW_GROUP = 16_384  # Parquet rows DuckDB holds before writing a row group


class ExportError(DyadError):
    """An export that cannot be done as asked (a format/table mismatch, an unwritable file)."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    rows: int
    format: str
    table: str
    path: str


def format_of(path: str) -> str | None:
    """The format a file name asks for (``events.parquet`` -> ``parquet``), or ``None``."""
    name = path.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def export(
    db: str | Path,
    to: str | Path,
    *,
    fmt: str,
    table: str | None = None,
    filters: Filters | None = None,
    memory_limit: str | None = None,
) -> ExportResult:
    """Export ``table`` of the store ``db`` to ``to`` (``"-"``: standard output) as ``fmt``.

    ``table`` defaults to ``fused`` for GDELT and to ``events`` otherwise. Raises
    :class:`ExportError` for a table the format cannot hold, a file that cannot be written or
    a DuckDB error on the way (out of memory...) and :class:`~dyad.errors.StoreError` for a
    store that cannot be opened.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    table = table or FORMAT_TABLES.get(fmt, "events")
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r} (one of {', '.join(TABLES)})")
    if fmt in FORMAT_TABLES and table != FORMAT_TABLES[fmt]:
        raise ExportError(f"the {fmt} format holds {FORMAT_TABLES[fmt]}, not {table}")
    if memory_limit is not None and not SIZE.match(memory_limit):
        raise ExportError(f"bad memory limit {memory_limit!r} (a size such as 64MB or 1GiB)")
    filters = filters or Filters()
    if filters.event_type and table not in TYPED_TABLES:
        raise ExportError(f"--type filters events and fused events, not {table}")
    with (
        tempfile.TemporaryDirectory(prefix="dyad-export-") as spill,
        Store(db, read_only=True) as store,
    ):
        default = (
            GDELT_MEMORY
            if fmt == "gdelt"
            else STREAM_MEMORY
            if _streamed(fmt, table)
            else COPY_MEMORY
        )
        saved = _settings(store.con)
        try:
            _limit_memory(store.con, memory_limit or default, spill)
            if str(to) == "-":
                rows = _to_stdout(store.con, fmt, table, filters, spill)
            else:
                rows = _to_file(store.con, Path(to), fmt, table, filters)
        except duckdb.Error as exc:  # out of memory, a full spill folder, ...: one line
            raise ExportError(f"{to}: export failed: {str(exc).splitlines()[0]}") from exc
        finally:
            _restore(store.con, saved)
    return ExportResult(rows=rows, format=fmt, table=table, path=str(to))


def _settings(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {name: _setting(con, name) for name in SETTINGS}


def _setting(con: duckdb.DuckDBPyConnection, name: str) -> str:
    found = con.execute("SELECT current_setting(?)", [name]).fetchone()
    return str(found[0]) if found else ""


def _restore(con: duckdb.DuckDBPyConnection, saved: dict[str, str]) -> None:
    """Put the settings back: DuckDB's default when that is what they were (shown sizes are
    rounded, so setting the shown value would not give the default back), else the value."""
    for name, value in saved.items():
        con.execute(f"RESET {name}")
        if _setting(con, name) != value:
            con.execute(f"SET {name} = {_literal(value)}")


def _limit_memory(con: duckdb.DuckDBPyConnection, limit: str, spill: str) -> None:
    con.execute(f"SET memory_limit = {_literal(limit)}")
    con.execute("SET threads = 1")
    con.execute(f"SET temp_directory = {_literal(spill)}")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _to_file(
    con: duckdb.DuckDBPyConnection, target: Path, fmt: str, table: str, filters: Filters
) -> int:
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, part = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {exc.strerror}") from exc
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(part, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
    try:
        rows = _write(con, Path(part), fmt, table, filters)
        os.replace(part, target)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {exc.strerror}") from exc
    finally:
        Path(part).unlink(missing_ok=True)
    return rows


def _to_stdout(
    con: duckdb.DuckDBPyConnection, fmt: str, table: str, filters: Filters, spill: str
) -> int:
    if _streamed(fmt, table) and fmt != "parquet":  # rows go straight through
        return _write_lines(con, sys.stdout.buffer, fmt, filters, table)
    part = Path(spill) / f"export.{fmt}"
    rows = _write(con, part, fmt, table, filters)
    with part.open("rb") as source:
        shutil.copyfileobj(source, sys.stdout.buffer)
    sys.stdout.buffer.flush()
    return rows


def _streamed(fmt: str, table: str) -> bool:
    """Written row by row in Python: event mentions (they need their article's text), the
    event-data formats, and JSON Lines (DuckDB's JSON writer buffers megabytes per row group)."""
    return fmt in FORMAT_TABLES or table == "events" or fmt == "jsonl"


def _write(con: duckdb.DuckDBPyConnection, path: Path, fmt: str, table: str, f: Filters) -> int:
    if _streamed(fmt, table):
        if fmt != "parquet":
            with path.open("wb") as out:
                return _write_lines(con, out, fmt, f, table)
        # Parquet of event mentions: CSV first, then DuckDB reads it back typed (streaming).
        staged = path.with_name(path.name + ".csv")
        try:
            with staged.open("wb") as out:
                rows = _write_lines(con, out, "staged", f)
            source = (
                f"read_csv({_quote(staged)}, header=true, nullstr='{NULL}', "
                f"buffer_size={1 << 21}, max_line_size={1 << 20}, columns={EVENT_TYPES})"
            )
            _copy(con, f"SELECT * FROM {source}", [], path, "parquet")
        finally:
            staged.unlink(missing_ok=True)
        return rows
    sql, params = table_query(table, f)
    return _copy(con, sql, params, path, fmt)


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _copy(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], path: Path, fmt: str) -> int:
    options = {
        "csv": "FORMAT csv, HEADER",
        "jsonl": "FORMAT json",
        "parquet": f"FORMAT parquet, ROW_GROUP_SIZE {ROW_GROUP}, ROW_GROUP_SIZE_BYTES '2MB'",
    }
    con.execute("SET preserve_insertion_order = false")  # no reorder buffer: rows as they come
    try:
        found = con.execute(f"COPY ({sql}) TO {_quote(path)} ({options[fmt]})", params).fetchone()
    except duckdb.IOException as exc:
        raise ExportError(f"{path}: cannot write: {str(exc).splitlines()[0]}") from exc
    finally:
        con.execute("SET preserve_insertion_order = true")
    return int(found[0]) if found else 0


def _write_lines(
    con: duckdb.DuckDBPyConnection, out: IO[bytes], fmt: str, f: Filters, table: str = "events"
) -> int:
    """Rows streamed from the store and written as lines; returns the row count."""
    if fmt == "gdelt":
        rows = Counted(_cursor_rows(con, *gdelt_query(f)))
    elif table == "events" or fmt == "plover":
        rows = Counted(event_rows(con, f))
    else:
        rows = Counted(_cursor_rows(con, *table_query(table, f)))
        fmt = "table-jsonl"
    write_lines(out, LINES[fmt](rows))
    return rows.count


def _cursor_rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]
) -> Iterator[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(CHUNK):
        for values in chunk:
            yield dict(zip(names, values, strict=True))
