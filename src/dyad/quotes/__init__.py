"""The quotes stage: who said what, as :class:`~dyad.model.Quote` records.

Quotations are found by their marks (:mod:`.marks`), attributed over the article's one
spaCy parse (:mod:`.cues`, :mod:`.speakers`, :mod:`.names`) and filtered: a short quoted
span (three words or fewer) is speech only when a reporting cue with a named speaker governs
it and it is not a scare-quoted word inside the writer's noun phrase (``the "reset" in
relations``); quoted proper names (ship names, ``"First Channel"``) are never speech; a long
uncued quotation is kept and, when it opens a sentence, inherits the previous quotation's
speaker from the same or the previous paragraph. Reported speech without marks is added as
``indirect`` (:mod:`.indirect`). Speaker ids come from ``dyad.actors`` when installed, else
are slugs of the name (see :mod:`.names`). Each quote's ``content`` is the full reported
content the quoted words belong to (:mod:`.content`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, Quote
from .attribute import Attributor

__all__ = ["QuoteStage", "extract_quotes"]


class QuoteStage:
    """Pipeline stage ``quotes``: appends every quotation found to ``article.quotes``."""

    name = "quotes"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("quotes",)

    def __init__(self, *, indirect: bool = True) -> None:
        self.indirect = indirect

    def __call__(self, article: Article, doc: Doc) -> None:
        article.quotes.extend(extract_quotes(article, doc, indirect=self.indirect))


def extract_quotes(article: Article, doc: Doc, *, indirect: bool = True) -> list[Quote]:
    """The quotes in ``article`` (whose text ``doc`` parses), in text order."""
    return Attributor(article, doc).run(indirect=indirect)
