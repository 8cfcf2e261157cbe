"""Kill ``dyad ingest`` with SIGKILL at random points, rerun it, and count what was lost.

For each batch size (``--batch-sizes``, default 25, 1 and 1000: several commits a run, one
per article, one for the whole run) the same corpus (``--articles`` of the shortest BBC
texts from ``../shared/data/bbc``, else generated texts) is ingested into a fresh store by a
real ``dyad ingest`` that is killed ``--kills`` times, then run once more to completion.
Half the kills fall at a random moment within the length of a clean run, half a few
milliseconds into a batch write (in its transaction or the checkpoint after it, the moments a
crash can hurt); a batch as large as the corpus is written once, at the end of the run, so
there only every fifth kill waits for it. After every kill the store must open; at the end
its article ids and the row count of every per-article table must equal those of one clean
run. Fused-event tables are reported too (they may differ with the batch boundaries, which
a rerun shifts). Writes ``docs/figures/crash_safety.json``.

    .venv/bin/python benchmarks/crash_safety.py [--articles 200] [--kills 20] [--seed 14]
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from dyad.store.locking import writer_active
from reliability_common import (
    ARTICLE_TABLES,
    FIGURES,
    FUSED_TABLES,
    article_ids,
    corpus,
    dyad,
    machine,
    table_counts,
)

OUT = FIGURES / "crash_safety.json"


def ingest(files: list[Path], db: Path, batch: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        dyad("ingest", *map(str, files), "--db", str(db), "--batch-size", str(batch)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def opens(db: Path) -> bool:
    """Whether the store opens (replaying its write-ahead log) and answers a query. A store
    killed while it was being created may hold no tables yet: that is a store as it was
    (empty), which the next ingest sets up."""
    if not db.exists():
        return True  # killed before it was created: nothing to open yet
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            tables = {
                r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
            }
            if "articles" in tables:
                con.execute("SELECT count(*) FROM articles").fetchone()
    except duckdb.Error as exc:
        print(f"  store fails to open: {exc}", file=sys.stderr)
        return False
    return True


def stored(db: Path) -> int:
    try:
        return len(article_ids(db))
    except duckdb.Error:
        return 0


def kill_once(
    proc: subprocess.Popen[bytes], db: Path, rng: random.Random, at_write: bool, window: float
) -> str:
    """SIGKILL ``proc`` at a random moment of the first ``window`` seconds, or (``at_write``)
    a few milliseconds into its first batch write (not the setup check when it starts:
    that write lock is let go before any analysis); what it hit."""
    start = time.monotonic()
    if at_write:
        hit = _wait_for_a_batch_write(proc, db, rng, deadline=start + 4 * window)
    else:
        delay = rng.uniform(1.0, window)
        while time.monotonic() - start < delay and proc.poll() is None:
            time.sleep(0.01)
        hit = "random"
    if proc.poll() is not None:
        return "finished first"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return hit


def _wait_for_a_batch_write(
    proc: subprocess.Popen[bytes], db: Path, rng: random.Random, deadline: float
) -> str:
    held_before = False
    released = False
    while time.monotonic() < deadline and proc.poll() is None:
        held = writer_active(str(db))
        released = released or (held_before and not held)
        if held and released:
            time.sleep(rng.uniform(0, 0.05))
            return "holding the writer lock" if writer_active(str(db)) else "just after a write"
        held_before = held
        time.sleep(0.002)
    return "random"  # no batch write within the time allowed: killed anyway


def crash_run(
    files: list[Path], db: Path, batch: int, kills: int, seed: int, window: float, every: int
) -> dict[str, Any]:
    """Kill ``kills`` runs (every ``every``-th at a batch write), then run to completion."""
    rng = random.Random(seed)
    hits: dict[str, int] = {}
    unopenable = 0
    killed = 0
    start = time.monotonic()
    while killed < kills:
        proc = ingest(files, db, batch)
        try:
            hit = kill_once(proc, db, rng, at_write=killed % every == every - 1, window=window)
        finally:
            proc.kill()  # a no-op unless this run was interrupted
            proc.wait()
        hits[hit] = hits.get(hit, 0) + 1
        if hit != "finished first":
            killed += 1
        unopenable += not opens(db)
        n = stored(db) if db.exists() else 0
        print(f"  batch {batch}: kill {killed}/{kills} ({hit}); {n} stored", file=sys.stderr)
    final = ingest(files, db, batch)
    _, err = final.communicate(timeout=1800)
    return {
        "batch_size": batch,
        "kills": killed,
        "kill_points": hits,
        "final_exit_code": final.returncode,
        "final_message": err.decode().strip().splitlines()[-1:],
        "stores_that_failed_to_open": unopenable + (not opens(db)),
        "seconds": round(time.monotonic() - start, 1),
    }


def compare(db: Path, ref_ids: list[str], ref_counts: dict[str, int]) -> dict[str, Any]:
    ids = article_ids(db)
    counts = table_counts(db)
    return {
        "articles_lost": len(set(ref_ids) - set(ids)),
        "articles_extra": len(set(ids) - set(ref_ids)),
        "articles_duplicated": len(ids) - len(set(ids)),
        "tables_differing": {
            t: [ref_counts[t], counts[t]] for t in ARTICLE_TABLES if counts[t] != ref_counts[t]
        },
        "fused_tables": {t: [ref_counts[t], counts[t]] for t in FUSED_TABLES},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[25, 1, 1000])
    parser.add_argument(
        "--window",
        type=float,
        default=25.0,
        help="Random kills fall within this many seconds of a run's start (at most).",
    )
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        files = corpus(args.articles, Path(tmp) / "generated")
        ref = Path(tmp) / "reference.duckdb"
        t0 = time.monotonic()
        subprocess.run(
            dyad("ingest", *map(str, files), "--db", str(ref)), check=True, capture_output=True
        )
        clean_seconds = time.monotonic() - t0
        ref_ids, ref_counts = article_ids(ref), table_counts(ref)
        # random kills fall within the clean run's length (at most --window seconds)
        window = min(args.window, max(clean_seconds, 3.0))
        for i, batch in enumerate(args.batch_sizes):
            db = Path(tmp) / f"crash-{batch}.duckdb"
            # a whole-run batch is written once, at the end: fewer kills wait for it
            every = 2 if batch < len(files) else 5
            run = crash_run(files, db, batch, args.kills, args.seed + i, window, every)
            run.update(compare(db, ref_ids, ref_counts))
            runs.append(run)
            print(json.dumps(run), file=sys.stderr)
    totals = {
        key: sum(r[key] for r in runs)
        for key in (
            "kills",
            "articles_lost",
            "articles_extra",
            "articles_duplicated",
            "stores_that_failed_to_open",
        )
    }
    totals["runs_with_differing_tables"] = sum(bool(r["tables_differing"]) for r in runs)
    result = {
        "machine": machine(),
        "articles": len(files),
        "reference": {"articles": len(ref_ids), "seconds": round(clean_seconds, 1), **ref_counts},
        "totals": totals,
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"totals": totals}, indent=1))


if __name__ == "__main__":
    main()
