"""The pipeline's contract: stage order is checked, and one article's failure stays its own."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyad.errors import DyadError
from dyad.model import Article, RawDocument, ReadError
from dyad.pipeline import Options, Pipeline, check_order


class Explodes:
    """A stage with a bug that shows on one article only."""

    name = "explodes"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ()

    def __call__(self, article: Article, doc: Doc) -> None:
        if "boom" in article.text:
            raise RuntimeError("boom in the text")


class NeedsEvents:
    name = "needs-events"
    requires: tuple[str, ...] = ("events",)
    assigns: tuple[str, ...] = ()

    def __call__(self, article: Article, doc: Doc) -> None:
        pass


def test_a_failing_stage_loses_only_its_article() -> None:
    pipeline = Pipeline(Options(entities=False, quotes=False, timexes=False, events=False))
    pipeline.stages, pipeline.needs_parse = [Explodes()], True
    docs = [
        RawDocument("a.txt", "text", "Title A\n\nPutin met Obama."),
        RawDocument("b.txt", "text", "Title B\n\nThe boom came."),
        RawDocument("c.txt", "text", "Title C\n\nObama met Putin."),
    ]
    out = list(pipeline.run(docs))
    assert [type(x).__name__ for x in out] == ["Article", "ReadError", "Article"]
    failed = out[1]
    assert isinstance(failed, ReadError) and failed.source == "b.txt"
    assert "stage 'explodes'" in failed.reason and "boom in the text" in failed.reason


def test_stage_order_is_checked_when_the_pipeline_is_built() -> None:
    with pytest.raises(DyadError, match="needs events"):
        check_order([NeedsEvents()])
