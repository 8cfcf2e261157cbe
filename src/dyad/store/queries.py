"""Read-only questions over the store, shared by the CLI and (later) the web interface.

Each function takes a :class:`~dyad.store.store.Store` and returns plain rows (dicts) so a
caller can render them as a table, JSON or CSV; no SQL lives outside this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from .store import Store

ARTICLE_COLUMNS = (
    "id", "published", "published_inferred", "outlet", "title", "authors", "url", "n_chars",
    "source",
)  # fmt: skip


def list_articles(
    store: Store, *, contains: str | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Stored articles, newest first (undated last), optionally whose title or text has a word."""
    where, params = "", []
    if contains:
        where = "WHERE title ILIKE $1 OR text ILIKE $1"
        params.append(f"%{contains}%")
    sql = (
        f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles {where} "
        "ORDER BY published DESC NULLS LAST, title, id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return fetch_rows(store, sql, params)


def count_articles(store: Store) -> int:
    row = store.con.execute("SELECT count(*) FROM articles").fetchone()
    return int(row[0]) if row else 0


QUOTE_COLUMNS = (
    "speaker_name", "speaker_id", "kind", "cue", "text", "published", "outlet", "title",
    "article_id", "start", "end",
)  # fmt: skip


def list_quotes(
    store: Store,
    *,
    speaker_ids: Sequence[str] = (),
    speaker_text: str | None = None,
    contains: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stored quotations with their article, oldest first.

    A speaker matches by id (``speaker_ids``, from the knowledge base) or, for speakers the
    knowledge base does not know, by ``speaker_text`` inside the speaker's name.
    """
    clauses, params = [], []
    if speaker_ids or speaker_text:
        params += [list(speaker_ids), f"%{speaker_text or ''}%"]
        clauses.append(
            f"(q.speaker_id IN (SELECT unnest(${len(params) - 1})) "
            f"OR q.speaker_name ILIKE ${len(params)})"
        )
    if contains:
        params.append(f"%{contains}%")
        clauses.append(f"q.text ILIKE ${len(params)}")
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = (
        "SELECT q.speaker_name, q.speaker_id, q.kind, q.cue, q.text, a.published, a.outlet, "
        'a.title, q.article_id, q.start, q."end" FROM quotes q JOIN articles a '
        f"ON a.id = q.article_id {where} ORDER BY a.published NULLS LAST, a.id, q.start"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return fetch_rows(store, sql, params)


def fetch_rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Run a query; each row a dict, dates as ISO strings (ready for JSON)."""
    cursor = store.con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    out = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in out:
        for key, value in row.items():
            if isinstance(value, date):
                row[key] = value.isoformat()
    return out
