"""Which way a time expression points: the tense of the clause it sits in.

News reports name days without years and weeks ("on Tuesday", "Sept. 4"); whether that is
the last or the next such day depends on the verb: "met on Tuesday" is past, "will meet on
Tuesday", "is to meet", "plans to visit", "heads to ... on Sept. 4" point forward. With a
spaCy parse we climb from the expression to the verb it modifies and read its auxiliaries and
tag; without one, a cue-word look at the surrounding clause stands in.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dyad.time.dates import Tense

if TYPE_CHECKING:  # spaCy only for annotations: dates resolve without importing it
    from spacy.tokens import Doc, Token

_FUTURE_AUX = {"will", "'ll", "ll", "shall", "wo", "would", "’ll", "going"}
_FUTURE_VERBS = {
    "plan", "schedule", "expect", "intend", "set", "hope", "aim", "prepare", "due", "want",
    "propose", "seek", "agree", "promise", "vow", "pledge", "threaten", "decide", "prefer",
    "try", "go", "await", "anticipate",
}  # fmt: skip
_PLAN_VERBS = {"plan", "schedule"}
_PAST_AUX = {"had", "has", "have", "did", "was", "were", "'d", "’ve", "'ve"}
_FUTURE_TEXT = re.compile(
    r"\b(?:will|won't|shall|'ll|’ll|would|going\s+to|(?:is|are|was|were)\s+to|plans?\s+to|"
    r"planned|scheduled|expected\s+to|due\s+to|set\s+to|upcoming|next)\b",
    re.IGNORECASE,
)
_PAST_TEXT = re.compile(
    r"\b(?:said|was|were|had|did|\w{3,}ed|met|took|gave|made|came|went|told|left|began|won|"
    r"lost|held|fell|rose|ago|last)\b",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"\b(?:until|till|by|as\s+(?:soon|early)\s+as|no\s+later\s+than|starting|effective|payable|"
    r"due|scheduled\s+for|set\s+for|slated\s+for)\s+$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;!?\n]")


def doc_tense(doc: Doc, text: str, start: int, end: int) -> Tense:
    """The tense of the verb governing the characters ``[start, end)`` of ``doc``.

    ``text`` is ``doc.text`` (passed in: spaCy rebuilds that string on every access).
    """
    deadline = bool(_DEADLINE.search(text, max(0, start - 24), start))
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "FUTURE" if deadline else text_tense(text, start, end)
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            break
        if token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return "FUTURE" if deadline else text_tense(text, start, end)
    if deadline:  # "by Friday" looks ahead, unless from a past perfect ("had filed by")
        return "PAST" if _past_perfect(token) else "FUTURE"
    return _verb_tense(token, depth=0)


def _past_perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _verb_tense(verb: Token, depth: int) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "FUTURE"
    if "had" in words:  # past perfect: "had been scheduled to expire Friday"
        return "PAST"
    if verb.lemma_ in _FUTURE_VERBS and (verb.tag_ != "VBD" or verb.lemma_ in _PLAN_VERBS):
        return "FUTURE"
    if "to" in words and verb.head is not verb and depth < 3:
        head = verb.head
        if head.lemma_ in _FUTURE_VERBS or head.lemma_ == "be":
            return "FUTURE"
        return _verb_tense(head, depth + 1)
    if verb.tag_ == "VBD" or words & _PAST_AUX:
        return "PAST"
    if verb.tag_ == "VBG" and words & {"is", "are", "'s", "’s", "am"}:
        return "FUTURE"
    if verb.tag_ in ("VBZ", "VBP"):
        return "PRESENT"
    if verb.tag_ == "VBN":
        return "PAST"
    return "NONE"


def text_tense(text: str, start: int, end: int) -> Tense:
    """Tense from cue words in the clause around ``[start, end)`` (no parse available)."""
    if _DEADLINE.search(text, max(0, start - 24), start):
        return "FUTURE"
    left = start
    while left > 0 and not _CLAUSE_END.match(text, left - 1):
        left -= 1
    match = _CLAUSE_END.search(text, end)
    right = match.start() if match else len(text)
    clause = text[max(left, start - 120) : start] + " " + text[end : min(right, end + 80)]
    if _FUTURE_TEXT.search(clause):
        return "FUTURE"
    if _PAST_TEXT.search(clause):
        return "PAST"
    return "NONE"
