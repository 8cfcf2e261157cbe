"""Timeline summarisation on Timeline17 (SyrianCrisis_bbc): date F1 and alignment ROUGE.

Runs :func:`dyad.stories.summarise.datewise` on the topic's articles and compares the result
with each gold timeline under the standard T17 protocol of news-tls (Gholipour Ghalandari &
Ifrim 2020, ``experiments/evaluate.py``): the input is cut to the articles published between
the gold timeline's first and last date (and only dates in that span are eligible), and the
system is told **the number of dates** (= the gold timeline's) and **the number of sentences
per date** (= round(mean gold sentences per date)). Nothing else comes from the gold. The
query is the topic's ``keywords.json``. For speed the articles are not run through dyad's
pipeline: sentences are the corpus's own lines (≥ 5 tokens), dates come from dyad's
time-expression finder (``find_timexes(text, published)``, no spaCy parse) keeping day values.

Metrics (implemented here, no external scorer):

- date F1: set precision/recall of the system's dates against the gold dates.
- AR-N: tilse's ``evaluate_align_date_content_costs_many_to_one`` (Martschat & Markert 2017,
  "align+ m:1"), the metric news-tls reports. Cost of aligning system date s with gold date
  r: ``(1 - 1/(|s-r|+1)) * (1 - R1approx(s, r))``, R1approx being tilse's unigram F1 over
  whitespace tokens. Precision: every system date goes to its cheapest gold date (first on a
  tie); recall: every gold date to its cheapest system date. P = Σ_s w·h(s, r_s) / Σ_s |s|,
  R = Σ_r w·h(s_r, r) / Σ_r |r| with w = 1/(|s-r|+1), h the clipped n-gram overlap and |x| the
  n-gram count (n-grams within sentences); AR-N = F1(P, R).
- concat ROUGE-N: all system sentences against all gold sentences, dates ignored.

Deviation from tilse: it scores with ROUGE-1.5.5 with Porter stemming and stop-word removal;
here tokens are lowercase ``[a-z0-9]+`` words, unstemmed, stop words kept (no stemmer or SMART
list ships with dyad), so the absolute numbers are comparable only roughly.

Two diagnostic rows separate the two halves of the task:

- "HeidelTime dates": the same summariser, but each sentence's dates are the ones news-tls's
  own preprocessing found (``articles.preprocessed.jsonl.gz``, HeidelTime; like news-tls's
  ``Sentence.get_time``, the first day-level expression of a sentence). It shows how much of
  the date score is owed to dyad's time-expression finder rather than to the ranking.
- "gold dates (oracle)": the system is given the gold dates and only picks the sentences, so
  its AR-N measures sentence selection alone (date F1 is 1 by construction).

Usage: python benchmarks/timeline_t17.py [--data DIR] [--json FILE]
Targets: date F1 >= 0.55, AR-1 >= 0.12 (news-tls DATEWISE on T17: 0.544 / 0.120 / 0.035).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from dyad.stories.summarise import Sentence, candidates, datewise, idf_table, summarise_date
from dyad.time import find_timexes

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "t17" / "SyrianCrisis_bbc"
_DAY = re.compile(r"\d{4}-\d\d-\d\d$")
_TOKEN = re.compile(r"[a-z0-9]+")
Timeline = dict[date, list[str]]
VARIANTS: dict[str, dict[str, Any]] = {  # name -> datewise() options
    "query filters summary sentences (news-tls)": {},
    "query also filters the date-ranking sentences": {"rank_keywords": True},
    "no query": {"query": []},
    "HeidelTime dates (news-tls preprocessing), query as news-tls": {"heideltime": True},
    "gold dates (oracle): sentence selection only, query as news-tls": {"oracle_dates": True},
}


def load_sentences(folder: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        published = date.fromisoformat(record["time"][:10])
        text: str = record["text"]
        starts, pos = [], 0
        lines = text.split("\n")
        for part in lines:
            starts.append(pos)
            pos += len(part) + 1
        dates: list[list[date]] = [[] for _ in lines]
        for timex in find_timexes(text, published):
            if timex.value and _DAY.match(timex.value):
                i = max(j for j, s in enumerate(starts) if s <= timex.span[0])
                try:
                    dates[i].append(date.fromisoformat(timex.value))
                except ValueError:
                    continue
        position = 0
        for part, found in zip(lines, dates, strict=True):
            if len(part.split()) >= 5:
                sentences.append(Sentence(" ".join(part.split()), published, found, position))
                position += 1
    return sentences


def load_heideltime_sentences(folder: Path) -> list[Sentence]:
    """Sentences of news-tls's preprocessed corpus, dated by its HeidelTime annotations."""
    sentences: list[Sentence] = []
    with gzip.open(folder / "articles.preprocessed.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            published = date.fromisoformat(record["time"][:10])
            position = 0
            for sent in record["sentences"]:
                raw = " ".join(sent["raw"].split())
                if len(raw.split()) < 5:
                    continue
                keys = sent["tokens"]["keys"]
                t, f = keys.index("time"), keys.index("time_format")
                first = next((row for row in sent["tokens"]["data"] if row[t]), None)
                dates = []
                if first is not None and "d" in (first[f] or ""):
                    dates = [date.fromisoformat(first[t][:10])]
                sentences.append(Sentence(raw, published, dates, position))
                position += 1
    return sentences


def ngrams(sentences: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    grams: Counter[tuple[str, ...]] = Counter()
    for sentence in sentences:
        toks = _TOKEN.findall(sentence.lower())
        grams.update(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return grams


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def rouge_approximation(system: Sequence[str], gold: Sequence[str]) -> float:
    """tilse's ``compute_rouge_approximation``: unigram F1 over whitespace tokens."""
    sys_counts = Counter(t for s in system for t in s.split())
    gold_counts = Counter(t for s in gold for t in s.split())
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

    p_num = sum(hits(s, min(gold_dates, key=lambda r, s=s: cost(s, r))) for s in sys_dates)
    r_num = sum(hits(min(sys_dates, key=lambda s, r=r: cost(s, r)), r) for r in gold_dates)
    p = p_num / (sum(sum(g.values()) for g in sys_ng.values()) or 1)
    r = r_num / (sum(sum(g.values()) for g in gold_ng.values()) or 1)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def concat_rouge(system: Timeline, gold: Timeline, n: int) -> float:
    sys_ng = ngrams([s for d in sorted(system) for s in system[d]], n)
    gold_ng = ngrams([s for d in sorted(gold) for s in gold[d]], n)
    m = sum((sys_ng & gold_ng).values())
    return _f1(m / (sum(sys_ng.values()) or 1), m / (sum(gold_ng.values()) or 1))


def evaluate(
    sentences: list[Sentence], timeline: list[Any], keywords: list[str], **options: Any
) -> dict[str, Any]:
    gold: Timeline = {date.fromisoformat(str(d)[:10]): [str(x) for x in s] for d, s in timeline}
    start, end = min(gold), max(gold)
    per_date = max(1, round(sum(len(s) for s in gold.values()) / len(gold)))
    pool = [s for s in sentences if s.published and start <= s.published <= end]
    options = {"keywords": keywords, **options}
    options["keywords"] = options.pop("query", options["keywords"])
    if options.pop("oracle_dates", False):
        by_date, idf = candidates(pool), idf_table([s.text for s in pool])
        picked = {d: summarise_date(by_date.get(d, []), idf, per_date, options["keywords"])
                  for d in gold}  # fmt: skip
        predicted = [(d, texts) for d, texts in picked.items() if texts]
    else:
        predicted = datewise(pool, k=len(gold), per_date=per_date, start=start, end=end, **options)
    system: Timeline = dict(predicted)
    hits = len(set(system) & set(gold))
    p, r = hits / max(len(system), 1), hits / len(gold)
    return {
        "date_f1": _f1(p, r),
        "ar1": align_rouge(system, gold, 1)["f1"],
        "ar2": align_rouge(system, gold, 2)["f1"],
        "concat_r1": concat_rouge(system, gold, 1),
        "concat_r2": concat_rouge(system, gold, 2),
        "dates": len(gold),
        "per_date": per_date,
        "predicted_dates": [d.isoformat() for d in sorted(system)],
        "gold_dates": [d.isoformat() for d in sorted(gold)],
    }


METRICS = ("date_f1", "ar1", "ar2", "concat_r1", "concat_r2")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    t0 = time.perf_counter()
    sentences = load_sentences(args.data)
    t1 = time.perf_counter()
    keywords = json.loads((args.data / "keywords.json").read_text())
    timelines = [json.loads(x) for x in (args.data / "timelines.jsonl").read_text().splitlines()]
    figures: dict[str, Any] = {"data": args.data.name, "keywords": keywords, "variants": {}}
    heideltime: list[Sentence] | None = None
    for name, variant in VARIANTS.items():
        options = dict(variant)
        pool = sentences
        if options.pop("heideltime", False):
            if heideltime is None:
                heideltime = load_heideltime_sentences(args.data)
            pool = heideltime
        t2 = time.perf_counter()
        results = [evaluate(pool, tl, keywords, **options) for tl in timelines]
        seconds = time.perf_counter() - t2
        mean = {k: sum(r[k] for r in results) / len(results) for k in METRICS}
        print(f"{name} ({seconds:.1f}s):")
        for i, res in enumerate(results):
            print(f"  timeline {i}: {res['dates']} dates, {res['per_date']} sentence(s)/date, "
                  f"predicted {', '.join(res['predicted_dates'])}")  # fmt: skip
        print(f"  mean over {len(results)} timeline(s): date F1 {mean['date_f1']:.3f}  "
              f"AR-1 {mean['ar1']:.3f}  AR-2 {mean['ar2']:.3f}  "
              f"concat R-1 {mean['concat_r1']:.3f}  R-2 {mean['concat_r2']:.3f}")  # fmt: skip
        figures["variants"][name] = {
            "mean": {k: round(v, 4) for k, v in mean.items()},
            "summarising_seconds": round(seconds, 2),
            "timelines": results,
        }
    figures["sentences"] = len(sentences)
    figures["time_expressions_seconds"] = round(t1 - t0, 2)
    print(f"{len(sentences)} sentences; time expressions {t1 - t0:.1f}s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
