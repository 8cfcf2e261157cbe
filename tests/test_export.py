"""``dyad export``: every format round-trips on the bundled samples' store.

One store for the module, made by the real ``dyad ingest``; exports run through the real
command line. CSV and Parquet are read back with DuckDB and compared with the export query,
the GDELT file is checked column by column, and every PLOVER object is validated against the
JSON Schema shipped in ``dyad/data/export``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pytest

from conftest import SAMPLES, run_dyad
from dyad.exports import ExportError, Filters, export, format_of
from dyad.exports import gdelt as gdelt_module
from dyad.exports.gdelt import COLUMNS
from dyad.exports.plover import plover_schema
from dyad.exports.sql import table_query
from dyad.exports.stream import _Articles
from dyad.store import Store
from dyad.store.stories_queries import list_events

OBAMA, PUTIN = ("barack-obama",), ("vladimir-putin",)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("export") / "samples.duckdb"
    result = run_dyad("ingest", str(SAMPLES), "--db", str(path))
    assert result.returncode == 0, result.stderr.decode()
    return str(path)


def query_rows(db: str, table: str, filters: Filters | None = None) -> list[tuple[Any, ...]]:
    sql, params = table_query(table, filters or Filters())
    with Store(db, read_only=True) as store:
        return store.con.execute(sql, params).fetchall()


def exported(db: str, out: Path, *args: str) -> None:
    result = run_dyad("export", "--db", db, "--to", str(out), *args)
    assert result.returncode == 0, result.stderr.decode()
    assert b"rows as" in result.stderr


@pytest.mark.parametrize("table", ["events", "fused", "articles", "quotes", "entities"])
def test_parquet_reads_back_to_the_same_rows(db: str, tmp_path: Path, table: str) -> None:
    out = tmp_path / f"{table}.parquet"
    assert export(db, out, fmt="parquet", table=table).rows == len(query_rows(db, table))
    back = duckdb.connect().execute(f"SELECT * FROM read_parquet('{out}')").fetchall()
    expected = query_rows(db, table)
    assert expected, f"the samples hold {table}"
    # exports are in store order, not sorted; JSON columns come back as text, everything
    # else (dates, lists, integers) as it was
    assert sorted(tuple(map(_plain, r)) for r in back) == sorted(
        tuple(map(_plain, r)) for r in expected
    )


def _plain(value: Any) -> Any:
    """JSON text decoded, then everything as text so rows sort whatever their None's."""
    if isinstance(value, str) and value[:1] in "[{":
        value = json.loads(value)
    return "\0none" if value is None else json.dumps(value, default=str, sort_keys=True)


@pytest.mark.parametrize("table", ["events", "quotes", "articles"])
def test_csv_reads_back_to_the_same_rows(db: str, tmp_path: Path, table: str) -> None:
    out = tmp_path / f"{table}.csv"
    export(db, out, fmt="csv", table=table)
    con = duckdb.connect()
    back = con.execute(f"SELECT * FROM read_csv('{out}', all_varchar=true)").fetchall()
    expected = query_rows(db, table)
    assert len(back) == len(expected)
    # the same keys and the same text cells (in store order, not sorted)
    text_at = 6 if table == "quotes" else 4

    def cells(r: tuple[Any, ...]) -> tuple[str, str, str]:
        return (str(r[0]), str(r[1]), "" if r[text_at] is None else str(r[text_at]))

    assert sorted(map(cells, back)) == sorted(map(cells, expected))


def test_jsonl_and_stdout(db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    exported(db, out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    keys = sorted((r["article_id"], r["idx"]) for r in lines)
    assert keys == sorted(r[:2] for r in query_rows(db, "events"))
    assert isinstance(lines[0]["actors"], list)  # JSON columns stay JSON
    piped = run_dyad("export", "--db", db, "--to", "-", "--format", "jsonl")
    assert piped.returncode == 0 and piped.stdout == out.read_bytes()


def test_filters_pick_the_same_events_as_dyad_events(db: str, tmp_path: Path) -> None:
    filters = Filters(between=(OBAMA, PUTIN), since=date(2012, 6, 1), until=date(2012, 6, 30))
    rows = query_rows(db, "events", filters)
    with Store(db, read_only=True) as store:
        listed = list_events(
            store, between=(OBAMA, PUTIN), since=date(2012, 6, 1), until=date(2012, 6, 30)
        )
    assert rows and sorted(r[:2] for r in rows) == sorted(
        (r["article_id"], r["idx"]) for r in listed
    )
    streamed = tmp_path / "june.jsonl"  # the export streams and checks dates in Python
    export(db, streamed, fmt="jsonl", filters=filters)
    lines = [json.loads(line) for line in streamed.read_text(encoding="utf-8").splitlines()]
    assert sorted((r["article_id"], r["idx"]) for r in lines) == sorted(r[:2] for r in rows)
    everyone = query_rows(db, "events", Filters(actor_ids=PUTIN))
    with Store(db, read_only=True) as store:
        assert len(everyone) == len(list_events(store, actor_ids=PUTIN))
        consult = list_events(store, actor_ids=PUTIN, event_type="CONSULT")
    typed = query_rows(db, "events", Filters(actor_ids=PUTIN, event_type="CONSULT"))
    assert consult and len(consult) < len(everyone)
    assert sorted(r[:2] for r in typed) == sorted((r["article_id"], r["idx"]) for r in consult)
    out = tmp_path / "consult.jsonl"  # the streamed path filters by type too
    export(db, out, fmt="jsonl", filters=Filters(actor_ids=PUTIN, event_type="CONSULT"))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["type"] for r in lines} == {"CONSULT"} and len(lines) == len(consult)
    fused = query_rows(db, "fused", Filters(event_type="CONSULT"))
    assert fused and len(fused) < len(query_rows(db, "fused"))
    with pytest.raises(ExportError, match="not quotes"):
        export(db, tmp_path / "q.csv", fmt="csv", table="quotes", filters=Filters(event_type="X"))


def test_gdelt_has_61_columns_on_every_line(db: str, tmp_path: Path) -> None:
    out = tmp_path / "fused.gdelt.tsv"
    exported(db, out)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(COLUMNS) == 61
    rows = [line.split("\t") for line in lines[:-1]]
    assert rows[0] == list(COLUMNS)
    assert all(len(r) == 61 for r in rows)
    assert len(rows) - 1 == len(query_rows(db, "fused"))
    cells = [dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]]
    ids = [c["GLOBALEVENTID"] for c in cells]
    assert len(set(ids)) == len(ids) and all(i.isdigit() for i in ids)
    # an article without an outlet (a plain-text sample) still counts as a source of its own
    assert all(1 <= int(c["NumSources"]) <= int(c["NumArticles"]) for c in cells)
    summit = [
        c for c in cells
        if c["SQLDATE"] == "20120618" and {c["Actor1Name"], c["Actor2Name"]}
        == {"Barack Obama", "Vladimir Putin"}
    ]  # fmt: skip
    assert summit, "the Los Cabos meeting of 2012-06-18"
    best = max(summit, key=lambda c: int(c["NumArticles"]))
    assert int(best["NumArticles"]) >= 3 and best["EventRootCode"] == "04"
    assert best["QuadClass"] == "1" and float(best["GoldsteinScale"]) == 1.0
    assert best["MonthYear"] == "201206" and best["Year"] == "2012"
    assert {best["Actor1CountryCode"], best["Actor2CountryCode"]} == {"USA", "RUS"}
    assert best["ActionGeo_CountryCode"] == "MEX" and "Mexico" in best["ActionGeo_FullName"]
    assert best["SOURCEURL"].startswith("https://")
    assert len(best["DATEADDED"]) == 14


def test_every_plover_object_validates(db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    exported(db, out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(query_rows(db, "events"))
    validator = jsonschema.Draft202012Validator(plover_schema())
    jsonschema.Draft202012Validator.check_schema(plover_schema())
    with Store(db, read_only=True) as store:
        texts = dict(store.con.execute("SELECT id, text FROM articles").fetchall())
    for record in records:
        validator.validate(record)
        text = texts[record["story"]["article_id"]]
        assert text[record["sentence_start"] : record["sentence_end"]] == record["text"]
    assert any(r["context"] for r in records) or all(r["cameo"] is None for r in records)
    coded = [a for r in records for a in r["actor"] if a["id"] == "vladimir-putin"]
    assert coded and all(a["country"] == "RUS" and a["code"] for a in coded)


def test_bad_requests_are_usage_errors(db: str, tmp_path: Path) -> None:
    for args in (
        ["--to", str(tmp_path / "x.tsv")],  # no format from a plain .tsv
        ["--to", str(tmp_path / "x.csv"), "--format", "gdelt", "--table", "quotes"],
        ["--to", str(tmp_path / "x.csv"), "--since", "June"],
        ["--to", str(tmp_path / "x.csv"), "--table", "quotes", "--type", "CONSULT"],
    ):
        result = run_dyad("export", "--db", db, *args)  # (each a real run: ~4 s to start)
        assert result.returncode == 2, (args, result.stderr)
    assert not list(tmp_path.iterdir())


def test_a_failed_export_leaves_no_file(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "fused.gdelt.tsv"
    out.write_text("an older export\n", encoding="utf-8")

    def broken(row: dict[str, Any]) -> list[str]:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(gdelt_module, "gdelt_row", broken)
    with pytest.raises(RuntimeError):
        export(db, out, fmt="gdelt")
    assert [p.name for p in tmp_path.iterdir()] == ["fused.gdelt.tsv"]
    assert out.read_text(encoding="utf-8") == "an older export\n"
    missing = run_dyad(
        "export", "--db", str(tmp_path / "none.duckdb"), "--to", str(tmp_path / "a.csv")
    )
    assert missing.returncode == 1 and b"no such store" in missing.stderr
    assert not (tmp_path / "a.csv").exists()
    nowhere = tmp_path / "no" / "such" / "dir" / "a.csv"
    with pytest.raises(ExportError, match="cannot write"):
        export(db, nowhere, fmt="csv")


def test_format_from_the_file_name() -> None:
    assert format_of("a.CSV") == "csv" and format_of("x/events.parquet") == "parquet"
    assert format_of("f.gdelt.tsv") == "gdelt" and format_of("e.plover.jsonl") == "plover"
    assert format_of("e.jsonl") == "jsonl" and format_of("e.tsv") is None


def test_event_rows_meet_articles_out_of_store_order(db: str) -> None:
    """An event whose article is behind the scan is still joined (by a keyed lookup)."""
    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()]
        articles = _Articles(store.con)
        last, first = articles.get(ids[-1]), articles.get(ids[0])
        assert last is not None and last[0] == ids[-1]
        assert first is not None and first[0] == ids[0]
        assert articles.get("0" * 64) is None


def test_export_leaves_other_connections_settings_alone(db: str, tmp_path: Path) -> None:
    """DuckDB's memory limit, threads and temporary folder are database-wide: an export
    puts them back for the caller's own connections to the same file."""
    settings = (
        "SELECT current_setting('memory_limit'), current_setting('threads'), "
        "current_setting('temp_directory')"
    )
    with Store(db, read_only=True) as mine:
        before = mine.con.execute(settings).fetchone()
        assert before is not None
        export(db, tmp_path / "a.csv", fmt="csv", table="articles")
        export(db, tmp_path / "e.csv", fmt="csv")
        assert mine.con.execute(settings).fetchone() == before
        mine.con.execute("SET memory_limit = '1GiB'")  # one of the caller's own
        export(db, tmp_path / "f.csv", fmt="csv", table="fused")
        assert mine.con.execute(settings).fetchone() == ("1.0 GiB", *before[1:])
    with pytest.raises(ExportError, match="memory limit"):
        export(db, tmp_path / "b.csv", fmt="csv", memory_limit="1GB'; ATTACH 'x")
    assert not (tmp_path / "b.csv").exists()
    assert export(db, tmp_path / "c.csv", fmt="csv", memory_limit="64 MiB").rows > 0


def test_a_duckdb_error_is_an_export_error(db: str, tmp_path: Path) -> None:
    out = tmp_path / "fused.gdelt.tsv"
    with pytest.raises(ExportError, match=r"fused\.gdelt\.tsv: export failed: Out of Memory"):
        export(db, out, fmt="gdelt", memory_limit="1KB")  # DuckDB cannot pin a block
    assert not list(tmp_path.iterdir())


def test_first_report_key_puts_an_earlier_day_first_whatever_the_rowid() -> None:
    """GDELT's first report: by day, then article (rowid), then mention, for any rowid."""
    sql = (
        "WITH a AS (SELECT * FROM (VALUES (1, DATE '2012-06-01', 200000), "
        "(2, DATE '2012-06-02', 1), (3, DATE '2012-06-01', 5000000000), (4, NULL, 0)) "
        "v(id, published, rowid)), "
        "e AS (SELECT * FROM (VALUES (1, 3, 'early'), (2, 0, 'late'), (3, 9999, 'early, "
        "later article'), (4, 0, 'undated')) v(article_id, idx, name)) "
        f"SELECT e.name FROM e JOIN a ON a.id = e.article_id ORDER BY {gdelt_module._FIRST_KEY}"
    )
    names = [r[0] for r in duckdb.connect().execute(sql).fetchall()]
    assert names == ["early", "early, later article", "late", "undated"]
