"""The read side of :class:`~dyad.store.Store` for scripts: records with optional Arrow and
pandas views.

:class:`StoreReads` is mixed into the one ``Store`` class, so ``dyad.Store(path,
read_only=True)`` is the same object the CLI writes with, not a second class. Each method
takes the filters of ``dyad export`` as keywords (:class:`FilterArgs`, names resolved like the
CLI's; tables of events also a ``type``) and runs the export's query
(:mod:`dyad.exports.sql`), so a script, ``dyad export`` and ``dyad events`` agree on what a
filter means. Results are :class:`Records`: a list of dicts (dates as :class:`datetime.date`,
JSON columns decoded) with ``to_arrow()`` and ``to_pandas()`` when pyarrow or pandas are
installed (``pip install dyad[arrow]`` / ``dyad[pandas]``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import duckdb

if TYPE_CHECKING:
    from ..exports.sql import Filters

_JSON_COLUMNS = frozenset({"actors", "recipients"})


class Records(list[dict[str, Any]]):
    """Rows as dicts, in the query's order, with the column names kept for empty results."""

    def __init__(self, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
        super().__init__(rows)
        self.columns = tuple(columns)

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` of the records (needs pyarrow)."""
        try:
            import pyarrow
        except ImportError as exc:
            raise ImportError("to_arrow() needs pyarrow: pip install 'dyad[arrow]'") from exc
        return (
            pyarrow.Table.from_pylist(list(self))
            if self
            else pyarrow.table({c: [] for c in self.columns})
        )

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` of the records (needs pandas)."""
        try:
            import pandas
        except ImportError as exc:
            raise ImportError("to_pandas() needs pandas: pip install 'dyad[pandas]'") from exc
        return pandas.DataFrame.from_records(list(self), columns=list(self.columns))


def _bound(value: date | str | None, last: bool) -> date | None:
    """``2012-06`` as its first (or last) day; dates pass through."""
    if value is None or isinstance(value, date):
        return value
    from ..time.spans import interval

    span = interval(value)
    if span is None:
        raise ValueError(f"{value!r} is not a date like 2012, 2012-06 or 2012-06-18")
    return span[1] if last else span[0]


def _event_type(value: str | None) -> str | None:
    """A PLOVER type as the store spells it (``consult`` -> ``CONSULT``)."""
    if value is None:
        return None
    from ..model import PLOVER_TYPES

    if value.upper() not in PLOVER_TYPES:
        raise ValueError(f"{value!r} is not a PLOVER event type (one of {', '.join(PLOVER_TYPES)})")
    return value.upper()


def make_filters(
    actor: str | None = None,
    between: tuple[str, str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    event_type: str | None = None,
) -> Filters:
    """Export filters from names, dates and a type as a person writes them."""
    from ..actors import default_kb, query_ids
    from ..exports.sql import Filters

    kb = default_kb() if actor or between else None
    return Filters(
        actor_ids=tuple(query_ids(kb, actor)) if kb and actor else (),
        between=(tuple(query_ids(kb, between[0])), tuple(query_ids(kb, between[1])))
        if kb and between
        else None,
        since=_bound(since, last=False),
        until=_bound(until, last=True),
        event_type=_event_type(event_type),
    )


class FilterArgs(TypedDict, total=False):
    """The filters every read method takes (those of ``dyad events``)."""

    actor: str | None
    between: tuple[str, str] | None
    since: date | str | None
    until: date | str | None
    limit: int | None


class EventFilterArgs(FilterArgs, total=False):
    """Tables of events also take a PLOVER ``type`` (``"CONSULT"``, ``"accuse"``...)."""

    type: str | None


class StoreReads:
    """Read queries over the store, returning :class:`Records`."""

    con: duckdb.DuckDBPyConnection

    def _records(self, table: str, args: Mapping[str, Any]) -> Records:
        from ..exports.sql import TYPED_TABLES, table_query

        typed = table in TYPED_TABLES
        known = (EventFilterArgs if typed else FilterArgs).__annotations__
        unknown = sorted(set(args) - set(known))
        if unknown:  # what a signature would refuse: a misspelt filter must not pass silently
            raise TypeError(f"{table} takes no filter {', '.join(map(repr, unknown))}")
        filters = make_filters(
            args.get("actor"), args.get("between"), args.get("since"), args.get("until"),
            args.get("type"),
        )  # fmt: skip
        sql, params = table_query(table, filters, ordered=True)
        if args.get("limit") is not None:
            sql += f" LIMIT {int(args['limit'] or 0)}"
        cursor = self.con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
        for row in rows:
            for key in _JSON_COLUMNS.intersection(row):
                row[key] = json.loads(row[key]) if row[key] else []
        return Records(rows, names)

    def articles(self, **filters: Unpack[FilterArgs]) -> Records:
        """Articles with their text, newest first (``actor``: articles naming the actor)."""
        return self._records("articles", filters)

    def events(self, **filters: Unpack[EventFilterArgs]) -> Records:
        """Event mentions (one per article sentence) with their sentence, oldest first."""
        return self._records("events", filters)

    def fused_events(self, **filters: Unpack[EventFilterArgs]) -> Records:
        """Real-world events fused across articles, oldest first (the timeline's rows)."""
        return self._records("fused", filters)

    def quotes(self, **filters: Unpack[FilterArgs]) -> Records:
        """Quotations with their speakers (``actor``: what the actor said), oldest first."""
        return self._records("quotes", filters)

    def entities(self, **filters: Unpack[FilterArgs]) -> Records:
        """People, organisations and places found in each article, oldest article first."""
        return self._records("entities", filters)

    def timeline(self, name: str, other: str | None = None, *,
                 max_entries: int | None = None) -> Records:  # fmt: skip
        """The fused story of one actor or a pair, as ``dyad timeline --format json``."""
        from ..actors import default_kb, query_ids
        from ..stories.timeline import build_timeline

        kb = default_kb()
        sides = [query_ids(kb, n) for n in (name, other) if n]
        entries = build_timeline(self, sides, max_entries=max_entries)  # type: ignore[arg-type]
        return Records(entries, list(entries[0]) if entries else [])
