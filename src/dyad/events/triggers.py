"""Event triggers: the words of a sentence that name an event, with what they code.

A trigger is a verb ("met", "accused"), a verb with its particle or object ("called off",
"imposed sanctions") or a noun ("talks", "a bilateral meeting", "Putin's visit"). Matching is
by lemma over the spaCy parse, against :mod:`dyad.events.lexicon`; light verbs ("held talks",
"had their first meeting") are not triggers themselves, their object is. An event embedded in
a speech act ("demanded that Russia withdraw", "accused Moscow of escalating") is the content
of that act, not a separate event, and is absorbed — except meetings, which are kept with the
status the act gives them ("agreed to meet" is a planned meeting).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyad.events.lexicon import Lexicon, Spec, word_forms

ABSORBING = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "PROTEST"})
LIGHT_NOUNS = frozenset({"mission", "effort", "process", "round", "session", "initiative", "bid"})
REPORTING = frozenset({"say", "declare", "state", "insist", "tell", "conclude", "warn", "add"})
PARTICLES = frozenset({"back", "down", "up", "out", "off", "away", "in", "over", "through"})
MUST = Spec("REQUEST", None, "100")
# Commissive verbs (Searle 1976: the speaker commits to a future act) with a to-infinitive are
# statements of intent, CAMEO 03 / PLOVER AGREE, whatever else the verb can mean ("swore *to
# fight*", not swearing as cursing); a hostile content makes them threats (_hostile_intent).
COMMISSIVE = frozenset({"promise", "pledge", "vow", "swear", "guarantee", "undertake", "commit"})
INTENT = Spec("AGREE", None, "030")
PEOPLE = frozenset({"PERSON", "NORP", "ORG"})
EMBED_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "pcomp", "advcl"})
SKIP_DEPS = frozenset({"amod", "compound", "aux", "auxpass"})
EVENT_PREPS = frozenset({"by", "against", "on", "with", "between", "of", "from", "to", "into"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
THEME_DEPS = frozenset({"dobj", "nsubjpass", "prep", "dative"})
SUBORDINATORS = frozenset(
    {"as", "while", "when", "whenever", "after", "before", "since", "because", "until", "once"}
)
# "all their previous meetings", "many past visits": a series of events, not one event
SERIES_WORDS = frozenset(
    {"all", "previous", "past", "earlier", "prior", "many", "several", "numerous", "regular",
     "frequent", "countless", "various"}
)  # fmt: skip


@dataclass(slots=True)
class Trigger:
    """One trigger: its head token, the extra token of a two-word trigger, and its code."""

    token: Token
    spec: Spec
    extra: Token | None = None
    nominal: bool = False

    @property
    def anchor(self) -> Token:
        """The token the event's arguments hang from ("mission" for "mediation mission")."""
        token = self.token
        if token.dep_ == "compound" and token.head.lemma_.lower() in LIGHT_NOUNS:
            return token.head
        return token

    @property
    def text(self) -> str:
        if self.extra is None:
            return self.token.text
        first, last = sorted((self.token, self.extra), key=lambda t: t.i)
        return f"{first.text} {last.text}"


def _phrasal(token: Token, lex: Lexicon) -> tuple[Spec, Token] | None:
    """A curated two-word trigger: verb + particle/preposition, or verb + object noun
    (looking through a light noun: "ended mediation efforts")."""
    lemma = token.lemma_.lower()
    for child in token.children:
        # the small model often parses a particle as an adverb: "pulled *back* from"
        if child.dep_ in ("prt", "prep", "dobj", "dative") or (
            child.dep_ == "advmod" and child.lower_ in PARTICLES
        ):
            for form in _object_forms(child):
                spec = lex.phrasal.get((lemma, form))
                if spec is not None:
                    return spec, child
    return None


def _object_forms(child: Token) -> list[str]:
    forms = [child.lemma_.lower(), child.lower_]
    if child.lemma_.lower() in LIGHT_NOUNS:
        forms += [c.lemma_.lower() for c in child.children if c.dep_ == "compound"]
    return forms


def _must(token: Token) -> bool:
    """ "X said (that) Y must Z": a reported obligation is X's demand on Y; so is the content
    clause of the noun a verb governs ("issued a reminder to Iraq *that it must* cooperate":
    a noun complement clause, marked by *that*, unlike a relative clause, whose *that* is
    the subject or object)."""
    if token.lemma_.lower() in REPORTING:
        return any(c.dep_ == "ccomp" and _obliged(c) for c in token.children)
    return any(
        c.dep_ == "dobj"
        and any(
            k.dep_ in ("acl", "ccomp")
            and _obliged(k)
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children)
            for k in c.children
        )
        for c in token.children
    )


def _obliged(clause: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "must" for a in clause.children)


def _reduced_relative(token: Token) -> bool:
    """ "the curfew *imposed* in Sudan": background, not an event of the sentence (unless the
    noun is the sentence's root, a parse slip for a main verb)."""
    if token.dep_ != "acl" or token.tag_ != "VBN":
        return False
    return token.head.dep_ != "ROOT" and token.sent.root.pos_ in ("VERB", "AUX")


def _light(token: Token, lex: Lexicon) -> bool:
    """ "give them this opportunity", "take the chance": a light verb with an abstract object
    names no event."""
    lemma = token.lemma_.lower()
    return any((lemma, c.lemma_.lower()) in lex.blocked for c in token.children if c.dep_ == "dobj")


def _nominalised(token: Token) -> bool:
    """ "evacuated *the wounded*": a participle used as a noun is a group, not an event."""
    return token.tag_ in ("VBN", "VBG") and any(
        c.dep_ == "det" and c.i < token.i for c in token.children
    )


def _verbal(token: Token, lex: Lexicon) -> Trigger | None:
    if token.dep_ in SKIP_DEPS or _reduced_relative(token) or _nominalised(token):
        return None
    if _light(token, lex):
        return None
    if _must(token):
        return Trigger(token, MUST)
    found = _phrasal(token, lex)
    if found is not None:
        return Trigger(token, found[0], found[1])
    lemma = token.lemma_.lower()
    pattern = _pattern(token, lemma, lex)
    if pattern is not None:
        return pattern if pattern.spec.type != "-" else None  # a statement: no event
    if lemma in lex.verbs and lex.verbs[lemma] is None:
        return _caused_motion(token, lemma, lex)
    if lemma in COMMISSIVE and _infinitive(token) is not None:
        return Trigger(token, INTENT)
    spec = lex.verbs.get(lemma)
    if lemma not in lex.verbs:  # the model's lemma slips: "hopes" → "hop"
        spec = next((lex.verbs[f] for f in word_forms(lemma, token.lower_) if f in lex.verbs), None)
    return Trigger(token, spec) if spec is not None else None


def _caused_motion(token: Token, lemma: str, lex: Lexicon) -> Trigger | None:
    """ "will *return* weapons": a motion verb is stoplisted for the mover's own movement
    ("returned home"); with a direct object that is not a place it is the transitive,
    caused-motion verb (Levin 1993, 11.1 "send" verbs: the object moves), which the codebook
    defines ("Return, release" 084)."""
    spec = lex.codebook_verbs.get(lemma)
    if spec is None or lex.cue("V", lemma) != "motion":
        return None
    for child in token.children:
        place = child.ent_type_ in ("GPE", "LOC", "FAC")
        if child.dep_ == "dobj" and not place and not _people(child):
            return Trigger(token, spec, child)
    return None


def _people(noun: Token) -> bool:
    """Whether a noun names people: "return *children* to Albania" moves people (a
    deportation or a release, which the codebook tells apart by context we do not read), not
    property (0842 "Return property")."""
    from dyad.actors import default_kb  # the agents dictionary (Phoenix) lives in the KB

    lemma = noun.lemma_.lower()
    return noun.ent_type_ in PEOPLE or default_kb().agent_code(lemma) is not None


def _infinitive(token: Token) -> Token | None:
    """The to-infinitive complement of a verb ("vowed *to retaliate*"; the small model often
    attaches it as an adverbial clause)."""
    for child in token.children:
        if (
            child.dep_ in ("xcomp", "advcl")
            and child.tag_ == "VB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
        ):
            return child
    return None


def _pattern(token: Token, lemma: str, lex: Lexicon) -> Trigger | None:
    """The CAMEO dictionary's most specific pattern for a verb, as PETRARCH reads it: verb +
    preposition + object ("agree *to* a *ceasefire*"), then verb + object ("impose
    sanctions"), then verb + preposition ("agree *with*"). A curated verb takes only the first;
    a stoplisted light verb ("reach", "issue", "hold") only the first two, never the
    preposition alone, and an object that is a noun trigger of its own ("held *talks*") is
    read as that noun."""
    codebook = _codebook_pair(token, lemma, lex)
    if codebook is not None:
        return codebook
    if lemma not in lex.verbs:
        return None
    light = lex.verbs[lemma] is None  # "reach", "issue": only their specific patterns
    preps = [c for c in token.children if c.dep_ in ("prep", "prt", "agent")]
    for prep in preps:
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for form in _pattern_forms(pobj):
                spec = lex.verb_object.get((lemma, f"{prep.lower_}:{form}"))
                if spec is not None and not (spec.type == "-" and lemma in lex.curated):
                    return Trigger(token, spec)
    if lemma in lex.curated and not light:  # a curated verb: only the most specific patterns
        return None
    for child in token.children:
        if child.dep_ == "dobj" and _noun_spec(child, lex) is None:
            for form in _pattern_forms(child):
                spec = lex.verb_object.get((lemma, form))
                if spec is not None:
                    return Trigger(token, spec, child)
    for prep in [] if light else preps:
        spec = lex.verb_object.get((lemma, f"{prep.lower_}:"))
        if spec is not None:
            return Trigger(token, spec)
    return None


def _codebook_pair(token: Token, lemma: str, lex: Lexicon) -> Trigger | None:
    """A verb + object the CAMEO codebook defines a code by ("Expel or withdraw *inspectors*",
    "Ease *curfew*"): a definition, more specific than any verb's default, so it applies to
    curated verbs and to verbs with no default of their own."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and _noun_spec(child, lex) is None:
            for form in _pattern_forms(child):
                spec = lex.codebook_pairs.get((lemma, form))
                if spec is not None:
                    return Trigger(token, spec, child)
    return None


def _pattern_forms(noun: Token) -> list[str]:
    """How a dictionary pattern may name a noun, most specific first: with a modifier
    ("defiant statement"), then alone, by lemma or word."""
    bare = [noun.lemma_.lower(), noun.lower_]
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound")]
    return [f"{m.lower_} {b}" for m in mods for b in bare] + bare


def _noun_spec(token: Token, lex: Lexicon) -> tuple[Spec, Token | None] | None:
    """The code of a noun trigger: a two-word compound first ("hunger strike"), then the noun."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS:
            spec = lex.nouns.get(f"{child.lemma_.lower()} {lemma}")
            if spec is not None:
                return spec, child
        if child.dep_ == "prep":
            spec = lex.phrasal.get((lemma, child.lower_))
            if spec is not None:
                return spec, child
    for form in (token.lower_, lemma):
        if form in lex.nouns:
            spec = lex.nouns[form]
            return (spec, None) if spec is not None else None
    return None


def _nominal(token: Token, lex: Lexicon) -> Trigger | None:
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "WORK_OF_ART"):
        return None
    if token.dep_ == "compound" and token.head.lemma_.lower() not in LIGHT_NOUNS:
        return None
    if token.tag_ == "NNS" and any(
        c.lower_ in SERIES_WORDS for c in token.children if c.dep_ in ("amod", "det", "predet")
    ):
        return None
    found = _noun_spec(token, lex)
    if found is None:
        return None
    if found[1] is None and token.lemma_.lower() in lex.derived and not _eventive(token, lex):
        return None
    return Trigger(token, found[0], found[1], nominal=True)


def _eventive(noun: Token, lex: Lexicon) -> bool:
    """Whether a noun derived from a dictionary verb is used as an event: the object of a
    light verb ("launched an *attack*", "staged a *protest*", "reached an *agreement*") or
    with participants of its own ("Israel's *invasion* of Lebanon", "*attacks* on X")."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        lemma = head.lemma_.lower()
        if lemma in lex.verbs and lex.verbs[lemma] is None:
            return True
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return True
        if child.dep_ == "prep" and child.lower_ in EVENT_PREPS:
            return any(c.dep_ == "pobj" for c in child.children)
    return False


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Every trigger of a sentence, in text order, with embedded speech-act content removed."""
    found: list[Trigger] = []
    consumed: set[int] = set()
    for token in sent:
        if token.i in consumed:
            continue
        trigger = None
        if token.pos_ == "VERB":
            trigger = _verbal(token, lex)
        elif token.pos_ == "NOUN":
            trigger = _nominal(token, lex)
        if trigger is not None:
            found.append(trigger)
            if trigger.extra is not None:
                consumed.add(trigger.extra.i)
                if trigger.extra.lemma_.lower() in LIGHT_NOUNS:  # "ended *mediation* efforts"
                    consumed.update(c.i for c in trigger.extra.children if c.dep_ == "compound")
    return _refusals(_cancellations(found, lex), lex)


REFUSAL = Spec("REJECT", None, "120")
ACCESSION = Spec("CONCEDE", None, "083")
# verbs of complying with a request: the codebook's "Accede to requests or demands" (083)
ACCEDING = frozenset(
    {"accede", "accept", "meet", "heed", "grant", "satisfy", "fulfil", "fulfill", "bow"}
)


def _response(verb: Token, lex: Lexicon) -> Spec | None:
    """What answering a request with this verb codes: a verb of refusal (``status.tsv``
    negation cues: reject, dismiss, rebuff, refuse, deny, ...) is the codebook's "Reject
    request or demand" (12x, REJECT), one of complying its "Accede to requests or demands"
    (083, CONCEDE)."""
    lemma = verb.lemma_.lower()
    if lex.cue("V", lemma) == "negated":
        return REFUSAL
    return ACCESSION if lemma in ACCEDING else None


def _requested(token: Token, requests: set[int]) -> bool:
    """Whether a verb's object is a request: "dismissed an *appeal*", "bowed *to* demands"."""
    for child in token.children:
        if child.dep_ == "dobj" and child.i in requests:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "to"
            and any(c.dep_ == "pobj" and c.i in requests for c in child.children)
        ):
            return True
    return False


def _refusals(found: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """ "dismissed an *appeal*", "accepted demands from X", "would not meet their demands":
    a verb answering a request codes the answer (:func:`_response`), whatever else the
    dictionary gives it (*dismiss* is filed under 110, disapprove; *meet* is a meeting); the
    request itself is the answer's theme."""
    out = []
    requests = {t.token.i for t in found if t.nominal and t.spec.type == "REQUEST"}
    verbs = {t.token.i for t in found if not t.nominal}
    for trigger in found:
        token = trigger.token
        head = token.head if token.dep_ == "dobj" else token.head.head
        answer = _response(head, lex) if head.pos_ == "VERB" else None
        if (
            token.i in requests
            and answer is not None
            and head.i not in verbs
            and _requested(head, requests)
        ):
            out.append(Trigger(head, answer, token))
            verbs.add(head.i)
            continue
        answer = None if trigger.nominal else _response(token, lex)
        if answer is not None and _requested(token, requests):
            trigger = Trigger(token, answer, trigger.extra)
        out.append(trigger)
    return out


def _cancelling(trigger: Trigger, lex: Lexicon) -> bool:
    """Whether a verb trigger is a cancellation cue (``status.tsv``: cancel, call off, ...)."""
    lemma = trigger.token.lemma_.lower()
    forms = [lemma]
    if trigger.extra is not None:
        forms.insert(0, f"{lemma} {trigger.extra.lower_}")
    forms += [f"{lemma} {c.lower_}" for c in trigger.token.children if c.dep_ == "prt"]
    return any(lex.cue("V", form) == "cancelled" for form in forms)


def _cancellations(found: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """ "called off a *strike*", "cancelled the *blockade*": a cancellation verb whose object is
    an event names that event, cancelled (the status rules read the cue); the verb's own
    dictionary code (CAMEO 16, reduce relations) would hide what was called off."""
    nouns = {t.token.i for t in found if t.nominal and t.spec.type != "CONSULT"}
    drop = set()
    for n, trigger in enumerate(found):
        if trigger.nominal or not _cancelling(trigger, lex):
            continue
        objects = [c for c in trigger.token.children if c.dep_ in ("dobj", "nsubjpass")]
        if trigger.extra is not None and trigger.extra.dep_ in ("dobj", "nsubjpass"):
            objects.append(trigger.extra)
        if any(o.i in nouns for o in objects):
            drop.add(n)
    return [t for n, t in enumerate(found) if n not in drop]


def governing_trigger(
    trigger: Trigger, by_token: dict[int, Trigger], hops: int = 4
) -> Trigger | None:
    """The speech act whose content this trigger is ("threatened to *cut off*"), or None."""
    token = trigger.token
    for _ in range(hops):
        if token.dep_ not in EMBED_DEPS or token.head is token:
            return None
        clause = token
        token = token.head
        head = by_token.get(token.i) or _noun_complement(clause, by_token)
        if head is not None and head.spec.type in ABSORBING:
            return head
    return None


def _noun_complement(clause: Token, by_token: dict[int, Trigger]) -> Trigger | None:
    """The speech-act noun a light verb governs, when the clause is its content: a that-clause
    ("reiterated its *demand* that Israel ease ...": a noun complement clause the small model
    attaches to the verb), or a participial adjunct of a protest ("staged *rallies* ...,
    saying he must resign", as "demonstrated calling for ...")."""
    that = clause.dep_ == "ccomp" and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
    )
    participle = clause.dep_ == "advcl" and clause.tag_ == "VBG"
    if not (that or participle):
        return None
    for child in clause.head.children:
        found = by_token.get(child.i)
        if (
            child.dep_ == "dobj"
            and found is not None
            and found.nominal
            and (that or found.spec.type == "PROTEST")
        ):
            return found
    return None


def theme_of(trigger: Trigger, by_token: dict[int, Trigger]) -> bool:
    """Whether a noun trigger is the object of a verb trigger: "lifted a *blockade*",
    "signed an *agreement*", "agreed to a *ceasefire*" code one event, the verb's."""
    token = trigger.token
    if not trigger.nominal or trigger.spec.type == "CONSULT":
        return False
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        token = token.head
    head = by_token.get(token.head.i)
    return token.dep_ in THEME_DEPS and head is not None and not head.nominal


def background(trigger: Trigger, nouns: frozenset[int] = frozenset()) -> bool:
    """Whether a trigger sits in a clause that describes rather than reports: a relative
    clause ("Macedonia, *which* is preparing an offensive", "refugees, whom authorities
    *blame*", "the team *trying* to broker", "nationals suspected of *blowing up*") or, for
    anything but a meeting, a temporal or causal adverbial clause ("as authorities *cracked
    down*", "after vehicles were *hit*"). A relative clause on an event noun ("the meeting
    that Obama *hosted*", indices in ``nouns``) describes that event and is kept."""
    token = trigger.token
    for _ in range(12):
        if token.dep_ in ("relcl", "acl") and token.pos_ in ("VERB", "AUX"):
            return token.head.i not in nouns
        if token.dep_ == "advcl" and trigger.spec.type != "CONSULT" and _subordinate(token):
            return True
        if token.head is token:
            return False
        token = token.head
    return False


def _subordinate(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in clause.children)


def purpose_of(trigger: Trigger, by_token: dict[int, Trigger]) -> bool:
    """ "resigned yesterday *to allow* elections", "continued their hunger strike *to demand*":
    the aim of another act is not an event of its own (meetings excepted)."""
    token = trigger.token
    if trigger.nominal or trigger.spec.type == "CONSULT" or token.dep_ != "advcl":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    head = by_token.get(token.head.i)
    if head is not None and not head.nominal:
        return True
    # "continued their hunger strike *to demand*": the aim of the act the object names
    return any(
        (obj := by_token.get(c.i)) is not None and obj.nominal and obj.spec.type != "CONSULT"
        for c in token.head.children
        if c.dep_ == "dobj"
    )


# PLOVER codebook: THREATEN is a statement of intent to act in a hostile way, AGREE one of
# intent to cooperate. An intention whose content is a hostile act is a threat.
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})
THREAT = Spec("THREATEN", None, "130")


def _hostile_intent(head: Trigger, content: Trigger) -> None:
    """ "vowed to *retaliate*", "pledged to *fight* on": an AGREE (intention) verb whose
    clausal complement is a hostile act codes THREATEN (in place); not a hostile act further
    down ("offered troops to help him *oust* ...")."""
    if head.spec.type != "AGREE" or head.nominal or content.spec.type not in HOSTILE:
        return
    token = content.token
    if token.dep_ == "conj":
        token = token.head
    if token.head.i == head.token.i and (
        token.dep_ in ("xcomp", "ccomp") or token == _infinitive(head.token)
    ):
        head.spec = THREAT


def absorb(found: list[Trigger]) -> list[Trigger]:
    """Drop events that are the content of a speech act or the theme of another event,
    keeping embedded meetings; drop background events of relative clauses when the sentence
    reports an event of its own. An intention to act with hostility becomes a threat."""
    by_token = {t.token.i: t for t in found}
    kept = []
    for trigger in found:
        head = governing_trigger(trigger, by_token)
        if head is not None and trigger.spec.type != "CONSULT":
            _hostile_intent(head, trigger)
            continue
        if theme_of(trigger, by_token) or purpose_of(trigger, by_token):
            continue
        kept.append(trigger)
    nouns = frozenset(t.token.i for t in kept if t.nominal)
    main = [t for t in kept if not background(t, nouns)]
    return main or kept


# "on charges of", "on allegations of", "on suspicion of": the reason of a legal action named
# as an accusation
CHARGE_NOUNS = frozenset({"charge", "allegation", "suspicion", "accusation"})


def stated_offence(trigger: Trigger, lex: Lexicon) -> Token | None:
    """The offence a legal action (CAMEO 173: arrest, detain, jail, sue) states it is for:
    "arrested *for collaborating* with Israel", "jailed *on allegations* of treason", "suing
    the United States *for damages*"; None when it states none. CAMEO 173 is "Arrest, detain,
    or *charge* with legal action": the stated offence is the charge, an accusation (1121
    "Accuse of crime"), which PLOVER codes as ACCUSE. "Detained *for questioning*" (an
    investigation, itself ACCUSE-typed) and "jailed *for life*" (no act) state none."""
    if trigger.nominal or not (trigger.spec.cameo or "").startswith("173"):
        return None
    for prep in trigger.token.children:
        if prep.dep_ != "prep":
            continue
        for obj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
            lemma = obj.lemma_.lower()
            if prep.lower_ == "on" and lemma in CHARGE_NOUNS:
                return obj
            if prep.lower_ == "for" and _offence(obj, lemma, lex):
                return obj
    return None


def _offence(obj: Token, lemma: str, lex: Lexicon) -> bool:
    """An act named as an offence: a gerund of an event verb or an event noun, not an
    investigation or accusation itself."""
    if obj.tag_ == "VBG":
        spec = lex.verbs.get(lemma)
    else:
        spec = lex.nouns.get(lemma) or lex.codebook_pairs.get(("accuse", lemma))
    return spec is not None and spec.type != "ACCUSE"
