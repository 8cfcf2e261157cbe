"""Tests for dyad.time: finding and normalising time expressions against a publication date."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from dyad.model import Article, Metadata, Timex
from dyad.nlp import load_nlp
from dyad.time import TimexStage, find_timexes, resolve_expression

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TEMPEVAL = ROOT.parent / "shared" / "data" / "tempeval3" / "Training"
PAPER = "2012-06-19"  # a Tuesday


def one(text: str, phrase: str, anchor: str | None = PAPER, parse: bool = True) -> Timex:
    """The timex found for ``phrase`` in ``text`` (parsed with spaCy unless told not to)."""
    doc = load_nlp()(text) if parse else None
    found = [t for t in find_timexes(text, anchor, doc) if t.text == phrase]
    assert found, f"{phrase!r} not found in {find_timexes(text, anchor, doc)}"
    start = text.index(phrase)
    assert found[0].span == (start, start + len(phrase))
    assert text[found[0].span[0] : found[0].span[1]] == found[0].text
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "anchor", "kind", "value"),
    [
        ("They met late Monday in Los Cabos.", "late Monday", PAPER, "DATE", "2012-06-18"),
        ("The two leaders met on Tuesday in Mexico.", "Tuesday", PAPER, "DATE", "2012-06-19"),
        ("Putin heads to the G20 summit in Hangzhou, China, on Sept. 4 to meet Obama.",
         "Sept. 4", "2016-09-02", "DATE", "2016-09-04"),
        ("Putin's third term began last month.", "last month", PAPER, "DATE", "2012-05"),
        ("It was Obama's first visit to Moscow in 2009.", "2009", PAPER, "DATE", "2009"),
        ("Officials said earlier this month that talks would go on.", "earlier this month",
         PAPER, "DATE", "2012-06"),
        ("The treaty will be signed next year.", "next year", PAPER, "DATE", "2013"),
        ("They met on June 19, 2012 in Mexico.", "June 19, 2012", None, "DATE", "2012-06-19"),
        ("They met on June 18 in Mexico.", "June 18", None, "DATE", "XXXX-06-18"),
        ("Forces have killed 14,000 people during a 15-month-old uprising.", "15-month-old",
         PAPER, "DURATION", "P15M"),
        ("After two hours of talks both leaders left.", "two hours", PAPER, "DURATION", "PT2H"),
        ("The committee meets every week in Geneva.", "every week", PAPER, "SET", "P1W"),
        ("Trade has been underused over the past 20 years.", "the past 20 years", PAPER,
         "DURATION", "P20Y"),
        ("Prices rose in the 1990s.", "the 1990s", PAPER, "DATE", "199"),
        ("Clinton visited Moscow in the summer of 2000.", "the summer of 2000", PAPER, "DATE",
         "2000-SU"),
        ("Profit fell in the third quarter.", "the third quarter", "1989-10-26", "DATE", "1989-Q3"),
        ("The meeting ended at 10 a.m. today.", "10 a.m. today", PAPER, "TIME", "2012-06-19T10:00"),
        ("Protesters gathered tonight in the square.", "tonight", PAPER, "TIME", "2012-06-19TNI"),
        ("Relations are now cooler than before.", "now", PAPER, "DATE", "PRESENT_REF"),
        ("Two people died two days ago.", "two days ago", PAPER, "DATE", "2012-06-17"),
        ("Ministers will meet next Wednesday.", "next Wednesday", PAPER, "DATE", "2012-06-20"),
        ("Ministers met last Friday.", "last Friday", PAPER, "DATE", "2012-06-15"),
        ("The deal is expected by Friday.", "Friday", PAPER, "DATE", "2012-06-22"),
    ],
)  # fmt: skip
def test_expressions(text: str, phrase: str, anchor: str | None, kind: str, value: str) -> None:
    timex = one(text, phrase, anchor)
    assert (timex.type, timex.value) == (kind, value)


@pytest.mark.parametrize(
    ("text", "phrase", "anchor", "kind", "value"),
    [
        # a month's span stops before the full stop that ends the sentence
        ("The summit is in April.", "April", "1989-10-26", "DATE", "1989-04"),
        # "the year" is the calendar year, "the year ended ..." a fiscal year's length
        ("For the year, volume was flat.", "the year", "1989-11-02", "DATE", "1989"),
        ("Sales were delayed earlier in the year.", "earlier in the year", "1989-10-26",
         "DATE", "1989"),
        ("Net for the year ended Sept. 30 rose.", "the year", "1989-11-02", "DURATION", "P1Y"),
        ("In the fiscal year ended Jan. 31, it earned $5.", "the fiscal year", "1989-10-31",
         "DURATION", "P1Y"),
        # spelled-out years after a month or season (broadcast transcripts)
        ("January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven",
         "1998-02-27", "DATE", "1997-01"),
        ("Prices we saw in the winter of nineteen ninety-four.",
         "the winter of nineteen ninety-four", "1998-02-23", "DATE", "1994-WI"),
        ("But a minute and a half later a pilot called.", "a minute and a half", "1998-01-14",
         "DURATION", "PT1M30S"),
        ("By mid afternoon, sources said so.", "mid afternoon", "1998-03-06", "TIME",
         "1998-03-06TAF"),
        ("In London at mid-afternoon yesterday, shares rose.", "mid-afternoon yesterday",
         "1989-11-02", "TIME", "1989-11-01TAF"),
        # a deadline preposition looks ahead, but not from a past perfect
        ("The members had filed reports by Wednesday.", "Wednesday", "1990-08-16", "DATE",
         "1990-08-15"),
        ("Members must file reports by Wednesday.", "Wednesday", "1990-08-16", "DATE",
         "1990-08-22"),
    ],
)  # fmt: skip
def test_conventions(text: str, phrase: str, anchor: str, kind: str, value: str) -> None:
    timex = one(text, phrase, anchor)
    assert (timex.type, timex.value) == (kind, value)


def test_earnings_report_periods() -> None:
    """The quarter a report is about, its year-ago counterpart, and the nine months."""
    text = (
        "Ralston earned $1 in its fiscal fourth quarter, up from 90 cents a year earlier. "
        "Sales in the latest period rose. In the 1988 period, the company lost money. "
        "This compares with the corresponding period last year and last year's quarter. "
        "For the quarter a year ago, it earned 5 cents. "
        "For the nine months, net rose from $3 a year earlier."
    )
    found = find_timexes(text, "1989-11-02", load_nlp()(text))
    values = [(t.text, t.value) for t in found]
    assert values == [
        ("fiscal fourth quarter", "1989-Q4"),
        ("a year earlier", "1988-Q4"),
        ("the latest period", "1989-Q4"),
        ("the 1988 period", "1988-Q4"),
        ("the corresponding period last year", "1988-Q4"),
        ("last year's quarter", "1988-Q4"),
        ("the quarter a year ago", "1988-Q4"),
        ("the nine months", "P9M"),
        ("a year earlier", "1988"),
    ]


def test_that_year_and_the_following_month_follow_the_story() -> None:
    text = "He fled in June 1998 and returned later that year. In March they met. "
    text += "The following month, the company was sold."
    found = {t.text: t.value for t in find_timexes(text, "2000-01-28", load_nlp()(text))}
    assert found["later that year"] == "1998"
    assert found["The following month"] == "2000-04"


def test_titles_and_idioms_are_not_times() -> None:
    text = 'Baker said on ABC\'s "This Week" that high noon comes today.'
    found = [t.text for t in find_timexes(text, PAPER, load_nlp()(text))]
    assert found == ["today"]


def test_the_following_day_uses_the_last_full_date() -> None:
    text = "Obama met Putin on June 18, 2012. The following day they flew home."
    assert one(text, "The following day", None).value == "2012-06-19"
    assert one("The following day they flew home.", "The following day", PAPER).value is None


def test_possessive_weekday_is_the_date() -> None:
    text = "They met on the sidelines of Monday's Group of 20 summit."
    assert one(text, "Monday", "2012-06-20").value == "2012-06-18"


def test_future_weekday_in_a_future_clause() -> None:
    assert one("Obama will meet Putin on Thursday.", "Thursday").value == "2012-06-21"
    assert one("Obama met Putin on Thursday.", "Thursday").value == "2012-06-14"


def test_relative_expressions_without_anchor_have_no_value() -> None:
    text = "They met late Monday and again last month."
    assert one(text, "late Monday", None).value is None
    assert one(text, "last month", None).value is None


def test_works_without_a_parse() -> None:
    assert one("They met late Monday.", "late Monday", parse=False).value == "2012-06-18"
    assert one("The vote will be held on Sept. 4.", "Sept. 4", "2016-09-02", False).value == (
        "2016-09-04"
    )


def test_sept_8_and_9_are_two_dates() -> None:
    text = "The summit runs Sept. 8 and 9 in Vladivostok."
    found = find_timexes(text, "2012-09-01", load_nlp()(text))
    assert [(t.text, t.value) for t in found] == [("Sept. 8", "2012-09-08"), ("9", "2012-09-09")]


def test_not_time_expressions() -> None:
    text = "He may go. A 6-year-old boy earns $2 million a year. Prices fall in a quarter of cases."
    assert find_timexes(text, PAPER, load_nlp()(text)) == []


def test_resolve_expression() -> None:
    assert resolve_expression("late Monday", PAPER) == ("DATE", "2012-06-18")
    assert resolve_expression("the following day", PAPER) == ("DATE", None)
    assert resolve_expression("the dog", PAPER) is None


def test_stage_sets_article_timexes() -> None:
    text = "Presidents met late Monday in Los Cabos."
    article = Article(id="x", source="s", text=text, meta=Metadata(published=PAPER))
    stage = TimexStage()
    assert (stage.name, stage.requires, stage.assigns) == ("timexes", ("doc",), ("timexes",))
    stage(article, load_nlp()(text))
    assert [t.to_dict() for t in article.timexes] == [
        {"text": "late Monday", "span": [15, 26], "type": "DATE", "value": "2012-06-18"}
    ]


def _sample(prefix: str) -> str:
    return next(SAMPLES.glob(f"{prefix}_*.txt")).read_text("utf-8")


@pytest.mark.parametrize(
    ("prefix", "anchor", "phrase", "value"),
    [
        ("000", "2012-06-19", "late Monday", "2012-06-18"),
        ("002", None, "June 18", "XXXX-06-18"),
        ("004", "2016-09-02", "Sept. 4", "2016-09-04"),
    ],
)
def test_samples(prefix: str, anchor: str | None, phrase: str, value: str) -> None:
    text = _sample(prefix)
    found = find_timexes(text, anchor, load_nlp()(text))
    values = {t.value for t in found if t.text == phrase}
    assert values == {value}
    assert all(text[t.span[0] : t.span[1]] == t.text for t in found)


@pytest.mark.skipif(not TEMPEVAL.is_dir(), reason="TempEval-3 data not present")
def test_tempeval_quality_gate() -> None:
    spec = importlib.util.spec_from_file_location(
        "timex_tempeval", ROOT / "benchmarks" / "timex_tempeval.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["timex_tempeval"] = bench
    spec.loader.exec_module(bench)
    docs = bench.load_corpus(TEMPEVAL)[::8][:30]  # a spread of TimeBank and AQUAINT
    result = bench.evaluate(docs)
    assert result["relaxed"]["f1"] >= 0.85
    assert result["value"]["f1"] >= 0.75
