"""The time-aware actor knowledge base: who an actor is, and who held which role when.

:meth:`ActorKB.load` reads the shipped data in ``dyad/data/actors/`` (the converted Phoenix
dictionaries, then dyad's curated ``leaders.jsonl`` and ``places.jsonl``, which merge with
Phoenix records of the same actor) and then the user's ``extra_files``, whose records replace
shipped ones with the same id. Every name goes through :func:`~dyad.actors.names.name_key`, so
lookups ignore case, diacritics and punctuation. :func:`default_kb` is the cached instance for
the shipped data alone. The format of the files is documented in ``docs/actor-kb.md``.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from dyad.actors.cameo import SECTORS, chunks
from dyad.actors.index import NameIndex, Stored
from dyad.actors.merge import PHOENIX_SOURCE, absorb
from dyad.actors.names import name_key
from dyad.actors.records import Actor, Role, read_actor_file
from dyad.actors.table import read_table
from dyad.actors.titles import role_rank, title_matches

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
PHOENIX_FILE = PHOENIX_SOURCE
CURATED_FILES = ("leaders.jsonl", "places.jsonl")
AGENTS_FILE = "agents.tsv"
RoleTable = dict[str, list[tuple[str, int]]]
_POSSESSIVE = re.compile(r"['’]s?$")


def _prominence(actor: Actor) -> tuple[bool, int, str]:
    """Sort key: curated actors first, then those with more roles and names."""
    return (actor.source == PHOENIX_FILE, -(len(actor.roles) + len(actor.aliases)), actor.id)


class ActorKB:
    """Actors by id and by name, with their roles over time."""

    def __init__(
        self,
        actors: dict[str, Stored],
        redirect: dict[str, str] | None = None,
        index: NameIndex | None = None,
    ) -> None:
        """An index over ``actors`` by id (raw converter records become :class:`Actor`
        objects when first used). Use :meth:`load` to read the data files."""
        self._by_id = actors
        self._redirect = dict(redirect or {})
        if index is None:
            index = NameIndex()
            for ident, stored in actors.items():
                index.add(ident, stored)
        self._index = index
        self._adjectives: dict[str, str] = {}
        self._countries: dict[str, str] = {}
        self._seats: dict[str, str] = {}
        self._governments: dict[str, str] = {}
        self._titles: RoleTable | None = None
        self._codes: RoleTable | None = None
        self._agents: dict[str, str] | None = None
        self._data_dir = DATA_DIR
        for actor in actors.values():
            if isinstance(actor, Actor):
                self._index_place(actor)

    @classmethod
    def load(cls, extra_files: Sequence[Path] = (), data_dir: Path | None = None) -> ActorKB:
        """The shipped actors plus ``extra_files`` (user records replace shipped ones by id).

        Raises :class:`~dyad.actors.records.ActorFileError` naming the file and line of the
        first bad record.
        """
        folder = data_dir or DATA_DIR
        path = folder / PHOENIX_FILE
        store: dict[str, Stored] = {}
        index = NameIndex()
        records = read_table(path) if path.exists() else []
        store.update((rec.id, rec) for rec in records)
        index.add_records(records)
        redirect: dict[str, str] = {}
        for name in CURATED_FILES:
            for actor in read_actor_file(folder / name):
                merged, absorbed = absorb(actor, store, index)
                redirect.update(dict.fromkeys((i for i in absorbed if i != actor.id), actor.id))
                cls._put(store, index, merged)
        for extra in extra_files:
            for actor in read_actor_file(Path(extra), source=str(extra)):
                cls._put(store, index, actor)
                redirect.pop(actor.id, None)
        kb = cls(store, redirect, index)
        kb._data_dir = folder
        return kb

    @staticmethod
    def _put(store: dict[str, Stored], index: NameIndex, actor: Actor) -> None:
        """Add ``actor``, replacing (and unindexing) any actor with the same id."""
        old = store.get(actor.id)
        if old is not None:
            index.remove(actor.id, old)
        store[actor.id] = actor
        index.add(actor.id, actor)

    def _index_place(self, actor: Actor) -> None:
        for seat in actor.seats:
            self._seats.setdefault(name_key(seat), actor.id)
        if actor.type == "GPE" and actor.country:
            for name in (actor.name, *actor.aliases, actor.country):
                self._countries.setdefault(name_key(name), actor.country)
            for adjective in actor.adjectives:
                self._adjectives.setdefault(name_key(adjective), actor.country)
        elif actor.country and actor.id.startswith("government-of-"):
            self._governments.setdefault(actor.country, actor.id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Actor]:
        return (self._actor(ident) for ident in list(self._by_id))

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and self.get(ident) is not None

    def _actor(self, ident: str) -> Actor:
        stored = self._by_id[ident]
        if isinstance(stored, Actor):
            return stored
        actor = self._by_id[ident] = stored.to_actor(PHOENIX_FILE)
        return actor

    def get(self, ident: str) -> Actor | None:
        """The actor with this id (or the id of a record merged into it), or ``None``."""
        ident = ident.strip()
        ident = ident if ident in self._by_id else self._redirect.get(ident, "")
        return self._actor(ident) if ident in self._by_id else None

    def _actors(self, ids: Sequence[str]) -> list[Actor]:
        return sorted((self._actor(i) for i in ids), key=_prominence)

    def lookup(self, name: str) -> list[Actor]:
        """Actors a name may refer to, most likely first; ``[]`` if none.

        Exact matches of the name, an alias, a seat or the id come first; then every person
        with that surname ("Putin", "al-Assad", "von der Leyen", "Xi"), or for "V. Putin"
        every person with that surname and first initial. The caller disambiguates.
        """
        key = name_key(name)
        if not key:
            return []
        found: list[Actor] = []
        direct = self.get(name)
        if direct is not None:
            found.append(direct)
        found += [a for a in self._actors(self._index.ids(key)) if a not in found]
        tokens = key.split()
        surname: list[Actor] = []
        if self._index.surname_ids(key):
            surname = self._actors(self._index.surname_ids(key))
        elif len(tokens) >= 2 and all(len(t) == 1 for t in tokens[:-1]):
            surname = [
                a
                for a in self._actors(self._index.surname_ids(tokens[-1]))
                if name_key(a.name).startswith(tokens[0])
            ]
        return found + [a for a in surname if a not in found]

    # -- roles over time --------------------------------------------------------------------
    def _role_tables(self) -> tuple[RoleTable, RoleTable]:
        """Roles by title and by code, as (actor id, role position); built on first use
        without turning table rows into actors."""
        if self._titles is None or self._codes is None:
            titles: RoleTable = {}
            codes: RoleTable = {}
            for ident, stored in self._by_id.items():
                if isinstance(stored, Actor):
                    pairs = [(r.code, r.title) for r in stored.roles]
                else:
                    pairs = [(code, None) for code in stored.role_codes()]
                for position, (code, title) in enumerate(pairs):
                    if title:
                        titles.setdefault(title, []).append((ident, position))
                    if code:
                        codes.setdefault(code.upper(), []).append((ident, position))
            self._titles, self._codes = titles, codes
        return self._titles, self._codes

    def holder(self, role: str, country: str | None, on: date) -> list[Actor]:
        """Who held a role (a title such as "President", or a CAMEO code such as "RUSGOV") in
        ``country`` (ISO code, name or adjective; ``None`` for any) on the day ``on``.

        ``holder("President", "RUS", date(2013, 9, 6))`` → ``[Vladimir Putin]``. Holders with
        the most important matching role come first.
        """
        titles, codes = self._role_tables()
        iso = self.country_code(country) if country else None
        if country and iso is None:
            return []
        query = name_key(role)
        candidates = list(codes.get(role.strip().upper(), []))
        for title, entries in titles.items():
            if title_matches(query, title):
                candidates.extend(entries)
        hits: dict[str, Role] = {}
        for ident, position in candidates:
            actor = self._actor(ident)
            held = actor.roles[position]
            if not held.active_on(on):
                continue
            if iso and (held.country or actor.country) != iso:
                continue
            best = hits.get(ident)
            if best is None or role_rank(held) < role_rank(best):
                hits[ident] = held

        def order(ident: str) -> tuple[int, int, tuple[bool, int, str]]:
            held = hits[ident]
            start = -(held.start or date.min).toordinal()
            return role_rank(held), start, _prominence(self._actor(ident))

        return [self._actor(i) for i in sorted(hits, key=order)]

    def role_on(self, actor: Actor | str, on: date) -> Role | None:
        """The most important role ``actor`` held on ``on`` (head of state > head of
        government > minister > other titled > untitled > elite), or ``None``."""
        found = self.get(actor) if isinstance(actor, str) else actor
        if found is None:
            return None
        active = [r for r in found.roles if r.active_on(on)]
        if not active:
            return None
        return min(active, key=lambda r: (role_rank(r), -(r.start or date.min).toordinal()))

    # -- places -----------------------------------------------------------------------------
    def country_code(self, text: str) -> str | None:
        """ISO alpha-3 code for a country code, name, alias or adjective ("Russia", "RUS",
        "Russian Federation", "Russian"), or ``None``."""
        text = _POSSESSIVE.sub("", text.strip())  # "Russia's" → "Russia"
        if not text:
            return None
        return self._countries.get(name_key(text)) or self.country_of_adjective(text)

    def country_of_adjective(self, adjective: str) -> str | None:
        """ISO alpha-3 code for a demonym or adjective: "Russian" → "RUS", "U.S." → "USA";
        plurals ("Russians") work too. ``None`` if unknown."""
        key = name_key(adjective)
        found = self._adjectives.get(key)
        if found is None and key.endswith("s"):
            found = self._adjectives.get(key[:-1])
        return found

    def government_of(self, place: str) -> Actor | None:
        """The government actor a place or institution stands for: "Moscow", "the Kremlin",
        "Russia", "Russian" → Government of Russia; "Brussels" → the European Union."""
        key = name_key(place)
        ident = self._seats.get(key)
        if ident is None:
            code = self.country_code(place)
            ident = self._governments.get(code) if code else None
        if ident is None:
            for candidate in self._index.ids(key):
                if candidate.startswith("government-of-"):
                    ident = candidate
                    break
        return self.get(ident) if ident else None

    # -- agents -----------------------------------------------------------------------------
    def agent_code(self, noun: str) -> str | None:
        """CAMEO role code a generic noun implies ("minister" → "GOV"), from Phoenix agents."""
        if self._agents is None:
            self._agents = {}
            path = self._data_dir / AGENTS_FILE
            if path.exists():
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line and not line.startswith("#") and "\t" in line:
                        term, code = line.split("\t", 1)
                        self._agents[term] = code
        term = " ".join(noun.lower().replace("_", " ").split())
        found = self._agents.get(term)
        if found is None and term.endswith("s"):  # "soldiers" → "soldier"
            found = self._agents.get(term[:-1])
        return found

    def agent_sector(self, noun: str) -> str | None:
        """Sector a generic noun implies ("minister" → "government"), or ``None``."""
        code = self.agent_code(noun)
        for part in chunks(code or ""):
            if part in SECTORS:
                return SECTORS[part]
        return None


#: Environment variable naming users' own actor files (``os.pathsep``-separated), so every
#: process of a run (a pool, a Spark executor) sees the same knowledge base.
KB_ENV = "DYAD_KB"


@functools.lru_cache(maxsize=1)
def default_kb() -> ActorKB:
    """The shipped knowledge base plus the user files in ``$DYAD_KB``, loaded once per process."""
    extra = [Path(p) for p in os.environ.get(KB_ENV, "").split(os.pathsep) if p.strip()]
    return ActorKB.load(extra)
