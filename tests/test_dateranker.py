"""The learned date ranker (:mod:`dyad.stories.dateranker`), the store's sentences
(:mod:`dyad.stories.collection`) and ``dyad timeline --query``."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import SAMPLES, run_dyad
from dyad.store import Store
from dyad.stories.collection import split_sentences, store_sentences
from dyad.stories.dateranker import FEATURES, DateRanker, date_features, default_ranker
from dyad.stories.summarise import Sentence, central, effective_keywords, idf_table
from test_stories import samples_like

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


def test_a_day_retold_a_week_on_is_remembered() -> None:
    """Articles, not sentences, remember a day, from the seventh day on; an undated article
    names it but can neither remember it nor dilute the share."""
    text = "Oil has leaked since the rig exploded on 20 April, officials said."
    s = [Sentence(text, day(n), [day(0)], 1, f"a{n}") for n in (6, 7, 9)]
    s.append(Sentence("It was the worst spill in the Gulf's history.", day(9), [day(0)], 2, "a9"))
    s.append(Sentence(text, None, [day(0)], 0, "undated"))
    s.append(Sentence("Crews worked on through the night.", day(40), [day(40)], 0, "late"))
    days, rows = date_features(s)
    log, i = __import__("math").log1p, days.index(day(0))
    assert column(rows, "remembered_articles_log")[i] == pytest.approx(log(2))  # a7, a9
    assert column(rows, "remembered_share")[i] == pytest.approx(2 / 3)  # of a6, a7, a9
    assert column(rows, "ref_articles_log")[i] == pytest.approx(log(4))  # with the undated


def test_a_day_too_recent_to_be_remembered_is_neither_rewarded_nor_punished() -> None:
    """On a growing store last week's days could not be retold yet: they get the share of
    the days that could be, times their dated naming articles."""
    s = [Sentence("A rig exploded in the Gulf, killing 11 workers.", day(n), [day(0)], 1,
                  f"a{n}") for n in (1, 8, 9, 10)]  # fmt: skip
    dome = "BP said it would try a dome over the leak."
    s += [Sentence(dome, day(10), [day(6)], 1, "b"), Sentence(dome, day(10), [day(6)], 1, "c")]
    days, rows = date_features(s)
    usual = 3 / 4  # day 0: 3 of its 4 dated naming articles remember it
    assert column(rows, "remembered_share")[days.index(day(0))] == pytest.approx(usual)
    recent = days.index(day(6))  # 4 days before the last publication
    assert column(rows, "remembered_share")[recent] == pytest.approx(usual)
    expected = __import__("math").log1p(usual * 2)
    assert column(rows, "remembered_articles_log")[recent] == pytest.approx(expected)


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
    assert not DateRanker(model).needs_marks  # counts alone: no events or quotes to query
    marked = {**model, "features": ["ref_articles_log", "own_occurred_max"]}
    assert DateRanker(marked).needs_marks
    assert DateRanker({**marked, "features": ["ref_log", "quote_share"]}).needs_marks


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


def test_benchmark_input_is_running_text() -> None:
    """Timeline17's Penn-Treebank tokens go back to running text before dyad's pipeline reads
    them (quotes need real quotation marks), one line per sentence as before."""
    from dyad.clean.tokens import detokenise

    line = "Obama said `` we do n't know '' -LRB- AP -RRB- , costing $ 5 million . "
    assert detokenise(line) == 'Obama said "we don\'t know" (AP), costing $5 million.'


def test_pipeline_marks_enter_the_features() -> None:
    """Event mentions (type, status, own day) and quotes of the sentences naming a day give
    its event, status, type and quote shares; an event's own day counts for that day."""
    s = collection()
    s[1].events = [("ASSAULT", "occurred", day(0))]
    s[3].events = [("CONSULT", "planned", None), ("AID", "occurred", day(0))]
    s[3].quoted = True
    days, rows = date_features(s)
    at = days.index(day(0))
    assert column(rows, "event_share")[at] == pytest.approx(2 / 3)
    assert column(rows, "occurred_share")[at] == pytest.approx(2 / 3)
    assert column(rows, "planned_share")[at] == pytest.approx(1 / 3)
    assert column(rows, "conflict_share")[at] == pytest.approx(1 / 3)
    assert column(rows, "coop_share")[at] == pytest.approx(2 / 3)
    assert column(rows, "quote_share")[at] == pytest.approx(1 / 3)
    assert column(rows, "own_occurred_max")[at] == 1.0
    assert column(rows, "event_articles_max")[at] == 1.0  # b0 and b2
    assert column(rows, "event_articles_log")[at] == pytest.approx(__import__("math").log1p(2))
    assert column(rows, "event_share")[days.index(day(5))] == 0.0


def test_event_own_days_make_no_candidates() -> None:
    """An event's own day that no sentence names or publishes is no candidate: the candidate
    days are the same whether or not the marks were read (training = serving)."""
    s = collection()
    plain, _ = date_features(s)
    s[1].events = [("ASSAULT", "occurred", day(-40))]
    marked, _ = date_features(s)
    assert marked == plain and day(-40) not in marked


def test_event_type_groups_agree_with_the_event_coder() -> None:
    from dyad import events
    from dyad.stories import dateranker

    assert dateranker.COOPERATIVE == events.COOPERATIVE
    assert dateranker.CONFLICTUAL == events.CONFLICTUAL


def test_store_sentences_carry_the_stored_days_events_and_quotes(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(samples_like())
        sentences, meta = store_sentences(store)
        bare, _ = store_sentences(store, marks=False)
    assert [s.text for s in bare] == [s.text for s in sentences]
    assert not any(s.events for s in bare) and any(s.events for s in sentences)
    assert sentences and set(meta) == {s.article for s in sentences}
    assert any(date(2012, 6, 18) in s.dates for s in sentences)
    assert all(s.published is not None for s in sentences)
    marks = [e for s in sentences for e in s.events]
    assert ("CONSULT", "occurred", date(2012, 6, 18)) in marks
    assert {status for _, status, _ in marks} >= {"occurred", "planned", "cancelled"}


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


def _benchmarks():  # type: ignore[no-untyped-def]
    """``benchmarks/`` on the path (its scripts import their siblings by name)."""
    import sys

    path = str(Path(__file__).resolve().parents[1] / "benchmarks")
    if path not in sys.path:
        sys.path.insert(0, path)


def _topic(name: str):  # type: ignore[no-untyped-def]
    _benchmarks()
    from t17_data import Topic

    gold = {day(0): ["A rig exploded."], day(30): ["The well was capped."]}
    return Topic(name, collection(), [gold], [])


def test_feature_search_columns_and_nested_choice(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The search's extra columns count what they say; every topic gets a choice made
    without it, and the figures are shares."""
    _benchmarks()
    import date_feature_search as search
    from train_date_ranker import fit, groups

    sentences = collection()
    days = [day(0), day(5)]
    cols = dict(zip(search.EXTRA, search.extras(sentences, days, _topic("t")), strict=True))
    log = __import__("math").log1p
    assert cols["later2"] == [log(3), 0.0]  # day 0 named 3, 10 and 30 days on
    assert cols["later30"] == [log(1), 0.0]
    assert cols["lead3"] == [log(3), log(1)] and cols["head"] == [0.0, 0.0]
    assert cols["weeks"] == [log(3), log(1)]
    data = {n: groups([_topic(n)], search.extras) for n in ("a", "b", "c")}
    x, y, _ = data["a"][0]
    assert x.shape[1] == len(search.NAMES) and y.sum() == 1  # day 30 shows a short sentence only
    model = fit(data["a"] + data["b"], ("ref_articles_log", "later2"), 10.0, search.NAMES)
    assert model["features"] == ["ref_articles_log", "later2"]
    held_out = []
    choose = search.choose

    def spy(inner):  # type: ignore[no-untyped-def]
        held_out.append(set(data) - set(inner))
        return choose(inner)

    monkeypatch.setattr(search, "choose", spy)
    figures = search.search(data)
    assert held_out == [{"a"}, {"b"}, {"c"}]  # each choice made without its held-out topic
    assert set(figures["nested"]) == {"a", "b", "c"}
    assert all(0.0 <= v <= 1.0 for v in figures["non_nested_loto"].values())
    assert len(figures["non_nested_loto"]) == len(search.CANDIDATES) * len(search.PENALTIES)
