"""Timeline summarisation on Timeline17 (SyrianCrisis_bbc): date F1 and alignment ROUGE.

Runs :func:`dyad.stories.summarise.datewise` on the topic's articles and compares the result
with each gold timeline, news-tls style (Gholipour Ghalandari & Ifrim 2020): the collection is
cut to the gold timeline's first..last date (articles published and dates referred to), the
system produces as many dates as the gold timeline has, with round(mean gold sentences per
date) sentences each. For speed the articles are not run through dyad's pipeline: sentences
are the corpus's own lines, dates come from dyad's time-expression finder
(``find_timexes(text, published)``, no spaCy parse) keeping full-day values only.

Metrics (implemented here, no external scorer):
- date F1: set precision/recall of the system's dates against the gold dates.
- AR-N ("align, many-to-one, date-weighted, concat"; after Martschat & Markert 2018 and
  tilse's ``align_date_content_costs_many_to_one``): each date's content is its sentences
  concatenated; tokens are lowercase ``[a-z0-9]+`` words, no stemming, no stop-word removal.
  Every system date s is aligned to the gold date r maximising w(s, r) * F1_N(s, r), with
  w = 1 / (|s - r| in days + 1) (nearest gold date when no n-gram overlaps). With m(s, r) the
  clipped n-gram overlap count: P = sum_s w * m(s, r_s) / sum_s |ngrams(s)|;
  R = sum_r min(|ngrams(r)|, sum_{s -> r} w * m(s, r)) / sum_r |ngrams(r)|; AR-N = F1(P, R).

Usage: python benchmarks/timeline_t17.py [--data ../shared/data/t17/SyrianCrisis_bbc]
Targets: date F1 >= 0.55, AR-1 >= 0.12 (news-tls DATEWISE on T17: 0.544 / 0.120 / 0.035).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from datetime import date
from pathlib import Path

from dyad.stories.summarise import Sentence, datewise
from dyad.time import find_timexes

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "t17" / "SyrianCrisis_bbc"
_DAY = re.compile(r"\d{4}-\d\d-\d\d$")
_TOKEN = re.compile(r"[a-z0-9]+")


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
        for part, found in zip(lines, dates, strict=True):
            if len(part.split()) >= 5:
                sentences.append(Sentence(" ".join(part.split()), published, found))
    return sentences


def ngrams(text: str, n: int) -> Counter[tuple[str, ...]]:
    toks = _TOKEN.findall(text.lower())
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def align_rouge(system: dict[date, str], gold: dict[date, str], n: int) -> float:
    sys_ng = {d: ngrams(t, n) for d, t in system.items()}
    gold_ng = {d: ngrams(t, n) for d, t in gold.items()}
    matched_p, per_gold = 0.0, Counter[date]()
    for s, grams in sys_ng.items():

        def gain(
            r: date, grams: Counter[tuple[str, ...]] = grams, s: date = s
        ) -> tuple[float, int]:
            m = sum((grams & gold_ng[r]).values())
            w = 1.0 / (abs((s - r).days) + 1)
            p = m / max(sum(grams.values()), 1)
            rr = m / max(sum(gold_ng[r].values()), 1)
            return w * _f1(p, rr), -abs((s - r).days)

        r = max(gold_ng, key=gain)
        w = 1.0 / (abs((s - r).days) + 1)
        m = sum((grams & gold_ng[r]).values())
        matched_p += w * m
        per_gold[r] += w * m
    sys_total = sum(sum(g.values()) for g in sys_ng.values()) or 1
    gold_total = sum(sum(g.values()) for g in gold_ng.values()) or 1
    recall = sum(min(sum(gold_ng[r].values()), v) for r, v in per_gold.items()) / gold_total
    return _f1(matched_p / sys_total, recall)


def evaluate(sentences: list[Sentence], timeline: list[list[object]]) -> dict[str, float]:
    gold = {date.fromisoformat(str(d)[:10]): " ".join(map(str, s)) for d, s in timeline}  # type: ignore[call-overload]
    start, end = min(gold), max(gold)
    per_date = max(1, round(sum(len(s) for _, s in timeline) / len(timeline)))  # type: ignore[arg-type]
    pool = [s for s in sentences if s.published and start <= s.published <= end]
    predicted = datewise(pool, k=len(gold), per_date=per_date, start=start, end=end)
    system = {d: " ".join(texts) for d, texts in predicted}
    hits = len(set(system) & set(gold))
    p, r = hits / max(len(system), 1), hits / len(gold)
    return {
        "date_f1": _f1(p, r),
        "ar1": align_rouge(system, gold, 1),
        "ar2": align_rouge(system, gold, 2),
        "dates": len(gold),
        "per_date": per_date,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    args = parser.parse_args()
    t0 = time.perf_counter()
    sentences = load_sentences(args.data)
    t1 = time.perf_counter()
    timelines = [json.loads(x) for x in (args.data / "timelines.jsonl").read_text().splitlines()]
    results = [evaluate(sentences, tl) for tl in timelines]
    t2 = time.perf_counter()
    for i, res in enumerate(results):
        scores = f"date F1 {res['date_f1']:.3f}  AR-1 {res['ar1']:.3f}  AR-2 {res['ar2']:.3f}"
        print(f"timeline {i}: {res['dates']} dates, {res['per_date']} sentence(s)/date: {scores}")
    mean = {k: sum(r[k] for r in results) / len(results) for k in ("date_f1", "ar1", "ar2")}
    print(f"mean over {len(results)} timeline(s) of {args.data.name}: date F1 {mean['date_f1']:.3f}"
          f"  AR-1 {mean['ar1']:.3f}  AR-2 {mean['ar2']:.3f}")  # fmt: skip
    print(
        f"{len(sentences)} sentences; time expressions {t1 - t0:.1f}s, summarising {t2 - t1:.1f}s"
    )


if __name__ == "__main__":
    main()
