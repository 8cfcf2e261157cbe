"""The name index of the actor knowledge base: lookup key → actor ids, and surname → people.

Every name, alias, seat and id of an actor is indexed under its
:func:`~dyad.actors.names.name_key`; people are also indexed under their surname keys. Rows
of the shipped Phoenix table (:class:`~dyad.actors.table.RawActor`) are indexed without being
turned into :class:`~dyad.actors.records.Actor` objects, which keeps loading fast.
"""

from __future__ import annotations

from dyad.actors.names import PARTICLES, name_key
from dyad.actors.records import Actor
from dyad.actors.table import RawActor

Stored = Actor | RawActor


def stored_keys(ident: str, stored: Stored) -> tuple[set[str], list[str]]:
    """The full-name keys and surname keys of an actor or table row."""
    name, kind = stored.name, stored.type
    if isinstance(stored, Actor):
        others: tuple[str, ...] = (*stored.aliases, *stored.seats)
    else:
        others = tuple(stored.alias_list())
    key = name_key(name)
    keys = {key, ident.replace("-", " ")}
    keys.update(name_key(o) for o in others)
    keys.discard("")
    country = stored.country or None
    return keys, (surname_keys(name, country) if kind == "PERSON" else [])


# Countries whose names are written family name first ("Xi Jinping", "Moon Jae-in").
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM"})


def surname_keys(name: str, country: str | None = None) -> list[str]:
    """Keys a person may be called by alone: ``"Bashar al-Assad"`` → ``["al assad",
    "assad"]``, ``"Ursula von der Leyen"`` → ``["leyen", "von der leyen"]``, ``"Xi Jinping"``
    (CHN) → ``["xi"]``; ``[]`` for a one-word name."""
    words = name.split()
    if len(words) < 2:
        return []
    if country in FAMILY_NAME_FIRST and len(words) <= 3:
        return [name_key(words[0])]
    last = words[-1]
    keys = [name_key(last)]
    head, _, rest = last.partition("-")
    if rest and head.lower() in PARTICLES:
        keys.append(name_key(rest))
    first = len(words) - 1
    while first > 1 and words[first - 1].lower() in PARTICLES:
        first -= 1
    if first < len(words) - 1:
        keys.append(name_key(" ".join(words[first:])))
    return [k for k in dict.fromkeys(keys) if k]


class NameIndex:
    """Lookup key → ids, and surname key → ids of people."""

    def __init__(self) -> None:
        self.names: dict[str, list[str]] = {}
        self.surnames: dict[str, list[str]] = {}

    def add(self, ident: str, stored: Stored) -> None:
        keys, surnames = stored_keys(ident, stored)
        names = self.names
        for key in keys:
            names.setdefault(key, []).append(ident)
        for key in surnames:
            self.surnames.setdefault(key, []).append(ident)

    def add_records(self, records: list[RawActor]) -> None:
        """Index many table rows (the fast path of :meth:`add`)."""
        names, surnames = self.names, self.surnames
        for rec in records:
            ident = rec.id
            key = name_key(rec.name)
            keys = [key] if ident.replace("-", " ") == key else [key, ident.replace("-", " ")]
            if rec.aliases:
                keys.extend(k for a in rec.aliases.split("|") if (k := name_key(a)))
            for k in dict.fromkeys(keys) if len(keys) > 1 else keys:
                if k in names:
                    names[k].append(ident)
                else:
                    names[k] = [ident]
            if rec.type == "PERSON" and " " in key:
                words = rec.name.rsplit(" ", 2)
                simple = (
                    len(words) > 1 and "-" not in words[-1] and words[-2].lower() not in PARTICLES
                )
                if simple and rec.country not in FAMILY_NAME_FIRST:
                    found = [key.rsplit(" ", 1)[-1]]
                else:
                    found = surname_keys(rec.name, rec.country)
                for k in found:
                    if k in surnames:
                        surnames[k].append(ident)
                    else:
                        surnames[k] = [ident]

    def remove(self, ident: str, stored: Stored) -> None:
        keys, surnames = stored_keys(ident, stored)
        for table, table_keys in ((self.names, keys), (self.surnames, surnames)):
            for key in table_keys:
                ids = table.get(key)
                if ids and ident in ids:
                    ids.remove(ident)
                    if not ids:
                        del table[key]

    def ids(self, key: str) -> list[str]:
        return self.names.get(key, [])

    def surname_ids(self, key: str) -> list[str]:
        return self.surnames.get(key, [])
