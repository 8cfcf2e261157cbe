"""Actors: a time-aware knowledge base of who is who, and who held which role when.

``ActorKB.load()`` (or the cached ``default_kb()``) reads the shipped data in
``dyad/data/actors/`` (converted Phoenix dictionaries, dyad's curated leaders and places) plus
any user files; see ``docs/actor-kb.md`` for the file format and the API.
"""

from __future__ import annotations

from dyad.actors.kb import ActorKB, default_kb
from dyad.actors.names import name_key, slug, unknown_person_id
from dyad.actors.records import Actor, ActorFileError, Role
from dyad.actors.show import describe_actor, format_actor_text, query_ids

__all__ = [
    "Actor",
    "ActorFileError",
    "ActorKB",
    "Role",
    "default_kb",
    "describe_actor",
    "format_actor_text",
    "name_key",
    "query_ids",
    "slug",
    "unknown_person_id",
]
