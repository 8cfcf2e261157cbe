"""Event mentions as PLOVER records: one JSON object per coded sentence.

Field names follow the PLOVER manual (draft 0.8) and its event-data format: ``event`` (the
type), ``mode``, ``context``, ``actor`` and ``recipient`` (each a list of actors with their
CAMEO code and country), ``date``, ``location``, the sentence ``text`` with its offsets into
the article, and ``story`` (where the sentence was published). dyad's own findings that
PLOVER has no field for (``status``, ``cameo``, ``trigger``, ``fused_id``) are kept beside
them. Every object validates against ``dyad/data/export/plover.schema.json``.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from ..time.spans import interval
from .codes import actor_codes, context_of


@cache
def plover_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every exported PLOVER object follows."""
    path = resources.files("dyad") / "data" / "export" / "plover.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _actors(raw: str | None, day: date | None) -> list[dict[str, Any]]:
    out = []
    for ref in json.loads(raw) if raw else []:
        code, country, _ = actor_codes(ref.get("id"), day)
        out.append(
            {"text": ref.get("name") or "", "id": ref.get("id"), "code": code or None,
             "country": country or None}
        )  # fmt: skip
    return out


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER object of one event mention (a row of :func:`dyad.exports.sql.events_query`)."""
    published: date | None = row["published"]
    span = interval(row["date"])
    day = span[0] if span else published
    location = None
    if row["location_name"] or row["location_country"]:
        location = {"name": row["location_name"], "country": row["location_country"]}
    return {
        "id": f"{row['article_id'][:16]}-{row['idx']}",
        "event": row["type"],
        "mode": row["mode"],
        "context": context_of(row["cameo"]),
        "date": row["date"] or (published.isoformat() if published else None),
        "date_source": "event" if row["date"] else ("publication" if published else None),
        "date_text": row["date_text"],
        "actor": _actors(row["actors"], day),
        "recipient": _actors(row["recipients"], day),
        "location": location,
        "text": row["sentence"] or "",
        "sentence_start": row["sent_start"],
        "sentence_end": row["sent_end"],
        "story": {
            "article_id": row["article_id"],
            "url": row["url"],
            "outlet": row["outlet"],
            "title": row["title"],
            "published": published.isoformat() if published else None,
        },
        "status": row["status"],
        "cameo": row["cameo"],
        "trigger": row["trigger"],
        "fused_id": row["fused_id"],
    }
