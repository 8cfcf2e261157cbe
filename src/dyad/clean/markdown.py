"""Markdown and markup removal for one line of a scrape, keeping every word of the text.

Scrapes made by HTML-to-Markdown converters carry link targets (``[words](#)``), images,
emphasis markers, heading hashes, list bullets and backslash escapes. Only the markup goes:
link and emphasis *words* stay, quotation marks of both kinds are never touched, and square
brackets that are not links (editorial insertions such as "[toward Putin]") stay as written.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()]|\([^()]*\))*\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_ITALIC = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"
)
_STRAY_BOLD = re.compile(r"\*\*+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?$")
_QUOTE_MARK = re.compile(r"^(?:>\s?)+")
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙*+]|-(?!-))\s+")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")
_RULE = re.compile(r"(?:[-*_]\s*){3,}")
_BOLD_ONLY = re.compile(r"(?:(?:\*\*[^*]+\*\*|__[^_]+__)\s*)+")
_BOLD_RUN = re.compile(r"\*\*[^*]+\*\*|__[^_]+__")
_BOLD_TAIL = re.compile(r"^(?P<before>.*\S)\s*\*\*(?P<credit>[^*]{2,80})\*\*\s*$")
_SPACE = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def _group(match: re.Match[str]) -> str:
    return next((g for g in match.groups() if g is not None), "")


def strip_inline(text: str) -> str:
    """``text`` without inline Markdown (links, images, emphasis, escapes), spaces collapsed."""
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _BOLD.sub(_group, text)
        text = _ITALIC.sub(_group, text)
        text = _STRAY_BOLD.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return _SPACE.sub(" ", text.translate(_INVISIBLE)).strip()


def split_block_markers(line: str) -> tuple[str, bool, bool]:
    """``line`` without its heading hashes, quote marks or bullet, and whether it was a
    heading and whether it was a list item."""
    line = _QUOTE_MARK.sub("", line.strip())
    heading = _HEADING.match(line)
    if heading:
        return heading.group(1), True, False
    bullet = _BULLET.match(line)
    if bullet:
        return line[bullet.end() :], False, True
    return line, False, bool(_NUMBERED.match(line))


def is_rule(line: str) -> bool:
    """Whether ``line`` is a horizontal rule (``---``, ``***``)."""
    return bool(_RULE.fullmatch(line.strip()))


def bold_only(line: str) -> int:
    """How many bold runs make up ``line`` when it is nothing but bold text, else 0."""
    return len(_BOLD_RUN.findall(line)) if _BOLD_ONLY.fullmatch(line.strip()) else 0


def bold_tail(line: str) -> tuple[str, str] | None:
    """``(text before, bold text)`` when ``line`` ends with a bold run after other text."""
    match = _BOLD_TAIL.match(line.strip())
    return (match.group("before"), match.group("credit")) if match else None
