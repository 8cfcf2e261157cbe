"""The fused, dated story of one actor, or between two: what ``dyad timeline`` shows.

:func:`build_timeline` returns one entry per fused event involving the actor(s) (with two,
both take part, on either side), oldest first, in the shape fixed by CONTRACT.md (type,
status, date, location, actors, recipients, summary, sources) plus a few added fields
(``id``, ``date_inferred``, ``n_mentions``, ``key_sentence``). Sources are one per article:
the mention that gave a date of its own, else the article's first. When there are more entries
than ``max_entries``, :func:`select` keeps the dates that matter: how well reported their
events are, weighed by the learned date ranker (:mod:`.dateranker`) over the sentences of the
articles involved. :func:`render_text` is the terminal form.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..store import Store
from ..store.stories_queries import fused_events, fused_sources_and_articles
from .collection import article_rows_sentences
from .dateranker import default_ranker
from .summarise import central, idf_table

DEFAULT_MAX_ENTRIES = 30
PER_DATE = 3  # at most this many entries share one date after selection


def build_timeline(
    store: Store, sides: Sequence[Sequence[str]], *, max_entries: int | None = DEFAULT_MAX_ENTRIES
) -> list[dict[str, Any]]:
    """Timeline entries for the actor ids of one or two sides (each a list of ids)."""
    return build_timeline_parts(store, sides, max_entries=max_entries)[0]


def build_timeline_parts(
    store: Store, sides: Sequence[Sequence[str]], *, max_entries: int | None = DEFAULT_MAX_ENTRIES
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The entries kept by :func:`select` and the others (both oldest first)."""
    fused = fused_events(store, sides)
    sources = defaultdict(list)
    rows, articles = fused_sources_and_articles(store, [f["id"] for f in fused])
    for row in rows:
        sources[row["fused_id"]].append(row)
    entries = [_entry(f, sources[f["id"]]) for f in fused]
    entries = [e for e in entries if e["sources"]]
    if not max_entries or len(entries) <= max_entries:
        return entries, []
    chosen = select(entries, day_scores(store, articles), max_entries)
    kept = {id(e) for e in chosen}
    return chosen, [e for e in entries if id(e) not in kept]


def day_scores(store: Store, articles: Sequence[dict[str, Any]]) -> dict[str, float]:
    """The date ranker's score of each day these articles (rows as
    :func:`~dyad.store.stories_queries.article_texts` gives them) name or were published on,
    relative to an average candidate day (1.0)."""
    ranker = default_ranker()
    sentences, _ = article_rows_sentences(store, articles, marks=ranker.needs_marks)
    ranked = ranker.rank(sentences)
    return {d.isoformat(): len(ranked) * p for d, p in ranked}


def _entry(fused: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    per_article: dict[str, dict[str, Any]] = {}
    for m in mentions:
        best = per_article.get(m["article_id"])
        if best is None or (m["date_value"] and not best["date_value"]):
            per_article[m["article_id"]] = m
    sources = [
        {"article": m["article_id"], "title": m["title"], "outlet": m["outlet"],
         "sentence": m["sentence"], "published": m["published"],
         "published_inferred": bool(m["published_inferred"]), "url": m["url"],
         "status": m["status"]}
        for m in per_article.values()
    ]  # fmt: skip
    return {
        "id": fused["id"],
        "type": fused["type"],
        "status": fused["status"],
        "date": fused["date_value"],
        "date_inferred": bool(fused["date_inferred"]),
        "location": fused["location"],
        "actors": fused["actors"] or [],
        "recipients": fused["recipients"] or [],
        "summary": fused["summary"],
        "key_sentence": _key_sentence([s["sentence"] for s in sources]),
        "n_mentions": fused["n_mentions"],
        "sources": sources,
    }


def _key_sentence(sentences: list[str]) -> str | None:
    texts = [s for s in dict.fromkeys(sentences) if s]
    if len(texts) <= 1:
        return texts[0] if texts else None
    picked = central(texts, idf_table(texts), 1)
    return texts[picked[0]] if picked else texts[0]


# how much an entry of each status counts when choosing what a long timeline keeps: what
# happened first, then what was planned or called off, then what only might have been
STATUS_WEIGHT = {"occurred": 1.0, "planned": 0.75, "cancelled": 0.75}
OTHER_STATUS_WEIGHT = 0.25


VAGUE_WEIGHT = 0.5  # an entry dated only by when it was reported, or with one side unknown


def _weight(entry: dict[str, Any]) -> float:
    reports = len(entry["sources"]) + 0.5 * entry["n_mentions"]
    weight = reports * STATUS_WEIGHT.get(entry["status"], OTHER_STATUS_WEIGHT)
    if entry.get("date_inferred"):
        weight *= VAGUE_WEIGHT
    if not (entry.get("actors") and entry.get("recipients")) and len(entry.get("actors", ())) < 2:
        weight *= VAGUE_WEIGHT
    return weight


def select(entries: list[dict[str, Any]], scores: dict[str, float], k: int) -> list[dict[str, Any]]:
    """At most ``k`` entries, on the dates that matter most, oldest first.

    A date's weight: the articles and mentions of its fused events (by status, see
    :data:`STATUS_WEIGHT`; halved for a date only inferred from publication, and again for
    an event with one side unknown), times 1 + the date ranker's relative score of the day
    (``scores``, see :func:`day_scores`; month, year and undated entries compete as their own
    period with no ranker score). Dates are taken best first, each with at most
    :data:`PER_DATE` of its entries (the best reported), until ``k`` are kept.
    """
    weight: dict[str, float] = defaultdict(float)
    own = {id(e): _weight(e) for e in entries}
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in entries:
        day = e["date"] or "undated"
        weight[day] += own[id(e)]
        by_day[day].append(e)
    for day in weight:
        weight[day] *= 1.0 + scores.get(day, 0.0)
    chosen: set[int] = set()
    for day in sorted(weight, key=lambda d: (-weight[d], d)):
        best = sorted(by_day[day], key=lambda e: -own[id(e)])[:PER_DATE]
        chosen.update(id(e) for e in best[: k - len(chosen)])
        if len(chosen) >= k:
            break
    return [e for e in entries if id(e) in chosen]


def render_text(entries: Sequence[dict[str, Any]], title: str) -> str:
    """A readable plain-text timeline."""
    lines = [title, ""]
    if not entries:
        lines.append("(no events)")
    for e in entries:
        date = e["date"] or "undated"
        mark = "~" if e["date_inferred"] and e["date"] else ""
        n = len(e["sources"])
        lines.append(f"{mark + date:<12} {e['type']:<9} {e['status']:<9} {e['summary']}")
        lines.append(f"{'':12}{n} source{'s' if n != 1 else ''}:")
        for s in e["sources"]:
            where = " · ".join(x for x in (s["outlet"], s["published"]) if x)
            lines.append(f"{'':14}- {s['title'] or s['article'][:12]} ({where})")
            lines.append(f"{'':16}“{_clip(s['sentence'], 160)}”")
    if any(e["date_inferred"] and e["date"] for e in entries):
        lines += ["", "~ date inferred from when the sources were published"]
    return "\n".join(lines)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
