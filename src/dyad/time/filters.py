"""Vetoes: scanner matches that look like time expressions but are not.

"may" the modal verb, "fall" the verb, "a 6-year-old" (an age), "$2 million a year" (a
rate), "as soon as", "high noon", a title such as "This Week".
:func:`accept` runs before the longest-match contest so a vetoed long match cannot hide a
good shorter one. It reads the spaCy tags when a parse is given.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dyad.time.grammar import Candidate
from dyad.time.lexicon import lexicon

if TYPE_CHECKING:  # spaCy only for annotations: dates resolve without importing it
    from spacy.tokens import Doc

_MONTH_CUES = re.compile(
    r"(?:in|of|since|until|till|by|from|through|last|next|this|early|late|mid|before|after|"
    r"during|between|and|to|or|for)[\s-]+$",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z]+)")
_PREV_WORD = re.compile(r"([\w$%]+)\W*$")


def accept(cand: Candidate, text: str, doc: Doc | None = None) -> bool:
    """Whether a scanner match can be a time expression (before the overlap contest)."""
    g = cand.groups
    for key in ("mon", "wd", "hol"):
        if key in g and not g[key][:1].isupper():
            return False
    check = _CHECKS.get(cand.rule)
    return check is None or check(cand, text, doc)


def _month(cand: Candidate, text: str, doc: Doc | None) -> bool:
    g = cand.groups
    if {"y", "rel", "mod", "yrel", "yw"} & g.keys():
        return True
    word = g["mon"].rstrip(".").lower()
    if len(word) <= 3 and word != "may":
        return False  # a bare abbreviation ("Mar", "Dec") is too ambiguous
    if re.match(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]", text[cand.end :]):
        return False  # "the March for Life"
    if word not in ("may", "march"):
        return True
    if doc is not None:
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is not None and len(span) == 1:
            return span[0].tag_ not in ("MD", "VB", "VBP") and span[0].pos_ != "VERB"
    return bool(_MONTH_CUES.search(text[max(0, cand.start - 12) : cand.start]))


def _year(cand: Candidate, text: str, doc: Doc | None) -> bool:
    if cand.groups.get("mod"):
        return True
    return text[cand.start - 1 : cand.start] not in ("$", "#", "£", "€", ".")


def _duration(cand: Candidate, text: str, doc: Doc | None) -> bool:
    g = cand.groups
    unit, after = g["unit"].lower(), text[cand.end :]
    following = _NEXT_WORD.match(after)
    next_word = following.group(1).lower() if following else ""
    if re.fullmatch(r"(?:1[6-9]|20)\d\d", g["n"]) and "pre" not in g:
        return False  # "the 1988 quarter" is a date
    if unit.startswith("quarter") and re.match(r"\s+of\b|\s*(?:point|percent)", after):
        return False  # "a quarter of the shares"
    if unit == "second" and g["n"].lower() in ("a", "an"):
        return False  # "a second term"
    if unit.startswith("year") and (g.get("old") or next_word == "old"):
        return False  # an age: "a 6-year-old", "52 years old"
    if g.get("old") and next_word in lexicon().filters["person"]:
        return False  # "a 6-month-old son"
    if g["n"].lower() in ("a", "an") and not g.get("pre"):
        previous = _PREV_WORD.search(text[max(0, cand.start - 30) : cand.start])
        word = previous.group(1).lower() if previous else ""
        if word[-1:].isdigit() or word in lexicon().filters["rate"] or word.endswith("s"):
            return False  # a rate: "$2 million a year", "four flights a week"
    return True


def _season(cand: Candidate, text: str, doc: Doc | None) -> bool:
    return bool({"y", "rel", "mod", "yw"} & cand.groups.keys())


def _reference(cand: Candidate, text: str, doc: Doc | None) -> bool:
    word = cand.groups["ref"].lower()
    if word == "soon":
        around = text[max(0, cand.start - 4) : cand.end + 6].lower()
        return not re.search(r"as soon|soon as|soon after", around)
    return True


def _noon(cand: Candidate, text: str, doc: Doc | None) -> bool:
    return not re.search(r"\bhigh\s+$", text[max(0, cand.start - 6) : cand.start], re.I)


def _relunit(cand: Candidate, text: str, doc: Doc | None) -> bool:
    unit = cand.groups["unit"]
    return not (unit[:1].isupper() and not unit.isupper())  # a title: ABC's "This Week"


_CHECKS = {
    "noon": _noon,
    "relunit": _relunit,
    "month": _month,
    "year": _year,
    "duration": _duration,
    "season": _season,
    "reference": _reference,
}
