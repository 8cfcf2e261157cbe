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
from .fusing import pair_key
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


LOOKUP_LIMIT = 1000  # up to this many fused ids are fetched through the primary-key index


def fused_ids(store: Store, sides: Sequence[Sequence[str]]) -> list[str]:
    """Ids of the fused events in which someone of every side takes part, from the
    ``fused_pairs`` lookup table for two sides without a common id (the pair's rows, through
    its index), else from ``fused_participants`` (every row of each side's actors)."""
    if any(not side for side in sides):
        return []
    if len(sides) == 2 and not set(sides[0]) & set(sides[1]):
        return _pair_fused_ids(store, sides[0], sides[1])
    parts: list[str] = []
    params: list[str] = []
    for side in sides:
        marks = ", ".join(f"${len(params) + i + 1}" for i in range(len(side)))
        params.extend(side)
        parts.append(f"SELECT fused_id FROM fused_participants WHERE actor_id IN ({marks})")
    rows = store.con.execute(" INTERSECT ".join(parts), params).fetchall()
    return sorted(str(r[0]) for r in rows)


def _pair_fused_ids(store: Store, side_a: Sequence[str], side_b: Sequence[str]) -> list[str]:
    # one equality a pair: DuckDB answers `pair = $1` through the index, not `pair IN (...)`
    keys = sorted({pair_key(a, b) for a in side_a for b in side_b})
    sql = " UNION ".join(
        f"SELECT fused_id FROM fused_pairs WHERE pair = ${i + 1}" for i in range(len(keys))
    )
    return sorted(str(r[0]) for r in store.con.execute(sql, keys).fetchall())


def _id_filter(column: str, ids: Sequence[str], first: int) -> tuple[str, list[Any]]:
    """``column IN (...)``: a literal parameter list, which DuckDB answers by an index scan,
    for a few ids; a join against the list for many (one scan beats thousands of lookups)."""
    if len(ids) <= LOOKUP_LIMIT:
        marks = ", ".join(f"${first + i}" for i in range(len(ids)))
        return f"{column} IN ({marks})", list(ids)
    return f"{column} IN (SELECT unnest(${first}::VARCHAR[]))", [list(ids)]


def fused_events(
    store: Store, sides: Sequence[Sequence[str]], *, statuses: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Fused events in which someone of every side takes part, oldest first."""
    clauses: list[str] = []
    params: list[Any] = []
    if sides:
        ids = fused_ids(store, sides)
        if not ids:
            return []
        clause, params = _id_filter("f.id", ids, 1)
        clauses.append(clause)
    if statuses:
        params.append(list(statuses))
        clauses.append(f"list_contains(${len(params)}::VARCHAR[], f.status)")
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = (
        # only what timelines and relations read: each column costs a fetch per row looked up
        "SELECT id, type, status, date_value, date_inferred, location, actors, recipients, "
        "summary, n_mentions "
        f"FROM fused_events f {where} ORDER BY date_lo NULLS LAST, first_reported, id"
    )
    rows = fetch_rows(store, sql, params)
    for row in rows:
        for key in ("location", "actors", "recipients"):
            row[key] = json.loads(row[key]) if row[key] else None
    return rows


def fused_sources(store: Store, fused_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every mention of these fused events with its article and sentence, in report order."""
    return fused_sources_and_articles(store, fused_ids)[0]


def fused_sources_and_articles(
    store: Store, fused_ids: Sequence[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """:func:`fused_sources`, and the dated articles of those mentions in the shape of
    :func:`article_texts` (oldest first), read once for both.

    Two queries: the mentions (by the ``events.fused_id`` index), then only their articles
    (by primary key), rather than a join that reads the whole articles table."""
    if not fused_ids:
        return [], []
    clause, params = _id_filter("fused_id", fused_ids, 1)
    mentions = fetch_rows(
        store,
        "SELECT fused_id, article_id, idx, date_value, status, sent_start, sent_end "
        f"FROM events WHERE {clause}",
        params,
    )
    article_ids = sorted({m["article_id"] for m in mentions})
    clause, params = _id_filter("id", article_ids, 1)
    articles = {
        a["id"]: a
        for a in fetch_rows(
            store,
            "SELECT id, title, outlet, published, published_inferred, url, text "
            f"FROM articles WHERE {clause}",
            params,
        )
    }
    rows = []
    for m in mentions:
        a = articles.get(m["article_id"])
        if a is None:
            continue
        text = a["text"][m["sent_start"] : m["sent_end"]] if m["sent_end"] > m["sent_start"] else ""
        rows.append(
            {"fused_id": m["fused_id"], "article_id": m["article_id"], "idx": m["idx"],
             "date_value": m["date_value"], "status": m["status"], "title": a["title"],
             "outlet": a["outlet"], "published": a["published"],
             "published_inferred": a["published_inferred"], "url": a["url"],
             "sentence": " ".join(text.split())}
        )  # fmt: skip
    rows.sort(key=_report_order)
    dated = sorted(
        ({k: a[k] for k in ("id", "published", "title", "outlet", "url", "text")}
         for a in articles.values() if a["published"] is not None),
        key=lambda a: (a["published"], a["id"]),
    )  # fmt: skip
    return rows, dated


def _report_order(row: dict[str, Any]) -> tuple[bool, str, str, int]:
    """ORDER BY published NULLS LAST, article id, mention index (dates are ISO strings)."""
    return (row["published"] is None, row["published"] or "", row["article_id"], row["idx"])


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


def sentence_marks(
    store: Store, article_ids: Sequence[str]
) -> tuple[list[tuple[str, int, str, str, str | None]], list[tuple[str, int, int]]]:
    """What the date ranker reads off each sentence: (article id, sentence start, type,
    status, YYYY-MM-DD or None) of every event mention, and (article id, start, end) of every
    quotation."""
    ids = [list(article_ids)]
    events = store.con.execute(
        "SELECT article_id, sent_start, type, status, "
        "CASE WHEN regexp_matches(date_value, '^\\d{4}-\\d\\d-\\d\\d') "
        "THEN left(date_value, 10) END FROM events "
        "WHERE article_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY article_id, sent_start",
        ids,
    ).fetchall()
    quotes = store.con.execute(
        'SELECT article_id, start, "end" FROM quotes '
        "WHERE article_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY article_id, start",
        ids,
    ).fetchall()
    return (
        [(str(a), int(s), str(t), str(st), v) for a, s, t, st, v in events],
        [(str(a), int(s), int(e)) for a, s, e in quotes],
    )
