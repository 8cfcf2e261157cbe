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
