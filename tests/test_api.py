"""The Python API: ``import dyad`` stays cheap, the README's examples run, and the store's
read queries agree with the CLI's.

The README's ```python blocks are executed in order, in one namespace, in a folder holding
``samples/`` and a ``news.duckdb`` made from them through the API itself
(``Store.add(extract_files(...))``), as the README's shell example makes it.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import dyad
from conftest import ROOT, SAMPLES
from dyad.errors import InputError
from dyad.store.stories_queries import list_events


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("api")
    (here / "samples").symlink_to(SAMPLES, target_is_directory=True)
    articles = [a for a in dyad.extract_files([SAMPLES]) if isinstance(a, dyad.Article)]
    assert len(articles) == 5
    with dyad.Store(here / "news.duckdb") as store:
        store.add(articles)
    return here


@contextlib.contextmanager
def inside(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def test_import_is_cheap() -> None:
    code = "import sys, dyad; print(sorted(m for m in ('spacy', 'duckdb') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True)
    assert out.stdout.strip() == "[]"


def test_readme_examples_run(folder: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert len(blocks) >= 2
    namespace: dict[str, object] = {}
    printed = io.StringIO()
    with inside(folder), contextlib.redirect_stdout(printed):
        for block in blocks:
            exec(compile(block, "README.md", "exec"), namespace)
    text = printed.getvalue()
    assert "CONSULT occurred 2012-06-18" in text
    assert "skipped missing.txt" in text
    assert (folder / "events.parquet").exists()


def test_store_records_agree_with_the_cli_queries(folder: Path) -> None:
    with dyad.Store(folder / "news.duckdb", read_only=True) as store:
        records = store.events(between=("Obama", "Putin"), since="2012-06", until="2012-06-30")
        listed = list_events(
            store,
            between=(["barack-obama"], ["vladimir-putin"]),
            since=date(2012, 6, 1),
            until=date(2012, 6, 30),
        )
        assert [(r["article_id"], r["idx"]) for r in records] == [
            (r["article_id"], r["idx"]) for r in listed
        ]
        assert records[0]["actors"][0]["id"] in ("barack-obama", "vladimir-putin")
        empty = store.quotes(actor="Nobody Atall")
        assert empty == [] and empty.to_pandas().columns[0] == "article_id"
        assert empty.to_arrow().num_rows == 0 and "speaker_name" in empty.to_arrow().column_names
        assert store.timeline("Obama", "Putin")[0]["sources"]
        with pytest.raises(ValueError, match="not a date"):
            store.articles(since="June")
        consult = store.fused_events(between=("Obama", "Putin"), type="consult")
        assert consult and {r["type"] for r in consult} == {"CONSULT"}
        assert len(store.events(type="CONSULT")) == len(list_events(store, event_type="CONSULT"))
        with pytest.raises(ValueError, match="not a PLOVER event type"):
            store.events(type="MEET")
        with pytest.raises(TypeError, match="no filter 'type'"):
            store.quotes(type="CONSULT")  # type: ignore[call-arg]
        with pytest.raises(TypeError, match="no filter 'actors'"):
            store.events(actors="Putin")  # type: ignore[call-arg]


def test_extract_text_resolves_against_the_publication_date() -> None:
    article = dyad.extract_text(
        "Vladimir Putin met Barack Obama in Los Cabos on Monday.", published="2012-06-19"
    )
    assert article.meta.published == "2012-06-19"
    assert any((e.date or {}).get("value") == "2012-06-18" for e in article.events)
    with pytest.raises(InputError):
        dyad.extract_text("   ")
