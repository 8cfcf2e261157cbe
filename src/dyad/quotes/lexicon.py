"""Word lists the quote stage reads from ``dyad/data/quotes``: cues, speech verbs, titles.

The lists are data, not code, so that adding a reporting verb is a one-line change. Each file
is plain text, one lowercase entry per line, with ``#`` comment lines naming its source.
The small closed classes (pronouns, group and document nouns) stay here in code.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
PRONOUNS = frozenset(
    PERSON_PRONOUNS | PLURAL_PRONOUNS | {"it", "we", "us", "you", "who", "which", "that"}
)
# Heads of a plural subject that refers back to a pair of people ("the two leaders").
GROUP_NOUNS = frozenset({"leader", "president", "presidents", "leaders", "sides", "side"})
# Subjects that are documents issued by someone ("the text", "the joint statement").
DOCUMENT_NOUNS = frozenset(
    {"statement", "text", "declaration", "communique", "document", "letter", "memo", "report"}
)


def _read(name: str) -> frozenset[str]:
    text = files("dyad").joinpath("data", "quotes", name).read_text(encoding="utf-8")
    lines = (line.strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def cues() -> frozenset[str]:
    """Lemmas of reporting verbs that govern a quotation."""
    return _read("cues.txt")


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas of speech verbs allowed to introduce indirect (unquoted) speech."""
    return _read("speech_verbs.txt")


@cache
def titles() -> frozenset[str]:
    """Titles and role words stripped from names; heads of role nominals."""
    return _read("titles.txt")
