"""Speaker names: canonical full names, titles stripped, ids from the actor knowledge base.

A speaker found in the parse is a token; its name is, in order of preference, the entity the
entity stage linked to that text (``article.entities``), else the longest earlier PERSON
mention that ends with the same surname ("McFaul" -> "Michael McFaul"), with leading titles
and descriptors dropped ("U.S. Ambassador Michael McFaul" -> "Michael McFaul"). The id comes
from the actor knowledge base when it knows the name; otherwise it is the same slug the entity
stage gives an unknown person, or ``None`` for a common-noun speaker ("the committee").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..actors.kb import default_kb
from ..actors.names import slug
from ..model import ActorRef, Entity
from .lexicon import titles

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NAME_DEPS = frozenset({"compound", "flat", "nmod"})
_AFFILIATION = 6  # words of a role's "for X" / "of X" kept in a nominal speaker's name
_NP_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "case"})


def kb_ref(name: str) -> ActorRef:
    """The knowledge-base actor for ``name`` if there is one, else the id every stage gives
    a person the knowledge base does not know (:func:`~dyad.actors.unknown_person_id`)."""
    found = default_kb().lookup(name)
    # A bare surname may fit several actors ("Clinton"): take the KB's pick only when it
    # is unique or the name was given in full; otherwise keep the name as written.
    if found and (len(found) == 1 or " " in name.strip()):
        return ActorRef(found[0].id, found[0].name)
    return ActorRef(slug(name), name)


def strip_titles(words: Sequence[str]) -> list[str]:
    """Drop everything up to the last title word and any lowercase descriptors: keep the
    capitalised name ("U.S. Ambassador Michael McFaul" -> "Michael McFaul")."""
    out = list(words)
    marks = [
        i
        for i, w in enumerate(out[:-1])
        if w.lower() in titles() or w.lower().rstrip(".") in titles()
    ]
    if marks:
        out = out[marks[-1] + 1 :]
    while len(out) > 1 and not out[0][:1].isupper():
        out.pop(0)
    if out:
        out[-1] = _POSSESSIVE.sub("", out[-1]) or out[-1]
    return out


class Namer:
    """Turns speaker tokens into :class:`ActorRef` for one article."""

    def __init__(self, doc: Doc, entities: Sequence[Entity]) -> None:
        self.doc = doc
        self.mentions = sorted(
            ((s, e, ent) for ent in entities for s, e in ent.mentions), key=lambda m: m[0]
        )
        self.ent_of: list[Span | None] = [None] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        # Name candidates for surname expansion: the small model sometimes tags a person
        # ("Nikolai Zlobin of ...") as ORG, so any all-proper-noun entity may serve.
        self.persons = [
            ent
            for ent in doc.ents
            if ent.label_ == "PERSON" or (len(ent) <= 4 and all(t.pos_ == "PROPN" for t in ent))
        ]
        self.surnames = {
            ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2
        }

    def linked(self, token: Token) -> Entity | None:
        """The entity from the entity stage whose mention covers ``token``."""
        for start, end, ent in self.mentions:
            if start > token.idx:
                break
            if token.idx < end:
                return ent
        return None

    def is_person(self, token: Token) -> bool:
        linked = self.linked(token)
        if linked is not None:
            return linked.type == "PERSON"
        ent = self.ent_of[token.i]
        if ent is not None and ent.label_ == "PERSON":
            return True
        return self._surname(token)

    def _surname(self, token: Token) -> bool:
        """A surname of someone named in full elsewhere (the tagger may call it an adverb:
        ``said Skelly``)."""
        return (token.pos_ == "PROPN" or token.is_title) and token.text in self.surnames

    def name(self, token: Token) -> ActorRef:
        """The canonical name of a proper-name or common-noun speaker token."""
        linked = self.linked(token)
        if linked is not None:
            return ActorRef(linked.id, linked.name)
        ent = self.ent_of[token.i]
        if self._surname(token):
            # a surname of a person named in full elsewhere, which the tagger mislabelled
            return kb_ref(" ".join(self._full_name([token.text], token.i)))
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            words = strip_titles([t.text for t in ent if not t.is_punct or t.text == "."])
            if ent.label_ == "PERSON":
                words = self._full_name(words, ent.start)
            elif words and words[0].lower() == "the":
                words = words[1:]
            return kb_ref(" ".join(words))
        if token.pos_ == "PROPN":
            chain = [t for t in token.lefts if t.dep_ in _NAME_DEPS and t.pos_ == "PROPN"]
            words = strip_titles([t.text for t in [*chain, token]])
            return kb_ref(" ".join(self._full_name(words, token.i)))
        return ActorRef(None, self.nominal(token))

    def nominal(self, token: Token) -> str:
        """A common-noun phrase: the head with its left modifiers ("the Russian president")."""
        left = token.left_edge.i
        for t in token.lefts:
            if t.dep_ not in _NP_LEFT_DEPS:
                left = t.right_edge.i + 1
        right = token.i
        if token.lemma_.lower() in titles():  # "a spokesman for Ted Cruz"
            for prep in token.rights:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "to"):
                    right = min(prep.right_edge.i, token.i + _AFFILIATION)
                    break
        return self.doc[min(left, token.i) : right + 1].text

    def _full_name(self, words: list[str], before: int) -> list[str]:
        """Expand a surname to the fullest PERSON name seen earlier (else later) in the text."""
        if len(words) != 1:
            return words
        earlier: list[str] = []
        later: list[str] = []
        for ent in self.persons:
            cand = strip_titles([t.text for t in ent if not t.is_punct])
            if len(cand) > 1 and cand[-1] == words[0]:
                pool = earlier if ent.start < before else later
                if len(cand) > len(pool):
                    pool[:] = cand
        return earlier or later or words
