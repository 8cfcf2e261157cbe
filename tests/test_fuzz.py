"""Property tests (hypothesis) of the readers, cleaning, time and the analysis stages.

The strategies and properties are those of ``benchmarks/fuzz.py``, which runs 100,000 inputs;
here a few thousand run, in well under a minute.
"""

from __future__ import annotations

import sys
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import fuzz


def quick(n: int) -> Any:
    return settings(max_examples=n, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))  # fmt: skip


@quick(1500)
@given(fuzz.reader_inputs)
def test_readers_never_raise_on_any_bytes(item: tuple[str, bytes]) -> None:
    fuzz.check_reader(item)


@quick(400)
@given(fuzz.raw_documents)
def test_cleaning_gives_a_body_or_an_input_error(raw: Any) -> None:
    fuzz.check_clean(raw)


@quick(500)
@given(fuzz.published_values)
def test_published_is_a_date_or_none_with_a_warning(value: object) -> None:
    fuzz.check_published(value)


@quick(500)
@given(fuzz.news_text)
def test_time_expressions_lie_inside_the_text(text: str) -> None:
    fuzz.check_time(text)


@quick(12)
@given(st.lists(fuzz.news_text, min_size=1, max_size=fuzz.PIPELINE_BATCH))
def test_every_stage_gives_offsets_inside_the_text(texts: list[str]) -> None:
    fuzz.check_pipeline(texts)
