"""`dyad actor`, `dyad quotes` and the user's own actor file, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES, run_dyad

MINE = {
    "id": "ivan-petrov-analyst",
    "name": "Ivan Petrov",
    "type": "PERSON",
    "country": "RUS",
    "sector": "education",
    "aliases": ["I. Petrov"],
    "roles": [{"code": "RUSEDU", "title": "Director of the Moscow Policy Lab",
               "start": "2011-01-01", "end": None}],
}  # fmt: skip


def test_actor_names_resolve_alike() -> None:
    shown = [json.loads(run_dyad("actor", n, "--format", "json").stdout)["id"]
             for n in ("Putin", "Vladimir Putin", "vladimir-putin")]  # fmt: skip
    assert shown == ["vladimir-putin"] * 3
    text = run_dyad("actor", "Medvedev", "--on", "2010-01-01").stdout.decode()
    assert "President of Russia" in text and "now: President of Russia" in text


def test_unknown_actor_is_a_clear_error() -> None:
    proc = run_dyad("actor", "Zzyzx Qwertyuiop")
    assert proc.returncode == 1
    assert "no actor known as" in proc.stderr.decode()


def test_user_actor_file_extends_the_kb(tmp_path: Path) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps(MINE) + "\n")
    proc = run_dyad("--kb", str(mine), "actor", "Ivan Petrov", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["roles"][0]["title"] == "Director of the Moscow Policy Lab"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n{not json\n')
    proc = run_dyad("--kb", str(bad), "actor", "Putin")
    assert proc.returncode == 1
    assert "bad.jsonl" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_quotes_over_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    run_dyad("ingest", str(SAMPLES), "--db", db)
    rows = json.loads(
        run_dyad("quotes", "--db", db, "--speaker", "McFaul", "--format", "json").stdout
    )
    assert rows and all(r["speaker_id"] == "michael-mcfaul" for r in rows)
    assert any("Press read too much" in r["text"] for r in rows)
    hits = json.loads(
        run_dyad("quotes", "--db", db, "--contains", "candid", "--format", "json").stdout
    )
    assert [h["speaker_name"] for h in hits] == ["Barack Obama"]
