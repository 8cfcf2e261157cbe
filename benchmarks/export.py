"""Export speed and memory: each format on a store of the BBC corpus + samples, then on a
store ten times larger, where peak memory should stay within 1.2x.

The base store is ``dyad ingest`` of ``../shared/data/bbc/{business,...,tech}`` and
``samples/`` (the real pipeline: about 10 minutes on a shared 2-core machine), cached as
``benchmarks/out/export-base.duckdb`` and reused when present. The 10x store is synthetic:
the base store's rows copied ten times, every article, event and fused-event id rewritten per
copy (``sha256(id || copy)``), so the export queries see ten times the rows, articles and
fused events; it is cached as ``benchmarks/out/export-x10.duckdb``. A 20x store made the same
way shows whether memory has stopped growing (x20 over x10).

Each export runs in its own subprocess (``dyad.exports.export`` with its default DuckDB
memory limits), which reports its rows, the export's wall time and its own peak resident set size
(``VmHWM`` in ``/proc/self/status``: Python, the KB, DuckDB and its buffers; ``ru_maxrss``
would carry over the parent's peak across ``exec``). A subprocess
that only imports dyad and opens the store gives the fixed part. Runs: ``--repeat`` (default
2) per export; the fastest time and the largest peak are kept.

Usage: .venv/bin/python benchmarks/export.py [--repeat 2] [--json docs/figures/export.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
BBC = ROOT.parent / "shared" / "data" / "bbc"
BASE = OUT / "export-base.duckdb"
X10 = OUT / "export-x10.duckdb"
X20 = OUT / "export-x20.duckdb"
TOPICS = ("business", "entertainment", "politics", "sport", "tech")
EXPORTS = (  # (format, table, file name)
    ("csv", "events", "events.csv"),
    ("jsonl", "events", "events.jsonl"),
    ("parquet", "events", "events.parquet"),
    ("gdelt", "fused", "fused.gdelt.tsv"),
    ("plover", "events", "events.plover.jsonl"),
    ("csv", "fused", "fused.csv"),
    ("parquet", "articles", "articles.parquet"),
    ("jsonl", "articles", "articles.jsonl"),
    ("csv", "quotes", "quotes.csv"),
    ("parquet", "entities", "entities.parquet"),
)
TABLES = {  # table -> {column: kind of id it holds}, rewritten per copy
    "articles": {"id": "article"},
    "article_sources": {"article_id": "article", "source": "source"},
    "entities": {"article_id": "article"},
    "mentions": {"article_id": "article"},
    "quotes": {"article_id": "article"},
    "timexes": {"article_id": "article"},
    "events": {"article_id": "article", "fused_id": "fused"},
    "fused_events": {"id": "fused", "articles": "articles"},
    "pending_mentions": {"article_id": "article"},
}

CHILD = """
import json, sys, time
from dyad.exports import export
db, to, fmt, table = sys.argv[1:5]
start = time.perf_counter()
rows = export(db, to, fmt=fmt, table=table).rows if fmt != "none" else 0
if fmt == "none":
    from dyad.actors import default_kb
    from dyad.store import Store
    default_kb()
    with Store(db, read_only=True) as store:
        store.con.execute("SELECT count(*) FROM events").fetchall()
seconds = time.perf_counter() - start
# VmHWM: this process image's peak resident set (ru_maxrss would carry the parent's over exec)
status = open("/proc/self/status").read().split("VmHWM:")[1]
peak = int(status.split()[0])
print(json.dumps({"rows": rows, "seconds": seconds, "peak_kb": peak}))
"""


def build_base() -> None:
    if BASE.exists():
        return
    OUT.mkdir(parents=True, exist_ok=True)
    building = OUT / "export-base.building.duckdb"
    building.unlink(missing_ok=True)
    paths = [str(BBC / t) for t in TOPICS] + [str(ROOT / "samples")]
    print("ingesting BBC + samples (slow: the whole pipeline) ...", file=sys.stderr)
    dyad = [sys.executable, "-m", "dyad", "ingest", *paths, "--db", str(building)]
    subprocess.run(["nice", "-n", "10", *dyad], check=True)
    building.rename(BASE)


def _rewritten(column: str, kind: str, copy: int) -> str:
    if kind == "articles":
        return f"list_transform({column}, lambda x: sha256(x || '{copy}'))"
    if kind == "fused":
        return f"'fe-' || left(sha256({column} || '{copy}'), 16)"  # NULL stays NULL
    if kind == "source":
        return f"{column} || '#{copy}'"
    return f"sha256({column} || '{copy}')"


def build_copies(target: Path, copies: int) -> None:
    """``copies`` copies of the base store's rows with new ids (copy 0 keeps the originals)."""
    if target.exists():
        return
    import duckdb

    from dyad.store import Store

    building = target.with_suffix(".building.duckdb")
    building.unlink(missing_ok=True)
    Store(building).close()  # the schema, by the store's own migrations
    con = duckdb.connect(str(building))
    con.execute(f"ATTACH '{BASE}' AS base (READ_ONLY)")
    for copy in range(copies):
        con.execute("BEGIN TRANSACTION")
        for table, columns in TABLES.items():
            if copy == 0:
                con.execute(f"INSERT INTO {table} SELECT * FROM base.{table}")
                continue
            replace = ", ".join(f"{_rewritten(c, k, copy)} AS {c}" for c, k in columns.items())
            con.execute(f"INSERT INTO {table} SELECT * REPLACE ({replace}) FROM base.{table}")
        con.execute("COMMIT")
    con.close()
    building.rename(target)


def counts(db: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    tables = ("articles", "events", "fused_events", "quotes", "entities")
    found = {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}
    con.close()
    return found


def run_child(db: Path, to: Path, fmt: str, table: str) -> dict[str, Any]:
    command = ["nice", "-n", "10", sys.executable, "-c", CHILD, str(db), str(to), fmt, table]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(db: Path, repeat: int) -> dict[str, Any]:
    out: dict[str, Any] = {"store": counts(db), "store_mb": round(db.stat().st_size / 2**20, 1)}
    with tempfile.TemporaryDirectory(prefix="dyad-export-bench-") as folder:
        base = [run_child(db, Path(folder) / "none", "none", "none") for _ in range(repeat)]
        out["baseline_peak_mb"] = round(max(r["peak_kb"] for r in base) / 1024, 1)
        for fmt, table, name in EXPORTS:
            target = Path(folder) / name
            runs = [run_child(db, target, fmt, table) for _ in range(repeat)]
            seconds = min(r["seconds"] for r in runs)
            out[f"{fmt}:{table}"] = {
                "rows": runs[0]["rows"],
                "seconds": round(seconds, 3),
                "rows_per_s": round(runs[0]["rows"] / seconds),
                "peak_mb": round(max(r["peak_kb"] for r in runs) / 1024, 1),
                "file_mb": round(target.stat().st_size / 2**20, 2),
            }
            print(f"{db.name} {fmt}:{table} {out[f'{fmt}:{table}']}", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", type=Path, default=ROOT / "docs" / "figures" / "export.json")
    args = parser.parse_args()
    if not BBC.exists() and not BASE.exists():
        sys.exit(f"{BBC} not present (and no cached store in {OUT})")
    build_base()
    build_copies(X10, 10)
    build_copies(X20, 20)
    started = time.time()
    base, x10, x20 = (measure(db, args.repeat) for db in (BASE, X10, X20))
    keys = [k for k in base if isinstance(base[k], dict) and "peak_mb" in base[k]]
    ratios = {k: round(x10[k]["peak_mb"] / base[k]["peak_mb"], 2) for k in keys}
    plateau = {k: round(x20[k]["peak_mb"] / x10[k]["peak_mb"], 2) for k in keys}
    report = {
        "command": ".venv/bin/python benchmarks/export.py",
        "data": "BBC news (2,225 texts, 5 topics) + samples/ (5), ingested by dyad; x10 synthetic",
        "machine": f"{platform.machine()}, {platform.python_version()}, shared 2-core, nice 10",
        "seconds_total": round(time.time() - started, 1),
        "base": base,
        "x10": x10,
        "x20": x20,
        "peak_ratio_x10_over_base": ratios,
        "peak_ratio_x20_over_x10": plateau,
        "within_1_2": all(r <= 1.2 for r in ratios.values()),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"x10/base": ratios, "x20/x10": plateau}, indent=1))


if __name__ == "__main__":
    main()
