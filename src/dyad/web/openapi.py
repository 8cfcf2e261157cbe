"""The OpenAPI 3.1 description of dyad's JSON API, served at ``/openapi.json``.

Written by hand from a compact table (:data:`ENDPOINTS`): each route with its summary, query
and path parameters. Parameter names are the CLI's; list routes page with ``limit`` (1-500)
and ``offset``; errors are ``{"error": message, "param": name}`` with status 400 or 404.
The CSV/JSON downloads of the listing pages (:data:`DOWNLOADS`) are described too.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from .params import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, PLOVER_TYPES

_DATE = "A date like 2012, 2012-06 or 2012-06-18"
PARAMS: dict[str, dict[str, Any]] = {
    "q": {"description": "Text to look for", "schema": {"type": "string"}},
    "actor": {
        "description": "Events in which this actor takes part (a name like Putin, or an id)",
        "schema": {"type": "string"},
    },
    "between": {
        "description": "Two names, comma-separated or the parameter repeated",
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    },
    "type": {
        "description": "PLOVER event type",
        "schema": {"type": "string", "enum": list(PLOVER_TYPES)},
    },
    "since": {"description": _DATE + " (its first day)", "schema": {"type": "string"}},
    "until": {"description": _DATE + " (its last day)", "schema": {"type": "string"}},
    "speaker": {"description": "Who said it: a name or an actor id", "schema": {"type": "string"}},
    "contains": {
        "description": "Only quotes whose words contain this text",
        "schema": {"type": "string"},
    },
    "a": {"description": "First actor (name or id)", "schema": {"type": "string"}},
    "b": {"description": "Second actor (name or id)", "schema": {"type": "string"}},
    "by": {"description": "Period", "schema": {"type": "string", "enum": ["month", "year"]}},
    "max_entries": {
        "description": "Keep the entries on this many most-reported dates (0: all)",
        "schema": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT},
    },
    "limit": {
        "description": "Page size",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    },
    "offset": {
        "description": "Rows to skip",
        "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
    },
}
PAGED = ("limit", "offset")
ENDPOINTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("/api/stats", "Counts of what the store holds", ()),
    (
        "/api/search",
        "Actors (knowledge base and store), quotes and articles matching q",
        ("q", *PAGED),
    ),
    (
        "/api/events",
        "Event mentions, oldest first",
        ("actor", "between", "type", "since", "until", *PAGED),
    ),
    ("/api/quotes", "Quotations with speakers, oldest first", ("speaker", "contains", *PAGED)),
    (
        "/api/timeline",
        "The fused timeline of one actor (a) or between two (a, b)",
        ("a", "b", "max_entries"),
    ),
    ("/api/relations", "Cooperation and conflict between two sides per period", ("a", "b", "by")),
    ("/api/articles", "Stored articles, newest first", ("q", *PAGED)),
    ("/api/articles/{ident}", "One article with its entities, quotes, timexes and events", ()),
    ("/api/actors/{ident}", "An actor: knowledge-base record, quotes, events, counterparts", PAGED),
)
#: ``/download/{listing}.{fmt}`` (docs/web.md): every row a listing page's filters pick.
DOWNLOADS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("/download/events.{fmt}", "Every event mention the filters pick", ("actor", "between",
     "type", "since", "until")),
    ("/download/quotes.{fmt}", "Every quotation the filters pick", ("speaker", "contains")),
    ("/download/articles.{fmt}", "Every stored article matching q", ("q",)),
    ("/download/timeline.{fmt}", "The fused timeline of one actor (a) or between two (a, b)",
     ("a", "b", "max_entries")),
)  # fmt: skip
REQUIRED = {
    "/api/timeline": {"a"},
    "/api/relations": {"a", "b"},
    "/download/timeline.{fmt}": {"a"},
}


def _operation(path: str, summary: str, names: tuple[str, ...]) -> dict[str, Any]:
    params = [
        {"name": n, "in": "query", "required": n in REQUIRED.get(path, set()), **PARAMS[n]}
        for n in names
    ]
    if "{ident}" in path:
        params.insert(
            0, {"name": "ident", "in": "path", "required": True, "schema": {"type": "string"}}
        )
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    responses: dict[str, Any] = {
        "200": {"description": "OK", "content": {"application/json": {"schema": {}}}},
        "400": {"description": "A bad parameter", **error},
    }
    if "{ident}" in path:
        responses["404"] = {"description": "Not found", **error}
    return {"get": {"summary": summary, "parameters": params, "responses": responses}}


def _download(path: str, summary: str, names: tuple[str, ...]) -> dict[str, Any]:
    """A download route: the query parameters of its page, the format in the path, and CSV or
    JSON back (at most 100,000 rows; ``limit``/``offset`` are ignored)."""
    operation = _operation(path, summary + " (all rows, up to 100,000), as CSV or JSON", names)
    get = operation["get"]
    get["parameters"].insert(0, {
        "name": "fmt", "in": "path", "required": True,
        "schema": {"type": "string", "enum": ["csv", "json"]},
    })  # fmt: skip
    get["responses"]["200"]["content"] = {
        "text/csv": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
    }
    get["responses"]["404"] = {**get["responses"]["400"], "description": "No such format"}
    return operation


def openapi_spec() -> dict[str, Any]:
    """The whole description as a dict ready for JSON."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "dyad",
            "version": __version__,
            "description": "Read-only access to a dyad store: events, fused timelines, quotes "
            "and articles. Names resolve like the CLI's (Putin = vladimir-putin).",
        },
        "paths": {
            **{path: _operation(path, summary, names) for path, summary, names in ENDPOINTS},
            **{path: _download(path, summary, names) for path, summary, names in DOWNLOADS},
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {"error": {"type": "string"}, "param": {"type": "string"}},
                    "required": ["error"],
                }
            }
        },
    }
