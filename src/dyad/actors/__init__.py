"""Actors: a time-aware knowledge base of who is who, and who held which role when.

``ActorKB.load()`` (or the cached ``default_kb()``) reads the shipped data in
``dyad/data/actors/`` (converted Phoenix dictionaries, dyad's curated leaders and places) plus
any user files; see ``docs/actor-kb.md`` for the file format and the API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dyad.actors.kb import ActorKB, default_kb
from dyad.actors.names import name_key, slug, unknown_person_id
from dyad.actors.records import Actor, ActorFileError, Role
from dyad.actors.show import describe_actor, format_actor_text, query_ids

if TYPE_CHECKING:
    from dyad.actors.stage import EntityStage, extract_entities


def __getattr__(name: str) -> Any:
    """The entity stage, imported on first use so KB-only users do not load spaCy."""
    if name in {"EntityStage", "extract_entities"}:
        from dyad.actors import stage

        return getattr(stage, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Actor",
    "ActorFileError",
    "ActorKB",
    "EntityStage",
    "Role",
    "default_kb",
    "describe_actor",
    "extract_entities",
    "format_actor_text",
    "name_key",
    "query_ids",
    "slug",
    "unknown_person_id",
]
