"""Cooperation and conflict between two sides, period by period, on a Goldstein-style scale.

A side is an actor (``Putin``) or a country (``Russia``): a name the knowledge base resolves
to a place stands for everyone whose country is that place (the Kremlin, Putin, Russian
ministers), by the actor's knowledge-base country. Each fused event with one side among its
participants and the other side among the rest counts once, in the period of its date
(undated events are left out, and so are events that did not occur). Its weight is the
Goldstein (1992) value of the CAMEO root code its PLOVER type comes from (shipped table
``dyad/data/stories/goldstein.tsv``): positive is cooperation, negative conflict; a
period's score is the mean weight of its events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..actors import ActorKB, query_ids
from ..store import Store
from ..store.stories_queries import fused_events

RELATION_COLUMNS = ("period", "events", "cooperative", "conflictual", "score", "goldstein_sum")


@cache
def goldstein_table() -> dict[str, float]:
    """PLOVER type -> Goldstein weight (first CAMEO root row of the type in the table)."""
    path = resources.files("dyad") / "data" / "stories" / "goldstein.tsv"
    weights: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _root, weight, plover, _ = line.split("\t", 3)
        if plover != "-":
            weights.setdefault(plover, float(weight))
    return weights


@dataclass(frozen=True, slots=True)
class Side:
    """Who counts as one side: these ids, or anyone whose country is ``country``."""

    label: str
    ids: frozenset[str]
    country: str | None

    def has(self, ident: str, kb: ActorKB) -> bool:
        if ident in self.ids:
            return True
        if self.country is None:
            return False
        actor = kb.get(ident)
        return actor is not None and actor.country == self.country


def resolve_side(kb: ActorKB, name: str) -> Side:
    """A typed name as a side; a country name (or a country's id) means the whole country."""
    ids = query_ids(kb, name)
    found = kb.lookup(name)
    country = found[0].country if found and found[0].type == "GPE" else None
    return Side(label=found[0].name if found else name, ids=frozenset(ids), country=country)


def _opposed(event: dict[str, Any], a: Side, b: Side, kb: ActorKB) -> bool:
    """One side among the participants and the other among the rest (either direction)."""
    people = [r["id"] for r in (event["actors"] or []) + (event["recipients"] or [])]
    in_a = {p for p in people if a.has(p, kb)}
    in_b = {p for p in people if b.has(p, kb)}
    return bool(in_a and in_b and (len(in_a | in_b) > 1))


def period_of(value: str | None, by: str) -> str | None:
    if not value or not value[:4].isdigit():
        return None
    if by == "year":
        return value[:4]
    return value[:7] if len(value) >= 7 else None


def relations(
    store: Store, kb: ActorKB, a: Side, b: Side, *, by: str = "month"
) -> list[dict[str, Any]]:
    """One row per period: events, cooperative, conflictual, score (mean Goldstein weight)."""
    weights = goldstein_table()
    rows: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"events": 0, "cooperative": 0, "conflictual": 0, "goldstein_sum": 0.0}
    )
    # A side of named actors narrows the scan in SQL; a country side ("Russia": any actor of
    # Russia) can only be checked against the knowledge base, one event at a time.
    named: Sequence[Sequence[str]] = [sorted(s.ids) for s in (a, b) if s.country is None]
    for event in fused_events(store, named, statuses=("occurred",)):
        period = period_of(event["date_value"], by)
        if period is None or not _opposed(event, a, b, kb):
            continue
        weight = weights.get(event["type"], 0.0)
        row = rows[period]
        row["events"] += 1
        row["cooperative"] += weight > 0
        row["conflictual"] += weight < 0
        row["goldstein_sum"] += weight
    out = []
    for period in sorted(rows):
        row = {"period": period, **rows[period]}
        row["score"] = round(row["goldstein_sum"] / row["events"], 2)
        row["goldstein_sum"] = round(row["goldstein_sum"], 2)
        out.append(row)
    return out
