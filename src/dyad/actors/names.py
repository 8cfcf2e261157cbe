"""Actor names: the lookup key, ids (slugs), nice casing of dictionary names, unknown people.

:func:`name_key` is the one normal form every lookup goes through: Unicode diacritics are
dropped, case is folded, full stops and apostrophes vanish (``U.S.`` = ``US``, ``O'Neill`` =
``ONeill``), every other non-alphanumeric character (``_``, ``-``, commas) becomes a space and a
leading "the" is dropped. :func:`slug` is the id form (``vladimir-putin``) and
:func:`unknown_person_id` the stable id dyad gives a person who is not in the knowledge base:
the slug of the name, so the same name gets the same id in every article and every run.
:func:`nice_case` turns an all-caps dictionary name such as ``BASHAR_AL-ASSAD_`` into
``Bashar al-Assad``.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_DROP = str.maketrans("", "", ".'’`")
_SPACES = re.compile(r"\s+")
_THE = "the "
# ASCII fast path of name_key: letters lower-cased, digits kept, . ' ` dropped, rest → space.
_ASCII_KEY: dict[int, str | None] = {
    i: (chr(i).lower() if chr(i).isalnum() else " ") for i in range(128)
}
_ASCII_KEY.update({ord("."): None, ord("'"): None, ord("`"): None})

# Name particles written in lower case inside a name (not at its start).
PARTICLES: frozenset[str] = frozenset(
    {
        "al", "el", "bin", "ibn", "bint", "ben", "van", "von", "der", "den", "de", "del",
        "della", "di", "da", "das", "do", "dos", "du", "la", "le", "y", "zu", "ter",
    }
)  # fmt: skip
# Small words written in lower case inside organisation names.
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "at", "by", "a", "an"})
_COMPANY = {"ltd": "Ltd", "inc": "Inc", "corp": "Corp", "co": "Co", "llc": "LLC", "plc": "plc"}
# Tokens kept upper case wherever they occur.
_ACRONYMS_TEXT = """
    UN UNO US USA UK EU NATO IAEA WHO WTO IMF OPEC ASEAN AU OAS OSCE ICC ICJ NGO UNICEF
    UNHCR UNESCO UNDP UNEP UNFPA UNRWA FAO ILO IOM ICRC OECD GCC SCO BRICS CIA FBI NSA KGB FSB
    GRU SVR MI5 MI6 BBC CNN NBC CBS ABC AP AFP ITAR-TASS TASS RIA PLO PKK FARC ELN ETA IRA
    ISIS ISIL HAMAS ANC SPD CDU CSU FDP LDP KMT DPP BJP PRI PAN PT PSOE PP NHS PLA KPA II III
    IV VI VII VIII IX XI XII XIII XIV XV XVI DC"""
ACRONYMS: frozenset[str] = frozenset(_ACRONYMS_TEXT.split())


def fold(text: str) -> str:
    """Lower-case ASCII approximation: diacritics dropped, case folded."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold()


@functools.lru_cache(maxsize=262144)
def name_key(text: str) -> str:
    """The lookup key of a name: ``"Vladimir V. Putin"`` → ``"vladimir v putin"``."""
    if text.isascii():
        words = text.translate(_ASCII_KEY).split()
    else:
        folded = fold(text).translate(_DROP)
        words = "".join(c if c.isalnum() else " " for c in folded).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def slug(text: str) -> str:
    """The id form of a name: ``"Bashar al-Assad"`` → ``"bashar-al-assad"``."""
    return name_key(text).replace(" ", "-")


def unknown_person_id(name: str) -> str:
    """Stable id of a person who is not in the knowledge base: the slug of the name.

    ``"Nikolai Zlobin"``, ``"NIKOLAI ZLOBIN"`` and ``"Nikolai  Zlobin,"`` all give
    ``"nikolai-zlobin"``, in every article and every run. Returns ``""`` for a name with no
    letters or digits.
    """
    return slug(name)


def _case_part(part: str, first: bool, organisation: bool) -> str:
    """Case one hyphen-free piece of an all-caps word."""
    low = part.lower()
    if part.upper() in ACRONYMS or (part.strip("().") and part.startswith("(")):
        return part.upper()
    if not first and low in PARTICLES and not organisation:
        return low
    if not first and organisation and low in _SMALL_WORDS:
        return low
    if low in _COMPANY:
        return _COMPANY[low]
    if organisation and len(part) > 1 and not re.search(r"[AEIOUY]", part.upper()):
        return part.upper()  # BBC, NHS, PKK
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    if low.startswith("o'") and len(low) > 2:
        return "O'" + low[2:].capitalize()
    if "." in low:  # initials: "u.s." → "U.S.", "j." → "J."
        return ".".join(p.capitalize() for p in low.split("."))
    return low.capitalize()


def _case_word(word: str, first: bool, organisation: bool) -> str:
    if "/" in word:
        return "/".join(_case_word(w, first, organisation) for w in word.split("/"))
    pieces = word.split("-")
    out = [_case_part(p, first and i == 0, organisation) if p else p for i, p in enumerate(pieces)]
    if len(out) > 1 and out[0].lower() in {"al", "el"}:
        # al-Assad, el-Sisi: particle lower case unless the name starts with it.
        out[0] = out[0].capitalize() if first else out[0].lower()
        out[1] = out[1][:1].upper() + out[1][1:]
    return "-".join(out)


def nice_case(raw: str, organisation: bool = False) -> str:
    """A dictionary name in natural case: ``VLADIMIR_PUTIN_`` → ``Vladimir Putin``.

    ``MICHAEL_MCFAUL`` → ``Michael McFaul``, ``BASHAR_AL-ASSAD`` → ``Bashar al-Assad``,
    ``B._LYNN_PASCOE_`` → ``B. Lynn Pascoe``; with ``organisation`` small words stay lower
    case and vowel-less words upper case (``BBC_WORLD_SERVICE`` → ``BBC World Service``).
    """
    words = _SPACES.sub(" ", raw.replace("_", " ")).strip().split(" ")
    if organisation and len(words) == 1 and len(words[0]) <= 5:
        return words[0].upper() if words[0] else ""
    return " ".join(_case_word(w, i == 0, organisation) for i, w in enumerate(words) if w)
