"""The data behind every page and API route, as plain JSON-ready dicts.

Pages are data first: each function here builds the dict one page shows, and the same dict
is what the route returns with ``?format=json`` (and what the ``/api`` routes return). Names
are resolved like the CLI's (:func:`dyad.actors.query_ids`: ``Putin`` means
``vladimir-putin``); queries come from :mod:`dyad.store.queries`,
:mod:`dyad.store.stories_queries` and :mod:`dyad.store.web_queries`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from starlette.datastructures import QueryParams

from ..actors import ActorKB, describe_actor, query_ids
from ..store import Store, list_articles, list_quotes
from ..store import web_queries as wq
from ..store.stories_queries import list_events
from ..stories.relations import relations, resolve_side
from ..stories.timeline import DEFAULT_MAX_ENTRIES, build_timeline, build_timeline_parts
from . import params as p
from .params import NotFound

Path = Mapping[str, str]  # the route's path parameters


def paged(rows: list[dict[str, Any]], page: p.Page) -> dict[str, Any]:
    """Rows fetched with ``limit + 1`` as one page, with the next offset when there is more."""
    more = len(rows) > page.limit
    return {
        "items": rows[: page.limit],
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.offset + page.limit if more else None,
    }


def home(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    return {"stats": wq.store_stats(store), "recent": list_articles(store, limit=8)}


def stats(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    return wq.store_stats(store)


def actor_ref(kb: ActorKB, store: Store, name: str) -> dict[str, Any]:
    """An actor typed by a user: its ids, display name and whether anything knows it."""
    ids = query_ids(kb, name)
    found = kb.lookup(name)
    if found:
        return {"id": found[0].id, "name": found[0].name, "ids": ids, "known": True}
    stored = wq.entity_name(store, ids)
    return {
        "id": ids[0] if ids else name,
        "name": stored or name,
        "ids": ids,
        "known": stored is not None,
    }


def search(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    text = p.text(q, "q")
    page = p.page(q, default=20)
    if text is None:
        return {"q": None, "actors": [], "entities": [], "quotes": [], "articles": []}
    actors = [
        {"id": a.id, "name": a.name, "type": a.type, "country": a.country}
        for a in kb.lookup(text)[:10]
    ]
    return {
        "q": text,
        "actors": actors,
        "entities": wq.search_entities(store, text, limit=page.limit, offset=page.offset),
        "quotes": list_quotes(store, contains=text, limit=page.limit, offset=page.offset),
        "articles": list_articles(store, contains=text, limit=page.limit, offset=page.offset),
    }


def actor(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    """Who an actor is (knowledge base), what they said and did, and with whom."""
    ident = path["ident"]
    ref = actor_ref(kb, store, ident)
    if not ref["known"]:
        raise NotFound(f"no actor known as {ident!r}")
    ids = ref["ids"]
    page = p.page(q, default=20)
    return {
        "id": ref["id"],
        "name": ref["name"],
        "kb": describe_actor(kb, ident, on=date.today()),
        "quotes": paged(
            list_quotes(store, speaker_ids=ids, limit=page.limit + 1, offset=page.offset), page
        ),
        "events": list_events(store, actor_ids=ids, limit=page.limit),
        "counterparts": wq.counterparts(store, ids, limit=12),
        "articles": wq.actor_articles(store, ids, limit=page.limit),
    }


def pair(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    """The fused timeline between two actors and their relations, month by month."""
    a, b = path["a"], path["b"]
    max_entries = p.integer(q, "max_entries", DEFAULT_MAX_ENTRIES, 0, p.MAX_LIMIT)
    by = p.choice(q, "by", ("month", "year"))
    ref_a, ref_b = actor_ref(kb, store, a), actor_ref(kb, store, b)
    sides = [ref_a["ids"], ref_b["ids"]]
    entries, more = build_timeline_parts(store, sides, max_entries=max_entries or None)
    rows = relations(store, kb, resolve_side(kb, a), resolve_side(kb, b), by=by)
    return {"a": ref_a, "b": ref_b, "by": by, "timeline": entries, "more": more, "relations": rows}


def timeline(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    a = p.text(q, "a", required=True)
    assert a is not None
    b = p.text(q, "b")
    max_entries = p.integer(q, "max_entries", DEFAULT_MAX_ENTRIES, 0, p.MAX_LIMIT)
    sides = [query_ids(kb, a)] + ([query_ids(kb, b)] if b else [])
    entries = build_timeline(store, sides, max_entries=max_entries or None)
    return {"a": a, "b": b, "entries": entries}


def relations_data(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    a, b = p.text(q, "a", required=True), p.text(q, "b", required=True)
    assert a is not None and b is not None
    by = p.choice(q, "by", ("month", "year"))
    side_a, side_b = resolve_side(kb, a), resolve_side(kb, b)
    rows = relations(store, kb, side_a, side_b, by=by)
    return {"a": side_a.label, "b": side_b.label, "by": by, "rows": rows}


def event_filters(kb: ActorKB, q: QueryParams) -> dict[str, Any]:
    """The ``list_events`` filters of a request (the events page and its downloads)."""
    actor_name, between = p.text(q, "actor"), p.pair(q, "between")
    return {
        "actor_ids": query_ids(kb, actor_name) if actor_name else (),
        "between": (query_ids(kb, between[0]), query_ids(kb, between[1])) if between else None,
        "event_type": p.event_type(q),
        "since": p.day(q, "since"),
        "until": p.day(q, "until", last=True),
    }


def events(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    page = p.page(q)
    rows = list_events(store, **event_filters(kb, q), limit=page.offset + page.limit + 1)
    return paged(rows[page.offset :], page)


def events_page(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    """The events page: its filters as given, then one page of event mentions."""
    between = p.pair(q, "between")
    return {
        "actor": p.text(q, "actor"),
        "between": ", ".join(between) if between else None,
        "type": p.event_type(q),
        "since": p.text(q, "since"),
        "until": p.text(q, "until"),
        **events(store, kb, path, q),
    }


def quotes(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    page = p.page(q)
    speaker, contains = p.text(q, "speaker"), p.text(q, "contains")
    rows = list_quotes(
        store,
        speaker_ids=query_ids(kb, speaker) if speaker else (),
        speaker_text=speaker,
        contains=contains,
        limit=page.limit + 1,
        offset=page.offset,
    )
    return {"speaker": speaker, "contains": contains, **paged(rows, page)}


def articles(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    page = p.page(q)
    text = p.text(q, "q")
    rows = list_articles(store, contains=text, limit=page.limit + 1, offset=page.offset)
    return {"q": text, **paged(rows, page)}


def article(store: Store, kb: ActorKB, path: Path, q: QueryParams) -> dict[str, Any]:
    ident = path["ident"]
    full = wq.find_article_id(store, ident)
    found = wq.get_article(store, full) if full else None
    if found is None:
        raise NotFound(f"no article with id {ident!r}")
    return found
