"""Options shared by every command that reads or writes the store."""

from __future__ import annotations

import click

DEFAULT_DB = "dyad.duckdb"

db_option = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The store: a DuckDB file.",
)

workers_option = click.option(
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="Worker processes analysing articles. Default: one per core, but a small input "
    "(up to 32 articles a core) is analysed in this process; 1: always in this process.",
)
