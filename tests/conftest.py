"""Shared fixtures: paths to the bundled samples, the optional shared data, and a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("DYAD_SHARED", ROOT.parent / "shared"))


def run_dyad(
    *args: str, input: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the real command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "dyad", *args],
        input=input,
        capture_output=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def jsonl(stdout: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    path = SHARED / "samples" / "gold.json"
    if not path.exists():
        pytest.skip(f"{path} not present")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path
