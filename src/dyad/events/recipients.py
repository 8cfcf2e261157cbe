"""To whom: recipients an event's own phrase does not name, read further down the parse.

:mod:`.arguments` takes the objects and the *with*/*to*/*against*/*on* objects of a trigger as
its recipients. Often the other party sits one step further down; these rules follow the
dependency patterns that event coders use (CAMEO manual 1.1b3, ch. 2: the target is the
party the act is directed at, "whether it is named as the object, in a prepositional
phrase, or in the complement of the verb"; PLOVER annotation guide: the target may be a
place when no actor is named). Each applies only when the rules before it found nothing.

* **An act as object** stands for its other party (:func:`act_parties`): its own doer when it
  names one other than the event's actor — "protested *Assad's* failure", "rejected a *U.S.*
  request", "conceded to demands *from UNITA*", "investigating crimes committed *by Croat
  forces*" — else its own target: "threatened further action *against Russia*", "lifted a
  blockade *on Palestinian* lorries", "demanded a truce *with Moslem forces*".
* **Complement clauses** ("threatened to break relations *with Russia*", "refused to allow *UN*
  planes to land"), **purpose and participial adjuncts** ("staged a hunger strike to demand
  the resignation *of X*", "demonstrated ... calling for independence *from Iraq*") and
  **reason phrases** ("in protest *of*/*against*", "in defiance *of*", "in response *to*") lend
  their recipients, two clauses deep at most.
* **Conditional threats**: "threatened to strike *unless Israel* rescinded ...": the subject of
  an *unless*/*if* clause is the one threatened (CAMEO 13: "threaten ... unless the target").
* **Benefactive *for***: "agreed to provide aid *for Romania*" (a named actor only).
* **Directive complements**: "demanded that *the US* cancel ...", "declared that *China* must
  drop barriers": the subject of a subjunctive or *must*/*should* clause is the addressee;
  of an indicative one ("warned that police will no longer tolerate rallies *by Kifaya*") it is
  not — that clause's own recipients are taken instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyad.model import ActorRef

if TYPE_CHECKING:
    from dyad.events.arguments import ActorIndex

TARGET_PREPS = (
    "against", "on", "with", "to", "toward", "towards", "of", "into", "between", "for"
)  # fmt: skip
# On a verb, *on*/*of*/*into* name a topic ("cooperate on Syria", "accused of", "look into").
CLAUSE_PREPS = ("against", "with", "to", "toward", "towards", "at", "between")
# A verb's prepositional object that is an act: "called *for* sanctions", "conceded *to*
# demands", "insisted *on* its demands", "an investigation *into* crimes committed by X".
ACT_PREPS = frozenset({*CLAUSE_PREPS, "for", "on", "into"})
DOER_PREPS = frozenset({"by", "from"})
BENEFACTIVE = frozenset({"for"})
REASONS = frozenset({"protest", "defiance", "response", "retaliation", "opposition", "reprisal"})
CONDITIONS = frozenset({"unless", "if"})
# "to": an infinitive with its own subject ("allowed *X* to bring out", "urged *X* to").
DIRECTIVE_AUX = frozenset({"must", "should", "shall", "ought", "to"})
NOT_RECIPIENT = frozenset(
    {"help", "support", "assistance", "backing", "approval", "consent", "blessing", "aid"}
)
NAME_DEPS = frozenset({"compound", "amod", "nmod"})
DEPTH = 2
# Verbs of motion: their *to* object is where they go ("return to Geneva", "flee to the UK").
MOTION = frozenset({"come", "go", "return", "travel", "fly", "flee", "move", "head", "arrive"})


def _refs(token: Token, index: ActorIndex) -> list[ActorRef]:
    from dyad.events.arguments import refs_of  # a cycle at import time

    return refs_of(token, index)


def _key(ref: ActorRef) -> str:
    return ref.id or ref.name


def _others(refs: list[ActorRef], exclude: set[str]) -> list[ActorRef]:
    return [r for r in refs if _key(r) not in exclude]


def _pobjs(token: Token, preps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    return [
        p
        for c in token.children
        if c.dep_ in ("prep", "agent") and c.lower_ in preps
        for p in c.children
        if p.dep_ in ("pobj", "pcomp")
    ]


def is_act(token: Token) -> bool:
    """A common noun that is no actor: an act, a thing, a state ("request", "blockade")."""
    return token.pos_ == "NOUN" and token.ent_type_ == ""


def act_parties(
    noun: Token, index: ActorIndex, exclude: set[str], depth: int = DEPTH
) -> list[ActorRef]:
    """The other party of an act named by ``noun``: its doer (possessor, name modifier, *by*
    or *from* object, agent of a participle) unless that is the event's own actor, else its
    target (*against*/*on*/*with*/*to*/*of*... object, itself an act again if need be)."""
    nouns = [noun, *noun.conjuncts]  # "weapons and explosives *from* X"
    lemma = noun.lemma_.lower()
    doers: list[ActorRef] = []
    for child in (c for n in nouns for c in n.children):
        if child.tag_ == "PRP$":  # "insisted on *its* demands": the subject's own act
            continue
        named = child.dep_ in NAME_DEPS and child.ent_type_ and index.is_event(lemma)
        if child.dep_ == "poss" or named:  # "a *U.S.* request", not "a *Borders* rail link"
            doers += _refs(child, index)
        elif child.dep_ == "acl":  # "crimes committed by X"
            doers += [r for p in _pobjs(child, DOER_PREPS) for r in _refs(p, index)]
    doers += [r for n in nouns for p in _pobjs(n, DOER_PREPS) for r in _refs(p, index)]
    found = _others(doers, exclude)
    if found:
        return found
    for child in noun.children:  # "its demands *that Burundi's government* grant ..."
        if child.dep_ in ("acl", "ccomp") and directive(child):
            subjects = [c for c in child.children if c.dep_ == "nsubj"]
            found = _others([r for c in subjects for r in _refs(c, index)], exclude)
            if found:
                return found
    for prep in TARGET_PREPS:
        for pobj in (p for n in nouns for p in _pobjs(n, (prep,))):
            if pobj.lemma_.lower() in NOT_RECIPIENT:
                continue
            refs = _others(_refs(pobj, index), exclude)
            if not refs and depth > 1 and is_act(pobj):
                refs = act_parties(pobj, index, exclude, depth - 1)
            if refs:
                return refs
    return []


def object_parties(token: Token, index: ActorIndex, exclude: set[str]) -> list[ActorRef]:
    """Recipients from a verb's (or verbal noun's) objects that are acts: "rejected a U.S.
    *request*", "threatened further *action* against Russia"."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr") and is_act(child):
            found = act_parties(child, index, exclude)
            if found:
                return found
    for child in token.children:  # "called *for* sanctions against X", "conceded *to* demands"
        if child.dep_ == "prep" and child.lower_ in ACT_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and is_act(pobj):
                    found = act_parties(pobj, index, exclude)
                    if found:
                        return found
    return []


def directive(clause: Token) -> bool:
    """ "that the US *cancel*", "that China *must* drop": a mandative complement (a modal of
    obligation, or the bare verb after a singular subject: the subjunctive)."""
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in DIRECTIVE_AUX for a in aux):
        return True
    if aux:
        return False
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    singular = subject is not None and subject.tag_ in ("NN", "NNP")
    bare = clause.tag_ == "VB" or (clause.tag_ == "VBP" and clause.lower_ == clause.lemma_)
    return clause.tag_ == "VB" or (bare and singular)


def deeper(
    token: Token, index: ActorIndex, exclude: set[str], depth: int = DEPTH
) -> list[ActorRef]:
    """Recipients from the clauses and phrases below a trigger (see the module docstring)."""
    for clause in _clauses(token):
        found = _clause_recipients(clause, index, exclude)
        if not found and depth > 1:
            found = deeper(clause, index, exclude, depth - 1)
        if found:
            return found
    for pobj in _pobjs(token, ("in",)):
        if pobj.lemma_.lower() in REASONS:  # "in protest of X", "in defiance of X"
            found = act_parties(pobj, index, exclude)
            if found:
                return found
    # benefactive *for*, also on a complement's object, where the small model attaches it
    # ("agreed to provide 70 million dollars of aid *for Romania*")
    hosts = [token, *_clauses(token)]
    hosts += [c for t in hosts[1:] for c in t.children if c.dep_ == "dobj"]
    return _others(
        [r for t in hosts for p in _pobjs(t, BENEFACTIVE) for r in _named(p, index)], exclude
    )


def _clauses(token: Token) -> list[Token]:
    """Complements, purpose and participial adjuncts of ``token`` (no *if*/*because* ones)."""
    out = []
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp"):
            out.append(child)
        elif child.dep_ in ("advcl", "acl") and child.pos_ in ("VERB", "AUX"):
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            marks |= {c.lower_ for c in child.children if c.tag_ == "WRB"}  # "when he took"
            if not marks or marks == {"to"}:
                out.append(child)
    return out


def _clause_recipients(clause: Token, index: ActorIndex, exclude: set[str]) -> list[ActorRef]:
    found: list[ActorRef] = []
    # A participial adjunct's object is not the act's target ("marched, joining *demonstrators*
    # in ..."); a purpose clause's is ("held rallies to support *President Moi*").
    participle = clause.dep_ in ("advcl", "acl") and not any(
        c.dep_ in ("aux", "mark") and c.lower_ == "to" for c in clause.children
    )
    for child in clause.children:
        if participle and child.dep_ == "dobj":
            continue
        addressee = child.dep_ == "nsubj" and clause.dep_ == "ccomp" and directive(clause)
        if child.dep_ in ("dobj", "dative", "nsubjpass") or addressee:
            found += _refs(child, index)
        elif child.dep_ in ("ccomp", "xcomp") and directive(child):  # "allow UN planes to land"
            found += [r for c in child.children if c.dep_ == "nsubj" for r in _refs(c, index)]
    for prep in CLAUSE_PREPS:
        if prep == "to" and clause.lemma_.lower() in MOTION:  # "come *to the UK*": a destination
            continue
        found += [r for p in _pobjs(clause, (prep,)) for r in _refs(p, index)]
    found = _others(found, exclude)
    return found or object_parties(clause, index, exclude)


def conditional_target(token: Token, index: ActorIndex, exclude: set[str]) -> list[ActorRef]:
    """ "threatened to hold a strike *unless Israel* rescinded ...": the condition's subject."""
    verbs = [token, *(c for c in token.children if c.dep_ in ("xcomp", "ccomp"))]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ != "advcl":
                continue
            if not any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in child.children):
                continue
            for subject in child.children:
                if subject.dep_ in ("nsubj", "nsubjpass"):
                    return _others(_refs(subject, index), exclude)
    return []


def _named(token: Token, index: ActorIndex) -> list[ActorRef]:
    """Only named actors (a benefactive *for* object is too often a thing or a purpose)."""
    return _refs(token, index) if token.i in index.by_token else []


PLACE_PREPS = frozenset({"in", "at", "near", "into", "inside"})
PLACE_LABELS = frozenset({"GPE", "LOC"})  # not buildings: "a reception at St James's Palace"


def inner_place(token: Token, index: ActorIndex, exclude: set[str]) -> list[ActorRef]:
    """The place an act is done in, named below the trigger: in its object or complement
    ("agreed to set up a centre *in Tokyo*", "suspended aid deliveries *in Baghdad*",
    "threatened to institute a curfew *in Algiers*"). PLOVER's place-as-target convention,
    which :mod:`.stage` applies to the trigger's own clause; the place fewest steps down the
    parse wins."""
    level = [token]
    for _ in range(3):
        for head in level:
            for pobj in _pobjs(head, PLACE_PREPS):
                found = [t for t in _place_words(pobj) if t.ent_type_ in PLACE_LABELS]
                refs = _others(_place(found[0], index), exclude) if found else []
                if refs:
                    return refs[:1]
        level = [c for t in level for c in t.children if c.dep_ in _DOWN]
    return []


_DOWN = frozenset({"dobj", "xcomp", "ccomp", "advcl", "conj", "pobj", "prep"})


# Types whose object is the actor's own force, moved: the recipient is where or against whom.
MOVERS = frozenset({"MOBILIZE", "RETREAT"})
FORCE_PREPS = frozenset({"to", "into", "from", "against", "toward", "towards", "in", "for", "out"})


def forces_target(token: Token, index: ActorIndex, exclude: set[str]) -> list[ActorRef] | None:
    """ "mobilized army reservists for a possible war *against Iraq*", "the withdrawal of
    invasion forces *from Panama*": when a MOBILIZE/RETREAT trigger's object is a military or
    police force (Phoenix agent codes MIL/COP), that force is the actor's own, not the target;
    the target is the place or party the prepositions of the force or the trigger name.
    None when the object is no force (the usual reading stands)."""
    candidates = [c for c in token.children if c.dep_ == "dobj"]
    candidates += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                   for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    forces = [f for f in candidates if index.is_force(f.lemma_.lower())]
    if not forces:
        return None
    found: list[ActorRef] = []
    for head in [*forces, token]:
        for pobj in _pobjs(head, FORCE_PREPS):
            refs = _others(_refs(pobj, index), exclude)
            found += refs or (act_parties(pobj, index, exclude) if is_act(pobj) else [])
    return found


def _place_words(pobj: Token) -> list[Token]:
    """The place object itself, its apposition or *of* object ("the capital *Kabul*", "the city
    of *Kirkuk*"), not a modifier ("the party's *London* HQ")."""
    out = [pobj]
    for child in pobj.children:
        if child.dep_ == "appos":
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            out += [p for p in child.children if p.dep_ == "pobj"]
    return out


def _place(token: Token, index: ActorIndex) -> list[ActorRef]:
    """A place as target: the country when the name is one ("in *Iraq*"), else the place by
    its own name ("in *Tokyo*", "in the *West Bank*"): the entity stage reads a capital as its
    government ("Tokyo" = Government of Japan), right for a visit to it, not for a centre set
    up there."""
    mention = index.by_token.get(token.i)
    if mention is not None and mention.type == "GPE":
        return [mention.ref]
    span = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if span is None:
        return [mention.ref] if mention is not None else []
    return [ActorRef(None, span.text.removeprefix("the ").removeprefix("The "))]
