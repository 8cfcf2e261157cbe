"""Dating undated articles from what they report.

An article without a date line ("Obama, Putin Discuss Syria Crisis At G20") still names dates
without a year ("on June 18" → ``XXXX-06-18``, "in May" → ``XXXX-05``) and sometimes years
("2009"). When one of its undated event mentions has the same participants and family as an
already dated fused event, and the article's year-less dates point at that event's day (or
month), the event's date pins the article: it was published on or after an event it reports as
having happened (before one it reports as planned). :func:`infer_published` returns that date,
which the store marks as inferred (``articles.published_inferred``); the article's time
expressions are then resolved again against it and its mentions fused like any dated report's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from .fusion import Fused, Mention
from .rules import places_compatible

_PARTIAL = re.compile(r"XXXX-(\d\d)(?:-(\d\d))?$")
_YEAR = re.compile(r"(\d{4})(?:-|$)")


def date_clues(values: Iterable[str | None]) -> tuple[set[tuple[int, int | None]], int | None]:
    """Year-less (month, day) clues and the latest year named, from an article's timex values."""
    partial: set[tuple[int, int | None]] = set()
    years: list[int] = []
    for value in values:
        if not value:
            continue
        if m := _PARTIAL.match(value):
            partial.add((int(m[1]), int(m[2]) if m[2] else None))
        elif m := _YEAR.match(value):
            years.append(int(m[1]))
    return partial, max(years) if years else None


def _score(fused: Fused, clues: set[tuple[int, int | None]]) -> int:
    """2 when a clue names the fused event's day, 1 its month, 0 otherwise."""
    if fused.lo is None or fused.hi is None or not fused.dated:
        return 0
    if fused.lo == fused.hi and (fused.lo.month, fused.lo.day) in clues:
        return 2
    same_month = (fused.lo.year, fused.lo.month) == (fused.hi.year, fused.hi.month)
    months = {month for month, _ in clues}
    return 1 if same_month and fused.lo.month in months else 0


def infer_published(
    mentions: Sequence[Mention],
    timex_values: Iterable[str | None],
    candidates: Mapping[str, Sequence[Fused]],
) -> date | None:
    """The earliest publication date consistent with the best-supported anchor, or None.

    ``candidates`` maps a block key to the dated fused events with that key. An anchor must
    agree on place, not lie before the latest year the article names, and be pointed at by
    one of the article's year-less dates; ambiguous best anchors (two different events with
    the same support) give no answer.
    """
    clues, floor = date_clues(timex_values)
    if not clues:
        return None
    best: dict[str, tuple[int, Fused, Mention]] = {}
    for mention in mentions:
        for fused in candidates.get(mention.key or "", ()):
            if fused.hi is None or (floor is not None and fused.hi.year < floor):
                continue
            if not places_compatible(mention.location, fused.location):
                continue
            score = _score(fused, clues)
            if score and score >= best.get(fused.id, (0,))[0]:
                best[fused.id] = (score, fused, mention)
    if not best:
        return None
    ranked = sorted(best.values(), key=lambda t: -t[0])
    top = [t for t in ranked if t[0] == ranked[0][0]]
    if len({(t[1].lo, t[1].hi) for t in top}) > 1:
        return None
    _, fused, mention = top[0]
    assert fused.lo is not None and fused.hi is not None
    if mention.status in ("planned", "cancelled"):
        return fused.lo - timedelta(days=1)
    return fused.hi
