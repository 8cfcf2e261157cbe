"""One store shared between processes: migrations, a writer and readers, two writers, the server.

A real second process holds the store (DuckDB locks files per process), so every test here
starts a small Python holder in a subprocess and tells it when to write and let go.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest
from starlette.testclient import TestClient

from conftest import ROOT, SAMPLES, run_dyad
from dyad.errors import StoreError
from dyad.model import Article, Metadata, article_id
from dyad.store import Store, count_articles
from dyad.store import store as store_module
from dyad.store.locking import StoreBusy, writer_active
from dyad.store.schema import MIGRATIONS
from dyad.web import create_app

HOLDER = textwrap.dedent(
    """
    import sys
    from dyad.model import Article, article_id
    from dyad.store import Store
    with Store(sys.argv[1]) as store:          # holds the file and the writer lock
        print("holding", flush=True)
        sys.stdin.readline()
        text = "The holder wrote this article while it held the store."
        store.add([Article(id=article_id(text), source="holder.txt", text=text)])
    """
)


def article(text: str) -> Article:
    return Article(id=article_id(text), source="t.txt", text=text, meta=Metadata())


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "s.duckdb")
    with Store(path) as store:
        store.add([article("An article stored before anything else happened.")])
    return path


@pytest.fixture
def holder(db: str) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the store for writing until told to write and let go."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, db], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    yield proc
    proc.kill()
    proc.wait()


def let_go(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()
    assert proc.wait(timeout=30) == 0


def test_failed_migration_leaves_the_store_as_it_was(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = "ALTER TABLE articles ADD COLUMN extra INTEGER; SELECT * FROM no_such_table"
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, broken))
    with pytest.raises(StoreError, match=f"migration {len(MIGRATIONS) + 1} failed"):
        Store(db)
    monkeypatch.undo()
    assert not writer_active(db)  # the failed open let go of the lock
    with Store(db) as store:
        assert store.schema_version() == len(MIGRATIONS)
        columns = [r[0] for r in store.con.execute("DESCRIBE articles").fetchall()]
        assert "extra" not in columns
        assert count_articles(store) == 1


def test_shared_writer_holds_the_file_only_while_it_writes(db: str) -> None:
    with Store(db, shared=True) as writer:
        assert not writer_active(db)
        with Store(db, read_only=True) as reader:  # would be refused if the writer held it
            assert count_articles(reader) == 1
        assert writer.add([article("A second article, written in its own connection.")]).added
        assert not writer_active(db)
    with Store(db, read_only=True) as reader:
        assert count_articles(reader) == 2


def test_reader_waits_boundedly_then_says_busy(db: str, holder: subprocess.Popen[str]) -> None:
    start = time.monotonic()
    with pytest.raises(StoreBusy, match="being written"):
        Store(db, read_only=True, wait=0.3)
    assert time.monotonic() - start < 5
    let_go(holder)
    with Store(db, read_only=True, wait=0.3) as reader:
        assert count_articles(reader) == 2


def test_second_ingest_waits_for_the_writer_with_a_message(
    db: str, holder: subprocess.Popen[str]
) -> None:
    ingest = subprocess.Popen(
        [sys.executable, "-m", "dyad", "ingest", str(SAMPLES / "000_94e6e827dd53408d.txt"),
         "--db", db],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert ingest.stderr is not None
    first = ingest.stderr.readline()
    assert f"waiting for {db}: another dyad process is writing" in first
    let_go(holder)
    rest = ingest.stderr.read()
    assert ingest.wait(timeout=120) == 0, rest
    assert "1 added" in rest and "Traceback" not in rest
    with Store(db, read_only=True) as reader:
        assert count_articles(reader) == 3


def test_server_answers_503_during_a_write_and_sees_it_after(db: str) -> None:
    with TestClient(create_app(db, wait=0.3)) as client:
        assert client.get("/api/stats").json()["articles"] == 1  # now cached
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, db], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
            busy = client.get("/api/articles")
            assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
            assert client.get("/").status_code == 503  # pages too, as an HTML error page
            let_go(proc)
        finally:
            proc.kill()
        assert client.get("/api/stats").json()["articles"] == 2  # cache emptied


def test_server_lets_go_when_a_writer_comes(db: str) -> None:
    """An idle server must not keep a writer out: its watcher closes the connection."""
    with TestClient(create_app(db)) as client:
        assert client.get("/api/stats").status_code == 200
        start = time.monotonic()
        with Store(db, wait=5) as writer:
            writer.add([article("Written while the server was running.")])
        assert time.monotonic() - start < 3
        assert client.get("/api/stats").json()["articles"] == 2


def test_duckdb_still_refuses_a_second_process_while_held(
    db: str, holder: subprocess.Popen[str]
) -> None:
    """The premise of the design: without the protocol, a reader is refused outright."""
    with pytest.raises(duckdb.IOException, match="lock"):
        duckdb.connect(db, read_only=True)
    let_go(holder)


def test_serve_during_two_ingests_nothing_fails(db: str) -> None:
    """The small version of benchmarks/concurrency.py: real server, real ingests, real HTTP."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "dyad", "serve", "--db", db, "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    outcomes: list[int | str] = []
    done = threading.Event()

    def client() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            while not done.is_set():
                for path in ("/api/stats", "/", "/api/articles?limit=3"):
                    try:
                        outcomes.append(http.get(path).status_code)
                    except httpx.HTTPError as exc:
                        outcomes.append(type(exc).__name__)
                        time.sleep(0.1)  # the server may still be starting

    threads = [threading.Thread(target=client) for _ in range(2)]
    samples = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    try:
        for t in threads:
            t.start()
        ingests = [
            subprocess.Popen(
                [sys.executable, "-m", "dyad", "ingest", *part, "--db", db, "--batch-size", "1"],
                stderr=subprocess.PIPE,
                text=True,
            )
            for part in (samples[:3], samples[3:])
        ]
        errors = [p.communicate(timeout=300)[1] for p in ingests]
        assert [p.returncode for p in ingests] == [0, 0], errors
        assert not any("Traceback" in e for e in errors)
        time.sleep(0.3)
        done.set()
        for t in threads:
            t.join()
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            assert http.get("/api/stats").json()["articles"] == 1 + len(samples)
    finally:
        done.set()
        server.terminate()
        server.wait(timeout=30)
    started = outcomes.index(200)  # connection errors before the server listened don't count
    assert outcomes[started:].count(200) > 10
    assert all(o in (200, 503) for o in outcomes[started:]), Counter(outcomes)


def test_ingest_killed_at_random_and_at_a_write_loses_nothing(tmp_path: Path) -> None:
    """The small version of benchmarks/crash_safety.py: SIGKILL twice, rerun, compare."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import crash_safety
    from reliability_common import article_ids, table_counts

    files = sorted(SAMPLES.glob("*.txt"))
    ref = tmp_path / "ref.duckdb"
    done = run_dyad("ingest", *map(str, files), "--db", str(ref))
    assert done.returncode == 0
    run = crash_safety.crash_run(
        files, tmp_path / "crashed.duckdb", batch=1, kills=2, seed=3, window=6.0, every=2
    )
    assert run["kills"] == 2 and run["final_exit_code"] == 0
    assert run["stores_that_failed_to_open"] == 0
    found = crash_safety.compare(tmp_path / "crashed.duckdb", article_ids(ref), table_counts(ref))
    assert (found["articles_lost"], found["articles_extra"], found["articles_duplicated"]) == (
        0,
        0,
        0,
    )
    assert found["tables_differing"] == {}
