"""Articles as table rows, and back: the one place that maps the model onto the store's tables.

:func:`table_columns` turns a list of :class:`~dyad.model.Article` into the columns of the
``articles``, ``entities``, ``mentions``, ``quotes``, ``timexes`` and ``events`` tables
(:meth:`Store.add` inserts them; the Spark driver writes them as Parquet). :data:`TABLES`
names each table's columns and their kind, so a Parquet schema is built from it rather than
written again. :func:`article_from_rows` is the inverse, used to load Parquet tables through
the store's one write path.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import ActorRef, Article, Entity, Event, Metadata, Quote, Timex

#: Column kinds: ``str`` (VARCHAR, JSON and ISO dates too), ``int`` (INTEGER), ``strs``
#: (VARCHAR[]).
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("id", "str"), ("source", "str"), ("title", "str"), ("authors", "strs"),
        ("published", "str"), ("url", "str"), ("outlet", "str"), ("text", "str"),
        ("n_chars", "int"),
    ),
    "entities": (
        ("article_id", "str"), ("idx", "int"), ("entity_id", "str"), ("name", "str"),
        ("type", "str"), ("country", "str"), ("role", "str"),
    ),
    "mentions": (("article_id", "str"), ("entity_idx", "int"), ("start", "int"), ("end", "int")),
    "quotes": (
        ("article_id", "str"), ("idx", "int"), ("text", "str"), ("start", "int"), ("end", "int"),
        ("kind", "str"), ("cue", "str"), ("speaker_id", "str"), ("speaker_name", "str"),
        ("content_start", "int"), ("content_end", "int"),
    ),
    "timexes": (
        ("article_id", "str"), ("idx", "int"), ("text", "str"), ("start", "int"),
        ("end", "int"), ("type", "str"), ("value", "str"),
    ),
    "events": (
        ("article_id", "str"), ("idx", "int"), ("type", "str"), ("mode", "str"),
        ("cameo", "str"), ("actors", "str"), ("recipients", "str"), ("date_value", "str"),
        ("date_text", "str"), ("location", "str"), ("status", "str"), ("trigger", "str"),
        ("sent_start", "int"), ("sent_end", "int"), ("date_start", "int"), ("date_end", "int"),
    ),
}  # fmt: skip
#: The annotation tables, each row keyed by ``article_id``.
ANNOTATIONS = ("entities", "mentions", "quotes", "timexes", "events")

Columns = dict[str, list[Any]]
Row = dict[str, Any]


def empty_columns(table: str) -> Columns:
    return {name: [] for name, _ in TABLES[table]}


def _append(columns: Columns, *values: Any) -> None:
    for column, value in zip(columns.values(), values, strict=True):
        column.append(value)


def table_columns(articles: Sequence[Article]) -> dict[str, Columns]:
    """The rows of every article table for ``articles``, as columns by table."""
    tables = {table: empty_columns(table) for table in TABLES}
    for a in articles:
        m = a.meta
        _append(tables["articles"], a.id, a.source, m.title, list(m.authors), m.published,
                m.url, m.outlet, a.text, len(a.text))  # fmt: skip
        _annotation_rows(tables, a)
    return tables


def _annotation_rows(tables: dict[str, Columns], a: Article) -> None:
    for i, e in enumerate(a.entities):
        _append(tables["entities"], a.id, i, e.id, e.name, e.type, e.country, e.role)
        for start, end in e.mentions:
            _append(tables["mentions"], a.id, i, start, end)
    for i, q in enumerate(a.quotes):
        sp = q.speaker
        _append(tables["quotes"], a.id, i, q.text, *q.span, q.kind, q.cue,
                sp.id if sp else None, sp.name if sp else None, *(q.content or q.span))  # fmt: skip
    for i, t in enumerate(a.timexes):
        _append(tables["timexes"], a.id, i, t.text, *t.span, t.type, t.value)
    for i, ev in enumerate(a.events):
        d = ev.to_dict()
        date = ev.date or {}
        dspan = date.get("span") or (None, None)
        _append(tables["events"], a.id, i, ev.type, ev.mode, ev.cameo, json.dumps(d["actors"]),
                json.dumps(d["recipients"]), date.get("value"), date.get("text"),
                json.dumps(ev.location) if ev.location else None,
                ev.status, ev.trigger, *ev.sentence, *dspan[:2])  # fmt: skip


# -- rows back to articles -----------------------------------------------------------------------
def _ref(ref: dict[str, Any]) -> ActorRef:
    return ActorRef(ref.get("id"), ref.get("name") or "")


def article_from_rows(article: Row, annotations: dict[str, list[Row]]) -> Article:
    """The :class:`Article` an ``articles`` row and its annotation rows (by table) stand for.

    What the store keeps comes back; what it does not (an event date's ``bound``) does not.
    """
    mentions: dict[int, list[tuple[int, int]]] = {}
    for r in sorted(annotations.get("mentions", []), key=lambda r: (r["start"], r["end"])):
        mentions.setdefault(r["entity_idx"], []).append((r["start"], r["end"]))
    published = article["published"]
    return Article(
        id=article["id"], source=article["source"], text=article["text"],
        meta=Metadata(title=article["title"], authors=list(article["authors"] or []),
                      published=str(published)[:10] if published else None, url=article["url"],
                      outlet=article["outlet"]),
        entities=[Entity(r["entity_id"], r["name"], r["type"], r["country"], r["role"],
                         mentions.get(r["idx"], [])) for r in _by_idx(annotations, "entities")],
        quotes=[_quote(r) for r in _by_idx(annotations, "quotes")],
        timexes=[Timex(r["text"], (r["start"], r["end"]), r["type"], r["value"])
                 for r in _by_idx(annotations, "timexes")],
        events=[_event(r) for r in _by_idx(annotations, "events")],
    )  # fmt: skip


def _by_idx(annotations: dict[str, list[Row]], table: str) -> list[Row]:
    return sorted(annotations.get(table, []), key=lambda r: r["idx"])


def _quote(r: Row) -> Quote:
    speaker = ActorRef(r["speaker_id"], r["speaker_name"] or "") if r["speaker_name"] else None
    content = (r["content_start"], r["content_end"]) if r["content_start"] is not None else None
    return Quote(r["text"], (r["start"], r["end"]), r["kind"], r["cue"], speaker, content)


def _event(r: Row) -> Event:
    date: dict[str, Any] = {"value": r["date_value"], "text": r["date_text"]}
    if r["date_start"] is not None:
        date["span"] = [r["date_start"], r["date_end"]]
    return Event(
        type=r["type"], trigger=r["trigger"], sentence=(r["sent_start"], r["sent_end"]),
        status=r["status"], mode=r["mode"], cameo=r["cameo"],
        actors=[_ref(a) for a in json.loads(r["actors"])],
        recipients=[_ref(a) for a in json.loads(r["recipients"])],
        date=date, location=json.loads(r["location"]) if r["location"] else None,
    )  # fmt: skip
