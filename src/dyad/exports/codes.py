"""Codes event-data users expect, from what dyad stores: CAMEO actor codes, CAMEO country
spellings, PLOVER contexts, QuadClass and Goldstein weights.

An actor's CAMEO code is the code of the role the knowledge base says it held on the event's
date (``RUSGOV`` for Putin in 2012), else its country; lookups are memoised in a bounded cache
so memory stays flat however many rows are exported. Goldstein weights are the root-code
values of ``dyad/data/stories/goldstein.tsv`` that ``dyad relations`` uses.
"""

from __future__ import annotations

from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from ..actors import default_kb
from ..actors.cameo import CAMEO_TO_ISO
from ..stories.relations import goldstein_table

# ISO alpha-3 -> the CAMEO spelling GDELT writes (dyad's CAMEO_TO_ISO read backwards). JAP is
# left out: it is a PLOVER gold-standard spelling, CAMEO and GDELT write JPN.
ISO_TO_CAMEO = {iso: cameo for cameo, iso in CAMEO_TO_ISO.items() if cameo != "JAP"}


@lru_cache(maxsize=8192)
def actor_codes(actor_id: str | None, on: date | None) -> tuple[str, str, str]:
    """``(cameo_code, country, type_code)`` of a knowledge-base actor on a day ('' if unknown).

    ``country`` is ISO alpha-3; ``type_code`` is the role chunk after the country (``GOV``).
    """
    if not actor_id:
        return "", "", ""
    kb = default_kb()
    actor = kb.get(actor_id)
    if actor is None:
        return "", "", ""
    role = kb.role_on(actor, on) if on is not None else None
    country = (role.country if role else None) or actor.country or ""
    code = role.code if role and role.code else country
    kind = code[3:6] if len(code) >= 6 else ""
    return code, country, kind


def cameo_country(iso: str) -> str:
    """GDELT's CAMEO spelling of an ISO alpha-3 country code."""
    return ISO_TO_CAMEO.get(iso, iso)


@cache
def contexts() -> dict[str, list[str]]:
    """CAMEO code -> PLOVER contexts (CAMEO2PLOVER-2021, shipped as data)."""
    path = resources.files("dyad") / "data" / "export" / "cameo_context.tsv"
    table: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, value = line.split("\t")
            table[code] = [c.strip() for c in value.split(";") if c.strip()]
    return table


def context_of(cameo: str | None) -> list[str]:
    """The PLOVER contexts of a CAMEO code, from its most specific coded prefix."""
    table = contexts()
    for n in range(len(cameo or ""), 1, -1):
        if found := table.get((cameo or "")[:n]):
            return found
    return []


@cache
def goldstein_roots() -> tuple[dict[str, float], dict[str, str]]:
    """CAMEO root -> Goldstein weight, and PLOVER type -> its first CAMEO root."""
    path = resources.files("dyad") / "data" / "stories" / "goldstein.tsv"
    weights: dict[str, float] = {}
    roots: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            root, weight, plover, _ = line.split("\t", 3)
            weights.setdefault(root, float(weight))
            if plover != "-":
                roots.setdefault(plover, root)
    return weights, roots


def event_codes(cameo: str | None, plover_type: str) -> dict[str, Any]:
    """GDELT's EventCode/EventBaseCode/EventRootCode, QuadClass and GoldsteinScale.

    Without a CAMEO code the type's root stands in (``04`` -> ``040``) for a coarse code.
    """
    weights, roots = goldstein_roots()
    code = cameo if cameo and cameo[:2].isdigit() else None
    root = code[:2] if code else roots.get(plover_type, "")
    code = code or (f"{root}0" if root else "")
    weight = weights.get(root, goldstein_table().get(plover_type))
    return {
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": root,
        "QuadClass": quad_class(root),
        "GoldsteinScale": "" if weight is None else f"{weight:.1f}",
    }


def quad_class(root: str) -> str:
    """GDELT's QuadClass: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    if not root.isdigit():
        return ""
    n = int(root)
    return "1" if n <= 5 else "2" if n <= 8 else "3" if n <= 13 else "4"
