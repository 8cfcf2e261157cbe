"""Actor and role records, and reading them from dyad's actor files (JSON Lines).

Every actor file, shipped or the user's, holds one JSON object per line in the format
documented in ``docs/actor-kb.md``; blank lines and lines starting with ``#`` are skipped and
a ``.gz`` suffix means gzip. :func:`read_actor_file` checks each record and raises
:class:`ActorFileError` naming the file and line of the first bad one. Optional fields may be
left out: a role's ``country`` and ``sector`` default to what its CAMEO ``code`` says, an
actor's ``country`` and ``sector`` to those of its most telling role.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dyad.actors.cameo import parse_code
from dyad.errors import DyadError

ACTOR_TYPES = ("PERSON", "ORG", "GPE")


class ActorFileError(DyadError):
    """An actor file cannot be read or holds a bad record."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Role:
    """A role an actor held, such as ``RUSGOV`` "President of Russia" from 2012-05-07.

    ``end`` is the first day the role was no longer held (the handover day), so on the day
    of a handover only the successor holds it; ``None`` means open (or unknown).
    """

    code: str | None
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    start: date | None = None
    end: date | None = None

    def active_on(self, day: date) -> bool:
        """True if the role was held on ``day`` (an open bound matches every day)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "title": self.title,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor: a person, an organisation or a place (a country as a political unit)."""

    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    adjectives: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    description: str | None = None
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "sector": self.sector,
            "aliases": list(self.aliases),
            "roles": [r.to_dict() for r in self.roles],
        }
        for key in ("adjectives", "seats"):
            if value := getattr(self, key):
                out[key] = list(value)
        if self.description:
            out["description"] = self.description
        return out


def _date(value: Any, what: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} must be an ISO date string or null")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _opt_str(rec: dict[str, Any], key: str) -> str | None:
    value = rec.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string or null")
    return value


def _str_list(rec: dict[str, Any], key: str) -> tuple[str, ...]:
    value = rec.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key!r} must be a list of strings")
    return tuple(value)


def role_from_dict(rec: Any) -> Role:
    """A :class:`Role` from its JSON object; ``ValueError`` says what is wrong."""
    if not isinstance(rec, dict):
        raise ValueError("each role must be an object")
    code = _opt_str(rec, "code")
    code = code.upper() if code else None
    country, sector = parse_code(code) if code else (None, None)
    if "country" in rec:
        country = _opt_str(rec, "country")
    if "sector" in rec:
        sector = _opt_str(rec, "sector")
    start, end = _date(rec.get("start"), "start"), _date(rec.get("end"), "end")
    if start and end and end < start:
        raise ValueError(f"role ends ({end}) before it starts ({start})")
    return Role(code, country, sector, _opt_str(rec, "title"), start, end)


def main_role(roles: tuple[Role, ...]) -> Role | None:
    """The role that best says what an actor is: the latest-starting non-elite role."""
    best: Role | None = None
    for role in roles:
        if role.sector == "elite" and best is not None:
            continue
        if (
            best is None
            or best.sector == "elite"
            or (role.start or date.min) >= (best.start or date.min)
        ):
            best = role
    return best


def actor_from_dict(rec: Any, source: str) -> Actor:
    """An :class:`Actor` from its JSON object; ``ValueError`` says what is wrong."""
    if not isinstance(rec, dict):
        raise ValueError("a record must be a JSON object")
    ident, name = rec.get("id"), rec.get("name")
    if not isinstance(ident, str) or not ident.strip():
        raise ValueError("'id' must be a non-empty string")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("'name' must be a non-empty string")
    kind = rec.get("type", "PERSON")
    if kind not in ACTOR_TYPES:
        raise ValueError(f"'type' must be one of {', '.join(ACTOR_TYPES)}, not {kind!r}")
    raw_roles = rec.get("roles", [])
    if not isinstance(raw_roles, list):
        raise ValueError("'roles' must be a list")
    roles = tuple(role_from_dict(r) for r in raw_roles)
    main = main_role(roles)
    country = _opt_str(rec, "country") if "country" in rec else (main.country if main else None)
    sector = _opt_str(rec, "sector") if "sector" in rec else (main.sector if main else None)
    return Actor(
        id=ident,
        name=name,
        type=kind,
        country=country,
        sector=sector,
        aliases=_str_list(rec, "aliases"),
        roles=roles,
        adjectives=_str_list(rec, "adjectives"),
        seats=_str_list(rec, "seats"),
        description=_opt_str(rec, "description"),
        source=source,
    )


def lines_of(path: Path) -> Iterator[str]:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            yield from fh
    else:
        with path.open(encoding="utf-8") as fh:
            yield from fh


def read_actor_file(path: Path, source: str | None = None) -> list[Actor]:
    """All actors in one actor file; :class:`ActorFileError` on the first bad line."""
    label = source or path.name
    actors: list[Actor] = []
    lineno = 0
    try:
        for lineno, line in enumerate(lines_of(path), start=1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            try:
                actors.append(actor_from_dict(json.loads(text), label))
            except json.JSONDecodeError as exc:
                raise ActorFileError(str(path), lineno, f"not valid JSON ({exc.msg})") from None
            except ValueError as exc:
                raise ActorFileError(str(path), lineno, str(exc)) from None
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise ActorFileError(str(path), lineno or None, f"cannot be read ({exc})") from None
    return actors
