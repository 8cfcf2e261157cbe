"""JSON Lines input: one article per line, a JSON object with its body and metadata.

Each non-blank line is an object with a ``text`` (plain text) or ``html`` body; when both are
present the ``text`` wins, being already clean. Metadata fields the object carries are
copied into :attr:`RawDocument.meta` under fixed keys (the aliases they may come under are
data, below). Each record's source is ``path#L<line>`` (1-based). A bad line becomes a
:class:`ReadError` for that line alone and reading goes on with the next.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from dyad.model import RawDocument, ReadError
from dyad.readers.decode import normalise_newlines
from dyad.readers.formats import JSONL_BODY_KEYS, MAX_DOCUMENT_CHARS, too_long

_SURROGATE = re.compile("[\ud800-\udfff]")
#: meta key -> the JSON fields it is taken from, first present wins.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "url": ("url",),
    "published": ("published", "date", "time"),
    "authors": ("authors", "author"),
    "outlet": ("outlet",),
}


def read_jsonl(text: str, source: str) -> Iterator[RawDocument | ReadError]:
    """One document (or error) per non-blank line of ``text``."""
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield read_record(line, f"{source}#L{lineno}")


def read_record(line: str, source: str) -> RawDocument | ReadError:
    """The document one JSON line holds, or why it holds none."""
    try:
        record = json.loads(line)
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        return ReadError(source, f"invalid JSON: {reason}")
    if not isinstance(record, dict):
        return ReadError(source, f"JSON line is not an object but {_json_type(record)}")
    for key, kind in JSONL_BODY_KEYS.items():
        body = record.get(key)
        if body is None:
            continue
        if not isinstance(body, str):
            return ReadError(source, f'"{key}" is not a string but {_json_type(body)}')
        if len(body) > MAX_DOCUMENT_CHARS:
            return ReadError(source, too_long(len(body)))
        if body.strip():
            return RawDocument(source, kind, normalise_newlines(_scrub(body)), _meta(record))
    if any(key in record for key in JSONL_BODY_KEYS):
        return ReadError(source, "empty text")
    return ReadError(source, 'no "text" or "html" field')


def _meta(record: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key, fields in META_FIELDS.items():
        for name in fields:
            value = _authors(record.get(name)) if key == "authors" else _string(record.get(name))
            if key == "published" and value is None and _is_value(record.get(name)):
                value = record[name]  # a number or object: kept so cleaning can warn about it
            if value:
                meta[key] = value
                break
    return meta


def _string(value: object) -> str | None:
    return _scrub(value.strip()) or None if isinstance(value, str) else None


def _scrub(text: str) -> str:
    """``text`` with lone surrogates (JSON allows ``"\\ud800"``; no store or terminal takes
    them) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _is_value(value: object) -> bool:
    return value is not None and not isinstance(value, str) and value not in ([], {})


def _authors(value: object) -> list[str]:
    """A list of names from a list of strings or a single string."""
    items = value if isinstance(value, list) else [value]
    return [name for name in map(_string, items) if name]


def _json_type(value: object) -> str:
    names = {list: "an array", dict: "an object", str: "a string", bool: "a boolean"}
    return "null" if value is None else names.get(type(value), "a number")
