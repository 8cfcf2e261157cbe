"""Ingestion throughput, one process: readers, cleaning and the store, stage by stage.

Runs on the BBC corpus (2,225 plain-text articles) and on the extraction benchmark's 181
HTML pages from ``../shared/data``, and reports articles per second for each stage and for
the whole ingest path (read → clean → store), measured side by side in one run.

    .venv/bin/python benchmarks/ingest_throughput.py [--data ../shared/data] [--out FILE]

One-off start-up costs are paid on five documents before timing. Targets (issue 2):
≥ 200 articles/s for text and ≥ 50 articles/s for HTML on one core.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from dyad.model import RawDocument, ReadError
from dyad.pipeline import Options, Pipeline
from dyad.readers import read_paths
from dyad.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "bbc (text)": ["bbc/business", "bbc/entertainment", "bbc/politics", "bbc/sport", "bbc/tech"],
    "extraction-bench (html)": ["extraction-bench/html"],
}
NO_ANALYSIS = Options(entities=False, quotes=False, timexes=False, events=False)


def measure(folders: list[Path]) -> dict[str, Any]:
    t0 = time.perf_counter()
    docs = [d for d in read_paths([str(f) for f in folders]) if isinstance(d, RawDocument)]
    t_read = time.perf_counter() - t0

    pipeline = Pipeline(NO_ANALYSIS)
    # One-off costs (regex compilation, dateparser's locale tables inside htmldate) are paid
    # once per process; warm up on a few documents so the rate is the steady one.
    list(pipeline.run(docs[:5]))
    t0, c0 = time.perf_counter(), time.process_time()
    articles = [a for a in pipeline.run(docs) if not isinstance(a, ReadError)]
    t_clean, c_clean = time.perf_counter() - t0, time.process_time() - c0

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        with Store(Path(tmp) / "bench.duckdb") as store:
            for i in range(0, len(articles), 200):
                store.add(articles[i : i + 200])
        t_store = time.perf_counter() - t0

    n = len(docs)
    total = t_read + t_clean + t_store
    return {
        "documents": n,
        "articles": len(articles),
        "read_per_s": round(n / t_read, 1),
        "clean_per_s": round(n / t_clean, 1),
        "clean_per_cpu_s": round(n / c_clean, 1),
        "store_per_s": round(len(articles) / t_store, 1),
        "ingest_per_s": round(n / total, 1),
        "seconds": {
            "read": round(t_read, 3),
            "clean": round(t_clean, 3),
            "store": round(t_store, 3),
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "figures" / "throughput.json")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"data folder {args.data} not found (pass --data)", file=sys.stderr)
        return 2
    results = {name: measure([args.data / s for s in subs]) for name, subs in CORPORA.items()}
    head = ("corpus", "docs", "read/s", "clean/s", "clean/cpu-s", "store/s", "ingest/s")
    print(f"{head[0]:26}" + "".join(f"{h:>12}" for h in head[1:]))
    for name, r in results.items():
        keys = ("documents", "read_per_s", "clean_per_s", "clean_per_cpu_s", "store_per_s")
        print(f"{name:26}" + "".join(f"{r[k]:>12}" for k in (*keys, "ingest_per_s")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
