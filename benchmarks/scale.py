"""Scale: ``--workers`` and Spark against one process, peak memory, a 1,000,000-event store.

Three parts, each also runnable alone (``--only workers|spark|store``), all written to
``docs/figures/scale.json`` (a part's figures replace that part's earlier ones) with the
machine's load average before and after each part, since ratios taken while other jobs load
the machine are pessimistic:

- ``workers``: ``dyad ingest`` of BBC politics (``../shared/data/bbc/politics``, 417 texts)
  with ``--workers 1`` and ``--workers 2``, each in a fresh process into a fresh store (so
  both pay for loading spaCy), articles/s and the speed-up; peak resident memory (RSS) of
  the parent and of each worker.
- ``spark``: the whole BBC corpus (2,225 texts): ``dyad spark extract --master local[2]``
  against ``dyad extract --workers 1`` (both only analyse and write their output: Parquet,
  JSON Lines), Spark's start-up reported apart; then ``dyad ingest --parquet`` of the result.
- ``store``: a synthetic store of 1,000,000 event mentions (125,000 articles × 8; actors drawn
  Zipf-like from 400, with Barack Obama and Vladimir Putin among them at ranks 10 and 20),
  built through ``Store.add`` in batches of 1,000 with fusion on; fusion cost of the first and
  the last 1,000 articles, from the build and side by side (:func:`fusion_side_by_side`: into
  an empty store and into the full one, alternated); then ``dyad serve --cache 0`` answers
  ``/api/timeline?a=Barack Obama&b=Vladimir Putin`` (p50/p95 latency, one client, then 4).
  The store is kept in ``benchmarks/out/`` and reused (with its build figures) when it exists;
  ``--rebuild`` builds it anew (2–4 minutes since fusion reads only overlapping candidates;
  ~20 before), as after a change to fusion.

``--quick`` makes everything small (100 politics texts, 300 BBC texts, 100,000 events) to
check the script in a few minutes. On the loaded shared machine the parts took 5 (workers),
36 (spark) and 22 (store) minutes; on a quiet 2-core machine, from the single-process speed
(~8 articles/s), expect about 2, 8 and 8 minutes, and the store part is ~1 minute when its
store is already in ``benchmarks/out/``. To re-time only the speed-ups:
``--only workers --only spark``.

    .venv/bin/python benchmarks/scale.py [--quick] [--only workers|spark|store] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DYAD_SHARED", ROOT.parent / "shared")) / "data"
BBC = SHARED / "bbc"
TOPICS = ["business", "entertainment", "politics", "sport", "tech"]
OUT = ROOT / "benchmarks" / "out"
FIGURES = ROOT / "docs" / "figures" / "scale.json"
TIMELINE = "/api/timeline?a=Barack%20Obama&b=Vladimir%20Putin"
MB = 1024 * 1024
CPU_WHO = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)  # the workers, once they have ended


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run(args: list[str], **kwargs: Any) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """Run a command; wall seconds and the result (a failure stops the benchmark)."""
    start = time.perf_counter()
    kwargs.setdefault("stdout", subprocess.PIPE)
    result = subprocess.run(args, stderr=subprocess.PIPE, check=False, **kwargs)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{result.stderr.decode()[-3000:]}")
    return seconds, result


# -- workers ---------------------------------------------------------------------------------
def subset(folder: Path, limit: int | None, tmp: Path) -> list[str]:
    """The folder, or a folder of links to its first ``limit`` texts."""
    files = sorted(folder.glob("*.txt"))
    if limit is None or limit >= len(files):
        return [str(folder)]
    part = tmp / f"{folder.name}-{limit}"
    part.mkdir(exist_ok=True)
    for f in files[:limit]:
        if not (part / f.name).exists():
            (part / f.name).symlink_to(f)
    return [str(part)]


class Clock:
    """A progress ticker that notes when each batch was committed."""

    def __init__(self) -> None:
        self.marks: list[tuple[float, int]] = []
        self.count = 0

    def advance(self, n: int = 1) -> None:
        self.count += n
        self.marks.append((time.perf_counter(), self.count))


def ingest_once(paths: list[str], workers: int) -> dict[str, Any]:
    """One ``dyad ingest`` in this (fresh) process: wall time, counts and memory.

    Batches of 20 articles, so the steady rate (first committed batch to the last, start-up
    left out) can be read off the commit times.
    """
    from dyad.ingest import IngestCounts, ingest_paths
    from dyad.parallel import PoolStats
    from dyad.store import Store

    counts, stats, clock = IngestCounts(), PoolStats(), Clock()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "w.duckdb") as store:
        start = time.perf_counter()
        ingest_paths(store, paths, counts, workers=workers, stats=stats, batch_size=20,
                     tick=clock)  # type: ignore[arg-type]  # fmt: skip
        seconds = time.perf_counter() - start
    articles = counts.added + counts.already
    (t0, n0), (t1, n1) = clock.marks[0], clock.marks[-1]
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    cpu = sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, CPU_WHO))
    return {
        "workers": workers,
        "articles": articles,
        "failed": counts.failed,
        "seconds": round(seconds, 1),
        "articles_per_s": round(articles / seconds, 2),
        "first_batch_seconds": round(t0 - start, 1),
        "steady_articles_per_s": round((n1 - n0) / (t1 - t0), 2) if t1 > t0 else None,
        "cpu_seconds": round(cpu, 1),
        "cpu_ms_per_article": round(1000 * cpu / articles),
        "parent_peak_rss_mb": round(parent / MB),
        "worker_peak_rss_mb": sorted(round(v / MB) for v in stats.peak_rss.values()),
    }


def part_workers(quick: bool, tmp: Path) -> dict[str, Any]:
    paths = subset(BBC / "politics", 100 if quick else None, tmp)
    results = {}
    for workers in (1, 2):
        log(f"workers: ingest {paths[0]} --workers {workers}")
        script = [sys.executable, __file__, "--ingest-once", str(workers), *paths]
        _, done = run(script)
        results[f"workers_{workers}"] = json.loads(done.stdout)
        log(f"  {results[f'workers_{workers}']}")
    one, two = results["workers_1"], results["workers_2"]
    steady = (two["steady_articles_per_s"] or 0) / (one["steady_articles_per_s"] or 1)
    return {
        "data": f"BBC politics ({one['articles']} texts)",
        **results,
        "speedup": round(two["articles_per_s"] / one["articles_per_s"], 2),
        "speedup_steady": round(steady, 2),
        # CPU of parent and workers together: equal per article means the pool adds no work,
        # so on an idle 2-core machine the speed-up is bounded only by start-up and the tail
        "cpu_ratio_2_over_1": round(two["cpu_seconds"] / one["cpu_seconds"], 2),
        "target": ">= 1.8",
    }


# -- spark -----------------------------------------------------------------------------------
def spark_stages(run: Any) -> str:
    return ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in run.stages.items())


def bbc_paths(limit: int | None, tmp: Path) -> list[str]:
    if limit is None:
        return [str(BBC / topic) for topic in TOPICS]
    per_topic = -(-limit // len(TOPICS))
    return [p for topic in TOPICS for p in subset(BBC / topic, per_topic, tmp)]


def part_spark(quick: bool, tmp: Path) -> dict[str, Any]:
    paths = bbc_paths(300 if quick else None, tmp)
    dyad = [sys.executable, "-m", "dyad"]
    log(f"spark: dyad extract --workers 1 over {len(paths)} folders")
    with (tmp / "one.jsonl").open("wb") as out:
        one_seconds, _ = run([*dyad, "extract", *paths, "--workers", "1"], stdout=out)
    n = sum(1 for _ in (tmp / "one.jsonl").open("rb"))
    log(f"  {n} articles in {one_seconds:.1f} s")
    from dyad.spark import spark_extract, spark_session

    start = time.perf_counter()
    session = spark_session("local[2]")
    startup = time.perf_counter() - start
    log(f"spark: local[2] started in {startup:.1f} s")
    try:
        spark = spark_extract(paths, tmp / "parquet", session=session)
    finally:
        session.stop()
    log(f"  {spark.articles} articles in {spark.run_seconds:.1f} s: {spark_stages(spark)}")
    ingest_seconds, _ = run(
        [*dyad, "ingest", "--parquet", str(tmp / "parquet"), "--db", str(tmp / "p.duckdb")]
    )
    speedup = one_seconds / spark.run_seconds
    return {
        "data": f"BBC, all topics ({n} texts)",
        "workers_1": {"articles": n, "seconds": round(one_seconds, 1),
                      "articles_per_s": round(n / one_seconds, 2)},
        "spark_local2": {"texts": spark.documents, "distinct_articles": spark.articles,
                         "analysed": spark.analysed, "partitions": spark.partitions,
                         "seconds": round(spark.run_seconds, 1),
                         "articles_per_s": round(spark.documents / spark.run_seconds, 2),
                         "stages_seconds": {k: round(v, 1) for k, v in spark.stages.items()},
                         "startup_seconds": round(startup, 1)},
        "speedup": round(speedup, 2),
        "speedup_with_startup": round(one_seconds / (spark.run_seconds + startup), 2),
        # per text actually analysed: what is left of the speed-up once the repeated texts
        # that Spark analyses once (and --workers 1 analyses every time) are set aside
        "speedup_per_analysed_text": round(speedup * spark.analysed / n, 2),
        "ingest_parquet_seconds": round(ingest_seconds, 1),
        "target": ">= 1.6 (start-up apart)",
    }  # fmt: skip


# -- the 1,000,000-event store ----------------------------------------------------------------
def synthetic_articles(n: int, seed: int = 7, ks: range | None = None, tag: str = "") -> Any:
    """``n`` articles of 8 event mentions each, in publication order over ten years (only
    the ``ks``-th ones when given; ``tag`` makes their texts, hence ids, new)."""
    from dyad.model import ActorRef, Article, Metadata, article_id
    from fusion_scale import synthetic_events

    rng = random.Random(seed)
    actors = [ActorRef(f"actor-{i}", f"Actor {i}") for i in range(400)]
    actors[10] = ActorRef("barack-obama", "Barack Obama")
    actors[20] = ActorRef("vladimir-putin", "Vladimir Putin")
    weights = [1 / (i + 1) for i in range(len(actors))]
    for k in ks if ks is not None else range(n):
        published = date(2010, 1, 1) + timedelta(days=k * 3650 // n)
        events = synthetic_events(rng, actors, weights, published, trigger="met")
        text = f"Synthetic article {k}{tag}."
        meta = Metadata(title=f"Synthetic {k}", published=published.isoformat(), outlet="Synth")
        yield Article(article_id(text), f"synthetic:{k}", text, meta, events=events)


def build_store(db: Path, articles: int, batch: int = 1000) -> dict[str, Any]:
    from dyad.store import Store

    with Store(":memory:") as warm:  # one-off costs (imports, regexes) before timing
        warm.add(list(synthetic_articles(batch, seed=1)))
    fusion: list[float] = []
    start = time.perf_counter()
    pending: list[Any] = []
    with Store(db) as store:
        for article in synthetic_articles(articles):
            pending.append(article)
            if len(pending) == batch:
                fusion.append(store.add(pending).fusion_seconds)
                pending = []
                if len(fusion) % 10 == 0:
                    spent = time.perf_counter() - start
                    log(f"  store: {len(fusion) * batch} articles, {spent:.0f} s")
        if pending:
            store.add(pending)  # a short last batch: not among the timed ones
        row = store.con.execute("SELECT count(*) FROM events").fetchone()
        fused = store.con.execute("SELECT count(*) FROM fused_events").fetchone()
    return {
        "articles": articles,
        "events": int(row[0]) if row else 0,
        "fused_events": int(fused[0]) if fused else 0,
        "build_seconds": round(time.perf_counter() - start, 1),
        "batch": batch,
        "fusion_first_1000_s": round(fusion[0], 3),
        "fusion_last_1000_s": round(fusion[-1], 3),
        "fusion_first_10_batches_median_s": round(statistics.median(fusion[:10]), 3),
        "fusion_last_10_batches_median_s": round(statistics.median(fusion[-10:]), 3),
    }


def fusion_side_by_side(db: Path, articles: int, rounds: int = 3, batch: int = 1000) -> Any:
    """Fusion of the first ``batch`` articles into an empty store and of ``batch`` more at the
    end of the ten years into (a copy of) the full store, alternated ``rounds`` times in this
    process, so that both see the same machine load; the build's own first/last batches are
    minutes apart and move with whatever else the machine runs."""
    from dyad.store import Store

    with Store(":memory:") as warm:  # one-off costs (imports, regexes) before timing
        warm.add(list(synthetic_articles(articles, 1, range(batch))))
    copy = OUT / "scale-fusion-probe.duckdb"
    shutil.copyfile(db, copy)
    first: list[float] = []
    last: list[float] = []
    try:
        with Store(copy) as big:
            for r in range(rounds):
                with (
                    tempfile.TemporaryDirectory(dir=OUT) as tmp,
                    Store(Path(tmp) / "e.duckdb") as empty,
                ):
                    fresh = list(synthetic_articles(articles, 100 + r, range(batch), f" probe {r}"))
                    first.append(empty.add(fresh).fusion_seconds)
                tail = range(articles - batch, articles)
                late = list(synthetic_articles(articles, 200 + r, tail, f" probe {r}"))
                last.append(big.add(late).fusion_seconds)
    finally:
        for suffix in ("", ".wal", ".lock"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
    return {
        "rounds": rounds,
        "first_1000_into_empty_s": [round(x, 3) for x in first],
        "last_1000_into_full_s": [round(x, 3) for x in last],
        "ratio_of_medians": round(statistics.median(last) / statistics.median(first), 2),
    }  # fmt: skip


def part_store(quick: bool, rebuild: bool = False) -> dict[str, Any]:
    articles = 12_500 if quick else 125_000
    db = OUT / f"scale-synthetic-{articles}.duckdb"
    meta = db.with_suffix(".json")
    if rebuild or not (db.exists() and meta.exists()):
        log(f"store: building {articles} synthetic articles ({articles * 8:,} events) in {db}")
        db.unlink(missing_ok=True)
        meta.write_text(json.dumps(build_store(db, articles)))
    built = json.loads(meta.read_text())
    built["fusion_ratio_last_first"] = round(
        built["fusion_last_1000_s"] / built["fusion_first_1000_s"], 2
    )
    built["fusion_ratio_median_10_batches"] = round(
        built["fusion_last_10_batches_median_s"] / built["fusion_first_10_batches_median_s"], 2
    )
    from dyad.store import Store

    with Store(db):  # a store cached by an older dyad is migrated here, not by `serve`
        pass
    log("store: fusion of 1,000 articles, empty store against the full one, alternated")
    side_by_side = fusion_side_by_side(db, articles)
    log(f"  {side_by_side}")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import web_load

    port = web_load.free_port()
    server = web_load.start_server(db, port, 0)
    base = f"http://{web_load.HOST}:{port}"
    try:
        import httpx

        with httpx.Client(base_url=base, timeout=120) as http:
            entries = http.get(TIMELINE).json()["entries"]
            for _ in range(5):
                http.get(TIMELINE)
        one_client = web_load.hammer(base, TIMELINE, 200, 30, 1)
        latency = web_load.hammer(base, TIMELINE, 400, 30, 4)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {
        "store": built,
        "fusion_side_by_side": side_by_side,
        "timeline_entries": len(entries),
        "api_timeline_1_client": one_client,
        "api_timeline_4_clients": latency,
        "targets": "p95 < 100 ms; fusion last/first 1,000 <= 1.3",
    }


# -- main ------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a few minutes")
    parser.add_argument("--only", choices=["workers", "spark", "store"], action="append")
    parser.add_argument("--out", type=Path, default=FIGURES)
    parser.add_argument(
        "--rebuild", action="store_true", help="build the store anew even if one is cached"
    )
    parser.add_argument("--ingest-once", type=int, help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.ingest_once:
        print(json.dumps(ingest_once(rest, args.ingest_once)))
        return
    if not BBC.exists():
        sys.exit(f"{BBC} not found (set DYAD_SHARED)")
    OUT.mkdir(parents=True, exist_ok=True)
    figures = json.loads(args.out.read_text()) if args.out.exists() else {}
    figures["machine"] = {"cores": os.cpu_count(), "note": "shared machine: see load_before"}
    # workers first whatever the order asked: a child's peak RSS (ru_maxrss) starts from the
    # parent's at fork, which the store part raises (DuckDB on the 1M store) to ~400 MB
    parts = [p for p in ("workers", "spark", "store") if p in (args.only or [p])]
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        for part in parts:
            before, start = load(), time.perf_counter()
            if part == "workers":
                result = part_workers(args.quick, Path(tmp))
            elif part == "spark":
                result = part_spark(args.quick, Path(tmp))
            else:
                result = part_store(args.quick, args.rebuild)
            result |= {"quick": args.quick, "load_before": before, "load_after": load(),
                       "part_seconds": round(time.perf_counter() - start)}  # fmt: skip
            figures[part] = result
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(figures, indent=1) + "\n")
            print(json.dumps({part: result}, indent=1), flush=True)
    shutil.rmtree(OUT / "spark-warehouse", ignore_errors=True)


if __name__ == "__main__":
    main()
