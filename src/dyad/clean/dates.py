"""Publication dates: parse the forms news pages print and normalise them to ISO ``YYYY-MM-DD``.

Two entry points: :func:`parse_date` for a value that is known to be a date (container
metadata, a ``<meta>`` tag) and accepts anything from ``2012-06-19T10:00:00Z`` to
``Tue, 19 Jun 2012 10:00:00 GMT``; :func:`parse_date_line` for a line of scraped text, which
counts only if the *whole* line is a date (with an optional label, weekday and time), so that
a date mentioned in a sentence is never taken for the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?"
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (
    rf"(?P<m1>{_MONTH})\s*(?P<d1>\d{{1,2}}){_ORD},?\s+(?P<y1>\d{{4}})"  # June 19, 2012
    rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})"  # 19 June 2012
    r"|(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})"  # 2012-06-19
    r"|(?P<y4>\d{4})/(?P<m4>\d{1,2})/(?P<d4>\d{1,2})"  # 2012/06/19
    r"|(?P<a5>\d{1,2})/(?P<b5>\d{1,2})/(?P<y5>\d{4})"  # 06/19/2012 (US) or 19/06/2012
    r"|(?P<d6>\d{1,2})\.(?P<m6>\d{1,2})\.(?P<y6>\d{4})"  # 19.06.2012
)
_TIME = (
    r"(?:(?:at|@|[,|•·–—-])\s*)?\d{1,2}(?:[:.]\d{2}){1,2}(?:\.\d+)?\s*(?:[ap]\.?\s?m\.?)?"
    r"(?:\s*(?:Z|[A-Z]{2,5}|[+-]\d{2}:?\d{2})(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?"
    r"|(?:(?:at|[,|•·–—-])\s*)?\d{1,2}\s*[ap]\.?\s?m\.?(?:\s*[A-Z]{2,5})?"
)
_LABEL = (
    r"(?P<label>published|posted|first published|date|dated|updated|last updated|modified"
    r"|last modified)(?:\s+on)?\s*:?"
)
_DATE_LINE = re.compile(
    rf"(?:{_LABEL}\s*)?(?:{_WEEKDAY}\s*)?(?:{_DATE})(?:T\S+)?(?:\s*(?:{_TIME}))?",
    re.IGNORECASE,
)
_DATE_ANYWHERE = re.compile(rf"(?:{_DATE})", re.IGNORECASE)
_NOT_PUBLISHED = ("updated", "last updated", "modified", "last modified")


def _iso(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    # a "date" outside this range is a mis-parse (an ID, a page count), not a publication
    return value.isoformat() if 1800 <= value.year <= 2200 else None


def _from_match(match: re.Match[str]) -> str | None:
    g = match.groupdict()
    if g["m1"]:
        return _iso(g["y1"], _MONTHS[g["m1"][:3].lower()], g["d1"])
    if g["m2"]:
        return _iso(g["y2"], _MONTHS[g["m2"][:3].lower()], g["d2"])
    if g["y3"]:
        return _iso(g["y3"], g["m3"], g["d3"])
    if g["y4"]:
        return _iso(g["y4"], g["m4"], g["d4"])
    if g["y5"]:
        first, second = int(g["a5"]), int(g["b5"])
        # US order unless the first number cannot be a month
        return _iso(g["y5"], second, first) if first > 12 else _iso(g["y5"], first, second)
    return _iso(g["y6"], g["m6"], g["d6"])


def parse_date_line(line: str) -> tuple[bool, str | None]:
    """Whether ``line`` is a standalone date line, and the publication date it gives.

    A line labelled "Updated"/"Modified" is a date line (it is page chrome) but gives no
    publication date: the revision date is not when the article was first published.
    """
    match = _DATE_LINE.fullmatch(line.strip())
    if not match:
        return False, None
    label = (match.group("label") or "").lower()
    return True, None if label in _NOT_PUBLISHED else _from_match(match)


def parse_date(value: object) -> str | None:
    """``value`` (a string, date or datetime) as ISO ``YYYY-MM-DD``, or ``None``.

    The date is taken as written: "2012-06-19T23:00:00-05:00" is 2012-06-19, because the
    outlet's local calendar day is the one its readers saw.
    """
    if isinstance(value, dt.datetime | dt.date):
        return _iso(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.split())
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])", text)
    if iso:
        return _iso(*iso.groups())
    is_line, found = parse_date_line(text)
    if found or is_line:
        return found
    try:
        parsed = parsedate_to_datetime(text)  # RFC 2822, as in RSS and HTTP headers
    except (TypeError, ValueError, IndexError):
        match = _DATE_ANYWHERE.match(text)
        return _from_match(match) if match else None
    return _iso(parsed.year, parsed.month, parsed.day)
