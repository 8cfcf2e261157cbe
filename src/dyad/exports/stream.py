"""Event mentions with their sentence and article, streamed without a join in DuckDB.

A join of the events with the articles' text makes DuckDB hold every article text at once
(the hash table's build side), so memory would grow with the store. Instead two cursors scan
the ``events`` and ``articles`` tables in store order, which is the same order for both
(:meth:`dyad.store.Store.add` writes a batch's articles and then their events, article by
article), and each event meets its article as the scans advance. Should an event's article
not lie ahead (a store written some other way), it is looked up by its key instead, so the
rows are right either way. Date bounds are checked here, as ``dyad events`` checks them: the
event's own date, else its article's publication date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import duckdb

from ..time.spans import interval
from .sql import Filters, events_scan

#: The columns of an exported event mention, in order (as :func:`dyad.exports.sql.events_query`).
EVENT_COLUMNS = (
    "article_id", "idx", "date", "date_text", "type", "mode", "cameo", "status", "actors",
    "recipients", "location_name", "location_country", "trigger", "sentence", "sent_start",
    "sent_end", "fused_id", "published", "outlet", "title", "url",
)  # fmt: skip
_ARTICLES = "SELECT id, published, outlet, title, url, text FROM articles"
CHUNK = 512


def _rows(cursor: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    while chunk := cursor.fetchmany(CHUNK):
        yield from chunk


class _Articles:
    """Articles met in store order, with a keyed lookup when the order does not hold."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.scan = _rows(con.cursor().execute(_ARTICLES))
        self.current: tuple[Any, ...] | None = None

    def get(self, article_id: str) -> tuple[Any, ...] | None:
        if self.current is not None and self.current[0] == article_id:
            return self.current
        for row in self.scan:
            if row[0] == article_id:
                self.current = row
                return row
        found = self.con.execute(f"{_ARTICLES} WHERE id = $1", [article_id]).fetchone()
        self.current = found
        return found


def _within(value: str | None, published: date | None, filters: Filters) -> bool:
    if filters.since is None and filters.until is None:
        return True
    span = interval(value) or ((published, published) if published else None)
    if span is None:
        return False
    since, until = filters.since, filters.until
    return (since is None or span[1] >= since) and (until is None or span[0] <= until)


def event_rows(con: duckdb.DuckDBPyConnection, filters: Filters) -> Iterator[dict[str, Any]]:
    """Every event mention the filters pick, in store order, as a dict of EVENT_COLUMNS."""
    sql, params = events_scan(filters)
    events = con.cursor().execute(sql, params)
    names = [d[0] for d in events.description]
    articles = _Articles(con)
    for values in _rows(events):
        row = dict(zip(names, values, strict=True))
        article = articles.get(row["article_id"])
        if article is None:
            continue
        _, published, outlet, title, url, text = article
        if not _within(row["date"], published, filters):
            continue
        row["sentence"] = text[row["sent_start"] : row["sent_end"]]
        row.update(published=published, outlet=outlet, title=title, url=url)
        yield {c: row[c] for c in EVENT_COLUMNS}
