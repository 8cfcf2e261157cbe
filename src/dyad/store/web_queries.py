"""Read-only questions the web interface asks that the CLI does not: store statistics, one
article with everything found in it, entities by name, an actor's counterparts and articles.

Like :mod:`dyad.store.queries` and :mod:`dyad.store.stories_queries`, each function takes a
:class:`~dyad.store.store.Store` (whose ``con`` may be a per-request cursor) and returns plain
rows (dicts, dates as ISO strings); no SQL lives in the web views.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .queries import fetch_rows
from .store import Store

_PARTICIPANT_IDS = (
    "list_concat(json_extract_string(e.actors, '$[*].id'), "
    "json_extract_string(e.recipients, '$[*].id'))"
)


def store_stats(store: Store) -> dict[str, Any]:
    """How much the store holds: counts per table and the range of publication dates."""
    row = store.con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM entities), "
        "(SELECT count(*) FROM quotes), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM fused_events), (SELECT min(published) FROM articles), "
        "(SELECT max(published) FROM articles)"
    ).fetchone()
    assert row is not None
    keys = ("articles", "entities", "quotes", "events", "fused_events", "first", "last")
    stats = dict(zip(keys, row, strict=True))
    for key in ("first", "last"):
        stats[key] = stats[key].isoformat() if stats[key] else None
    return stats


def find_article_id(store: Store, ident: str) -> str | None:
    """The full id of the article whose id is ``ident`` or starts with it (8+ hex chars)."""
    ident = ident.strip().lower()
    if len(ident) < 8 or not all(c in "0123456789abcdef" for c in ident):
        return None
    rows = store.con.execute(
        "SELECT id FROM articles WHERE starts_with(id, $1) ORDER BY id LIMIT 2", [ident]
    ).fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article with its sources, entities (with mentions), quotes, timexes and events."""
    found = fetch_rows(
        store,
        "SELECT id, source, title, authors, published, published_inferred, url, outlet, text, "
        "n_chars FROM articles WHERE id = $1",
        [article_id],
    )
    if not found:
        return None
    article = found[0]
    article["sources"] = [
        r["source"]
        for r in fetch_rows(
            store,
            "SELECT source FROM article_sources WHERE article_id = $1 ORDER BY source",
            [article_id],
        )
    ]
    article["entities"] = _article_entities(store, article_id)
    article["quotes"] = fetch_rows(
        store,
        'SELECT idx, text, start, "end", kind, cue, speaker_id, speaker_name, content_start, '
        "content_end FROM quotes WHERE article_id = $1 ORDER BY start",
        [article_id],
    )
    article["timexes"] = fetch_rows(
        store,
        'SELECT idx, text, start, "end", type, value FROM timexes WHERE article_id = $1 '
        "ORDER BY start",
        [article_id],
    )
    article["events"] = _article_events(store, article_id)
    return article


def _article_entities(store: Store, article_id: str) -> list[dict[str, Any]]:
    entities = fetch_rows(
        store,
        "SELECT idx, entity_id AS id, name, type, country, role FROM entities "
        "WHERE article_id = $1 ORDER BY idx",
        [article_id],
    )
    spans: dict[int, list[list[int]]] = {e["idx"]: [] for e in entities}
    for idx, start, end in store.con.execute(
        'SELECT entity_idx, start, "end" FROM mentions WHERE article_id = $1 ORDER BY start',
        [article_id],
    ).fetchall():
        spans.setdefault(int(idx), []).append([int(start), int(end)])
    for entity in entities:
        entity["mentions"] = spans.get(entity["idx"], [])
    return entities


def _article_events(store: Store, article_id: str) -> list[dict[str, Any]]:
    events = fetch_rows(
        store,
        "SELECT idx, type, mode, cameo, actors, recipients, date_value, date_text, location, "
        "status, trigger, sent_start, sent_end, fused_id FROM events WHERE article_id = $1 "
        "ORDER BY sent_start, idx",
        [article_id],
    )
    for event in events:
        for key in ("actors", "recipients", "location"):
            event[key] = json.loads(event[key]) if event[key] else None
    return events


def search_entities(
    store: Store, text: str, *, limit: int = 20, offset: int = 0
) -> list[dict[str, Any]]:
    """Entities found in stored articles whose name contains ``text``, most-reported first."""
    return fetch_rows(
        store,
        "SELECT entity_id AS id, any_value(name) AS name, any_value(type) AS type, "
        "any_value(country) AS country, count(DISTINCT article_id) AS articles "
        "FROM entities WHERE name ILIKE $1 GROUP BY entity_id, CASE WHEN entity_id IS NULL "
        "THEN name END ORDER BY articles DESC, name LIMIT $2 OFFSET $3",
        [f"%{text}%", int(limit), int(offset)],
    )


def entity_name(store: Store, ids: Sequence[str]) -> str | None:
    """The name most often stored for these entity ids (for actors the KB does not know)."""
    row = store.con.execute(
        "SELECT name FROM entities WHERE entity_id IN (SELECT unnest($1)) "
        "GROUP BY name ORDER BY count(*) DESC, name LIMIT 1",
        [list(ids)],
    ).fetchone()
    return str(row[0]) if row else None


def counterparts(store: Store, ids: Sequence[str], *, limit: int = 10) -> list[dict[str, Any]]:
    """Who most often takes part in event mentions with these actors (other participants)."""
    return fetch_rows(
        store,
        "WITH ev AS (SELECT e.article_id, e.idx, unnest(e.actors::JSON[] || e.recipients::JSON[]) "
        f"AS p FROM events e WHERE list_has_any({_PARTICIPANT_IDS}, $1::VARCHAR[])) "
        "SELECT p->>'id' AS id, any_value(p->>'name') AS name, count(DISTINCT (article_id, idx)) "
        "AS events, count(DISTINCT article_id) AS articles FROM ev "
        "WHERE p->>'id' IS NOT NULL AND NOT list_contains($1::VARCHAR[], p->>'id') "
        "GROUP BY 1 ORDER BY events DESC, name LIMIT $2",
        [list(ids), int(limit)],
    )


def actor_articles(
    store: Store, ids: Sequence[str], *, limit: int = 20, offset: int = 0
) -> list[dict[str, Any]]:
    """Articles that mention these actors, with how often, newest first."""
    return fetch_rows(
        store,
        "SELECT a.id, a.title, a.outlet, a.published, count(m.start) AS mentions "
        "FROM entities en JOIN articles a ON a.id = en.article_id "
        "LEFT JOIN mentions m ON m.article_id = en.article_id AND m.entity_idx = en.idx "
        "WHERE en.entity_id IN (SELECT unnest($1)) GROUP BY a.id, a.title, a.outlet, "
        "a.published ORDER BY a.published DESC NULLS LAST, a.id LIMIT $2 OFFSET $3",
        [list(ids), int(limit), int(offset)],
    )
