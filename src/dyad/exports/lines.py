"""Formats written row by row in Python: event mentions as CSV, JSON Lines or PLOVER, fused
events as GDELT. Each function turns a stream of rows into a stream of text lines; nothing is
held but the current chunk.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import IO, Any

from .gdelt import gdelt_lines
from .plover import plover_record
from .stream import EVENT_COLUMNS

FLUSH = 1 << 18  # characters buffered before a write
_JSON_COLUMNS = ("actors", "recipients")


class Counted:
    """Rows passed through, counted."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            self.count += 1
            yield row


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def csv_lines(rows: Iterable[dict[str, Any]], null: str = "") -> Iterator[str]:
    """A header line, then one CSV record per event (JSON columns as JSON text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    for row in rows:
        writer.writerow([null if row[c] is None else _plain(row[c]) for c in EVENT_COLUMNS])
        if buffer.tell() >= FLUSH:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_record(row: dict[str, Any]) -> dict[str, Any]:
    out = {c: _plain(row[c]) for c in EVENT_COLUMNS}
    for key in _JSON_COLUMNS:
        out[key] = json.loads(out[key]) if out[key] else []
    return out


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(json_record(row), ensure_ascii=False) + "\n"


def table_json_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Rows of any table as JSON objects (dates as ISO text, JSON columns decoded)."""
    for row in rows:
        for key in _JSON_COLUMNS:
            if isinstance(row.get(key), str):
                row[key] = json.loads(row[key])
        yield json.dumps(row, ensure_ascii=False, default=str) + "\n"


def plover_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(plover_record(row), ensure_ascii=False) + "\n"


def staged_csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV with ``\\N`` for NULL, so DuckDB reads empty strings and NULLs back apart."""
    return csv_lines(rows, null=NULL)


NULL = "\\N"
LINES: dict[str, Callable[[Iterable[dict[str, Any]]], Iterator[str]]] = {
    "staged": staged_csv_lines,
    "csv": csv_lines,
    "jsonl": jsonl_lines,
    "table-jsonl": table_json_lines,
    "plover": plover_lines,
    "gdelt": gdelt_lines,
}


def write_lines(out: IO[bytes], lines: Iterable[str]) -> None:
    """Write text lines as UTF-8, about :data:`FLUSH` characters at a time."""
    buffer: list[str] = []
    size = 0
    for line in lines:
        buffer.append(line)
        size += len(line)
        if size >= FLUSH:
            out.write("".join(buffer).encode("utf-8"))
            buffer.clear()
            size = 0
    out.write("".join(buffer).encode("utf-8"))
    out.flush()


#: DuckDB types of the event columns, to read the streamed JSON Lines back for Parquet.
EVENT_TYPES = {
    **{c: "VARCHAR" for c in EVENT_COLUMNS},
    "idx": "INTEGER",
    "sent_start": "INTEGER",
    "sent_end": "INTEGER",
    "published": "DATE",
    "actors": "JSON",
    "recipients": "JSON",
}
