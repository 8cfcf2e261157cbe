"""Timeline summarisation on Timeline17 (15 topics): date F1 and alignment ROUGE per topic.

Runs :func:`dyad.stories.summarise.datewise` on each topic's articles with several date
rankers and compares each result with every gold timeline of the topic under the standard
T17 protocol of news-tls (Gholipour Ghalandari & Ifrim 2020, ``experiments/evaluate.py``):
the input is cut to the articles published between the gold timeline's first and last date
(and only dates in that span are eligible), and the system is told **the number of dates**
(= the gold timeline's) and **the number of sentences per date** (= round(mean gold sentences
per date)). A topic with several gold timelines is scored against each and averaged; the
figures are means over the 15 topics. The query is the topic's ``keywords.json`` (one that
matches under 1% of the sentences, ``bpoil`` or ``MJ``, is ignored). Sentences, their days,
events and quotes come from dyad's own pipeline run over the articles (one store per topic,
``t17_pipeline.py``, made on first use and cached; see ``t17_data.py``).

Date rankers, all in the same run:

- frequency baseline: a day's score is the number of sentences naming it, plus 0.01 per
  sentence published on it (news-tls's MentionCount ranker with PubCount as tie-breaker).
- dyad's unsupervised ranker (:func:`dyad.stories.summarise.rank_dates`).
- the learned ranker (:mod:`dyad.stories.dateranker`), trained leave-one-topic-out (on the 14
  other topics), and leave-one-story-out (without any outlet of the same story: bpoil has 5
  outlets, H1N1 3, LibyaWar and SyrianCrisis 2), the honest figure for an unseen story. Its
  feature set and penalty are chosen by an inner leave-one-topic-out over the training topics
  only (nested; ``train_date_ranker.choose``), never on the scored topic.

All rankers share the sentence selection (:func:`~dyad.stories.summarise.datewise`: central
sentences, near-duplicates of the day's and of earlier-ranked days' picks skipped), so the
comparison is about dates.
- gold dates (oracle): the summariser is given the gold dates and only picks sentences.

Metrics (implemented here, no external scorer):

- date F1: set precision/recall of the system's dates against the gold dates.
- AR-N: tilse's ``evaluate_align_date_content_costs_many_to_one`` (Martschat & Markert 2017,
  "align+ m:1"), the metric news-tls reports. Cost of aligning system date s with gold date
  r: ``(1 - 1/(|s-r|+1)) * (1 - R1approx(s, r))``, R1approx being tilse's unigram F1 (over
  the tokens below: the system's sentences are running text, the gold's Treebank tokens).
  Precision: every system date goes to its cheapest gold date (first on a tie); recall:
  every gold date to its cheapest system date. P = Σ_s w·h(s, r_s) / Σ_s |s|,
  R = Σ_r w·h(s_r, r) / Σ_r |r| with w = 1/(|s-r|+1), h the clipped n-gram overlap and |x| the
  n-gram count (n-grams within sentences); AR-N = F1(P, R).

Deviation from tilse: it scores with ROUGE-1.5.5 with Porter stemming and stop-word removal;
here tokens are lowercase ``[a-z0-9]+`` words, unstemmed, stop words kept (no stemmer or SMART
list ships with dyad), so the absolute numbers are comparable only roughly.

A topic not among the 15 (a folder of the same format in ``--data``) is scored leave-one-out
like the others; ``--shipped`` adds a row for the shipped model as it is (trained on the 15).

Wins over the frequency baseline are counted per topic and metric (ahead / tied / behind);
a topic where the baseline's date F1 equals the oracle's is at a ceiling nobody can pass, and
one whose timelines can show no more days than the gold has leaves no choice of dates (every
ranker shows them all and ties).

Usage: python benchmarks/timeline_t17.py [--data DIR] [--json FILE] [--shipped] [--topics T ...]
       [--remembered-days N]
Targets: date F1 >= 0.55, AR-1 >= 0.12 averaged over the 15 topics, leave-one-topic-out, and
ahead of the frequency baseline on >= 12 of 15 topics (news-tls DATEWISE: 0.544 / 0.120).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from dyad.stories import dateranker
from dyad.stories.dateranker import DateRanker
from dyad.stories.summarise import (
    Sentence,
    candidates,
    datewise,
    effective_keywords,
    idf_table,
    summarise_date,
)
from t17_data import DATA, Timeline, Topic, load_topics, pool
from train_date_ranker import admissible, groups, train

_TOKEN = re.compile(r"[a-z0-9]+")
METRICS = ("date_f1", "ar1", "ar2")
Ranked = list[tuple[date, float]]
Ranker = Callable[[list[Sentence], Topic, date, date], "Ranked | None"]


def ngrams(sentences: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    grams: Counter[tuple[str, ...]] = Counter()
    for sentence in sentences:
        toks = _TOKEN.findall(sentence.lower())
        grams.update(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return grams


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def rouge_approximation(system: Sequence[str], gold: Sequence[str]) -> float:
    """tilse's ``compute_rouge_approximation``: unigram F1, over the tokens of :func:`ngrams`
    (the system's sentences are running text, the gold's Penn-Treebank tokens)."""
    sys_counts = ngrams(system, 1)
    gold_counts = ngrams(gold, 1)
    match = sum((sys_counts & gold_counts).values())
    p = match / sum(sys_counts.values()) if sys_counts else 0.0
    r = match / sum(gold_counts.values()) if gold_counts else 0.0
    return _f1(p, r)


def _weight(a: date, b: date) -> float:
    return 1.0 / (abs((a - b).days) + 1)


def align_rouge(system: Timeline, gold: Timeline, n: int) -> dict[str, float]:
    """AR-N, tilse's "align+ m:1" (``align_date_content_costs_many_to_one``)."""
    sys_dates, gold_dates = sorted(system), sorted(gold)
    if not sys_dates:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    approx = {
        (s, r): rouge_approximation(system[s], gold[r]) for s in sys_dates for r in gold_dates
    }

    def cost(s: date, r: date) -> float:
        return (1 - _weight(s, r)) * (1 - approx[s, r])

    sys_ng = {d: ngrams(system[d], n) for d in sys_dates}
    gold_ng = {d: ngrams(gold[d], n) for d in gold_dates}

    def hits(s: date, r: date) -> float:
        return _weight(s, r) * sum((sys_ng[s] & gold_ng[r]).values())

    def cheapest_gold(s: date) -> date:  # first on a tie, as tilse
        return min(gold_dates, key=lambda r: cost(s, r))

    def cheapest_system(r: date) -> date:
        return min(sys_dates, key=lambda s: cost(s, r))

    p_num = sum(hits(s, cheapest_gold(s)) for s in sys_dates)
    r_num = sum(hits(cheapest_system(r), r) for r in gold_dates)
    p = p_num / (sum(sum(g.values()) for g in sys_ng.values()) or 1)
    r = r_num / (sum(sum(g.values()) for g in gold_ng.values()) or 1)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def concat_rouge(system: Timeline, gold: Timeline, n: int) -> float:
    sys_ng = ngrams([s for d in sorted(system) for s in system[d]], n)
    gold_ng = ngrams([s for d in sorted(gold) for s in gold[d]], n)
    m = sum((sys_ng & gold_ng).values())
    return _f1(m / (sum(sys_ng.values()) or 1), m / (sum(gold_ng.values()) or 1))


def frequency(sentences: Sequence[Sentence], start: date, end: date) -> Ranked:
    """news-tls MentionCount: sentences naming the day, + 0.01 per sentence published on it."""
    score: defaultdict[date, float] = defaultdict(float)
    for s in sentences:
        for d in set(s.dates):
            score[d] += 1.0
        if s.published is not None:
            score[s.published] += 0.01
    return sorted(
        ((d, v) for d, v in score.items() if start <= d <= end), key=lambda dv: (-dv[1], dv[0])
    )


def evaluate(topic: Topic, gold: Timeline, ranker: Ranker | None) -> dict[str, Any]:
    """One system timeline against one gold timeline (``ranker`` None: gold dates given)."""
    start, end = min(gold), max(gold)
    per_date = max(1, round(sum(len(s) for s in gold.values()) / len(gold)))
    sentences = pool(topic, gold)
    if ranker is None:
        by_date, idf = candidates(sentences), idf_table([s.text for s in sentences])
        query = effective_keywords(sentences, topic.keywords)
        picked = {d: summarise_date(by_date.get(d, []), idf, per_date, query)
                  for d in gold}  # fmt: skip
        predicted = [(d, texts) for d, texts in picked.items() if texts]
    else:
        ranked = ranker(sentences, topic, start, end)
        predicted = datewise(sentences, k=len(gold), per_date=per_date, start=start, end=end,
                             keywords=topic.keywords, ranked=ranked)  # fmt: skip
    system: Timeline = dict(predicted)
    hits = len(set(system) & set(gold))
    p, r = hits / max(len(system), 1), hits / len(gold)
    return {
        "date_f1": _f1(p, r),
        "ar1": align_rouge(system, gold, 1)["f1"],
        "ar2": align_rouge(system, gold, 2)["f1"],
        "dates": len(gold),
        "per_date": per_date,
        "predicted_dates": [d.isoformat() for d in sorted(system)],
    }


def learned(models: dict[str, DateRanker], key: Callable[[Topic], str]) -> Ranker:
    def rank(sentences: list[Sentence], topic: Topic, start: date, end: date) -> Ranked:
        return models[key(topic)].rank(sentences, topic.keywords, start, end)

    return rank


BASELINE = "frequency baseline (MentionCount)"
LOTO = "learned, leave-one-topic-out"
LOSO = "learned, leave-one-story-out"
ORACLE = "gold dates (oracle): sentence selection only"
CHOSEN: dict[str, str] = {}  # held-out topic -> the config chosen without it
SHIPPED = "shipped model (trained on the 15 T17 topics: fair only on other topics)"


def systems(topics: list[Topic], shipped: bool = False) -> dict[str, Ranker | None]:
    """The date rankers compared, with the held-out models trained here: each one's feature
    set and penalty chosen without the held-out topic(s) (:func:`train_date_ranker.train`)."""
    data = {t.name: groups([t]) for t in topics}

    def without(held_out: Callable[[Topic], bool]) -> DateRanker:
        return DateRanker(train({o.name: data[o.name] for o in topics if not held_out(o)}))

    loto = {t.name: without(lambda o, t=t: o.name == t.name) for t in topics}  # type: ignore[misc]
    loso = {s: without(lambda o, s=s: o.story == s) for s in {t.story for t in topics}}  # type: ignore[misc]
    for name, model in sorted(loto.items()):
        CHOSEN[name] = f"{model.model['set']}, l2={model.model['l2']:g}"
    compared: dict[str, Ranker | None] = {
        BASELINE: lambda s, t, a, b: frequency(s, a, b),
        "dyad unsupervised (rank_dates)": lambda s, t, a, b: None,
        LOTO: learned(loto, lambda t: t.name),
        LOSO: learned(loso, lambda t: t.story),
        ORACLE: None,
    }
    if shipped:
        compared[SHIPPED] = learned({"": DateRanker.load()}, lambda t: "")
    return compared


def run(topics: list[Topic], shipped: bool = False) -> dict[str, Any]:
    t0 = time.perf_counter()
    compared = systems(topics, shipped)
    figures: dict[str, Any] = {"training_seconds": round(time.perf_counter() - t0, 1)}
    per_topic: dict[str, dict[str, Any]] = {}
    for name, ranker in compared.items():
        t1 = time.perf_counter()
        rows = {}
        for topic in topics:
            results = [evaluate(topic, gold, ranker) for gold in topic.timelines]
            mean = {k: sum(r[k] for r in results) / len(results) for k in METRICS}
            rows[topic.name] = {**{k: round(v, 4) for k, v in mean.items()}, "timelines": results}
        per_topic[name] = rows
        mean = {k: sum(r[k] for r in rows.values()) / len(rows) for k in METRICS}
        print(f"{name} ({time.perf_counter() - t1:.0f}s): date F1 {mean['date_f1']:.3f}  "
              f"AR-1 {mean['ar1']:.3f}  AR-2 {mean['ar2']:.3f}", flush=True)  # fmt: skip
        figures.setdefault("mean", {})[name] = {k: round(v, 4) for k, v in mean.items()}
    figures["topics"] = per_topic
    figures["wins_over_frequency"] = _wins(per_topic, topics)
    figures["wins_over_frequency"]["no choice of dates (admissible days <= gold days)"] = [
        t.name for t in topics if all(_no_choice(t, gold) for gold in t.timelines)
    ]
    figures["chosen_without_the_topic"] = dict(CHOSEN)
    return figures


def _no_choice(topic: Topic, gold: Timeline) -> bool:
    """Whether the days a timeline can show (:func:`train_date_ranker.admissible`, within the
    gold span) are no more than the gold's: every ranker then shows them all, and ties."""
    start, end = min(gold), max(gold)
    shown = admissible(pool(topic, gold), topic.keywords)
    return sum(start <= d <= end for d in shown) <= len(gold)


def _wins(per_topic: dict[str, dict[str, Any]], topics: list[Topic]) -> dict[str, Any]:
    """Per metric, on how many topics each learned ranker is ahead of / tied with / behind
    the frequency baseline (rounded to 4 places), and where the baseline is at the ceiling
    (its date F1 is the oracle's, given the gold dates: no ranker can be ahead there)."""
    base = per_topic[BASELINE]
    wins: dict[str, Any] = {}
    for name in (LOTO, LOSO):
        for k in METRICS:
            mine = [per_topic[name][t.name][k] for t in topics]
            theirs = [base[t.name][k] for t in topics]
            wins[f"{name}: {k}"] = {
                "ahead": sum(a > b for a, b in zip(mine, theirs, strict=True)),
                "tied": sum(a == b for a, b in zip(mine, theirs, strict=True)),
                "behind": sum(a < b for a, b in zip(mine, theirs, strict=True)),
                "of": len(topics),
            }
    oracle = per_topic[ORACLE]
    wins["baseline at the date F1 ceiling"] = [
        t.name for t in topics if base[t.name]["date_f1"] >= oracle[t.name]["date_f1"]
    ]
    return wins


def print_table(figures: dict[str, Any], topics: list[Topic]) -> None:
    names = list(figures["topics"])
    short = ["freq", "dyad", "LOTO", "LOSO", "oracle", "shipped"][: len(names)]
    print(f"{'topic':22} " + " ".join(f"{s:>17}" for s in short) + "   (date F1 / AR-1)")
    for t in topics:
        cells = [figures["topics"][n][t.name] for n in names]
        print(f"{t.name:22} " + " ".join(f"{c['date_f1']:8.3f}/{c['ar1']:.3f}" for c in cells))
    for key, w in figures["wins_over_frequency"].items():
        if isinstance(w, dict):
            print(f"{key}: ahead on {w['ahead']}, tied on {w['tied']}, behind on {w['behind']}"
                  f" of {w['of']} topics")  # fmt: skip
        else:
            print(f"{key}: {', '.join(w) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--topics", nargs="*", default=(), help="only these topics")
    parser.add_argument(
        "--shipped", action="store_true", help="also score the shipped model (on new topics)"
    )
    parser.add_argument(
        "--remembered-days",
        type=int,
        nargs="+",
        metavar="N",
        help=f"sensitivity check: count a day remembered N days on (default "
        f"{dateranker.REMEMBERED_DAYS}); several N: one run each, means and wins only",
    )
    args = parser.parse_args()
    if any(n < 1 for n in args.remembered_days or ()):
        parser.error("--remembered-days: each N must be 1 or more (days after the day)")
    t0 = time.perf_counter()
    topics = load_topics(args.data, args.topics)
    print(f"{len(topics)} topics, {sum(len(t.sentences) for t in topics)} sentences "
          f"({time.perf_counter() - t0:.0f}s to load)", flush=True)  # fmt: skip
    sweep = args.remembered_days or [dateranker.REMEMBERED_DAYS]
    by_days = {}
    for n in sweep:
        dateranker.REMEMBERED_DAYS = n
        figures = run(topics, args.shipped)
        print_table(figures, topics)
        figures["remembered_days"] = n
        by_days[n] = {k: figures[k] for k in ("mean", "wins_over_frequency")}
    if len(sweep) > 1:
        figures = {"by_remembered_days": by_days}
    figures["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
