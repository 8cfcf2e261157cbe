"""One generated sentence that says what a fused event was.

"Barack Obama and Vladimir Putin met in Los Cabos, Mexico (occurred)": participants joined
for symmetric types, "A accused B" for directional ones, a verb per PLOVER type and status
(:data:`VERBS`, :data:`STATUS_FORMS`), the place with its country's name (from the actor
knowledge base's list of countries) and the reconciled status in parentheses.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

# PLOVER type -> (past tense, base form) of the verb a summary uses.
VERBS: dict[str, tuple[str, str]] = {
    "AGREE": ("agreed", "agree"),
    "CONSULT": ("met", "meet"),
    "SUPPORT": ("supported", "support"),
    "COOPERATE": ("cooperated", "cooperate"),
    "AID": ("gave aid to", "give aid to"),
    "CONCEDE": ("yielded to", "yield to"),
    "RETREAT": ("withdrew from", "withdraw from"),
    "ACCUSE": ("accused", "accuse"),
    "REQUEST": ("made demands of", "make demands of"),
    "REJECT": ("rejected", "reject"),
    "THREATEN": ("threatened", "threaten"),
    "PROTEST": ("protested against", "protest against"),
    "MOBILIZE": ("mobilized against", "mobilize against"),
    "SANCTION": ("sanctioned", "sanction"),
    "COERCE": ("coerced", "coerce"),
    "ASSAULT": ("attacked", "attack"),
}
DANGLING = frozenset({"to", "of", "from", "against"})  # a verb's preposition needs an object
# status -> how the verb is phrased; {past} and {base} are the forms above.
STATUS_FORMS: dict[str, str] = {
    "occurred": "{past}",
    "planned": "planned to {base}",
    "cancelled": "called off plans to {base}",
    "negated": "did not {base}",
    "hypothetical": "might {base}",
}


@cache
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> country name, from the actor KB's curated places."""
    path = resources.files("dyad") / "data" / "actors" / "places.jsonl"
    names: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        if record.get("type") == "GPE" and record.get("country"):
            names.setdefault(record["country"], record["name"])
    return names


def place_phrase(location: dict[str, Any] | None) -> str:
    """ "Los Cabos, Mexico", "Mexico", or "" when unknown."""
    if not location:
        return ""
    name, code = location.get("name"), location.get("country")
    country = country_names().get(code or "", code or "")
    if name and country and name != country:
        return f"{name}, {country}"
    return name or country or ""


def _join(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def describe(
    event_type: str,
    status: str,
    actors: list[str],
    recipients: list[str],
    location: dict[str, Any] | None = None,
) -> str:
    """The generated one-sentence summary of a fused event."""
    past, base = VERBS.get(event_type, (event_type.lower(), event_type.lower()))
    verb = STATUS_FORMS.get(status, "{past}").format(past=past, base=base)
    if recipients:
        subject, obj = _join(actors) or "Someone", " " + _join(recipients)
    elif len(actors) >= 2 and event_type in ("CONSULT", "COOPERATE", "AGREE"):
        subject, obj = _join(actors), ""
    else:
        subject, obj = _join(actors) or "Someone", ""
    if event_type == "CONSULT" and obj:
        verb = verb.replace("met", "met with").replace("meet", "meet with")
    if not obj and verb.rsplit(" ", 1)[-1] in DANGLING:
        verb = verb.rsplit(" ", 1)[0]  # "gave aid to" with nobody named: "gave aid"
    where = place_phrase(location)
    return f"{subject} {verb}{obj}{' in ' + where if where else ''} ({status})"
