"""Cross-article fusion: event mentions that describe one real-world event become one fused event.

Pure logic over plain records; :mod:`dyad.store.fusing` loads and saves them. A
:class:`Mention` is one event as one article reported it; a :class:`Fused` event is the union
of the mentions that agree on type family, participants, date and place (see
:mod:`dyad.stories.rules`). :func:`fuse` takes a batch of new mentions and the fused events that
share a block with any of them (same participants and family, overlapping months) and returns
the fused events it created or changed. Each fused event keeps running aggregates (date
interval, status reports, place votes) so that adding a mention never re-reads the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..time.spans import Interval, display, interval
from .rules import (
    ONE_SIDED_MAX_DAYS,
    SYMMETRIC,
    family,
    kind,
    months,
    overlap,
    places_compatible,
    status_rank,
    window,
)


@dataclass(slots=True)
class Mention:
    """One event mention: what one article says happened (ids of resolved actors only)."""

    article_id: str
    idx: int
    type: str
    status: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    date_value: str | None
    location: dict[str, Any] | None
    published: date | None
    names: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str | None:
        """The block key: participants (as a set if the type is symmetric) and family."""
        if self.type in SYMMETRIC:
            ids = sorted(set(self.actors) | set(self.recipients))
            return f"{family(self.type)}:{','.join(ids)}" if ids else None
        if not self.actors and not self.recipients:
            return None
        return (
            f"{family(self.type)}:{','.join(sorted(set(self.actors)))}"
            f">{','.join(sorted(set(self.recipients)))}"
        )

    @property
    def one_sided(self) -> bool:
        """Whether only one side is known: "Assad met", "someone accused Assad"."""
        if self.type in SYMMETRIC:
            return len(set(self.actors) | set(self.recipients)) == 1
        return not self.actors or not self.recipients

    @property
    def own_span(self) -> Interval | None:
        return interval(self.date_value)

    @property
    def span(self) -> Interval | None:
        """The days the event may lie in: its own date, else the publication window."""
        own = self.own_span
        if own is not None:
            return own
        return window(self.published, self.status) if self.published else None


@dataclass(slots=True)
class Fused:
    """One real-world event and the running aggregates of every mention of it."""

    id: str
    type: str
    key: str | None
    actors: dict[str, str] = field(default_factory=dict)
    recipients: dict[str, str] = field(default_factory=dict)
    lo: date | None = None
    hi: date | None = None
    best: str | None = None  # the most precise date a source gave itself
    occurred_report: date | None = None  # latest report that says it happened
    plan_status: str | None = None  # planned/cancelled as the latest such report says
    plan_report: date | None = None
    weak_status: str | None = None
    places: dict[str, int] = field(default_factory=dict)  # "name|country" -> votes
    articles: list[str] = field(default_factory=list)
    n_mentions: int = 0
    first_reported: date | None = None

    @property
    def participants(self) -> list[str]:
        return sorted(set(self.actors) | set(self.recipients))

    @property
    def dated(self) -> bool:
        return self.best is not None

    @property
    def date_value(self) -> str | None:
        """The most precise date all sources agree on (or the reporting window's month).

        An undated event lies in its reports' window. A deed's window is the week before its
        first report ("in the week before 3 February"); when that week crosses a month
        boundary, the report's month stands for it (shown as inferred) rather than the whole
        year. A plan's window is the two months after: too wide to name one month.
        """
        shown = display((self.lo, self.hi)) if self.lo and self.hi else None
        if self.best and (shown is None or len(self.best) > len(shown)):
            return self.best
        deed = self.status == "occurred"
        if deed and not self.dated and self.lo and self.hi and (shown is None or len(shown) < 7):
            anchor = min(max(self.first_reported or self.hi, self.lo), self.hi)
            return f"{anchor.year:04d}-{anchor.month:02d}"
        return shown

    @property
    def status(self) -> str:
        if self.occurred_report is not None and (
            self.lo is None or self.occurred_report >= self.lo
        ):
            return "occurred"
        return self.plan_status or self.weak_status or "occurred"

    @property
    def location(self) -> dict[str, str | None] | None:
        if not self.places:
            return None
        name, _, country = max(self.places.items(), key=lambda kv: (kv[1], len(kv[0])))[
            0
        ].partition("|")
        return {"name": name or None, "country": country or None}


def fused_id(mention: Mention) -> str:
    """A stable id: the first mention's article and index."""
    return "fe-" + hashlib.sha256(f"{mention.article_id}:{mention.idx}".encode()).hexdigest()[:16]


def compatible(mention: Mention, fused: Fused) -> bool:
    span = mention.span
    if span is None or fused.lo is None or fused.hi is None:
        return False
    if overlap(span, (fused.lo, fused.hi)) is None:
        return False
    if mention.one_sided and not _close_enough(mention, span, fused):
        return False
    if mention.own_span is None and fused.dated and not _consistent(mention, fused):
        return False
    return places_compatible(mention.location, fused.location)


def _close_enough(mention: Mention, span: Interval, fused: Fused) -> bool:
    """Whether a one-sided mention is precise enough to join ``fused`` (see ONE_SIDED_MAX_DAYS).

    Without it "terrorism would be met with an iron fist" (dated by "later this year") became
    one event with every meeting of Assad's that year, from an envoy's visit in March to talks
    in July.
    """
    assert fused.lo is not None and fused.hi is not None
    wide = max(span[1] - span[0], fused.hi - fused.lo).days + 1 > ONE_SIDED_MAX_DAYS
    return not wide and kind(mention.status) == kind(fused.status)


def _consistent(mention: Mention, fused: Fused) -> bool:
    """Whether an undated mention can be a report of a dated event whose status differs.

    An undated mention is placed only by its report's window, too weak on its own to turn a
    dated plan into a meeting that happened: "his talks with Putin were productive", in a
    paper of the summit's own days, is not the summit meeting it calls planned. A report of
    a deed is taken when it comes after every day the event may lie in, a report of an
    intention when it comes before them.
    """
    if (kind(mention.status) == "intent") == (kind(fused.status) == "intent"):
        return True
    report = mention.published
    if report is None or fused.lo is None or fused.hi is None:
        return False
    return report > fused.hi if mention.status == "occurred" else report < fused.lo


def _preference(mention: Mention, fused: Fused) -> tuple[bool, bool, int, int]:
    assert fused.lo is not None and fused.hi is not None
    same_day = mention.date_value is not None and mention.date_value == fused.best
    place = mention.location is not None and fused.location is not None
    place_same = place and (mention.location or {}).get("name") == (fused.location or {}).get(
        "name"
    )
    return same_day, place_same, -(fused.hi - fused.lo).days, fused.n_mentions


def absorb(fused: Fused, mention: Mention) -> None:
    """Add one mention to a fused event's aggregates (the mention must be compatible)."""
    span = mention.span
    if span is not None:
        both = overlap(span, (fused.lo, fused.hi)) if fused.lo and fused.hi else span
        fused.lo, fused.hi = both or span
    own = mention.own_span
    if own is not None and (fused.best is None or own[1] - own[0] < _width(fused.best)):
        fused.best = mention.date_value
    report = mention.published
    if mention.status == "occurred":
        seen = report or date.max
        fused.occurred_report = max(fused.occurred_report or seen, seen)
    elif status_rank(mention.status) == 1:
        if fused.plan_status is None or _later(mention.status, report, fused.plan_report):
            fused.plan_status, fused.plan_report = mention.status, report
    elif fused.weak_status is None or status_rank(mention.status) < status_rank(fused.weak_status):
        fused.weak_status = mention.status
    if mention.location and (mention.location.get("name") or mention.location.get("country")):
        vote = f"{mention.location.get('name') or ''}|{mention.location.get('country') or ''}"
        fused.places[vote] = fused.places.get(vote, 0) + 1
    _add_people(fused, mention)
    if mention.article_id not in fused.articles:
        fused.articles.append(mention.article_id)
    fused.n_mentions += 1
    if report and (fused.first_reported is None or report < fused.first_reported):
        fused.first_reported = report


def _later(status: str, report: date | None, than: date | None) -> bool:
    """A later report wins; on the same day "cancelled" beats "planned"."""
    mine, theirs = report or date.min, than or date.min
    return mine > theirs or (mine == theirs and status == "cancelled")


def _width(value: str) -> Any:
    span = interval(value)
    return span[1] - span[0] if span else date.max - date.min


def _add_people(fused: Fused, mention: Mention) -> None:
    names = mention.names
    if mention.type in SYMMETRIC:
        for ident in (*mention.actors, *mention.recipients):
            if ident not in fused.recipients:
                fused.actors.setdefault(ident, names.get(ident, ident))
        return
    for ident in mention.actors:
        fused.actors.setdefault(ident, names.get(ident, ident))
    for ident in mention.recipients:
        fused.recipients.setdefault(ident, names.get(ident, ident))


def _order(mention: Mention) -> tuple[int, int, str, int]:
    """Dated mentions first, most precise first, so undated ones join dated events."""
    own = mention.own_span
    width = (own[1] - own[0]).days if own else 10**6
    return (0 if own else 1), width, mention.article_id, mention.idx


def fuse(mentions: Iterable[Mention], candidates: Iterable[Fused]) -> tuple[
    dict[str, Fused], dict[tuple[str, int], str]
]:  # fmt: skip
    """Fuse a batch of mentions into the candidates (or new fused events).

    Returns the fused events created or changed, by id, and each mention's fused id. Only
    fused events in the same block (key and month) are ever compared: cost is linear in the
    batch size times the (small) number of events per block.
    """
    index: dict[tuple[str, str], list[Fused]] = {}
    for fused in candidates:
        _index(index, fused)
    touched: dict[str, Fused] = {}
    assigned: dict[tuple[str, int], str] = {}
    for mention in sorted(mentions, key=_order):
        target = _best_candidate(index, mention)
        if target is None:
            target = Fused(id=fused_id(mention), type=mention.type, key=mention.key)
        absorb(target, mention)
        _index(index, target)
        touched[target.id] = target
        assigned[(mention.article_id, mention.idx)] = target.id
    return touched, assigned


def _index(index: dict[tuple[str, str], list[Fused]], fused: Fused) -> None:
    if fused.key is None or fused.lo is None or fused.hi is None:
        return
    for month in months((fused.lo, fused.hi)):
        bucket = index.setdefault((fused.key, month), [])
        # by identity: `fused in bucket` compared every field of every event in the bucket
        # (dataclass equality), a cost that grew with the events already stored in a block
        if not any(other is fused for other in bucket):
            bucket.append(fused)


def _best_candidate(index: dict[tuple[str, str], list[Fused]], mention: Mention) -> Fused | None:
    key, span = mention.key, mention.span
    if key is None or span is None:
        return None
    seen: dict[str, Fused] = {}
    first, last = span
    for month in months(span):
        for fused in index.get((key, month), ()):
            # the days must overlap (compatible() checks it first): tested here, on the span
            # computed once, since most events of a busy block and month are on other days
            if fused.hi is None or fused.lo is None or fused.hi < first or fused.lo > last:
                continue
            if fused.id not in seen and compatible(mention, fused):
                seen[fused.id] = fused
    if not seen:
        return None
    return max(seen.values(), key=lambda f: _preference(mention, f))
