"""Ingestion throughput, one process: readers, cleaning and the store, stage by stage.

Runs on the BBC corpus (2,225 plain-text articles) and on the extraction benchmark's 181
HTML pages from ``../shared/data``, and reports articles per second for each stage and for
the whole ingest path (read → clean → store), measured side by side in one run.

    .venv/bin/python benchmarks/ingest_throughput.py [--data ../shared/data] [--out FILE]

Targets (issue 2): ≥ 200 articles/s for text and ≥ 50 articles/s for HTML on one core.
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
CORPORA = {"bbc (text)": "bbc", "extraction-bench (html)": "extraction-bench/html"}
NO_ANALYSIS = Options(entities=False, quotes=False, timexes=False, events=False)


def measure(folder: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    docs = [d for d in read_paths([str(folder)]) if isinstance(d, RawDocument)]
    t_read = time.perf_counter() - t0

    pipeline = Pipeline(NO_ANALYSIS)
    t0 = time.perf_counter()
    articles = [a for a in pipeline.run(docs) if not isinstance(a, ReadError)]
    t_clean = time.perf_counter() - t0

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
    results = {name: measure(args.data / sub) for name, sub in CORPORA.items()}
    print(f"{'corpus':26} {'docs':>6} {'read/s':>9} {'clean/s':>9} {'store/s':>9} {'ingest/s':>9}")
    for name, r in results.items():
        print(
            f"{name:26} {r['documents']:>6} {r['read_per_s']:>9} {r['clean_per_s']:>9} "
            f"{r['store_per_s']:>9} {r['ingest_per_s']:>9}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
