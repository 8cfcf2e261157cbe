"""How the date ranker's newest feature was found, and whether finding it was fair.

Issue 16 asked for features a news timeline depends on. After the first model (``articles``
and ``counts`` sets of ``train_date_ranker.py``) plateaued, nine candidate additions were
measured, each beside the ``articles`` set, on Timeline17 leave-one-topic-out:

- ``remembered`` (kept, in :mod:`dyad.stories.dateranker`): articles naming the day that were
  published a week or more after it, and their share of the articles naming it;
- ``later2`` / ``later30``: articles naming it two / thirty or more days on;
- ``lead3`` / ``head``: articles naming it in their first three sentences / first one;
- ``weeks``: distinct weeks whose articles name it;
- ``pub_burst`` / ``article_burst``: articles published on it and the two days after / naming
  it, over their mean in the surrounding ±7 days (log);
- ``graph``: PageRank of the day in the graph of publication days citing days (Tran et al.
  2015's date reference graph).

Looking at nine candidates on all 15 topics and keeping the best is itself a choice made with
the scored topics in view. This script measures that choice honestly: for each held-out
topic, the candidate *and* the penalty are chosen by leave-one-topic-out over the 14 others
only, and the held-out topic is scored with that choice (nested). If the same candidate wins
inside every fold and the nested figure matches the non-nested one, the choice did not rest
on any one topic. The score is the training script's proxy (``top_f1``: share of gold days
among the top-k admissible days, k = gold days), not the benchmark's date F1.

Usage: python benchmarks/date_feature_search.py [--data DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dyad.stories.dateranker import FEATURES
from dyad.stories.summarise import Sentence
from t17_data import DATA, Topic, load_topics
from train_date_ranker import ARTICLES, PENALTIES, Data, fit, groups, top_f1

DAMPING = 0.85  # PageRank's usual damping


def _graph_rank(sentences: Sequence[Sentence]) -> dict[date, float]:
    """PageRank over days: a sentence published on p naming d != p is an edge p -> d."""
    edges: defaultdict[date, defaultdict[date, float]] = defaultdict(lambda: defaultdict(float))
    for s in sentences:
        for d in set(s.dates):
            if s.published is not None and d != s.published:
                edges[s.published][d] += 1.0
    nodes = set(edges) | {d for out in edges.values() for d in out}
    n = len(nodes) or 1
    rank = dict.fromkeys(nodes, 1.0 / n)
    totals = {p: sum(out.values()) for p, out in edges.items()}
    for _ in range(30):
        sink = sum(rank[d] for d in nodes if d not in edges)
        new = dict.fromkeys(nodes, (1 - DAMPING) / n + DAMPING * sink / n)
        for p, out in edges.items():
            for d, w in out.items():
                new[d] += DAMPING * rank[p] * w / totals[p]
        rank = new
    return rank


def extras(sentences: Sequence[Sentence], days: Sequence[date], _: Topic) -> list[list[float]]:
    """The candidates' columns (:data:`EXTRA`) for a timeline's candidate days."""
    later: dict[int, defaultdict[date, set[str]]] = {k: defaultdict(set) for k in (2, 30)}
    lead, head, named = defaultdict(set), defaultdict(set), defaultdict(set)
    weeks: defaultdict[date, set[int]] = defaultdict(set)
    published: defaultdict[date, set[str]] = defaultdict(set)
    for s in sentences:
        article = s.article or f"{s.published}"  # as dateranker counts articles
        if s.published is not None:
            published[s.published].add(article)
        for d in set(s.dates):
            named[d].add(article)
            if s.position < 3:
                lead[d].add(article)
            if s.position == 0:
                head[d].add(article)
            if s.published is not None:
                weeks[d].add(s.published.toordinal() // 7)
                for k, by_day in later.items():
                    if (s.published - d).days >= k:
                        by_day[d].add(article)

    def following(d: date) -> int:
        return len(set().union(*(published.get(d + timedelta(days=k), set()) for k in range(3))))

    def burst(d: date, count: Callable[[date], int]) -> float:
        around = sum(count(d + timedelta(days=k)) for k in range(-7, 8)) / 15
        return math.log((count(d) + 1) / (around + 1))

    rank = _graph_rank(sentences)
    return [
        [math.log1p(len(later[2].get(d, ()))) for d in days],
        [math.log1p(len(later[30].get(d, ()))) for d in days],
        [math.log1p(len(lead.get(d, ()))) for d in days],
        [math.log1p(len(head.get(d, ()))) for d in days],
        [math.log1p(len(weeks.get(d, ()))) for d in days],
        [burst(d, following) for d in days],
        [burst(d, lambda x: len(named.get(x, ()))) for d in days],
        [math.log1p(rank.get(d, 0.0) * len(days)) for d in days],
    ]


EXTRA = ("later2", "later30", "lead3", "head", "weeks", "pub_burst", "article_burst", "graph")
NAMES = FEATURES + EXTRA
CANDIDATES: dict[str, tuple[str, ...]] = {
    "none": (),
    "remembered": ("remembered_articles_log", "remembered_share"),
    **{name: (name,) for name in EXTRA},
}


_FITS: dict[tuple[Any, ...], dict[str, Any]] = {}


def _model(data: Data, name: str, l2: float) -> dict[str, Any]:
    """The conditional logit of the ``articles`` set plus candidate ``name``, fitted on all
    of ``data`` (remembered: the nested search fits the same topic sets many times)."""
    key = (tuple(sorted((t, id(gs)) for t, gs in data.items())), name, l2)
    if key not in _FITS:
        rows = [g for gs in data.values() for g in gs]
        _FITS[key] = fit(rows, ARTICLES + CANDIDATES[name], l2, NAMES)
    return _FITS[key]


def loto(data: Data, name: str, l2: float) -> list[float]:
    """Leave-one-topic-out over ``data``: each topic scored by a model of the others."""
    return [
        top_f1(_model({o: g for o, g in data.items() if o != t}, name, l2), data[t], NAMES)
        for t in data
    ]


def choose(data: Data) -> tuple[str, float]:
    """The (candidate, penalty) with the best leave-one-topic-out mean over ``data`` alone."""
    scores = {(c, l2): sum(loto(data, c, l2)) / len(data) for c in CANDIDATES for l2 in PENALTIES}
    return max(scores, key=lambda k: scores[k])


def search(data: Data) -> dict[str, Any]:
    """Non-nested LOTO of every (candidate, penalty), and the nested choice per topic: the
    choice for a held-out topic is made by :func:`choose` on the other topics' data only."""
    flat = {
        f"{name}, l2={l2:g}": round(sum(v) / len(v), 4)
        for name in CANDIDATES
        for l2 in PENALTIES
        for v in [loto(data, name, l2)]
    }
    nested: dict[str, Any] = {}
    for t in data:
        inner = {o: g for o, g in data.items() if o != t}
        name, l2 = choose(inner)
        held = top_f1(_model(inner, name, l2), data[t], NAMES)
        nested[t] = {"chosen": f"{name}, l2={l2:g}", "top_f1": round(held, 4)}
    mean = sum(v["top_f1"] for v in nested.values()) / len(nested)
    return {"non_nested_loto": flat, "nested": nested, "nested_mean": round(mean, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    t0 = time.perf_counter()
    topics = load_topics(args.data)
    data = {t.name: groups([t], extras) for t in topics}
    figures = search(data)
    figures["seconds"] = round(time.perf_counter() - t0, 1)
    for config, value in sorted(figures["non_nested_loto"].items(), key=lambda kv: -kv[1]):
        print(f"  {config:28} leave-one-topic-out top-day F1 {value:.4f}")
    for topic, row in figures["nested"].items():
        print(f"  {topic:22} chosen without it: {row['chosen']:26} top-day F1 {row['top_f1']:.3f}")
    print(f"nested (candidate and penalty chosen without the topic): {figures['nested_mean']:.4f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
