"""The per-article pipeline: raw document in, :class:`~dyad.model.Article` out.

:func:`extract` is the one pure function every driver calls (the CLI's ``extract`` and
``ingest``, a process pool, a Spark job): it cleans the raw document, computes the article id
and runs the enabled analysis stages in order. Stages declare what they need and what they
add, so :class:`Pipeline` can check the order once when it is built, not per article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

from spacy.tokens import Doc

from .clean import clean
from .errors import DyadError, InputError
from .model import Article, RawDocument, ReadError, article_id
from .nlp import load_nlp


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """What the pipeline runs. Every analysis stage can be switched off for speed."""

    entities: bool = True
    quotes: bool = True
    timexes: bool = True
    events: bool = True


class Stage(Protocol):
    """One analysis step: reads ``requires`` from the article, adds ``assigns``.

    ``doc`` is the article's one spaCy parse (``"doc"`` in ``requires`` asks for it).
    """

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article, doc: Doc) -> None: ...


def check_order(stages: Iterable[Stage]) -> None:
    """Fail when a stage needs something no earlier stage provides (like spaCy's analysis)."""
    available = {"text", "meta", "doc"}
    for stage in stages:
        missing = [need for need in stage.requires if need not in available]
        if missing:
            needs = ", ".join(missing)
            raise DyadError(f"stage {stage.name!r} needs {needs}, set by no stage before it")
        available.update(stage.assigns)


class Pipeline:
    """The stages chosen by :class:`Options`, built once and reused for every article."""

    def __init__(self, options: Options | None = None, *, batch_size: int = 32) -> None:
        self.options = options or Options()
        self.batch_size = batch_size
        self.stages: list[Stage] = build_stages(self.options)
        check_order(self.stages)
        self.needs_parse = any("doc" in stage.requires for stage in self.stages)

    def extract(self, raw: RawDocument) -> Article:
        """Clean one raw document and run every stage on it; raises :class:`InputError`."""
        item = next(self.run([raw]))
        if isinstance(item, ReadError):
            raise InputError(item.source, item.reason)
        return item

    def run(self, items: Iterable[RawDocument | ReadError]) -> Iterator[Article | ReadError]:
        """Extract a stream of documents in order; a failure becomes a :class:`ReadError`.

        Articles are parsed in batches with ``nlp.pipe``, which is several times faster
        than one call per article.
        """
        iterator = iter(items)
        while batch := list(islice(iterator, self.batch_size)):
            cleaned = [self._clean(item) for item in batch]
            if self.needs_parse:
                cleaned = [self._too_long(item) for item in cleaned]
                articles = [a for a in cleaned if isinstance(a, Article)]
                docs = load_nlp().pipe(a.text for a in articles)
                failed = {
                    article.id: error
                    for article, doc in zip(articles, docs, strict=True)
                    if (error := self._analyse(article, doc)) is not None
                }
                cleaned = [failed.get(getattr(item, "id", ""), item) for item in cleaned]
            yield from cleaned

    def _analyse(self, article: Article, doc: Doc) -> ReadError | None:
        """Run every stage; a stage that fails loses this article only, with the reason."""
        for stage in self.stages:
            try:
                stage(article, doc)
            except Exception as exc:  # a bug on one article must not end a run of thousands
                reason = f"analysis failed in stage {stage.name!r}: {type(exc).__name__}: {exc}"
                return ReadError(article.source, reason.replace("\n", " ")[:300])
        return None

    @staticmethod
    def _too_long(item: Article | ReadError) -> Article | ReadError:
        """spaCy refuses texts over its ``max_length`` (1,000,000 characters by default)."""
        limit = load_nlp().max_length
        if isinstance(item, Article) and len(item.text) > limit:
            reason = f"article too long to analyse: {len(item.text):,} characters (limit {limit:,})"
            return ReadError(item.source, reason)
        return item

    @staticmethod
    def _clean(item: RawDocument | ReadError) -> Article | ReadError:
        if isinstance(item, ReadError):
            return item
        try:
            text, meta = clean(item)
        except InputError as exc:
            return ReadError(exc.source, exc.reason)
        return Article(id=article_id(text), source=item.source, text=text, meta=meta)


def build_stages(options: Options) -> list[Stage]:
    """The analysis stages the options ask for, in pipeline order.

    Imported here, not at the top, so a run with a stage switched off never pays for
    loading it.
    """
    stages: list[Stage] = []
    if options.entities:
        from .actors import EntityStage

        stages.append(EntityStage())
    if options.timexes:
        from .time import TimexStage

        stages.append(TimexStage())
    if options.quotes:
        from .quotes import QuoteStage

        stages.append(QuoteStage())
    if options.events:
        from .events import EventStage

        stages.append(EventStage())
    return stages


def extract(raw: RawDocument, options: Options | None = None) -> Article:
    """Convenience for one document; drivers that process many should reuse a Pipeline."""
    return Pipeline(options).extract(raw)
