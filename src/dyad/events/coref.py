"""Which actor "it", "the country" and "the government" are: coreference over the parse.

No coreference model runs offline with dyad's spaCy pipeline, and the entity stage
(:mod:`dyad.actors.coref`, :mod:`dyad.actors.nominals`) links people only: "he", "she", "the
Russian president". An event's participants are as often states and organisations, named
once and then taken up by a pronoun or a definite description:

* **"it" as a subject, "its"** (Hobbs 1978's search, cut down; an object "it" is most often
  a thing: "signed a deal ... rejected *it*"): the one country or organisation named
  earlier in the same sentence; else, when the sentence names none before it, the subject
  of the previous sentence if that is a country or organisation ("Russia denied the claim.
  *It* accused Ukraine ...").
* **Definite descriptions** (Poesio & Vieira 1998: a definite whose head names the
  antecedent's class): "the country", "the nation" → the last country named in this or the
  previous two sentences (of several there, the main clause's subject, the preferred centre
  of centering theory); "the government", "the regime", "the authorities", "the
  administration" → that country's government from the knowledge base ("Government of
  Russia"), or a government named there. A description with its own modifiers ("the Russian
  government", "the government of Iraq") is read from them instead, by
  :mod:`.arguments`.

Precision first: more than one candidate of the kind in reach leaves the word unresolved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyad.model import ActorRef

if TYPE_CHECKING:
    from dyad.events.arguments import ActorIndex, Mention

COUNTRY_NOUNS = frozenset({"country", "nation"})
GOVERNMENT_NOUNS = frozenset({"government", "regime", "authorities", "administration"})
BODY_TYPES = frozenset({"GPE", "ORG"})
REACH = 2  # sentences back
GOVERNMENT_PREFIX = "government-of-"

GovernmentOf = Callable[[str], ActorRef | None]


def resolve(token: Token, index: ActorIndex) -> list[ActorRef]:
    """The actor ``token`` stands for, if it is "it"/"its" or a bare definite description
    that can be resolved; [] otherwise."""
    lower = token.lower_
    if lower in ("it", "its") and token.pos_ == "PRON":
        if _expletive(token) or (lower == "it" and token.dep_ != "nsubj"):
            return []
        found = _it(token, index)
        return [found.ref] if found else []
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or not _bare_definite(token):
        return []
    if lemma in COUNTRY_NOUNS:
        found = _latest(token, index, frozenset({"GPE"}))
        return [found.ref] if found else []
    if lemma in GOVERNMENT_NOUNS or lower in GOVERNMENT_NOUNS:  # "authorities": lemma "authority"
        found = _latest(token, index, BODY_TYPES, government=True)
        if found is None:
            return []
        if (found.ref.id or "").startswith(GOVERNMENT_PREFIX):
            return [found.ref]
        government = index.government_of(found.ref.name)  # none for "Essex": no state
        return [government] if government is not None else []
    return []


def _expletive(token: Token) -> bool:
    """ "*it* was agreed that ...", "*it* is likely to ...", "found *it* hard to ...", "makes
    *it* clear that ...": an empty subject, standing for a clause."""
    if token.lower_ != "it":
        return False
    head = token.head
    clause = any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children)
    light = head.lemma_ in ("be", "seem", "appear", "become", "make", "take")
    return token.dep_ == "nsubjpass" or head.pos_ == "ADJ" or (clause and light)


def _bare_definite(token: Token) -> bool:
    """ "the government" with nothing naming whose: no possessor, modifier or *of* phrase."""
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children):
        return False
    named = ("poss", "compound", "amod", "nmod", "appos")
    if any(c.dep_ in named for c in children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in children)


def _sentence(token: Token) -> int:
    from dyad.events.arguments import _sentence_number  # shared cache, a cycle at import

    return _sentence_number(token.doc, token.sent.start)


def _bodies(
    token: Token, index: ActorIndex, kinds: frozenset[str], government: bool = False
) -> list[tuple[int, int, Mention]]:
    """Countries/organisations mentioned before ``token`` within reach: (sentence, i, m)."""
    here = _sentence(token)
    out = []
    for i, mention in sorted(index.by_token.items()):
        if i >= token.i:
            break
        gov = government and (mention.ref.id or "").startswith(GOVERNMENT_PREFIX)
        if mention.type not in kinds and not gov:
            continue
        if mention.type == "ORG" and government and not gov:
            continue
        sentence = _sentence(token.doc[i])
        if here - sentence <= REACH:
            out.append((sentence, i, mention))
    return out


def _distinct(found: list[tuple[int, int, Mention]]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for _, _, mention in found:
        seen.setdefault(mention.ref.id or mention.ref.name, mention)
    return list(seen.values())


def _latest(
    token: Token, index: ActorIndex, kinds: frozenset[str], government: bool = False
) -> Mention | None:
    """The one candidate of the latest sentence in reach that names any (None if several)."""
    found = _bodies(token, index, kinds, government)
    if not found:
        return None
    last = max(s for s, _, _ in found)
    candidates = _distinct([x for x in found if x[0] == last])
    if len(candidates) == 1:
        return candidates[0]
    subject = _subject(token.doc[next(i for s, i, _ in found if s == last)], index)
    return subject if subject is not None and subject in candidates else None


def _subject(token: Token, index: ActorIndex) -> Mention | None:
    """The actor that is the subject of the main clause of ``token``'s sentence (the
    preferred centre, Grosz, Joshi & Weinstein 1995)."""
    root = token.sent.root
    subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].conjuncts:  # "Russia and Ukraine signed": no one centre
        return None
    return index.by_token.get(subjects[0].i)


def _it(token: Token, index: ActorIndex) -> Mention | None:
    here = _sentence(token)
    found = _bodies(token, index, BODY_TYPES)
    same = _distinct([x for x in found if x[0] == here])
    if same:
        return same[0] if len(same) == 1 else None
    previous = [x for x in found if x[0] == here - 1]
    if not previous:
        return None
    mention = _subject(token.doc[previous[0][1]], index)
    return mention if mention is not None and mention.type in BODY_TYPES else None
