"""Hostile input: every bad file one clear error line, good files beside it stored, no hang.

The end-to-end test runs the small corpus of ``benchmarks/hostile_input.py`` (all its cases
but the 50 MB and 1.5M-character files) through the real ``extract`` and ``ingest``; the
others check single mechanisms through the library.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_dyad
from dyad.clean import clean
from dyad.clean.defuse import MAX_RUN, defuse
from dyad.model import RawDocument, ReadError
from dyad.readers import files as reader_files
from dyad.readers import formats, read_paths

sys.path.insert(0, str(ROOT / "benchmarks"))
import hostile_input


def read(*paths: Path | str) -> list[RawDocument | ReadError]:
    return list(read_paths([str(p) for p in paths]))


def test_small_hostile_corpus_through_extract_and_ingest(tmp_path: Path) -> None:
    result = hostile_input.run(small=True, timeout=240)
    for command in ("extract", "ingest"):
        found = result[command]
        assert found["hangs"] == 0, command
        assert found["not_handled"] == [], (command, found["cases"])
        assert found["unexpected_lines"] == 0, (command, found["stray_lines"])
        assert found["tried"] >= 25


def test_named_pipe_without_writer_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    (item,) = read(fifo)
    assert isinstance(item, ReadError) and "named pipe" in item.reason
    assert time.monotonic() - start < reader_files.FIFO_WAIT + 3


def test_named_pipe_whose_writer_comes_late_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)

    def write_later() -> None:
        time.sleep(0.3)
        fifo.write_bytes(b"Written a moment after the reader opened the pipe.")

    writer = threading.Thread(target=write_later)
    writer.start()
    (item,) = read(fifo)
    writer.join(timeout=5)
    assert isinstance(item, RawDocument) and item.content.startswith("Written")


def test_devices_loops_and_special_files_in_folders_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("An article.", encoding="utf-8")
    os.symlink("loop2", tmp_path / "loop1")
    os.symlink("loop1", tmp_path / "loop2")
    os.mkfifo(tmp_path / "pipe")
    items = read(tmp_path, "/dev/zero")
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, ReadError)}
    assert reasons["loop1"] == reasons["loop2"] == "too many levels of symbolic links"
    assert "named pipe" in reasons["pipe"]
    assert reasons["zero"] == "not a regular file but a character device"
    assert [i.content for i in items if isinstance(i, RawDocument)] == ["An article."]


def test_file_name_that_is_not_utf8_gives_a_storable_source(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xffname.txt")
    (tmp_path / name).write_text("An article with an odd name.", encoding="utf-8")
    (item,) = read(tmp_path)
    assert isinstance(item, RawDocument)
    assert item.source.endswith("bad\\xffname.txt")
    item.source.encode("utf-8")  # no lone surrogates left


def test_oversized_inputs_are_refused_before_cleaning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader_files, "MAX_DOCUMENT_CHARS", 1000)
    monkeypatch.setattr(formats, "MAX_DOCUMENT_CHARS", 1000)
    monkeypatch.setattr(reader_files, "MAX_READ_BYTES", 50_000)
    (tmp_path / "long.txt").write_text("word " * 300, encoding="utf-8")
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 200_000))
    (tmp_path / "longer.txt").write_text("word " * 1000, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "short"}\n' * 400, encoding="utf-8")
    items = read(*(tmp_path / n for n in ("long.txt", "bomb.txt.gz", "longer.txt", "feed.jsonl")))
    assert [getattr(i, "reason", "") for i in items[:3]] == [
        "too long for one article: 1,500 characters (limit 1,000)",
        "too large to read whole: over 0 MB",
        "too long for one article: 5,000 bytes",  # refused before decoding
    ]
    assert len(items) == 3 + 400  # a large JSON Lines file is many articles, not one


def test_jsonl_lone_surrogates_and_a_published_that_is_not_a_date(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "Obama \\ud800 met Putin.", "published": "next Tuesday-ish"}\n'
        + json.dumps({"text": "Putin met Obama.", "published": 1339372800})
        + "\n",
        encoding="utf-8",
    )
    first, second = read(path)
    assert isinstance(first, RawDocument) and "\ufffd" in first.content
    _, meta = clean(first)
    assert meta.published is None
    assert meta.warnings == ["published 'next Tuesday-ish' is not a date; left unknown"]
    assert isinstance(second, RawDocument)
    assert clean(second)[1].warnings == ["published 1339372800 is not a date; left unknown"]


def test_published_warning_is_one_line_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "Putin met Obama.", "published": "soon"}) + "\n")
    done = run_dyad("extract", str(path))
    assert done.returncode == 0
    assert done.stderr.decode().splitlines() == [
        f"dyad: warning: {path}#L1: published 'soon' is not a date; left unknown"
    ]


def test_defuse_shortens_what_is_not_language_and_keeps_the_rest() -> None:
    text = 'He said "' + '"' * 10_000 + " and left. See https://example.com/" + "a" * 200
    out = defuse(text)
    assert '""""' not in out and out.endswith("a" * 200)
    assert defuse("x" * (MAX_RUN + 1) + " ok") == "  ok"
    plain = "Ordinary text -- with dashes... and 'quotes'!!"
    assert defuse(plain) == plain
