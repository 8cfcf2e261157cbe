"""Fusion cost as the store grows: BBC (2,225 texts) + Timeline17 Syrian-crisis articles.

Ingests the articles into a fresh store in batches and times each ``Store.add`` twice over —
once on a store with fusion and once without — so the difference is the fusion time; reports
it per article for the first 500 and the last 500 articles (near-linear growth means the two
are about equal).

Modes:
- default (``--synthetic``): no NLP. Each article gets 8 synthetic event mentions: participants
  drawn Zipf-like from 400 actor ids (so popular pairs share blocks, as in news), types from 6
  PLOVER types, half dated near the article's date (BBC texts have no date: they are given a
  synthetic 2004-2005 publication date, Syria articles their own), the rest undated.
- ``--nlp --limit N``: the real pipeline plus the event stage (``dyad.events.EventStage``) on
  the first N articles (spaCy; ~0.2 s per article here), then the same timing.

Usage: python benchmarks/fusion_scale.py [--limit N] [--nlp] [--batch 50]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from dyad.model import ActorRef, Article, Event, Metadata, article_id
from dyad.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TYPES = ["CONSULT", "AGREE", "ACCUSE", "COOPERATE", "ASSAULT", "SANCTION"]


def texts(limit: int | None) -> list[tuple[str, str, date | None]]:
    out: list[tuple[str, str, date | None]] = []
    for path in sorted((SHARED / "bbc").rglob("*.txt")):
        if path.name != "README.TXT":
            out.append((str(path), path.read_bytes().decode("utf-8", "replace"), None))
    t17 = SHARED / "t17" / "SyrianCrisis_bbc" / "articles.jsonl"
    for line in t17.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out.append((f"t17:{rec['id']}", rec["text"], date.fromisoformat(rec["time"][:10])))
    return out[:limit] if limit else out


def synthetic(items: list[tuple[str, str, date | None]], seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    actors = [ActorRef(f"actor-{i}", f"Actor {i}") for i in range(400)]
    weights = [1 / (i + 1) for i in range(len(actors))]
    arts = []
    for n, (source, text, published) in enumerate(items):
        pub = published or date(2004, 1, 1) + timedelta(days=(n * 7) % 700)
        events = []
        for _ in range(8):
            a, b = rng.choices(actors, weights, k=2)
            dated = rng.random() < 0.5
            when = (pub - timedelta(days=rng.randint(0, 3))).isoformat() if dated else None
            events.append(Event(type=rng.choice(TYPES), trigger="x", sentence=(0, 10),
                                status=rng.choice(["occurred"] * 4 + ["planned"]),
                                actors=[a], recipients=[b] if a != b else [],
                                date={"value": when, "text": when}))  # fmt: skip
        meta = Metadata(title=source, published=pub.isoformat())
        arts.append(Article(article_id(text), source, text, meta, events=events))
    return arts


def real(items: list[tuple[str, str, date | None]]) -> list[Article]:
    from dyad.events import EventStage
    from dyad.model import RawDocument
    from dyad.nlp import load_nlp
    from dyad.pipeline import Options, Pipeline

    pipeline, stage = Pipeline(Options()), EventStage()
    meta = [{"published": d.isoformat()} if d else {} for _, _, d in items]
    raws = [RawDocument(s, "text", t, m) for (s, t, _), m in zip(items, meta, strict=True)]
    arts = [a for a in pipeline.run(raws) if isinstance(a, Article)]
    for article, doc in zip(arts, load_nlp().pipe(a.text for a in arts), strict=True):
        stage(article, doc)
    return arts


def timed_adds(arts: list[Article], batch: int, fusion: bool) -> list[float]:
    """Seconds per article of each batch's ``Store.add``, one value per article."""
    per_article: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.duckdb", fusion=fusion) as s:
        for i in range(0, len(arts), batch):
            chunk = arts[i : i + batch]
            t0 = time.perf_counter()
            s.add(chunk)
            per_article += [(time.perf_counter() - t0) / len(chunk)] * len(chunk)
        if fusion:
            row = s.con.execute("SELECT count(*), sum(n_mentions) FROM fused_events").fetchone()
            print(f"fused events: {row[0] if row else 0} from {row[1] if row else 0} mentions")
    return per_article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--nlp", action="store_true", help="real pipeline + event stage")
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()
    items = texts(args.limit)
    t0 = time.perf_counter()
    arts = real(items) if args.nlp else synthetic(items)
    n_events = sum(len(a.events) for a in arts)
    mode = "pipeline + event stage" if args.nlp else "synthetic events"
    print(
        f"{len(arts)} articles, {n_events} event mentions ({mode}, {time.perf_counter() - t0:.1f}s)"
    )
    with_fusion = timed_adds(arts, args.batch, True)
    without = timed_adds(arts, args.batch, False)
    fusion = [a - b for a, b in zip(with_fusion, without, strict=True)]
    k = min(500, len(fusion) // 2)
    first, last = sum(fusion[:k]) / k * 1000, sum(fusion[-k:]) / k * 1000
    print(f"fusion time per article: first {k}: {first:.2f} ms, last {k}: {last:.2f} ms "
          f"(ratio {last / first if first else float('nan'):.2f})")  # fmt: skip
    print(f"total add time with fusion {sum(with_fusion):.1f}s, without {sum(without):.1f}s")


if __name__ == "__main__":
    main()
