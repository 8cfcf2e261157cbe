"""The per-article pipeline: raw document in, :class:`~dyad.model.Article` out.

:func:`extract` is the one pure function every driver calls (the CLI's ``extract`` and
``ingest``, a process pool, a Spark job): it cleans the raw document, computes the article id
and runs the enabled analysis stages in order. Stages declare what they need and what they
add, so :class:`Pipeline` can check the order once when it is built, not per article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from .clean import clean
from .errors import DyadError, InputError
from .model import Article, RawDocument, ReadError, article_id


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """What the pipeline runs. Every analysis stage can be switched off for speed."""

    entities: bool = True
    quotes: bool = True
    timexes: bool = True
    events: bool = True


class Stage(Protocol):
    """One analysis step: reads ``requires`` from the article, adds ``assigns``."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> None: ...


def check_order(stages: Iterable[Stage]) -> None:
    """Fail when a stage needs something no earlier stage provides (like spaCy's analysis)."""
    available = {"text", "meta"}
    for stage in stages:
        missing = [need for need in stage.requires if need not in available]
        if missing:
            raise DyadError(f"stage {stage.name!r} needs {', '.join(missing)}, set by no stage before it")
        available.update(stage.assigns)


class Pipeline:
    """The stages chosen by :class:`Options`, built once and reused for every article."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.stages: list[Stage] = []
        check_order(self.stages)

    def extract(self, raw: RawDocument) -> Article:
        """Clean one raw document and run every stage on it; raises :class:`InputError`."""
        text, meta = clean(raw)
        article = Article(id=article_id(text), source=raw.source, text=text, meta=meta)
        for stage in self.stages:
            stage(article)
        return article

    def run(self, items: Iterable[RawDocument | ReadError]) -> Iterator[Article | ReadError]:
        """Extract a stream of documents; a failure becomes a :class:`ReadError`, in place."""
        for item in items:
            if isinstance(item, ReadError):
                yield item
                continue
            try:
                yield self.extract(item)
            except InputError as exc:
                yield ReadError(exc.source, exc.reason)


def extract(raw: RawDocument, options: Options | None = None) -> Article:
    """Convenience for one document; drivers that process many should reuse a Pipeline."""
    return Pipeline(options).extract(raw)
