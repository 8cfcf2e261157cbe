"""Read-only questions over the store, shared by the CLI and (later) the web interface.

Each function takes a :class:`~dyad.store.store.Store` and returns plain rows (dicts) so a
caller can render them as a table, JSON or CSV; no SQL lives outside this module.
"""

from __future__ import annotations

from typing import Any

from .store import Store

ARTICLE_COLUMNS = ("id", "published", "outlet", "title", "authors", "url", "n_chars", "source")


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
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        if row["published"] is not None:
            row["published"] = row["published"].isoformat()
    return rows


def count_articles(store: Store) -> int:
    row = store.con.execute("SELECT count(*) FROM articles").fetchone()
    return int(row[0]) if row else 0
