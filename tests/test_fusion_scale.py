"""The fusion-scale benchmark, run through its command line on a small corpus of our own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "fusion_scale.py"
MEETING = "Barack Obama met Vladimir Putin in Los Cabos on Monday. They discussed Syria."


def _corpus(root: Path) -> Path:
    data = root / "data"
    for n, topic in enumerate(["business", "politics", "sport", "tech"]):
        folder = data / "bbc" / topic
        folder.mkdir(parents=True)
        (folder / f"{n:03}.txt").write_text(f"Report {n}\n\nShares in firm {n} rose.\n")
    t17 = data / "t17" / "SyrianCrisis_bbc"
    t17.mkdir(parents=True)
    records = [
        {"id": "a", "time": "2012-06-19T00:00:00", "text": MEETING},
        {"id": "b", "time": "2012-06-20T00:00:00", "text": "Yesterday's news. " + MEETING},
    ]
    (t17 / "articles.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return data


def _run(tmp_path: Path, *args: str) -> dict:  # type: ignore[type-arg]
    out = tmp_path / "figures.json"
    cmd = [sys.executable, str(SCRIPT), "--data", str(_corpus(tmp_path)), "--json", str(out)]
    proc = subprocess.run([*cmd, "--batch", "2", "--repeat", "1", *args],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "fusion per article" in proc.stdout
    figures: dict = json.loads(out.read_text())  # type: ignore[type-arg]
    return figures


def test_pipeline_mode_fuses_the_same_meeting_across_articles(tmp_path: Path) -> None:
    run = _run(tmp_path)["pipeline"]
    assert run["articles"] == 6
    assert run["totals"]["articles_stored"] == 6
    assert run["totals"]["fused_2plus_articles"] >= 1  # the Monday meeting, 2012-06-18
    assert run["totals"]["undated_articles"] == 4
    assert [b["stored_before"] for b in run["batches"]] == [0, 2, 4]
    assert run["pipeline_timing"]["read_errors"] == []


def test_synthetic_mode_keeps_the_other_modes_figures(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    out.write_text(json.dumps({"pipeline": {"kept": True}}))
    figures = _run(tmp_path, "--synthetic", "--limit", "4")
    assert figures["pipeline"] == {"kept": True}
    syn = figures["synthetic"]
    assert syn["articles"] == 4 and syn["scale"]["window"] == 2
    assert syn["totals"]["mentions"] == 32  # 8 synthetic mentions an article


def test_missing_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--data", str(tmp_path / "nope")],
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 2 and "not found" in proc.stderr
