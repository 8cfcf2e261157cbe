"""Time expressions: find them in an article and normalise them TimeML-style (TIMEX3).

:func:`find_timexes` scans raw text with a grammar of regular expressions built from word
lists (:mod:`dyad.time.grammar`), then resolves each match against the publication date,
reading the verb tense from the spaCy parse when one is given ("met on Tuesday" vs "will
meet on Tuesday"). We do not use ``dateparser`` or similar libraries: they are built for
parsing a date string, not for news prose, and fail on it — ``dateparser`` finds nothing in
"late Monday" and resolves "on Tuesday" in a Tuesday paper to the Tuesday a week earlier.
:class:`TimexStage` is the pipeline stage that fills ``Article.timexes``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from dyad.model import Article, Timex
from dyad.time import absolute, relative
from dyad.time.dates import Tense, parse_anchor
from dyad.time.filters import accept
from dyad.time.grammar import Candidate, scan
from dyad.time.tense import doc_tense, text_tense
from dyad.time.values import Context, Resolved

if TYPE_CHECKING:  # spaCy only for annotations: dates resolve without importing it
    from spacy.tokens import Doc

__all__ = ["TimexStage", "find_timexes", "resolve_expression"]

Resolver = Callable[[dict[str, str], Context], Resolved | None]
RESOLVERS: dict[str, Resolver] = {
    name.removeprefix("resolve_"): function
    for module in (absolute, relative)
    for name, function in vars(module).items()
    if name.startswith("resolve_")
}
_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_QUARTER = re.compile(r"\d{4}-Q[1-4]")
_LONG_PERIODS = ("P6M", "P9M")
_CALENDAR = ("iso", "slash", "mdy", "dmy", "mdd", "month", "year", "yearwords", "weekday")
_NAMED = re.compile(r"\d{4}(?:-\d\d){0,2}")


def _resolve(cand: Candidate, ctx: Context) -> Resolved | None:
    return RESOLVERS[cand.rule](cand.groups, ctx)


def _pieces(cand: Candidate, text: str) -> list[tuple[int, int]]:
    """Spans a match stands for: "Sept. 8 and 9" is two expressions, the rest one."""
    if cand.rule != "mdd":
        return [(cand.start, cand.end)]
    match = re.search(r"\s*(?:and|&|or)\s*(\d+)", text[cand.start : cand.end])
    if match is None:
        return [(cand.start, cand.end)]
    first_end = cand.start + match.start()
    second = cand.start + match.start(1)
    second_end = cand.end if "y" in cand.groups else cand.start + match.end()
    return [(cand.start, first_end), (second, second_end)]


def find_timexes(text: str, anchor: dt.date | str | None, doc: Doc | None = None) -> list[Timex]:
    """Every time expression in ``text``, normalised against ``anchor`` (publication date).

    ``doc`` (the spaCy parse of ``text``) is optional: with it, verb tense decides whether a
    bare weekday or month is the last or the next one; without it, cue words do.
    """
    day = parse_anchor(anchor)
    timexes: list[Timex] = []
    ref: dt.date | None = None
    quarter: str | None = None
    named: str | None = None
    for cand in scan(text, lambda c: accept(c, text, doc)):
        tense = _tense_function(text, doc, cand.start, cand.end)
        ctx = Context(day, ref, quarter, tense, named)
        resolved = _resolve(cand, ctx)
        if resolved is None:
            continue
        kind, value = resolved
        pieces = _pieces(cand, text)
        for number, (start, end) in enumerate(pieces):
            piece_value = value
            if number and value and _FULL_DATE.match(value):
                piece_value = value[:8] + f"{int(text[start:end][:2].rstrip(',')):02d}"
            timexes.append(Timex(text[start:end], (start, end), kind, piece_value))
        if value and _FULL_DATE.match(value) and not value.startswith("X"):
            ref = dt.date.fromisoformat(value[:10])
        if value and cand.rule in _CALENDAR and _NAMED.fullmatch(value):
            named = value
        if value and _QUARTER.fullmatch(value) and _current_quarter(cand):
            quarter = value
        elif value in _LONG_PERIODS and cand.rule == "duration":
            quarter = None  # "the nine months": "a year earlier" is now the year before
    return timexes


def _current_quarter(cand: Candidate) -> bool:
    """A quarter the story reports on ("the third quarter"), not "the year-ago quarter"."""
    if cand.rule == "period":
        return "y" not in cand.groups and not relative.earlier_period(cand.groups)
    rel = cand.groups.get("rel", "").lower()
    return cand.rule == "quarter" and not rel.startswith(("year", "prior", "compa"))


def _tense_function(text: str, doc: Doc | None, start: int, end: int) -> Callable[[], Tense]:
    if doc is not None:
        return lambda: doc_tense(doc, text, start, end)
    return lambda: text_tense(text, start, end)


def resolve_expression(text: str, anchor: dt.date | str | None) -> Resolved | None:
    """``(type, value)`` of ``text`` if the whole string is one time expression, else None.

    Handy for other stages that hold a phrase ("late Monday") and want its date.
    """
    stripped = text.strip()
    found = find_timexes(stripped, anchor)
    if len(found) == 1 and found[0].span == (0, len(stripped)):
        return found[0].type, found[0].value
    return None


class TimexStage:
    """Pipeline stage: fills ``article.timexes`` from the text and the publication date."""

    name = "timexes"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("timexes",)

    def __call__(self, article: Article, doc: Doc) -> None:
        article.timexes = find_timexes(article.text, article.meta.published, doc)
