"""Role titles: how important a role is, and whether a title matches what a caller asked for.

:func:`role_rank` orders roles for :meth:`ActorKB.role_on`: head of state (0) before head of
government (1), minister (2), other titled roles (3), untitled roles (4) and elite status (5).
:func:`title_matches` decides whether a title such as "President of Russia" answers a query
such as "President": the query equals the title, the title is the query followed by " of ...",
or the title ends with the query after a qualifier that is not a deputy's ("U.S. Secretary of
State" answers "Secretary of State", "Vice President of the United States" does not answer
"President").
"""

from __future__ import annotations

import re

from dyad.actors.names import name_key
from dyad.actors.records import Role

_HEAD_OF_STATE = re.compile(
    r"^(president|king|queen|emperor|empress|supreme leader|emir|sultan|monarch|grand duke)\b"
)
_HEAD_OF_GOVERNMENT = re.compile(
    r"^(prime minister|premier|chancellor|taoiseach|secretary general|acting president)\b"
)
_MINISTER = re.compile(r"\b(minister|secretary)\b")
_DEPUTY = re.compile(r"\b(vice|deputy|first deputy|under|assistant|crown prince)\b")
_NOT_HOLDER = frozenset({"vice", "deputy", "under", "assistant", "acting", "former", "first"})


def role_rank(role: Role) -> int:
    """0 head of state, 1 head of government, 2 minister, 3 other titled, 4 untitled, 5 elite."""
    if not role.title:
        return 5 if role.sector == "elite" else 4
    key = name_key(role.title)
    if _DEPUTY.search(key.split(" of ")[0]):
        return 3
    if _HEAD_OF_STATE.match(key):
        return 0
    if _HEAD_OF_GOVERNMENT.match(key):
        return 1
    if _MINISTER.search(key.split(" of ")[0]):
        return 2
    return 3


def title_matches(query_key: str, title: str) -> bool:
    """True if ``title`` answers a query whose :func:`name_key` is ``query_key``."""
    key = name_key(title)
    if key == query_key or key.startswith(query_key + " of "):
        return True
    if key.endswith(" " + query_key):
        before = key[: -len(query_key) - 1].split()
        return bool(before) and before[-1] not in _NOT_HOLDER
    return False
