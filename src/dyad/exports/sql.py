"""The SQL behind ``dyad export``: one query per table, filters applied inside DuckDB.

Each builder returns ``(sql, params)`` for a query that DuckDB can stream (``COPY (sql) TO``
or a cursor read with ``fetchmany``), so nothing is filtered in Python and memory does not
grow with the store. The filters mean what they mean for ``dyad events`` and ``dyad
timeline`` (:mod:`dyad.store.stories_queries`): actors are knowledge-base ids, an event
matches an actor on either side, date bounds compare the *interval* a date value stands for
(``2012`` may lie in June 2012), and an event without a date of its own is placed at its
article's publication date (a fused event at its first report).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

TABLES = ("events", "fused", "articles", "quotes", "entities")

# The ids taking part in a stored event mention, as in dyad.store.stories_queries.
_EVENT_IDS = (
    "list_concat(json_extract_string(e.actors, '$[*].id'), "
    "json_extract_string(e.recipients, '$[*].id'))"
)
_SENTENCE = "substring(a.text, e.sent_start + 1, e.sent_end - e.sent_start)"


@dataclass(frozen=True, slots=True)
class Filters:
    """Which rows to export: actor ids (either side), two sides that must both take part,
    date bounds (first and last day, inclusive) and a PLOVER event type (upper case; only
    tables of events have one: ``events`` and ``fused``)."""

    actor_ids: tuple[str, ...] = ()
    between: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    since: date | None = None
    until: date | None = None
    event_type: str | None = None


#: The tables whose rows have an event type, so ``Filters.event_type`` applies.
TYPED_TABLES = ("events", "fused")


class _Where:
    """WHERE clauses with numbered parameters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def param(self, value: Any) -> str:
        self.params.append(value)
        return f"${len(self.params)}"

    def add(self, clause: str) -> None:
        self.clauses.append(clause)

    def sql(self) -> str:
        return f"WHERE {' AND '.join(self.clauses)}" if self.clauses else ""

    def dates(self, lo: str, hi: str, filters: Filters) -> None:
        """Keep rows whose interval ``[lo, hi]`` meets the bounds (rows without one go)."""
        if filters.since is not None:
            self.add(f"({hi}) >= {self.param(filters.since)}::DATE")
        if filters.until is not None:
            self.add(f"({lo}) <= {self.param(filters.until)}::DATE")


def _span(value: str, fallback: str) -> tuple[str, str]:
    """SQL for the first and last day of a ``YYYY[-MM[-DD]]`` value, else ``fallback``."""
    day = f"try_cast({value} AS DATE)"
    month = f"try_cast({value} || '-01' AS DATE)"
    year = f"make_date(try_cast({value} AS INTEGER), 1, 1)"
    shape = f"length({value})"
    lo = f"coalesce(CASE {shape} WHEN 10 THEN {day} WHEN 7 THEN {month} WHEN 4 THEN {year} END, {fallback})"  # noqa: E501
    hi = (
        f"coalesce(CASE {shape} WHEN 10 THEN {day} WHEN 7 THEN last_day({month}) "
        f"WHEN 4 THEN make_date(try_cast({value} AS INTEGER), 12, 31) END, {fallback})"
    )
    return lo, hi


def _ids_in(column: str, where: _Where, ids: Sequence[str]) -> str:
    return f"list_has_any({column}, {where.param(list(ids))}::VARCHAR[])"


def _article_names(alias: str, where: _Where, ids: Sequence[str]) -> str:
    """The article ``alias.id`` names one of ``ids`` among its entities."""
    return (
        f"EXISTS (SELECT 1 FROM entities x2 WHERE x2.article_id = {alias} "
        f"AND x2.entity_id IN (SELECT unnest({where.param(list(ids))}::VARCHAR[])))"
    )


def events_query(filters: Filters) -> tuple[str, list[Any]]:
    """Stored event mentions with their sentence and article."""
    w = _Where()
    if filters.actor_ids:
        w.add(_ids_in(_EVENT_IDS, w, filters.actor_ids))
    for side in filters.between or ():
        w.add(_ids_in(_EVENT_IDS, w, side))
    if filters.event_type:
        w.add(f"e.type = {w.param(filters.event_type)}")
    w.dates(*_span("e.date_value", "a.published"), filters)
    sql = (
        "SELECT e.article_id, e.idx, e.date_value AS date, e.date_text, e.type, e.mode, "
        "e.cameo, e.status, e.actors, e.recipients, "
        "json_extract_string(e.location, '$.name') AS location_name, "
        "json_extract_string(e.location, '$.country') AS location_country, e.trigger, "
        f"{_SENTENCE} AS sentence, e.sent_start, e.sent_end, e.fused_id, "
        "a.published, a.outlet, a.title, a.url "
        f"FROM events e JOIN articles a ON a.id = e.article_id {w.sql()}"
    )
    return sql, w.params


def fused_where(filters: Filters) -> _Where:
    w = _Where()
    if filters.actor_ids:
        w.add(_ids_in("f.participants", w, filters.actor_ids))
    for side in filters.between or ():
        w.add(_ids_in("f.participants", w, side))
    if filters.event_type:
        w.add(f"f.type = {w.param(filters.event_type)}")
    w.dates("coalesce(f.date_lo, f.first_reported)", "coalesce(f.date_hi, f.first_reported)",
            filters)  # fmt: skip
    return w


def fused_query(filters: Filters) -> tuple[str, list[Any]]:
    """Fused (real-world) events."""
    w = fused_where(filters)
    sql = (
        "SELECT f.id, f.type, f.status, f.date_value AS date, f.date_lo, f.date_hi, "
        "f.date_inferred, json_extract_string(f.location, '$.name') AS location_name, "
        "json_extract_string(f.location, '$.country') AS location_country, f.actors, "
        "f.recipients, f.participants, f.summary, f.n_sources, f.n_mentions, f.first_reported, "
        f"f.articles FROM fused_events f {w.sql()}"
    )
    return sql, w.params


def articles_query(filters: Filters) -> tuple[str, list[Any]]:
    """Articles with their text; an actor filter keeps articles naming it."""
    w = _Where()
    if filters.actor_ids:
        w.add(_article_names("a.id", w, filters.actor_ids))
    for side in filters.between or ():
        w.add(_article_names("a.id", w, side))
    w.dates("a.published", "a.published", filters)
    sql = (
        "SELECT a.id, a.published, a.published_inferred, a.outlet, a.title, a.authors, a.url, "
        f"a.n_chars, a.source, a.text FROM articles a {w.sql()}"
    )
    return sql, w.params


def quotes_query(filters: Filters) -> tuple[str, list[Any]]:
    """Quotations: ``actor`` keeps what the actor said; ``between`` what one side said in an
    article naming the other."""
    w = _Where()
    if filters.actor_ids:
        w.add(f"q.speaker_id IN (SELECT unnest({w.param(list(filters.actor_ids))}::VARCHAR[]))")
    if filters.between:
        a, b = filters.between
        said_a = f"q.speaker_id IN (SELECT unnest({w.param(list(a))}::VARCHAR[]))"
        said_b = f"q.speaker_id IN (SELECT unnest({w.param(list(b))}::VARCHAR[]))"
        names_a, names_b = _article_names("a.id", w, a), _article_names("a.id", w, b)
        w.add(f"(({said_a} AND {names_b}) OR ({said_b} AND {names_a}))")
    w.dates("a.published", "a.published", filters)
    sql = (
        "SELECT q.article_id, q.idx, q.speaker_name, q.speaker_id, q.kind, q.cue, q.text, "
        'q.start, q."end", q.content_start, q.content_end, a.published, a.outlet, a.title, '
        f"a.url FROM quotes q JOIN articles a ON a.id = q.article_id {w.sql()}"
    )
    return sql, w.params


def entities_query(filters: Filters) -> tuple[str, list[Any]]:
    """Entities per article with the article's date and outlet: ``actor`` keeps the
    actor's own rows, ``between`` both sides' rows in articles naming both."""
    w = _Where()
    if filters.actor_ids:
        w.add(f"x.entity_id IN (SELECT unnest({w.param(list(filters.actor_ids))}::VARCHAR[]))")
    if filters.between:
        either = [*filters.between[0], *filters.between[1]]
        w.add(f"x.entity_id IN (SELECT unnest({w.param(either)}::VARCHAR[]))")
        for side in filters.between:
            w.add(_article_names("a.id", w, side))
    w.dates("a.published", "a.published", filters)
    sql = (
        "SELECT x.article_id, x.idx, x.entity_id, x.name, x.type, x.country, x.role, "
        "a.published, a.outlet, a.title "
        f"FROM entities x JOIN articles a ON a.id = x.article_id {w.sql()}"
    )
    return sql, w.params


QUERIES = {
    "events": events_query,
    "fused": fused_query,
    "articles": articles_query,
    "quotes": quotes_query,
    "entities": entities_query,
}


#: The order the Python API lists rows in (as the CLI listings do). Exports do not sort:
#: a sort holds every row at once, and exports must stream (see :mod:`dyad.exports`).
ORDERS = {
    "events": "ORDER BY coalesce(e.date_value, strftime(a.published, '%Y-%m-%d')) NULLS LAST, "
    "a.id, e.idx",
    "fused": "ORDER BY f.date_lo NULLS LAST, f.first_reported, f.id",
    "articles": "ORDER BY a.published DESC NULLS LAST, a.title, a.id",
    "quotes": "ORDER BY a.published NULLS LAST, a.id, q.start",
    "entities": "ORDER BY a.published NULLS LAST, x.article_id, x.idx",
}


def table_query(table: str, filters: Filters, *, ordered: bool = False) -> tuple[str, list[Any]]:
    """The query for ``table``; ``ordered`` adds the listing order (not for streaming)."""
    if filters.event_type and table not in TYPED_TABLES:
        raise ValueError(f"an event type filters events and fused events, not {table}")
    sql, params = QUERIES[table](filters)
    return (f"{sql} {ORDERS[table]}" if ordered else sql), params


def events_scan(filters: Filters) -> tuple[str, list[Any]]:
    """Event mentions alone, in store order, with the filters that need no article: the
    streaming export joins each to its article itself (see :mod:`dyad.exports.stream`)."""
    w = _Where()
    if filters.actor_ids:
        w.add(_ids_in(_EVENT_IDS, w, filters.actor_ids))
    for side in filters.between or ():
        w.add(_ids_in(_EVENT_IDS, w, side))
    if filters.event_type:
        w.add(f"e.type = {w.param(filters.event_type)}")
    sql = (
        "SELECT e.article_id, e.idx, e.date_value AS date, e.date_text, e.type, e.mode, "
        "e.cameo, e.status, e.actors, e.recipients, "
        "json_extract_string(e.location, '$.name') AS location_name, "
        "json_extract_string(e.location, '$.country') AS location_country, e.trigger, "
        f"e.sent_start, e.sent_end, e.fused_id FROM events e {w.sql()}"
    )
    return sql, w.params
