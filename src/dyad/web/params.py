"""Query parameters of the web interface, checked: every bad value is a :class:`BadParam`
(HTTP 400 with a message that names the parameter), never a server error.

Names and meanings follow the CLI: ``actor``, ``between``, ``type``, ``since``, ``until``,
``speaker``, ``contains``; ``limit`` and ``offset`` page through lists within fixed bounds.
Dates take the CLI's forms (``2012``, ``2012-06``, ``2012-06-18``): ``since`` means the
first day of the period, ``until`` its last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from starlette.datastructures import QueryParams

from ..model import PLOVER_TYPES
from ..time.spans import interval

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
MAX_TEXT = 200


class BadParam(Exception):
    """A query parameter with a value the interface cannot use (HTTP 400)."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


class NotFound(Exception):
    """The thing a path names does not exist in the store or knowledge base (HTTP 404)."""


@dataclass(frozen=True, slots=True)
class Page:
    limit: int
    offset: int


def text(params: QueryParams, name: str, *, required: bool = False) -> str | None:
    """A free-text parameter, stripped; ``None`` when absent or empty."""
    value = (params.get(name) or "").strip()
    if not value:
        if required:
            raise BadParam(name, "is required")
        return None
    if len(value) > MAX_TEXT:
        raise BadParam(name, f"is longer than {MAX_TEXT} characters")
    return value


def integer(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParam(name, f"{raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise BadParam(name, f"must be between {low} and {high}, not {value}")
    return value


def page(params: QueryParams, default: int = DEFAULT_LIMIT) -> Page:
    return Page(
        limit=integer(params, "limit", default, 1, MAX_LIMIT),
        offset=integer(params, "offset", 0, 0, MAX_OFFSET),
    )


def day(params: QueryParams, name: str, *, last: bool = False) -> date | None:
    """A date bound: the first (or, with ``last``, the last) day of ``2012``/``2012-06``/...."""
    raw = text(params, name)
    if raw is None:
        return None
    span = interval(raw) if raw[:4].isdigit() else None
    if span is None:
        raise BadParam(name, f"{raw!r} is not a date like 2012, 2012-06 or 2012-06-18")
    return span[1] if last else span[0]


def event_type(params: QueryParams) -> str | None:
    raw = text(params, "type")
    if raw is None:
        return None
    if raw.upper() not in PLOVER_TYPES:
        raise BadParam("type", f"{raw!r} is not one of {', '.join(PLOVER_TYPES)}")
    return raw.upper()


def pair(params: QueryParams, name: str) -> tuple[str, str] | None:
    """Two names, as ``?between=A,B`` or ``?between=A&between=B``."""
    values = [v.strip() for raw in params.getlist(name) for v in raw.split(",") if v.strip()]
    if not values:
        return None
    if len(values) != 2:
        raise BadParam(name, f"needs exactly two names, got {len(values)}")
    if any(len(v) > MAX_TEXT for v in values):
        raise BadParam(name, f"a name is longer than {MAX_TEXT} characters")
    return values[0], values[1]


def choice(params: QueryParams, name: str, options: tuple[str, ...]) -> str:
    """One of ``options``; the first is the default."""
    raw = params.get(name) or options[0]
    if raw not in options:
        raise BadParam(name, f"{raw!r} is not one of {', '.join(options)}")
    return raw
