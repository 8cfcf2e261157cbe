"""The entities stage: who is who in an article, and when, as :class:`~dyad.model.Entity`.

It reads the article's one spaCy parse and the actor knowledge base, and builds every entity
with all its mentions: names (:mod:`.mentions`, grouped by :mod:`.clusters`), role nominals
such as "the Russian president" resolved on the article's date (:mod:`.nominals`) and
pronouns (:mod:`.coref`). The coreference is dyad's own, rules over the parse, because no
coreference model runs offline with the shipped spaCy pipeline; it is built precision first:
a mention that cannot be attached with confidence stays out. Each entity is resolved once to
the KB (:mod:`.resolve`, cached across articles): id, canonical name, country, and the role
held on ``article.meta.published`` (no role without a date). Places and buildings that stand
for a government ("Moscow", "the Kremlin", "Washington") become that government, type ORG as
in the KB; countries are GPE; groups (NORP) keep their country from the adjective.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from dyad.actors.clusters import name_clusters
from dyad.actors.coref import PronounLinker
from dyad.actors.kb import ActorKB, default_kb
from dyad.actors.mentions import name_mentions
from dyad.actors.nominals import resolve_nominals
from dyad.actors.resolve import Resolver
from dyad.model import Article, Entity


def article_date(article: Article) -> date | None:
    """The publication date as a :class:`date`, or ``None`` when unknown or malformed."""
    published = article.meta.published
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


class EntityStage:
    """Pipeline stage ``entities``: fills ``article.entities`` from the parse and the KB."""

    name = "entities"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("entities",)

    def __init__(self, kb: ActorKB | None = None, *, pronouns: bool = True) -> None:
        self.resolver = Resolver(kb or default_kb())
        self.pronouns = pronouns

    def __call__(self, article: Article, doc: Doc) -> None:
        article.entities = extract_entities(
            doc, self.resolver, article_date(article), self.pronouns
        )


def extract_entities(
    doc: Doc, resolver: Resolver, on: date | None, pronouns: bool = True
) -> list[Entity]:
    """The entities of the text ``doc`` parses, in order of first mention."""
    clusters = name_clusters(
        name_mentions(doc, resolver.country_of, resolver.is_place), resolver, on
    )
    people = [c for c in clusters if c.type == "PERSON"]
    created = resolve_nominals(doc, people, resolver, on)
    people += created
    clusters += created
    if pronouns:
        PronounLinker(doc, people).run()
    entities = [c.to_entity() for c in clusters if c.mentions]
    return sorted(entities, key=lambda e: e.mentions[0])
