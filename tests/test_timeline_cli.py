"""``dyad events``, ``dyad timeline`` and ``dyad relations`` on a store, and end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, run_dyad
from dyad.commands.stories import events, relations_command, timeline
from dyad.store import Store
from test_stories import check_gold, samples_like


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.add(samples_like())
    return str(path)


def test_timeline_json_has_the_contract_shape(db: str) -> None:
    result = CliRunner().invoke(timeline, ["Barack Obama", "Putin", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    check_gold(entries)
    for key in ("type", "status", "date", "location", "actors", "recipients", "summary"):
        assert key in entries[0]
    assert set(entries[0]["sources"][0]) >= {"article", "title", "outlet", "sentence"}


def test_timeline_names_resolve_like_text(db: str) -> None:
    runner = CliRunner()
    outputs = {
        runner.invoke(timeline, [a, b, "--db", db, "--format", "json"]).output
        for a, b in (("Obama", "Putin"), ("barack-obama", "vladimir-putin"))
    }
    assert len(outputs) == 1


def test_timeline_text_and_html(db: str) -> None:
    text = CliRunner().invoke(timeline, ["Obama", "Putin", "--db", db]).output
    assert "2012-06-18" in text and "met in Los Cabos, Mexico" in text
    page = CliRunner().invoke(timeline, ["Putin", "--db", db, "--format", "html"]).output
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "src=" not in page


def test_timeline_max_entries_keeps_the_best_reported(db: str) -> None:
    out = (
        CliRunner()
        .invoke(timeline, ["Putin", "--db", db, "--format", "json", "--max-entries", "1"])
        .output
    )
    (entry,) = json.loads(out)
    assert entry["date"] == "2012-06-18"


def test_events_filters(db: str) -> None:
    runner = CliRunner()
    out = runner.invoke(
        events,
        [
            "--between",
            "Obama",
            "Putin",
            "--type",
            "consult",
            "--since",
            "2016",
            "--format",
            "json",
            "--db",
            db,
        ],
    ).output
    rows = json.loads(out)
    assert [r["date"] for r in rows] == ["2016-09-04"]
    out = runner.invoke(
        events, ["--actor", "Putin", "--until", "2012-06", "--format", "csv", "--db", db]
    ).output
    assert out.startswith("date,type,status") and "2016" not in out


def test_events_bad_date_is_a_usage_error(db: str) -> None:
    result = CliRunner().invoke(events, ["--since", "June", "--db", db])
    assert result.exit_code == 2 and "is not a date" in result.output


def test_relations_table_and_svg(db: str, tmp_path: Path) -> None:
    plot = tmp_path / "r.svg"
    result = CliRunner().invoke(
        relations_command,
        [
            "Russia",
            "United States",
            "--db",
            db,
            "--by",
            "year",
            "--format",
            "json",
            "--plot",
            str(plot),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output[: result.output.rindex("]") + 1])
    assert rows[0]["period"] == "2012" and rows[0]["cooperative"] == 1
    assert plot.read_text().startswith("<svg")
    png = tmp_path / "r.png"
    drawn = CliRunner().invoke(
        relations_command, ["Russia", "Obama", "--db", db, "--plot", str(png)]
    )
    assert drawn.exit_code == 0, drawn.output
    assert png.read_bytes().startswith(b"\x89PNG")
    wrong = CliRunner().invoke(
        relations_command, ["Russia", "Obama", "--db", db, "--plot", "x.gif"]
    )
    assert wrong.exit_code == 2


# The `timeline` section of ../shared/samples/gold.json, embedded so the test runs without it.
GOLD_TIMELINE: dict[str, Any] = {
    "expect": [
        {"type": "CONSULT", "date_prefix": "2012-06-18", "status": "occurred", "min_sources": 3},
        {"type": "CONSULT", "date_prefix": "2013", "status_any": ["cancelled", "planned"],
         "min_sources": 1},
        {"type": "CONSULT", "date_prefix": "2016-09", "status": "planned", "min_sources": 1},
    ],
    "max_consult_entries_2012_06": 1,
}  # fmt: skip


def test_embedded_gold_timeline_matches_the_shared_file(gold: dict[str, Any]) -> None:
    assert {k: v for k, v in gold["timeline"].items() if k != "_about"} == GOLD_TIMELINE


def test_end_to_end_gold_timeline(tmp_path: Path) -> None:
    db = str(tmp_path / "e2e.duckdb")
    ingest = run_dyad("ingest", str(SAMPLES), "--db", db)
    assert ingest.returncode == 0, ingest.stderr.decode()
    shown = run_dyad("timeline", "Barack Obama", "Vladimir Putin", "--db", db, "--format", "json")
    assert shown.returncode == 0, shown.stderr.decode()
    check_gold_timeline(json.loads(shown.stdout))


def check_gold_timeline(entries: list[dict[str, Any]]) -> None:
    """The Obama–Putin timeline (``dyad timeline --format json``) meets the gold expectations."""
    expect = GOLD_TIMELINE
    for want in expect["expect"]:
        assert any(
            e["type"] == want["type"]
            and (e["date"] or "").startswith(want["date_prefix"])
            and e["status"] in want.get("status_any", [want.get("status")])
            and len(e["sources"]) >= want["min_sources"]
            for e in entries
        ), want
    june = [
        e for e in entries if e["type"] == "CONSULT" and (e["date"] or "").startswith("2012-06")
    ]
    assert len(june) <= expect["max_consult_entries_2012_06"]
