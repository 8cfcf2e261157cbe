"""Penn-Treebank tokenised text (Timeline17's ``articles.jsonl``, other research corpora) back
to running text, so the pipeline reads it as it reads news: Treebank quotes become ``"``,
``-LRB-`` ``(``, punctuation and clitics rejoin their word; lines stay lines.

A handful of regular expressions rather than a detokeniser library: the corpora use only these
Treebank conventions, and a library (sacremoses) would be one more dependency for them.
"""

from __future__ import annotations

import re

_SUBS = (
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),
    (re.compile(r"-LRB-\s*"), "("),
    (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"-LSB-\s*"), "["),
    (re.compile(r"\s*-RSB-"), "]"),
    (re.compile(r" (?=[,.;:!?%](?:\s|$))"), ""),
    (re.compile(r" (?=(?:'s|'re|'ve|'ll|'m|'d|n't)\b)", re.IGNORECASE), ""),
    (re.compile(r"\$ (?=\d)"), "$"),
)


def detokenise(text: str) -> str:
    """Tokenised ``text`` as running text, line by line (each line stripped)."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        for pattern, repl in _SUBS:
            line = pattern.sub(repl, line)
        lines.append(line)
    return "\n".join(lines)
