"""``dyad events``, ``dyad timeline`` and ``dyad relations``: questions about what happened.

Thin wrappers over :mod:`dyad.store.stories_queries` and :mod:`dyad.stories`, registered on
the main command with ``cli.add_command``. Names are resolved like names in text (``Putin``,
``Vladimir Putin`` and ``vladimir-putin`` mean the same actor); store problems are
:class:`~dyad.errors.DyadError` and become one line on standard error.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from ..actors import default_kb, query_ids
from ..errors import DyadError
from ..model import PLOVER_TYPES
from ..render import FORMATS, render_rows
from ..store import Store
from ..store.stories_queries import EVENT_COLUMNS, list_events
from ..stories.collection import MORE, query_timeline, render_query_text
from ..stories.html import render_html
from ..stories.png import relations_png
from ..stories.relations import RELATION_COLUMNS, relations, resolve_side
from ..stories.svg import relations_svg
from ..stories.timeline import DEFAULT_MAX_ENTRIES, build_timeline_parts, render_text
from ..time.spans import interval
from .options import db_option


class DateBound(click.ParamType):
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``--since`` takes its first day, ``--until``
    its last."""

    name = "date"

    def __init__(self, last: bool = False) -> None:
        self.last = last

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        span = interval(str(value)) if str(value)[:4].isdigit() else None
        if span is None:
            self.fail(f"{value!r} is not a date like 2012, 2012-06 or 2012-06-18", param, ctx)
        return span[1] if self.last else span[0]


def _ids(name: str) -> list[str]:
    return query_ids(default_kb(), name)


def _display_name(name: str) -> str:
    found = default_kb().lookup(name)
    return found[0].name if found else name


@click.command()
@db_option
@click.option("--actor", help="Events in which this actor takes part (either side).")
@click.option("--between", nargs=2, metavar="NAME NAME", help="Events involving both actors.")
@click.option("--type", "event_type", type=click.Choice(PLOVER_TYPES, case_sensitive=False),
              help="Only this PLOVER event type.")  # fmt: skip
@click.option("--since", type=DateBound(), help="On or after this date (2012, 2012-06, ...).")
@click.option("--until", type=DateBound(last=True), help="On or before this date.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1), help="At most this many events.")
def events(
    db: str, actor: str | None, between: tuple[str, str] | None, event_type: str | None,
    since: date | None, until: date | None, fmt: str, limit: int | None,
) -> None:  # fmt: skip
    """List stored event mentions (one per article sentence), oldest first.

    An event without a date of its own is placed at its article's publication date.

    \b
    Examples:
      dyad events --actor Putin
      dyad events --between Obama Putin --type CONSULT --format json
      dyad events --since 2012-06 --until 2012-06-30 --format csv > june.csv
    """
    with Store(db, read_only=True) as store:
        rows = list_events(
            store,
            actor_ids=_ids(actor) if actor else (),
            between=(_ids(between[0]), _ids(between[1])) if between else None,
            event_type=event_type, since=since, until=until, limit=limit,
        )  # fmt: skip
    render_rows(
        rows, EVENT_COLUMNS, fmt, title=f"{len(rows)} events in {db}",
        table_columns=("date", "type", "status", "actors", "recipients", "location", "sentence"),
    )  # fmt: skip


@click.command()
@click.argument("names", nargs=-1)
@click.option("--query", help="Instead of names: a timeline of the articles naming these "
              "keywords, days chosen by the learned date ranker.")  # fmt: skip
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True,
              help="text for a terminal, json for scripts, html to share.")  # fmt: skip
@click.option("--max-entries", default=DEFAULT_MAX_ENTRIES, show_default=True,
              type=click.IntRange(0), help="Show at most this many entries (with --query: "
              "days), those on the dates the date ranker rates highest (0: keep all).")  # fmt: skip
def timeline(
    names: tuple[str, ...], query: str | None, db: str, fmt: str, max_entries: int
) -> None:
    """The fused, dated story of one actor, or between two: one entry per real-world event.

    Each entry is one event however many articles reported it, with its date, status
    (occurred, planned, cancelled, ...), place, a one-sentence summary and every source.
    With two names, only events in which both take part (on either side). With more
    entries than --max-entries, the dates that matter are kept (a date ranker learned on
    Timeline17, see docs/stories.md); the HTML page folds the others below.

    With --query instead of names: a timeline of the articles naming the keywords, the
    days the date ranker rates highest, each with its most central sentences.

    \b
    Examples:
      dyad timeline "Barack Obama" "Vladimir Putin"
      dyad timeline Putin Obama --format json | jq '.[].date'
      dyad timeline Putin --format html > putin.html
      dyad timeline --query "oil spill" --max-entries 10
    """
    if query is not None:
        _query_timeline(query, names, db, fmt, max_entries)
        return
    if not names or len(names) > 2:
        raise click.UsageError("give one or two names, or --query KEYWORDS")
    sides = [_ids(name) for name in names]
    with Store(db, read_only=True) as store:
        entries, rest = build_timeline_parts(store, sides, max_entries=max_entries or None)
    if not entries:
        unknown = [n for n in names if not default_kb().lookup(n)]
        if unknown:  # say why the story is empty when a name means no known actor
            click.echo(f"dyad: no actor known as {', '.join(map(repr, unknown))}", err=True)
    title = " and ".join(_display_name(n) for n in names)
    if fmt == "json":
        click.echo(json.dumps(entries, ensure_ascii=False, indent=1))
    elif fmt == "html":
        subtitle = f"A timeline of {len(entries)} events, fused across news reports"
        click.echo(render_html(entries, title, subtitle, rest), nl=False)
    else:
        click.echo(render_text(entries, f"Timeline: {title}"))


def _query_timeline(query: str, names: tuple[str, ...], db: str, fmt: str, k: int) -> None:
    if names:
        raise click.UsageError("give names or --query, not both")
    if not query.strip():
        raise click.BadParameter("the query is empty", param_hint="--query")
    more = MORE * (k or DEFAULT_MAX_ENTRIES) if fmt == "html" else 0
    with Store(db, read_only=True) as store:
        days = query_timeline(store, query, k or 10**6, more)
    chosen = [d for d in days if d["chosen"]]
    if fmt == "json":
        click.echo(json.dumps(chosen, ensure_ascii=False, indent=1))
    elif fmt == "html":
        rest = [d for d in days if not d["chosen"]]
        subtitle = f"The {len(chosen)} days that matter most in the articles naming {query!r}"
        click.echo(render_html(chosen, f"Timeline: {query}", subtitle, rest), nl=False)
    else:
        click.echo(render_query_text(chosen, f"Timeline: {query}"))


@click.command(name="relations")
@click.argument("side_a", metavar="A")
@click.argument("side_b", metavar="B")
@db_option
@click.option("--by", type=click.Choice(["month", "year"]), default="month", show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--plot", type=click.Path(dir_okay=False), help="Also draw a chart (.svg or .png).")
def relations_command(
    side_a: str, side_b: str, db: str, by: str, fmt: str, plot: str | None
) -> None:
    """Cooperation and conflict between two sides per period, with a Goldstein-style score.

    A and B are actors or countries: "Russia" counts every actor of Russia (the Kremlin,
    Putin, ministers). Only events that occurred are counted; the score is the mean
    Goldstein (1992) weight of the period's events (-10 conflict .. +10 cooperation).

    \b
    Examples:
      dyad relations Russia "United States"
      dyad relations Obama Putin --by year --plot obama-putin.svg
      dyad relations Russia Ukraine --plot russia-ukraine.png
    """
    if plot and Path(plot).suffix.lower() not in (".svg", ".png"):
        raise click.BadParameter("the plot is a .svg or a .png file", param_hint="--plot")
    kb = default_kb()
    a, b = resolve_side(kb, side_a), resolve_side(kb, side_b)
    with Store(db, read_only=True) as store:
        rows = relations(store, kb, a, b, by=by)
    render_rows(rows, RELATION_COLUMNS, fmt, title=f"{a.label} – {b.label}, by {by}")
    if plot:
        try:
            title = f"{a.label} – {b.label}"
            if Path(plot).suffix.lower() == ".png":
                relations_png(rows, title, Path(plot))
            else:
                Path(plot).write_text(relations_svg(rows, title), encoding="utf-8")
        except OSError as exc:
            raise DyadError(f"{plot}: cannot write the plot: {exc.strerror}") from exc
