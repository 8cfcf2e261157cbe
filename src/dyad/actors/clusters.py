"""Grouping the name mentions of one article into entities, each resolved once to the KB.

No coreference model runs offline, so dyad groups names itself, precision first: full names
group by the actor they resolve to (or by their words); a surname ("Putin", "Assad",
"Rodham Clinton") joins the full name it ends — the latest one mentioned before it when
several do — and a lone surname the article never spells out is looked up on its own.
A name spaCy labels as something else but that is the surname of a person in the article
("Romney" as PRODUCT, "Zlobin" as GPE) is taken as that person; "Obama-Medvedev" is split
into its two people. Places, organisations and groups group by what they resolve to
("Moscow" and "the Kremlin" are both Russia's government) or by their words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dyad.actors.lexicon import female_names
from dyad.actors.mentions import NameMention, TitleHint, entity_type
from dyad.actors.names import name_key, unknown_person_id
from dyad.actors.records import Actor
from dyad.actors.resolve import Resolver
from dyad.model import Entity, Span


@dataclass(slots=True, eq=False)
class Cluster:
    """One entity of the article while it is being built."""

    type: str
    name: str
    id: str | None = None
    country: str | None = None
    role: str | None = None
    actor: Actor | None = None
    names: list[NameMention] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    gender: str | None = None
    titles: list[TitleHint] = field(default_factory=list)

    def add(self, mention: NameMention) -> None:
        self.names.append(mention)
        self.mentions.append((mention.start, mention.end))
        if mention.title is not None:
            self.titles.append(mention.title)
            self.gender = self.gender or mention.title.gender

    @property
    def first(self) -> int:
        return min(start for start, _ in self.mentions)

    def to_entity(self) -> Entity:
        spans = sorted(set(self.mentions))
        return Entity(self.id, self.name, self.type, self.country, self.role, spans)


def surname_forms(key: str) -> list[str]:
    """The endings of a full-name key a later mention may use: "bashar al assad" → "al
    assad", "assad"."""
    words = key.split()
    return [" ".join(words[i:]) for i in range(1, len(words))]


def _split_pairs(mentions: list[NameMention], surnames: set[str]) -> list[NameMention]:
    """ "Obama-Medvedev" → "Obama", "Medvedev" when both are surnames of the article."""
    out: list[NameMention] = []
    for m in mentions:
        parts = m.text.split("-")
        if len(parts) < 2 or not all(name_key(p) in surnames for p in parts):
            out.append(m)
            continue
        offset = m.start
        for part in parts:
            out.append(
                NameMention(offset, offset + len(part), part, "PERSON", m.first_token, m.last_token)
            )
            offset += len(part) + 1
    return out


def _relabel(mentions: list[NameMention], resolver: Resolver) -> list[NameMention]:
    """Fix spaCy labels the article or the KB contradicts: a surname of a full name in the
    article is a person ("Romney" as PRODUCT); an untitled "person" that is a country
    adjective ("Ugandan") is a group, and one the KB knows only as a place ("Sri Lanka",
    "Kiev") a place."""
    surnames: set[str] = set()
    for m in mentions:
        if m.label == "PERSON":
            surnames.update(surname_forms(name_key(m.text)))
    for m in mentions:
        key = name_key(m.text)
        if m.label != "PERSON" and key in surnames:
            m.label = "PERSON"
        elif m.label not in {"GPE", "NORP"} and m.title is None and key not in surnames:
            m.label = resolver.place_label(m.text) or m.label
    return _split_pairs(mentions, surnames)


def _best_hint(cluster: Cluster) -> TitleHint | None:
    present = [t for t in cluster.titles if not t.past and t.words]
    with_country = [t for t in cluster.titles if t.country]
    if present:
        return present[0]
    return with_country[0] if with_country else None


def _finish_person(cluster: Cluster, resolver: Resolver, on: date | None) -> None:
    best = max(cluster.names, key=lambda m: (len(m.text.split()), len(m.text))).text
    hint = _best_hint(cluster)
    actor = cluster.actor or resolver.person(best, hint, on)
    country = next((t.country for t in cluster.titles if t.country), None)
    cluster.gender = cluster.gender or given_name_gender(best)
    if actor is None:
        cluster.id, cluster.name, cluster.country = unknown_person_id(best) or None, best, country
        return
    cluster.actor, cluster.id, cluster.name = actor, actor.id, actor.name
    cluster.country = actor.country or country
    cluster.role = resolver.role_title(actor, on)
    cluster.gender = cluster.gender or given_name_gender(actor.name)


def given_name_gender(name: str) -> str | None:
    """ "f" when the first word of ``name`` is a woman's given name, else ``None``."""
    words = name_key(name).split()
    return "f" if len(words) > 1 and words[0] in female_names() else None


def _join_surname(full: list[Cluster], key: str) -> Cluster | None:
    """The one full-name cluster a surname mention ends, or ``None`` (none, or several:
    "Clinton" after "Bill Clinton" and "Hillary Clinton" is left to the KB and the date)."""
    matches = [c for c in full if key in c_surnames(c)]
    return matches[0] if len(matches) == 1 else None


def c_surnames(cluster: Cluster) -> set[str]:
    """Surname forms of every full name of ``cluster``."""
    forms: set[str] = set()
    for m in cluster.names:
        forms.update(surname_forms(name_key(m.text)))
    if cluster.actor is not None:
        forms.update(surname_forms(name_key(cluster.actor.name)))
    return forms


def person_clusters(
    people: list[NameMention], resolver: Resolver, on: date | None
) -> list[Cluster]:
    """Group and resolve the person mentions (in text order)."""
    full: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    for m in people:
        if len(name_key(m.text).split()) < 2:
            continue
        actor = resolver.person(m.text, m.title, on)
        key = actor.id if actor else name_key(m.text)
        if key not in by_key:
            by_key[key] = Cluster("PERSON", m.text, actor=actor)
            full.append(by_key[key])
        by_key[key].add(m)
    for m in people:
        key = name_key(m.text)
        if len(key.split()) >= 2:
            continue
        target = _join_surname(full, key)
        if target is None:
            actor = resolver.person(m.text, m.title, on)
            ident = actor.id if actor else key
            target = by_key.get(ident)
            if target is None:
                target = by_key[ident] = Cluster("PERSON", m.text, actor=actor)
        target.add(m)
    clusters = list(dict.fromkeys(by_key.values()))
    for cluster in clusters:
        _finish_person(cluster, resolver, on)
    return clusters


def thing_clusters(things: list[NameMention], resolver: Resolver) -> list[Cluster]:
    """Group and resolve places, organisations, groups and other names."""
    groups: dict[tuple[str, str], Cluster] = {}
    for m in things:
        thing = resolver.thing(m.text, m.label)
        if thing.id:
            key = ("id", thing.id)
        elif thing.type == "NORP":
            key = ("NORP", thing.country or name_key(m.text).removesuffix("s"))
        else:
            key = (thing.type, name_key(m.text))
        cluster = groups.get(key)
        if cluster is None:
            cluster = groups[key] = Cluster(thing.type, thing.name, thing.id, thing.country)
        cluster.add(m)
    return list(groups.values())


def name_clusters(
    mentions: list[NameMention], resolver: Resolver, on: date | None
) -> list[Cluster]:
    """Every entity named in the article: people first resolved, then the rest."""
    mentions = _relabel(mentions, resolver)
    people = [m for m in mentions if m.label == "PERSON"]
    things = [m for m in mentions if m.label != "PERSON" and entity_type(m.label)]
    return person_clusters(people, resolver, on) + thing_clusters(things, resolver)
