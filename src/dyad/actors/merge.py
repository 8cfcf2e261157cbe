"""Merging dyad's curated records into the converted Phoenix records of the same actor.

A curated record (``leaders.jsonl``, ``places.jsonl``) and a Phoenix record are the same actor
when they share an id or a full-name key (name, alias or seat, compared with
:func:`~dyad.actors.names.name_key`) and are compatible: both people of the same country (or
one of them of no country), or both organisations of the same country and sector. The merged
record keeps every curated field, adds the Phoenix names as aliases, and keeps the Phoenix roles
whose code the curated record does not cover (its roles replace those with the same code). The
Phoenix id then redirects to the curated one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from dyad.actors.index import NameIndex, Stored
from dyad.actors.names import name_key
from dyad.actors.records import Actor
from dyad.actors.table import RawActor

PHOENIX_SOURCE = "phoenix.tsv.gz"


def actor_keys(actor: Actor) -> set[str]:
    """Every full-name key an actor answers to: name, aliases, seats and id."""
    keys = {name_key(actor.name), name_key(actor.id)}
    keys.update(name_key(a) for a in actor.aliases)
    keys.update(name_key(s) for s in actor.seats)
    keys.discard("")
    return keys


def compatible(curated: Actor, other: RawActor) -> bool:
    """True if the table row ``other`` may be merged into ``curated`` (see above)."""
    kind, country = other.type, other.country or None
    if (curated.type == "PERSON") != (kind == "PERSON"):
        return False
    if curated.type == "PERSON":
        return curated.country is None or country in (None, curated.country)
    return country == curated.country and (other.sector or None) == curated.sector


def merge(curated: Actor, others: Iterable[Actor]) -> Actor:
    """``curated`` with the names and uncovered roles of ``others`` added."""
    others = list(others)
    if not others:
        return curated
    seen = {name_key(curated.name), *(name_key(a) for a in curated.aliases)}
    aliases = list(curated.aliases)
    codes = {r.code for r in curated.roles}
    roles = list(curated.roles)
    for other in others:
        for alias in (other.name, *other.aliases):
            key = name_key(alias)
            if key and key not in seen:
                seen.add(key)
                aliases.append(alias)
        roles.extend(r for r in other.roles if r.code not in codes and r not in roles)
    return replace(curated, aliases=tuple(aliases), roles=tuple(roles))


def absorb(curated: Actor, store: dict[str, Stored], index: NameIndex) -> tuple[Actor, list[str]]:
    """Merge into ``curated`` every compatible Phoenix table row that shares a key with it,
    taking those records out of ``store`` and ``index``; returns the merged actor and the ids
    it absorbed. A row that only shares the id is renamed ``<id>-<type>``."""
    absorbed: list[Actor] = []
    ids: list[str] = []
    for key in sorted(actor_keys(curated)):
        for ident in list(index.ids(key)):
            rec = store.get(ident)
            if isinstance(rec, RawActor) and compatible(curated, rec):
                index.remove(ident, rec)
                del store[ident]
                absorbed.append(rec.to_actor(PHOENIX_SOURCE))
                ids.append(ident)
    clash = store.get(curated.id)
    if isinstance(clash, RawActor):  # same slug, different actor
        index.remove(curated.id, clash)
        renamed = clash._replace(id=f"{curated.id}-{clash.type.lower()}")
        store[renamed.id] = renamed
        index.add(renamed.id, renamed)
        del store[curated.id]
    return merge(curated, absorbed), ids
