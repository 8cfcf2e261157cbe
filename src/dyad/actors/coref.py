"""Pronoun coreference over the spaCy parse: "he", "his", "him", "she", "her" → a person.

No coreference model works offline with dyad's spaCy pipeline, so pronouns are linked by a
few rules that prefer leaving a pronoun unresolved to linking it to the wrong person:

1. Persons mentioned earlier in the pronoun's own sentence (outside quotation marks): link
   when they are exactly one person; when they are several, leave it.
2. Otherwise the previous sentence of the same paragraph: link when it mentions exactly one
   person, or when the pronoun is a subject and the previous sentence's subject is a person.
   Across a paragraph break only the subject rule applies.

Gender is asymmetric, because the knowledge base records none: "she"/"her" goes only to a
person known to be a woman (a woman's given name, a title such as "Mrs" or "Queen"), "he" to
anyone not known to be a woman. Pronouns inside quotation marks are not resolved (the speaker's
"he" may be anyone), and names inside quotation marks are not candidates for pronouns outside.
Resolved pronouns count as mentions for later pronouns, so "Putin said ... He added ... He
also said" chains. An object pronoun is never its own clause's subject (binding, Principle B):
in "Obama met Putin. The U.S. president criticised *him*", "him" is Putin, the one person of
the previous sentence left once Obama, the subject, is set aside.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyad.actors.clusters import Cluster
from dyad.actors.lexicon import pronoun_genders

_MARKS = re.compile(r'[“”«»"\n]')
_OPEN, _CLOSE = frozenset("“«"), frozenset("”»")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "pobj"})
_OBJECT_FORMS = frozenset({"him", "her"})


def quote_regions(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every quotation (marks included), within a paragraph.

    Curly marks pair up; a doubled opening ("“”There ...”", a common scraping slip) stays
    open; straight marks toggle; a line break closes everything.
    """
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for match in _MARKS.finditer(text):
        mark, pos = match.group(), match.start()
        if mark == "\n":
            opened = None
        elif opened is None:
            opened = pos if mark in _OPEN or mark == '"' else None
        elif (mark in _CLOSE or mark == '"') and pos > opened + 1:
            regions.append((opened, pos + 1))
            opened = None
    return regions


class _Regions:
    def __init__(self, regions: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in regions]
        self.regions = regions

    def inside(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.regions[i][0] < pos < self.regions[i][1] - 1


def _agrees(cluster: Cluster, gender: str) -> bool:
    """ "he" fits a man or a person of unknown gender; "she" only a known woman."""
    return cluster.gender == gender or (cluster.gender is None and gender == "m")


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    cluster: Cluster


class PronounLinker:
    """Links the pronouns of one article to the person clusters built from names/nominals."""

    def __init__(self, doc: Doc, people: list[Cluster]) -> None:
        self.doc = doc
        self.text = doc.text
        self.quotes = _Regions(quote_regions(doc.text))
        self.sents: list[Span] = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.by_sent: list[list[_Mention]] = [[] for _ in self.sents]
        for cluster in people:
            for start, end in cluster.mentions:
                if not self.quotes.inside(start):
                    self._add(_Mention(start, end, cluster))

    def _sent_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def _add(self, mention: _Mention) -> None:
        bucket = self.by_sent[self._sent_index(mention.start)]
        bucket.append(mention)
        bucket.sort(key=lambda m: m.start)

    def run(self) -> None:
        """Resolve every third-person singular pronoun it can; adds mentions to clusters."""
        genders = pronoun_genders()
        for token in self.doc:
            gender = genders.get(token.lower_)
            if gender is None or token.tag_ not in {"PRP", "PRP$"}:
                continue
            if self.quotes.inside(token.idx):
                continue
            cluster = self._antecedent(token, gender)
            if cluster is not None:
                span = (token.idx, token.idx + len(token.text))
                cluster.mentions.append(span)
                cluster.gender = cluster.gender or gender
                self._add(_Mention(span[0], span[1], cluster))

    def _antecedent(self, token: Token, gender: str) -> Cluster | None:
        index = self._sent_index(token.idx)
        bound = self._clause_subject(token)
        same = self._distinct([m for m in self.by_sent[index] if m.end <= token.idx], gender)
        same = [c for c in same if c is not bound]
        if same:
            return same[0] if len(same) == 1 else None
        if index == 0:
            return None
        before = self.sents[index - 1]
        same_paragraph = "\n" not in self.text[before.end_char : token.idx]
        previous = [c for c in self._distinct(self.by_sent[index - 1], gender) if c is not bound]
        if len(previous) == 1 and same_paragraph:
            return previous[0]
        if token.dep_ in _SUBJECTS and previous:
            return self._subject_of(before, gender)
        return None

    def _clause_subject(self, token: Token) -> Cluster | None:
        """Binding (Chomsky's Principle B): an object pronoun ("criticised *him*") is not its
        own clause's subject; the subject's cluster, or None."""
        if token.lower_ not in _OBJECT_FORMS or token.dep_ not in _OBJECTS:
            return None
        verb = token.head.head if token.dep_ == "pobj" else token.head
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            return None
        for m in self.by_sent[self._sent_index(subject.idx)]:
            if m.start <= subject.idx < m.end:
                return m.cluster
        return None

    @staticmethod
    def _distinct(mentions: list[_Mention], gender: str) -> list[Cluster]:
        found: dict[int, Cluster] = {}
        for m in mentions:
            if _agrees(m.cluster, gender):
                found.setdefault(id(m.cluster), m.cluster)
        return list(found.values())

    def _subject_of(self, sent: Span, gender: str) -> Cluster | None:
        """The person cluster that is the subject of ``sent``'s main verb, if any."""
        subjects = [t for t in sent.root.children if t.dep_ in _SUBJECTS]
        if not subjects:
            return None
        head = subjects[0]
        for m in self.by_sent[self._sent_index(sent.start_char)]:
            if m.start <= head.idx < m.end and _agrees(m.cluster, gender):
                return m.cluster
        return None
