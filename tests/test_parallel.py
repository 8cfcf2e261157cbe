"""``--workers``: a process pool gives the same store and output as one process, in order."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import SAMPLES, jsonl, run_dyad

TABLES = {
    "articles": "id, source, title, authors, published, published_inferred, url, outlet, text",
    "article_sources": "article_id, source",
    "entities": "*",
    "mentions": "*",
    "quotes": "*",
    "timexes": "*",
    "events": "*",
    "fused_events": "*",
    "fused_pairs": "*",
}


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (sorted), less the ingestion time."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            table: sorted(con.execute(f"SELECT {cols} FROM {table}").fetchall(), key=repr)
            for table, cols in TABLES.items()
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("w1") / "w1.duckdb"
    result = run_dyad("ingest", str(SAMPLES), "--db", str(db), "--workers", "1")
    assert result.returncode == 0, result.stderr.decode()
    return db


def test_two_workers_store_equals_one_process(one_process: Path, tmp_path: Path) -> None:
    db = tmp_path / "w2.duckdb"
    result = run_dyad("ingest", str(SAMPLES), "--db", str(db), "--workers", "2")
    assert result.returncode == 0, result.stderr.decode()
    assert "5 added, 0 already stored, 0 failed" in result.stderr.decode()
    want, got = dump(one_process), dump(db)
    assert len(want["articles"]) == 5 and want["events"] and want["fused_events"]
    assert got == want


def test_extract_with_workers_keeps_input_order(tmp_path: Path) -> None:
    # a file that cannot be read sits in the middle: its error line keeps its place
    (tmp_path / "b_broken.html").write_bytes(b"\x00\x01\x02 not an article")
    for i, sample in enumerate(sorted(SAMPLES.iterdir())):
        (tmp_path / f"{'a' if i < 2 else 'c'}{i}.txt").write_bytes(sample.read_bytes())
    one = run_dyad("extract", str(tmp_path), "--workers", "1")
    two = run_dyad("extract", str(tmp_path), "--workers", "2")
    assert one.returncode == two.returncode == 0, two.stderr.decode()
    assert two.stdout == one.stdout
    sources = [Path(line["source"]).name for line in jsonl(two.stdout)]
    assert sources == sorted(sources) and len(sources) == 6


def _workers_of(pid: int) -> list[int]:
    """The pool's worker processes among ``pid``'s children (not the resource tracker)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    found = []
    for child in children:
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
            found.append(int(child))
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_killed_worker_stops_cleanly_and_rerun_completes(one_process: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    args = [sys.executable, "-m", "dyad", "ingest", str(SAMPLES), "--db", str(db)]
    proc = subprocess.Popen([*args, "--workers", "2", "--batch-size", "1"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (workers := _workers_of(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers, "no worker process appeared"
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    lines = err.decode().strip().splitlines()
    assert proc.returncode == 1, err.decode()
    assert "a worker process died" in lines[-1], err.decode()
    rerun = run_dyad("ingest", str(SAMPLES), "--db", str(db), "--workers", "1")
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert dump(db)["articles"] == dump(one_process)["articles"]
    assert len(dump(db)["events"]) == len(dump(one_process)["events"])


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_ctrl_c_stops_the_workers_and_says_what_was_stored(tmp_path: Path) -> None:
    db = tmp_path / "interrupted.duckdb"
    args = [sys.executable, "-m", "dyad", "ingest", str(SAMPLES), "--db", str(db)]
    # Ctrl-C as a terminal delivers it: the child must not inherit an ignored SIGINT (a shell
    # starts background commands with SIGINT ignored, and Python then keeps it ignored)
    proc = subprocess.Popen(
        [*args, "--workers", "2"], stderr=subprocess.PIPE, preexec_fn=_default_sigint
    )
    deadline = time.monotonic() + 60
    while not (workers := _workers_of(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers, "no worker process appeared"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "interrupted: 0 added, 0 already stored, 0 failed" in err.decode()
    for pid in workers:  # stopped, not left running
        assert not Path(f"/proc/{pid}").exists() or b"zombie" in _state(pid)


def _state(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/status").read_bytes().lower()
    except OSError:
        return b"zombie"


def test_last_chunks_shrink_so_the_workers_finish_together() -> None:
    from dyad.parallel import _chunks

    for n in (0, 1, 5, 48, 49, 417):
        chunks = list(_chunks(iter(range(n)), 16, 2))  # type: ignore[arg-type]
        assert [x for chunk in chunks for x in chunk] == list(range(n))
    sizes = [len(chunk) for chunk in _chunks(range(417), 16, 2)]  # type: ignore[arg-type]
    assert sizes[:24] == [16] * 24  # full chunks while more than a few chunks are left
    assert sizes[24:] == sorted(sizes[24:], reverse=True) and sizes[-1] == 1


def test_a_worker_dying_between_submits_is_a_worker_died_error() -> None:
    """The pool breaks where it is next touched: a dead worker noticed at the next submit,
    before any result is read, is the same clear error as one noticed at a result."""
    import multiprocessing

    from dyad.model import RawDocument
    from dyad.parallel import WorkerDied, analyse

    def items():  # type: ignore[no-untyped-def]
        for i in range(8):
            if i == 4:  # two chunks are submitted, none collected yet: kill a worker
                victim = multiprocessing.active_children()[0]
                os.kill(victim.pid, signal.SIGKILL)
                victim.join(timeout=10)
                time.sleep(1.0)  # let the pool's manager thread see it
            yield RawDocument(f"doc{i}.txt", "text", "Officials met in Paris on Monday.")

    with pytest.raises(WorkerDied, match="a worker process died"):
        list(analyse(items(), workers=2, chunk_size=1))
    deadline = time.monotonic() + 10  # the broken pool terminates the other worker itself
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not multiprocessing.active_children()  # none left running
