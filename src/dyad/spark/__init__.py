"""A Spark driver: :meth:`Pipeline.run` in ``mapInArrow``, results as Parquet tables.

The driver lists the input files and splits each WARC file into its records, so one archive
is spread over many tasks; then it reads and cleans every document once
(:func:`~dyad.spark.plan.prepare`) to find texts read more than once, which are analysed
once and kept with every source they were read from; the distinct documents are dealt into
partitions of similar total length (:func:`~dyad.spark.plan.balance`, 4 per core). On the
executors (:mod:`dyad.spark.tasks`) each partition builds one
:class:`~dyad.pipeline.Pipeline` (spaCy is loaded once per Python worker and reused), reads
its documents with the ordinary readers and returns the analysed rows as Arrow batches,
which the JVM caches, so the tables are then written (concurrently) without running Python
again. The tables written under ``--out`` are those of the store
(:data:`dyad.store.rows.TABLES`) plus ``article_sources`` and ``errors`` (what could not be
read or analysed); ``dyad ingest --parquet`` loads them into a store. pyspark is an optional
dependency (``pip install 'dyad[spark]'``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DyadError
from ..store.rows import TABLES
from .plan import Item, Plan, Unit, balance, list_items, prepare, read_item, warc_records
from .tasks import ROW_SCHEMA, UNIT_SCHEMA, analyse_batches, unit_row

__all__ = [
    "Item", "Plan", "SparkRun", "Unit", "balance", "list_items", "prepare", "read_item",
    "spark_extract", "spark_session", "warc_records",
]  # fmt: skip

#: Partitions per core the cluster offers: enough that a slow partition is a small share of
#: the job, few enough that each Python worker's start (spaCy) is paid rarely.
PARTITIONS_PER_CORE = 4

#: In local mode the JVM shares the cores with the Python workers that do the analysis, and
#: it only moves rows: a JVM that compiles with C1 only and collects garbage on one thread
#: used half the CPU (on 400 BBC texts: 12.7 s instead of 23-24 s, start-up included) and
#: wrote the tables faster. A real cluster keeps Spark's defaults.
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


@dataclass
class SparkRun:
    """What a run did: counts, and where the time went (seconds)."""

    items: int = 0  # task items: files and WARC records
    documents: int = 0  # documents read (repeats included)
    analysed: int = 0  # distinct documents analysed
    articles: int = 0  # of them, analysed without failure
    sources: int = 0  # sources of those articles
    errors: int = 0  # sources that could not be read, cleaned or analysed
    partitions: int = 0
    startup_seconds: float = 0.0
    run_seconds: float = 0.0  # everything after start-up: the sum of ``stages``
    stages: dict[str, float] = field(default_factory=dict)  # listing, prepass, analysis, writes
    tables: dict[str, str] = field(default_factory=dict)


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
    if master.startswith("local"):
        builder = builder.config("spark.driver.extraJavaOptions", LOCAL_JVM_OPTIONS)
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
    clock = time.perf_counter()
    items = list_items(paths)
    run.items = len(items)
    if not items:
        raise DyadError("no input files found in " + ", ".join(paths))
    clock = _lap(run, "listing", clock)
    plan = prepare(items)
    run.documents, run.analysed = plan.documents, len(plan.units)
    _lap(run, "prepass", clock)
    start = time.perf_counter()
    spark = session or spark_session(master)
    run.startup_seconds = time.perf_counter() - start
    clock = time.perf_counter()
    slices = partitions or max(1, spark.sparkContext.defaultParallelism) * PARTITIONS_PER_CORE
    analysed = _analyse(spark, balance(plan.units, slices) or [[]], run)
    try:
        failed = analysed.where("error IS NOT NULL").selectExpr("size(sources)").collect()
        clock = _lap(run, "analysis", clock)
        run.tables = _write_all(spark, analysed, plan, Path(out))
        _lap(run, "writes", clock)
    finally:
        analysed.unpersist()
    run.articles = run.analysed - len(failed)
    run.sources = sum(len(unit.sources) for unit in plan.units) - sum(n for (n,) in failed)
    run.errors = len(plan.errors) + sum(n for (n,) in failed)
    run.run_seconds = sum(run.stages.values())
    return run


def _lap(run: SparkRun, stage: str, since: float) -> float:
    now = time.perf_counter()
    run.stages[stage] = now - since
    return now


def _analyse(spark: Any, dealt: list[list[Unit]], run: SparkRun) -> Any:
    """The analysed rows (:data:`~dyad.spark.tasks.ROW_SCHEMA`), one partition per part of
    ``dealt``, cached in the JVM and computed (the writes then read the cache)."""
    run.partitions = len(dealt)
    rows = [[unit_row(unit) for unit in part] for part in dealt]
    # one element per slice, so partition p holds exactly the units dealt to it
    units = spark.sparkContext.parallelize(rows, len(rows)).flatMap(lambda part: part)
    analysed = spark.createDataFrame(units, UNIT_SCHEMA).mapInArrow(analyse_batches, ROW_SCHEMA)
    analysed = analysed.cache()
    analysed.count()
    return analysed


def _write_all(spark: Any, analysed: Any, plan: Plan, out: Path) -> dict[str, str]:
    """Every table written from the cached rows, several Spark jobs at once (a small table's
    write is mostly job overhead, which overlaps well); returns each table's folder."""
    from pyspark.sql import functions as F

    ok = analysed.where(F.col("error").isNull())
    frames = {table: ok.select(F.explode(table).alias("row")).select("row.*") for table in TABLES}
    frames["article_sources"] = ok.select("article_id", F.explode("sources").alias("source"))
    failed = analysed.where(F.col("error").isNotNull()).select(
        F.explode("sources").alias("source"), F.col("error").alias("reason")
    )
    unread = spark.createDataFrame(plan.errors, "source string, reason string")
    frames["errors"] = unread.unionByName(failed)
    folders = {table: str(out / table) for table in frames}
    # one file per core, not per partition: each write task costs more than its few rows
    files = max(1, spark.sparkContext.defaultParallelism)
    with ThreadPoolExecutor(max_workers=len(frames)) as pool:
        written = [
            pool.submit(frame.coalesce(files).write.mode("overwrite").parquet, folders[table])
            for table, frame in frames.items()
        ]
        for future in written:
            future.result()
    return folders
