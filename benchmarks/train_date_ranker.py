"""Train dyad's date ranker on Timeline17 and write ``src/dyad/data/stories/date_ranker.json``.

One group per gold timeline: its candidate days (the standard protocol: articles published
within the gold's first..last date, days within it) with features from
:func:`dyad.stories.dateranker.date_features`, the gold days marked. The model is a
conditional logit (a softmax over the candidate days of one timeline; McFadden 1974): it
learns what sets a timeline's days apart from the other days *of the same collection*, so
the size of a topic cancels out. Each gold day of a group weighs 1/(its group's gold days),
and a topic with several gold timelines (SyrianCrisis_reuters has 3) gives each a share of
its weight, so every topic counts the same. L2-regularised, fitted by Newton's method on
standardised features (numpy; deterministic, no random start). Only the features in
:data:`USED` enter (chosen on the leave-one-topic-out figure among a few sets; see
docs/stories.md). :func:`train` is what ``timeline_t17.py`` uses for its leave-one-topic-out
and leave-one-story-out models.

Usage: python benchmarks/train_date_ranker.py [--data DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dyad.stories.dateranker import FEATURES, date_features
from t17_data import DATA, Topic, load_topics, pool

OUT = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "stories" / "date_ranker.json"
L2 = 10.0  # ridge penalty on the standardised weights
USED = (
    "ref_log", "ref_later_log", "ref_articles_log", "ref_pub_days_log", "pub_articles_log",
    "burst", "last_delay", "ref_near1_log", "ref_ahead_log",
)  # fmt: skip
Group = tuple[Any, Any, float]  # features of a timeline's candidate days, gold marks, weight
ABOUT = (
    "dyad's date ranker: conditional logit (softmax over a collection's candidate days) "
    "over features of dyad.stories.dateranker.date_features. Trained by benchmarks/"
    "train_date_ranker.py on the 15 Timeline17 topics of Tran et al. 2013 (research use) as "
    "distributed with news-tls (Gholipour Ghalandari & Ifrim 2020); the weights are dyad's "
    "own (same licence as dyad)."
)


def groups(topics: Sequence[Topic]) -> list[Group]:
    """One group per gold timeline of every topic: (features, gold marks, weight)."""
    cols = [FEATURES.index(f) for f in USED]
    out: list[Group] = []
    for topic in topics:
        for gold in topic.timelines:
            days, rows = date_features(pool(topic, gold), topic.keywords, min(gold), max(gold))
            x = np.array(rows)[:, cols]
            out.append((x, np.array([float(d in gold) for d in days]), 1 / len(topic.timelines)))
    return out


def fit(data: Sequence[Group], l2: float = L2, steps: int = 50) -> dict[str, Any]:
    """A conditional logit as the JSON :class:`~dyad.stories.dateranker.DateRanker` reads."""
    x = np.vstack([g[0] for g in data])
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    z = [((g[0] - means) / scales, g[1], g[2] / g[1].sum()) for g in data if g[1].sum()]
    beta = np.zeros(x.shape[1])
    for _ in range(steps):
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
        "features": list(USED),
        "means": [round(float(v), 6) for v in means],
        "scales": [round(float(v), 6) for v in scales],
        "weights": [round(float(v), 6) for v in beta],
        "l2": l2,
    }


def train(topics: Sequence[Topic], l2: float = L2) -> dict[str, Any]:
    return fit(groups(topics), l2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    topics = load_topics(args.data)
    model = {"_about": ABOUT, "topics": [t.name for t in topics], **train(topics)}
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    top = sorted(zip(model["weights"], USED, strict=True), key=lambda wf: -abs(wf[0]))[:8]
    print(f"trained on {len(topics)} topics -> {args.out}")
    for weight, name in top:
        print(f"  {name:24} {weight:+.3f}")


if __name__ == "__main__":
    main()
