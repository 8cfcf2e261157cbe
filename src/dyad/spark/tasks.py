"""On the executors: read a partition's documents, run :meth:`Pipeline.run`, return Arrow.

A partition arrives as Arrow record batches of :class:`~dyad.spark.plan.Unit` rows
(:data:`UNIT_SCHEMA`); each task item is read once with the ordinary readers and its wanted
documents analysed by one :class:`~dyad.pipeline.Pipeline` (spaCy is loaded once per Python
worker, which Spark reuses). Each analysed document becomes one row of :data:`ROW_SCHEMA`:
its id, sources, the failure reason if analysis failed, and its rows in every store table
as a list of structs, so the JVM gets columns (no pickled Python objects) and can cache them
and write every table without calling Python again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby, islice
from typing import Any

from ..model import Article, RawDocument, ReadError
from ..store.rows import TABLES, table_columns
from .plan import Item, Unit, read_item

#: Spark SQL types of the store's column kinds.
SQL_TYPES = {"str": "string", "int": "int", "strs": "array<string>"}
#: The input of a task: one row per document to analyse.
UNIT_SCHEMA = (
    "path string, offset bigint, length bigint, `index` int, article_id string, chars int, "
    "sources array<string>"
)
#: The output of a task: one row per analysed document, its table rows nested.
ROW_SCHEMA = "article_id string, sources array<string>, error string, " + ", ".join(
    f"`{table}` array<struct<{', '.join(f'`{n}`: {SQL_TYPES[k]}' for n, k in columns)}>>"
    for table, columns in TABLES.items()
)
CHANGED = "input changed since it was listed: document no longer found"
#: Documents per Arrow batch sent back (the Pipeline's own batch size).
BATCH = 32


def unit_row(unit: Unit) -> tuple[Any, ...]:
    """A :class:`Unit` as a row of :data:`UNIT_SCHEMA`."""
    path, offset, length = unit.item
    return path, offset, length, unit.index, unit.article_id, unit.chars, list(unit.sources)


def analyse_batches(batches: Iterable[Any]) -> Iterator[Any]:
    """``mapInArrow`` body: the units of one partition in, analysed rows out (Arrow)."""
    from ..pipeline import Pipeline

    units = [_unit(row) for batch in batches for row in batch.to_pylist()]
    results = Pipeline().run(read_units(units))
    done = iter(zip(units, results, strict=True))
    while chunk := list(islice(done, BATCH)):
        yield rows_batch(chunk)


def _unit(row: dict[str, Any]) -> Unit:
    item: Item = (row["path"], row["offset"], row["length"])
    return Unit(item, row["index"], row["article_id"], row["chars"], tuple(row["sources"]))


def read_units(units: list[Unit]) -> Iterator[RawDocument | ReadError]:
    """One document per unit, in order; each item (file, WARC record) is read once."""
    for item, group in groupby(units, key=lambda unit: unit.item):
        wanted = list(group)
        indexes = {unit.index for unit in wanted}
        docs = {i: doc for i, doc in enumerate(read_item(item)) if i in indexes}
        for unit in wanted:
            doc = docs.get(unit.index)
            yield doc if doc is not None else ReadError(unit.sources[0], CHANGED)


def rows_batch(chunk: list[tuple[Unit, Article | ReadError]]) -> Any:
    """Rows of :data:`ROW_SCHEMA` for analysed documents, as one Arrow record batch."""
    import pyarrow as pa

    schema = arrow_schema()
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    for unit, result in chunk:
        columns["article_id"].append(unit.article_id)
        columns["sources"].append(list(unit.sources))
        if isinstance(result, ReadError):
            columns["error"].append(result.reason)
            rows = None
        else:
            columns["error"].append(None)
            rows = table_columns([result])
        for table in TABLES:
            columns[table].append(list(zip(*rows[table].values(), strict=True)) if rows else [])
    return pa.RecordBatch.from_arrays(
        [pa.array(columns[f.name], type=f.type) for f in schema], schema=schema
    )


def arrow_schema() -> Any:
    """:data:`ROW_SCHEMA` in Arrow types (``int`` is Spark's 32-bit integer)."""
    import pyarrow as pa

    kinds = {"str": pa.string(), "int": pa.int32(), "strs": pa.list_(pa.string())}
    tables = [
        pa.field(table, pa.list_(pa.struct([(n, kinds[k]) for n, k in columns])))
        for table, columns in TABLES.items()
    ]
    base = [("article_id", pa.string()), ("sources", pa.list_(pa.string())), ("error", pa.string())]
    return pa.schema([pa.field(n, t) for n, t in base] + tables)
