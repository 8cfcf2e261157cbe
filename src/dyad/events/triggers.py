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
MUST = Spec("REQUEST", None, "100")
EMBED_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "pcomp", "advcl"})
SKIP_DEPS = frozenset({"amod", "compound", "aux", "auxpass"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
THEME_DEPS = frozenset({"dobj", "nsubjpass", "prep", "dative"})


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
        if child.dep_ in ("prt", "prep", "dobj", "dative"):
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
    """ "X said (that) Y must Z": a reported obligation is X's demand on Y."""
    if token.lemma_.lower() not in REPORTING:
        return False
    return any(
        c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "must" for a in c.children)
        for c in token.children
    )


def _reduced_relative(token: Token) -> bool:
    """ "the curfew *imposed* in Sudan": background, not an event of the sentence (unless the
    noun is the sentence's root, a parse slip for a main verb)."""
    if token.dep_ != "acl" or token.tag_ != "VBN":
        return False
    return token.head.dep_ != "ROOT" and token.sent.root.pos_ in ("VERB", "AUX")


def _verbal(token: Token, lex: Lexicon) -> Trigger | None:
    if token.dep_ in SKIP_DEPS or _reduced_relative(token):
        return None
    if _must(token):
        return Trigger(token, MUST)
    found = _phrasal(token, lex)
    if found is not None:
        return Trigger(token, found[0], found[1])
    lemma = token.lemma_.lower()
    if lemma in lex.verbs and lex.verbs[lemma] is None:
        return None
    for child in token.children:
        if child.dep_ == "dobj" and _noun_spec(child, lex) is None:
            spec = lex.verb_object.get((lemma, child.lemma_.lower()))
            if spec is not None and lex.verbs.get(lemma) is not None and lemma not in lex.curated:
                return Trigger(token, spec, child)
    spec = lex.verbs.get(lemma)
    if lemma not in lex.verbs:  # the model's lemma slips: "hopes" → "hop"
        spec = next((lex.verbs[f] for f in word_forms(lemma, token.lower_) if f in lex.verbs), None)
    return Trigger(token, spec) if spec is not None else None


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
    found = _noun_spec(token, lex)
    if found is None:
        return None
    return Trigger(token, found[0], found[1], nominal=True)


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
    return found


def governing_trigger(
    trigger: Trigger, by_token: dict[int, Trigger], hops: int = 4
) -> Trigger | None:
    """The speech act whose content this trigger is ("threatened to *cut off*"), or None."""
    token = trigger.token
    for _ in range(hops):
        if token.dep_ not in EMBED_DEPS or token.head is token:
            return None
        token = token.head
        head = by_token.get(token.i)
        if head is not None and head.spec.type in ABSORBING:
            return head
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


def absorb(found: list[Trigger]) -> list[Trigger]:
    """Drop events that are the content of a speech act or the theme of another event,
    keeping embedded meetings."""
    by_token = {t.token.i: t for t in found}
    kept = []
    for trigger in found:
        head = governing_trigger(trigger, by_token)
        if head is not None and trigger.spec.type != "CONSULT":
            continue
        if theme_of(trigger, by_token):
            continue
        kept.append(trigger)
    return kept
