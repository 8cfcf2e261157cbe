"""The data the cleaners run on, loaded once from ``dyad/data``.

``boilerplate.txt`` holds regular expressions for page chrome, legal tails, photo credits,
byline job titles and reader-comment headers; ``outlets.tsv`` maps web domains to outlet
names and marks wire agencies. Both are plain files so that adding a site's furniture or a new
outlet is a data change, not a code change. Each loader is cached: the files are read and
compiled on first use only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Compiled pattern sets; see the header of ``data/boilerplate.txt`` for their meaning."""

    chrome: re.Pattern[str]
    legal: re.Pattern[str]
    caption: re.Pattern[str]
    role: re.Pattern[str]
    comment: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Outlets:
    """Outlet names by domain and by spelling, and which names are wire agencies."""

    by_domain: dict[str, str]
    by_alias: dict[str, str]  # casefolded name or alias -> canonical name
    agencies: frozenset[str]  # casefolded names and aliases of wire agencies
    mention: re.Pattern[str] | None  # publisher names worth finding inside boilerplate


def _data_lines(name: str) -> list[str]:
    text = resources.files("dyad").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def boilerplate() -> Boilerplate:
    """The compiled ``boilerplate.txt`` (one alternation per section, for speed)."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in _data_lines("boilerplate.txt"):
        if line.startswith("[") and line.rstrip().endswith("]"):
            current = line.strip()[1:-1]
            sections.setdefault(current, [])
        else:
            sections[current].append(line.rstrip())
    flags = re.IGNORECASE
    return Boilerplate(
        chrome=re.compile(_alternation(sections["chrome"]), flags),
        legal=re.compile(_alternation(sections["legal"]), flags),
        caption=re.compile(rf"(?:{_alternation(sections['caption'])})\s*$", flags),
        role=re.compile(_alternation(sections["role"]), flags),
        comment=re.compile(_alternation(sections["comment"]), flags),
    )


@cache
def outlets() -> Outlets:
    """The parsed ``outlets.tsv``."""
    by_domain: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    agencies: set[str] = set()
    mentionable: set[str] = set()
    for line in _data_lines("outlets.tsv"):
        domain, name, kind, aliases = [*line.split("\t"), "", "", ""][:4]
        spellings = [name, *(a.strip() for a in aliases.split("|") if a.strip())]
        by_domain[domain.strip().lower()] = name
        for spelling in spellings:
            by_alias.setdefault(spelling.casefold(), name)
            if kind.strip() == "agency":
                agencies.add(spelling.casefold())
            elif len(spelling) >= 5:
                # short names ("RT", "CNN", "Time") are too likely to match ordinary words
                mentionable.add(spelling)
    names = sorted(mentionable, key=len, reverse=True)
    mention = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)") if names else None
    return Outlets(by_domain, by_alias, frozenset(agencies), mention)


def outlet_for_url(url: str | None) -> str | None:
    """The outlet whose domain serves ``url`` (subdomains included), else ``None``."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:
        return None
    table = outlets().by_domain
    parts = host.removeprefix("www.").split(".")
    # try the longest suffix first so that news.sky.com wins over a bare sky.com entry
    for start in range(len(parts) - 1):
        name = table.get(".".join(parts[start:]))
        if name:
            return name
    return None


def outlet_named(text: str) -> str | None:
    """The canonical outlet name if ``text`` is exactly one of its spellings."""
    return outlets().by_alias.get(" ".join(text.split()).casefold())


def outlet_mentioned(text: str) -> str | None:
    """The first publisher (not agency) named inside ``text``, for boilerplate paragraphs."""
    pattern = outlets().mention
    match = pattern.search(text) if pattern else None
    return outlets().by_alias[match.group(0).casefold()] if match else None


def is_agency(name: str) -> bool:
    """Whether ``name`` is a wire agency ("AP", "Reuters"), which is never an author."""
    return " ".join(name.split()).casefold() in outlets().agencies
