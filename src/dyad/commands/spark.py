"""``dyad spark extract``: the pipeline on a Spark cluster (or ``local[*]``), Parquet out.

A thin wrapper over :func:`dyad.spark.spark_extract`; ``dyad ingest --parquet DIR`` loads the
result into a store. See docs/scale.md for running on a real cluster.
"""

from __future__ import annotations

import click


@click.group()
def spark() -> None:
    """Run dyad on Spark (needs pyspark: pip install 'dyad[spark]', and Java 17)."""


@spark.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the Parquet tables (one sub-folder a table; replaced).",
)
@click.option(
    "--master",
    default="local[*]",
    show_default=True,
    help="Spark master: local[N], spark://host:7077, yarn, ...",
)
@click.option("--partitions", type=click.IntRange(1),
              help="Spark partitions (default: 4 per core the cluster offers).")  # fmt: skip
def extract(paths: tuple[str, ...], out: str, master: str, partitions: int | None) -> None:
    """Analyse PATHS on Spark and write the store's tables as Parquet under --out.

    PATHS are files or folders of text, HTML, JSON Lines or WARC (a WARC file is split into
    its records across tasks). Tables: articles, article_sources, entities, mentions, quotes,
    timexes, events, and errors (inputs that could not be read).

    \b
    Examples:
      dyad spark extract samples/ --out parquet/ --master "local[2]"
      dyad ingest --parquet parquet/ --db news.duckdb
      spark-submit --master spark://head:7077 $(which dyad) spark extract /data/crawl/ \\
        --out /shared/parquet/ --master spark://head:7077
    """
    from ..spark import spark_extract

    run = spark_extract(paths, out, master=master, partitions=partitions)
    stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in run.stages.items())
    click.echo(
        f"dyad: {run.articles} articles ({run.sources} sources), {run.errors} failed, from "
        f"{run.items} inputs in {run.run_seconds:.1f} s ({stages}; +{run.startup_seconds:.1f} s "
        f"Spark start-up); tables in {out}",
        err=True,
    )
