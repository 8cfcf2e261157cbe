"""``dyad serve`` answering while two ``dyad ingest`` write the same store: nothing fails.

Makes a store from the bundled samples, starts ``dyad serve`` on a free loopback port, then
starts two ``dyad ingest`` runs at once on the same store (the two halves of the corpus:
``--articles`` of the shortest BBC texts from ``../shared/data/bbc``, or generated texts) and
hammers the API and pages from ``--clients`` threads until both ingests have finished (and at
most ``--max-requests`` requests). Reports requests served, failed (a 5xx other than 503, or
a connection error), answered 503 (a write outlasted the server's wait), latency, how often
the article count seen through the API grew during the run, whether every new article is
visible afterwards, and the ingests' exit codes and messages. Writes
``docs/figures/concurrency.json``.

    .venv/bin/python benchmarks/concurrency.py [--articles 160] [--clients 3] [--batch-size 10]
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from reliability_common import (
    FIGURES,
    ROOT,
    article_ids,
    corpus,
    dyad,
    machine,
    start_server,
    table_counts,
)
from web_load import HOST, free_port

OUT = FIGURES / "concurrency.json"
PATHS = ["/api/stats", "/api/articles?limit=5", "/", "/api/events?limit=10", "/articles",
         "/api/search?q=minister", "/api/quotes?limit=5"]  # fmt: skip


class Hammer:
    """Client threads issuing GETs in a loop until told to stop; tallies every outcome."""

    def __init__(self, base: str, clients: int, max_requests: int) -> None:
        self.base, self.clients, self.max_requests = base, clients, max_requests
        self.outcomes: Counter[str] = Counter()
        self.latencies: list[float] = []
        self.counts_seen: list[tuple[float, int]] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._client, args=(i,)) for i in range(clients)]

    def start(self) -> None:
        self.t0 = time.monotonic()
        for t in self._threads:
            t.start()

    def join(self) -> None:
        self.stop.set()
        for t in self._threads:
            t.join()

    def _client(self, i: int) -> None:
        with httpx.Client(base_url=self.base, timeout=60) as http:
            n = i
            while not self.stop.is_set() and sum(self.outcomes.values()) < self.max_requests:
                path = PATHS[n % len(PATHS)]
                n += 1
                start = time.monotonic()
                try:
                    response = http.get(path)
                    outcome = _classify(response.status_code)
                except httpx.HTTPError as exc:
                    outcome, response = f"connection error: {type(exc).__name__}", None
                with self._lock:
                    self.latencies.append(time.monotonic() - start)
                    self.outcomes[outcome] += 1
                    if path == "/api/stats" and response is not None and outcome == "ok":
                        self.counts_seen.append((start - self.t0, response.json()["articles"]))


def _classify(status: int) -> str:
    if status == 503:
        return "503"
    return "failed: 5xx" if status >= 500 else "ok"


def run(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.duckdb"
        subprocess.run(dyad("ingest", str(ROOT / "samples"), "--db", str(db)), check=True,
                       capture_output=True)  # fmt: skip
        before = table_counts(db)["articles"]
        files = corpus(args.articles, Path(tmp) / "generated")
        halves = [files[: len(files) // 2], files[len(files) // 2 :]]
        port = free_port()
        server = start_server(db, port)
        hammer = Hammer(f"http://{HOST}:{port}", args.clients, args.max_requests)
        try:
            hammer.start()
            start = time.monotonic()
            ingests = [
                subprocess.Popen(
                    dyad(
                        "ingest",
                        *map(str, half),
                        "--db",
                        str(db),
                        "--batch-size",
                        str(args.batch_size),
                    ),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for half in halves
            ]
            results = [(p.wait(), p.communicate()[1]) for p in ingests]
            ingest_seconds = time.monotonic() - start
            time.sleep(0.5)  # a few requests after the last commit
            hammer.join()
            with httpx.Client(base_url=f"http://{HOST}:{port}", timeout=60) as http:
                seen_after = http.get("/api/stats").json()["articles"]
        finally:
            hammer.join()
            server.terminate()
            server.wait(timeout=30)
        ids = article_ids(db)
        stored = len(ids)
    lat = sorted(hammer.latencies)
    counts = [c for _, c in hammer.counts_seen]
    return {
        "articles_given": len(files),
        "articles_before": before,
        "articles_stored_after": stored,
        "articles_seen_by_server_after": seen_after,
        "new_articles_visible": seen_after == stored,
        "distinct_counts_seen_during_ingest": len(set(counts)),
        "count_never_decreased": all(a <= b for a, b in itertools.pairwise(counts)),
        "requests": sum(hammer.outcomes.values()),
        "served": hammer.outcomes["ok"],
        "failed": sum(v for k, v in hammer.outcomes.items() if k not in ("ok", "503")),
        "answered_503": hammer.outcomes["503"],
        "outcomes": dict(hammer.outcomes),
        "latency_ms": {
            "p50": round(1000 * lat[len(lat) // 2], 1),
            "p99": round(1000 * lat[int(len(lat) * 0.99)], 1),
            "max": round(1000 * lat[-1], 1),
        },
        "ingests": [
            {
                "exit_code": code,
                "traceback": "Traceback" in err,
                "last_line": err.strip()[-200:],
                "waited_message": "another dyad process is writing" in err,
            }
            for code, err in results
        ],
        "ingest_seconds": round(ingest_seconds, 1),
        "clients": args.clients,
        "batch_size": args.batch_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=160)
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    result = {"machine": machine(), **run(args)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
