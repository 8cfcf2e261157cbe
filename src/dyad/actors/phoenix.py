"""Reading the Phoenix (PETRARCH/TABARI) actor and agent dictionaries.

An actor dictionary is a list of entries: a root phrase on its own line (``BARACK_OBAMA``),
synonyms on lines starting with ``+`` and CAMEO codes in brackets, optionally date-bounded
(``[USAGOV >090120]``, ``[USALEG 050103-081116]``, ``[HTIOPPMED <061231]``). Consecutive root
phrases without codes share the codes that follow them, as in PETRARCH; a blank line ends an
entry and code-less entries are dropped. Dates are YYMMDD or YYYYMMDD, and a few are
malformed: :func:`parse_phoenix_date` expands two-digit years (``YY > 30`` → 19YY, else
20YY), repairs what it safely can (a doubled digit, trailing junk, day 00, day past the end of
the month, swapped day and month) and drops the rest. The output of this module is raw
:class:`Entry` objects; :mod:`dyad.actors.phoenix_records` turns them into dyad records. The
dictionaries are © 2014 Open Event Data Alliance, MIT licence.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_CODE = re.compile(r"\[([^\]]*)\]")
_DIGITS = re.compile(r"^\d+$")

# Date-parse outcomes, counted in the converter summary.
OK, CENTURY, REPAIRED, DROPPED = "ok", "century", "repaired", "dropped"


def _make_date(year: int, month: int, day: int) -> tuple[date | None, bool]:
    """A date from parts, repairing day/month slips; ``(date, repaired)`` or ``(None, _)``."""
    repaired = False
    if month > 12 and 1 <= day <= 12:
        month, day, repaired = day, month, True
    if not 1 <= month <= 12 or not 1800 <= year <= 2100:
        return None, False
    if day == 0:
        day, repaired = 1, True
    last = calendar.monthrange(year, month)[1]
    if day > last:
        if day > 31:
            return None, False
        day, repaired = last, True
    return date(year, month, day), repaired


def _from_digits(digits: str) -> tuple[date | None, str]:
    """Parse exactly 6 (YYMMDD) or 8 (YYYYMMDD) digits."""
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 1900 + yy if yy > 30 else 2000 + yy
        value, repaired = _make_date(year, int(digits[2:4]), int(digits[4:6]))
        return value, (REPAIRED if repaired else CENTURY) if value else DROPPED
    if len(digits) == 8:
        value, repaired = _make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        return value, (REPAIRED if repaired else OK) if value else DROPPED
    return None, DROPPED


def _undouble(digits: str) -> list[str]:
    """Candidates made by removing one digit of a doubled pair (``9008223`` → ``900823``)."""
    out = []
    for i in range(1, len(digits)):
        if digits[i] == digits[i - 1]:
            out.append(digits[:i] + digits[i + 1 :])
    return sorted(set(out))


def parse_phoenix_date(text: str) -> tuple[date | None, str]:
    """A Phoenix date and how it was read: ``(date, status)``.

    ``status`` is ``"ok"`` (YYYYMMDD), ``"century"`` (YYMMDD, century added: ``YY > 30`` →
    19YY, else 20YY), ``"repaired"`` (malformed but safely fixed) or ``"dropped"`` (date
    ``None``).

    >>> parse_phoenix_date("090120")
    (datetime.date(2009, 1, 20), 'century')
    >>> parse_phoenix_date("19270101")
    (datetime.date(1927, 1, 1), 'ok')
    >>> parse_phoenix_date("9008223")
    (datetime.date(1990, 8, 23), 'repaired')
    """
    digits = text.strip()
    if not _DIGITS.match(digits):
        return None, DROPPED
    if len(digits) in (6, 8):
        return _from_digits(digits)
    if len(digits) > 8:  # trailing junk: 1920030320, 201005011
        value = _from_digits(digits[:8])[0]
        return (value, REPAIRED) if value else (None, DROPPED)
    if len(digits) == 7:
        found = {v for c in _undouble(digits) if (v := _from_digits(c)[0]) is not None}
        if len(found) == 1:
            return found.pop(), REPAIRED
    return None, DROPPED


@dataclass(slots=True)
class Code:
    """One bracketed code with its date bounds as read."""

    code: str
    start: date | None = None
    end: date | None = None


@dataclass(slots=True)
class Entry:
    """One dictionary entry: root phrases, synonyms, codes and where it came from."""

    file: str
    line: int
    roots: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def parse_code_text(inner: str, stats: Counter[str]) -> Code | None:
    """``"USAGOV 050103-081116"`` → a :class:`Code`; ``None`` for ``---`` or an empty code."""
    parts = inner.split(None, 1)
    if not parts or not parts[0].strip("-~"):
        return None
    code = parts[0].strip("~").upper()
    spec = parts[1].replace(" ", "") if len(parts) > 1 else ""
    result = Code(code)
    if not spec:
        return result
    if spec[0] in "<>":
        value, status = parse_phoenix_date(spec[1:])
        stats[status] += 1
        if spec[0] == ">":
            result.start = value
        else:
            result.end = value
        return result
    first, _, second = spec.partition("-")
    result.start, status = parse_phoenix_date(first)
    stats[status] += 1
    if second:
        result.end, status = parse_phoenix_date(second)
        stats[status] += 1
    if result.start and result.end and result.end < result.start:
        stats["inverted"] += 1
        result.start, result.end = result.end, result.start
    return result


def _codes(text: str, stats: Counter[str]) -> list[Code]:
    return [c for m in _CODE.finditer(text) if (c := parse_code_text(m.group(1), stats))]


def read_entries(path: Path, stats: Counter[str]) -> Iterator[Entry]:
    """The entries of one actor dictionary, in file order; ``stats`` counts dates and drops."""
    current: Entry | None = None
    name = path.name
    with path.open(encoding="utf-8", errors="replace") as fh:
        for lineno, raw in enumerate(fh, start=1):
            body, _, comment = raw.rstrip("\n").partition("#")
            text = body.strip()
            if not text:
                if current is not None and not raw.lstrip().startswith("#"):
                    if current.codes:
                        yield current
                    else:
                        stats["no codes"] += 1
                    current = None
                continue
            if text.startswith("+"):
                if current is not None:
                    alias, bracket, rest = text[1:].partition("[")
                    current.aliases.append(alias.strip())
                    current.codes.extend(_codes(bracket + rest, stats))
                continue
            if text.startswith("["):
                if current is not None:
                    current.codes.extend(_codes(text, stats))
                continue
            root, bracket, rest = text.partition("[")
            if current is not None and current.codes:
                yield current
                current = None
            elif current is not None and bracket:
                # A one-line entry after a code-less root: the root was left unfinished.
                stats["no codes"] += 1
                current = None
            if current is None:
                current = Entry(name, lineno)
            current.roots.append(root.strip())
            current.codes.extend(_codes(bracket + rest, stats))
            if comment.strip():
                current.comments.append(comment.strip())
    if current is not None:
        if current.codes:
            yield current
        else:
            stats["no codes"] += 1


def read_agents(path: Path) -> dict[str, str]:
    """Agent nouns → CAMEO role code (``"foreign minister"`` → ``"GOV"``), macros expanded."""
    macros: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            text = raw.split("#", 1)[0].strip()
            if not text:
                continue
            if text.startswith("!") and "=" in text:
                key, _, values = text.partition("=")
                macros[key.strip()] = [v.strip() for v in values.split(",") if v.strip()]
                continue
            match = _CODE.search(text)
            if not match:
                continue
            code = match.group(1).replace("~", "").strip().upper()
            head = text[: match.start()]
            plural = re.search(r"\{([^}]*)\}", head)
            phrases = [re.sub(r"\{[^}]*\}", "", head).strip()]
            if plural and plural.group(1).strip():
                phrases.append(plural.group(1).strip())
            for phrase in _expand(phrases, macros):
                term = phrase.replace("_", " ").strip().lower()
                if term and code:
                    agents.setdefault(term, code)
    return agents


def _expand(phrases: Iterable[str], macros: dict[str, list[str]]) -> Iterator[str]:
    for phrase in phrases:
        match = re.search(r"![A-Z]+!", phrase)
        if not match or match.group(0) not in macros:
            yield phrase
            continue
        for value in macros[match.group(0)]:
            yield from _expand([phrase.replace(match.group(0), value, 1)], macros)
