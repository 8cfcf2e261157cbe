"""Resolution of names to the actor knowledge base, with the caches that keep it cheap.

:class:`Resolver` answers the questions the entity stage asks of :class:`~dyad.actors.kb.ActorKB`
for every article — which actor a person's name means (:meth:`Resolver.person`), what a place,
organisation or group name stands for (:meth:`Resolver.thing`), which country a modifier names
("Russian", "U.S.", "Kremlin") and who led a country or held an office on a day — and caches
each answer, so an article costs a few dictionary look-ups next to its spaCy parse. Precision
first: a name with several candidates the article cannot tell apart stays unresolved (people
get the stable :func:`~dyad.actors.names.unknown_person_id`, other things ``None``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dyad.actors.kb import ActorKB
from dyad.actors.lexicon import LEADER, gazetteer, leading_heads_of_government, place_qualifiers
from dyad.actors.mentions import TitleHint
from dyad.actors.names import name_key
from dyad.actors.records import Actor
from dyad.actors.titles import role_rank, title_matches

GOVERNMENT_PREFIX = "government-of-"
_Filter = Callable[[Actor], bool]


@dataclass(frozen=True, slots=True)
class Thing:
    """What a non-person name stands for: KB id (or ``None``), name, type and country."""

    id: str | None
    name: str
    type: str
    country: str | None


class Resolver:
    """Cached knowledge-base questions; one per stage, shared by every article."""

    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb
        self._lookup: dict[str, list[Actor]] = {}
        self._keys: dict[str, frozenset[str]] = {}
        self._country: dict[str, str | None] = {}
        self._things: dict[tuple[str, str], Thing] = {}
        self._holders: dict[tuple[str, str | None, date], Actor | None] = {}

    # -- names ------------------------------------------------------------------------------
    def lookup(self, name: str) -> list[Actor]:
        """``kb.lookup`` with a cache."""
        found = self._lookup.get(name)
        if found is None:
            found = self._lookup[name] = self.kb.lookup(name)
        return found

    def keys(self, actor: Actor) -> frozenset[str]:
        """Every full-name key of ``actor``: id, name, aliases and seats."""
        found = self._keys.get(actor.id)
        if found is None:
            names = (actor.id, actor.name, *actor.aliases, *actor.seats)
            found = self._keys[actor.id] = frozenset(name_key(n) for n in names)
        return found

    def exact(self, name: str) -> list[Actor]:
        """Actors with ``name`` as their id, name, alias or seat (no surname matches)."""
        key = name_key(name)
        return [a for a in self.lookup(name) if key in self.keys(a)]

    def country_of(self, text: str) -> str | None:
        """ISO code a modifier or name stands for: "Russian", "U.S.", "Russia", "Kremlin"."""
        if text in self._country:
            return self._country[text]
        code = self.kb.country_of_adjective(text) or self.kb.country_code(text)
        if code is None and text[:1].isupper():
            for actor in self.exact(text):
                if actor.id.startswith(GOVERNMENT_PREFIX) and actor.seats:
                    code = actor.country
                    break
        self._country[text] = code
        return code

    def is_place(self, text: str) -> bool:
        """Whether ``text`` is exactly a country's name or a seat of government."""
        return any(
            a.type == "GPE" or (a.id.startswith(GOVERNMENT_PREFIX) and a.seats)
            for a in self.exact(text)
        )

    def place_label(self, text: str) -> str | None:
        """ "NORP" for a country adjective ("Ugandan"), "GPE" for a name the KB knows only as
        a country or seat ("Sri Lanka", "Kiev"), else ``None``."""
        if any(a.type == "PERSON" for a in self.exact(text)):
            return None
        if self.kb.country_of_adjective(text):
            return "NORP"
        return "GPE" if self.is_place(text) else None

    def place_country(self, text: str) -> str | None:
        """Country of a place that is not itself a country or seat: the gazetteer, or the
        place without its qualifiers ("South Lebanon", "Montenegro province")."""
        places = gazetteer()
        key = name_key(text)
        code = self.kb.country_code(text) or places.get(key)
        if code is None:
            qualifiers = place_qualifiers()
            words = [w for w in key.split() if w not in qualifiers]
            if words and len(words) < len(key.split()):
                rest = " ".join(words)
                code = self.kb.country_code(rest) or places.get(rest) or self._seat_country(rest)
        return code

    def _seat_country(self, text: str) -> str | None:
        seats = [a for a in self.exact(text) if a.id.startswith(GOVERNMENT_PREFIX) and a.seats]
        return seats[0].country if seats else None

    # -- people -----------------------------------------------------------------------------
    def person(self, name: str, hint: TitleHint | None, on: date | None) -> Actor | None:
        """The person ``name`` means, or ``None`` when the KB cannot say who.

        An exact match (name or alias) wins when there is one, and so does a lone candidate;
        several are narrowed by the country of the title, then by who held a role on the
        article's date, then by the office of the title, and must come down to one. A full
        name the KB does not know is tried as its surname with the same first name ("Omar
        El Bashir" → Omar al-Bashir).
        """
        people = self._people(name)
        if hint and hint.country:
            people = [a for a in people if a.country in (None, hint.country)]
        key = name_key(name)
        exact = [a for a in people if key in self.keys(a)]
        if len(exact) == 1:
            return exact[0]
        pool = exact or people
        for narrow in (self._active_on(on), self._titled(hint)):
            if len(pool) > 1:
                pool = [a for a in pool if narrow(a)] or pool
        return pool[0] if len(pool) == 1 else None

    def _people(self, name: str) -> list[Actor]:
        """People ``lookup`` offers for ``name``; for an unknown full name, the people with
        its last word as surname and its first word as first name."""
        people = [a for a in self.lookup(name) if a.type == "PERSON"]
        words = name_key(name).split()
        if people or len(words) < 2:
            return people
        return [
            a
            for a in self.lookup(words[-1])
            if a.type == "PERSON" and name_key(a.name).split()[0] == words[0]
        ]

    def _active_on(self, on: date | None) -> _Filter:
        if on is None:
            return lambda actor: True
        return lambda actor: self.kb.role_on(actor, on) is not None

    @staticmethod
    def _titled(hint: TitleHint | None) -> _Filter:
        if hint is None or not hint.words:
            return lambda actor: True
        office = name_key(hint.office)
        return lambda actor: any(r.title and title_matches(office, r.title) for r in actor.roles)

    def role_title(self, actor: Actor, on: date | None) -> str | None:
        """The title of the most important role ``actor`` held on ``on``, or ``None``."""
        if on is None:
            return None
        role = self.kb.role_on(actor, on)
        return role.title if role else None

    # -- offices ----------------------------------------------------------------------------
    def holder(self, queries: tuple[str, ...], country: str | None, on: date) -> Actor | None:
        """Who held the office (KB title queries, or ``LEADER``) in ``country`` on ``on``."""
        key = ("|".join(queries), country, on)
        if key not in self._holders:
            found: Actor | None = None
            for query in queries:
                found = (
                    self._leader(country, on) if query == LEADER else self._one(query, country, on)
                )
                if found is not None:
                    break
            self._holders[key] = found
        return self._holders[key]

    def _one(self, query: str, country: str | None, on: date) -> Actor | None:
        holders = [a for a in self.kb.holder(query, country, on) if a.type == "PERSON"]
        return holders[0] if len(holders) == 1 or (holders and country) else None

    def _leader(self, country: str | None, on: date) -> Actor | None:
        """Head of state, or head of government where that office leads (KB role rank)."""
        if country is None:
            return None
        ranked: dict[int, Actor] = {}
        for actor in self.kb.holder(f"{country}GOV", country, on):
            role = self.kb.role_on(actor, on)
            if actor.type == "PERSON" and role is not None and role.title:
                ranked.setdefault(role_rank(role), actor)
        order = (1, 0) if country in leading_heads_of_government() else (0, 1)
        return next((ranked[r] for r in order if r in ranked), None)

    # -- places, organisations, groups -------------------------------------------------------
    def thing(self, text: str, label: str) -> Thing:
        """What a non-person name stands for (cached by text and spaCy label)."""
        cache_key = (text, label)
        found = self._things.get(cache_key)
        if found is None:
            found = self._things[cache_key] = self._resolve_thing(text, label)
        return found

    def _resolve_thing(self, text: str, label: str) -> Thing:
        if label == "NORP":
            country = self.kb.country_of_adjective(text) or self.kb.country_code(text)
            if country is None and " " in text:  # "Bosnian Serbs"
                country = self.kb.country_of_adjective(text.split()[0])
            orgs = [a for a in self.exact(text) if a.type == "ORG"]
            ident = orgs[0].id if len(orgs) == 1 else None
            return Thing(ident, text, "NORP", country or (orgs[0].country if ident else None))
        actors = [a for a in self.exact(text) if a.type != "PERSON"]
        preferred = "GPE" if label in {"GPE", "LOC"} else "ORG"
        actors = [a for a in actors if a.type == preferred] or actors
        if len({(a.type, a.country) for a in actors}) == 1:
            actor = actors[0]
            return Thing(actor.id, actor.name, actor.type, actor.country)
        kind = "OTHER" if label not in {"ORG", "GPE", "LOC", "EVENT", "FAC"} else label
        country = self.place_country(text) if kind in {"GPE", "LOC", "FAC"} else None
        if country is None and kind in {"ORG", "FAC"} and " " in text:
            country = self.country_of(text.split()[0])
        return Thing(None, text, kind, country)
