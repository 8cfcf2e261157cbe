"""``dyad spark extract`` on local[2] → Parquet → ``dyad ingest --parquet`` → the gold timeline.

One Spark run for the module (Spark takes 10–30 s to start); skipped without pyspark or Java.
Its input repeats one sample under a second name, so the run also checks that a repeated text
is stored once with both sources. The WARC splitting, the pre-pass that finds repeated texts
and the partition balancing are checked without Spark.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES, run_dyad
from dyad.readers import read_paths
from dyad.spark import Unit, balance, list_items, prepare, read_item
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


def with_a_repeat(folder: Path) -> Path:
    """The samples, and the first of them again under ``copy/`` (read after the original)."""
    shutil.copytree(SAMPLES, folder)
    (folder / "zz_copy").mkdir()
    first = sorted(SAMPLES.glob("*.txt"))[0]
    shutil.copy(first, folder / "zz_copy" / first.name)
    return folder


def test_prepass_keeps_a_repeated_text_once_with_every_source(tmp_path: Path) -> None:
    inputs = with_a_repeat(tmp_path / "in")
    (inputs / "empty.txt").write_text("   \n")
    plan = prepare(list_items([str(inputs)]))
    assert plan.documents == 7
    assert len(plan.units) == 5
    repeated = [unit for unit in plan.units if len(unit.sources) > 1]
    first = sorted(SAMPLES.glob("*.txt"))[0].name
    assert [unit.sources for unit in repeated] == [
        (str(inputs / first), str(inputs / "zz_copy" / first))
    ]
    assert repeated[0].item[0] == str(inputs / first)  # the first source is the one analysed
    assert plan.errors == [(str(inputs / "empty.txt"), "empty file")]  # reported, not analysed


def test_partitions_are_balanced_by_text_length() -> None:
    sizes = [9000, 7000, 5000, 4000, 3000, 3000, 2000, 2000, 1000, 500, 500, 100]
    units = [Unit((f"f{i:02}.txt", None, None), 0, f"id{i}", n, (f"f{i:02}.txt",))
             for i, n in enumerate(sizes)]  # fmt: skip
    dealt = balance(units, 3)
    assert sorted(u.article_id for part in dealt for u in part) == sorted(
        f"id{i}" for i in range(12)
    )
    loads = [sum(u.chars for u in part) for part in dealt]
    assert max(loads) - min(loads) <= 500, loads  # folder order would give 21000 / 12000 / 4100
    assert all(part == sorted(part, key=lambda u: u.item) for part in dealt)
    assert len(balance(units[:2], 3)) == 2  # no empty partitions


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return with_a_repeat(tmp_path_factory.mktemp("spark-in") / "in")


@pytest.fixture(scope="module")
def parquet(tmp_path_factory: pytest.TempPathFactory, inputs: Path) -> Path:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not Path("/usr/bin/java").exists():
        pytest.skip("Spark needs Java (17)")
    out = tmp_path_factory.mktemp("spark") / "tables"
    result = run_dyad("spark", "extract", str(inputs), "--out", str(out), "--master", "local[2]")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert "5 articles (6 sources), 0 failed" in result.stderr.decode()
    return out


def test_spark_parquet_loads_into_a_store_with_the_gold_timeline(
    parquet: Path, inputs: Path, tmp_path: Path
) -> None:
    db = tmp_path / "spark.duckdb"
    loaded = run_dyad("ingest", "--parquet", str(parquet), "--db", str(db))
    assert loaded.returncode == 0, loaded.stderr.decode()
    assert "5 added, 1 already stored" in loaded.stderr.decode()  # the repeat
    shown = run_dyad(
        "timeline", "Barack Obama", "Vladimir Putin", "--db", str(db), "--format", "json"
    )
    assert shown.returncode == 0, shown.stderr.decode()
    check_gold_timeline(json.loads(shown.stdout))
    # the same store as analysing the samples directly (the repeated text analysed once,
    # both its sources kept), and loading again adds nothing
    direct = tmp_path / "direct.duckdb"
    assert run_dyad("ingest", str(inputs), "--db", str(direct), "--workers", "1").returncode == 0
    got, want = dump(db), dump(direct)
    assert len(got["articles"]) == 5 and len(got["article_sources"]) == 6
    for table in ("articles", "article_sources", "entities", "mentions", "quotes", "timexes"):
        assert got[table] == want[table], table
    assert [r[:-1] for r in got["events"]] == [r[:-1] for r in want["events"]]  # less fused_id
    again = run_dyad("ingest", "--parquet", str(parquet), "--db", str(db))
    assert "0 added, 6 already stored" in again.stderr.decode()


def test_ingest_parquet_names_a_missing_table(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    result = run_dyad("ingest", "--parquet", str(tmp_path), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 1
    assert (
        result.stderr.decode()
        .strip()
        .endswith(f"no article_sources table (expected {tmp_path}/article_sources/*.parquet)")
    )
