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

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from ..time.spans import Interval

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
# A one-sided mention ("Assad met", "someone accused Assad") says too little to be matched on
# a vague date: it fuses only when its days and the fused event's span are at most this many days
# (a month, an undated report's window; not "later this year"), and only with reports of the
# same kind (deeds with deeds, intentions with intentions, the weak statuses with each other).
ONE_SIDED_MAX_DAYS = 62
# Longest interval a fused event is indexed under, in months (a year-precision date is 12).
MAX_INDEX_MONTHS = 24


def family(event_type: str) -> str:
    return FAMILY.get(event_type, event_type)


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


def kind(status: str) -> str:
    """What a status reports: a deed, an intention (planned, cancelled) or neither."""
    if status == "occurred":
        return "deed"
    return "intent" if status in ("planned", "cancelled") else "weak"


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
