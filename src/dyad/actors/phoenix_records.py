"""Turning Phoenix dictionary entries into dyad actor records (plain dicts, ready for JSON).

Each :class:`~dyad.actors.phoenix.Entry` becomes one record: the first root phrase, nicely
cased and stripped of leading titles ("Secretary-General Ban Ki-moon" → "Ban Ki-moon"), is the
canonical name and every other phrase an alias; each code becomes a role with its country,
sector and dates. Entries whose codes name only a place (``[RUS]``, ``[SUNRUS]``) are left
out, since dyad's own ``places.jsonl`` covers countries. Phoenix does not say whether an entry
is a person; :func:`guess_type` decides from the words of the name, the dates of the roles and
a first-name list learned from the dated (so surely personal) entries. Records with the same
slug are merged when they are the same kind of actor in the same country, and otherwise get
the country (then a number) appended to the id.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from dyad.actors.cameo import is_bare_place, parse_code
from dyad.actors.names import name_key, nice_case, slug
from dyad.actors.phoenix import Entry

_ORG_WORDS_TEXT = """
    organization organisation organizations party parties army front ministry council
    committee union association agency bank company corporation corp inc ltd llc plc group
    groups brigade brigades battalion movement forces force government court commission
    institute institution foundation society federation network center centre program
    programme fund office department service services police nations parliament assembly
    senate congress university college school academy hospital times news press post tribune
    herald journal radio television tv channel broadcasting airlines airways industries
    industry holdings international national league alliance coalition conference cabinet
    administration authority board bureau directorate guard guards militia regime club
    church mosque temple trust watch fighters rebels soldiers troops contingent mission
    tribunal secretariat legislature kremlin palace house embassy consulate state states
    republic kingdom community people peoples workers students federal intelligence security
    initiative project campaign forum chamber energy oil gas petroleum motors electric
    systems technologies pharmaceuticals foods partners capital investments insurance media
    magazine daily gazette telegraph agencies council clinic network organisations
    brotherhood jihad mujahideen mujahidin taliban qaeda hezbollah hizballah cells cell
    nuclei commandos command unit units squad squads revolutionary liberation resistance
    islamic ministries doctors borders without unions federations associations red cross
    crescent relief aid rights development fellowship order sisters brothers friends
    circle council's world global think tank"""
ORG_WORDS = frozenset(_ORG_WORDS_TEXT.split())
_TITLE_WORDS_TEXT = """
    president presidents minister ministers secretary spokesman spokeswoman spokesperson
    ambassador official officials leader leaders chief envoy representative delegate
    governor mayor general commander peacekeeper peacekeepers monitor monitors chancellor
    premier vice deputy adviser advisor head member members king queen prince emperor
    prosecutor judge justice senator lawmaker"""
TITLE_WORDS = frozenset(_TITLE_WORDS_TEXT.split())
# Leading words dropped from a person's canonical name (the full phrase stays an alias).
_TITLE_PREFIXES_TEXT = """
    president president-elect secretary-general secretary prime minister mr mrs ms dr
    senator ambassador governor chancellor acting general king queen sir"""
TITLE_PREFIXES = frozenset(_TITLE_PREFIXES_TEXT.split())
_CONNECTORS = frozenset({"of", "for", "and", "the", "against"})
_PAREN = re.compile(r"\s*\(([^)]*)\)")


def _roles(entry: Entry) -> list[dict[str, Any]]:
    roles: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for code in entry.codes:
        country, sector = parse_code(code.code)
        key = (code.code, code.start, code.end)
        if key in seen:
            continue
        seen.add(key)
        roles.append(
            {
                "code": code.code,
                "country": country,
                "sector": sector,
                "title": None,
                "start": code.start.isoformat() if code.start else None,
                "end": code.end.isoformat() if code.end else None,
            }
        )
    return roles


def _words(phrase: str) -> list[str]:
    return name_key(phrase).split()


def learn_first_names(entries: Iterable[Entry]) -> frozenset[str]:
    """First words of entries that are surely people (dated roles, no organisation words)."""
    counts: Counter[str] = Counter()
    for entry in entries:
        words = _words(entry.roots[0])
        if len(words) < 2 or ORG_WORDS & set(words) or TITLE_WORDS & set(words):
            continue
        if any(c.start or c.end for c in entry.codes):
            counts[words[0]] += 1
    return frozenset(w for w, n in counts.items() if n >= 2 and len(w) > 1)


def guess_type(entry: Entry, first_names: frozenset[str]) -> str:
    """``PERSON`` or ``ORG`` for a Phoenix entry (places are filtered out before)."""
    if "MilNonState" in entry.file:
        return "ORG"
    words = _words(entry.roots[0])
    if any(parse_code(c.code)[1] == "business" and c.code.startswith("MNC") for c in entry.codes):
        return "ORG"
    if not words or set(words) & (ORG_WORDS | _CONNECTORS):
        return "ORG"
    if any(c.start or c.end for c in entry.codes):
        return "PERSON"
    if set(words) & TITLE_WORDS or len(words) < 2:
        return "ORG"
    if any("CountryInfo" in c for c in entry.comments):
        return "PERSON"
    if len(words) <= 5 and (words[0] in first_names or len(words[0]) == 1):
        return "PERSON"
    elite = any(parse_code(c.code)[1] == "elite" for c in entry.codes)
    return "PERSON" if elite and len(words) <= 4 else "ORG"


def canonical_name(root: str, kind: str) -> tuple[str, list[str]]:
    """The display name of an entry and extra aliases it implies (acronyms, full phrase)."""
    extra: list[str] = []
    text = root.replace("_", " ").strip()
    for match in _PAREN.finditer(text):
        if match.group(1).strip():
            extra.append(match.group(1).strip())
    bare = _PAREN.sub("", text).strip() or text
    if kind != "PERSON" and bare.upper().startswith("THE ") and len(bare.split()) > 2:
        extra.append(nice_case(bare, organisation=True))
        bare = bare[4:].strip()
    if kind == "PERSON":
        words = bare.split()
        while len(words) > 2 and words[0].lower().strip(".") in TITLE_PREFIXES:
            words = words[1:]
        if len(words) < len(bare.split()):
            extra.append(nice_case(bare))
        bare = " ".join(words)
    return nice_case(bare, organisation=kind != "PERSON"), extra


def _main(roles: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    """Country and sector of the most telling role (latest start, elite roles last)."""
    if not roles:
        return None, None
    ranked = sorted(roles, key=lambda r: (r["sector"] != "elite", r["start"] or ""))
    main = ranked[-1]
    country = main["country"]
    if country is None:
        countries = Counter(r["country"] for r in roles if r["country"])
        country = countries.most_common(1)[0][0] if countries else None
    return country, main["sector"]


def entry_record(entry: Entry, first_names: frozenset[str]) -> dict[str, Any] | None:
    """The dyad record of one entry, or ``None`` for a place-only or unusable entry."""
    if "MilNonState" not in entry.file and all(is_bare_place(c.code) for c in entry.codes):
        return None
    kind = guess_type(entry, first_names)
    name, extra = canonical_name(entry.roots[0], kind)
    if not slug(name):
        return None
    aliases: list[str] = []
    seen = {name_key(name)}
    for phrase in [*extra, *entry.roots[1:], *entry.aliases]:
        alias = nice_case(phrase, organisation=kind != "PERSON") if phrase.isupper() else phrase
        key = name_key(alias)
        if key and key not in seen:
            seen.add(key)
            aliases.append(alias)
    roles = _roles(entry)
    country, sector = _main(roles)
    if sector is None and "MilNonState" in entry.file:
        sector = "rebel"
    return {
        "id": slug(name),
        "name": name,
        "type": kind,
        "country": country,
        "sector": sector,
        "aliases": aliases,
        "roles": roles,
    }


def _merge_into(target: dict[str, Any], other: dict[str, Any]) -> None:
    keys = {name_key(a) for a in target["aliases"]} | {name_key(target["name"])}
    for alias in [other["name"], *other["aliases"]]:
        if name_key(alias) not in keys:
            keys.add(name_key(alias))
            target["aliases"].append(alias)
    seen = {(r["code"], r["start"], r["end"]) for r in target["roles"]}
    for role in other["roles"]:
        if (role["code"], role["start"], role["end"]) not in seen:
            target["roles"].append(role)


def assign_ids(records: list[dict[str, Any]], stats: Counter[str]) -> list[dict[str, Any]]:
    """Merge same-slug records of one actor; give the others distinct, stable ids."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        groups[rec["id"]].append(rec)
    out: list[dict[str, Any]] = []
    taken = set(groups)
    for base, group in groups.items():
        kept: list[dict[str, Any]] = []
        for rec in group:
            same = next(
                (
                    k
                    for k in kept
                    if (k["type"], k["country"], k["sector"])
                    == (rec["type"], rec["country"], rec["sector"])
                    or (k["type"] == rec["type"] == "PERSON" and k["country"] == rec["country"])
                ),
                None,
            )
            if same is not None:
                _merge_into(same, rec)
                stats["merged"] += 1
            else:
                kept.append(rec)
        for index, rec in enumerate(kept):
            if index == 0:
                out.append(rec)
                continue
            candidate = f"{base}-{(rec['country'] or rec['sector'] or 'x').lower()}"
            candidate = slug(candidate)
            number = 2
            while candidate in taken:
                candidate = f"{base}-{number}"
                number += 1
            taken.add(candidate)
            rec["id"] = candidate
            stats["disambiguated"] += 1
            out.append(rec)
    return out
