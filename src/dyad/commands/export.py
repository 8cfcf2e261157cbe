"""``dyad export``: the store, or the part of it a filter picks, as one file for other tools.

A thin wrapper over :func:`dyad.exports.export`; names are resolved like ``dyad events``
(``Putin``, ``Vladimir Putin`` and ``vladimir-putin`` mean the same actor).
"""

from __future__ import annotations

from datetime import date

import click

from ..exports import FORMAT_TABLES, FORMATS, TABLES, export, format_of
from ..exports.sql import TYPED_TABLES
from ..model import PLOVER_TYPES
from ..store.reading import make_filters
from .options import db_option
from .stories import DateBound


@click.command(name="export")
@db_option
@click.option("--to", "to", required=True, metavar="FILE",
              help="Where to write; '-' for standard output.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Default: from FILE's ending (.csv, .jsonl, .parquet, .gdelt.tsv, "
              ".plover.jsonl).")  # fmt: skip
@click.option("--table", type=click.Choice(TABLES),
              help="What to export (default: events; gdelt is always fused events, "
              "plover event mentions).")  # fmt: skip
@click.option("--actor", help="Only rows involving this actor.")
@click.option("--between", nargs=2, metavar="NAME NAME", help="Only rows involving both actors.")
@click.option("--type", "event_type", type=click.Choice(PLOVER_TYPES, case_sensitive=False),
              help="Only events (or fused events) of this PLOVER type.")  # fmt: skip
@click.option("--since", type=DateBound(), help="On or after this date (2012, 2012-06, ...).")
@click.option("--until", type=DateBound(last=True), help="On or before this date.")
def export_command(
    db: str, to: str, fmt: str | None, table: str | None, actor: str | None,
    between: tuple[str, str] | None, event_type: str | None, since: date | None,
    until: date | None,
) -> None:  # fmt: skip
    """Export stored rows as CSV, JSON Lines, Parquet, a GDELT 2.0 event table or PLOVER JSON.

    Streams: memory stays flat however large the store. A failed export leaves no file.
    The filters mean what they mean for `dyad events`; see docs/export.md for every column.

    \b
    Examples:
      dyad export --to events.parquet
      dyad export --to putin.csv --table quotes --actor Putin
      dyad export --to obama-putin.gdelt.tsv --between Obama Putin --since 2012
      dyad export --to accusations.csv --table fused --type ACCUSE
      dyad export --to - --format plover --since 2012-06 --until 2012-06-30 | jq .event
    """
    fmt = fmt or format_of(to)
    if fmt is None:
        raise click.UsageError(
            f"cannot tell the format from {to!r}: give --format "
            "(csv, jsonl, parquet, gdelt or plover)"
        )
    if fmt in FORMAT_TABLES and table not in (None, FORMAT_TABLES[fmt]):
        raise click.UsageError(f"--format {fmt} exports {FORMAT_TABLES[fmt]}, not {table}")
    table = table or FORMAT_TABLES.get(fmt, "events")
    if event_type and table not in TYPED_TABLES:
        raise click.UsageError(f"--type filters events and fused events, not {table}")
    filters = make_filters(actor, between, since, until, event_type)
    result = export(db, to, fmt=fmt, table=table, filters=filters)
    where = "standard output" if to == "-" else to
    click.echo(f"dyad: {result.rows} {result.table} rows as {result.format} to {where}", err=True)
