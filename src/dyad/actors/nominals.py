"""Role nominals: "the Russian president", "the Kremlin ruler", "his Russian counterpart".

A role nominal is a noun phrase whose head is an office (``role_nominals.tsv``), opened by
"the" or a possessive, with only a country word ("Russian", "U.S.", "Kremlin", "Russia's")
and harmless modifiers between ("the current president"). It names whoever held that office
in that country on the article's date, so it is resolved through the knowledge base
(:meth:`Resolver.holder`): "the Russian president" is Putin in 2013 and Medvedev in 2009; "the
Russian leader" is the head of state, or the head of government where that office leads.
Without a date it resolves only to a person the article itself titles that way ("Russian
President Vladimir Putin"). A bare "the president" goes to the one person mentioned earlier
who is president (on the date, or by the article's titles). Past and future phrases ("the
former president", "the new U.S. leader") and anything else unusual are left alone: precision
first. The mention covers the phrase from its first word to the office.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from dyad.actors.clusters import Cluster
from dyad.actors.lexicon import LEADER, NOMINAL_OPENERS, nominal_modifiers, role_nominals
from dyad.actors.names import name_key
from dyad.actors.resolve import Resolver
from dyad.actors.titles import title_matches

_LEADER_OFFICES = ("president", "prime minister", "premier", "chancellor", "king", "leader")
_POSSESSIVE = frozenset({"'s", "’s"})


@dataclass(frozen=True, slots=True)
class Nominal:
    """A role nominal found in the text: its span, office queries, country and opener."""

    start: int
    end: int
    queries: tuple[str, ...]
    country: str | None
    opener: str
    head: int  # token index of the office's last word


def _office_at(doc: Doc, head: Token) -> tuple[int, tuple[str, ...]] | None:
    """The longest office phrase ending at ``head``: (first token index, queries)."""
    table = role_nominals()
    for size in (3, 2, 1):
        first = head.i - size + 1
        if first < 0:
            continue
        phrase = " ".join(t.lower_ for t in doc[first : head.i + 1])
        if phrase in table:
            return first, table[phrase]
    return None


def _opening(doc: Doc, first: int, resolver: Resolver) -> tuple[int, str, str | None] | None:
    """Walk left from the office to "the"/"his"...: (opener index, opener, country)."""
    modifiers = nominal_modifiers()
    country: str | None = None
    i = first - 1
    while i >= 0:
        token = doc[i]
        low = token.lower_
        if low in NOMINAL_OPENERS:
            return i, low, country
        if low in _POSSESSIVE and i > 0 and country is None:
            country = resolver.country_of(doc[i - 1].text)
            return (i - 1, "'s", country) if country else None
        if low in modifiers:
            if modifiers[low] != "ok":
                return None
        elif country is None and token.text[:1].isupper() and resolver.country_of(token.text):
            country = resolver.country_of(token.text)
        elif low != "-":
            return None
        i -= 1
    return None


def _is_nominal_head(token: Token) -> bool:
    if token.tag_ not in {"NN", "NNP"} or token.ent_type_ == "PERSON":
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is None or not (nxt.ent_type_ == "PERSON" or nxt.tag_ == "NNP")


def find_nominals(doc: Doc, resolver: Resolver) -> list[Nominal]:
    """Every role nominal in ``doc`` that is not a title before a name."""
    heads = {phrase.split()[-1] for phrase in role_nominals()}
    found: list[Nominal] = []
    for token in doc:
        if token.lower_ not in heads or not _is_nominal_head(token):
            continue
        office = _office_at(doc, token)
        if office is None:
            continue
        opening = _opening(doc, office[0], resolver)
        if opening is None:
            continue
        index, opener, country = opening
        end = token.idx + len(token.text)
        found.append(Nominal(doc[index].idx, end, office[1], country, opener, token.i))
    return found


def _office_matches(queries: tuple[str, ...], title: str | None, office: str) -> bool:
    """Whether a KB role title or an article title ("president") answers the queries."""
    for query in queries:
        if query == LEADER:
            if any(office.startswith(o) for o in _LEADER_OFFICES):
                return True
            continue
        key = name_key(query)
        if (title and title_matches(key, title)) or name_key(office) == key:
            return True
    return False


def _by_article_titles(nominal: Nominal, people: list[Cluster]) -> Cluster | None:
    """The one person the article itself titles with this office (and country)."""
    found = {
        id(c): c
        for c in people
        for t in c.titles
        if not t.past
        and t.words
        and (nominal.country is None or t.country == nominal.country)
        and _office_matches(nominal.queries, None, t.office)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _bare(
    nominal: Nominal, people: list[Cluster], resolver: Resolver, on: date | None
) -> Cluster | None:
    """ "the president": the one earlier-mentioned person holding that office."""
    if nominal.opener != "the" or LEADER in nominal.queries:
        return None
    earlier = [c for c in people if c.first < nominal.start]
    if on is None:
        return _by_article_titles(nominal, earlier)
    holding = [
        c
        for c in earlier
        if c.actor is not None
        and _office_matches(nominal.queries, resolver.role_title(c.actor, on), "")
    ]
    return holding[0] if len(holding) == 1 else None


def resolve_nominals(
    doc: Doc, people: list[Cluster], resolver: Resolver, on: date | None
) -> list[Cluster]:
    """Add each resolvable role nominal as a mention; returns clusters made for people the
    article does not name (e.g. "the U.S. president" when Obama is never named)."""
    by_id = {c.id: c for c in people if c.id}
    created: list[Cluster] = []
    for nominal in find_nominals(doc, resolver):
        target: Cluster | None = None
        if nominal.country is None:
            target = _bare(nominal, people, resolver, on)
        elif on is None:
            target = _by_article_titles(nominal, people)
        else:
            actor = resolver.holder(nominal.queries, nominal.country, on)
            if actor is not None:
                target = by_id.get(actor.id)
                if target is None:
                    role = resolver.role_title(actor, on)
                    target = Cluster("PERSON", actor.name, actor.id, actor.country, role, actor)
                    by_id[actor.id] = target
                    created.append(target)
        if target is not None:
            target.mentions.append((nominal.start, nominal.end))
    return created
