"""Cleaning: a :class:`~dyad.model.RawDocument` becomes its article body and :class:`Metadata`.

Text and Markdown scrapes go through :mod:`dyad.clean.scrape`, HTML pages through
:mod:`dyad.clean.html`. Metadata the container supplied (JSON Lines fields, a WARC target
URI) is merged over what was inferred from the content: a non-empty container value wins,
because the container knows its own records better than heuristics do. The outlet, when
neither names it, comes from the URL's domain via ``data/outlets.tsv``, else stays ``None``.
Runs of characters that are not language are shortened first (:mod:`dyad.clean.defuse`).
"""

from __future__ import annotations

from typing import Any

from dyad.clean.dates import parse_date
from dyad.clean.defuse import defuse
from dyad.clean.html import extract_html
from dyad.clean.metadata import split_authors
from dyad.clean.rules import outlet_for_url
from dyad.clean.scrape import clean_scrape
from dyad.errors import InputError
from dyad.model import Metadata, RawDocument

__all__ = ["clean", "merge_metadata"]


def clean(raw: RawDocument) -> tuple[str, Metadata]:
    """The clean body text of ``raw`` and its metadata.

    Raises :class:`InputError` when the document holds no article text.
    """
    if raw.kind == "text":
        body, inferred = clean_scrape(raw.content)
    elif raw.kind == "html":
        body, inferred = extract_html(raw.content, _text(raw.meta.get("url")))
    else:
        raise InputError(raw.source, f"unknown document kind {raw.kind!r}")
    body = defuse(body)
    if not body.strip():
        raise InputError(raw.source, "no article text found")
    return body, merge_metadata(inferred, raw.meta)


def merge_metadata(inferred: Metadata, supplied: dict[str, Any]) -> Metadata:
    """``inferred`` with every non-empty value of the container's ``supplied`` metadata
    taking its place (``published`` normalised to ISO, ``authors`` to a list). A supplied
    ``published`` that is not a date is noted in :attr:`Metadata.warnings`, not dropped silently."""
    url = _text(supplied.get("url")) or inferred.url
    given = supplied.get("published")
    published = parse_date(given) or parse_date(inferred.published)
    warnings = []
    if given not in (None, "") and parse_date(given) is None:
        instead = f"using {published} found in the text" if published else "left unknown"
        warnings.append(f"published {_shown(given)} is not a date; {instead}")
    outlet = _text(supplied.get("outlet")) or inferred.outlet or outlet_for_url(url)
    authors = split_authors(supplied.get("authors"), keep_agencies=True)
    return Metadata(
        title=_text(supplied.get("title")) or inferred.title,
        authors=authors or list(inferred.authors),
        published=published,
        url=url,
        outlet=outlet,
        warnings=warnings,
    )


def _shown(value: object, limit: int = 80) -> str:
    """A value as it appears in a warning: its repr, cut to ``limit`` characters."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _text(value: object) -> str | None:
    """A string value with its whitespace collapsed, ``None`` if empty or not a string."""
    return " ".join(value.split()) or None if isinstance(value, str) else None
