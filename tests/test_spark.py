"""``dyad spark extract`` on local[2] → Parquet → ``dyad ingest --parquet`` → the gold timeline.

One Spark run for the module (Spark takes 10–30 s to start); skipped without pyspark or Java.
The WARC splitting is checked without Spark.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES, run_dyad
from dyad.readers import read_paths
from dyad.spark import list_items, read_item
from test_parallel import dump
from test_readers import ARTICLES, make_warc
from test_timeline_cli import check_gold_timeline


@pytest.mark.parametrize("compress", [False, True])
def test_warc_is_split_into_records_that_read_like_the_whole(
    tmp_path: Path, compress: bool
) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(make_warc(ARTICLES, compress=compress))
    (tmp_path / "note.txt").write_text("A plain article. " * 20)
    items = list_items([str(tmp_path)])
    assert [(Path(p).name, offset is None) for p, offset, _ in items] == [
        (path.name, False), (path.name, False), (path.name, False), ("note.txt", True),
    ]  # fmt: skip
    split = [doc for item in items for doc in read_item(item)]
    assert split == list(read_paths([str(tmp_path)]))


@pytest.fixture(scope="module")
def parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not Path("/usr/bin/java").exists():
        pytest.skip("Spark needs Java (17)")
    out = tmp_path_factory.mktemp("spark") / "tables"
    result = run_dyad("spark", "extract", str(SAMPLES), "--out", str(out), "--master", "local[2]")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert "5 articles (5 sources), 0 failed" in result.stderr.decode()
    return out


def test_spark_parquet_loads_into_a_store_with_the_gold_timeline(
    parquet: Path, tmp_path: Path
) -> None:
    db = tmp_path / "spark.duckdb"
    loaded = run_dyad("ingest", "--parquet", str(parquet), "--db", str(db))
    assert loaded.returncode == 0, loaded.stderr.decode()
    assert "5 added, 0 already stored" in loaded.stderr.decode()
    shown = run_dyad(
        "timeline", "Barack Obama", "Vladimir Putin", "--db", str(db), "--format", "json"
    )
    assert shown.returncode == 0, shown.stderr.decode()
    check_gold_timeline(json.loads(shown.stdout))
    # the same store as analysing the samples directly, and loading again adds nothing
    direct = tmp_path / "direct.duckdb"
    assert run_dyad("ingest", str(SAMPLES), "--db", str(direct), "--workers", "1").returncode == 0
    got, want = dump(db), dump(direct)
    for table in ("articles", "article_sources", "entities", "mentions", "quotes", "timexes"):
        assert got[table] == want[table], table
    assert [r[:-1] for r in got["events"]] == [r[:-1] for r in want["events"]]  # less fused_id
    again = run_dyad("ingest", "--parquet", str(parquet), "--db", str(db))
    assert "0 added, 5 already stored" in again.stderr.decode()


def test_ingest_parquet_names_a_missing_table(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    result = run_dyad("ingest", "--parquet", str(tmp_path), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 1
    assert (
        result.stderr.decode()
        .strip()
        .endswith(f"no article_sources table (expected {tmp_path}/article_sources/*.parquet)")
    )
