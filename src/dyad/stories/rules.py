"""The rules of fusion, as data: type families, direction, date windows and status precedence.

Two event mentions can be one real-world event only when they share a type *family*
(:data:`FAMILY`), the same participants (as a set for the symmetric types in
:data:`SYMMETRIC`, as actor → recipient sets otherwise), overlapping date intervals and
compatible places. A date value becomes an interval of days (:func:`interval`); a mention with
no date gets a window around its article's publication date that depends on its status
(:data:`UNDATED_WINDOW`: something that *occurred* happened in the days before publication,
something *planned* lies ahead). :data:`STATUS_TIERS` orders statuses when sources disagree.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

Interval = tuple[date, date]

# PLOVER type -> family; types not listed are their own family.
FAMILY: dict[str, str] = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
# Types where "A met B" and "B met A" (or "A and B met") are the same event.
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})

# Days (before, after) publication in which an undated mention of each status may lie.
UNDATED_WINDOW: dict[str, tuple[int, int]] = {
    "occurred": (-7, 0),
    "planned": (0, 60),
    "cancelled": (-30, 60),
    "negated": (-7, 60),
    "hypothetical": (-7, 60),
}
DEFAULT_WINDOW = (-7, 60)

# Status reconciliation, strongest first. "occurred" wins when a report from on or after the
# event's date says it happened; otherwise the latest report among the tier-2 statuses wins
# (a later "cancelled" overrides an earlier "planned", a later "planned" a rescheduling);
# the weak statuses only when nothing else was reported.
STATUS_TIERS: tuple[tuple[str, ...], ...] = (
    ("occurred",),
    ("cancelled", "planned"),
    ("negated",),
    ("hypothetical",),
)
# Longest interval a fused event is indexed under, in months (a year-precision date is 12).
MAX_INDEX_MONTHS = 24

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)$")
_MONTH = re.compile(r"(\d{4})-(\d\d)$")
_YEAR = re.compile(r"(\d{4})$")
_WEEK = re.compile(r"(\d{4})-W(\d\d)$")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])$")
_HALF = re.compile(r"(\d{4})-H([12])$")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)$")


def family(event_type: str) -> str:
    return FAMILY.get(event_type, event_type)


def _months(year: int, first: int, last: int) -> Interval:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), date(
        end_year, end_month, calendar.monthrange(end_year, end_month)[1]
    )


def interval(value: str | None) -> Interval | None:
    """The days a date value may stand for: ``2012-06`` is 1–30 June 2012; ``None`` if the
    value has no year (``XXXX-06-18``) or is not a calendar date (``PRESENT_REF``)."""
    if not value:
        return None
    value = value.strip()[:10] if _DAY.match(value.strip()[:10]) else value.strip()
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            return _months(int(m[1]), int(m[2]), int(m[2]))
        if m := _YEAR.match(value):
            return _months(int(m[1]), 1, 12)
        if m := _WEEK.match(value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + timedelta(days=6)
        if m := _QUARTER.match(value):
            q = int(m[2])
            return _months(int(m[1]), 3 * q - 2, 3 * q)
        if m := _HALF.match(value):
            h = int(m[2])
            return _months(int(m[1]), 6 * h - 5, 6 * h)
        if m := _SEASON.match(value):
            return _months(int(m[1]), *_SEASONS[m[2]])
    except ValueError:
        return None
    return None


def window(published: date, status: str) -> Interval:
    """Where an undated mention of this status, reported on ``published``, may lie."""
    before, after = UNDATED_WINDOW.get(status, DEFAULT_WINDOW)
    return published + timedelta(days=before), published + timedelta(days=after)


def overlap(a: Interval, b: Interval) -> Interval | None:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


def months(span: Interval) -> list[str]:
    """The ``YYYY-MM`` buckets an interval touches (at most :data:`MAX_INDEX_MONTHS`)."""
    out: list[str] = []
    year, month = span[0].year, span[0].month
    while (year, month) <= (span[1].year, span[1].month) and len(out) < MAX_INDEX_MONTHS:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def display(span: Interval | None) -> str | None:
    """The most precise date value that covers the whole interval (day, month or year)."""
    if span is None:
        return None
    lo, hi = span
    if lo == hi:
        return lo.isoformat()
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}"
    if lo.year == hi.year:
        return f"{lo.year:04d}"
    return None


def status_rank(status: str) -> int:
    """The tier of a status (0 strongest); unknown statuses rank last."""
    for rank, tier in enumerate(STATUS_TIERS):
        if status in tier:
            return rank
    return len(STATUS_TIERS)


def places_compatible(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    """Places agree unless both are known and name different countries."""
    if not a or not b:
        return True
    ca, cb = a.get("country"), b.get("country")
    if ca and cb:
        return bool(ca == cb)
    if ca or cb:
        return True
    return bool((a.get("name") or "").lower() == (b.get("name") or "").lower())
