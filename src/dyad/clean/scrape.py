"""Clean a plain-text or Markdown scrape of a news page into its body text and metadata.

Works line by line in three passes. First the page furniture goes wherever it is: site
chrome, legal tails, photo captions with their credits, masthead logos, the
``Original url:`` trailer (kept as the URL) and a readers' comment thread under the
article. Then the header, the first lines before the
body, yields the headline, byline and date line, which leave the body too. Last, paragraphs
that a scraper broke mid-sentence are joined again. Everything else, every word and every
quotation mark of the article, is kept; paragraphs come out separated by a blank line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from dyad.clean.dates import parse_date_line
from dyad.clean.markdown import (
    bold_only,
    bold_tail,
    is_rule,
    split_block_markers,
    strip_inline,
)
from dyad.clean.metadata import (
    ends_sentence,
    is_title_line,
    looks_like_name,
    parse_byline,
    split_title_outlet,
)
from dyad.clean.rules import boilerplate, is_agency, outlet_mentioned, outlet_named
from dyad.model import Metadata

_URL_TRAILER = re.compile(
    r"^[ \t]*(?:original|source|canonical)[ \t]+url[ \t]*:[ \t]*(?:\n[ \t]*)*"
    r"<?(?P<url>https?://[^\s>]+)>?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.IGNORECASE)
_EXPLICIT_BYLINE = re.compile(r"(?:written|reported|reporting|compiled)\s+by\b", re.IGNORECASE)
# Header lines (headline, byline, date, dek) come before the first body paragraph, but a dek
# can look like one, so the first few content lines are always searched.
_HEADER_MIN = 6
# A paragraph this long that stops without final punctuation was cut by the scraper.
_JOIN_MIN_WORDS = 10
_KICKER_MAX_WORDS = 4
# One timestamped "X wrote:" line may be a quoted post; two make a thread of comments.
_THREAD_MIN_HEADERS = 2


@dataclass(slots=True)
class _Line:
    """One non-blank line: its text without markup and what its markup said."""

    raw: str  # without block markers, inline Markdown intact
    text: str  # clean text
    heading: bool
    item: bool


def clean_scrape(content: str) -> tuple[str, Metadata]:
    """The body text of a scrape and the metadata found in it (never guessed)."""
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    meta = Metadata()
    match = _URL_TRAILER.search(text)
    if match:
        meta.url = match.group("url")
        text = text[: match.start()] + text[match.end() :]
    lines = _drop_comment_thread(_drop_furniture(_lines(text), meta))
    body = _take_header(lines, meta)
    return "\n\n".join(line.text for line in _rejoin(body)), meta


def _lines(text: str) -> list[_Line]:
    """Every non-blank line, as its own paragraph: scrapes put one paragraph on a line (and
    sometimes no blank line between them), and broken ones are joined again at the end."""
    lines: list[_Line] = []
    for raw_line in text.split("\n"):
        if raw_line.strip() and not is_rule(raw_line):
            raw, heading, item = split_block_markers(raw_line)
            clean = strip_inline(raw)
            if clean:
                lines.append(_Line(raw, clean, heading, item))
    return lines


def _is_credit(text: str) -> bool:
    """Whether bold ``text`` reads as a photo credit: names, agencies, capitalised words."""
    pieces = [p.strip() for p in re.split(r"[/|,;]|\bvia\b", text) if p.strip()]
    return bool(pieces) and all(
        is_agency(p) or outlet_named(p) or looks_like_name(p) or p.istitle() or p.isupper()
        for p in pieces
    )


def _drop_furniture(lines: list[_Line], meta: Metadata) -> list[_Line]:
    rules = boilerplate()
    kept: list[_Line] = []
    for line in lines:
        if rules.chrome.fullmatch(line.text) or rules.legal.match(line.text):
            # the publisher names itself in its own furniture ("RFE/RL journalists report",
            # "© 2012 The Moscow Times"); agencies named there are not the publisher
            meta.outlet = meta.outlet or outlet_mentioned(line.text)
            continue
        runs = bold_only(line.raw)
        if runs and outlet_named(line.text):  # a logo such as "**The**  **Moscow Times**"
            meta.outlet = meta.outlet or outlet_named(line.text)
            continue
        tail = bold_tail(line.raw) if not runs else None
        if tail and len(tail[0].split()) >= 3 and _is_credit(tail[1]):
            continue  # photo caption ending in its bold credit
        if len(line.text.split()) >= 3 and rules.caption.search(line.text):
            continue
        kept.append(line)
    return kept


def _drop_comment_thread(lines: list[_Line]) -> list[_Line]:
    """The lines above a readers' comment thread: from the first of two or more comment
    headers (``[comment]`` in ``boilerplate.txt``), when it comes after the first body
    paragraph, the comments and the page furniture under them go. A scrape whose first
    header comes before any body (a page of comments alone) is kept whole rather than
    emptied."""
    pattern = boilerplate().comment
    heads = [index for index, line in enumerate(lines) if pattern.match(line.text)]
    if len(heads) < _THREAD_MIN_HEADERS or heads[0] <= _first_body(lines):
        return lines
    return lines[: heads[0]]


def _first_body(lines: list[_Line]) -> int:
    """Index of the first line that reads as a body paragraph (not a repeated caption)."""
    for index, line in enumerate(lines):
        words = len(line.text.split())
        body_like = words >= 20 or (words >= 8 and ends_sentence(line.text))
        duplicate = index + 1 < len(lines) and lines[index + 1].text == line.text
        if body_like and not line.heading and not duplicate:
            return index
    return len(lines)


def _title_index(lines: list[_Line], first_body: int) -> int | None:
    """The headline: the first heading above the body, else a first line that reads as one."""
    for index, line in enumerate(lines[:first_body]):
        if line.heading:
            return index
    if not lines or lines[0].item or not is_title_line(lines[0].text):
        return None
    if parse_date_line(lines[0].text)[0] or parse_byline(lines[0].text):
        return None
    return 0


def _take_header(lines: list[_Line], meta: Metadata) -> list[_Line]:
    """Move headline, byline, date line and masthead of the header into ``meta``."""
    first_body = _first_body(lines)
    end = max(first_body, _HEADER_MIN)
    title_at = _title_index(lines, first_body)
    body: list[_Line] = []
    for index, line in enumerate(lines):
        in_header = index < end
        if index == title_at:
            meta.title, outlet = split_title_outlet(line.text)
            meta.outlet = meta.outlet or outlet
            continue
        if title_at is not None and index < title_at and _is_kicker(line):
            continue  # section label or site name above the headline
        if in_header and _take_meta_line(line, meta):
            continue
        closing = index >= len(lines) - 3 or _EXPLICIT_BYLINE.match(line.text)
        if closing and _take_meta_line(line, meta, date_ok=False):
            continue  # closing credit line, "Written by X in Washington"
        if body and body[-1].text == line.text and not line.heading:
            if title_at is not None and len(body) == 1:
                body.pop()  # a caption shown twice right under the headline: drop both
            continue  # elsewhere a scraper's echo: keep one copy
        body.append(line)
    return body


def _is_kicker(line: _Line) -> bool:
    return len(line.text.split()) <= _KICKER_MAX_WORDS and not ends_sentence(line.text)


def _take_meta_line(line: _Line, meta: Metadata, date_ok: bool = True) -> bool:
    """Record a byline, date line or masthead; ``True`` if the line was one."""
    if line.heading:
        return False
    if date_ok:
        is_date, published = parse_date_line(line.text)
        if is_date:
            meta.published = meta.published or published
            return True
    if bold_only(line.raw) > 1 and len(line.text.split()) <= 6:
        return True  # a logo split into bold runs, outlet unknown
    byline = parse_byline(line.text)
    if byline is None:
        return False
    if not meta.authors:
        meta.authors = byline.authors
    meta.published = meta.published or byline.published
    return True


def _joins(prev: _Line, line: _Line) -> bool:
    """Whether ``line`` continues the paragraph ``prev`` that a scraper broke apart."""
    if prev.heading or line.heading or line.item or ends_sentence(prev.text):
        return False
    if line.text[0].islower():
        return True
    return len(prev.text.split()) >= _JOIN_MIN_WORDS and not prev.item


def _rejoin(lines: list[_Line]) -> list[_Line]:
    joined: list[_Line] = []
    for line in lines:
        if joined and _joins(joined[-1], line):
            last = joined[-1]
            # "comedy" + ". And ..." (a link lost between them): no space before punctuation
            space = "" if line.text[0] in ".,;:!?)]" else " "
            text = f"{last.text}{space}{line.text}"
            joined[-1] = _Line(last.raw, text, False, last.item)
        else:
            joined.append(line)
    return joined
