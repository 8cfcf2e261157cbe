"""Read-only questions about events and fused events, for ``dyad events``, ``timeline`` and
``relations`` (and later the web interface).

Functions take a :class:`~dyad.store.store.Store` and return plain rows (dicts). Actors are
matched by knowledge-base id (the caller resolves names with
:func:`~dyad.actors.query_ids`); date filters compare date *intervals*, so ``--since 2012-06``
keeps an event dated ``2012`` (it may lie in June) and an undated mention is placed at its
article's publication date.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..time.spans import interval
from .queries import fetch_rows
from .store import Store

EVENT_COLUMNS = (
    "date", "type", "status", "actors", "recipients", "location", "trigger", "sentence",
    "published", "outlet", "title", "article_id", "idx", "cameo", "mode", "date_text", "fused_id",
)  # fmt: skip
_IDS = "list_concat(json_extract_string({0}.actors, '$[*].id'), json_extract_string({0}.recipients, '$[*].id'))"  # noqa: E501


def _has_any(alias: str, param: int) -> str:
    return f"list_has_any({_IDS.format(alias)}, ${param}::VARCHAR[])"


def list_events(
    store: Store,
    *,
    actor_ids: Sequence[str] = (),
    between: tuple[Sequence[str], Sequence[str]] | None = None,
    event_type: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored event mentions, oldest first, with their sentence and article."""
    clauses: list[str] = []
    params: list[Any] = []
    if actor_ids:
        params.append(list(actor_ids))
        clauses.append(_has_any("e", len(params)))
    if between:
        for side in between:
            params.append(list(side))
            clauses.append(_has_any("e", len(params)))
    if event_type:
        params.append(event_type.upper())
        clauses.append(f"e.type = ${len(params)}")
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = (
        "SELECT e.article_id, e.idx, e.type, e.status, e.actors, e.recipients, e.date_value, "
        "e.date_text, e.location, e.trigger, e.cameo, e.mode, e.fused_id, a.published, a.outlet, "
        "a.title, substring(a.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence "
        f"FROM events e JOIN articles a ON a.id = e.article_id {where} "
        "ORDER BY coalesce(e.date_value, strftime(a.published, '%Y-%m-%d')) NULLS LAST, "
        "a.id, e.idx"
    )
    rows = [_event_row(r) for r in fetch_rows(store, sql, params)]
    rows = [r for r in rows if _within(r, since, until)]
    return rows[:limit] if limit is not None else rows


def _event_row(row: dict[str, Any]) -> dict[str, Any]:
    row["actors"] = [r["name"] for r in json.loads(row["actors"])]
    row["recipients"] = [r["name"] for r in json.loads(row["recipients"])]
    loc = json.loads(row["location"]) if row["location"] else None
    row["location"] = (loc.get("name") or loc.get("country")) if loc else None
    row["date"] = row.pop("date_value") or None
    row["sentence"] = " ".join((row["sentence"] or "").split())
    return row


def _within(row: dict[str, Any], since: date | None, until: date | None) -> bool:
    if since is None and until is None:
        return True
    span = interval(row["date"]) or interval(row["published"])
    if span is None:
        return False
    return (since is None or span[1] >= since) and (until is None or span[0] <= until)


def fused_events(
    store: Store, sides: Sequence[Sequence[str]], *, statuses: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Fused events in which someone of every side takes part, oldest first."""
    clauses: list[str] = []
    params: list[Any] = []
    for side in sides:
        params.append(list(side))
        clauses.append(f"list_has_any(f.participants, ${len(params)}::VARCHAR[])")
    if statuses:
        params.append(list(statuses))
        clauses.append(f"list_contains(${len(params)}::VARCHAR[], f.status)")
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = (
        "SELECT id, type, status, date_value, date_inferred, date_lo, date_hi, location, actors, "
        "recipients, summary, n_sources, n_mentions, participants, first_reported "
        f"FROM fused_events f {where} ORDER BY date_lo NULLS LAST, first_reported, id"
    )
    rows = fetch_rows(store, sql, params)
    for row in rows:
        for key in ("location", "actors", "recipients"):
            row[key] = json.loads(row[key]) if row[key] else None
    return rows


def fused_sources(store: Store, fused_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every mention of these fused events with its article and sentence, in report order."""
    sql = (
        "SELECT e.fused_id, e.article_id, e.idx, e.date_value, e.status, a.title, a.outlet, "
        "a.published, a.published_inferred, a.url, "
        "substring(a.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.fused_id IN (SELECT unnest($1)) ORDER BY a.published NULLS LAST, a.id, e.idx"
    )
    rows = fetch_rows(store, sql, [list(fused_ids)])
    for row in rows:
        row["sentence"] = " ".join((row["sentence"] or "").split())
    return rows


def article_texts(
    store: Store, article_ids: Sequence[str] | None = None, terms: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Dated articles (id, published, title, outlet, url, text), oldest first: these ids, or
    those whose title or text contains one of ``terms`` (case-insensitive), or all."""
    where = ["published IS NOT NULL"]
    params: list[Any] = []
    if article_ids is not None:
        params.append(list(article_ids))
        where.append(f"id IN (SELECT unnest(${len(params)}::VARCHAR[]))")
    if terms:
        ors = []
        for term in terms:
            params.append(f"%{term}%")
            ors.append(f"text ILIKE ${len(params)} OR title ILIKE ${len(params)}")
        where.append(f"({' OR '.join(ors)})")
    sql = (
        "SELECT id, published, title, outlet, url, text FROM articles "
        f"WHERE {' AND '.join(where)} ORDER BY published, id"
    )
    return fetch_rows(store, sql, params)


def day_timexes(store: Store, article_ids: Sequence[str]) -> list[tuple[str, int, str]]:
    """(article id, start offset, YYYY-MM-DD) of every day-precision time expression."""
    rows = store.con.execute(
        "SELECT article_id, start, left(value, 10) FROM timexes "
        "WHERE article_id IN (SELECT unnest($1::VARCHAR[])) "
        "AND regexp_matches(value, '^\\d{4}-\\d\\d-\\d\\d') ORDER BY article_id, start",
        [list(article_ids)],
    ).fetchall()
    return [(str(a), int(s), str(v)) for a, s, v in rows]
