"""The learned date ranker (:mod:`dyad.stories.dateranker`), the store's sentences
(:mod:`dyad.stories.collection`) and ``dyad timeline --query``."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import SAMPLES, run_dyad
from dyad.model import Timex
from dyad.store import Store
from dyad.stories.collection import split_sentences, store_sentences
from dyad.stories.dateranker import FEATURES, DateRanker, date_features, default_ranker
from dyad.stories.summarise import Sentence, central, effective_keywords, idf_table
from test_stories import article, samples_like

D0 = date(2010, 4, 20)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def collection() -> list[Sentence]:
    """Day 0 (a blast) is recalled by 3 later articles; day 5 named once, the same day."""
    s = [Sentence("A rig exploded in the Gulf, killing 11 workers.", day(0), [], 0, "a0")]
    for i, n in enumerate((3, 10, 30)):
        s.append(Sentence("Oil has leaked since the rig exploded on 20 April.", day(n), [day(0)],
                          1, f"b{i}"))  # fmt: skip
        s.append(Sentence("Officials met on the spill.", day(n), [], 0, f"b{i}"))
    s.append(Sentence("BP said on Sunday it would try a dome.", day(5), [day(5)], 2, "c"))
    return s


def column(rows: list[list[float]], name: str) -> list[float]:
    return [r[FEATURES.index(name)] for r in rows]


def test_date_features_count_references_articles_and_publications() -> None:
    days, rows = date_features(collection())
    assert days == [day(0), day(3), day(5), day(10), day(30)]
    assert all(len(r) == len(FEATURES) for r in rows)
    assert column(rows, "ref_articles_max") == [1.0, 0.0, 1 / 3, 0.0, 0.0]
    assert column(rows, "ref_later_log")[0] == pytest.approx(__import__("math").log1p(3))
    assert column(rows, "ref_later_log")[2] == 0.0  # named the day it was published
    assert column(rows, "pub_articles_max") == [1.0, 1.0, 1.0, 1.0, 1.0]
    assert column(rows, "ref_pct")[0] == 1.0 and column(rows, "ref_pct")[1] == 0.25  # 3-way tie
    days, _ = date_features(collection(), start=day(1), end=day(10))
    assert days == [day(3), day(5), day(10)]


def test_ranker_prefers_the_recalled_day_and_the_shipped_model_loads() -> None:
    model = {"features": ["ref_articles_log", "ref_later_log"], "means": [0.0, 0.0],
             "scales": [1.0, 1.0], "weights": [1.0, 1.0]}  # fmt: skip
    ranked = DateRanker(model).rank(collection())
    assert ranked[0][0] == day(0) and sum(p for _, p in ranked) == pytest.approx(1.0)
    shipped = default_ranker()
    assert set(shipped.model["features"]) <= set(FEATURES)
    assert shipped.rank(collection())[0][0] == day(0)
    with pytest.raises(ValueError, match="retrain"):
        DateRanker({**model, "features": ["no_such_feature", "ref_log"]})


def test_a_query_that_describes_nothing_is_ignored_and_duplicates_are_avoided() -> None:
    sentences = collection()
    assert effective_keywords(sentences, ["bpoil"]) == []
    assert effective_keywords(sentences, ["oil spill"]) == ["oil spill"]
    texts = ["Oil has leaked since the rig exploded on 20 April off Louisiana.",
             "Officials met in Houston to discuss the oil spill response plans."]  # fmt: skip
    idf = idf_table(texts)
    assert central(texts, idf, 2) == [0, 1] or central(texts, idf, 2) == [1, 0]
    assert central(texts, idf, 2, avoid=[texts[0]]) == [1]


def test_split_sentences_keeps_offsets() -> None:
    text = 'He left on Sept. 4 at noon. "We go," she said.\nNew line here'
    parts = split_sentences(text)
    assert [p for _, p in parts] == ["He left on Sept. 4 at noon.", '"We go," she said.',
                                     "New line here"]  # fmt: skip
    assert all(text[o : o + len(p)] == p for o, p in parts)


def test_split_sentences_keep_their_closing_quotes() -> None:
    text = 'He said: "We will go." Then he left. \u201cNever,\u201d she said! (It rained.) End'
    assert [p for _, p in split_sentences(text)] == [
        'He said: "We will go."',
        "Then he left.",
        "\u201cNever,\u201d she said!",
        "(It rained.)",
        "End",
    ]


def test_split_sentences_keeps_abbreviations_and_initials_inside() -> None:
    text = (
        "U.S. President Barack Obama met Mr. Putin in St. Petersburg on Monday. They talked. "
        "George W. Bush and Gen. Petraeus left on Jan. 5 for the U.N. in New York. Then (Dr. "
        "Smith) spoke."
    )
    assert [p for _, p in split_sentences(text)] == [
        "U.S. President Barack Obama met Mr. Putin in St. Petersburg on Monday.",
        "They talked.",
        "George W. Bush and Gen. Petraeus left on Jan. 5 for the U.N. in New York.",
        "Then (Dr. Smith) spoke.",
    ]


def test_store_and_benchmark_keep_sentences_alike(tmp_path: Path) -> None:
    """Both sides drop parts under five tokens and number the kept sentences 0, 1, ...: the
    store's sentences have the shape the shipped ranker was trained on (Timeline17's)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from t17_data import load_sentences

    lines = ["By Jane Doe", "Troops crossed the border on 4 March 2012 at dawn.", "Photo: AP",
             "Officials in the capital said the talks would resume soon."]  # fmt: skip
    record = {"id": "x", "time": "2012-03-06", "text": "\n".join(lines)}
    (tmp_path / "articles.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    bench = load_sentences(tmp_path)
    assert [(s.text, s.position) for s in bench] == [(lines[1], 0), (lines[3], 1)]
    assert bench[0].dates == [date(2012, 3, 4)]
    text = record["text"]
    at = text.index("4 March 2012")
    timex = Timex("4 March 2012", (at, at + 12), "DATE", "2012-03-04")
    with Store(tmp_path / "s.duckdb") as store:
        store.add([article("x", "2012-03-06", [], [timex], text)])
        stored, _ = store_sentences(store)
    assert [(s.text, s.position, s.dates) for s in stored] == [
        (s.text, s.position, s.dates) for s in bench
    ]


def test_store_sentences_carry_the_stored_days(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(samples_like())
        sentences, meta = store_sentences(store)
    assert sentences and set(meta) == {s.article for s in sentences}
    assert any(date(2012, 6, 18) in s.dates for s in sentences)
    assert all(s.published is not None for s in sentences)


def test_query_timeline_cli_on_the_samples(tmp_path: Path) -> None:
    db = str(tmp_path / "q.duckdb")
    assert run_dyad("ingest", str(SAMPLES), "--db", db).returncode == 0
    shown = run_dyad("timeline", "--query", "Putin", "--max-entries", "3", "--db", db,
                     "--format", "json")  # fmt: skip
    assert shown.returncode == 0, shown.stderr.decode()
    days = json.loads(shown.stdout)
    assert 1 <= len(days) <= 3 and days == sorted(days, key=lambda d: d["date"])
    assert "2012-06-18" in {d["date"] for d in days}  # the Los Cabos meeting
    texts = [s["sentence"] for d in days for s in d["sources"]]
    assert len(texts) == len(set(texts))  # no sentence shown twice
    page = run_dyad("timeline", "--query", "Putin", "--max-entries", "2", "--db", db,
                    "--format", "html").stdout.decode()  # fmt: skip
    assert page.startswith("<!DOCTYPE html>") and "more on less important dates" in page
    both = run_dyad("timeline", "Putin", "--query", "Putin", "--db", db)
    assert both.returncode == 2 and b"not both" in both.stderr


def test_query_timeline_checks_the_query_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``effective_keywords`` (a pass over every sentence) runs once per keyword timeline:
    the ranker is given the checked terms instead of checking them again."""
    from dyad.stories import collection, dateranker, summarise

    calls = 0
    real = summarise.effective_keywords

    def counted(sentences: list[Sentence], keywords: list[str]) -> list[str]:
        nonlocal calls
        calls += 1
        return real(sentences, keywords)

    monkeypatch.setattr(collection, "effective_keywords", counted)
    monkeypatch.setattr(dateranker, "effective_keywords", counted)
    with Store(tmp_path / "s.duckdb") as store:
        store.add(samples_like())
        days = collection.query_timeline(store, "Putin", 3)
    assert days and calls == 1
