"""Shared pieces of normalisation: the resolution context, numbers and duration values.

A :class:`Context` carries what a rule needs besides its own words: the anchor (the
publication date), the most recent fully resolved date in the text (for "the following
day"), the last year or month named (for "later that year"), the quarter an earnings report
is about (for "a year earlier") and a lazily computed verb tense. Durations are written as
ISO 8601 / TimeML values: ``P15M``, ``PT2H``, ``PT1M30S``, ``P20Y`` (decades and centuries
counted in years), ``PXM`` when vague.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, cast

from dyad.time.dates import Tense
from dyad.time.lexicon import lexicon, unit_forms

Kind = Literal["DATE", "TIME", "DURATION", "SET"]
Resolved = tuple[Kind, str | None]  # (TimeML type, value or None when unresolvable)


@dataclass(slots=True)
class Context:
    """What resolution may look at besides the expression's own words."""

    anchor: dt.date | None
    ref: dt.date | None = None
    quarter: str | None = None  # the last quarter named ("1989-Q3"), for "a year earlier"
    tense_of: Callable[[], Tense] = lambda: "NONE"
    named: str | None = None  # the last calendar date, month or year named, for "that year"
    _tense: Tense | None = field(default=None, repr=False)

    @property
    def tense(self) -> Tense:
        if self._tense is None:
            self._tense = self.tense_of()
        return self._tense


_SPACES = re.compile(r"[\s-]+")


def norm(words: str) -> str:
    """Lowercase with runs of spaces and hyphens made one space and dots dropped."""
    return _SPACES.sub(" ", words.lower().replace(".", "")).strip()


def parse_number(words: str) -> float | None:
    """``"15"``, ``"1,500"``, ``"fifteen"``, ``"twenty-four"``, ``"a"`` -> the number."""
    text = words.strip().lower()
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    numbers = lexicon().numbers
    key = norm(text)
    if key in numbers:
        return float(numbers[key])
    parts = key.split(" ")
    if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
        return float(numbers[parts[0]] + numbers[parts[1]])
    return None


def unit_of(words: str) -> str | None:
    """The singular unit of ``"years"``, ``"month"``, ``"centuries"``."""
    return unit_forms().get(norm(words))


def kind_of(name: str) -> Kind:
    """A TimeML type name read from a word list, checked."""
    if name not in ("DATE", "TIME", "DURATION", "SET"):
        raise ValueError(f"not a TimeML TIMEX3 type: {name!r}")
    return cast(Kind, name)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def duration_value(amount: float, unit: str, half: bool = False) -> str:
    """ISO 8601 duration of ``amount`` units (``"P15M"``, ``"PT2H"``, ``"P2Y6M"``)."""
    spec = lexicon().units[unit]
    total = amount * spec.factor
    prefix = "PT" if spec.time else "P"
    value = f"{prefix}{_number(total)}{spec.letter}"
    if half:
        halves = (
            {"H": "30M", "M": "30S"}
            if spec.time
            else {"Y": "6M", "D": "T12H", "M": "15D", "W": "3D"}
        )
        extra = halves.get(spec.letter)
        if extra and spec.factor == 1:
            value += extra
        else:
            value = f"{prefix}{_number(total + spec.factor / 2)}{spec.letter}"
    return value


def vague_value(unit: str) -> str:
    """Value of an unspecified number of units ("several months" -> ``PXM``)."""
    return lexicon().vague_units[unit]


def clock_value(hour: int, minute: int, ampm: str) -> str | None:
    """``"T10:30"`` style suffix from a 12-hour clock reading, or None if impossible."""
    marker = ampm.lower().replace(".", "").replace(" ", "")
    if marker.startswith("inthe"):  # "4 in the morning", "5 in the afternoon"
        marker = "am" if marker.endswith("morning") else "pm"
    if hour > 12 or (marker in ("am", "pm") and hour == 0):
        return None
    if marker == "pm" and hour != 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"
