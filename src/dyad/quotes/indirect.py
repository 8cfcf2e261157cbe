"""Indirect (reported) speech: ``Obama said the two leaders agreed ...`` without marks.

Kept conservative for precision: only a speech verb from ``speech_verbs.txt``, outside any
quotation, with a nominal or pronoun subject and a clausal complement (``ccomp``) produces
a quote; its span is the complement clause (without a leading ``that``), its cue the verb,
its speaker the verb's subject. A complement that is itself mostly a quotation is left to
the quotation it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .lexicon import speech_verbs

_TRIM = ' \t\n,;:."“”'


def reported(doc: Doc, quoted: set[int]) -> Iterator[tuple[Token, Token, int, int]]:
    """``(verb, subject, start, end)`` for each indirect quotation's clause in ``doc``."""
    verbs = speech_verbs()
    for verb in doc:
        if verb.pos_ != "VERB" or verb.i in quoted or verb.lemma_.lower() not in verbs:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if subject is None or clause is None or subject.i in quoted:
            continue
        if subject.pos_ not in ("NOUN", "PROPN", "PRON") or subject.lower_ in ("i", "we", "you"):
            continue
        first = clause.left_edge.i
        if doc[first].dep_ == "mark" and doc[first].head == clause:
            first += 1
        last = clause.right_edge.i
        inside = sum(1 for i in range(first, last + 1) if i in quoted)
        if inside * 2 > last + 1 - first:
            continue
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        text = doc.text
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if end - start > 3:
            yield verb, subject, start, end
