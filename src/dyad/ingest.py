"""Ingesting: analysed articles into the store, in batches of one transaction each.

:func:`ingest_paths` is what ``dyad ingest PATHS`` runs: read the paths (in this process),
analyse them with :func:`dyad.parallel.analyse` (one process or a pool of workers), and write
batches through :meth:`Store.add`, the store's one write path. :class:`IngestCounts` is
updated as batches commit, so a caller that is interrupted can say what was stored.
:func:`ingest_parquet` loads the Parquet tables a Spark run wrote (``dyad ingest --parquet``)
through the same write path, so they are deduplicated and fused like any other input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

import duckdb

from .errors import InputError
from .model import Article, ReadError
from .parallel import PoolStats, analyse
from .pipeline import Options
from .progress import Ticker
from .readers import STDIN, read_paths
from .readers.formats import format_for_name
from .readers.walk import expand
from .store import Store
from .store.rows import ANNOTATIONS, Row, article_from_rows


@dataclass
class IngestCounts:
    """Articles added, already stored (skipped) and failed, as committed so far."""

    added: int = 0
    already: int = 0
    failed: int = 0

    def summary(self, db: str) -> str:
        return f"{self.added} added, {self.already} already stored, {self.failed} failed ({db})"


def batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest_paths(
    store: Store,
    paths: Sequence[str],
    counts: IngestCounts,
    *,
    workers: int = 1,
    batch_size: int = 200,
    tick: Ticker | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
    stats: PoolStats | None = None,
    options: Options | None = None,
    in_process_up_to: int = 0,
) -> IngestCounts:
    """Read, analyse and store ``paths``; ``counts`` holds what is committed at any moment.

    ``workers`` and ``in_process_up_to`` are as in :func:`dyad.parallel.analyse`;
    ``on_error`` is told of every failed document, ``on_article`` of every analysed one.
    """
    results = analyse(
        read_paths(list(paths)), workers=workers, options=options, stats=stats,
        in_process_up_to=in_process_up_to,
    )  # fmt: skip

    def articles() -> Iterator[Article]:
        for item in results:
            if isinstance(item, ReadError):
                counts.failed += 1
                if on_error is not None:
                    on_error(item)
            else:
                if on_article is not None:
                    on_article(item)
                yield item

    with closing(results):
        return store_batches(store, articles(), counts, batch_size=batch_size, tick=tick)


def expected_articles(paths: Sequence[str]) -> int | None:
    """How many articles ``paths`` hold when that is known without reading them.

    Known when every file is one article (text, Markdown, HTML); ``None`` when standard
    input, a JSON Lines or WARC file (many articles each) or an unknown format is among them,
    and when no terminal shows the progress bar (the folders are not walked twice for nothing).
    """
    if not sys.stderr.isatty():
        return None
    total = 0
    for path in paths:
        if path == STDIN:
            return None
        for item in expand(path):
            if isinstance(item, str):
                if format_for_name(item) not in ("text", "html"):
                    return None
                total += 1
    return total


# -- Parquet tables (from `dyad spark extract`) -----------------------------------------------
PARQUET_TABLES = ("articles", "article_sources", *ANNOTATIONS)


def parquet_articles(folder: str | Path, *, fetch: int = 1000) -> Iterator[Article]:
    """The articles in a folder of Parquet tables, ordered by id, one copy per source.

    Each table is read sorted by article id (DuckDB sorts out of core) and the streams are
    merged, so memory stays flat however many articles there are.
    """
    globs = {table: _table_glob(Path(folder), table) for table in PARQUET_TABLES}
    reader = duckdb.connect()
    try:
        streams = {
            table: _sorted_rows(reader.cursor(), globs[table], fetch)
            for table in ("article_sources", *ANNOTATIONS)
        }
        heads: dict[str, Row | None] = {table: next(rows, None) for table, rows in streams.items()}
        for row in _sorted_rows(reader.cursor(), globs["articles"], fetch, key="id"):
            found: dict[str, list[Row]] = {}
            for table, rows in streams.items():
                found[table] = []
                while (head := heads[table]) is not None and head["article_id"] <= row["id"]:
                    if head["article_id"] == row["id"]:
                        found[table].append(head)
                    heads[table] = next(rows, None)
            article = article_from_rows(row, found)
            yield article
            for source in sorted({r["source"] for r in found["article_sources"]}):
                if source != article.source:
                    yield replace(article, source=source)
    finally:
        reader.close()


def _table_glob(folder: Path, table: str) -> str:
    if not (folder / table).is_dir():
        raise InputError(str(folder), f"no {table} table (expected {folder / table}/*.parquet)")
    return str(folder / table / "*.parquet").replace("'", "''")


def _sorted_rows(
    cursor: duckdb.DuckDBPyConnection, glob: str, fetch: int, key: str = "article_id"
) -> Iterator[Row]:
    try:
        cursor.execute(f"SELECT * FROM read_parquet('{glob}') ORDER BY {key}")
    except duckdb.Error as exc:
        raise InputError(glob, f"cannot read Parquet: {str(exc).splitlines()[0]}") from exc
    names = [d[0] for d in cursor.description or []]
    while chunk := cursor.fetchmany(fetch):
        for values in chunk:
            yield dict(zip(names, values, strict=True))


def ingest_parquet(
    store: Store,
    folder: str | Path,
    counts: IngestCounts,
    *,
    batch_size: int = 200,
    tick: Ticker | None = None,
) -> IngestCounts:
    """Load Parquet tables through :meth:`Store.add` (batches, known ids skipped, fused)."""
    return store_batches(store, parquet_articles(folder), counts, batch_size=batch_size, tick=tick)


def store_batches(
    store: Store,
    articles: Iterable[Article],
    counts: IngestCounts,
    *,
    batch_size: int,
    tick: Ticker | None = None,
) -> IngestCounts:
    """Write ``articles`` through :meth:`Store.add`, one transaction a batch; ``counts``
    holds what is committed at any moment."""
    for batch in batches(articles, batch_size):
        result = store.add(batch)
        counts.added += result.added
        counts.already += result.already_stored
        if tick is not None:
            tick.advance(len(batch))
    return counts
