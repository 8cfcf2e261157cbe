"""Summits as dates and places: "on the sidelines of the G20 summit in Mexico" is 2012-06-18.

News names summits instead of dating them, and web copies often lose the publication date, so
"met at the G20 summit in Mexico" would otherwise have no date. :class:`SummitResolver` finds
the series (G20, G8, APEC) in a sentence and picks the one summit of that series held in a
place the sentence names, or else the one nearest the publication date (within 120 days), from
the dated table ``summits.tsv``. It also gives an unknown-year date ("June 18", ``XXXX-06-18``)
its year when the day falls within the summit.
"""

from __future__ import annotations

import datetime as dt
import re

from dyad.actors import ActorKB
from dyad.events.lexicon import Lexicon, Summit
from dyad.model import Article

SERIES = {
    "G20": re.compile(r"\bG-?20\b|\bGroup of (?:20|Twenty)\b"),
    "G8": re.compile(r"\bG-?8\b|\bGroup of (?:8|Eight)\b"),
    "APEC": re.compile(r"\bAPEC\b|\bAsia-Pacific Economic"),
}
NEAR_DAYS = 120


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class SummitResolver:
    """Resolves summit mentions within one article."""

    def __init__(self, article: Article, kb: ActorKB, lex: Lexicon) -> None:
        self.article = article
        self.kb = kb
        self.lex = lex
        self.published = _day(article.meta.published)

    def resolve(self, text: str, places: list[str]) -> Summit | None:
        """The summit a sentence names, given the places it mentions."""
        lowered = text.lower()
        countries = {self.kb.country_code(p) for p in places} - {None}
        for series, pattern in SERIES.items():
            if not pattern.search(text):
                continue
            candidates = [s for s in self.lex.summits if s.series == series]
            placed = [s for s in candidates if s.city.lower() in lowered or s.country in countries]
            if len(placed) == 1:
                return placed[0]
            near = self._nearest(placed or candidates)
            if near is not None:
                return near
        return None

    def _nearest(self, candidates: list[Summit]) -> Summit | None:
        if self.published is None or not candidates:
            return None
        published = self.published

        def distance(summit: Summit) -> int:
            return abs((dt.date.fromisoformat(summit.start) - published).days)

        best = min(candidates, key=distance)
        return best if distance(best) <= NEAR_DAYS else None

    def day_in(self, summit: Summit) -> str:
        """The day of the summit the article names ("June 18"), else its month or year.

        Not its first day: a summit lasts several days and picking one would be a guess.
        """
        for timex in self.article.timexes:
            value = timex.value or ""
            if re.fullmatch(r"(\d{4}|XXXX)-\d\d-\d\d", value):
                candidate = summit.start[:4] + value[4:]
                if summit.start <= candidate <= summit.end:
                    return candidate
        same_month = summit.start[:7] == summit.end[:7]
        return summit.start[:7] if same_month else summit.start[:4]

    @staticmethod
    def fix_year(value: str, summit: Summit | None) -> str | None:
        """``XXXX-06-18`` → ``2012-06-18`` when the day falls within the named summit."""
        if summit is None or not value.startswith("XXXX"):
            return None
        candidate = summit.start[:4] + value[4:]
        if summit.start[: len(candidate)] <= candidate <= summit.end[: len(candidate)]:
            return candidate
        return None
