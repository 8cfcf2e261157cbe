"""Who a speaker token refers to: names, pronouns, role nominals, pairs and documents.

Coreference is done the cheap way, over the one parse, precision first: a running record of
the people who were grammatical subjects (PERSON entities, or ``he``/``she`` already resolved
to one) lets ``he`` resolve to the most recent such person within a few sentences; a
conjoined pair of people as subject ("Presidents Vladimir Putin and Barack Obama") lets
``they``/"the two leaders" resolve to the pair (reported as its first member, the contract
having one speaker per quote); a document subject ("the joint statement", "the text", then
``it``) resolves to whoever issued it. When the entity stage has linked a mention
(``article.entities``), that link wins over all of this.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import ActorRef
from .cues import is_cue
from .lexicon import DOCUMENT_NOUNS, GROUP_NOUNS, PERSON_PRONOUNS, PLURAL_PRONOUNS, titles
from .names import Namer

WINDOW = 3  # sentences a pronoun may look back
TOPIC_SENTENCES = 3  # sentences an unattributed quotation may look back for its speaker
PAIR_WINDOW = 12  # sentences "the two leaders" may look back
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_DEPTH = 3
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})


@dataclass(frozen=True, slots=True)
class _Mention:
    token: int
    sentence: int
    depth: int  # hops to the sentence root: main-clause subjects are the likelier antecedents
    people: tuple[ActorRef, ...]


class Resolver:
    """Speaker resolution for one article's parse; build once, query per quote."""

    def __init__(self, doc: Doc, namer: Namer, quoted: set[int]) -> None:
        self.doc = doc
        self.namer = namer
        self.quoted = quoted
        self.sent_of = [0] * len(doc)
        for index, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = index
        self.people: list[_Mention] = []  # subjects that are one person
        self.pairs: list[_Mention] = []  # subjects that are two or more people
        self.documents: list[Token] = []
        for token in doc:
            if token.i in quoted:
                continue
            if token.dep_ in _SUBJ and not _nonfinite(token.head):
                self._note_subject(token)
            if token.lemma_.lower() in DOCUMENT_NOUNS:
                self.documents.append(token)

    def _note_subject(self, token: Token) -> None:
        sentence = self.sent_of[token.i]
        person = self._person_token(token)
        if person is not None:
            ref = self.namer.name(person)
            self.people.append(_Mention(token.i, sentence, _depth(token), (ref,)))
            others = [c for c in person.conjuncts if self.namer.is_person(c)]
            if others:
                names = (ref, *(self.namer.name(c) for c in others))
                self.pairs.append(_Mention(token.i, sentence, _depth(token), names))
            return
        found: tuple[ActorRef, ...] = ()
        if token.lower_ in PERSON_PRONOUNS:
            found = self._recent(self.people, token)
            if found:
                self.people.append(_Mention(token.i, sentence, _depth(token), found))
        elif _is_group(token):
            found = self._recent(self.pairs, token, _pair_window(token))
            if found:
                self.pairs.append(_Mention(token.i, sentence, _depth(token), found))

    def _person_token(self, token: Token) -> Token | None:
        if self.namer.is_person(token):
            return token
        if token.is_title and token.lower_ in titles():  # "Speaker of the House Paul Ryan"
            named = self._titled_name(token)
            if named is not None:
                return named
        unknown = token.pos_ == "PROPN" and not token.ent_type_ and token.lower_ not in titles()
        if unknown and is_cue(token.head):
            return token  # an unknown proper name that speaks is most likely a person
        for child in token.children:
            if child.dep_ == "appos" and self.namer.is_person(child):
                return child
        return None

    def _titled_name(self, title: Token) -> Token | None:
        """The person named in a title's own phrase: "Speaker of the House Rep. Paul Ryan"."""
        for prep in title.rights:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for i in range(prep.right_edge.i, prep.i, -1):
                other = self.doc[i]
                if other.dep_ in ("compound", "flat", "appos"):
                    continue  # "Rep. Paul Ryan (R-WI)": the name, not its appositive
                if self.namer.is_person(other):
                    return other
        return None

    def _recent(
        self, mentions: list[_Mention], token: Token, window: int = WINDOW
    ) -> tuple[ActorRef, ...]:
        """The antecedent: in the nearest sentence (up to ``window`` back) holding a
        candidate before ``token``, the candidate highest in the tree."""
        sentence = self.sent_of[token.i]
        best: _Mention | None = None
        for mention in reversed(mentions):
            if mention.token >= token.i:
                continue
            if sentence - mention.sentence > window:
                break
            if best is not None and mention.sentence != best.sentence:
                break
            if best is None or mention.depth <= best.depth:
                best = mention
        return best.people if best else ()

    def resolve(self, token: Token, depth: int = 0) -> ActorRef | None:
        """The actor a speaker token refers to, or ``None`` when it cannot be told."""
        if _group_member(token, self.namer):  # "an Iowa Democrat" is one person, unnamed
            return ActorRef(None, self.namer.nominal(token))
        linked = self.namer.linked(token)
        if linked is not None:
            return ActorRef(linked.id, linked.name)
        if token.ent_type_ in _NOT_SPEAKERS:
            return None
        person = self._person_token(token)
        if person is not None:
            return self.namer.name(person)
        lower, lemma = token.lower_, token.lemma_.lower()
        if lower in PERSON_PRONOUNS:
            found = self._recent(self.people, token)
            return found[0] if found else None
        if _is_group(token):
            found = self._recent(self.pairs, token, _pair_window(token))
            if found:
                return found[0]
            return None if lower in PLURAL_PRONOUNS else ActorRef(None, self.namer.nominal(token))
        if (lemma in DOCUMENT_NOUNS or lower == "it") and depth < _DEPTH:
            issuer = self._issuer(token, depth)
            if issuer is not None or lower == "it":
                return issuer
        if lower in titles() and token.tag_ in ("NN", "NNP") and _definite(token):
            return self._role(token) or ActorRef(None, self.namer.nominal(token))
        if token.pos_ in ("PRON", "DET"):
            return None
        return self.namer.name(token)

    def topic(self, before: int, floor: int) -> ActorRef | None:
        """Who an unattributed quotation likely continues: the named subject of the nearest
        of the last :data:`TOPIC_SENTENCES` sentences ending before token ``before`` (and
        starting at or after ``floor``) that has one."""
        for _ in range(TOPIC_SENTENCES):
            if before <= 0:
                return None
            sent = self.doc[before - 1].sent
            if sent.start < floor:
                return None
            found = self._sentence_speaker(sent)
            if found is not None:
                return found
            before = sent.start
        return None

    def _sentence_speaker(self, sent: Span) -> ActorRef | None:
        """A named subject of ``sent``: of a cue verb first ("If anything, Ash argued, the
        incident ..."), else of its root."""
        verbs = [t for t in sent if is_cue(t) and t.i not in self.quoted]
        subjects = [next((c for c in v.children if c.dep_ == "nsubj"), None) for v in verbs]
        subjects.append(next((c for c in sent.root.children if c.dep_ == "nsubj"), None))
        for subject in subjects:
            if subject is None or subject.i in self.quoted:
                continue
            found = self.resolve(subject)
            if found is not None and found.id is not None:
                return found
        return None

    def _role(self, token: Token) -> ActorRef | None:
        """A role nominal ("the U.S. president"): a PERSON named earlier in the sentence
        (not inside a quotation, and not the object of a preposition: "In an interview
        with Mika Brzezinski, the Democratic presidential candidate said" is not
        Brzezinski), else the most recent person subject."""
        sent = self.doc[token.i].sent
        for other in reversed(self.doc[sent.start : token.i]):
            if other.i in self.quoted or other.dep_ in ("compound", "flat"):
                continue
            if self.namer.is_person(other) and not _in_prep_phrase(other, token):
                return self.namer.name(other)
        titled = self._titled(token)
        if titled is not None:
            return titled
        found = self._recent(self.people, token)
        return found[0] if found else None

    def _titled(self, token: Token) -> ActorRef | None:
        """The last person named before ``token`` with its title ("President Barack Obama",
        "Obama, the president") when ``token`` is that title: "the president" is Obama even
        when another person was the last subject."""
        lemma = token.lemma_.lower()
        for i in range(token.i - 1, -1, -1):
            other = self.doc[i]
            if other.lemma_.lower() != lemma or i in self.quoted:
                continue
            head = other.head
            if other.dep_ == "compound" and self.namer.is_person(head):
                return self.namer.name(head)
            if other.dep_ == "appos" and self.namer.is_person(head):
                return self.namer.name(head)
        return None

    def _issuer(self, token: Token, depth: int) -> ActorRef | None:
        """Who issued the document ``token`` names; for "it" or a bare "the text", the
        latest document mentioned before."""
        found = self._issuer_of(token, depth)
        if found is not None:
            return found
        if token.lower_ != "it" and not _definite(token):
            return None
        sentence = self.sent_of[token.i]
        for earlier in reversed([d for d in self.documents if d.i < token.i]):
            if sentence - self.sent_of[earlier.i] > WINDOW:
                break
            found = self._issuer_of(earlier, depth)
            if found is not None:
                return found
        return None

    def _issuer_of(self, doc_token: Token, depth: int) -> ActorRef | None:
        if doc_token.lemma_.lower() not in DOCUMENT_NOUNS:
            return None
        for child in doc_token.children:
            named = child.pos_ in ("PROPN", "PRON") and child.ent_type_ not in ("DATE", "TIME")
            if child.dep_ == "poss" and named:
                return self.resolve(child, depth + 1)
            if child.dep_ in ("acl", "relcl"):
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            return self.resolve(pobj, depth + 1)
        head = doc_token.head
        verb = head if doc_token.dep_ == "dobj" else head.head
        if doc_token.dep_ == "dobj" or (doc_token.dep_ == "pobj" and verb.pos_ == "VERB"):
            for child in verb.children:
                if child.dep_ == "nsubj":
                    return self.resolve(child, depth + 1)
        return None


def _in_prep_phrase(token: Token, speaker: Token) -> bool:
    """``token`` hangs below a preposition (on its path up to the root or the common
    ancestor with ``speaker``)."""
    above = {a.i for a in speaker.ancestors}
    for node in (token, *token.ancestors):
        if node.i in above:
            return False
        if node.dep_ in ("prep", "agent") and node.pos_ == "ADP":
            return True
    return False


_ONE = frozenset({"a", "an", "one", "another", "the", "this", "that"})


def _group_member(token: Token, namer: Namer) -> bool:
    """A singular noun naming a group's member with a determiner: "an Iowa Democrat",
    "the Wisconsin Republican" (the parse or the entity stage calls it the group)."""
    if token.tag_ not in ("NN", "NNP") or token.lower_ in PERSON_PRONOUNS:
        return False
    linked = namer.linked(token)
    group = linked.type == "NORP" if linked is not None else token.ent_type_ == "NORP"
    return group and any(c.dep_ in ("det", "nummod") and c.lower_ in _ONE for c in token.children)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _pair_window(token: Token) -> int:
    """ "The two leaders" / "both presidents" name a pair unambiguously: look further back."""
    if any(c.lower_ in ("two", "both") for c in token.children):
        return PAIR_WINDOW
    return WINDOW


def _nonfinite(verb: Token) -> bool:
    """``expected Putin to be``: the subject of an infinitive is no one's topic."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _definite(token: Token) -> bool:
    """``the president``, ``this statement``: a definite singular noun phrase."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children)


def _is_group(token: Token) -> bool:
    """A plural subject that may stand for a pair of people: "they", "the two leaders"."""
    lemma = token.lemma_.lower()
    return token.lower_ in PLURAL_PRONOUNS or (lemma in GROUP_NOUNS and token.tag_ == "NNS")
