"""The scanner: regular-expression rules that find candidate time expressions in raw text.

Each rule is a pattern over characters, not tokens, built once from the word lists in
:mod:`dyad.time.lexicon` (``<MONTH>``, ``<WD>``, ``<NUM>`` ... stand for alternations of the
list's forms). :func:`scan` runs every rule over the text and keeps the longest
non-overlapping matches, leftmost first; what a match means is decided later by
:mod:`dyad.time.resolve`. Extents follow TimeML TIMEX3: determiners and modifiers ("the",
"last", "late", "more than") are inside, the governing preposition ("on", "in", "for") is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from dyad.time.lexicon import alternation, lexicon, plural, unit_forms


@dataclass(frozen=True, slots=True)
class Candidate:
    """One rule match: ``[start, end)`` into the text, the rule's name and its groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]


_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_APPROX = (
    r"(?:more\s+than|less\s+than|fewer\s+than|nearly|almost|about|at\s+least|at\s+most|over|"
    r"up\s+to|within|roughly|around|approximately|some|only|just|another|an\s+additional)"
)
_DIR = r"(?:past|last|next|first|previous|final|coming|following|latest|remaining|same|initial)"
_MOD = r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"

# Rule name -> pattern; <NAME> stands for a building block of :func:`_blocks`.
RULES: dict[str, str] = {
    "iso": r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<hh>\d\d):(?P<mi>\d\d))?",
    "slash": r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)",
    "mdy": r"(?:(?P<rel>last|next|this)\s+)?(?:(?P<wd><WD>)\.?,?\s+)?(?:(?P<mod><MOD>)[\s-]+)?"
    r"(?P<mon><MONTH>)\.?\s+"
    r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d|\.\d|,\d{3}|\s*(?:%|percent))"
    r"(?:(?:\s*,\s*|\s+)(?P<y>(?:1[6-9]|20)\d\d)(?!\d))?",
    "mdd": r"(?P<mon><MONTH>)\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:and|&|or)\s*"
    r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,\s*(?P<y>(?:1[6-9]|20)\d\d))?",
    "dmy": r"(?:(?P<wd><WD>),?\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon><MONTH>)\.?"
    r"(?:,?\s+(?P<y>(?:1[6-9]|20)\d\d)(?!\d))?",
    "month": r"(?:(?P<rel>last|next|this|this\s+coming|this\s+past|the\s+following|"
    r"the\s+previous|earlier\s+this|later\s+this|early\s+this|late\s+last|early\s+next)\s+)?"
    r"(?:(?P<mod><MOD>)[\s-]+)?(?P<mon><MONTHDOT>)(?:,?\s+(?:of\s+)?(?P<y>(?:1[6-9]|20)\d\d)|"
    r"\s+(?P<yrel>this|last|next)\s+year|,?\s+(?:of\s+)?(?P<yw><YEARWORDS>))?",
    "year": r"(?:(?P<mod><MOD>|fiscal|calendar|the\s+fiscal\s+year|fiscal\s+year)[\s-]+)?"
    r"(?P<y>(?:1[7-9]|20)\d\d)(?![\d,]\d|\s*(?:%|percent|\.\d))",
    "decade": r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?"
    r"(?:(?P<dec>(?:1[6-9]|20)\d)0'?s|'(?P<short>\d)0s|(?<=the\s)(?P<word><DECADEWORD>))",
    "yearwords": r"(?:the\s+year\s+)?(?P<words><YEARWORDS>)(?![\s-]+<UNITS>)",
    "century": r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?"
    r"(?P<ord><ORDW>|\d{1,2}(?:st|nd|rd|th))[\s-]+century",
    "season": r"(?:(?P<rel>last|next|this|this\s+past|the\s+past|early\s+this|late\s+last)\s+|"
    r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?)(?P<s><SEASON>)"
    r"(?:,?\s+(?:of\s+)?(?:(?P<y>(?:1[6-9]|20)\d\d)|(?P<yw><YEARWORDS>)))?",
    "weekday": r"(?:(?P<rel>last|next|this|this\s+coming|this\s+past|coming|past|"
    r"the\s+(?:previous|following|next))\s+)?"
    r"(?:(?P<mod>early|late|earlier|later|mid)[\s-]+)?(?P<wd><WDFULL>|<WDABBR>\.)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
    "clock": r"(?:(?P<approx>about|around|at\s+about|approximately|shortly\s+after|shortly\s+before"
    r"|just\s+after|just\s+before)\s+)?(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*"
    r"(?P<ampm>[ap]\.\s?m\.?|[ap]m\b|o'clock|in\s+the\s+(?:morning|afternoon|evening))(?:\s+(?P<tz>[A-Z]{2,4}T|[A-Z]{3}|GMT|UTC))?"
    r"(?:,?\s+(?:(?P<wd><WDFULL>)|(?P<day>today|yesterday|tomorrow)|"
    r"(?P<mon><MONTH>)\.?\s+(?P<d>[0-3]?\d)(?!\d)))?",
    "noon": r"(?P<noon>noon|midnight|midday)(?:\s+(?:(?P<wd><WDFULL>)|(?P<day>today|yesterday|"
    r"tomorrow)))?",
    "relday": r"(?:(?P<mod>late|early|earlier|later)\s+)?(?P<day>today|yesterday|tomorrow|tonight)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
    "partday": r"(?P<rel>this|last|tomorrow|yesterday|later\s+this|earlier\s+this)\s+"
    r"(?P<part>morning|afternoon|evening|night)",
    "midpart": r"(?P<mod>mid|late|early)[\s-]?(?P<part>morning|afternoon|evening)"
    r"(?:\s+(?P<rel>today|yesterday|tomorrow))?",
    "relunit": r"(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>last|next|this|past|previous|"
    r"coming|current|the\s+(?:past|previous|coming|following|current|next|same|prior|last))\s+"
    r"(?P<unit>week|month|year|quarter|weekend|decade|century|fiscal\s+year)",
    "theunit": r"(?:(?P<mod>earlier|later|early|late)\s+in\s+)?the\s+"
    r"(?P<fy>(?:full|fiscal|current\s+fiscal)\s+)?(?P<unit>weekend|year)"
    r"(?:(?=\s+(?P<ended>ended|ending|that\s+ended|that\s+ends)\b))?",
    "thatunit": r"(?:(?P<mod>later|earlier|early|late)\s+)?(?P<rel>that|that\s+same)\s+"
    r"(?P<unit>year|month)",
    "endof": r"(?:the\s+)?(?P<pos>end|beginning|start|middle)\s+of\s+(?P<rel>the|this|next|last)\s+"
    r"(?P<unit>week|month|year|quarter)",
    "ago": r"(?:(?P<approx><APPROX>)\s+)?(?P<n><NUM>|several|a\s+few|few|some|many)\s+"
    r"(?P<unit><UNITS>)(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)",
    "duration": r"(?:(?P<the>the\s+)?(?P<pre><DIR>|<APPROX>)\s+|the\s+(?=\w+\s+\w+\b))?"
    r"(?P<n><NUM>)"
    r"(?:\s+(?P<half>and\s+a\s+half|1/2))?(?:\s+more)?[\s-]+(?P<unit><UNITS>)"
    r"(?:(?P<old>-old|-long)|\s+(?P<half2>and\s+a\s+half))?",
    "vague": r"(?:(?P<the>the\s+)?(?P<pre><DIR>)\s+)?(?P<q>several|a\s+few|few|many|"
    r"the\s+next\s+few|the\s+past\s+few|the\s+last\s+few|recent|coming|ensuing)\s+"
    r"(?P<unit><PLURALS>)",
    "set": r"(?P<q>every|each|per)\s+(?:(?P<n><NUM>|other)\s+)?"
    r"(?P<unit><UNITS>|<WDFULL>|<MONTH>)",
    "quarter": r"(?:(?P<the>the)\s+)?(?:(?P<rel>latest|current|previous|past|last|this|next|"
    r"year-earlier|year-ago|same|comparable|prior|year's|fiscal)\s+)?(?:(?P<y>\d{4})\s+)?"
    r"(?P<ord><ORD>|final|latest)[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarter|half)"
    r"(?:\s+of\s+(?:fiscal\s+)?(?P<y2>\d{4}|this\s+year|last\s+year|next\s+year))?",
    "period": r"(?:the\s+(?P<rel>latest|current|previous|year-earlier|year-ago|comparable|"
    r"corresponding|same|prior|recent|fiscal)?\s*|(?P<ly>last\s+year's)\s+)"
    r"(?:(?P<y>\d{4})\s+)?(?P<unit>quarter|period)"
    r"(?P<ago>\s+a\s+year\s+(?:ago|earlier)|\s+(?:of\s+)?last\s+year)?",
    "yearago": r"(?P<adj>year-earlier|year-ago|a\s+year\s+earlier|year[\s-]end|year's\s+end)",
    "refday": r"(?P<ref>the\s+following\s+day|the\s+next\s+day|the\s+previous\s+day|"
    r"the\s+same\s+day|that\s+same\s+day|that\s+day|the\s+next\s+morning|"
    r"the\s+following\s+morning|a\s+day\s+earlier|a\s+day\s+later|the\s+previous\s+night|"
    r"earlier\s+that\s+day|later\s+that\s+day)",
    "holiday": r"(?:(?P<rel>last|next|this)\s+)?(?P<hol><HOLIDAY>)",
    "reference": r"(?P<ref><REFERENCE>)",
}


def _blocks() -> dict[str, str]:
    lex = lexicon()
    numbers = [f for f in lex.numbers if f not in ("a", "an")]
    compound = f"(?:{'|'.join(_TENS)})[\\s-](?:{'|'.join(_ONES)})"
    num = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + compound + "|" + alternation(numbers) + r"|an?)"
    weekdays_full = [f for f in lex.weekdays if len(f) > 4 or f.endswith("day")]
    weekdays_abbr = [f for f in lex.weekdays if f not in weekdays_full]
    plurals = [plural(u) for u in lex.units]
    full_months = [f for f in lex.months if len(f) > 4 or f in ("may", "june", "july")]
    abbreviations = [f for f in lex.months if f not in full_months]
    return {
        "MONTH": alternation(lex.months),
        # a dot only after an abbreviation: in "in April." it ends the sentence
        "MONTHDOT": f"(?:{alternation(full_months)}|{alternation(abbreviations)}\\.?)",
        "WD": alternation(lex.weekdays),
        "WDFULL": alternation(weekdays_full),
        "WDABBR": alternation(weekdays_abbr),
        "NUM": num,
        "ORD": _ORD,
        "ORDW": alternation(lex.ordinals),
        "UNITS": alternation(unit_forms()),
        "PLURALS": alternation(plurals),
        "SEASON": alternation(lex.seasons),
        "HOLIDAY": alternation(lex.holidays),
        "REFERENCE": alternation(lex.references),
        "APPROX": _APPROX,
        "TENS": "(?:" + "|".join(_TENS) + ")",
        "ONES": "(?:" + "|".join(_ONES) + ")",
        "TEENS": alternation(f for f, v in lex.numbers.items() if 10 <= v < 20),
        "YEARWORDS": r"(?:(?:nineteen|twenty)\s+(?:hundred|<TENS>(?:[\s-]<ONES>)?|<TEENS>)|"
        r"two\s+thousand(?:\s+(?:and\s+)?(?:<ONES>|<TEENS>))?)(?![\s-]+<UNITS>)",
        "DECADEWORD": "(?:" + "|".join(t[:-1] + "ies" for t in _TENS) + ")",
        "DIR": _DIR,
        "MOD": _MOD,
    }


@cache
def compiled_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every rule compiled once, with word boundaries on both sides."""
    blocks = _blocks()
    rules = []
    for name, pattern in RULES.items():
        body = pattern
        while "<" in body and re.search(r"<[A-Z]+>", body):  # blocks may use blocks
            body = re.sub(r"<([A-Z]+)>", lambda m: blocks[m.group(1)], body)
        rules.append((name, re.compile(r"(?<![\w'’-])" + body + r"(?![\w’-])", re.IGNORECASE)))
    return tuple(rules)


def scan(text: str, accept: Callable[[Candidate], bool] | None = None) -> list[Candidate]:
    """Longest non-overlapping candidate matches of all rules, in text order.

    ``accept`` vetoes a match before the overlap contest (a lowercase "may" is no month), so
    a rejected long match cannot hide a good shorter one.
    """
    found: list[Candidate] = []
    for name, pattern in compiled_rules():
        for match in pattern.finditer(text):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            cand = Candidate(match.start(), match.end(), name, groups)
            if accept is None or accept(cand):
                found.append(cand)
    found.sort(key=lambda c: (c.start - c.end, c.start))
    taken: list[Candidate] = []
    occupied = bytearray(len(text) + 1)
    for cand in found:
        if not any(occupied[cand.start : cand.end]):
            taken.append(cand)
            occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
    taken.sort(key=lambda c: c.start)
    return taken
