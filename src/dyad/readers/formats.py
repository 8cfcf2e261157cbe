"""What an input holds: the container formats dyad reads and how each is recognised.

The known extensions, magic bytes and HTML media types live here as data, at the top, so a
new format is one line. A format is recognised by content as well as by extension: strong
content signals (gzip and WARC magic, a JSON object with ``text``/``html`` on the first line,
an HTML doctype or ``<html>`` at the start) win over the extension; the extension wins over
weak signals (markup at the start with a ``<head>``/``<body>`` tag early on); anything else
textual is plain text.
"""

from __future__ import annotations

import json
import re
from typing import Literal

Format = Literal["text", "html", "jsonl", "warc"]

#: File name endings (lower case) and the format they announce. ``.gz`` is stripped first.
EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
COMPRESSED_SUFFIX = ".gz"
GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/"
#: HTTP media types whose payload is an article page.
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: JSON Lines keys that carry the article body, and the document kind each gives.
JSONL_BODY_KEYS: dict[str, Literal["text", "html"]] = {"text": "text", "html": "html"}
#: How far into a text the weak HTML signals (``<head>``, ``<body>``) are looked for.
HTML_SNIFF_CHARS = 1024

#: One text or HTML article longer than this is refused before cleaning, whose cost (time and
#: memory) grows with it; spaCy itself takes at most 1,000,000 characters of clean text.
MAX_DOCUMENT_CHARS = 10_000_000

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_HTML_EARLY_TAG = re.compile(r"<(?:head|body)[\s>]", re.IGNORECASE)


def too_long(chars: int) -> str:
    """The reason given for an article over :data:`MAX_DOCUMENT_CHARS`."""
    return f"too long for one article: {chars:,} characters (limit {MAX_DOCUMENT_CHARS:,})"


def format_for_name(name: str) -> Format | None:
    """The format a file name's extension announces, or ``None`` if it says nothing."""
    lower = name.lower()
    if lower.endswith(COMPRESSED_SUFFIX):
        lower = lower[: -len(COMPRESSED_SUFFIX)]
    dot = lower.rfind(".")
    return EXTENSIONS.get(lower[dot:]) if dot >= 0 else None


def is_warc(head: bytes) -> bool:
    """Whether (decompressed) bytes start a WARC file."""
    return head.lstrip(b"\r\n").startswith(WARC_MAGIC)


def is_jsonl(text: str) -> bool:
    """Whether the first non-blank line is a JSON object with an article body key."""
    for line in text.split("\n"):
        if line.strip():
            try:
                value = json.loads(line)
            except ValueError:
                return False
            return isinstance(value, dict) and any(key in value for key in JSONL_BODY_KEYS)
    return False


def starts_as_html(text: str) -> bool:
    """Strong HTML signal: a doctype or ``<html>`` tag opens the text."""
    return _HTML_START.match(text.lstrip("\ufeff")) is not None


def looks_like_html(text: str) -> bool:
    """Strong or weak HTML signal.

    The text opens as HTML, or opens with markup (a page without a doctype) that has a
    ``<head>`` or ``<body>`` tag early on; text that merely mentions ``<body>`` is not HTML.
    """
    if starts_as_html(text):
        return True
    start = text.lstrip("\ufeff \t\n")
    return start.startswith("<") and _HTML_EARLY_TAG.search(start, 0, HTML_SNIFF_CHARS) is not None


def choose_format(text: str, by_name: Format | None) -> Literal["text", "html", "jsonl"]:
    """Decide what a decoded, non-WARC input holds: strong content, then name, then weak."""
    if is_jsonl(text):
        return "jsonl"
    if starts_as_html(text):
        return "html"
    if by_name in ("html", "jsonl"):
        return by_name
    return "html" if looks_like_html(text) else "text"
