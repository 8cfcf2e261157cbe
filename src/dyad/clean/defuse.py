"""Defusing text that is not language before it reaches the analysis.

spaCy's tokenizer is quadratic in the length of a whitespace-free run (it peels prefixes and
suffixes one character at a time, searching the rest each time): a run of 10,000 quotation
marks takes half a minute, a 50,000-character base64 blob pasted into a page would take
many minutes. No word of any language is that long, so cleaning shortens such runs: a run of
one repeated punctuation character longer than :data:`MAX_REPEAT` keeps :data:`KEEP_REPEAT`
of it, and a whitespace-free run still longer than :data:`MAX_RUN` characters (a blob, a
garbled line) is dropped. Ordinary text, long URLs included, is left exactly as it was.
"""

from __future__ import annotations

import re

MAX_REPEAT = 10
KEEP_REPEAT = 3
MAX_RUN = 500

_REPEAT = re.compile(rf"([^\w\s])\1{{{MAX_REPEAT},}}")
_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def defuse(text: str) -> str:
    """``text`` with over-long repeats shortened and over-long runs dropped."""
    text = _REPEAT.sub(lambda m: m.group(1) * KEEP_REPEAT, text)
    return _RUN.sub(" ", text)
