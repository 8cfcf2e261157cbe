"""Find quotations by their marks: the character spans between opening and closing quotes.

Pure string scanning, no parse. Handles straight and curly double quotes, guillemets,
single quotes nested inside a double quotation (they are part of its words, not a quote of
their own), doubled marks (``“”There``), marks missing on one side (an unclosed quotation ends
at its paragraph's end) and quotations that run over a spurious paragraph break (the next
paragraph's first mark closes it). A multi-paragraph quotation, whose every paragraph opens
with a mark and only the last closes, comes out as one span per paragraph. Single quotes
outside double ones are left alone: in English they are mostly apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
MARKS = OPENERS | CLOSERS | {STRAIGHT}
_MARK_RUN = re.compile('[“”„«»"]+')
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_BEFORE_OPEN = frozenset(" \t\n([{—–-:/")
_TRIM_END = " \t\n,;:"


@dataclass(frozen=True, slots=True)
class Marked:
    """One quotation: ``start``/``end`` bound its words (marks excluded, trimmed)."""

    start: int
    end: int
    closed: bool
    paragraph: int
    last_paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each paragraph: blank-line separated, else line separated."""
    splitter = _PARAGRAPH if _PARAGRAPH.search(text) else re.compile(r"\n\s*")
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in splitter.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _role(text: str, start: int, end: int) -> str:
    """``open``, ``close`` or ``either`` for the mark run ``text[start:end]``, from context."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    can_open = not after.isspace() and (before in _BEFORE_OPEN or before.isspace())
    can_close = not before.isspace() and (after.isspace() or not after.isalnum())
    run = text[start:end]
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if run[-1] in OPENERS:
        return "open"
    if run[0] in CLOSERS:
        return "close"
    return "either"


def _runs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _MARK_RUN.finditer(text, start, end):
        s, e = m.start(), m.end()
        # ``native-born.”“Your``: a closing mark run into the next opening one is two marks
        cut = next((k for k in range(s + 1, e) if text[k - 1] in CLOSERS and text[k] in OPENERS), 0)
        if cut:
            out += [(s, cut, "close"), (cut, e, "open")]
        else:
            out.append((s, e, _role(text, s, e)))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def find_quotations(text: str) -> list[Marked]:
    """Every quotation in ``text``, in order; never raises on unbalanced marks."""
    out: list[Marked] = []
    paras = paragraphs(text)
    runs = [_runs(text, s, e) for s, e in paras]
    opened: int | None = None  # offset just after the opening mark of the open quotation
    depth = 0
    skip = False  # the next paragraph's opening mark continues the open quotation
    for index, (_, p_end) in enumerate(paras):
        for start, end, role in runs[index][1 if skip else 0 :]:
            if depth == 0:
                if role in ("open", "either"):
                    opened, depth = end, 1
                continue
            if role == "open":
                depth += 1  # a nested double quotation: part of the outer one's words
            elif depth > 1:
                depth -= 1
            else:
                assert opened is not None
                _emit(out, text, opened, start, True, _para_of(paras, opened), index)
                opened, depth = None, 0
        skip = False
        if depth:
            how = _continues(text, paras, runs, index)
            if how == "reopens":
                skip, depth = True, 1
            elif how is None:
                assert opened is not None
                _emit(out, text, opened, p_end, False, _para_of(paras, opened), index)
                opened, depth = None, 0
    return out


def _continues(
    text: str, paras: list[tuple[int, int]], runs: list[list[tuple[int, int, str]]], index: int
) -> str | None:
    """How an open quotation runs on past paragraph ``index``: ``"closes"`` when the next
    paragraph's first mark closes it (a spurious break), ``"reopens"`` when the next paragraph
    opens with a mark (the multi-paragraph convention), else ``None``: it ends here."""
    if index + 1 >= len(runs) or not runs[index + 1]:
        return None
    start, _, role = runs[index + 1][0]
    if role == "close":
        return "closes"
    if start == paras[index + 1][0] and role in ("open", "either"):
        return "reopens"
    return None


def _para_of(paras: list[tuple[int, int]], offset: int) -> int:
    for index, (start, end) in enumerate(paras):
        if start <= offset <= end:
            return index
    return len(paras) - 1


def _emit(
    out: list[Marked], text: str, start: int, end: int, closed: bool, para: int, last: int
) -> None:
    start, end = _trim(text, start, end)
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        out.append(Marked(start, end, closed, para, last))
