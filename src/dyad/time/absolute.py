"""Normalising calendar expressions: dates, months, years, decades, seasons, weekdays, clocks.

Each ``resolve_<rule>`` takes the groups of a scanner match and a
:class:`~dyad.time.values.Context` and returns ``(type, value)``, or ``None`` when the match
is not a time expression after all. A full date always gets a value; a date missing only its
year gets ``XXXX-06-18`` without an anchor (TimeML's unknown-year form), and weekdays and
other anchor-relative expressions get ``None`` without one.
"""

from __future__ import annotations

import datetime as dt

from dyad.time.dates import (
    day_year,
    month_value,
    month_year,
    nth_weekday,
    valid_date,
    weekday_near,
)
from dyad.time.lexicon import lexicon
from dyad.time.values import Context, Kind, Resolved, clock_value, norm

_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def month_number(word: str) -> int | None:
    return lexicon().months.get(norm(word))


def weekday_number(word: str) -> int | None:
    return lexicon().weekdays.get(norm(word))


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= 30 else 2000
    return year


def full_date(year: int | None, month: int, day: int, ctx: Context) -> str | None:
    """``YYYY-MM-DD`` with the year given, guessed from the anchor, or ``XXXX``."""
    if year is not None:
        return f"{year:04d}-{month:02d}-{day:02d}" if valid_date(year, month, day) else None
    if ctx.anchor is None:
        return f"XXXX-{month:02d}-{day:02d}" if valid_date(2000, month, day) else None
    year = day_year(ctx.anchor, month, day, ctx.tense)
    return f"{year:04d}-{month:02d}-{day:02d}" if valid_date(year, month, day) else None


def resolve_iso(g: dict[str, str], ctx: Context) -> Resolved | None:
    year, month, day = int(g["y"]), int(g["m"]), int(g["d"])
    if not valid_date(year, month, day):
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if "hh" in g:
        return "TIME", f"{value}T{g['hh']}:{g['mi']}"
    return "DATE", value


def resolve_slash(g: dict[str, str], ctx: Context) -> Resolved | None:
    year, month, day = _year(g["y"]), int(g["m"]), int(g["d"])
    if not valid_date(year, month, day):
        return None
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}"


def resolve_mdy(g: dict[str, str], ctx: Context) -> Resolved | None:
    month = month_number(g["mon"])
    if month is None:
        return None
    rel = norm(g.get("rel", ""))
    if rel in ("last", "next"):  # "last Oct. 23": the tense is in the words
        ctx = Context(
            ctx.anchor,
            ctx.ref,
            ctx.quarter,
            lambda: "PAST" if rel == "last" else "FUTURE",
            ctx.named,
        )
    value = full_date(int(g["y"]) if "y" in g else None, month, int(g["d"]), ctx)
    return ("DATE", value) if value else None


resolve_dmy = resolve_mdy
resolve_mdd = resolve_mdy


def resolve_month(g: dict[str, str], ctx: Context) -> Resolved | None:
    month = month_number(g["mon"])
    if month is None:
        return None
    if "y" in g or "yw" in g:
        return "DATE", month_value(int(g["y"]) if "y" in g else spelled_year(g["yw"]), month)
    if ctx.anchor is None:
        return "DATE", None if "yrel" in g else f"XXXX-{month:02d}"
    if "yrel" in g:
        shift = {"this": 0, "last": -1, "next": 1}[norm(g["yrel"])]
        return "DATE", month_value(ctx.anchor.year + shift, month)
    rel = norm(g.get("rel", ""))
    rel = {"earlier this": "this", "later this": "this", "early this": "this"}.get(rel, rel)
    return "DATE", month_value(month_year(ctx.anchor, month, ctx.tense, rel), month)


def resolve_year(g: dict[str, str], ctx: Context) -> Resolved | None:
    return "DATE", g["y"]


def resolve_decade(g: dict[str, str], ctx: Context) -> Resolved | None:
    if "dec" in g:
        return "DATE", g["dec"]
    if "word" in g:  # "the nineties": the tens word of the 1900s
        tens = lexicon().numbers.get(norm(g["word"])[:-3] + "y", 0)
        return "DATE", f"19{tens // 10}"
    return "DATE", "19" + g["short"]


def spelled_year(text: str) -> int:
    """The year of "nineteen ninety-six", "two thousand and one"."""
    words = norm(text).replace(" and ", " ").split(" ")
    numbers = lexicon().numbers
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(numbers.get(w, 0) for w in words[2:])
    rest = 0 if words[1] == "hundred" else sum(numbers.get(w, 0) for w in words[1:])
    return numbers[words[0]] * 100 + rest


def resolve_yearwords(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Spelled-out years in transcripts: "nineteen ninety-six", "two thousand"."""
    return "DATE", str(spelled_year(g["words"]))


def resolve_century(g: dict[str, str], ctx: Context) -> Resolved | None:
    word = norm(g["ord"])
    number = lexicon().ordinals.get(word)
    if number is None and word[:-2].isdigit():
        number = int(word[:-2])
    if not number:
        return None
    return "DATE", f"{number - 1:02d}"


def resolve_season(g: dict[str, str], ctx: Context) -> Resolved | None:
    code, first = lexicon().seasons[norm(g["s"])]
    if "y" in g or "yw" in g:
        return "DATE", f"{g['y'] if 'y' in g else spelled_year(g['yw'])}-{code}"
    rel = norm(g.get("rel", ""))
    if ctx.anchor is None:
        return "DATE", None if rel else f"XXXX-{code}"
    rel = {"early this": "this", "the past": "last", "late last": "last"}.get(rel, rel)
    return "DATE", f"{month_year(ctx.anchor, first, ctx.tense, rel)}-{code}"


def resolve_weekday(g: dict[str, str], ctx: Context) -> Resolved | None:
    weekday = weekday_number(g["wd"])
    if weekday is None:
        return None
    kind: Kind = "TIME" if "part" in g else "DATE"
    rel = norm(g.get("rel", ""))
    if rel.startswith("the "):  # "the previous Friday": relative to the story's last date
        if ctx.ref is None:
            return kind, None
        day = weekday_near(ctx.ref, weekday, "NONE", "last" if rel == "the previous" else "next")
    elif ctx.anchor is None:
        return kind, None
    else:
        day = weekday_near(ctx.anchor, weekday, ctx.tense, rel)
    value = day.isoformat()
    if "part" in g:
        value += "T" + _PART_CODES[norm(g["part"])]
    return kind, value


def _day_of(g: dict[str, str], ctx: Context) -> str | None:
    """The date a clock time belongs to: a weekday, yesterday/tomorrow, or the anchor."""
    if ctx.anchor is None:
        return None
    if "wd" in g:
        weekday = weekday_number(g["wd"]) or 1
        return weekday_near(ctx.anchor, weekday, ctx.tense).isoformat()
    shift = {"yesterday": -1, "tomorrow": 1}.get(norm(g.get("day", "")), 0)
    return (ctx.anchor + dt.timedelta(days=shift)).isoformat()


def resolve_clock(g: dict[str, str], ctx: Context) -> Resolved | None:
    ampm = g["ampm"]
    if "o'clock" in ampm.lower():
        ampm = ""
    suffix = clock_value(int(g["h"]), int(g.get("mi", "0")), ampm)
    if suffix is None:
        return None
    return "TIME", (_day_of(g, ctx) or "XXXX-XX-XX") + suffix


def resolve_noon(g: dict[str, str], ctx: Context) -> Resolved | None:
    suffix = "T" + lexicon().day_parts[norm(g["noon"])]
    return "TIME", (_day_of(g, ctx) or "XXXX-XX-XX") + suffix


def resolve_holiday(g: dict[str, str], ctx: Context) -> Resolved | None:
    rule = lexicon().holidays[norm(g["hol"]).replace("’", "'")]
    parts = rule.split("-")
    if ctx.anchor is None:
        return "DATE", f"XXXX-{parts[-2] if len(parts) == 2 else parts[-1]}" + (
            f"-{parts[1]}" if len(parts) == 2 else ""
        )

    def on(year: int) -> dt.date:
        if len(parts) == 2:
            return dt.date(year, int(parts[0]), int(parts[1]))
        n, weekday, month = (int(p) for p in rule.rsplit("-", 2))
        return nth_weekday(year, month, n, weekday)

    rel = norm(g.get("rel", ""))
    day = on(ctx.anchor.year)
    if rel == "last" and day >= ctx.anchor:
        day = on(ctx.anchor.year - 1)
    elif rel == "next" and day <= ctx.anchor:
        day = on(ctx.anchor.year + 1)
    elif not rel:
        year = day_year(ctx.anchor, day.month, day.day, ctx.tense)
        day = on(year)
    return "DATE", day.isoformat()
