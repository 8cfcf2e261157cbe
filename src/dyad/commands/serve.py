"""``dyad serve``: the web interface and JSON API over a store, served by uvicorn.

A thin wrapper over :func:`dyad.web.create_app`, registered on the main command with
``cli.add_command``. The store is opened read-only; it binds to 127.0.0.1 by default, so only
this machine can reach it. Also runnable on its own: ``python -m dyad.commands.serve``.
"""

from __future__ import annotations

import click

from .options import db_option


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 exposes the store to the network).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--access-log/--no-access-log",
    default=False,
    show_default=True,
    help="Log every request on standard error.",
)
@click.option(
    "--cache",
    "cache_size",
    default=256,
    show_default=True,
    type=click.IntRange(0),
    help="Remember this many distinct answers (the store is read-only; 0: none).",
)
def serve(db: str, host: str, port: int, access_log: bool, cache_size: int) -> None:
    """Serve the web interface and JSON API over the store (read-only).

    Pages: / (search, statistics), /actors/ID, /pair/ID/ID (the fused timeline between two
    actors), /articles/ID (text with mentions, quotes and events highlighted), /quotes.
    The API lives under /api (events, quotes, timeline, articles, actors; described at
    /openapi.json); every page is also JSON with ?format=json. Stop with Ctrl-C.

    \b
    Examples:
      dyad serve
      dyad serve --db news.duckdb --port 8080
      curl 'http://127.0.0.1:8000/api/timeline?a=Obama&b=Putin'
    """
    import uvicorn

    from ..web import create_app

    app = create_app(db, cache_size=cache_size)
    click.echo(f"dyad: serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, access_log=access_log, log_level="warning")
