"""Timeline summarisation (:mod:`dyad.stories.summarise`) and the T17 benchmark's metrics."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date, timedelta
from pathlib import Path

from dyad.stories.summarise import (
    Sentence,
    candidates,
    datewise,
    keyword_terms,
    matches,
    rank_dates,
)

D1, D2, D3 = date(2012, 5, 25), date(2012, 5, 26), date(2012, 6, 1)


def _bench():  # type: ignore[no-untyped-def]
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "timeline_t17.py"
    sys.path.insert(0, str(path.parent))  # its sibling modules (t17_data, train_date_ranker)
    spec = importlib.util.spec_from_file_location("timeline_t17", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["timeline_t17"] = module
    spec.loader.exec_module(module)
    return module


def test_keyword_terms_split_camel_case_and_match_inflections() -> None:
    terms = keyword_terms(["SyrianCrisis", "BP oil"])
    assert terms == ["syrian", "crisis", "bp", "oil"]
    assert matches("Syria's army", terms) and matches("two crises", terms)
    assert not matches("turmoil in Syracuse", terms)
    assert matches("anything", [])


def test_rank_dates_prefers_remembered_days_and_honours_keywords() -> None:
    sentences = [
        Sentence("The Houla massacre in Syria on 25 May killed 108.", D3, [D1]),
        Sentence("Talks are due in Geneva on 26 May.", D1, [D2]),
        Sentence("A quiet day with nothing said about dates at all.", D2, []),
    ]
    ranked = rank_dates(sentences)
    assert ranked[0][0] == D1 and dict(ranked)[D2] > 0.25  # 0.25 + a publication tie-breaker
    assert [d for d, _ in rank_dates(sentences, keywords=["Geneva"])] == [D2]
    assert rank_dates(sentences, start=D2, end=D2)[0][0] == D2


def test_candidates_take_leads_for_their_day_and_the_day_before() -> None:
    lead = Sentence("Rebels said they had seized the town after heavy fighting.", D2, [], 0)
    late = Sentence("Analysts said the seizure mattered for the whole region.", D2, [], 7)
    named = Sentence("On 25 May the town was shelled by the army for hours.", D3, [D1], 3)
    by_date = candidates([lead, late, named])
    assert by_date[D2] == [lead] and by_date[D1] == [lead, named]


def test_datewise_skips_dates_without_admissible_sentences() -> None:
    sentences = [
        Sentence("Troops shelled Houla near Homs on 25 May, killing 108.", D3, [D1]),
        Sentence("Houla was shelled on 25 May and 108 people were killed.", D3, [D1]),
        Sentence("Syrian troops shelled Houla on 25 May, monitors said today.", D3, [D1]),
        Sentence("Markets rose on 26 May in London and New York.", D3, [D2]),
        Sentence("Syria said it would attend the 1 June talks in Geneva.", D1, [D3]),
    ]
    tl = datewise(sentences, k=2, per_date=2, keywords=["Syria"])
    assert [d for d, _ in tl] == [D1, D3]  # 26 May has no sentence naming the query
    assert len(tl[0][1]) == 1 and "Syrian" in tl[0][1][0]
    assert len(datewise(sentences, k=2, per_date=2)[0][1]) == 2  # no query: two distinct ones


def test_align_rouge_is_tilse_many_to_one() -> None:
    bench = _bench()
    gold = {D1: ["troops killed 108 in houla"], D3: ["talks opened in geneva"]}
    assert bench.align_rouge(gold, gold, 1)["f1"] == 1.0
    shifted = {D2: ["troops killed 108 in houla"]}  # one day off: weight 1/2, both gold
    scores = bench.align_rouge(shifted, gold, 1)  # dates map to the single system date
    assert scores["precision"] == 0.5
    assert abs(scores["recall"] - (0.5 * 5 + 1 / 7 * 1) / 9) < 1e-9  # "in" from 7 days off
    assert bench.concat_rouge(shifted, gold, 1) == 2 * 1 * (5 / 9) / (1 + 5 / 9)
    assert bench.align_rouge({}, gold, 1)["f1"] == 0.0


def test_oracle_dates_measure_sentence_selection_alone() -> None:
    sentences = [
        Sentence("Troops killed 108 people in the village of Houla.", D2, [D1]),
        Sentence("Ministers opened peace talks in Geneva on the day.", D3, [D3]),
    ]
    gold = {D1: ["troops killed 108 people in houla"], D3: ["talks"]}
    bench = _bench()
    topic = bench.Topic("houla_test", sentences, [gold], [])
    result = bench.evaluate(topic, gold, None)
    assert result["date_f1"] == 1.0 and result["predicted_dates"] == ["2012-05-25", "2012-06-01"]


def test_datewise_builds_each_shown_vector_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The sentences already shown are vectorised once, not again for every later day: the
    work stays linear in the number of days (it was quadratic: 1,000 days took ~22 s)."""
    from dyad.stories import summarise

    days = [date(2010, 1, 1) + timedelta(days=i) for i in range(80)]
    sentences = [
        Sentence(
            f"Crews in town{i} opened bridge{i} road{i} school{i} park{i}.", d, [d], 0, f"a{i}"
        )
        for i, d in enumerate(days)
    ]
    calls = 0
    real = summarise.vector

    def counted(text: str, idf: dict[str, float]) -> dict[str, float]:
        nonlocal calls
        calls += 1
        return real(text, idf)

    monkeypatch.setattr(summarise, "vector", counted)
    timeline = datewise(sentences, k=len(days))
    assert len(timeline) == len(days)
    assert calls <= 3 * len(days), calls  # before: 80 + 80·79/2 = 3,240


def test_one_day_loop_repeats_or_skips_as_asked() -> None:
    """:func:`pick_days` is the loop of both ``datewise`` (a day left with nothing but what an
    earlier day shows repeats it) and ``dyad timeline --query`` (that day is skipped)."""
    from dyad.stories.summarise import idf_table, pick_days, stems

    same = "Leaders of both nations met at the summit in the capital city."
    other = "Troops crossed the northern border early before dawn that morning."
    sentences = [Sentence(same, D1, [D1], 0, "a"), Sentence(same, D2, [D2], 0, "b"),
                 Sentence(other, D3, [D3], 0, "c")]  # fmt: skip
    by_date, idf = candidates(sentences), idf_table([s.text for s in sentences])
    ranked = [(D1, 0.5), (D2, 0.3), (D3, 0.2)]
    repeated = pick_days(ranked, by_date, idf, 2, 1, repeat=True)
    assert [(d, t) for d, _, t in repeated] == [(D1, [same]), (D2, [same])]
    skipped = pick_days(ranked, by_date, idf, 2, 1, repeat=False)
    assert [(d, s, t) for d, s, t in skipped] == [(D1, 0.5, [same]), (D3, 0.2, [other])]
    assert datewise(sentences, k=2, ranked=ranked) == sorted((d, t) for d, _, t in repeated)
    assert stems(["syrian", "oil"]) == ["syri", "oil"]


def test_t17_store_is_redone_only_when_its_input_changes(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A copy of the data with new file times keeps the store; changed articles redo it."""
    _bench()
    import t17_pipeline

    monkeypatch.setattr(t17_pipeline, "INPUT", tmp_path / "in")
    monkeypatch.setattr(t17_pipeline, "STORES", tmp_path / "stores")
    runs: list[list[str]] = []
    monkeypatch.setattr(t17_pipeline.subprocess, "run", lambda cmd, **_: runs.append(cmd))
    topic = tmp_path / "data" / "quake_bbc"
    topic.mkdir(parents=True)
    (topic / "timelines.jsonl").write_text('[["2010-01-12", ["A quake ."]]]\n', encoding="utf-8")
    article = {"id": "a1", "time": "2010-01-12T00:00:00", "text": "A quake hit Haiti ."}
    (topic / "articles.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    t17_pipeline.run_topic(topic)
    assert len(runs) == 1
    converted = tmp_path / "in" / "quake_bbc.jsonl"
    written = converted.stat().st_mtime_ns
    (topic / "articles.jsonl").touch()  # the same data, copied again
    t17_pipeline.run_topic(topic)
    assert len(runs) == 1
    assert converted.stat().st_mtime_ns == written  # not rewritten under a running ingest
    article["text"] = "A strong quake hit Haiti ."
    (topic / "articles.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    t17_pipeline.run_topic(topic)
    assert len(runs) == 2
    assert "A strong quake hit Haiti." in converted.read_text()
    t17_pipeline.run_topic(topic)
    assert len(runs) == 2
    t17_pipeline.run_topic(topic, rebuild=True)  # dyad's code changed, the input did not
    assert len(runs) == 3
