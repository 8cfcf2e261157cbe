"""CSV and JSON downloads of the listing pages: the rows the page's filters pick, all of them.

``/download/{listing}.{csv|json}`` takes the page's own query parameters (the CLI's names) and
returns every matching row, not one page (``limit``/``offset`` are ignored), up to
:data:`MAX_ROWS`. JSON is a list of row objects (the CLI's ``--format json``), CSV the CLI's
``--format csv`` with a header line (lists joined with ``; ``). Listings: ``articles``,
``quotes``, ``events`` and ``timeline`` (``a`` and optional ``b``: the pair page's story).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from ..actors import ActorKB, query_ids
from ..render import render_rows
from ..store import Store, list_articles, list_quotes
from ..store.queries import ARTICLE_COLUMNS, QUOTE_COLUMNS
from ..store.stories_queries import EVENT_COLUMNS, list_events
from ..stories.timeline import DEFAULT_MAX_ENTRIES, build_timeline_parts
from . import params as p
from .backend import Backend
from .data import event_filters
from .params import NotFound

MAX_ROWS = 100_000
TIMELINE_COLUMNS = (
    "id", "date", "date_inferred", "type", "status", "actors", "recipients", "location",
    "summary", "key_sentence", "n_mentions", "n_sources", "articles", "chosen",
)  # fmt: skip
Rows = tuple[list[dict[str, Any]], tuple[str, ...]]


def _articles(store: Store, kb: ActorKB, q: QueryParams) -> Rows:
    return list_articles(store, contains=p.text(q, "q"), limit=MAX_ROWS), ARTICLE_COLUMNS


def _quotes(store: Store, kb: ActorKB, q: QueryParams) -> Rows:
    speaker = p.text(q, "speaker")
    rows = list_quotes(
        store,
        speaker_ids=query_ids(kb, speaker) if speaker else (),
        speaker_text=speaker,
        contains=p.text(q, "contains"),
        limit=MAX_ROWS,
    )
    return rows, QUOTE_COLUMNS


def _events(store: Store, kb: ActorKB, q: QueryParams) -> Rows:
    rows = list_events(store, **event_filters(kb, q), limit=MAX_ROWS)
    return rows, EVENT_COLUMNS


def _timeline(store: Store, kb: ActorKB, q: QueryParams) -> Rows:
    a, b = p.text(q, "a", required=True), p.text(q, "b")
    max_entries = p.integer(q, "max_entries", DEFAULT_MAX_ENTRIES, 0, p.MAX_LIMIT)
    sides = [query_ids(kb, n) for n in (a, b) if n]
    chosen, more = build_timeline_parts(store, sides, max_entries=max_entries or None)
    entries = chosen + more  # as the pair page: the chosen, then those it folds away
    for i, entry in enumerate(entries):  # flat cells for CSV; JSON keeps the nested sources too
        entry["chosen"] = i < len(chosen)
        entry["n_sources"] = len(entry["sources"])
        entry["articles"] = sorted({s["article"] for s in entry["sources"]})
    return entries, TIMELINE_COLUMNS


LISTINGS: dict[str, Callable[[Store, ActorKB, QueryParams], Rows]] = {
    "articles": _articles,
    "quotes": _quotes,
    "events": _events,
    "timeline": _timeline,
}


def _flat(value: Any) -> Any:
    """Actor lists as names and places as text, for CSV cells."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [v.get("name") or v.get("id") for v in value]
    if isinstance(value, dict):
        return ", ".join(str(v) for v in (value.get("name"), value.get("country")) if v)
    return value


def body(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n"
    out = io.StringIO()
    flat = [{c: _flat(r.get(c)) for c in columns} for r in rows]
    render_rows(flat, columns, "csv", out=out)
    return out.getvalue()


def download_endpoint(backend: Backend) -> Callable[[Request], Response]:
    def download(request: Request) -> Response:
        listing, fmt = request.path_params["listing"], request.path_params["fmt"]
        if listing not in LISTINGS or fmt not in ("csv", "json"):
            raise NotFound(f"no download {listing}.{fmt} (csv or json of {', '.join(LISTINGS)})")
        with backend.view() as store:
            rows, columns = LISTINGS[listing](store, backend.kb, request.query_params)
        media = "application/json" if fmt == "json" else "text/csv; charset=utf-8"
        disposition = f'attachment; filename="dyad-{listing}.{fmt}"'
        return Response(
            body(rows, columns, fmt), media_type=media,
            headers={"content-disposition": disposition},
        )  # fmt: skip

    return download
