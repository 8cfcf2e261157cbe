"""Stored articles as dated sentences, and the keyword timeline of ``dyad timeline --query``.

:func:`store_sentences` turns articles of the store into
:class:`~dyad.stories.summarise.Sentence` rows — publication date (``articles.published``),
article id, position, and the days its time expressions name (``timexes.value``). Parts
under five tokens are dropped and positions count the kept sentences, by the same function
(:func:`~dyad.stories.summarise.article_sentences`) the Timeline17 benchmark uses on its
corpus's lines, so ``dyad timeline`` scores days with the features the shipped model was
trained on. Sentences are split on line breaks and on sentence-final punctuation before a
capital, except after abbreviations and initials (:data:`ABBREVIATIONS`).

:func:`query_timeline` is DATEWISE over the articles matching a query: days ranked by
:class:`~dyad.stories.dateranker.DateRanker`, sentences per day by
:func:`~dyad.stories.summarise.pick_days` (central, near-duplicates skipped), the loop
:func:`~dyad.stories.summarise.datewise` runs too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..store import Store
from ..store.stories_queries import article_texts, day_timexes, sentence_marks
from .dateranker import default_ranker
from .summarise import (
    Marks,
    Sentence,
    article_sentences,
    candidates,
    effective_keywords,
    idf_table,
    keyword_terms,
    pick_days,
    stems,
)

PER_DATE = 2  # sentences shown for each day of a keyword timeline
MORE = 2  # the HTML page offers up to MORE × max_entries further days, collapsed
_BREAK = re.compile(r"\n\s*|(?<=[.!?])([\"'”’)]*)\s+(?=[\"“(]?[A-Z])")
#: Words that end in a full stop inside a sentence (titles, months, places: "Mr. Putin",
#: "Jan. 5", "St. Petersburg"): no break after them. Single capitals ("George W. Bush") and
#: initialisms ("U.S.", "U.N.") are handled by _INITIALS. A sentence that really ends in one
#: of them stays joined to the next: for a date ranker the lesser harm than a fragment.
ABBREVIATIONS = frozenset(
    ("Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "St", "Mt", "Ft", "Gen", "Lt", "Col", "Maj",
     "Capt", "Cmdr", "Adm", "Sgt", "Cpl", "Sen", "Rep", "Gov", "Pres", "Supt", "Insp", "Rev",
     "Hon", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
)  # fmt: skip
_INITIALS = re.compile(r"[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]")


def _abbreviated(text: str, end: int) -> bool:
    """Whether the full stop just before ``end`` closes an abbreviation, not a sentence."""
    if text[end - 1 : end] != ".":
        return False
    start = max(text.rfind(c, 0, end) for c in " \t\n") + 1
    word = text[start : end - 1].lstrip("\"'“‘([")
    return word in ABBREVIATIONS or _INITIALS.fullmatch(word) is not None


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(start offset, sentence) of each sentence of ``text``: a break at a line break, or
    after ``.``, ``!`` or ``?`` (and closing quotes) before a capital, except after an
    abbreviation or initials (:data:`ABBREVIATIONS`)."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _BREAK.finditer(text):
        if "\n" not in m.group() and _abbreviated(text, m.start()):
            continue
        end = m.end(1) if m.group(1) is not None else m.start()  # closing quotes stay
        if text[start:end].strip():
            out.append((start, text[start:end]))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def store_sentences(
    store: Store,
    article_ids: Sequence[str] | None = None,
    terms: Sequence[str] = (),
    marks: bool = True,
) -> tuple[list[Sentence], dict[str, dict[str, Any]]]:
    """The dated sentences of these articles (or of those naming a term), and the articles
    by id (title, outlet, url, published). ``marks``: with the events and quotes of each
    sentence (two more queries; only a date ranker that reads them needs them)."""
    return article_rows_sentences(store, article_texts(store, article_ids, terms), marks)


def article_rows_sentences(
    store: Store, articles: Sequence[dict[str, Any]], marks: bool = True
) -> tuple[list[Sentence], dict[str, dict[str, Any]]]:
    """:func:`store_sentences` of articles already read (rows as
    :func:`~dyad.store.stories_queries.article_texts` gives them; not changed)."""
    ids = [a["id"] for a in articles]
    timexes: defaultdict[str, list[tuple[int, date]]] = defaultdict(list)
    for article, offset, value in day_timexes(store, ids):
        day = _day(value)
        if day is not None:
            timexes[article].append((offset, day))
    found_events, found_quotes = sentence_marks(store, ids) if marks else ([], [])
    events: defaultdict[str, list[tuple[int, tuple[str, str, date | None]]]] = defaultdict(list)
    for article, offset, kind, status, own in found_events:
        events[article].append((offset, (kind, status, _day(own))))
    quotes: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    for article, start, end in found_quotes:
        quotes[article].append((start, end))
    sentences: list[Sentence] = []
    meta: dict[str, dict[str, Any]] = {}
    for a in articles:
        published = date.fromisoformat(str(a["published"])[:10])
        named, found = _parts(a["text"], timexes[a["id"]], events[a["id"]], quotes[a["id"]])
        sentences += article_sentences(named, published, a["id"], found)
        meta[a["id"]] = {"title": a["title"], "outlet": a["outlet"], "url": a["url"],
                         "published": published}  # fmt: skip
    return sentences, meta


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _parts(
    text: str,
    timexes: Sequence[tuple[int, date]],
    events: Sequence[tuple[int, tuple[str, str, date | None]]],
    quotes: Sequence[tuple[int, int]],
) -> tuple[list[tuple[str, list[date]]], list[Marks]]:
    """The article's split sentences with the days they name, and each one's marks: the
    events whose (parser's) sentence starts in it and whether a quotation overlaps it."""
    parts = split_sentences(text)
    if not parts:
        return [], []
    starts = [offset for offset, _ in parts]
    days: list[list[date]] = [[] for _ in parts]
    marks: list[Marks] = [([], False) for _ in parts]
    for offset, day in timexes:
        if offset >= starts[0]:
            days[bisect_right(starts, offset) - 1].append(day)
    for offset, mark in events:
        if offset >= starts[0]:
            marks[bisect_right(starts, offset) - 1][0].append(mark)
    for begin, end in quotes:
        first = max(bisect_right(starts, begin) - 1, 0)
        for i in range(first, bisect_left(starts, end)):
            marks[i] = (marks[i][0], True)
    return [(part, days[i]) for i, (_, part) in enumerate(parts)], marks


def query_timeline(
    store: Store, query: str, max_entries: int, more: int = 0
) -> list[dict[str, Any]]:
    """The keyword timeline: up to ``max_entries`` days (then ``more`` further days, marked
    ``"chosen": false``), each with its score and up to :data:`PER_DATE` sentences and their
    articles; oldest first within the chosen and within the rest."""
    ranker = default_ranker()
    sentences, meta = store_sentences(
        store, terms=stems(keyword_terms([query])) or [query], marks=ranker.needs_marks
    )
    sentences = [s for s in sentences if s.text]
    keywords = effective_keywords(sentences, [query])
    ranked = ranker.rank(sentences, keywords, checked=True)
    idf = idf_table([s.text for s in sentences])
    # a day showing only what earlier days show is skipped for the next (nothing shown twice)
    days = pick_days(ranked, candidates(sentences), idf, max_entries + more, PER_DATE, keywords,
                     repeat=False)  # fmt: skip
    where = {s.text: s.article for s in sentences}
    entries: list[dict[str, Any]] = []
    for i, (day, score, picked) in enumerate(days):
        sources = [{"sentence": t, "article": where[t], **_meta(meta[where[t]])} for t in picked]
        entries.append({"date": day.isoformat(), "score": round(score, 6),
                        "chosen": i < max_entries, "sources": sources})  # fmt: skip
    return sorted(entries, key=lambda e: (not e["chosen"], e["date"]))


def _meta(article: dict[str, Any]) -> dict[str, Any]:
    published = article["published"]
    return {**article, "published": published.isoformat() if published else None}


def render_query_text(entries: Sequence[dict[str, Any]], title: str) -> str:
    """A keyword timeline for a terminal: each day, its sentences and their articles."""
    lines = [title, ""]
    if not entries:
        lines.append("(no dated sentences match)")
    for e in entries:
        for i, s in enumerate(e["sources"]):
            where = " · ".join(x for x in (s["outlet"], s["published"]) if x)
            lines.append(f"{e['date'] if i == 0 else '':<12}{s['sentence']}")
            lines.append(f"{'':14}- {s['title'] or s['article'][:12]} ({where})")
    return "\n".join(lines)
