"""The one data model of dyad.

Bytes come in as a :class:`RawDocument` (what a reader found: text or HTML plus whatever
metadata the container carried). Cleaning turns it into an :class:`Article` whose ``text`` is
the clean body; every later stage adds typed records (entities, quotes, time expressions,
events) that point into ``Article.text`` by ``[start, end)`` character offsets and never
rewrite it. :meth:`Article.to_dict` is the JSON shape fixed by the output contract.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]
DocKind = Literal["text", "html"]

#: The 16 PLOVER event types, cooperative to conflictual.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
    "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it, before cleaning.

    ``meta`` holds metadata the container itself supplied (JSON Lines fields, the WARC
    target URI and date); cleaning prefers it to what it can infer from the content.
    """

    source: str
    kind: DocKind
    content: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReadError:
    """A file (or record) that could not be read, with the reason in one line."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "error": self.reason}


@dataclass(slots=True)
class Metadata:
    """Article metadata; ``None`` (or ``[]``) when truly unknown, never a guess."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date YYYY-MM-DD
    url: str | None = None
    outlet: str | None = None
    #: What cleaning could not use, one line each (e.g. a ``published`` that is not a date);
    #: the commands print them on standard error. Not part of the output.
    warnings: list[str] = field(default_factory=list, compare=False)


@dataclass(slots=True)
class ActorRef:
    id: str | None
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


@dataclass(slots=True)
class Entity:
    id: str | None
    name: str
    type: str
    country: str | None = None
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "role": self.role,
            "mentions": [list(m) for m in self.mentions],
        }


@dataclass(slots=True)
class Quote:
    text: str
    span: Span
    kind: Literal["direct", "partial", "indirect"]
    cue: str | None = None
    speaker: ActorRef | None = None
    # The whole reported content the quoted words belong to (the paraphrase around a partial
    # quote: ``dismissed the kerfuffle as "absurd"``); the span itself when there is no more.
    content: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span),
            "kind": self.kind,
            "cue": self.cue,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "content": list(self.content if self.content is not None else self.span),
        }


@dataclass(slots=True)
class Timex:
    text: str
    span: Span
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "type": self.type, "value": self.value}


@dataclass(slots=True)
class Event:
    type: str
    trigger: str
    sentence: Span
    status: str = "occurred"
    mode: str | None = None
    cameo: str | None = None
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    date: dict[str, Any] | None = None
    location: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [r.to_dict() for r in self.recipients],
            "date": self.date,
            "location": self.location,
            "status": self.status,
            "trigger": self.trigger,
            "sentence": list(self.sentence),
        }


@dataclass(slots=True)
class Article:
    """A clean article and everything the pipeline found in it."""

    id: str
    source: str
    text: str
    meta: Metadata = field(default_factory=Metadata)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.meta.title,
            "authors": list(self.meta.authors),
            "published": self.meta.published,
            "url": self.meta.url,
            "outlet": self.meta.outlet,
            "text": self.text,
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "timexes": [t.to_dict() for t in self.timexes],
            "events": [e.to_dict() for e in self.events],
        }


_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form of a text that decides identity: NFC, whitespace collapsed, stripped.

    Two files holding the same article with different line endings, indentation or
    Unicode composition get the same id.
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    """SHA-256 hex digest of the normalised text: stable across runs and machines."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
