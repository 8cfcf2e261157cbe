"""The ``dyad`` command: thin wrappers over the library.

Each command parses its options, calls one library function and renders the result. Library
errors (:class:`~dyad.errors.DyadError`) become one line on standard error and an exit code;
data goes to standard output, progress and warnings to standard error.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import closing
from datetime import date

import click

from . import __version__
from .actors import default_kb, describe_actor, format_actor_text, query_ids
from .actors.kb import KB_ENV
from .commands.export import export_command
from .commands.options import db_option, workers_option
from .commands.serve import serve
from .commands.spark import spark
from .commands.stories import events, relations_command, timeline
from .errors import DyadError
from .ingest import IngestCounts, expected_articles, ingest_parquet, ingest_paths
from .model import Article, ReadError
from .parallel import analyse, pool_plan
from .progress import progress
from .readers import read_paths
from .render import FORMATS, render_rows
from .store import Store, list_articles, list_quotes
from .store.queries import ARTICLE_COLUMNS, QUOTE_COLUMNS


def warn(message: str) -> None:
    click.echo(f"dyad: {message}", err=True)


def report_error(error: ReadError) -> None:
    warn(f"error: {one_line(error.source)}: {error.reason}")


def report_warnings(article: Article) -> None:
    for warning in article.meta.warnings:
        warn(f"warning: {one_line(article.source)}: {warning}")


def one_line(name: str) -> str:
    """A source name fit for one line of standard error (a file name may hold a newline)."""
    return name if name.isprintable() else name.encode("unicode_escape").decode("ascii")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dyad")
@click.option(
    "--kb", "kb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
    help="Your own actor file (JSON Lines, see docs/actor-kb.md); repeatable. "
    f"Also read from ${KB_ENV}.",
)  # fmt: skip
def cli(kb_files: tuple[str, ...]) -> None:
    """dyad: who did what to whom, when and where, from news articles.

    \b
    Examples:
      dyad extract samples/ > articles.jsonl
      dyad ingest samples/ --db dyad.duckdb
      dyad articles --format table
      dyad quotes --speaker Putin
      dyad --kb my-actors.jsonl actor "Vladimir Putin"
    """
    if kb_files:
        # Through the environment, so worker processes load the same knowledge base.
        known = [p for p in os.environ.get(KB_ENV, "").split(os.pathsep) if p]
        os.environ[KB_ENV] = os.pathsep.join([*known, *kb_files])
        default_kb.cache_clear()


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
    help="Output format: one JSON object per article per line.",
)  # fmt: skip
@workers_option
def extract(paths: tuple[str, ...], fmt: str, workers: int | None) -> None:
    """Read articles and print one JSON object per article (stateless).

    PATHS are files or folders (walked recursively) of text/Markdown scrapes, HTML
    (.html, .htm, .html.gz), JSON Lines or WARC; `-` or nothing reads standard input.
    A file that cannot be read gives a line {"source": ..., "error": ...} and the run goes on.
    Exit code: 0 if at least one article was extracted, 1 if none, 2 for usage errors.

    \b
    Examples:
      dyad extract samples/000_94e6e827dd53408d.txt
      cat page.html | dyad extract - | jq .title
      dyad extract big-folder/ --workers 4 > articles.jsonl
    """
    extracted = 0
    out = sys.stdout
    sources = list(paths) or ["-"]
    n, small = pool_plan(workers)
    results = analyse(read_paths(sources), workers=n, in_process_up_to=small)
    with closing(results), progress("extracting", total=expected_articles(sources)) as tick:
        for item in results:
            if isinstance(item, ReadError):
                report_error(item)
                line = item.to_dict()
            else:
                extracted += 1
                report_warnings(item)
                line = item.to_dict()
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            out.flush()
            tick.advance()
    sys.exit(0 if extracted else 1)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@db_option
@click.option("--batch-size", default=200, show_default=True, type=click.IntRange(1),
              help="Articles written per transaction.")  # fmt: skip
@workers_option
@click.option("--parquet", type=click.Path(exists=True, file_okay=False),
              help="Load the Parquet tables of `dyad spark extract` (not PATHS).")  # fmt: skip
def ingest(
    paths: tuple[str, ...], db: str, batch_size: int, workers: int | None, parquet: str | None
) -> None:
    """Read articles into the store; an article already stored is not stored again.

    Each batch is written in one transaction: a run that fails, is interrupted or is
    killed leaves what was stored before untouched, and running it again completes it.
    Unreadable files are reported on standard error and skipped. Worker processes
    analyse; only this process writes, and it holds the store only while a batch is
    written, so `dyad serve` can run on it and another ingest waits for the batch
    (see docs/reliability.md).

    \b
    Examples:
      dyad ingest samples/
      dyad ingest crawl.warc.gz feeds.jsonl --db news.duckdb
      dyad ingest archive/ --workers 4
      dyad ingest --parquet parquet/ --db news.duckdb
    """
    if bool(paths) == bool(parquet):
        raise click.UsageError("give PATHS or --parquet DIR (one of them)")
    counts = IngestCounts()
    n, small = pool_plan(workers)
    total = None if parquet else expected_articles(paths)
    try:
        with (
            Store(db, shared=True, on_wait=warn) as store,
            progress("ingesting", total=total) as tick,
        ):
            if parquet:
                ingest_parquet(store, parquet, counts, batch_size=batch_size, tick=tick)
            else:
                ingest_paths(store, paths, counts, workers=n, in_process_up_to=small,
                             batch_size=batch_size, tick=tick, on_error=report_error,
                             on_article=report_warnings)  # fmt: skip
    except KeyboardInterrupt:
        # the batch being written is rolled back; what was committed before stays
        warn(f"interrupted: {counts.summary(db)}")
        raise
    except DyadError:
        warn(f"stopped: {counts.summary(db)}")
        raise
    warn(counts.summary(db))
    sys.exit(0 if counts.added + counts.already else 1)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--contains", help="Only articles whose title or text contains this text.")
@click.option("--limit", type=click.IntRange(1), help="At most this many articles.")
def articles(db: str, fmt: str, contains: str | None, limit: int | None) -> None:
    """List the stored articles, newest first.

    \b
    Examples:
      dyad articles
      dyad articles --contains Putin --format json
      dyad articles --format csv > articles.csv
    """
    with Store(db, read_only=True) as store:
        rows = list_articles(store, contains=contains, limit=limit)
    for row in rows:
        row["short_id"] = row["id"][:12]
        inferred = row["published"] and row["published_inferred"]
        row["date"] = f"~{row['published']}" if inferred else row["published"]
    render_rows(
        rows, ARTICLE_COLUMNS, fmt, title=f"{len(rows)} articles in {db} (~ date inferred)",
        table_columns=("short_id", "date", "outlet", "title", "authors"),
    )  # fmt: skip


@cli.command()
@click.argument("name")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--on",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date for the current role (default: today).",
)
def actor(name: str, fmt: str, on: object) -> None:
    """Show what dyad knows about an actor: aliases, country, sector, roles over time.

    NAME is resolved like names in text: `Putin`, `Vladimir Putin` and `vladimir-putin`
    mean the same actor.

    \b
    Examples:
      dyad actor Putin
      dyad actor "the Kremlin" --format json
      dyad actor Medvedev --on 2010-01-01
    """
    day = on.date() if hasattr(on, "date") else date.today()
    found = describe_actor(default_kb(), name, on=day)
    if found is None:
        warn(f"error: no actor known as {name!r}")
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
    else:
        click.echo(format_actor_text(found))


@cli.command()
@db_option
@click.option("--speaker", help="Who said it: a name (`Putin`) or an actor id.")
@click.option("--contains", help="Only quotes whose words contain this text.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1), help="At most this many quotes.")
def quotes(db: str, speaker: str | None, contains: str | None, fmt: str, limit: int | None) -> None:
    """List stored quotations with their speakers and articles, oldest first.

    \b
    Examples:
      dyad quotes --speaker Putin
      dyad quotes --contains reset --format json
    """
    ids = query_ids(default_kb(), speaker) if speaker else []
    with Store(db, read_only=True) as store:
        rows = list_quotes(
            store, speaker_ids=ids, speaker_text=speaker, contains=contains, limit=limit
        )
    render_rows(
        rows, QUOTE_COLUMNS, fmt, title=f"{len(rows)} quotes in {db}",
        table_columns=("published", "speaker_name", "kind", "cue", "text", "outlet"),
    )  # fmt: skip


cli.add_command(events)
cli.add_command(timeline)
cli.add_command(relations_command)
cli.add_command(serve)
cli.add_command(export_command)
cli.add_command(spark)


def main() -> None:
    """Entry point: library errors become one line on stderr and exit code 1."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        warn("aborted")
        sys.exit(130)
    except DyadError as exc:
        warn(f"error: {exc}")
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
