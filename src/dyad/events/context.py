"""When, where and whether: an event's date, location and status from its clause.

Everything is read along the trigger's *chain*: the trigger and the words it hangs from, up
to its clause's verb (for a noun trigger, the verb it is the object of), plus the verb a
purpose clause depends on ("heads to the summit ... *to* lock in gains in a meeting"). A time
expression or a place ("in Los Cabos", "at the G20 summit in Hangzhou") belongs to the event
when its own head path reaches that chain without passing through another event or clause; a
summit on the way is a container, not a competitor. The status comes from cue words on the
chain: *cancel*/*skip* (cancelled), *if* (hypothetical), a negation on the event's own verb
(negated), modals (hypothetical), *will*, *plans to*, *hopes to*, a purpose clause after a
motion verb in the present (planned); a date after publication also means planned.
"""

from __future__ import annotations

import itertools

from spacy.tokens import Doc, Span, Token

from dyad.events.lexicon import Lexicon, word_forms
from dyad.events.triggers import Trigger
from dyad.model import Timex

VERBS = ("VERB", "AUX")
STATUS_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "acomp", "advcl", "acl", "pcomp", "conj"}
)
NOUN_UP = frozenset({"nsubj", "nsubjpass", "attr"})
UNDATED = ("DURATION", "SET")
EXISTENCE = frozenset({"happen", "occur", "take", "go", "materialize", "materialise"})
LOCATION_PREPS = frozenset({"in", "at", "near"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Frequency adverbs that make a clause habitual ("they often meet", "his talks with Putin were
# mostly productive"): it speaks of many occasions, not of one event. "mostly" counts only
# over a plural noun ("the meeting was mostly about Syria" is one meeting).
FREQUENCY = frozenset(
    {"usually", "often", "always", "generally", "typically", "frequently", "regularly",
     "routinely", "sometimes", "occasionally", "rarely", "seldom", "repeatedly"}
)  # fmt: skip
OVER_PLURAL = frozenset({"mostly", "largely", "mainly"})
VENUES = frozenset(
    {"sideline", "sidelines", "margin", "margins", "summit", "conference", "forum", "session"}
)


def status_chain(token: Token, hops: int = 5) -> list[Token]:
    """The trigger and the words above it that can carry its status cues."""
    chain = [token]
    for _ in range(hops):
        allowed = STATUS_DEPS | (NOUN_UP if token.pos_ == "NOUN" else frozenset())
        if token.dep_ not in allowed or token.head is token:
            break
        token = token.head
        chain.append(token)
    return chain


def anchor_chain(token: Token) -> list[Token]:
    """The trigger and its governors up to its clause's verb (and a purpose clause's head)."""
    chain = [token]
    verbs = 1 if token.pos_ in VERBS else 0
    while token.head is not token and len(chain) < 7:
        if verbs and not _purpose_or_conj(token):
            break
        token = token.head
        chain.append(token)
        if token.pos_ in VERBS:
            verbs += 1
            if verbs > 1 and token is not chain[1]:
                break
    return chain


def _purpose_or_conj(token: Token) -> bool:
    if token.dep_ == "conj":
        return True
    return token.dep_ in ("xcomp", "advcl") and any(c.lower_ == "to" for c in token.children)


def _attach_rank(
    root: Token, chain: list[Token], triggers: set[int], containers: set[int]
) -> int | None:
    """Where a modifier's head path meets the chain (index), or None if it goes elsewhere."""
    positions = {t.i: n for n, t in enumerate(chain)}
    token = root
    for _ in range(8):
        if token.head is token:
            return None
        token = token.head
        if token.i in positions:
            return positions[token.i]
        if token.i in triggers and token.i not in containers:
            return None
        if token.pos_ in VERBS:
            return None
    return None


def attach_date(
    trigger: Trigger, sent: Span, timexes: list[Timex], triggers: set[int], containers: set[int]
) -> Timex | None:
    """The time expression that governs the event, if any."""
    chain = anchor_chain(trigger.token)
    best: tuple[int, int, Timex] | None = None
    for timex in timexes:
        if timex.type in UNDATED or not timex.value or timex.value.endswith("_REF"):
            continue
        root = _root(sent.doc, timex.span)
        if root is None or root.i in triggers:
            continue
        rank = _attach_rank(root, chain, triggers, containers)
        if rank is not None:
            key = (rank, abs(root.i - trigger.token.i), timex)
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best else None


def _root(doc: Doc, span: tuple[int, int]) -> Token | None:
    """The syntactic head of a character span, ignoring punctuation at its edges ("May.")."""
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    words = [t for t in found or () if not t.is_punct]
    if not words:
        return None
    return doc[words[0].i : words[-1].i + 1].root


def ents_in(sent: Span) -> list[Span]:
    """The named entities of ``sent``.

    ``Span.ents`` walks every entity of the document at each call, which made the stage
    quadratic in article length (15 s for a 94,000-character article); the entities are
    bucketed by sentence once per document instead.
    """
    doc = sent.doc
    table: dict[int, list[Span]] | None = doc.user_data.get(_SENT_ENTS)
    if table is None:
        table = {}
        for ent in doc.ents:
            table.setdefault(doc[ent.start].sent.start, []).append(ent)
        doc.user_data[_SENT_ENTS] = table
    return table.get(sent.start, [])


_SENT_ENTS = "dyad.events.sentence_entities"


def attach_place(
    trigger: Trigger, sent: Span, triggers: set[int], containers: set[int]
) -> Span | None:
    """The place the text puts the event in: a GPE/LOC/FAC after *in*/*at*/*near* whose
    preposition hangs from the trigger itself or from its chain (the clause's locative
    adjunct), possibly through a venue ("on the sidelines of the G20 summit *in* Mexico") —
    never a place inside an object ("a response to cyber operations *in* the United States")."""
    chain = anchor_chain(trigger.token)
    positions = {t.i: n for n, t in enumerate(chain)}
    best: tuple[int, Span] | None = None
    for ent in ents_in(sent):
        head = ent.root.head
        if ent.label_ not in PLACE_LABELS or head.lower_ not in LOCATION_PREPS:
            continue
        rank = _venue_rank(head.head, positions, containers)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, ent)
    return best[1] if best else None


def _venue_rank(token: Token, positions: dict[int, int], containers: set[int]) -> int | None:
    """Where the word a place preposition hangs from meets the chain, climbing only through
    venues (summits, sidelines, capitals) and the prepositions that attach them."""
    for _ in range(6):
        if token.i in positions:
            return positions[token.i]
        venue = token.i in containers or token.lemma_.lower() in VENUES
        if not venue or token.dep_ not in ("pobj", "appos", "compound") or token.head is token:
            return None
        token = token.head
        if token.dep_ == "prep" and token.i not in positions:
            token = token.head
    return None


def habitual(trigger: Trigger) -> bool:
    """Whether the trigger's clause speaks of repeated occasions rather than one event: a
    frequency adverb on the trigger verb, or on the verb a noun trigger is the subject of."""
    token = trigger.token
    verb = token.head if trigger.nominal and token.dep_ in NOUN_UP else token
    if trigger.nominal and verb is token:
        return False
    adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"}
    plural = trigger.nominal and token.tag_ == "NNS"
    return bool(adverbs & FREQUENCY) or (plural and bool(adverbs & OVER_PLURAL))


def status_of(trigger: Trigger, lex: Lexicon, doc: Doc) -> str:
    """occurred | planned | cancelled | negated | hypothetical, from cues on the chain."""
    chain = status_chain(trigger.token)
    cues = [_node_cues(token, n, trigger, lex) for n, token in enumerate(chain)]
    flat = [cue for node in cues for cue in node]
    if "cancelled" in flat:
        return "cancelled"
    if "if" in flat:
        return "hypothetical"
    if len(chain) > 1 and chain[0].dep_ in NOUN_UP and chain[1].lemma_ not in EXISTENCE:
        cues[1] = [c for c in cues[1] if c != "negated"]
    first_verb = next((n for n, t in enumerate(chain) if t.pos_ in VERBS), 0)
    near = [c for node in cues[: first_verb + 1] for c in node]
    if "negated" in near or "refused" in flat:
        return "hypothetical" if "hypothetical" in near else "negated"
    for node in reversed(cues):
        if "planned" in node:
            return "planned"
        if "hypothetical" in node:
            return "hypothetical"
    return "planned" if "will" in flat or _purpose_of_motion(chain, lex) else "occurred"


def _node_cues(token: Token, n: int, trigger: Trigger, lex: Lexicon) -> list[str]:
    """The status cues carried by one chain token (its own lemma from the second on)."""
    cues: list[str] = []
    lemma = token.lemma_.lower()
    if n > 0:
        kind = "V" if token.pos_ in VERBS else "A" if token.pos_ == "ADJ" else "N"
        forms = word_forms(lemma, token.lower_) if kind == "V" else (lemma,)
        cue = next((c for f in forms if (c := lex.cue(kind, f))), None) or _phrasal_cue(token, lex)
        if cue is not None:
            cues.append("refused" if cue == "negated" and kind == "V" else cue)
    for child in token.children:
        cues.extend(_child_cue(child, lex))
    return cues


def _phrasal_cue(token: Token, lex: Lexicon) -> str | None:
    for child in token.children:
        if child.dep_ in ("prt", "advmod", "prep"):
            cue = lex.cue("V", f"{token.lemma_.lower()} {child.lower_}")
            if cue is not None:
                return cue
    return None


def _child_cue(child: Token, lex: Lexicon) -> list[str]:
    word = child.lower_
    if child.dep_ in ("aux", "auxpass"):
        cue = lex.cue("AUX", word)
        if word == "would" and _reported(child.head, lex):
            cue = "planned"  # "said it would": the future of a past report
        return ["will" if cue == "planned" else cue] if cue else []
    if child.dep_ == "neg" or (child.dep_ == "advmod" and word == "never"):
        return ["negated"]
    if child.dep_ == "det" and word == "no":
        return ["negated"]
    if child.dep_ == "mark" and lex.cue("MARK", word):
        return ["if"]
    if child.dep_ == "advcl" and any(
        g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children
    ):
        return []
    if child.dep_ in ("amod", "acomp") and lex.cue("A", child.lemma_.lower()):
        return [lex.cue("A", child.lemma_.lower()) or ""]
    return []


def _reported(verb: Token, lex: Lexicon) -> bool:
    """Whether a clause is the content of a reporting verb ("announced that it would ...")."""
    return verb.dep_ == "ccomp" and lex.cue("REPORT", verb.head.lemma_.lower()) is not None


def _purpose_of_motion(chain: list[Token], lex: Lexicon) -> bool:
    """ "heads to Hangzhou ... to meet", "is going to meet": a to-clause under a motion verb
    in the present or the present progressive."""
    for lower, upper in itertools.pairwise(chain):
        if lower.dep_ in ("xcomp", "advcl") and any(c.lower_ == "to" for c in lower.children):
            if lex.cue("V", upper.lemma_.lower()) != "motion":
                return False
            # "heads to", "is going to / is heading to ... to meet": present or progressive
            present = {"is", "are", "am", "'s", "'re", "'m"}
            progressive = upper.tag_ == "VBG" and any(
                c.dep_ == "aux" and c.lower_ in present for c in upper.children
            )
            return upper.tag_ in ("VBZ", "VBP") or progressive
    return False
