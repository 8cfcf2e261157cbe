"""Date values as spans of days, and back: the calendar arithmetic every later stage shares.

A TIMEX3 date value names a period: ``2012-06`` is 1–30 June 2012, ``2012-W10-WE`` the
weekend of 10–11 March 2012. :func:`interval` turns a value into its first and last day;
:func:`display` turns a span back into the most precise value of the output contract (day,
month or year) that covers it; :func:`contract_value` does both, so "at the weekend" of a
Friday paper in March becomes ``2012-03`` rather than losing everything but its year.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

Interval = tuple[date, date]

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)$")
_MONTH = re.compile(r"(\d{4})-(\d\d)$")
_YEAR = re.compile(r"(\d{4})$")
_WEEK = re.compile(r"(\d{4})-W(\d\d)(-WE)?$")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])$")
_HALF = re.compile(r"(\d{4})-H([12])$")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)$")
_CONTRACT = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?")


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
            if m[3]:  # the weekend: Saturday and Sunday
                return start + timedelta(days=5), start + timedelta(days=6)
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


def contract_value(value: str | None) -> str | None:
    """A TIMEX3 value as the contract's ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (else None):
    the most precise of those covering the value's days (``2012-W10-WE`` → ``2012-03``)."""
    shown = display(interval(value))
    if shown is not None:
        return shown
    match = _CONTRACT.match(value or "")
    return match.group(0) if match else None
