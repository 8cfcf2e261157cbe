"""Calendar arithmetic for resolving time expressions against an anchor date.

Small pure functions on :class:`datetime.date`: shifting by calendar units, finding the
weekday or month occurrence nearest the anchor in the direction the verb tense implies, and
formatting TimeML values (``2012-W25``, ``2012-Q2``, ``199``). ``Tense`` is one of ``"PAST"``,
``"FUTURE"``, ``"PRESENT"`` or ``"NONE"`` (no verb to go by).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Tense = Literal["PAST", "FUTURE", "PRESENT", "NONE"]


def parse_anchor(value: str | dt.date | None) -> dt.date | None:
    """A date from an ISO string (``2012-06-19`` or ``2012-06-19T10:00``), or ``None``."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def week_value(day: dt.date) -> str:
    """The ISO week of ``day`` as a TimeML value (``2012-W25``)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def weekday_near(anchor: dt.date, weekday: int, tense: Tense, rel: str = "") -> dt.date:
    """The date of ISO ``weekday`` a news report dated ``anchor`` means.

    A bare weekday is the most recent such day on or before the anchor (the paper's own
    weekday is the publication day), or the next one when the tense is future; "last" and
    "next" exclude the anchor's own day.
    """
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if rel in ("last", "past", "this past"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return anchor + dt.timedelta(days=ahead or 7)
    if back == 0:
        return anchor
    if tense == "FUTURE" or rel == "this":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def month_year(anchor: dt.date, month: int, tense: Tense, rel: str = "") -> int:
    """The year of a month named without one: this year, the last or the next occurrence."""
    if rel in ("last", "this past", "the previous", "late last"):
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel in ("next", "this coming", "the following", "early next"):
        return anchor.year if month > anchor.month else anchor.year + 1
    if rel or month == anchor.month:
        return anchor.year
    ahead = (month - anchor.month) % 12
    if tense == "FUTURE" or (tense == "PAST" and ahead <= 2):
        return anchor.year if month > anchor.month else anchor.year + 1
    if tense == "PAST":
        return anchor.year if month < anchor.month else anchor.year - 1
    # No tense to go by: the occurrence closest to the anchor.
    if ahead <= 3:
        return anchor.year + (1 if month < anchor.month else 0)
    return anchor.year - (1 if month > anchor.month else 0)


def day_year(anchor: dt.date, month: int, day: int, tense: Tense) -> int:
    """The year of a month and day named without one, by tense and nearness.

    Future tense takes the next occurrence, past tense the last one, unless the other is
    much nearer (a past-tense report of a deadline a few weeks ahead); otherwise the nearest.
    """
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = _safe_date(year, month, day)
        if candidate is not None:
            options.append(((candidate - anchor).days, year))
    if not options:
        return anchor.year
    nearest = min(options, key=lambda o: abs(o[0]))
    if tense == "FUTURE":
        ahead = [o for o in options if o[0] >= -3]
        return min(ahead)[1] if ahead else nearest[1]
    if tense == "PAST":
        behind = max((o for o in options if o[0] <= 0), default=nearest)
        if 0 < nearest[0] <= 45 and behind[0] < -60:
            return nearest[1]
        return behind[1]
    return nearest[1]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def valid_date(year: int, month: int, day: int) -> bool:
    return _safe_date(year, month, day) is not None


def nth_weekday(year: int, month: int, n: int, weekday: int) -> dt.date:
    """The ``n``-th ISO ``weekday`` of a month (``n = -1``: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def shift_value(anchor: dt.date, amount: int, unit: str) -> str | None:
    """The value ``amount`` units away from ``anchor`` at the unit's granularity."""
    if unit in ("day", "night"):
        return (anchor + dt.timedelta(days=amount)).isoformat()
    if unit == "week":
        return week_value(anchor + dt.timedelta(weeks=amount))
    if unit == "month":
        moved = add_months(anchor, amount)
        return month_value(moved.year, moved.month)
    if unit == "quarter":
        moved = add_months(anchor, 3 * amount)
        return f"{moved.year}-Q{quarter_of(moved)}"
    if unit == "year":
        return str(anchor.year + amount)
    if unit == "decade":
        return str((anchor.year + 10 * amount) // 10)
    if unit == "century":
        return str((anchor.year + 100 * amount) // 100)
    return None
