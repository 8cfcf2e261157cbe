"""A Spark driver: :meth:`Pipeline.run` in ``mapPartitions``, results as Parquet tables.

The driver lists the input files and splits each WARC file into its records (offsets and
lengths, indexed with warcio), so one archive is spread over many tasks; other files (text,
HTML, JSON Lines) are one task item each. Every partition builds one
:class:`~dyad.pipeline.Pipeline` (spaCy is loaded once per Python worker and reused), reads
its items with the ordinary readers and analyses them. Articles found more than once (same
text, same id) are kept once, with every source they were read from. The tables written
under ``--out`` are those of the store (:data:`dyad.store.rows.TABLES`) plus
``article_sources`` and ``errors`` (what could not be read); ``dyad ingest --parquet`` loads
them into a store. pyspark is an optional dependency (``pip install 'dyad[spark]'``).
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DyadError
from .model import Article, ReadError
from .readers import read_file
from .readers.files import read_stream
from .readers.formats import GZIP_MAGIC, is_warc
from .readers.walk import expand
from .store.rows import TABLES, table_columns

#: One unit of input: a whole file ``(path, None, None)`` or a WARC record range.
Item = tuple[str, int | None, int | None]
#: Per article: (source, rows by table); per read error: (source, reason).
Analysed = tuple[str, Any]

TYPES = {"str": "string", "int": "int", "strs": "array<string>"}
EXTRA_TABLES = {
    "article_sources": (("article_id", "str"), ("source", "str")),
    "errors": (("source", "str"), ("reason", "str")),
}


@dataclass
class SparkRun:
    """What a run did: counts and where the time went (seconds)."""

    items: int = 0
    articles: int = 0
    sources: int = 0
    errors: int = 0
    startup_seconds: float = 0.0
    run_seconds: float = 0.0
    tables: dict[str, str] = field(default_factory=dict)


# -- the driver: listing the input -----------------------------------------------------------
def list_items(paths: Sequence[str]) -> list[Item]:
    """Every task item in ``paths``: whole files, and WARC files cut into records."""
    items: list[Item] = []
    for path in paths:
        for found in expand(path):
            if isinstance(found, ReadError):
                raise DyadError(f"{found.source}: {found.reason}")
            items.extend(warc_records(found) or [(found, None, None)])
    return items


def warc_records(path: str) -> list[Item] | None:
    """``(path, offset, length)`` of each record of a WARC file; ``None`` if it is not one
    (or cannot be indexed: then the whole file is one item and its reader says what is wrong).
    """
    try:
        with open(path, "rb") as raw:
            gzipped = raw.read(len(GZIP_MAGIC)) == GZIP_MAGIC
            raw.seek(0)
            head = gzip.GzipFile(fileobj=raw).read(64) if gzipped else raw.read(64)
            if not is_warc(head):
                return None
            raw.seek(0)
            return _index(path, raw)
    except Exception:  # damaged or unreadable: read whole, so the reader reports it
        return None


def _index(path: str, raw: io.BufferedReader) -> list[Item]:
    from warcio.archiveiterator import ArchiveIterator

    records: list[Item] = []
    iterator = ArchiveIterator(raw)
    for record in iterator:
        wanted = record.rec_type == "response"
        record.content_stream().read()
        if wanted:
            records.append((path, iterator.get_record_offset(), iterator.get_record_length()))
    return records


# -- on the executors --------------------------------------------------------------------------
def read_item(item: Item) -> Iterator[Any]:
    """The documents (or read errors) of one task item, with the ordinary readers."""
    path, offset, length = item
    if offset is None or length is None:
        yield from read_file(path)
        return
    with open(path, "rb") as raw:
        raw.seek(offset)
        data = raw.read(length)
    yield from read_stream(io.BytesIO(data), path)


def analyse_partition(items: Iterable[Item]) -> Iterator[tuple[str, Analysed]]:
    """``(article id, (source, rows by table))`` per article, ``("", (source, reason))`` per
    error; one Pipeline for the partition (spaCy itself is cached per Python worker)."""
    from .pipeline import Pipeline

    pipeline = Pipeline()
    documents = (doc for item in items for doc in read_item(item))
    for result in pipeline.run(documents):
        if isinstance(result, ReadError):
            yield "", (result.source, result.reason)
        else:
            yield result.id, (result.source, article_rows(result))


def article_rows(article: Article) -> dict[str, list[tuple[Any, ...]]]:
    """One article's rows in every store table, as tuples in column order."""
    return {
        table: list(zip(*columns.values(), strict=True))
        for table, columns in table_columns([article]).items()
    }


def _first(a: tuple[str, Any], b: tuple[str, Any]) -> tuple[str, Any]:
    """Of two analyses of one article, the one read from the first source (deterministic)."""
    return a if a[0] <= b[0] else b


# -- the job ---------------------------------------------------------------------------------
def spark_session(master: str) -> Any:
    """A SparkSession on ``master``; the executors' Python is this one in local mode."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise DyadError("pyspark is not installed; run pip install 'dyad[spark]'") from exc
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName("dyad extract")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if os.environ.get("DYAD_KB"):
        builder = builder.config("spark.executorEnv.DYAD_KB", os.environ["DYAD_KB"])
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # no Java, a master that cannot be reached
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DyadError(f"cannot start Spark on {master}: {reason}") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def spark_extract(
    paths: Sequence[str],
    out: str | Path,
    *,
    master: str = "local[*]",
    partitions: int | None = None,
    session: Any = None,
) -> SparkRun:
    """Analyse ``paths`` on Spark and write the store's tables as Parquet under ``out``."""
    run = SparkRun()
    items = list_items(paths)
    run.items = len(items)
    if not items:
        raise DyadError("no input files found in " + ", ".join(paths))
    start = time.perf_counter()
    spark = session or spark_session(master)
    run.startup_seconds = time.perf_counter() - start
    start = time.perf_counter()
    sc = spark.sparkContext
    slices = partitions or min(len(items), max(1, sc.defaultParallelism) * 4)
    analysed = sc.parallelize(items, slices).mapPartitions(analyse_partition)
    merged = (
        analysed.map(lambda kv: (kv[0] or "!" + kv[1][0], (kv[1], (kv[1][0],))))
        .reduceByKey(lambda a, b: (_first(a[0], b[0]), a[1] + b[1]))
        .persist()
    )
    try:
        articles = merged.filter(lambda kv: not kv[0].startswith("!"))
        for table in TABLES:
            rows = articles.flatMap(lambda kv, t=table: kv[1][0][1][t])
            run.tables[table] = _write(spark, rows, TABLES[table], Path(out) / table)
        sources = articles.flatMap(lambda kv: [(kv[0], s) for s in sorted(set(kv[1][1]))])
        _write(spark, sources, EXTRA_TABLES["article_sources"], Path(out) / "article_sources")
        errors = merged.filter(lambda kv: kv[0].startswith("!")).map(lambda kv: kv[1][0][1])
        _write(spark, errors, EXTRA_TABLES["errors"], Path(out) / "errors")
        counts = merged.map(lambda kv: (kv[0].startswith("!"), len(kv[1][1]))).collect()
    finally:
        merged.unpersist()
    run.articles = sum(1 for is_error, _ in counts if not is_error)
    run.sources = sum(n for is_error, n in counts if not is_error)
    run.errors = sum(n for is_error, n in counts if is_error)
    run.run_seconds = time.perf_counter() - start
    return run


def _write(spark: Any, rows: Any, columns: tuple[tuple[str, str], ...], path: Path) -> str:
    schema = ", ".join(f"`{name}` {TYPES[kind]}" for name, kind in columns)
    spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(str(path))
    return str(path)
