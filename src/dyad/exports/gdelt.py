"""Fused events as a GDELT 2.0 event table: 61 tab-separated columns with a header line.

One row per fused (real-world) event. dyad fills the columns it has evidence for and leaves
the others empty; docs/export.md gives the mapping column by column. Rows come from one
DuckDB query (the fused events joined with what their first report says) read with a cursor
in chunks, so memory does not grow with the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from ..stories.summary import place_phrase
from .codes import actor_codes, cameo_country, event_codes
from .sql import Filters, fused_where

_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]

#: The GDELT 2.0 event-table columns, in order (GDELT 2.0 Event Database codebook).
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO), "DATEADDED", "SOURCEURL",
)  # fmt: skip

# What the first report of each fused event says: its CAMEO code, URL, when it was stored,
# and how many outlets reported the event. The key orders reports by date, article, mention:
# days * 10^14 + rowid * 10^4 + idx, so rowids up to 10^10 stay below a day (HUGEINT: the
# undated 999999 * 10^14 would overflow a BIGINT).
_FIRST_KEY = (  # an integer, so each event's aggregate state stays a few bytes
    "(coalesce(a.published - DATE '1970-01-01', 999999)::HUGEINT * 100000000000000 "
    "+ a.rowid * 10000 + e.idx)"
)
_REPORTS = (
    f"SELECT e.fused_id, arg_min(e.cameo, {_FIRST_KEY}) FILTER (WHERE e.cameo IS NOT NULL) "
    f"AS cameo, arg_min(a.url, {_FIRST_KEY}) FILTER (WHERE a.url IS NOT NULL) AS url, "
    "count(DISTINCT coalesce(a.outlet, a.id)) AS n_outlets, min(a.ingested_at) AS added "
    "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.fused_id IS NOT NULL "
    "GROUP BY e.fused_id"
)


def gdelt_query(filters: Filters) -> tuple[str, list[Any]]:
    w = fused_where(filters)
    sql = (
        "SELECT f.id, f.type, f.date_lo, f.first_reported, f.location, f.actors, "
        "f.recipients, f.n_mentions, f.articles, r.cameo, r.url, r.n_outlets, r.added "
        f"FROM fused_events f LEFT JOIN ({_REPORTS}) r ON r.fused_id = f.id {w.sql()}"
    )
    return sql, w.params


def global_event_id(fused_id: str) -> int:
    """A stable integer id from the fused id's hash (60 bits: fits GDELT's BIGINT)."""
    return int(fused_id.removeprefix("fe-")[:15], 16)


def _dates(day: date | None) -> dict[str, str]:
    if day is None:
        return {}
    return {
        "SQLDATE": day.strftime("%Y%m%d"),
        "MonthYear": day.strftime("%Y%m"),
        "Year": str(day.year),
        # GDELT's own formula: YEAR + (MONTH * 30 + DAY) / 365
        "FractionDate": f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
    }


def _actor(prefix: str, ref: dict[str, Any] | None, day: date | None) -> dict[str, str]:
    if not ref:
        return {}
    code, country, kind = actor_codes(ref.get("id"), day)
    return {
        f"{prefix}Code": code,
        f"{prefix}Name": ref.get("name") or "",
        f"{prefix}CountryCode": cameo_country(country),
        f"{prefix}Type1Code": kind,
    }


def _geo(location: dict[str, Any] | None) -> dict[str, str]:
    if not location:
        return {}
    only_country = not location.get("name")
    return {
        "ActionGeo_Type": "1" if only_country else "",
        "ActionGeo_FullName": place_phrase(location),
        "ActionGeo_CountryCode": location.get("country") or "",
    }


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """The 61 GDELT cells of one fused event (a row of :func:`gdelt_query`)."""
    day = row["date_lo"] or row["first_reported"]
    actors = json.loads(row["actors"]) if row["actors"] else []
    recipients = json.loads(row["recipients"]) if row["recipients"] else []
    other = recipients[0] if recipients else (actors[1] if len(actors) > 1 else None)
    added: datetime | None = row["added"]
    cells: dict[str, Any] = {
        "GLOBALEVENTID": str(global_event_id(row["id"])),
        **_dates(day),
        **_actor("Actor1", actors[0] if actors else None, day),
        **_actor("Actor2", other, day),
        **event_codes(row["cameo"], row["type"]),
        "NumMentions": str(row["n_mentions"] or 0),
        "NumSources": str(row["n_outlets"] or 0),
        "NumArticles": str(len(row["articles"] or ())),
        **_geo(json.loads(row["location"]) if row["location"] else None),
        "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else "",
        "SOURCEURL": row["url"] or "",
    }
    return [_clean(cells.get(c, "")) for c in COLUMNS]


def _clean(value: Any) -> str:
    """A cell without tabs or line breaks (they would break the table)."""
    return " ".join(str(value).split()) if value else ""


def gdelt_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "\t".join(COLUMNS) + "\n"
    for row in rows:
        yield "\t".join(gdelt_row(row)) + "\n"
