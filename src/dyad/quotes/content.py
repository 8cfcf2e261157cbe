"""The full reported content a quotation belongs to, and the quote record that carries it.

A partial quote is often a few words inside the writer's paraphrase of what was said
(``dismissed the whole kerfuffle as "absurd."``, ``said his rival is in "serious trouble."``).
``text``/``span`` stay the quoted words (the output contract); ``Quote.content`` holds the
``[start, end)`` of the whole reported content, found over the parse:

- under a cue verb above the quotation: the cue's dependent that holds it (its subtree), with
  the cue's object in front when that dependent is a predicate of the object
  (``called`` -> ``him a "loser"``, ``dismissed`` -> ``the kerfuffle as "absurd"``);
- a cue outside the quotation's clause (``X is "absurd," he said``, ``according to Y``): the
  clause around the quotation without the cue's own words;
- a direct quote, an indirect one or a quotation without a cue: its span.

The content never leaves the sentences the quotation sits in.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Span
from .cues import Cue

# Dependents of a cue that belong to what was said when they precede the one holding the
# quotation: the object of ``call``/``describe``/``dismiss`` and the like.
_OBJECTS = frozenset({"dobj", "dative", "iobj", "attr", "oprd"})
_CLAUSE_SUBJ = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_OPEN_MARKS = frozenset('“"«„')
_CLOSE_MARKS = frozenset('”"»')
_LEAD_TRIM = " \t\n,;:.—–-)"
_TAIL_TRIM = " \t\n,;:—–-("


def content_span(doc: Doc, first: int, last: int, span: Span, cue: Cue | None) -> Span:
    """The reported content of a partial quotation over tokens ``[first, last]``."""
    if cue is None:
        return span
    found = _under_cue(doc, first, last, cue.token)
    if found is None:
        found = _clause(doc, first, last, cue.token)
    if found is None:
        return span
    start, end = _clip(doc, first, last, *found)
    text = doc.text
    cs, ce = doc[start].idx, doc[end].idx + len(doc[end])
    while cs < ce and text[cs] in _LEAD_TRIM:
        cs += 1
    while ce > cs and text[ce - 1] in _TAIL_TRIM:
        ce -= 1
    cs, ce = min(cs, span[0]), max(ce, span[1])
    # the quotation's own marks belong to the content when it starts or ends with them
    if cs == span[0] and cs > 0 and text[cs - 1] in _OPEN_MARKS:
        cs -= 1
    if ce == span[1] and ce < len(text) and text[ce] in _CLOSE_MARKS:
        ce += 1
    return cs, ce


def _roots(doc: Doc, first: int, last: int) -> list[Token]:
    inside = range(first, last + 1)
    return [doc[i] for i in inside if doc[i].head.i not in inside or doc[i].head.i == i]


def _under_cue(doc: Doc, first: int, last: int, cue: Token) -> tuple[int, int] | None:
    """The cue's dependent that holds the quotation, with a preceding object."""
    for root in _roots(doc, first, last):
        node = root
        while node.head.i != node.i and node.head.i != cue.i:
            node = node.head
        if node.head.i != cue.i or node.i == cue.i:
            continue
        start, end = node.left_edge.i, node.right_edge.i
        if node.i > cue.i:
            for child in cue.rights:
                if child.i < node.i and child.dep_ in _OBJECTS:
                    start = min(start, child.left_edge.i)
        return start, end
    return None


def _clause(doc: Doc, first: int, last: int, cue: Token) -> tuple[int, int] | None:
    """The clause around the quotation (a verb with a subject), without the cue's words."""
    roots = _roots(doc, first, last)
    if not roots:
        return None
    node = roots[0]
    for _ in range(8):
        is_clause = node.pos_ in ("VERB", "AUX") and any(
            c.dep_ in _CLAUSE_SUBJ for c in node.children
        )
        if is_clause and not first <= node.i <= last:
            break
        if node.head.i == node.i:
            return None
        node = node.head
    else:
        return None
    start, end = node.left_edge.i, node.right_edge.i
    # the cue's own words: "he said" after the quotation, "according to Y" before it
    if cue.left_edge.i >= start and cue.right_edge.i <= end and cue.i != node.i:
        if cue.left_edge.i > last:
            end = cue.left_edge.i - 1
        elif cue.right_edge.i < first:
            start = cue.right_edge.i + 1
    return start, end


def _clip(doc: Doc, first: int, last: int, start: int, end: int) -> tuple[int, int]:
    """Keep the content inside the sentences of the quotation."""
    lo, hi = doc[first].sent.start, doc[last].sent.end - 1
    return max(start, lo), min(max(end, last), hi)
