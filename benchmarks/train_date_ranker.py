"""Train dyad's date ranker on Timeline17 and write ``src/dyad/data/stories/date_ranker.json``.

One group per gold timeline: its candidate days (the standard protocol: articles published
within the gold's first..last date, days within it) with features from
:func:`dyad.stories.dateranker.date_features` over the sentences of the topic's dyad store
(``t17_data.py``), the gold days marked; only days the timeline can show enter (those with a
sentence the summariser may pick, :func:`admissible`: the others are passed over anyway).
The model is a conditional logit (a softmax over the candidate days of one timeline; McFadden
1974): it learns what sets a timeline's days apart from the other days *of the same
collection*, so the size of a topic cancels out. Each gold day of a group weighs 1/(its
group's gold days), and a topic with several gold timelines (SyrianCrisis_reuters has 3)
gives each a share of its weight, so every topic counts the same. L2-regularised, fitted by
Newton's method on standardised features (numpy; deterministic, no random start).

The feature set and the penalty are not fixed by hand: :func:`choose` picks one of the
:data:`CONFIGS` (six feature sets × four penalties; the first four sets were set after
looking at leave-one-topic-out figures of 10 of the topics, the two ``+remembered`` ones after
``date_feature_search.py`` measured nine candidate features on all 15, see docs/stories.md) by
leave-one-topic-out over the *training* topics only, scoring each held-out topic by the date
F1 of its top admissible days (as many as the gold has). ``timeline_t17.py`` calls
:func:`train` once per held-out topic, so the choice never sees the topic it is scored on (nested
leave-one-topic-out); the shipped model is chosen the same way over all 15 and trained on them.

Usage: python benchmarks/train_date_ranker.py [--data DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from dyad.stories.dateranker import FEATURES, date_features
from dyad.stories.summarise import (
    MIN_WORDS,
    Sentence,
    candidates,
    effective_keywords,
    keyword_terms,
    matches,
    words,
)
from t17_data import DATA, Topic, load_topics, pool

OUT = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "stories" / "date_ranker.json"
COUNTS = (
    "ref_log", "ref_later_log", "ref_articles_log", "ref_pub_days_log", "pub_articles_log",
    "burst", "last_delay", "ref_near1_log", "ref_ahead_log",
)  # fmt: skip
PIPELINE = (
    "ref_event_log", "own_events_log", "own_occurred_log", "event_share", "occurred_share",
    "planned_share", "conflict_share", "coop_share", "quote_share", "query_event_share",
)  # fmt: skip
ARTICLES = ("ref_articles_log", "ref_pub_days_log", "event_articles_log", "last_delay")
REMEMBERED = ("remembered_articles_log", "remembered_share")  # a week or more after the day
FEATURE_SETS = {
    "articles": ARTICLES,
    "counts": COUNTS,
    "articles+remembered": ARTICLES + REMEMBERED,
    "counts+remembered": COUNTS + REMEMBERED,
    "counts+pipeline": COUNTS + PIPELINE + ("event_articles_log",),
    "all": FEATURES,
}
PENALTIES = (1.0, 10.0, 100.0, 1000.0)
CONFIGS = [(name, l2) for name in FEATURE_SETS for l2 in PENALTIES]
Group = tuple[Any, Any, float]  # features of a timeline's candidate days, gold marks, weight
Data = dict[str, list[Group]]  # topic name -> its groups
ABOUT = (
    "dyad's date ranker: conditional logit (softmax over a collection's candidate days) "
    "over features of dyad.stories.dateranker.date_features. Trained by benchmarks/"
    "train_date_ranker.py on the 15 Timeline17 topics of Tran et al. 2013 (research use) as "
    "distributed with news-tls (Gholipour Ghalandari & Ifrim 2020), run through dyad's "
    "pipeline; the weights are dyad's own (same licence as dyad)."
)


def admissible(sentences: Sequence[Sentence], keywords: Sequence[str]) -> set[date]:
    """The days a timeline can show: those with a candidate sentence the summariser may pick
    (of :data:`~dyad.stories.summarise.MIN_WORDS` content words or more, matching the query).
    ``datewise`` passes over the others for the next-ranked day."""
    terms = keyword_terms(effective_keywords(sentences, keywords))
    return {
        d
        for d, cands in candidates(sentences).items()
        if any(len(words(s.text)) >= MIN_WORDS and matches(s.text, terms) for s in cands)
    }


#: Extra columns for :func:`groups` (``date_feature_search.py``): the sentences of a timeline's
#: pool, its candidate days and the topic -> one list of values per candidate day.
Extra = Callable[[Sequence[Sentence], Sequence[date], Topic], list[list[float]]]


def groups(topics: Sequence[Topic], extra: Extra | None = None) -> list[Group]:
    """One group per gold timeline of every topic: (all FEATURES, gold marks, weight) of the
    candidate days it can show (:func:`admissible`): the ranker learns to order those.
    ``extra`` appends columns after the FEATURES ones (``names`` of :func:`fit`)."""
    out: list[Group] = []
    for topic in topics:
        for gold in topic.timelines:
            sentences = pool(topic, gold)
            days, rows = date_features(sentences, topic.keywords, min(gold), max(gold))
            shown = admissible(sentences, topic.keywords)
            keep = [i for i, d in enumerate(days) if d in shown]
            x = np.array(rows).reshape(len(days), len(FEATURES))[keep]
            if extra is not None:
                columns = extra(sentences, [days[i] for i in keep], topic)
                x = np.column_stack([x, *columns]) if columns else x
            y = np.array([float(days[i] in gold) for i in keep])
            out.append((x, y, 1 / len(topic.timelines)))
    return out


def fit(
    data: Sequence[Group], features: Sequence[str], l2: float, names: Sequence[str] = FEATURES
) -> dict[str, Any]:
    """A conditional logit as the JSON :class:`~dyad.stories.dateranker.DateRanker` reads;
    ``names``: the groups' columns (FEATURES, then any extra ones)."""
    cols = [list(names).index(f) for f in features]
    x = np.vstack([g[0][:, cols] for g in data])
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    z = [((g[0][:, cols] - means) / scales, g[1], g[2] / g[1].sum()) for g in data if g[1].sum()]
    beta = np.zeros(len(cols))
    for _ in range(50):
        grad, hess = l2 * beta, l2 * np.eye(len(beta))
        for zs, y, w in z:
            s = zs @ beta
            p = np.exp(s - s.max())
            p /= p.sum()
            mean = p @ zs
            grad += w * (y.sum() * mean - y @ zs)
            hess += w * y.sum() * ((zs * p[:, None]).T @ zs - np.outer(mean, mean))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return {
        "features": list(features),
        "means": [round(float(v), 6) for v in means],
        "scales": [round(float(v), 6) for v in scales],
        "weights": [round(float(v), 6) for v in beta],
        "l2": l2,
    }


def top_f1(model: dict[str, Any], data: Sequence[Group], names: Sequence[str] = FEATURES) -> float:
    """Mean date F1 (weighted as in training) of each group's top days, as many as its gold."""
    cols = [list(names).index(f) for f in model["features"]]
    w, m, s = (np.array(model[k]) for k in ("weights", "means", "scales"))
    total = weight = 0.0
    for x, y, share in data:
        k = int(y.sum())
        if k:
            scores = ((x[:, cols] - m) / s) @ w
            total += share * y[np.argsort(-scores, kind="stable")[:k]].sum() / k
            weight += share
    return total / (weight or 1.0)


def choose(data: Data) -> tuple[tuple[str, float], dict[tuple[str, float], float]]:
    """The config with the best leave-one-topic-out top-day F1 over these topics (and all)."""
    figures = {}
    for name, l2 in CONFIGS:
        held = [
            top_f1(fit([g for o in data if o != t for g in data[o]], FEATURE_SETS[name], l2), gs)
            for t, gs in data.items()
        ]
        figures[name, l2] = sum(held) / len(held)
    return max(CONFIGS, key=lambda c: figures[c]), figures


def train(data: Data) -> dict[str, Any]:
    """The model of the config :func:`choose` picks on these topics, fitted on all of them."""
    (name, l2), _ = choose(data)
    return {**fit([g for gs in data.values() for g in gs], FEATURE_SETS[name], l2), "set": name}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    topics = load_topics(args.data)
    data = {t.name: groups([t]) for t in topics}
    (name, l2), figures = choose(data)
    for (n, p), f in figures.items():
        print(f"  {n:16} l2={p:<6g} leave-one-topic-out top-day F1 {f:.3f}")
    model = fit([g for gs in data.values() for g in gs], FEATURE_SETS[name], l2)
    model = {"_about": ABOUT, "topics": [t.name for t in topics], "set": name, **model}
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    top = sorted(zip(model["weights"], model["features"], strict=True), key=lambda wf: -abs(wf[0]))
    print(f"trained on {len(topics)} topics ({name}, l2={l2:g}) -> {args.out}")
    for weight, feature in top[:10]:
        print(f"  {feature:24} {weight:+.3f}")


if __name__ == "__main__":
    main()
