"""The shipped Phoenix actor table (``phoenix.tsv.gz``): compact, and fast to load.

The converted Phoenix dictionaries hold some 26,000 actors, too many to parse as JSON and
build as objects within the load-time budget, so they ship as gzip'd tab-separated lines with
the columns of :class:`RawActor` (``#`` lines are comments). ``aliases`` are joined by ``|``;
``roles`` are joined by ``;``, each ``CODE [START|- [END]]`` with ISO dates (``USAGOV
2009-01-20``, ``HTIOPPMED - 2006-12-31``); a role's country and sector follow from its CAMEO
code and Phoenix roles have no titles. Empty ``country``/``sector`` mean none. A row becomes an
:class:`~dyad.actors.records.Actor` only when first used (:meth:`RawActor.to_actor`).
"""

from __future__ import annotations

import functools
import gzip
import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from dyad.actors.cameo import parse_code
from dyad.actors.records import Actor, ActorFileError, Role, lines_of

COLUMNS = ("id", "name", "type", "country", "sector", "aliases", "roles")


class RawActor(NamedTuple):
    """One row of the table, as text."""

    id: str
    name: str
    type: str
    country: str
    sector: str
    aliases: str
    roles: str

    def alias_list(self) -> list[str]:
        return self.aliases.split("|") if self.aliases else []

    def role_codes(self) -> list[str]:
        return [r.split(" ", 1)[0] for r in self.roles.split(";")] if self.roles else []

    def to_actor(self, source: str) -> Actor:
        roles = tuple(_role(r) for r in self.roles.split(";")) if self.roles else ()
        return Actor(
            self.id, self.name, self.type, self.country or None, self.sector or None,
            tuple(self.alias_list()), roles, source=source,
        )  # fmt: skip


@functools.lru_cache(maxsize=8192)
def _code_fields(code: str) -> tuple[str | None, str | None]:
    return parse_code(code)


def _role(text: str) -> Role:
    parts = text.split(" ")
    country, sector = _code_fields(parts[0])
    start = date.fromisoformat(parts[1]) if len(parts) > 1 and parts[1] != "-" else None
    end = date.fromisoformat(parts[2]) if len(parts) > 2 else None
    return Role(parts[0], country, sector, None, start, end)


def read_table(path: Path) -> list[RawActor]:
    """All rows of a table file; :class:`ActorFileError` names the first malformed line."""
    rows: list[RawActor] = []
    make = RawActor._make
    try:
        for lineno, line in enumerate(lines_of(path), start=1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != len(COLUMNS) or not fields[0] or not fields[1]:
                raise ActorFileError(str(path), lineno, f"expected {len(COLUMNS)} columns")
            rows.append(make(fields))
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise ActorFileError(str(path), None, f"cannot be read ({exc})") from None
    return rows


def _role_text(role: dict[str, Any]) -> str:
    parts = [role["code"], role["start"] or "-", role["end"] or ""]
    return " ".join(parts).rstrip(" -") if not role["end"] else " ".join(parts)


def write_table(records: Iterable[dict[str, Any]], path: Path, header: str) -> None:
    """Write converter records (dicts with the record fields) as a gzip'd table, reproducibly."""
    buffer = io.StringIO()
    buffer.write(header)
    buffer.write("# " + "\t".join(COLUMNS) + "\n")
    for rec in records:
        fields = [
            rec["id"], rec["name"], rec["type"], rec["country"] or "", rec["sector"] or "",
            "|".join(rec["aliases"]), ";".join(_role_text(r) for r in rec["roles"]),
        ]  # fmt: skip
        if any("\t" in f or "\n" in f for f in fields) or any("|" in a for a in rec["aliases"]):
            raise ValueError(f"record {rec['id']!r} holds a tab, newline or '|'")
        buffer.write("\t".join(fields) + "\n")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(buffer.getvalue().encode("utf-8"))
