"""An article's text as HTML with its entity mentions, quotes and event sentences marked.

The text is untrusted: it is cut at the annotations' offsets and every segment goes through
:func:`markupsafe.escape`; only tags built here (with escaped attribute values) are added.
Annotations may nest (a mention inside a quote inside an evidence sentence) or cross; crossing
ones are closed and reopened so the result is always well-formed. Overlapping entity mentions
are thinned to non-overlapping ones, so links never nest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

# Among annotations starting at the same offset and ending at the same offset, outer first.
_RANK = {"span": 0, "mark": 1, "a": 2}


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation: ``[start, end)`` rendered as ``<tag attrs>``, with an optional label
    shown right after it ends."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    label: str | None = None

    def open(self, again: bool = False) -> str:
        attrs = "".join(
            f' {name}="{escape(value)}"'
            for name, value in self.attrs
            if not (again and name == "id")
        )
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        label = f'<span class="who">{escape(self.label)}</span>' if self.label else ""
        return f"</{self.tag}>{label}"


def article_marks(article: dict[str, Any]) -> list[Mark]:
    """The marks for an article dict from :func:`dyad.store.web_queries.get_article`."""
    marks: list[Mark] = []
    sentences: dict[tuple[int, int], list[str]] = defaultdict(list)
    for ev in article["events"]:
        sentences[(ev["sent_start"], ev["sent_end"])].append(f"{ev['type']} ({ev['status']})")
    for (start, end), labels in sentences.items():
        attrs = (("class", "evsent"), ("id", f"s{start}"), ("title", "event: " + "; ".join(labels)))
        marks.append(Mark(start, end, "span", attrs))
    for q in article["quotes"]:
        speaker = q["speaker_name"] or "unattributed"
        marks.append(
            Mark(
                q["start"],
                q["end"],
                "mark",
                (("class", "quote"), ("title", speaker)),
                label=speaker,
            )
        )
    marks.extend(_mention_marks(article["entities"]))
    return marks


def _mention_marks(entities: Iterable[dict[str, Any]]) -> list[Mark]:
    spans = sorted(
        ((s, e, ent) for ent in entities for s, e in ent["mentions"]),
        key=lambda m: (m[0], -m[1]),
    )
    kept: list[Mark] = []
    last_end = -1
    for start, end, ent in spans:
        if start < last_end:
            continue
        last_end = end
        title = ent["name"] + (f" — {ent['role']}" if ent.get("role") else "")
        if ent.get("id"):
            attrs = (
                ("class", f"ent t-{ent['type'].lower()}"),
                ("href", _actor_href(ent["id"])),
                ("title", title),
            )
            kept.append(Mark(start, end, "a", attrs))
        else:
            kept.append(Mark(start, end, "span", (("class", "ent unknown"), ("title", title))))
    return kept


def _actor_href(ident: str) -> str:
    return "/actors/" + quote(ident, safe="")


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with ``marks`` as well-formed (re-opened where they cross) tags."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    starts: dict[int, list[Mark]] = defaultdict(list)
    for m in sorted(valid, key=lambda m: (m.start, -m.end, _RANK.get(m.tag, 3))):
        starts[m.start].append(m)
    bounds = sorted({0, len(text)} | {m.start for m in valid} | {m.end for m in valid})
    out: list[str] = []
    stack: list[Mark] = []
    pos = 0
    for at in bounds:
        out.append(str(escape(text[pos:at])))
        pos = at
        if any(m.end == at for m in stack):
            reopen: list[Mark] = []
            while any(m.end == at for m in stack):
                m = stack.pop()
                out.append(m.close() if m.end == at else f"</{m.tag}>")
                if m.end != at:
                    reopen.append(m)
            for m in reversed(reopen):
                out.append(m.open(again=True))
                stack.append(m)
        for m in starts.get(at, []):
            out.append(m.open())
            stack.append(m)
    return Markup("".join(out))
