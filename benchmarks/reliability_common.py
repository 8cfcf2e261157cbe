"""What the reliability benchmarks share: the corpus, the real CLI, a loopback server, counts.

Not a benchmark itself. The corpus is BBC texts from ``../shared/data/bbc`` when present (the
shortest ones first, to keep runs short), else generated news-like texts, so every script runs
on a bare checkout too.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import duckdb

from web_load import HOST, wait_until_serving

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DYAD_SHARED", ROOT.parent / "shared"))
BBC = SHARED / "data" / "bbc"
FIGURES = ROOT / "docs" / "figures"
#: The tables filled per article (their row counts must not depend on how a run went).
ARTICLE_TABLES = ("articles", "article_sources", "entities", "mentions", "quotes", "timexes",
                  "events")  # fmt: skip
FUSED_TABLES = ("fused_events", "fused_participants", "fused_pairs", "pending_mentions")

PEOPLE = ["Angela Merkel", "Barack Obama", "Vladimir Putin", "Xi Jinping", "Theresa May",
          "Emmanuel Macron", "Narendra Modi", "Shinzo Abe", "Recep Tayyip Erdogan"]  # fmt: skip
PLACES = ["Berlin", "Moscow", "Beijing", "London", "Paris", "New Delhi", "Tokyo", "Ankara"]
VERBS = ["met", "criticised", "praised", "called", "accused", "thanked", "visited"]


def corpus(n: int, folder: Path) -> list[Path]:
    """``n`` article files: the shortest BBC texts, or generated ones written into ``folder``."""
    if BBC.exists():
        files = sorted(BBC.glob("*/*.txt"), key=lambda p: (p.stat().st_size, str(p)))
        if len(files) >= n:
            return sorted(files[:n])
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(14)
    paths = []
    for i in range(n):
        a, b = rng.sample(PEOPLE, 2)
        lines = [f"{a} {rng.choice(VERBS)} {b} in {rng.choice(PLACES)}", ""]
        for _ in range(6):
            c, d = rng.sample(PEOPLE, 2)
            lines.append(
                f"{c} {rng.choice(VERBS)} {d} on {rng.randint(1, 28)} March 201{i % 10}. "
                f'"We will talk again," {c.split()[-1]} said in {rng.choice(PLACES)}.'
            )
        path = folder / f"generated_{i:04d}.txt"
        path.write_text("\n".join(lines) + f"\nReport number {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def dyad(*args: str) -> list[str]:
    """The command line of the real CLI, run by this Python."""
    return [sys.executable, "-m", "dyad", *args]


def table_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
            for t in (*ARTICLE_TABLES, *FUSED_TABLES)
        }


def article_ids(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]


def start_server(db: Path, port: int, *extra: str) -> subprocess.Popen[bytes]:
    """``dyad serve`` on loopback, once it accepts connections."""
    process = subprocess.Popen(
        dyad("serve", "--db", str(db), "--host", HOST, "--port", str(port), *extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return wait_until_serving(process, port)


def peak_rss_mb() -> float:
    """Peak resident memory of finished child processes (the largest one), in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def machine() -> dict[str, object]:
    import platform

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "shared": True}
