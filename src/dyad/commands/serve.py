"""``dyad serve``: the web interface and JSON API over a store, served by uvicorn.

A thin wrapper over :func:`dyad.web.create_app`, registered on the main command with
``cli.add_command``. The store is opened read-only; it binds to 127.0.0.1 by default, so only
this machine can reach it. Also runnable on its own: ``python -m dyad.commands.serve``.
"""

from __future__ import annotations

import click

from .options import db_option

# dyad.web.limits' defaults, repeated so that `dyad --help` does not import the web app
DEFAULT_RATE = 50.0
DEFAULT_MAX_URL = 8192


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
    help="Remember this many distinct answers (emptied when the store changes; 0: none).",
)
@click.option(
    "--rate-limit",
    default=DEFAULT_RATE,
    show_default=True,
    type=click.FloatRange(0),
    help="Requests a second each client may make on average (bursts of five times that); "
    "over it: 429. This machine's own addresses are not limited. 0: no limit.",
)
@click.option(
    "--max-url",
    default=DEFAULT_MAX_URL,
    show_default=True,
    type=click.IntRange(256),
    help="Longest URL (path and query) accepted, in bytes; longer: 414.",
)
def serve(
    db: str, host: str, port: int, access_log: bool, cache_size: int, rate_limit: float,
    max_url: int,
) -> None:  # fmt: skip
    """Serve the web interface and JSON API over the store (read-only).

    It can run while `dyad ingest` writes the same store: it lets go of the store for each
    batch written and shows the new articles after it (a request that cannot wait for a
    write to end gets 503 with Retry-After).

    Pages: / (search, statistics), /actors/ID, /pair/ID/ID (the fused timeline between two
    actors), /articles/ID (text with mentions, quotes and events highlighted), /quotes.
    The API lives under /api (events, quotes, timeline, articles, actors; described at
    /openapi.json); every page is also JSON with ?format=json. Stop with Ctrl-C.

    \b
    Examples:
      dyad serve
      dyad serve --db news.duckdb --port 8080
      dyad serve --host 0.0.0.0 --rate-limit 10
      curl 'http://127.0.0.1:8000/api/timeline?a=Obama&b=Putin'
    """
    import uvicorn

    from ..web import create_app

    app = create_app(db, cache_size=cache_size, limits={"rate": rate_limit, "max_url": max_url})
    click.echo(f"dyad: serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, access_log=access_log, log_level="warning")
