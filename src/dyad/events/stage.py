"""The events stage: every event mention of an article as an evidence-linked :class:`Event`.

For each sentence: find the triggers (:mod:`.triggers`), read actors and recipients off the
parse (:mod:`.arguments`), attach the governing date and place and decide the status
(:mod:`.context`, :mod:`.summits`), and merge mentions of one event within the sentence
("their first meeting ... after two hours of talks" is one CONSULT). Then, across the
article, a bare definite mention ("the meeting", "that meeting") takes the participants, and
when it has none of its own the date and place, of the latest earlier event of its type: the
mention is anaphoric. An event with no date of its own gets ``{"value": null, "text": null,
"bound": <published>}`` — never silently the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from dyad.actors import ActorKB, default_kb
from dyad.events.arguments import (
    ACTOR_LABELS,
    ActorIndex,
    nominal_arguments,
    own_nominal_arguments,
    possessed_abstract_subject,
    unique,
    verbal_arguments,
)
from dyad.events.context import (
    _attach_rank,
    anchor_chain,
    attach_date,
    attach_place,
    ents_in,
    habitual,
    status_of,
)
from dyad.events.learned import TriggerModel, trigger_model
from dyad.events.lexicon import Lexicon, Summit, lexicon
from dyad.events.recipients import MOVERS, conditional_target, forces_target, inner_place
from dyad.events.summits import SummitResolver
from dyad.events.triggers import Trigger, absorb, find_triggers, stated_offence
from dyad.model import ActorRef, Article, Event, Timex
from dyad.time.spans import contract_value

STATUS_RANK = {"cancelled": 4, "negated": 3, "planned": 2, "hypothetical": 1, "occurred": 0}
DEFINITE = frozenset({"the", "that", "this", "their", "these", "those"})
NEW_MENTION = frozenset(
    {"first", "previous", "past", "earlier", "new", "next", "another", "second"}
)
# Quotation marks, when the quotes stage has not run: "...", “...”.
# Hostile acts whose *on* object is their target ("sanctions on X", "an attack on X",
# "pressure on X", "a crackdown on X"; CAMEO 16-20 and 13).
ON_TARGET = frozenset({"SANCTION", "ASSAULT", "COERCE", "THREATEN"})
# Phoenix agent codes of a military or police force, and the head nouns of Phoenix's MIL/COP
# compound agents that it does not code alone (ARMED_FORCES, SECURITY_FORCE, BATTLE_TANK,
# MILITARY_PERSONNEL; UN peacekeepers). Matched on lemmas, so singular only.
FORCES = frozenset({"MIL", "COP"})
FORCE_NOUNS = frozenset({"force", "peacekeeper", "tank", "personnel"})
QUOTED = re.compile(r"\u201c[^\u201d]{2,}\u201d|\"[^\"]{2,}\"")


@dataclass(slots=True)
class Coded:
    """An event with what the article-level passes need to know about its mention."""

    event: Event
    trigger: Trigger
    own_date: bool
    borrow: bool = False  # a meeting noun whose own phrase names no participant
    quoted: bool = False  # inside a direct quotation: named participants only


class EventStage:
    """Pipeline stage ``events``: appends the article's events to ``article.events``."""

    name = "events"
    requires: tuple[str, ...] = ("doc", "timexes")
    assigns: tuple[str, ...] = ("events",)

    def __init__(
        self,
        kb: ActorKB | None = None,
        lex: Lexicon | None = None,
        model: TriggerModel | bool | None = True,
    ) -> None:
        """``model``: the learned trigger classifier; True (default) the shipped one,
        None/False the rules alone."""
        self.kb = kb or default_kb()
        self.lex = lex or lexicon()
        self.model = trigger_model() if model is True else (model or None)

    def __call__(self, article: Article, doc: Doc) -> None:
        article.events.extend(code_events(article, doc, self.kb, self.lex, self.model))


def code_events(
    article: Article, doc: Doc, kb: ActorKB, lex: Lexicon, model: TriggerModel | None = None
) -> list[Event]:
    """The events of one parsed article, in text order."""
    coder = _Coder(article, doc, kb, lex)
    coded: list[Coded] = []
    for sent in doc.sents:
        found = absorb(find_triggers(sent, lex))
        if model is not None:
            found = model.revise(sent, found, lex)
        # the offence of a charge is the accusation's content, not an event of its own
        offences = {o.i for t in found if (o := stated_offence(t, lex)) is not None}
        found = [t for t in found if t.token.i not in offences]
        if found:
            mentions = [c for t in found if (c := coder.code(t, sent, found)) is not None]
            mentions += [_charge(c) for c in mentions if stated_offence(c.trigger, lex)]
            coded.extend(_borrow_participants(_merge(mentions)))
    _resolve_anaphora(coded)
    return [c.event for c in coded if _participants(c.event)]


def _charge(arrest: Coded) -> Coded:
    """The accusation a legal action with a stated offence makes (see
    :func:`dyad.events.triggers.stated_offence`): same parties, date, place and status; the
    arrest stays an event of its own."""
    event = replace(arrest.event, type="ACCUSE", mode="allege", cameo="1121")
    return replace(arrest, event=event)


class _Coder:
    def __init__(self, article: Article, doc: Doc, kb: ActorKB, lex: Lexicon) -> None:
        self.article, self.doc, self.kb, self.lex = article, doc, kb, lex
        self.index = ActorIndex.build(article, doc, kb)
        self.index.is_agent = lambda lemma: lemma in lex.agents or kb.agent_code(lemma) is not None
        self.index.is_event = lambda lemma: lex.nouns.get(lemma) is not None
        self.index.is_act = lambda lemma: lex.verbs.get(lemma) is not None
        self.index.is_force = lambda lemma: kb.agent_code(lemma) in FORCES or lemma in FORCE_NOUNS
        self.index.government_of = lambda name: _government(kb, name)
        self.index.lookup = lambda name: _first_reading(kb, name)
        self.summits = SummitResolver(article, kb, lex)
        self.published = article.meta.published
        self.quotes = _quote_spans(article)

    def code(self, trigger: Trigger, sent: Span, found: list[Trigger]) -> Coded | None:
        borrow = False
        if trigger.nominal:
            container = trigger.spec.mode == "multilateral"
            actors, recipients = nominal_arguments(
                trigger.anchor,
                self.index,
                container,
                reach=_reaches(trigger),
                on_target=trigger.spec.type in ON_TARGET,
            )
            if trigger.spec.type == "CONSULT" and not container and not _named(trigger.anchor):
                borrow = not any(own_nominal_arguments(trigger.anchor, self.index, container))
        elif possessed_abstract_subject(trigger.token, self.index):
            return None
        else:
            actors, recipients = verbal_arguments(
                trigger.token, trigger.extra, self.index, reach=_reaches(trigger)
            )
        start = trigger.token.idx
        quote = next(((a, b) for a, b in self.quotes if a <= start < b), None)
        quoted = quote is not None
        named = self._named_in(sent, quote) if quote is not None else set()
        if quoted:
            actors = [a for a in actors if _key(a) in named]
        actors = unique(actors)
        keys = {a.id or a.name for a in actors}
        if trigger.spec.type in MOVERS:
            moved = forces_target(trigger.anchor, self.index, keys)
            recipients = recipients if moved is None else moved
        recipients = [r for r in unique(recipients) if (r.id or r.name) not in keys]
        triggers = {t.token.i for t in found}
        containers = {t.token.i for t in found if t.nominal and t.spec.mode == "multilateral"}
        summit = self._summit(trigger, sent, triggers, containers)
        timexes = [t for t in self.article.timexes if sent.start_char <= t.span[0] < sent.end_char]
        date = self._date(attach_date(trigger, sent, timexes, triggers, containers), summit)
        if date["value"] is None and habitual(trigger):
            return None  # many occasions, none of them placed in time: not one event
        place = attach_place(trigger, sent, triggers, containers)
        if not recipients and place is not None and _directed_at_place(trigger):
            recipients = self._place_target(place, keys)
        if not recipients and actors and trigger.spec.type == "THREATEN":
            recipients = conditional_target(trigger.token, self.index, keys)
        if not recipients and actors and _directed_at_place(trigger):
            recipients = inner_place(trigger.token, self.index, keys)
        if quoted:  # inside a quotation only the actors it names, whichever rule found them
            recipients = [r for r in recipients if _key(r) in named]
        status = status_of(trigger, self.lex, self.doc)
        if status == "occurred" and _after(date.get("value"), self.published):
            status = "planned"
        event = Event(
            type=trigger.spec.type,
            trigger=trigger.text,
            sentence=(sent.start_char, sent.end_char),
            status=status,
            mode=trigger.spec.mode,
            cameo=trigger.spec.cameo,
            actors=actors,
            recipients=recipients,
            date=date,
            location=self._location(place, summit),
        )
        return Coded(event, trigger, date["value"] is not None, borrow, quoted)

    def _place_target(self, place: Span, keys: set[str]) -> list[ActorRef]:
        """The place an act is done in, as its target when it names none ("demonstrated in
        *Serbia*", "set up a centre in *Tokyo*"): PLOVER's target convention."""
        mention = self.index.by_token.get(place.root.i)
        if mention is None or (mention.ref.id or mention.ref.name) in keys:
            return []
        return [mention.ref]

    def _named_in(self, sent: Span, quote: tuple[int, int]) -> set[str]:
        """The actors a quotation names explicitly (names, not pronouns or role nouns)."""
        return {
            _key(m.ref)
            for t in sent
            if quote[0] <= t.idx < quote[1]
            and (m := self.index.by_token.get(t.i)) is not None
            and (t.pos_ == "PROPN" or t.ent_type_ in ACTOR_LABELS)
        }

    def _summit(
        self, trigger: Trigger, sent: Span, triggers: set[int], containers: set[int]
    ) -> Summit | None:
        chain = anchor_chain(trigger.token)
        hit = trigger.token.i in containers or any(
            _attach_rank(self.doc[c], chain, triggers, containers) is not None for c in containers
        )
        if not hit:
            return None
        places = [
            e.text
            for e in ents_in(sent)
            if e.label_ in ("GPE", "LOC") and e.root.head.lower_ in ("in", "at")
        ]
        return self.summits.resolve(sent.text, places)

    def _date(self, timex: Timex | None, summit: Summit | None) -> dict[str, Any]:
        value = None
        if timex is not None:
            value = contract_value(timex.value) or self.summits.fix_year(timex.value or "", summit)
        if timex is not None and (value is not None or summit is None):
            return {"value": value, "text": timex.text, "span": list(timex.span)}
        if summit is not None:
            return {
                "value": self.summits.day_in(summit),
                "text": f"{summit.series} summit",
                "range": [summit.start, summit.end],
                "inferred": "summit",  # from the summit table, not a date in the text
            }
        return {"value": None, "text": None, "bound": self.published}

    def _location(self, place: Span | None, summit: Summit | None) -> dict[str, Any] | None:
        if place is None:
            return {"name": summit.city, "country": summit.country} if summit else None
        name = place.text.removeprefix("the ").removeprefix("The ")
        country = self.kb.country_code(name) or self.lex.places.get(name.lower())
        if country is None:
            found = self.kb.lookup(name)
            country = found[0].country if found else None
        return {"name": name, "country": country}


def _government(kb: ActorKB, name: str) -> ActorRef | None:
    actor = kb.government_of(name)
    return ActorRef(actor.id, actor.name) if actor is not None else None


def _first_reading(kb: ActorKB, name: str) -> ActorRef | None:
    found = kb.lookup(name)
    return ActorRef(found[0].id, found[0].name) if found else None


def _reaches(trigger: Trigger) -> bool:
    """Whether recipients are sought further down the parse: not for meetings (visits
    apart), whose other party their own phrase names ("met *with* X", "used the encounter
    *with* X") or who are a pair ("X and Y met"): beyond lie venues ("on the sidelines of the
    *G20*") and topics."""
    return trigger.spec.type != "CONSULT" or trigger.spec.mode == "visit"


def _directed_at_place(trigger: Trigger) -> bool:
    """Whether the place of an act with no other target is its target: not for meetings
    (they happen at a place), except visits (to their host). The same test as
    :func:`_reaches`, for another reason."""
    return _reaches(trigger)


def _quote_spans(article: Article) -> list[tuple[int, int]]:
    """Character spans of the article's direct quotations (the quotes stage's, else marks)."""
    spans = [tuple(q.span) for q in article.quotes if q.kind == "direct"]
    if not article.quotes:
        spans = [m.span() for m in QUOTED.finditer(article.text)]
    return [(int(a), int(b)) for a, b in spans]


def _named(noun: Token) -> bool:
    """ "the Group of Eight (G8) meeting": a meeting named by a proper noun is its own event."""
    return any(c.pos_ == "PROPN" or c.ent_type_ for c in noun.children)


def _key(ref: ActorRef) -> str:
    return ref.id or ref.name


def _borrow_participants(coded: list[Coded]) -> list[Coded]:
    """ "Putin hopes to talk to the U.S. president, although the White House had cancelled
    *the bilateral meeting*": a meeting noun whose own phrase names nobody is between the
    participants of the closest other meeting of the sentence (not the canceller). Runs after
    merging, so only mentions that are not the same event as a sibling borrow."""
    for item in coded:
        if not item.borrow:
            continue
        others = [
            c
            for c in coded
            if c is not item
            and not c.borrow
            and c.event.type == "CONSULT"
            and _participants(c.event)
        ]
        if not others:
            item.borrow = False
            continue
        source = min(others, key=lambda c: abs(c.trigger.token.i - item.trigger.token.i)).event
        item.event.actors = list(source.actors)
        item.event.recipients = list(source.recipients)
    return coded


def _after(value: str | None, published: str | None) -> bool:
    """Whether a date lies after the publication date (compared at the date's precision)."""
    if not value or not published:
        return False
    return value > published[: len(value)]


def _participants(event: Event) -> set[str]:
    return {r.id or r.name for r in [*event.actors, *event.recipients]}


def _compatible(a: Event, b: Event) -> bool:
    pa, pb = _participants(a), _participants(b)
    dates = {a.date.get("value") if a.date else None, b.date.get("value") if b.date else None}
    return (not pa or not pb or pa <= pb or pb <= pa) and len(dates - {None}) <= 1


def _merge(coded: list[Coded]) -> list[Coded]:
    """One event per real event within a sentence: a nominal mention joins its sibling."""
    kept: list[Coded] = []
    for item in coded:
        twin = next(
            (
                k
                for k in kept
                if k.event.type == item.event.type
                and (k.trigger.nominal or item.trigger.nominal)
                and _compatible(k.event, item.event)
            ),
            None,
        )
        if twin is None:
            kept.append(item)
        else:
            _absorb_into(twin, item)
    return kept


def _absorb_into(target: Coded, other: Coded) -> None:
    t, o = target.event, other.event
    target.borrow = False  # one event with its sibling: its participants are the union
    t.actors = unique([*t.actors, *o.actors])
    keys = {a.id or a.name for a in t.actors}
    t.recipients = [
        r for r in unique([*t.recipients, *o.recipients]) if (r.id or r.name) not in keys
    ]
    if not target.own_date and other.own_date:
        t.date, target.own_date = o.date, True
    t.location = t.location or o.location
    if _container(target) and not _container(other):
        t.trigger, t.mode, t.cameo, t.status = o.trigger, o.mode, o.cameo, o.status
        target.trigger = other.trigger
    elif not _container(other) and STATUS_RANK[o.status] > STATUS_RANK[t.status]:
        t.status = o.status


def _container(item: Coded) -> bool:
    return item.trigger.nominal and item.trigger.spec.mode == "multilateral"


def _definite(trigger: Trigger) -> bool:
    """ "the/that meeting", "their talks": anaphoric, unless marked as another occurrence
    ("their first meeting", "previous meetings")."""
    children = list(trigger.token.children)
    if any(c.lower_ in NEW_MENTION for c in children):
        return False
    return trigger.nominal and any(
        c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in children
    )


def _resolve_anaphora(coded: list[Coded]) -> None:
    """A bare or definite mention takes participants, date and place from its antecedent."""
    for n, item in enumerate(coded):
        event = item.event
        earlier = [
            c
            for c in coded[:n]
            if c.event.type == event.type and c.event.sentence != event.sentence
        ]
        if not _participants(event) and item.trigger.nominal and not item.quoted:
            source = next((c for c in reversed(earlier) if len(_participants(c.event)) >= 2), None)
            if source is not None:
                event.actors = list(source.event.actors)
                event.recipients = list(source.event.recipients)
        if item.own_date or not _definite(item.trigger):
            continue
        mine = _participants(event)
        source = next(
            (
                c
                for c in reversed(earlier)
                if c.own_date
                and mine <= _participants(c.event)
                and c.event.status != "hypothetical"
                and _container(c) == _container(item)
            ),
            None,
        )
        if source is not None:
            event.date = {**(source.event.date or {}), "inherited": True}
            event.location = event.location or source.event.location
            if event.status == "occurred" and source.event.status in ("planned", "cancelled"):
                event.status = source.event.status
