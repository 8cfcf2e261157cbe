"""Word lists for the time-expression finder, read once from ``dyad/data/time/*.tsv``.

Each list is a tab-separated file with ``#`` comment lines and a header row; keeping the
vocabulary as data lets a linguist extend it without touching the grammar. :func:`lexicon`
loads them all into one immutable :class:`Lexicon` (cached per process) and offers helpers
that turn a list into a regular-expression alternation, longest form first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Unit:
    """A calendar unit: ISO 8601 duration letter, whether it is a time unit, multiplier."""

    letter: str
    time: bool
    factor: int


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word list the scanner and the resolver use, keyed by lowercase form."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    units: dict[str, Unit]
    vague_units: dict[str, str]
    seasons: dict[str, tuple[str, int]]
    day_parts: dict[str, str]
    references: dict[str, tuple[str, str]]
    holidays: dict[str, str]
    filters: dict[str, frozenset[str]]


def read_table(name: str) -> list[list[str]]:
    """Rows of ``dyad/data/time/<name>.tsv`` without comments and the header row."""
    text = resources.files("dyad").joinpath("data", "time", f"{name}.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


@cache
def lexicon() -> Lexicon:
    """All word lists, loaded once."""
    return Lexicon(
        months={form: int(month) for form, month in read_table("months")},
        weekdays={form: int(day) for form, day in read_table("weekdays")},
        numbers={form: int(value) for form, value in read_table("numbers")},
        ordinals={form: int(value) for form, value in read_table("ordinals")},
        units={
            form: Unit(letter, time == "1", int(factor))
            for form, letter, time, factor in read_table("units")
        },
        vague_units={form: value for form, value in read_table("vague_units")},
        seasons={form: (code, int(first)) for form, code, first in read_table("seasons")},
        day_parts={form: code for form, code in read_table("day_parts")},
        references={form: (kind, value) for form, kind, value in read_table("references")},
        holidays={form: rule for form, rule in read_table("holidays")},
        filters=_filters(read_table("filters")),
    )


def _filters(rows: list[list[str]]) -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for kind, word in rows:
        kinds.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in kinds.items()}


def alternation(forms: Iterable[str]) -> str:
    """A non-capturing regex alternation of ``forms``, longest first, spaces flexible."""
    words = sorted(set(forms), key=len, reverse=True)
    escaped = (re.escape(word).replace(r"\ ", r"\s+") for word in words)
    return "(?:" + "|".join(escaped) + ")"


def plural(form: str) -> str:
    """English plural of a unit or weekday name ("century" -> "centuries")."""
    if form == "millennium":
        return "millennia"
    if form.endswith("y") and form[-2:-1] not in "aeiou":
        return form[:-1] + "ies"
    return form + "s"


@cache
def unit_forms() -> dict[str, str]:
    """Every written form of a unit (singular and plural) mapped to its singular."""
    forms = {}
    for form in lexicon().units:
        forms[form] = form
        forms[plural(form)] = form
    return forms
