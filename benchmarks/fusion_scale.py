"""Fusion cost as the store grows: BBC (2,225 texts) + Timeline17 Syrian-crisis articles (308).

The articles go through dyad's whole pipeline once (``Pipeline(Options())``: entities, time
expressions, quotes and events), then into a fresh store in batches (default 50). Fusion is
timed inside ``Store.add`` (``AddResult.fusion_seconds``), so it is measured directly rather
than as the difference of two runs. Reported: fusion milliseconds per article for the first
500 and the last 500 articles, their ratio and how much bigger the store is by then (a ratio
near 1 while the store grows ~5x means fusion cost per article does not grow with the store,
i.e. the total is near-linear), the pipeline's own time, and what fusion produced: event
mentions, fused events, those fused from two or more mentions and from two or more articles,
mentions still pending (undated mentions of undated articles) and articles dated by inference.

Inputs: ``../shared/data/bbc/*/*.txt`` (README skipped; BBC texts carry no date) and
``../shared/data/t17/SyrianCrisis_bbc/articles.jsonl`` (``time`` becomes metadata
``published``). Sources are named ``bbc/<topic>/<file>`` and ``t17:<id>``.

Order: articles are added sorted by the SHA-256 of their source name, a stable pseudo-random
interleaving of the two corpora, so the first and the last 500 have the same mix in expectation
(about 12% dated Syria articles) and a difference between them comes from the store's size,
not from the corpus. ``--limit N`` keeps the first N of that order.

Timing: one-off costs (imports, compiled regexes) are paid first on a throwaway store; then
the articles are ingested ``--repeat`` times (default 3) into fresh stores and each batch's
fusion time is the median of its runs (a single run moves by ±20% on a shared machine).

Modes:
- default: the real pipeline (spaCy; ~10 articles/s here, about four and a half minutes).
  ``--cache FILE`` pickles the pipeline's articles, and reuses them when the file exists and
  holds the same sources, so fusion can be measured again without the NLP.
- ``--synthetic``: no NLP. Each article gets 8 synthetic event mentions: participants drawn
  Zipf-like from 400 actor ids (so popular pairs share blocks, as in news), types from 6
  PLOVER types, half dated up to 3 days before the article's date (BBC texts are given a
  synthetic 2004-2005 date, Syria articles their own), the rest undated.

The figures go to ``--json FILE`` under the mode's key (``pipeline`` or ``synthetic``); the
other mode's figures in the file are kept.

Usage: .venv/bin/python benchmarks/fusion_scale.py [--synthetic] [--limit N] [--batch 50]
           [--repeat 3] [--cache FILE] [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dyad.model import ActorRef, Article, Event, Metadata, RawDocument, article_id
from dyad.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
TYPES = ["CONSULT", "AGREE", "ACCUSE", "COOPERATE", "ASSAULT", "SANCTION"]
WINDOW = 500
Item = tuple[str, str, date | None]  # source, text, publication date


def texts(data: Path, limit: int | None) -> list[Item]:
    """BBC and Syria articles in the benchmark's order (see the module docstring)."""
    out: list[Item] = []
    for path in (data / "bbc").glob("*/*.txt"):
        source = path.relative_to(data).as_posix()
        out.append((source, path.read_bytes().decode("utf-8", "replace"), None))
    t17 = data / "t17" / "SyrianCrisis_bbc" / "articles.jsonl"
    for line in t17.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out.append((f"t17:{rec['id']}", rec["text"], date.fromisoformat(rec["time"][:10])))
    out.sort(key=lambda item: hashlib.sha256(item[0].encode()).hexdigest())
    return out[:limit] if limit else out


def synthetic_events(
    rng: random.Random,
    actors: list[ActorRef],
    weights: list[float],
    published: date,
    *,
    trigger: str,
) -> list[Event]:
    """8 event mentions between actors drawn by ``weights``, half dated up to 3 days before
    ``published``, one in five planned (also builds ``scale.py``'s 1M-event store)."""
    events = []
    for _ in range(8):
        a, b = rng.choices(actors, weights, k=2)
        dated = rng.random() < 0.5
        when = (published - timedelta(days=rng.randint(0, 3))).isoformat() if dated else None
        events.append(Event(type=rng.choice(TYPES), trigger=trigger, sentence=(0, 10),
                            status=rng.choice(["occurred"] * 4 + ["planned"]),
                            actors=[a], recipients=[b] if a != b else [],
                            date={"value": when, "text": when}))  # fmt: skip
    return events


def synthetic(items: list[Item], seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    actors = [ActorRef(f"actor-{i}", f"Actor {i}") for i in range(400)]
    weights = [1 / (i + 1) for i in range(len(actors))]
    arts = []
    for n, (source, text, published) in enumerate(items):
        pub = published or date(2004, 1, 1) + timedelta(days=(n * 7) % 700)
        events = synthetic_events(rng, actors, weights, pub, trigger="x")
        meta = Metadata(title=source, published=pub.isoformat())
        arts.append(Article(article_id(text), source, text, meta, events=events))
    return arts


def real(items: list[Item], every: int = 100) -> tuple[list[Article], dict[str, Any]]:
    """Run the whole pipeline (every stage once); articles and timings."""
    from dyad.nlp import load_nlp
    from dyad.pipeline import Options, Pipeline

    t0 = time.perf_counter()
    load_nlp()
    pipeline = Pipeline(Options())
    t_load = time.perf_counter() - t0
    raws = [
        RawDocument(s, "text", t, {"published": d.isoformat()} if d else {}) for s, t, d in items
    ]
    arts, errors = [], []
    t0 = time.perf_counter()
    for n, item in enumerate(pipeline.run(raws), start=1):
        if isinstance(item, Article):
            arts.append(item)
        else:
            errors.append(item.to_dict())
        if n % every == 0 or n == len(raws):
            spent = time.perf_counter() - t0
            print(f"  pipeline: {n}/{len(raws)} articles, {spent:.0f} s, {n / spent:.1f}/s",
                  file=sys.stderr, flush=True)  # fmt: skip
    seconds = time.perf_counter() - t0
    timing = {
        "load_seconds": round(t_load, 1),
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(raws) / seconds, 1),
        "read_errors": errors,
    }
    return arts, timing


def cached_real(items: list[Item], cache: Path | None) -> tuple[list[Article], dict[str, Any]]:
    sources = [s for s, _, _ in items]
    if cache and cache.exists():
        with cache.open("rb") as f:
            saved = pickle.load(f)
        if saved["sources"] == sources:
            print(f"pipeline output read from {cache}", file=sys.stderr)
            return saved["articles"], saved["timing"] | {"from_cache": str(cache)}
    arts, timing = real(items)
    if cache:
        with cache.open("wb") as f:
            pickle.dump({"sources": sources, "articles": arts, "timing": timing}, f)
    return arts, timing


def ingest(arts: list[Article], batch: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Add the articles batch by batch to a fresh store; per-batch figures and the totals."""
    batches = []
    stored = 0
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.duckdb") as store:
        for i in range(0, len(arts), batch):
            chunk = arts[i : i + batch]
            t0 = time.perf_counter()
            result = store.add(chunk)
            batches.append({
                "articles": len(chunk),
                "stored_before": stored,
                "mentions": sum(len(a.events) for a in chunk),
                "fusion_seconds": round(result.fusion_seconds, 5),
                "add_seconds": round(time.perf_counter() - t0, 5),
            })  # fmt: skip
            stored += result.added
        totals = dict(zip(QUERIES, (_one(store, sql) for sql in QUERIES.values()), strict=True))
    return batches, totals


def warm_up(arts: list[Article], batch: int) -> None:
    """Pay one-off costs (imports, regexes, the date finder) on a throwaway store."""
    from dyad.time import find_timexes

    find_timexes("He met him on Monday, 5 June.", date(2005, 6, 8))
    ingest(arts, batch)


QUERIES = {
    "articles_stored": "SELECT count(*) FROM articles",
    "mentions": "SELECT count(*) FROM events",
    "fused_events": "SELECT count(*) FROM fused_events",
    "fused_2plus_mentions": "SELECT count(*) FROM fused_events WHERE n_mentions >= 2",
    "fused_2plus_articles": "SELECT count(*) FROM fused_events WHERE n_sources >= 2",
    "pending_mentions": "SELECT count(*) FROM pending_mentions",
    "undated_articles": "SELECT count(*) FROM articles WHERE published IS NULL",
    "articles_dated_by_inference": "SELECT count(*) FROM articles WHERE published_inferred",
}


def _one(store: Store, sql: str) -> int:
    row = store.con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def summarise(batches: list[dict[str, Any]]) -> dict[str, Any]:
    """Fusion ms per article over the first and the last ``WINDOW`` articles."""
    per_article: list[float] = []  # a batch's fusion time, spread evenly over its articles
    before: list[int] = []
    for b in batches:
        per_article += [b["fusion_seconds"] / b["articles"]] * b["articles"]
        before += [b["stored_before"]] * b["articles"]
    k = min(WINDOW, len(per_article) // 2)
    first, last = sum(per_article[:k]) / k * 1000, sum(per_article[-k:]) / k * 1000
    size_first = sum(before[:k]) / k
    return {
        "window": k,
        "first_ms_per_article": round(first, 3),
        "last_ms_per_article": round(last, 3),
        "ratio": round(last / first, 2) if first else None,
        "store_after_first_window": k,
        "store_at_end": len(per_article),
        "store_growth": round(len(per_article) / k, 2),
        "mean_store_size_first": round(size_first),
        "mean_store_size_last": round(sum(before[-k:]) / k),
        "fusion_seconds": round(sum(b["fusion_seconds"] for b in batches), 2),
        "add_seconds": round(sum(b["add_seconds"] for b in batches), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--synthetic", action="store_true", help="synthetic events, no NLP")
    parser.add_argument("--batch", type=int, default=50, help="articles per Store.add")
    parser.add_argument("--repeat", type=int, default=3, help="ingests; per-batch median")
    parser.add_argument("--cache", type=Path, help="pickle of the pipeline's articles")
    parser.add_argument(
        "--json", type=Path, default=ROOT / "docs" / "figures" / "fusion_scale.json"
    )
    args = parser.parse_args()
    if not args.data.exists():
        print(f"data folder {args.data} not found (pass --data)", file=sys.stderr)
        return 2
    items = texts(args.data, args.limit)
    mode = "synthetic" if args.synthetic else "pipeline"
    print(f"{len(items)} articles, mode {mode}, batches of {args.batch}", file=sys.stderr)
    if args.synthetic:
        arts, timing = synthetic(items), None
    else:
        arts, timing = cached_real(items, args.cache)
    warm_up(arts[: 2 * args.batch], args.batch)
    runs = [ingest(arts, args.batch) for _ in range(args.repeat)]
    batches, totals = runs[-1]
    for n, b in enumerate(batches):  # the median run of each batch, against noise
        for key in ("fusion_seconds", "add_seconds"):
            b[key] = statistics.median(run[0][n][key] for run in runs)
    scale = summarise(batches)
    k = scale["window"]
    if timing:
        print(f"pipeline: {len(items)} articles in {timing['seconds']} s "
              f"({timing['articles_per_s']}/s; model load {timing['load_seconds']} s), "
              f"{len(timing['read_errors'])} errors")  # fmt: skip
    print(f"fusion per article: first {k}: {scale['first_ms_per_article']:.2f} ms, "
          f"last {k}: {scale['last_ms_per_article']:.2f} ms (ratio {scale['ratio']}) "
          f"while the store grows {scale['store_after_first_window']} -> "
          f"{scale['store_at_end']} articles added (x{scale['store_growth']})")  # fmt: skip
    print(f"fusion {scale['fusion_seconds']} s of {scale['add_seconds']} s in Store.add")
    print(", ".join(f"{name.replace('_', ' ')} {n}" for name, n in totals.items()))
    figures = {
        "articles": len(items),
        "batch": args.batch,
        "repeat": args.repeat,
        "order": "sha256 of the source name",
        "scale": scale,
        "totals": totals,
        "pipeline_timing": timing,
        "batches": batches,
    }
    existing = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(existing | {mode: figures}, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
