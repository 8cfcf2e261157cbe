"""Word lists the entity stage reads from ``dyad/data/actors``: titles, role nominals, pronouns.

Our own coreference (see :mod:`dyad.actors.stage`) is rules over the spaCy parse, and the
words those rules need are data, not code: titles written before names
(``person_titles.txt``), the offices a role nominal can name (``role_nominals.tsv``), the words
allowed inside a role nominal (``nominal_modifiers.tsv``), the countries whose head of
government leads (``leading_offices.tsv``) and the pronouns with their gender
(``pronouns.tsv``, ``female_names.txt``), and the places outside ``places.jsonl`` that stand
for a country (``gazetteer.tsv``, ``place_qualifiers.txt``). Each file is read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

LEADER = "LEADER"
# spaCy labels that are not entities in dyad's sense: numbers, amounts, dates and times.
SKIPPED_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC"})
# Small closed class: determiners and possessives that open a role nominal.
NOMINAL_OPENERS = frozenset({"the", "his", "her", "their", "its"})


def _lines(name: str) -> list[str]:
    text = files("dyad").joinpath("data", "actors", name).read_text(encoding="utf-8")
    stripped = (line.strip() for line in text.splitlines())
    return [line for line in stripped if line and not line.startswith("#")]


def _pairs(name: str) -> dict[str, str]:
    pairs = (line.split("\t", 1) for line in _lines(name))
    return {key.strip().lower(): value.strip() for key, value in pairs}


@cache
def title_words() -> frozenset[str]:
    """Lower-case words of titles written before names ("president", "gen.", "mr")."""
    return frozenset(word.lower() for word in _lines("person_titles.txt"))


@cache
def role_nominals() -> dict[str, tuple[str, ...]]:
    """Office phrase ("prime minister") → KB title queries, ``LEADER`` for the leader."""
    return {key: tuple(value.split("|")) for key, value in _pairs("role_nominals.tsv").items()}


@cache
def nominal_heads() -> frozenset[str]:
    """Last words of the office phrases: the nouns a role nominal ends with."""
    return frozenset(phrase.split()[-1] for phrase in role_nominals())


@cache
def nominal_modifiers() -> dict[str, str]:
    """Word → ``ok``, ``past`` or ``future`` (words allowed inside a role nominal)."""
    return _pairs("nominal_modifiers.tsv")


@cache
def leading_heads_of_government() -> frozenset[str]:
    """ISO codes of countries led by their head of government."""
    return frozenset(_lines("leading_offices.tsv"))


@cache
def pronoun_genders() -> dict[str, str]:
    """Third-person singular pronoun → ``m`` or ``f``."""
    return _pairs("pronouns.tsv")


@cache
def female_names() -> frozenset[str]:
    """Lower-case given names of women, for pronoun agreement."""
    return frozenset(_lines("female_names.txt"))


@cache
def gazetteer() -> dict[str, str]:
    """Name key of a city or region → ISO code of its country ("Gaza Strip" → PSE)."""
    from dyad.actors.names import name_key

    return {name_key(place): code for place, code in _pairs("gazetteer.tsv").items()}


@cache
def place_qualifiers() -> frozenset[str]:
    """Words that qualify a place without changing its country ("southern", "province")."""
    return frozenset(_lines("place_qualifiers.txt"))
