"""Main text and metadata of an HTML page, with trafilatura for the text and htmldate for dates.

The page is parsed once; metadata is read from that tree with trafilatura's own building
blocks, then trafilatura extracts the main text from a copy. Settings were chosen on the
article-extraction benchmark (``benchmarks/extraction.py``, shingle F1 with dyad's
post-processing): comments off and ``fast`` (no readability/jusText comparison) give 0.961,
as good as the slower full cascade (0.961); ``favor_precision`` reaches 0.963 only without
``fast``, at about 1.7 times the time; ``favor_recall`` scores 0.964 thanks to one page alone
(+0.61) while losing on six others; ``deduplicate`` (0.945), dropping tables (0.957) and
keeping comments (0.959) all lose. dyad then removes the headline trafilatura puts at the top
of the text and the chrome lines the scrape cleaner drops too.
"""

from __future__ import annotations

import contextlib
import logging
import re
from typing import Any

import htmldate
import trafilatura
from trafilatura import metadata as trafilatura_metadata

from dyad.clean.metadata import split_authors, split_title_outlet
from dyad.clean.rules import boilerplate, outlet_for_url
from dyad.model import Metadata

# trafilatura logs every page it cannot extract at WARNING; dyad reports those as InputError
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

_EXTRACT_OPTIONS: dict[str, Any] = {
    "fast": True,
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "deduplicate": False,
}
_WORDS = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def _page_metadata(tree: Any, url: str | None) -> Metadata:
    """Title, authors, date, URL and outlet from the page head and JSON-LD.

    This is trafilatura's ``extract_metadata`` without categories, tags and licence, which
    dyad never uses and which cost about 3 ms a page, 15% of the whole extraction.
    """
    found = trafilatura_metadata.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a single token is a handle or a site name (as trafilatura does)
    with contextlib.suppress(Exception):  # malformed JSON-LD must not lose the article
        found = trafilatura_metadata.extract_meta_json(tree, found)
    title = _SPACE.sub(" ", found.title or trafilatura_metadata.extract_title(tree) or "").strip()
    title, title_outlet = split_title_outlet(title)  # "<title>Headline | Outlet</title>"
    author = found.author or trafilatura_metadata.extract_author(tree)
    page_url = found.url or trafilatura_metadata.extract_url(tree, url)
    sitename = (found.sitename or "").lstrip("@").strip()
    if "//" in sitename:
        sitename = ""  # a publisher URL from JSON-LD, not a name
    return Metadata(
        title=title or None,
        authors=split_authors(author) if author else [],
        published=_publication_date(tree, page_url or url),
        url=page_url or url,
        # the table first, so one outlet has one name whatever its pages call themselves
        outlet=outlet_for_url(url or page_url) or title_outlet or sitename or None,
    )


def _publication_date(tree: Any, url: str | None) -> str | None:
    """The original publication date (not the last update), as htmldate finds it.

    From the markup first (0.5 ms a page); only a page whose markup has no date gets the
    extensive search through its text (8 ms a page on average over the extraction
    benchmark, where it gave the same date on every page that had one in the markup and
    found one more on 2 of 181 pages).
    """
    for extensive in (False, True):
        try:
            found = htmldate.find_date(
                tree, url=url, original_date=True, extensive_search=extensive
            )
        except Exception:  # htmldate's heuristics can fail on odd markup; a date is optional
            found = None
        if found:
            return str(found)
    return None


def _body(text: str, title: str | None) -> str:
    """Paragraphs of trafilatura's text, without a leading headline and chrome lines."""
    chrome = boilerplate().chrome
    paragraphs = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    paragraphs = [p for p in paragraphs if p and not chrome.fullmatch(p)]
    if paragraphs and title and _words(paragraphs[0]) == _words(title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def extract_html(content: str, url: str | None = None) -> tuple[str, Metadata]:
    """Body text (paragraphs separated by a blank line) and metadata of an HTML page."""
    tree = trafilatura.load_html(content)
    if tree is None:
        return "", Metadata(url=url, outlet=outlet_for_url(url))
    meta = _page_metadata(tree, url)
    # given the parsed tree, bare_extraction prunes a copy of it instead of parsing again
    document = trafilatura.bare_extraction(tree, url=url, **_EXTRACT_OPTIONS)
    text = getattr(document, "text", None) or ""
    return _body(text, meta.title), meta
