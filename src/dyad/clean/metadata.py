"""Article metadata from text lines and metadata values: bylines, author lists, titles.

A byline is recognised only when every name in it looks like a person's name (or is a wire
agency), so that a sentence such as "By Tuesday, talks had stalled." is never read as one.
Wire agencies ("AP", "Reuters") are never authors: an author is a person, and an agency
credit says where the text came from, not who wrote it. The same name checks clean the
author strings of HTML metadata; names a container supplied are kept as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dyad.clean.dates import parse_date_line
from dyad.clean.rules import boilerplate, is_agency, outlet_named

_BYLINE = re.compile(
    r"(?:(?:written|reported|reporting|story|text|words|compiled)\s+by|by)\s*:?\s+(?P<names>.+)",
    re.IGNORECASE,
)
_LEAD_BY = re.compile(r"^(?:by|from)\s*:?\s+", re.IGNORECASE)
# "with additional reporting by AP", "; additional reporting by Jane Roe"
_EXTRA = re.compile(
    r"[,;.]?\s*(?:with\s+)?(?:additional\s+)?reporting\s+(?:by|from)\s+(?P<extra>.+)$",
    re.IGNORECASE,
)
# "in Washington", "in Los Cabos, Mexico" at the end of a name list
_PLACE = re.compile(r"\s+in\s+[A-Z][\w.'’-]*(?:[\s,-]+[A-Z][\w.'’-]*)*\s*$")
# Reuters-style "; Editing by Jane Roe": editors are not authors
_EDITING = re.compile(r"[,;.]?\s*(?:editing|edited)\s+by\s+.+$", re.IGNORECASE)
_FOR_OUTLET = re.compile(r"\s+for\s+(?:the\s+)?[A-Z].*$")
_SEPARATORS = re.compile(r"\s*(?:[|•·]|\s[-–—]\s)\s*")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\s/\s)\s*", re.IGNORECASE)
_PARTICLES = frozenset(
    {"von", "van", "de", "der", "den", "del", "della", "da", "di", "du", "la", "le", "bin"}
    | {"ibn", "al", "el", "ter", "dos", "das", "y", "zu", "af", "ben"}
)
_LEAD_CREDIT = re.compile(
    r"^(?:(?:analysis|text|words|photos?|posted|written|reported|reporting|story|opinion)"
    r"\s+by|by|text|from)\s*:?\s+",
    re.IGNORECASE,
)
_CALENDAR_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september"}
    | {"october", "november", "december", "monday", "tuesday", "wednesday", "thursday"}
    | {"friday", "saturday", "sunday", "updated", "published"}
)
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "for", "by"}
    | {"with", "as", "vs", "vs.", "from", "into", "over", "per", "via", "up", "off", "out"}
)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_TERMINAL = tuple(".!?:;…\"'”’»)]")


@dataclass(slots=True)
class Byline:
    """What a byline line says: the people who wrote it and the date if it carries one."""

    authors: list[str] = field(default_factory=list)
    published: str | None = None


def _is_name_token(token: str) -> bool:
    if token.lower() in _PARTICLES or token.lower() in _SUFFIXES:
        return True
    core = token.strip(".'’")
    if not core:
        return False
    first = core[0]
    if not any(ch.isupper() or ch.islower() for ch in core):
        return core.isalpha()  # scripts without case (Chinese, Japanese, Arabic...)
    # hyphenated and apostrophe names: "Jean-Paul", "O'Brien", "al-Assad"
    rest_ok = all(ch.isalpha() or ch in "-'’." for ch in core)
    return rest_ok and (first.isupper() or core.lower().startswith(("al-", "el-")))


def looks_like_name(text: str) -> bool:
    """Whether ``text`` reads as one person's name: 2-5 name-like words, one capitalised."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or not all(_is_name_token(t) for t in tokens):
        return False
    return any(t[0].isupper() for t in tokens if t.lower() not in _PARTICLES)


def _names(text: str) -> tuple[list[str], int] | None:
    """The people in a name list and how many parts were agencies, outlets or job titles;
    ``None`` if any part is none of these (then the line is not a byline)."""
    text = _PLACE.sub("", _FOR_OUTLET.sub("", _EDITING.sub("", text.strip().rstrip("."))))
    people: list[str] = []
    furniture = 0
    for part in _NAME_SPLIT.split(text):
        part = _PLACE.sub("", _LEAD_BY.sub("", part.strip().rstrip(".")))
        if not part:
            continue
        if is_agency(part) or outlet_named(part) or boilerplate().role.fullmatch(part):
            furniture += 1
        elif looks_like_name(part):
            people.append(part)
        else:
            return None
    return people, furniture


def parse_byline(line: str) -> Byline | None:
    """The byline ``line`` holds ("By X and Y", "Written by X in Place, with additional
    reporting by AP", "By X | June 19, 2012"), or ``None`` if it is not a byline."""
    head, *pieces = _SEPARATORS.split(line.strip())
    match = _BYLINE.fullmatch(head)
    if not match:
        return None
    byline = Byline()
    names = match.group("names")
    parts = [names]
    extra = _EXTRA.search(names)
    if extra:
        parts = [names[: extra.start()], extra.group("extra")]
    for piece in pieces:
        is_date, published = parse_date_line(piece)
        if is_date:
            byline.published = byline.published or published
        else:
            parts.append(piece)
    found = [_names(part) for part in parts]
    if any(f is None for f in found):
        return None
    people = [name for f in found if f for name in f[0]]
    if not people and not any(f and f[1] for f in found):
        return None
    byline.authors = dedupe(people)
    return byline


def dedupe(names: list[str]) -> list[str]:
    """``names`` without repeats (case-insensitive), first spelling and order kept."""
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return kept


def split_authors(value: object, keep_agencies: bool = False) -> list[str]:
    """Author names from a metadata value: a list of names, or one string joined by ";",
    "and", "," or "|". Values a container supplied (``keep_agencies``) are kept as given;
    values read from a page are cleaned of credits, bios and furniture by :func:`clean_author`.
    """
    if isinstance(value, list | tuple):
        parts = [item for item in value if isinstance(item, str)]
    elif isinstance(value, str):
        parts = re.split(r"\s*(?:;|,|&|\band\b|\|)\s*", value)
    else:
        return []
    names: list[str] = []
    for part in parts:
        part = " ".join(part.split()).strip(" .")
        if not part or "://" in part or "@" in part:
            continue  # profile links and e-mail addresses that sites put in author fields
        name = part if keep_agencies else clean_author(part)
        if name:
            names.append(name)
    return dedupe(names)


def clean_author(text: str) -> str | None:
    """A person's name from an author string a page supplied, or ``None`` if it holds none.

    Sites fill author fields with credits ("Analysis by X"), bios ("X is a reporter"),
    dates ("X November"), agencies and outlets ("X Associated Press", "CNN Business"),
    job titles ("Science X staff") and user names ("admin"); only the name is kept.
    """
    tokens = _LEAD_CREDIT.sub("", text).split()
    kept: list[str] = []
    for token in tokens:
        if not _is_name_token(token) and (kept or token[:1].isalpha()):
            break  # prose starts: "Phil Helsel is a reporter ..."
        kept.append(token)
    if len(tokens) - len(kept) == 1 and boilerplate().role.fullmatch(" ".join(tokens)):
        return None  # "Science X staff", "Sports desk"
    while kept and kept[-1].lower().strip(".,") in _CALENDAR_WORDS:
        kept.pop()
    for size in (3, 2, 1):  # "JILL LAWLESS Associated Press" -> "JILL LAWLESS"
        if len(kept) > size and _is_organisation(" ".join(kept[-size:])):
            kept = kept[:-size]
            break
    name = " ".join(kept)
    if not name or any(_is_organisation(" ".join(kept[:n])) for n in (1, 2, 3)):
        return None
    if boilerplate().role.fullmatch(name):
        return None
    cased = any(ch.isupper() or ch.islower() for ch in name)
    # one word in a cased script is a user name or a site ("admin", "Josh"); CJK names
    # are written without spaces and are kept
    return None if cased and len(kept) < 2 else name


def _is_organisation(text: str) -> bool:
    return is_agency(text) or outlet_named(text) is not None


def is_title_line(text: str) -> bool:
    """Whether a line can be a headline: short, not ending like a sentence unless it is
    written in Title Case (some corpora end every headline with a period)."""
    words = text.split()
    if not words or len(words) >= 20 or text.endswith((",", ";", ":")):
        return False
    if text.endswith(".") and not text.endswith("..."):
        return _is_title_case(words)
    return True


def _is_title_case(words: list[str]) -> bool:
    content = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    return len(content) >= 3 and all(w[0].isupper() for w in content)


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence-final punctuation (or a closing quote/bracket)."""
    return text.rstrip().endswith(_TERMINAL)


def split_title_outlet(title: str) -> tuple[str, str | None]:
    """Strip a trailing " | Outlet" / " - Outlet" from a headline when Outlet is known."""
    match = re.match(r"(?P<title>.+?)\s+[|–—-]\s+(?P<site>[^|–—]+)$", title)
    if match:
        outlet = outlet_named(match.group("site"))
        if outlet:
            return match.group("title").strip(), outlet
    return title, None
