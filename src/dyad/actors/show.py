"""What ``dyad actor NAME`` shows: an actor's identity and roles over time, as data and text.

:func:`describe_actor` resolves a name (or id) in the knowledge base and returns a plain dict
ready for JSON (id, name, type, country, sector, aliases, roles sorted by start date, and the
other candidates when the name is ambiguous); :func:`format_actor_text` renders that dict for a
terminal. Both are pure: the CLI only wires them up.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dyad.actors.kb import ActorKB
from dyad.actors.names import unknown_person_id
from dyad.actors.records import Actor, Role


def _role_dict(role: Role) -> dict[str, Any]:
    return role.to_dict()


def _sort_key(role: Role) -> tuple[date, date]:
    return role.start or date.min, role.end or date.max


def describe_actor(kb: ActorKB, name: str, on: date | None = None) -> dict[str, Any] | None:
    """Everything the knowledge base knows about the best match for ``name``, or ``None``.

    ``on`` (default: today) picks the ``current_role``. ``candidates`` lists the other actors
    the name may mean (id, name, country), best first.
    """
    found = kb.lookup(name)
    if not found:
        return None
    actor: Actor = found[0]
    current = kb.role_on(actor, on or date.today())
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "sector": actor.sector,
        "description": actor.description,
        "aliases": list(actor.aliases),
        "adjectives": list(actor.adjectives),
        "seats": list(actor.seats),
        "roles": [_role_dict(r) for r in sorted(actor.roles, key=_sort_key)],
        "current_role": _role_dict(current) if current else None,
        "source": actor.source,
        "candidates": [{"id": a.id, "name": a.name, "country": a.country} for a in found[1:10]],
    }


def _span(role: dict[str, Any]) -> str:
    start, end = role.get("start"), role.get("end")
    if not start and not end:
        return "(undated)"
    return f"{start or '?'} – {end or 'present'}"


def format_actor_text(d: dict[str, Any]) -> str:
    """A few readable lines from :func:`describe_actor`'s dict."""
    head = f"{d['name']}  [{d['id']}]"
    facts = ", ".join(str(v) for v in (d.get("type"), d.get("country"), d.get("sector")) if v)
    lines = [head, f"  {facts}" if facts else "  (no type, country or sector)"]
    if d.get("description"):
        lines.append(f"  {d['description']}")
    if d.get("aliases"):
        shown = d["aliases"][:12]
        more = len(d["aliases"]) - len(shown)
        lines.append("  also: " + "; ".join(shown) + (f" (+{more} more)" if more > 0 else ""))
    if d.get("seats"):
        lines.append("  stands for it: " + "; ".join(d["seats"]))
    if d.get("roles"):
        lines.append("  roles:")
        for role in d["roles"]:
            label = role.get("title") or role.get("sector") or "role"
            code = f" ({role['code']})" if role.get("code") else ""
            lines.append(f"    {_span(role):<26} {label}{code}")
    if d.get("current_role"):
        lines.append(f"  now: {d['current_role'].get('title') or d['current_role'].get('code')}")
    if d.get("candidates"):
        others = ", ".join(f"{c['name']} [{c['id']}]" for c in d["candidates"])
        lines.append(f"  other matches: {others}")
    return "\n".join(lines)


def query_ids(kb: ActorKB, name: str) -> list[str]:
    """The actor ids a name typed by a user means: ``Putin``, ``Vladimir Putin`` and
    ``vladimir-putin`` all give ``["vladimir-putin"]``.

    The best knowledge-base match comes first; the name's own slug follows, because people the
    knowledge base does not know are stored under it (:func:`~dyad.actors.names.unknown_person_id`).
    """
    ids = [found[0].id] if (found := kb.lookup(name)) else []
    own = unknown_person_id(name)
    return ids + ([own] if own and own not in ids else [])
