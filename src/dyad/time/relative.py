"""Normalising relative expressions, durations, sets and document-time references.

"yesterday", "last month", "two days ago", "the third quarter", "the following day",
"the past 20 years", "every week", "now": each ``resolve_<rule>`` turns the groups of a
scanner match into a TimeML ``(type, value)`` using the anchor (publication date) or the
most recent full date in the text; without the date it needs, the value is ``None``.
"""

from __future__ import annotations

import datetime as dt

from dyad.time.dates import add_months, quarter_of, shift_value, week_value
from dyad.time.lexicon import lexicon
from dyad.time.values import (
    Context,
    Kind,
    Resolved,
    duration_value,
    kind_of,
    norm,
    parse_number,
    unit_of,
    vague_value,
)

_BACK = {"last", "past", "previous", "the past", "the previous", "the prior"}
_AHEAD = {"next", "coming", "the coming", "the following", "the next"}
_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_DAY_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}


def resolve_relday(g: dict[str, str], ctx: Context) -> Resolved | None:
    word = norm(g["day"])
    part = "NI" if word == "tonight" else _PART_CODES.get(norm(g.get("part", "")), "")
    kind: Kind = "TIME" if part else "DATE"
    if ctx.anchor is None:
        return kind, "PRESENT_REF" if word == "today" else None
    day = ctx.anchor + dt.timedelta(days=_DAY_SHIFT[word])
    return kind, day.isoformat() + (f"T{part}" if part else "")


def resolve_partday(g: dict[str, str], ctx: Context) -> Resolved | None:
    rel = norm(g["rel"]).replace("later ", "").replace("earlier ", "")
    if ctx.anchor is None:
        return "TIME", None
    day = ctx.anchor + dt.timedelta(days=_DAY_SHIFT.get(rel, 0))
    return "TIME", f"{day.isoformat()}T{_PART_CODES[norm(g['part'])]}"


def resolve_midpart(g: dict[str, str], ctx: Context) -> Resolved | None:
    """ "mid-afternoon", "late morning yesterday": the part of the day (the modifier is
    TimeML's ``mod``, not part of the value)."""
    if ctx.anchor is None:
        return "TIME", None
    day = ctx.anchor + dt.timedelta(days=_DAY_SHIFT.get(norm(g.get("rel", "today")), 0))
    return "TIME", f"{day.isoformat()}T{_PART_CODES[norm(g['part'])]}"


def _weekend(anchor: dt.date, step: int) -> str:
    if step < 0:
        return week_value(anchor - dt.timedelta(days=anchor.isoweekday())) + "-WE"
    return week_value(anchor + dt.timedelta(weeks=step)) + "-WE"


def resolve_relunit(g: dict[str, str], ctx: Context) -> Resolved | None:
    rel, unit = norm(g["rel"]), norm(g["unit"]).replace("fiscal ", "")
    if rel in ("the past", "past", "the next", "the last") and unit != "weekend":
        return "DURATION", duration_value(1, unit)
    story = rel in ("the following", "the same", "the previous")
    if story and unit in ("year", "month") and ctx.named:
        step = {"the following": 1, "the previous": -1}.get(rel, 0)
        return "DATE", _named_shift(ctx.named, step, unit)
    base = ctx.ref if story else ctx.anchor
    if base is None:
        return "DATE", None
    step = -1 if rel in _BACK else 1 if rel in _AHEAD else 0
    if rel == "the following" and unit == "year":
        step = 1
    if unit == "weekend":
        return "DATE", _weekend(base, step)
    return "DATE", shift_value(base, step, unit)


def _named_shift(named: str | None, step: int, unit: str) -> str | None:
    """The year or month ``step`` units from the last one named in the text, if any."""
    if named is None or (unit == "month" and len(named) < 7):
        return None
    year = int(named[:4])
    if unit == "year":
        return str(year + step)
    moved = add_months(dt.date(year, int(named[5:7]), 1), step)
    return f"{moved.year:04d}-{moved.month:02d}"


def resolve_thatunit(g: dict[str, str], ctx: Context) -> Resolved | None:
    """ "that year", "later that month": the year or month last named in the story."""
    return "DATE", _named_shift(ctx.named, 0, norm(g["unit"]))


def resolve_theunit(g: dict[str, str], ctx: Context) -> Resolved | None:
    """ "the weekend": the last one, or the coming one in a future clause.

    "the year ended Sept. 30" is a fiscal year's length (P1Y); otherwise "the year" ("for the
    year", "earlier in the year", "the full year") is the current calendar year.
    """
    if norm(g["unit"]) == "year":
        if "ended" in g:
            return "DURATION", "P1Y"
        return "DATE", str(ctx.anchor.year) if ctx.anchor else None
    if ctx.anchor is None:
        return "DATE", None
    if ctx.anchor.isoweekday() >= 6:
        return "DATE", _weekend(ctx.anchor, 0)
    return "DATE", _weekend(ctx.anchor, 0 if ctx.tense == "FUTURE" else -1)


def resolve_ago(g: dict[str, str], ctx: Context) -> Resolved | None:
    unit = unit_of(g["unit"])
    if unit is None:
        return None
    direction = norm(g["dir"])
    forward = direction in ("later", "after", "from now", "hence")
    amount = parse_number(g["n"])
    if amount is None:
        return "DATE", "FUTURE_REF" if forward else "PAST_REF"
    if lexicon().units[unit].time:
        return "DURATION", duration_value(amount, unit)
    relative_to_ref = direction in ("earlier", "later") and unit == "day"
    base = ctx.ref if relative_to_ref and ctx.ref else ctx.anchor
    if base is None:
        return "DATE", None
    step = round(amount) * (1 if forward else -1)
    if unit == "year" and step == -1 and ctx.quarter:
        return "DATE", year_before(ctx.quarter)
    if unit in ("decade", "century"):
        step, unit = step * lexicon().units[unit].factor, "year"
    return "DATE", shift_value(base, step, unit)


def year_before(quarter: str) -> str:
    """The same quarter a year earlier: results "a year ago" in a quarterly report."""
    return f"{int(quarter[:4]) - 1}{quarter[4:]}"


def resolve_duration(g: dict[str, str], ctx: Context) -> Resolved | None:
    unit = unit_of(g["unit"])
    amount = parse_number(g["n"])
    if unit is None or amount is None or amount <= 0:
        return None
    half = "half" in g or "half2" in g
    return "DURATION", duration_value(amount, unit, half=half)


def resolve_vague(g: dict[str, str], ctx: Context) -> Resolved | None:
    unit = unit_of(g["unit"])
    if unit is None:
        return None
    if norm(g["q"]) == "recent" and unit == "year":
        return "DATE", "PAST_REF"
    return "DURATION", vague_value(unit)


def resolve_endof(g: dict[str, str], ctx: Context) -> Resolved | None:
    """ "the end of the month" -> the month (TimeML puts "end" in a modifier attribute)."""
    if ctx.anchor is None:
        return "DATE", None
    step = {"next": 1, "last": -1}.get(norm(g["rel"]), 0)
    return "DATE", shift_value(ctx.anchor, step, norm(g["unit"]))


def resolve_set(g: dict[str, str], ctx: Context) -> Resolved | None:
    words = norm(g["unit"])
    lex = lexicon()
    if words in lex.weekdays:
        return "SET", f"XXXX-WXX-{lex.weekdays[words]}"
    if words in lex.months:
        return "SET", f"XXXX-{lex.months[words]:02d}"
    unit = unit_of(words)
    if unit is None:
        return None
    count = g.get("n", "1")
    amount = 2.0 if norm(count) == "other" else parse_number(count)
    return "SET", duration_value(amount or 1, unit)


def _quarter_year(anchor: dt.date, quarter: int, ctx: Context) -> int:
    current = quarter_of(anchor)
    if quarter <= current or ctx.tense == "FUTURE":
        return anchor.year
    return anchor.year - 1 if quarter - current >= 2 else anchor.year


def _year_phrase(words: str, anchor: dt.date | None) -> int | None:
    words = norm(words)
    if words.isdigit():
        return int(words)
    if anchor is None:
        return None
    return anchor.year + {"this year": 0, "last year": -1, "next year": 1}.get(words, 0)


def resolve_quarter(g: dict[str, str], ctx: Context) -> Resolved | None:
    word, half = norm(g["ord"]), norm(g["unit"]) == "half"
    number = {"final": 4 - 2 * half, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(word)
    number = number or lexicon().ordinals.get(word)
    year = _year_phrase(g.get("y") or g.get("y2") or "", ctx.anchor)
    if word == "latest" and ctx.anchor is not None:
        prev = shift_value(ctx.anchor, -1, "quarter")
        return "DATE", prev
    if not number or number > (2 if half else 4):
        return None
    code = f"H{number}" if half else f"Q{number}"
    if year is None or ("y" not in g and "y2" not in g):
        if ctx.anchor is None:
            return "DATE", f"XXXX-{code}"
        year = _quarter_year(ctx.anchor, number * (2 if half else 1), ctx)
    rel = norm(g.get("rel", ""))
    if rel in ("year earlier", "year ago", "last", "previous", "prior"):
        year -= 1
    elif rel == "next":
        year += 1
    return "DATE", f"{year}-{code}"


_EARLIER = ("year earlier", "year ago", "comparable", "corresponding", "prior", "same")


def earlier_period(g: dict[str, str]) -> bool:
    """ "the year-ago quarter", "the corresponding period last year", "last year's quarter"."""
    return norm(g.get("rel", "")) in _EARLIER or "ly" in g or "ago" in g


def resolve_period(g: dict[str, str], ctx: Context) -> Resolved | None:
    """ "the quarter", "the latest period", "the 1988 period", "the year-ago quarter".

    In an earnings report these mean the quarter the story is about (the last one named, or
    else the last completed quarter) or the same quarter a year before. After "the nine
    months" there is no quarter in play and "the 1988 period" is the year.
    """
    rel, unit = norm(g.get("rel", "")), norm(g["unit"])
    if unit == "period" and not rel and not {"y", "ly", "ago"} & g.keys():
        return None
    if "y" in g:
        return "DATE", f"{g['y']}{ctx.quarter[4:]}" if ctx.quarter else g["y"]
    if ctx.anchor is None:
        return "DATE", None
    if rel == "current":
        return "DATE", shift_value(ctx.anchor, 0, "quarter")
    current = ctx.quarter or shift_value(ctx.anchor, -1, "quarter") or ""
    if earlier_period(g):
        return "DATE", year_before(current)
    return "DATE", current


def resolve_yearago(g: dict[str, str], ctx: Context) -> Resolved | None:
    if ctx.anchor is None:
        return "DATE", None
    words = norm(g["adj"])
    if words in ("year end", "year's end"):
        return "DATE", str(ctx.anchor.year)
    if ctx.quarter:
        return "DATE", year_before(ctx.quarter)
    return "DATE", str(ctx.anchor.year - 1)


_REF_SHIFT = {
    "the following day": 1, "the next day": 1, "the day after": 1, "a day later": 1,
    "the next morning": 1, "the following morning": 1, "the day before": -1,
    "the previous day": -1, "a day earlier": -1, "the previous night": -1,
    "the night before": -1, "the eve": -1,
}  # fmt: skip


def resolve_refday(g: dict[str, str], ctx: Context) -> Resolved | None:
    words = norm(g["ref"])
    if ctx.ref is None:
        return "DATE", None
    day = ctx.ref + dt.timedelta(days=_REF_SHIFT.get(words, 0))
    if words.endswith("morning"):
        return "TIME", f"{day.isoformat()}TMO"
    if words.endswith("night"):
        return "TIME", f"{day.isoformat()}TNI"
    return "DATE", day.isoformat()


def resolve_reference(g: dict[str, str], ctx: Context) -> Resolved | None:
    kind, value = lexicon().references[norm(g["ref"])]
    return kind_of(kind), value
