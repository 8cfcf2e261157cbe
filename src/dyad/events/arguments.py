"""Who did it and to whom: an event's actors and recipients, read off the dependency parse.

Names are linked through ``article.entities`` when the entity stage ran (so "he" and "the
Russian president" count), otherwise through spaCy's entities looked up in the actor KB.
Verbal triggers take their subject as actor (the ``by`` agent of a passive; the controller's
subject for "agreed to meet"), and objects — direct, dative, or after *with*, *to*,
*against*, *on* — as recipients. Nominal triggers take their possessor ("Putin's visit"),
modifiers ("a U.S. request", "the Obama-Putin meeting") and *between*/*by* objects as actors,
*with*/*to*/*against* objects as recipients, and otherwise the subject of the verb they hang
from ("held talks with"). Conjunctions give every conjunct; plural references ("they", "their",
"the two leaders", "both presidents") stand for the two people last mentioned together;
"it", "the country", "the government" are resolved by :mod:`.coref`. When none of this names
a recipient, :mod:`.recipients` looks further down the parse (act objects, complement and
purpose clauses); "the *Obama-Putin* meeting" names both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dyad.actors import ActorKB
from dyad.clean.rules import outlet_named
from dyad.events import coref
from dyad.events.recipients import MOTION, NOT_RECIPIENT, deeper, directive, object_parties
from dyad.model import ActorRef, Article

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "toward", "towards", "from"})
NOMINAL_RECIPIENT_PREPS = frozenset({"with", "to", "against", "toward", "towards"})
ACTOR_PREPS = frozenset({"by", "between", "among"})
# The verb a noun trigger is the object of: "staged rallies *against* X", "made a visit *to*
# X" (not *to* after a motion verb: "return to Geneva for talks" is a destination).
GOVERNOR_PREPS = frozenset({"with", "against", "toward", "towards", "to"})
# A noun trigger after these is a time, not the verb's object: "speaking to reporters *after*
# the meeting" (the reporters are no party to the meeting).
TIME_PREPS = frozenset({"after", "before", "since", "during", "until", "following", "ahead"})
OBJECT_SOURCE_PREPS = frozenset({"from", "by"})
# "we"/"our" are left out: in news they are a speaker's own side ("we killed them", "our
# negotiations"), not the two people last named.
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "both"})
# Words right before a reporter's name ("By Paul Wood" only at the start of a sentence).
BYLINE_WORDS = frozenset({"by", "correspondent", "reporter", "editor"})
# A plural pronoun reaches back at most this many sentences for its pair.
PAIR_REACH = 2
PAIR_NOUNS = frozenset({"leader", "president", "man", "head", "minister", "counterpart"})
PAIR_PLACES = frozenset({"country", "nation", "state", "side", "government", "capital"})
INNER_DEPS = frozenset({"appos", "compound", "flat", "nmod", "amod", "poss"})
SUBJECTS = ("nsubj", "csubj")
SUMMIT_NAME = re.compile(r"G-?\d+$|APEC$|Group$")
NAME_DEPS = frozenset({"compound", "amod", "nmod"})
QUANTITIES = frozenset(
    {
        "hundred",
        "thousand",
        "million",
        "dozen",
        "score",
        "some",
        "group",
        "member",
        "one",
        "third",
        "half",
        "majority",
        "number",
        "most",
        "all",
    }
)
CROWDS = frozenset({"hundred", "thousand", "million", "dozen", "ten"})
ABSTRACT_SUFFIXES = ("ment", "tion", "sion", "ness", "ity", "ance", "ence", "ism", "ure", "ship")
ABSTRACT_NOUNS = frozenset(
    {
        "policy",
        "decision",
        "stance",
        "position",
        "plan",
        "promise",
        "word",
        "remark",
        "approach",
        "effort",
        "attempt",
        "refusal",
        "approval",
        "proposal",
        "response",
        "role",
        "interest",
        "move",
        "view",
        "goal",
        "aim",
        "desire",
        "wish",
        "record",
        "history",
        "strategy",
        "rhetoric",
        "behavior",
        "behaviour",
    }
)
REPORTERS = frozenset(
    {"say", "announce", "declare", "state", "confirm", "add", "tell", "report", "insist", "warn"}
)


@dataclass(slots=True)
class Mention:
    ref: ActorRef
    type: str


@dataclass(slots=True)
class ActorIndex:
    """Token index → the actor a name (or linked pronoun/nominal) at that token refers to."""

    by_token: dict[int, Mention] = field(default_factory=dict)
    is_agent: Callable[[str], bool] = lambda lemma: False
    is_event: Callable[[str], bool] = lambda lemma: False
    is_act: Callable[[str], bool] = lambda lemma: False  # a verb the lexicon codes
    is_force: Callable[[str], bool] = lambda lemma: False  # troops, police: see .recipients
    government_of: Callable[[str], ActorRef | None] = lambda name: None  # see .coref
    lookup: Callable[[str], ActorRef | None] = lambda name: None  # the KB's first reading
    persons: list[tuple[int, int, Mention]] = field(default_factory=list)  # (sent start, i, m)
    places: list[tuple[int, int, Mention]] = field(default_factory=list)

    @classmethod
    def build(cls, article: Article, doc: Doc, kb: ActorKB) -> ActorIndex:
        index = cls()
        if article.entities:
            for entity in article.entities:
                mention = Mention(ActorRef(entity.id, entity.name), entity.type)
                for start, end in entity.mentions:
                    span = doc.char_span(start, end, alignment_mode="expand")
                    for token in span or ():
                        index.by_token.setdefault(token.i, mention)
        else:
            index._from_doc(doc, kb)
        ordered = [(doc[i].sent.start, i, m) for i, m in sorted(index.by_token.items())]
        reporters = _bylines(doc, index.by_token)
        index.persons = [x for x in ordered if x[2].type == "PERSON" and x[1] not in reporters]
        index.places = [x for x in ordered if x[2].type == "GPE"]
        return index

    def _from_doc(self, doc: Doc, kb: ActorKB) -> None:
        seen: dict[str, Mention] = {}
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            name = ent.text.removeprefix("the ").removeprefix("The ").strip()
            mention = seen.get(name) or _surname(name, seen) or _lookup(name, ent.label_, kb)
            seen[name] = mention
            for token in ent:
                self.by_token[token.i] = mention

    def pair_before(self, token: Token, kind: str = "PERSON") -> list[Mention]:
        """The two people (or countries) last mentioned together, in one sentence, before
        ``token``; pairs of actors mentioned at least twice so far are preferred."""
        by_sentence: dict[int, list[Mention]] = {}
        counts: dict[str, int] = {}
        source = self.persons if kind == "PERSON" else self.places
        previous = (-2, "")
        for sent_start, i, mention in source:
            if i >= token.i:
                break
            if previous != (i - 1, _key(mention.ref)):  # one count per mention, not per token
                counts[_key(mention.ref)] = counts.get(_key(mention.ref), 0) + 1
            previous = (i, _key(mention.ref))
            group = by_sentence.setdefault(sent_start, [])
            if all(_key(m.ref) != _key(mention.ref) for m in group):
                group.append(mention)
        here = _sentence_number(token.doc, token.sent.start)
        pairs = [
            g[-2:]
            for start, g in sorted(by_sentence.items(), reverse=True)
            if len(g) >= 2 and here - _sentence_number(token.doc, start) <= PAIR_REACH
        ]
        salient = [p for p in pairs if all(counts[_key(m.ref)] >= 2 for m in p)]
        return (salient or pairs or [[]])[0]


def _bylines(doc: Doc, by_token: dict[int, Mention]) -> set[int]:
    """Tokens of names that are the reporter's own: "Jeremy Bowen BBC News", "the BBC's Jim
    Muir", "By Paul Wood", "correspondent Lyse Doucet". They are left out of the pairs a
    "they" can stand for: in "On 4 February they blocked a resolution", after the byline
    "Martin Patience BBC News, Beijing", "they" is not the journalist and Assad.
    """
    out: set[int] = set()
    runs: list[list[int]] = []
    for i in sorted(by_token):
        if runs and runs[-1][-1] == i - 1 and by_token[i] is by_token[runs[-1][-1]]:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        if by_token[run[0]].type == "PERSON" and _byline(doc, run[0], run[-1] + 1):
            out.update(run)
    return out


def _byline(doc: Doc, start: int, end: int) -> bool:
    own = start - 1  # the possessive before "the BBC's Jim Muir"
    for k in (1, 2, 3):
        if end - k > start and outlet_named(doc[end - k : end].text):  # the outlet in the name
            return True
        if end + k <= len(doc) and outlet_named(doc[end : end + k].text):  # or right after it
            return True
        if (
            own - k >= 0
            and doc[own].lower_ in ("'s", "’s")
            and outlet_named(doc[own - k : own].text)
        ):
            return True
    before = doc[start - 1].lower_ if start else ""
    return before in BYLINE_WORDS and (before != "by" or bool(doc[start - 1].is_sent_start))


def _sentence_number(doc: Doc, start: int) -> int:
    """The ordinal of the sentence starting at token ``start`` (sentence starts cached)."""
    starts: dict[int, int] | None = doc.user_data.get(_SENT_NUMBERS)
    if starts is None:
        starts = {sent.start: n for n, sent in enumerate(doc.sents)}
        doc.user_data[_SENT_NUMBERS] = starts
    return starts.get(start, 0)


_SENT_NUMBERS = "dyad.events.sentence_numbers"


def _surname(name: str, seen: dict[str, Mention]) -> Mention | None:
    for mention in seen.values():
        if mention.type == "PERSON" and mention.ref.name.split()[-1] == name and " " not in name:
            return mention
    return None


def _lookup(name: str, label: str, kb: ActorKB) -> Mention:
    found = kb.lookup(name)
    if found:
        actor = found[0]
        return Mention(
            ActorRef(actor.id, actor.name), "PERSON" if label == "PERSON" else actor.type
        )
    return Mention(ActorRef(None, name), label)


def _key(ref: ActorRef) -> str:
    return ref.id or ref.name


def unique(refs: list[ActorRef]) -> list[ActorRef]:
    out: dict[str, ActorRef] = {}
    for ref in refs:
        out.setdefault(_key(ref), ref)
    return list(out.values())


def refs_of(token: Token, index: ActorIndex, conj: bool = True) -> list[ActorRef]:
    """The actors a noun phrase headed by ``token`` names (every conjunct too)."""
    found: list[ActorRef] = []
    mention = index.by_token.get(token.i)
    if mention is not None:
        found.append(mention.ref)
    elif reporter := _reporter(token):
        found.extend(subject_refs(reporter, index))
    elif kind := _pair_kind(token):
        found.extend(m.ref for m in index.pair_before(token, kind))
        if not found and token.lemma_.lower() in PAIR_PLACES:  # unresolved: still a party
            found.append(_group(token))
    elif resolved := coref.resolve(token, index):  # "it", "the country", "the government"
        found.extend(resolved)
    else:
        measured = token.lemma_.lower() in QUANTITIES or token.pos_ == "NUM"
        parts = [r for p in _of_objects(token) for r in refs_of(p, index)] if measured else []
        found.extend(parts or _inner(token, index) or _agent(token, index) or _crowd(token))
    if conj:
        for other in token.conjuncts:
            if other.i > token.i:
                found.extend(refs_of(other, index, conj=False))
    return unique(found)


def _inner(token: Token, index: ActorIndex) -> list[ActorRef]:
    """An actor inside the phrase: "his Russian counterpart, Vladimir Putin", "leaders of X"
    (two levels down, through modifiers, appositions and *of*)."""
    level = [token]
    for _ in range(2):
        level = [c for t in level for c in t.children if _inside(c)]
        hit = next((c for c in level if c.i in index.by_token), None)
        if hit is not None:
            inside = [t for t in hit.subtree if t.i in index.by_token][:12]
            return unique([index.by_token[t.i].ref for t in inside])
    return []


def _inside(child: Token) -> bool:
    if child.dep_ in INNER_DEPS or child.dep_ == "pobj":
        return True
    return child.dep_ == "prep" and (child.lower_ == "of" or child.pos_ == "PROPN")


def _reporter(token: Token) -> Token | None:
    """For "it"/"they" subject of a reported clause ("Iraq said it would ..."), the reporting
    verb whose subject they repeat; None otherwise (or when the reporter is one person)."""
    if token.lower_ not in ("it", "they") or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = token.head
    while clause.dep_ in ("xcomp", "acomp", "conj") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTERS:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None or (token.lower_ == "they" and subject.tag_ in ("NNP", "PRP")):
        return None
    return clause.head


def _of_objects(token: Token) -> list[Token]:
    return [
        p
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _agent(token: Token, index: ActorIndex) -> list[ActorRef]:
    """An unnamed group as actor: "Islamic fundamentalists", "Red Cross officials"."""
    if token.pos_ != "NOUN" or not index.is_agent(token.lemma_.lower()):
        return []
    words = [t for t in token.doc[token.left_edge.i : token.i] if t.dep_ in NAME_DEPS]
    return [ActorRef(None, " ".join(t.text for t in [*words, token]))]


def _group(token: Token) -> ActorRef:
    """An unnamed group named by its phrase up to its head ("the two sides", "Thousands")."""
    words = [t for t in token.doc[token.left_edge.i : token.i + 1] if t.dep_ != "punct"]
    return ActorRef(None, " ".join(t.text for t in words))


def _crowd(token: Token) -> list[ActorRef]:
    """The subject of an event that is an unnamed crowd: a bare quantity ("*Thousands*
    marched", "*Hundreds* rioted": a number of people, as in "thousands of Serbs"). Only as a
    subject, where a doer is expected. Plural nouns of people are actors only through the
    Phoenix agents dictionary (:func:`_agent`): a suffix rule (-er/-or/-ist: "supporters",
    "strikers") also made doers of *users*, *shoppers* and *insurers* in generic sentences of
    business and tech news (a blind check on 300 BBC texts: 30 of its 38 additions wrong)."""
    if token.dep_ != "nsubj" or token.pos_ != "NOUN" or token.tag_ != "NNS":
        return []
    if token.lemma_.lower() in CROWDS and not _of_objects(token):
        return [_group(token)]
    return []


def _pair_kind(token: Token) -> str | None:
    """PERSON for "they"/"the two leaders", GPE for "the two countries", else None."""
    if token.lower_ in PLURAL_PRONOUNS:
        return "PERSON"
    lemma = token.lemma_.lower()
    plural = token.tag_ in ("NNS", "NNPS") and (lemma in PAIR_NOUNS or lemma in PAIR_PLACES)
    if plural and any(c.lower_ in ("two", "both", "the", "their") for c in token.children):
        return "PERSON" if lemma in PAIR_NOUNS else "GPE"
    return None


def subject_refs(
    verb: Token, index: ActorIndex, hops: int = 3, passive: bool = False
) -> list[ActorRef]:
    """The actors of a verb's subject, climbing control and coordination ("agreed to meet");
    ``passive`` counts a passive subject too ("forces were engaged in ethnic cleansing")."""
    subjects = (*SUBJECTS, "nsubjpass") if passive else SUBJECTS
    for hop in range(hops):
        for child in verb.children:
            if child.dep_ in subjects:
                return refs_of(child, index)
        for child in verb.children:
            if child.dep_ == "agent":
                return [r for p in child.children if p.dep_ == "pobj" for r in refs_of(p, index)]
        if hop == 0 and any(c.dep_ == "nsubjpass" for c in verb.children):
            return []  # "15 were killed, they said": a passive without *by* names no doer
        slipped = _slipped_subject(verb, index)
        if slipped is not None:
            return refs_of(slipped, index)
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return refs_of(verb.head, index)
        # not through "ccomp": the reporting verb's subject is the reporter, not the doer
        if verb.dep_ not in ("xcomp", "conj", "advcl", "acomp") or verb.head is verb:
            return []
        verb = verb.head
    return []


def subject_token(verb: Token, hops: int = 3) -> Token | None:
    """The subject noun of a verb, climbing control and coordination like
    :func:`subject_refs` (None when the subject is a relative head, an agent or missing)."""
    for _ in range(hops):
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                return child
        # not through "ccomp": the reporting verb's subject is the reporter, not the doer
        if verb.dep_ not in ("xcomp", "conj", "advcl", "acomp") or verb.head is verb:
            return None
        verb = verb.head
    return None


def possessed_abstract_subject(verb: Token, index: ActorIndex) -> bool:
    """ "Obama and Putin's *commitment* ... will not give them": the subject is a thing
    (an abstract or event noun), its possessors are not the ones acting."""
    subject = subject_token(verb)
    if subject is None or subject.pos_ != "NOUN" or subject.i in index.by_token:
        return False
    if not any(c.dep_ == "poss" for c in subject.children):
        return False
    lemma = subject.lemma_.lower()
    if index.is_agent(lemma) or lemma in PAIR_NOUNS or lemma in PAIR_PLACES:
        return False
    return lemma in ABSTRACT_NOUNS or lemma.endswith(ABSTRACT_SUFFIXES) or index.is_event(lemma)


def _slipped_subject(verb: Token, index: ActorIndex) -> Token | None:
    """A name left of a subjectless verb that the parser attached as something else
    ("*Barack* Obama and Putin met" with "Barack" read as a preposition)."""
    for child in verb.lefts:
        slipped = child.dep_ in ("prep", "npadvmod", "dep", "nmod")
        if slipped and child.ent_type_ in ACTOR_LABELS and child.i in index.by_token:
            inner = [c for c in child.children if c.dep_ == "pobj" and c.i in index.by_token]
            return inner[0] if inner else child
    return None


def _prep_objects(token: Token, index: ActorIndex, preps: frozenset[str]) -> list[ActorRef]:
    """The actors of ``token``'s prepositional objects (not instruments: "with *Albania's
    help*")."""
    found: list[ActorRef] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in NOT_RECIPIENT:
                    found.extend(refs_of(pobj, index))
    return found


def verbal_arguments(
    verb: Token, extra: Token | None, index: ActorIndex, reach: bool = True
) -> tuple[list[ActorRef], list[ActorRef]]:
    """(actors, recipients) of a verb trigger; ``reach``: look further down the parse
    (:mod:`.recipients`) when the verb's own phrase names no recipient (for a noun trigger
    without it, only the *with* object of its governing verb is looked at)."""
    actors = subject_refs(verb, index)
    recipients: list[ActorRef] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass"):
            recipients.extend(refs_of(child, index))
        elif _addressee_clause(child) and not recipients:
            recipients.extend(
                r for c in child.children if c.dep_ == "nsubj" for r in refs_of(c, index)
            )
    recipients += _prep_objects(verb, index, RECIPIENT_PREPS)
    if extra is not None:
        recipients += _prep_objects(extra, index, RECIPIENT_PREPS)
    if not recipients:
        recipients = _content_recipients(verb, index) or _object_source(verb, index)
    if not recipients and actors and reach:  # reaching further down needs a known actor
        exclude = {_key(a) for a in actors}
        recipients = object_parties(verb, index, exclude) or deeper(verb, index, exclude)
        recipients = recipients or _purpose_addressee(verb, index, exclude)
    return actors, recipients


def _purpose_addressee(verb: Token, index: ActorIndex, exclude: set[str]) -> list[ActorRef]:
    """ "summoned *Niger's ambassador* to complain of inaction": a purpose clause's subject is
    the main clause's (subject control), so the main verb's named object is the one the
    purpose act is addressed to (CAMEO manual: the target may be named in the clause the act
    depends on). Named actors only: "hired lawyers to sue" does not sue the lawyers; and only
    after a verb that is an act itself."""
    if verb.dep_ not in ("advcl", "xcomp") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return []
    if any(c.dep_ == "nsubj" for c in verb.children):
        return []
    # the main verb must be an act involving the object ("summoned X", "met X", "urged X"):
    # after a verb of choosing the object is the purpose act's doer ("chose *Manchester* to
    # host"), object control rather than a purpose
    if not index.is_act(verb.head.lemma_.lower()):
        return []
    found = [r for c in verb.head.children if c.dep_ == "dobj" for r in refs_of(c, index) if r.id]
    return [r for r in found if _key(r) not in exclude]


def _addressee_clause(child: Token) -> bool:
    """ "demanded that *the US* cancel", "urged *X* to": a complement whose subject is the
    one addressed (an indicative "warned that police will ..." is not)."""
    return child.dep_ == "xcomp" or (child.dep_ == "ccomp" and directive(child))


def _content_recipients(verb: Token, index: ActorIndex) -> list[ActorRef]:
    """Complement clause: when an act names no recipient of its own, those of the act it
    announces ("threatened to cut off electricity *to X*", "refused to allow *UN* planes",
    "threatened to ban *X*")."""
    for child in verb.children:
        if child.dep_ not in ("xcomp", "ccomp"):
            continue
        found = [r for c in child.children if c.dep_ in ("dobj", "dative", "nsubjpass")
                 for r in refs_of(c, index)]  # fmt: skip
        found += _prep_objects(child, index, NOMINAL_RECIPIENT_PREPS)
        if found:
            return found
    return []


def _object_source(verb: Token, index: ActorIndex) -> list[ActorRef]:
    """Object's own participants: "dismissed an appeal *from X*", "rejected calls *by X*",
    "accepted demands *from X*"."""
    for child in verb.children:
        if child.dep_ == "dobj":
            found = _prep_objects(child, index, OBJECT_SOURCE_PREPS)
            if found:
                return found
    return []


def nominal_arguments(
    noun: Token,
    index: ActorIndex,
    container: bool = False,
    reach: bool = True,
    on_target: bool = False,
) -> tuple[list[ActorRef], list[ActorRef]]:
    """(actors, recipients) of a noun trigger; a summit's name ("G20") is no actor.
    ``on_target``: an *on* object is a recipient (hostile acts: "sanctions *on Russia*", "an
    attack *on Gaza*"; of a meeting or an agreement it is the topic: "talks on Syria")."""
    actors, recipients = own_nominal_arguments(noun, index, container)
    if on_target and not recipients:
        recipients = _prep_objects(noun, index, frozenset({"on", "upon"}))
    of = _prep_objects(noun, index, frozenset({"of"}))
    if not actors:
        actors = _governor_subject(noun, index) or _extraposed(noun, index)
    if not actors:
        actors, of = of, []
    if not recipients and not container:  # "invasion *of South Lebanon*": the patient
        recipients = of
    if not recipients and actors and not container:
        recipients = _nominal_deeper(noun, index, {_key(a) for a in actors}, reach)
    return actors, recipients


def _nominal_deeper(
    noun: Token, index: ActorIndex, exclude: set[str], reach: bool = True
) -> list[ActorRef]:
    """A noun trigger naming no recipient: its own act objects ("protest *against* the
    violations *by X*"), the *with*/*to*/*against* objects of the verb it is the object of
    ("staged rallies ... *against* X"), then the clauses below either (:mod:`.recipients`)."""
    found = (object_parties(noun, index, exclude) or deeper(noun, index, exclude)) if reach else []
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    if found or noun.dep_ not in ("dobj", "pobj", "attr") or head.pos_ not in ("VERB", "AUX"):
        return found
    if noun.dep_ == "pobj" and noun.head.lower_ in TIME_PREPS:  # "speaking to X *after* it"
        return []
    preps = GOVERNOR_PREPS - {"to"} if head.lemma_.lower() in MOTION else GOVERNOR_PREPS
    found = [r for r in _prep_objects(head, index, preps) if _key(r) not in exclude]
    return found or (deeper(head, index, exclude) if reach else [])


def own_nominal_arguments(
    noun: Token, index: ActorIndex, container: bool = False
) -> tuple[list[ActorRef], list[ActorRef]]:
    """The participants a noun trigger's own phrase names: possessor, name modifiers,
    *between*/*by* objects (actors) and *with*/*to*/*against* objects (recipients)."""
    actors: list[ActorRef] = []
    for child in noun.children:
        if child.dep_ == "poss":
            actors.extend(refs_of(child, index))
        elif _name_modifier(child, index) and not (container or SUMMIT_NAME.match(child.text)):
            actors.extend(_joined(child, index))
            actors.extend(_hyphenated(index.by_token[child.i].ref, index))
    actors += _prep_objects(noun, index, ACTOR_PREPS)
    return actors, _prep_objects(noun, index, NOMINAL_RECIPIENT_PREPS)


def _joined(child: Token, index: ActorIndex) -> list[ActorRef]:
    """The first name of "the *Obama*-Putin meeting" when the entity stage split the pair:
    a name joined to the modifier by a hyphen, as its own compound."""
    hyphen = any(c.text == "-" for c in child.children)
    own = index.by_token[child.i].ref
    return [
        m.ref
        for c in child.children
        if hyphen and c.dep_ == "compound" and (m := index.by_token.get(c.i)) and m.ref != own
    ]


def _hyphenated(ref: ActorRef, index: ActorIndex) -> list[ActorRef]:
    """ "the *Obama-Putin* meeting", "*U.S.-Russia* talks": a compound nominal joining two
    names the KB knows separately names both (spaCy reads it as one name); "Al-Qaeda",
    "Jean-Claude" stay whole, their parts being no known actors."""
    parts = ref.name.split("-")
    if len(parts) != 2 or not all(len(p) >= 3 and p[:1].isupper() for p in parts):
        return [ref]
    found = [index.lookup(p) for p in parts]
    return [f for f in found if f is not None] if all(found) else [ref]


def _name_modifier(child: Token, index: ActorIndex) -> bool:
    return child.dep_ in ("compound", "amod", "nmod") and child.i in index.by_token


def _extraposed(noun: Token, index: ActorIndex) -> list[ActorRef]:
    """ "*Clashes* erupted *between* rival militias": a noun trigger's *between*/*among*
    phrase extraposed after the verb it is the subject of (the parser attaches it to the
    verb); as in "clashes between rival militias erupted", its objects are the actors."""
    if noun.dep_ != "nsubj":
        return []
    return _prep_objects(noun.head, index, frozenset({"between", "among"}))


def _governor_subject(noun: Token, index: ActorIndex) -> list[ActorRef]:
    """The subject of the verb a nominal trigger hangs from: "*Obama* held talks with ..."."""
    token = noun
    for _ in range(3):  # "launched 10 days of war games": climb measure nouns
        prep = token.head
        if token.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "NUM"):
            token = prep.head
    if token.dep_ == "pobj":
        token = token.head
    if token.dep_ not in ("dobj", "prep", "attr", "oprd", "pobj"):
        return []
    head = token.head
    if head.pos_ not in ("VERB", "AUX"):
        return []
    return subject_refs(head, index, passive=True)
