"""Load test of ``dyad serve`` on loopback: requests/s and latency percentiles.

Starts a real ``dyad serve`` subprocess on a free 127.0.0.1 port over a store holding the BBC
corpus (``../shared/data/bbc``, 2,225 texts) plus the bundled samples, and hits
``/api/timeline?a=Barack Obama&b=Vladimir Putin`` (then the HTML pair page) from a few
concurrent httpx clients in threads, each run bounded by a request count and a time limit,
whichever comes first. Ingesting the whole BBC corpus takes ten minutes or more: ``--db``
reuses a prepared store (it is created there when missing) and ``--limit`` ingests fewer
BBC files. Each path is measured twice: with ``--cache 0`` (every request
queries the store) and with the default answer cache. Writes ``docs/figures/web_load.json``.

    .venv/bin/python benchmarks/web_load.py --db /tmp/bbc-web.duckdb
    .venv/bin/python benchmarks/web_load.py --limit 200 --requests 500 --seconds 20
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DYAD_SHARED", ROOT.parent / "shared"))
BBC = SHARED / "data" / "bbc"
OUT = ROOT / "docs" / "figures" / "web_load.json"
HOST = "127.0.0.1"  # loopback only, never another host
TIMELINE = "/api/timeline?a=Barack%20Obama&b=Vladimir%20Putin"
PAIR_PAGE = "/pair/barack-obama/vladimir-putin"


def bbc_files(limit: int | None) -> list[Path]:
    files = sorted(p for p in BBC.glob("*/*.txt"))
    return files[:limit] if limit is not None else files


def prepare(db: Path, limit: int | None) -> float:
    """Ingest the samples and the BBC files into ``db`` unless it exists; seconds spent."""
    if db.exists():
        print(f"reusing {db}", file=sys.stderr)
        return 0.0
    files = bbc_files(limit)
    if not files:
        sys.exit(f"no BBC texts under {BBC}")
    print(f"ingesting the samples and {len(files)} BBC texts into {db} ...", file=sys.stderr)
    start = time.perf_counter()
    paths = [str(ROOT / "samples"), *map(str, files)]
    subprocess.run([sys.executable, "-m", "dyad", "ingest", *paths, "--db", str(db)], check=True)
    return time.perf_counter() - start


def store_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
            for t in ("articles", "entities", "quotes", "events", "fused_events")
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, cache: int) -> subprocess.Popen[bytes]:
    command = ["-m", "dyad", "serve"]
    process = subprocess.Popen(
        [
            sys.executable,
            *command,
            "--db",
            str(db),
            "--host",
            HOST,
            "--port",
            str(port),
            "--cache",
            str(cache),
        ],
        stdout=subprocess.DEVNULL,
    )
    return wait_until_serving(process, port)


def wait_until_serving(process: subprocess.Popen[bytes], port: int) -> subprocess.Popen[bytes]:
    """``process`` once ``dyad serve`` accepts connections on ``port`` (exit if it cannot)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = process.stderr.read().decode()[-500:] if process.stderr else ""
            sys.exit(f"dyad serve exited: {said}" if said else "dyad serve exited")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("dyad serve did not start")


def hammer(base: str, path: str, requests: int, seconds: float, clients: int) -> dict[str, Any]:
    """``requests`` GETs of ``path`` (or ``seconds``, whichever first) from ``clients`` threads."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        nonlocal issued, errors
        with httpx.Client(base_url=base, timeout=30) as http:
            while True:
                with lock:
                    if issued >= requests or time.perf_counter() >= deadline:
                        return
                    issued += 1
                t0 = time.perf_counter()
                try:
                    ok = http.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - t0
                with lock:
                    latencies.append(elapsed)
                    errors += not ok

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return summarise(path, latencies, errors, wall, clients)


def summarise(
    path: str, latencies: list[float], errors: int, wall: float, clients: int
) -> dict[str, Any]:
    ordered = sorted(latencies)

    def pct(q: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)

    return {
        "path": path,
        "clients": clients,
        "requests": len(ordered),
        "errors": errors,
        "seconds": round(wall, 2),
        "requests_per_s": round(len(ordered) / wall, 1) if wall else None,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": round(1000 * ordered[-1], 2),
    }


def run_server(db: Path, cache: int, args: argparse.Namespace) -> tuple[list[Any], list[Any]]:
    """Start ``dyad serve --cache N``, warm it up, measure both paths, stop it."""
    port = free_port()
    server = start_server(db, port, cache)
    base = f"http://{HOST}:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as http:  # warm up: KB, first queries
            entries = http.get(TIMELINE).json()["entries"]
            for _ in range(5):
                http.get(TIMELINE), http.get(PAIR_PAGE)
        results = [
            hammer(base, path, args.requests, args.seconds, args.clients)
            for path in (TIMELINE, PAIR_PAGE)
        ]
    finally:
        server.terminate()
        server.wait(timeout=10)
    return entries, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="Store to use (created from BBC when missing).")
    parser.add_argument("--limit", type=int, help="Ingest only this many BBC texts.")
    parser.add_argument("--requests", type=int, default=2000, help="Requests per endpoint.")
    parser.add_argument("--seconds", type=float, default=60, help="Time limit per endpoint.")
    parser.add_argument("--clients", type=int, default=4, help="Concurrent clients.")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "bbc-web.duckdb"
    ingest_s = prepare(db, args.limit)
    results: list[dict[str, Any]] = []
    entries: list[Any] = []
    for cache in (0, 256):  # every request computed, then answers remembered (the default)
        entries, measured = run_server(db, cache, args)
        results += [{"cache": cache, **r} for r in measured]
    report = {
        "store": {
            "path": str(db),
            **store_counts(db),
            "bbc_limit": args.limit,
            "ingest_seconds": round(ingest_s, 1) or None,
        },
        "timeline_entries": len(entries),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "bounds": {"requests": args.requests, "seconds": args.seconds, "clients": args.clients},
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
