"""Fusion inside the store's write transaction: new event mentions join fused events.

:func:`fuse_articles` runs in :meth:`~dyad.store.store.Store.add` after the batch's rows are
inserted, on the same connection and transaction. It turns the batch's events into
:class:`~dyad.stories.fusion.Mention` records, loads only the fused events of their blocks
(participants + family) whose days overlap theirs (:func:`load_candidates`), fuses with
:func:`~dyad.stories.fusion.fuse` and writes back the fused events it touched. Undated mentions
of undated articles wait in ``pending_mentions`` (each as a one-mention fused event) until a
dated report in their block lets :func:`~dyad.stories.undated.infer_published` date the
article; then its time expressions are resolved again and its mentions fused.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import combinations
from typing import Any

import duckdb

from ..model import Article
from ..stories.fusion import Fused, Mention, fuse
from ..stories.summary import describe
from ..stories.undated import date_clues, infer_published
from ..time.spans import contract_value

FUSED_COLUMNS = [
    "id",
    "type",
    "status",
    "date_value",
    "location",
    "actors",
    "recipients",
    "summary",
    "n_sources",
    "family",
    "block_key",
    "participants",
    "date_lo",
    "date_hi",
    "date_inferred",
    "best_value",
    "occurred_report",
    "plan_status",
    "plan_report",
    "weak_status",
    "places",
    "articles",
    "n_mentions",
    "first_reported",
]
# what :func:`load_fused` reads back: the running aggregates, not the columns derived from them
LOADED_COLUMNS = [
    "id", "type", "block_key", "actors", "recipients", "date_lo", "date_hi", "best_value",
    "occurred_report", "plan_status", "plan_report", "weak_status", "places", "articles",
    "n_mentions", "first_reported",
]  # fmt: skip
MENTION_SQL = (
    "SELECT e.article_id, e.idx, e.type, e.status, e.actors, e.recipients, e.date_value, "
    "e.location, a.published FROM events e JOIN articles a ON a.id = e.article_id "
)


def insert_columns(con: duckdb.DuckDBPyConnection, table: str, cols: dict[str, list[Any]]) -> None:
    """Insert rows given as columns, in one statement."""
    if not cols or not next(iter(cols.values())):
        return
    names = ", ".join(f'"{c}"' for c in cols)
    values = ", ".join(f"unnest(${i + 1})" for i in range(len(cols)))
    con.execute(f"INSERT INTO {table} ({names}) SELECT {values}", list(cols.values()))


def _refs(refs: Iterable[dict[str, Any]], names: dict[str, str]) -> tuple[str, ...]:
    ids = []
    for ref in refs:
        if ref.get("id"):
            ids.append(ref["id"])
            names.setdefault(ref["id"], ref.get("name") or ref["id"])
    return tuple(ids)


def mention(article_id: str, idx: int, row: dict[str, Any], published: Any) -> Mention:
    """A mention from an event's JSON-shaped fields and its article's publication date."""
    names: dict[str, str] = {}
    return Mention(
        article_id=article_id,
        idx=idx,
        type=row["type"],
        status=row["status"],
        actors=_refs(row["actors"], names),
        recipients=_refs(row["recipients"], names),
        date_value=(row.get("date") or {}).get("value"),
        location=row.get("location"),
        published=_date(published),
        names=names,
    )


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _load_mentions(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> list[Mention]:
    rows = con.execute(MENTION_SQL + where, params).fetchall()
    return [
        mention(aid, idx, {"type": t, "status": st, "actors": json.loads(ac),
                           "recipients": json.loads(rc), "date": {"value": dv},
                           "location": json.loads(loc) if loc else None}, pub)
        for aid, idx, t, st, ac, rc, dv, loc, pub in rows
    ]  # fmt: skip


# -- fused events: load and save --------------------------------------------------------------
def _fused_from_row(row: dict[str, Any]) -> Fused:
    actors = {r["id"]: r["name"] for r in json.loads(row["actors"])}
    recipients = {r["id"]: r["name"] for r in json.loads(row["recipients"])}
    return Fused(
        id=row["id"], type=row["type"], key=row["block_key"], actors=actors,
        recipients=recipients, lo=row["date_lo"], hi=row["date_hi"], best=row["best_value"],
        occurred_report=row["occurred_report"], plan_status=row["plan_status"],
        plan_report=row["plan_report"], weak_status=row["weak_status"],
        places=json.loads(row["places"]) if row["places"] else {},
        articles=list(row["articles"] or []), n_mentions=row["n_mentions"] or 0,
        first_reported=row["first_reported"],
    )  # fmt: skip


def load_fused(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> list[Fused]:
    cols = ", ".join(f'f."{c}"' for c in LOADED_COLUMNS)
    # in id order: fuse() breaks ties between equally good candidates by their order
    cursor = con.execute(f"SELECT {cols} FROM fused_events f {where} ORDER BY f.id", params)
    names = [d[0] for d in cursor.description]
    return [_fused_from_row(dict(zip(names, r, strict=True))) for r in cursor.fetchall()]


def _fused_row(f: Fused) -> list[Any]:
    people = [{"id": i, "name": n} for i, n in f.actors.items()]
    targets = [{"id": i, "name": n} for i, n in f.recipients.items()]
    status, loc = f.status, f.location
    summary = describe(f.type, status, list(f.actors.values()), list(f.recipients.values()), loc)
    return [
        f.id, f.type, status, f.date_value, json.dumps(loc) if loc else None,
        json.dumps(people), json.dumps(targets), summary, len(f.articles),
        (f.key or ":").split(":")[0], f.key, f.participants, f.lo, f.hi, not f.dated,
        f.best, f.occurred_report, f.plan_status, f.plan_report, f.weak_status,
        json.dumps(f.places), list(f.articles), f.n_mentions, f.first_reported,
    ]  # fmt: skip


def save_fused(
    con: duckdb.DuckDBPyConnection,
    fused: Sequence[Fused],
    known: dict[str, set[str]],
    stored: tuple[date, date] | None = None,
) -> None:
    """Replace the rows of these fused events; add the participants (and pairs of them) not
    ``known`` (those stored before, by fused id: a fused event never loses one).

    ``stored``: the earliest ``date_lo`` and latest ``date_hi`` of those of them already in
    the store (those in ``known``; the others are new: their ids come from mentions never
    fused before). The delete then names that window, which lets DuckDB skip the row groups
    of other years (zone maps) instead of scanning every fused event.
    """
    if not fused:
        return
    ids = [f.id for f in fused]
    if known and stored is None:  # stored rows, but no window for them: scan
        con.execute("DELETE FROM fused_events WHERE id IN (SELECT unnest($1))", [ids])
    elif stored is not None:
        con.execute(
            "DELETE FROM fused_events WHERE id IN (SELECT unnest($1)) "
            "AND date_lo >= $2 AND date_hi <= $3",
            [ids, *stored],
        )
    rows = [_fused_row(f) for f in fused]
    insert_columns(
        con, "fused_events", {c: [r[i] for r in rows] for i, c in enumerate(FUSED_COLUMNS)}
    )
    people = [(p, f.id) for f in fused for p in f.participants if p not in known.get(f.id, ())]
    insert_columns(
        con, "fused_participants",
        {"actor_id": [p[0] for p in people], "fused_id": [p[1] for p in people]},
    )  # fmt: skip
    pairs = [
        (pair, f.id)
        for f in fused
        for pair in actor_pairs(f.participants) - actor_pairs(known.get(f.id, ()))
    ]
    insert_columns(
        con, "fused_pairs", {"pair": [p[0] for p in pairs], "fused_id": [p[1] for p in pairs]}
    )


def actor_pairs(ids: Iterable[str]) -> set[str]:
    """The ``fused_pairs`` keys of every two of these actor ids (see schema migration 4)."""
    return {pair_key(a, b) for a, b in combinations(sorted(set(ids)), 2)}


def pair_key(a: str, b: str) -> str:
    """The ``fused_pairs`` key of two distinct actor ids, in either order."""
    return f"{min(a, b)}\x1f{max(a, b)}"


def _assign(
    con: duckdb.DuckDBPyConnection, assigned: dict[tuple[str, int], str], fresh: bool
) -> None:
    """Set ``events.fused_id``; ``fresh``: the mentions have none yet (a batch just stored),
    which lets DuckDB skip every row group without NULLs instead of joining all events."""
    if not assigned:
        return
    keys = list(assigned)
    con.execute(
        "UPDATE events SET fused_id = m.f FROM (SELECT unnest($1) AS a, unnest($2) AS i, "
        "unnest($3) AS f) m WHERE events.article_id = m.a AND events.idx = m.i"
        + (" AND events.fused_id IS NULL" if fresh else ""),
        [[k[0] for k in keys], [k[1] for k in keys], [assigned[k] for k in keys]],
    )


def fuse_and_save(
    con: duckdb.DuckDBPyConnection, mentions: Sequence[Mention], *, fresh: bool = False
) -> set[str]:
    """Fuse mentions against their blocks in the store; the block keys touched. ``fresh``:
    the mentions were just stored and belong to no fused event yet."""
    candidates = load_candidates(con, mentions)
    known = {f.id: set(f.participants) for f in candidates}
    stored = _stored_span(candidates)
    touched, assigned = fuse(mentions, candidates)
    save_fused(con, list(touched.values()), known, stored)
    _assign(con, assigned, fresh)
    return {f.key for f in touched.values() if f.key and f.dated}


def load_candidates(con: duckdb.DuckDBPyConnection, mentions: Sequence[Mention]) -> list[Fused]:
    """The stored fused events some of these mentions could join: those of a mention's block
    (participants and family) whose days overlap the days of a mention of that block.

    :func:`~dyad.stories.fusion.compatible` needs that overlap, and fusing only ever narrows a
    fused event's days, so a block's other events could never be chosen: a dated mention
    spans one day, and a block of two busy actors has dozens of events a month. Whatever is
    loaded, :func:`~dyad.stories.fusion.fuse` compares a mention only with the events it
    indexes under the mention's months (at most :data:`~dyad.stories.rules.MAX_INDEX_MONTHS`
    of an event's), so loading these gives the result of loading whole (block, month) pairs.
    The batch's first and last day bound the query too, so that DuckDB skips the row groups
    of other periods (zone maps on ``date_lo``/``date_hi``) instead of reading every fused
    event: the cost of a batch does not grow with the store.
    """
    spans = sorted({(m.key, m.span) for m in mentions if m.key and m.span})
    if not spans:
        return []
    return load_fused(
        con,
        "WHERE f.date_lo <= $1 AND f.date_hi >= $2 AND EXISTS (SELECT 1 FROM (SELECT "
        "unnest($3) AS k, unnest($4) AS lo, unnest($5) AS hi) s "
        "WHERE s.k = f.block_key AND s.lo <= f.date_hi AND s.hi >= f.date_lo)",
        [max(s[1][1] for s in spans), min(s[1][0] for s in spans),
         [s[0] for s in spans], [s[1][0] for s in spans], [s[1][1] for s in spans]],
    )  # fmt: skip


def _stored_span(candidates: Sequence[Fused]) -> tuple[date, date] | None:
    """The earliest start and latest end of the loaded fused events (as stored)."""
    spans = [(f.lo, f.hi) for f in candidates if f.lo is not None and f.hi is not None]
    if len(spans) < len(candidates) or not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


# -- the entry point ---------------------------------------------------------------------------
def fuse_articles(con: duckdb.DuckDBPyConnection, articles: Sequence[Article]) -> None:
    """Fuse the events of newly stored articles; date undated articles where possible."""
    mentions = [
        mention(a.id, i, ev.to_dict(), a.meta.published)
        for a in articles
        for i, ev in enumerate(a.events)
    ]
    waiting = [m for m in mentions if m.span is None and m.key is not None]
    ready = [m for m in mentions if not (m.span is None and m.key is not None)]
    dated_keys = fuse_and_save(con, ready, fresh=True)
    if waiting:
        fuse_and_save(con, waiting, fresh=True)  # one-mention fused events, undated for now
        insert_columns(
            con, "pending_mentions",
            {"article_id": [m.article_id for m in waiting], "idx": [m.idx for m in waiting],
             "block_key": [m.key for m in waiting]},
        )  # fmt: skip
    date_pending(con, dated_keys, {m.article_id for m in waiting})


def date_pending(con: duckdb.DuckDBPyConnection, keys: set[str], fresh: set[str]) -> None:
    """Try to date undated articles: the ``fresh`` ones, and those waiting in a block where a
    dated event just changed (only a dated event can date an article)."""
    rows = con.execute(
        "SELECT DISTINCT article_id FROM pending_mentions WHERE block_key IN (SELECT unnest($1))",
        [sorted(keys)],
    ).fetchall()
    for article_id in sorted(fresh | {r[0] for r in rows}):
        _date_article(con, article_id)


def _date_article(con: duckdb.DuckDBPyConnection, article_id: str) -> None:
    values = [r[0] for r in con.execute(
        "SELECT value FROM timexes WHERE article_id = $1", [article_id]).fetchall()]  # fmt: skip
    if not date_clues(values)[0]:
        return  # no year-less date to match an event against
    pending = _load_mentions(
        con,
        "JOIN pending_mentions p ON p.article_id = e.article_id AND p.idx = e.idx "
        "WHERE e.article_id = $1",
        [article_id],
    )
    candidates: dict[str, list[Fused]] = defaultdict(list)
    for f in load_fused(
        con,
        "WHERE f.block_key IN (SELECT unnest($1)) AND f.best_value IS NOT NULL",
        [sorted({m.key for m in pending if m.key})],
    ):
        candidates[f.key or ""].append(f)
    published = infer_published(pending, values, candidates)
    if published is not None:
        _apply_published(con, article_id, published, pending)


def _apply_published(
    con: duckdb.DuckDBPyConnection, article_id: str, published: date, pending: list[Mention]
) -> None:
    """Mark the inferred date, re-resolve the article's timexes and fuse its mentions again."""
    from ..time import find_timexes

    con.execute(
        "UPDATE articles SET published = $2, published_inferred = TRUE WHERE id = $1",
        [article_id, published],
    )
    (text,) = con.execute("SELECT text FROM articles WHERE id = $1", [article_id]).fetchone() or (
        "",
    )
    timexes = find_timexes(text, published)
    con.execute("DELETE FROM timexes WHERE article_id = $1", [article_id])
    insert_columns(
        con, "timexes",
        {"article_id": [article_id] * len(timexes), "idx": list(range(len(timexes))),
         "text": [t.text for t in timexes], "start": [t.span[0] for t in timexes],
         "end": [t.span[1] for t in timexes], "type": [t.type for t in timexes],
         "value": [t.value for t in timexes]},
    )  # fmt: skip
    dated = [(t.span[0], t.span[1], v) for t in timexes if (v := contract_value(t.value))]
    if dated:
        starts, ends, values = (list(column) for column in zip(*dated, strict=True))
        con.execute(
            "UPDATE events SET date_value = t.v FROM (SELECT unnest($2) AS s, unnest($3) AS e, "
            "unnest($4) AS v) t WHERE events.article_id = $1 AND events.date_value IS NULL "
            "AND events.date_start = t.s AND events.date_end = t.e",
            [article_id, starts, ends, values],
        )
    singles = sorted({m.article_id + ":" + str(m.idx) for m in pending})
    gone = [r[0] for r in con.execute(
        "SELECT fused_id FROM events WHERE fused_id IS NOT NULL AND "
        "article_id || ':' || idx IN (SELECT unnest($1))", [singles]).fetchall()]  # fmt: skip
    con.execute("DELETE FROM fused_events WHERE id IN (SELECT unnest($1))", [gone])
    con.execute("DELETE FROM fused_participants WHERE fused_id IN (SELECT unnest($1))", [gone])
    con.execute("DELETE FROM fused_pairs WHERE fused_id IN (SELECT unnest($1))", [gone])
    con.execute("DELETE FROM pending_mentions WHERE article_id = $1", [article_id])
    again = _load_mentions(
        con, "WHERE e.article_id = $1 AND e.idx IN (SELECT unnest($2))",
        [article_id, [m.idx for m in pending]],
    )  # fmt: skip
    fuse_and_save(con, again)
