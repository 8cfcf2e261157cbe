"""Which dates belong in a timeline: features of each candidate day and a learned ranker.

news-tls's DATEWISE (Gholipour Ghalandari & Ifrim 2020) picks a timeline's dates with a
classifier trained on labelled timelines of other topics, over counts of how the collection
points at each day. :func:`date_features` computes such counts from dyad's own data — each
:class:`~dyad.stories.summarise.Sentence` with its publication date, article and the days its
time expressions name — so the benchmark (plain corpus sentences) and ``dyad timeline`` (the
store's ``articles.published`` and ``timexes.value``) see the same features. Every count is
given three ways: ``log(1 + n)``, as a share of the largest such count among the candidates,
and as its rank percentile among them, so a model trained on small topics reads large ones.

:class:`DateRanker` is a linear score over those features, trained as a conditional logit
(which days of a collection are its timeline's), shipped as JSON
(``dyad/data/stories/date_ranker.json``: feature names, means, scales, weights; trained by
``benchmarks/train_date_ranker.py``); scoring needs no library beyond the standard one.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from .summarise import Sentence, effective_keywords, keyword_terms, matches

LEAD = 5  # a sentence among an article's first LEAD is a lead sentence
LATER_DAYS = 2  # a reference published this many days after the day is a remembered one
# A reference published a week or more after the day recalls it as background ("the uprising
# began on 15 March"): a story's milestones are the days its later coverage keeps retelling,
# which a day that was merely busy is not (docs/stories.md, "Remembered days").
REMEMBERED_DAYS = 7
MAX_DELAY = 365  # delays (days) are clipped here before the log
COUNTS = (
    "ref",  # sentences naming the day
    "ref_later",  # ... published LATER_DAYS or more after it
    "ref_ahead",  # ... published before it (plans, deadlines)
    "ref_articles",  # articles naming it
    "ref_pub_days",  # distinct publication days of the sentences naming it
    "ref_lead",  # lead sentences naming it
    "ref_query",  # query-matching sentences naming it (all sentences without a query)
    "ref_near1",  # sentences naming a day within ±1
    "ref_near7",  # sentences naming a day within ±7
    "pub_articles",  # articles published on the day
    "pub_next",  # articles published on it or the two days after
    "pub_sentences",  # sentences published on the day
    "ref_event",  # sentences naming the day that carry an event mention (dyad's pipeline)
    "own_events",  # event mentions whose own date is the day
    "own_occurred",  # ... that occurred (not planned, cancelled, negated, hypothetical)
    "event_articles",  # articles with an event mention naming the day or dated to it
    "remembered_articles",  # articles naming the day, published REMEMBERED_DAYS or more after it
)
OTHERS = (
    "burst",  # ref over the mean daily ref of the surrounding ±7 days (log)
    "query_share",  # share of the day's references that match the query
    "later_share",  # share of the day's references that are remembered ones
    "first_delay",  # log days from the day to its first reference (negative: ahead)
    "last_delay",  # log days from the day to its last reference
    "event_share",  # share of the day's references that carry an event mention
    "occurred_share",  # share of the events in those references that occurred
    "planned_share",  # ... that were planned or cancelled
    "conflict_share",  # ... of a conflictual PLOVER type (dyad.events.CONFLICTUAL)
    "coop_share",  # ... of a cooperative one (dyad.events.COOPERATIVE)
    "quote_share",  # share of the day's references inside a quotation
    "query_event_share",  # share of the day's references with an event that match the query
    "remembered_share",  # share of the articles naming the day that remember it
)
#: The features read off the sentences' marks (events and quotes the pipeline stored):
#: a model without them does not need the store queried for marks.
MARKED = frozenset(
    {"ref_event", "own_events", "own_occurred", "event_articles", "event_share",
     "occurred_share", "planned_share", "conflict_share", "coop_share", "quote_share",
     "query_event_share"}
)  # fmt: skip
PLANNED = frozenset({"planned", "cancelled"})
# dyad.events.COOPERATIVE and CONFLICTUAL (importing dyad.events would load spaCy; a test
# checks they agree)
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST", "THREATEN"})
FEATURES = tuple(f"{c}_{k}" for c in COUNTS for k in ("log", "max", "pct")) + OTHERS


@dataclass(slots=True)
class _Day:
    """Running counts for one candidate day."""

    ref: int = 0
    ref_later: int = 0
    ref_ahead: int = 0
    ref_lead: int = 0
    ref_query: int = 0
    pub_sentences: int = 0
    ref_event: int = 0
    ref_quoted: int = 0
    ref_query_event: int = 0
    events: int = 0  # event mentions in the sentences naming the day
    occurred: int = 0
    planned: int = 0
    conflict: int = 0
    coop: int = 0
    own_events: int = 0
    own_occurred: int = 0
    first: int | None = None  # ordinal of the first / last publication referring to the day
    last: int | None = None


def _slog(x: float) -> float:
    return math.copysign(math.log1p(abs(x)), x)


def _percentiles(values: Sequence[float]) -> list[float]:
    """Each value's rank share among ``values`` (ties share their mean rank), 0..1."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = ((i + j) / 2) / max(len(values) - 1, 1)
        i = j + 1
    return out


def _count_marks(day: _Day, s: Sentence, hit: bool) -> None:
    """Add a sentence naming the day to its counts of events (by status, type) and quotes."""
    day.ref_quoted += s.quoted
    if not s.events:
        return
    day.ref_event += 1
    day.ref_query_event += hit
    for kind, status, _ in s.events:
        day.events += 1
        day.occurred += status == "occurred"
        day.planned += status in PLANNED
        day.conflict += kind in CONFLICTUAL
        day.coop += kind in COOPERATIVE


Sets = defaultdict[date, set[str]]


@dataclass(slots=True)
class _Articles:
    """Per day, the articles (and publication days) that point at it in each way."""

    ref: Sets = field(default_factory=lambda: defaultdict(set))  # naming the day
    pub: Sets = field(default_factory=lambda: defaultdict(set))  # published on it
    event: Sets = field(default_factory=lambda: defaultdict(set))  # ... with an event mention
    remembered: Sets = field(default_factory=lambda: defaultdict(set))  # ... a week on
    dated: Sets = field(default_factory=lambda: defaultdict(set))  # naming it, date known
    pub_days: defaultdict[date, set[date]] = field(default_factory=lambda: defaultdict(set))


def _count(
    sentences: Sequence[Sentence], terms: Sequence[str]
) -> tuple[dict[date, _Day], _Articles]:
    days: defaultdict[date, _Day] = defaultdict(_Day)
    arts = _Articles()
    owns: list[tuple[date, str, str]] = []
    for s in sentences:
        article = s.article or f"{s.published}"
        if s.published is not None:
            days[s.published].pub_sentences += 1
            arts.pub[s.published].add(article)
        hit = matches(s.text, terms) if terms else True
        owns += [(own, status, article) for _, status, own in s.events if own is not None]
        for d in set(s.dates):
            day = days[d]
            day.ref += 1
            day.ref_lead += s.position < LEAD
            day.ref_query += hit
            _count_marks(day, s, hit)
            arts.ref[d].add(article)
            if s.events:
                arts.event[d].add(article)
            if s.published is not None:
                delta = (s.published - d).days
                day.ref_later += delta >= LATER_DAYS
                day.ref_ahead += delta < 0
                arts.dated[d].add(article)
                if delta >= REMEMBERED_DAYS:
                    arts.remembered[d].add(article)
                arts.pub_days[d].add(s.published)
                day.first = delta if day.first is None else min(day.first, delta)
                day.last = delta if day.last is None else max(day.last, delta)
    # An event's own date counts on a day the text names or publishes, but never makes a
    # candidate day of its own: the candidates must not depend on whether marks were read.
    for own, status, article in owns:
        if own in days:
            arts.event[own].add(article)
            days[own].own_events += 1
            days[own].own_occurred += status == "occurred"
    return days, arts


def _remembered(arts: _Articles, cands: Sequence[date]) -> dict[date, tuple[float, float]]:
    """Each candidate's remembering articles and their share of the dated articles naming it.

    A day less than :data:`REMEMBERED_DAYS` before the collection's last publication could not
    have been remembered yet (on a store that is still growing, last week's events): it gets
    the share of the days that could (pooled), and that share of its dated naming articles,
    so the feature neither rewards nor punishes it."""
    last = max(arts.pub, default=None)  # the collection's last publication day
    out: dict[date, tuple[float, float]] = {}
    recalled = dated = 0
    for d in cands:
        if last is not None and (last - d).days >= REMEMBERED_DAYS:
            n, m = len(arts.remembered.get(d, ())), len(arts.dated.get(d, ()))
            out[d] = (float(n), n / m if m else 0.0)
            recalled, dated = recalled + n, dated + m
    usual = recalled / dated if dated else 0.0
    for d in cands:
        if d not in out:
            out[d] = (usual * len(arts.dated.get(d, ())), usual)
    return out


def date_features(
    sentences: Sequence[Sentence],
    keywords: Sequence[str] = (),
    start: date | None = None,
    end: date | None = None,
    *,
    checked: bool = False,
) -> tuple[list[date], list[list[float]]]:
    """The candidate days (named by a sentence or a publication day, within start..end) and
    each one's feature vector, in :data:`FEATURES` order. ``checked``: the caller already
    passed ``keywords`` through :func:`~dyad.stories.summarise.effective_keywords`."""
    terms = keyword_terms(keywords if checked else effective_keywords(sentences, keywords))
    days, arts = _count(sentences, terms)
    cands = sorted(d for d in days if (start is None or d >= start) and (end is None or d <= end))
    if not cands:
        return [], []

    def around(d: date, n: int, f: str) -> int:
        return sum(
            getattr(days[x], f) if x in days else 0
            for x in (d + timedelta(days=k) for k in range(-n, n + 1))
        )

    remembered = _remembered(arts, cands)
    raw: dict[str, list[float]] = {c: [] for c in COUNTS}
    others: list[list[float]] = []
    for d in cands:
        day = days[d]
        near7 = around(d, 7, "ref")
        nexts = set().union(*(arts.pub.get(d + timedelta(days=k), set()) for k in range(3)))
        recalled, recalled_share = remembered[d]
        values = {
            "ref": day.ref, "ref_later": day.ref_later, "ref_ahead": day.ref_ahead,
            "ref_articles": len(arts.ref.get(d, ())), "ref_pub_days": len(arts.pub_days.get(d, ())),
            "ref_lead": day.ref_lead, "ref_query": day.ref_query, "ref_near1": around(d, 1, "ref"),
            "ref_near7": near7, "pub_articles": len(arts.pub.get(d, ())),
            "pub_next": len(nexts), "pub_sentences": day.pub_sentences,
            "ref_event": day.ref_event, "own_events": day.own_events,
            "own_occurred": day.own_occurred, "event_articles": len(arts.event.get(d, ())),
            "remembered_articles": recalled,
        }  # fmt: skip
        for c in COUNTS:
            raw[c].append(float(values[c]))
        share, events = day.ref or 1, day.events or 1
        others.append([
            math.log((day.ref + 1) / (near7 / 15 + 1)),
            day.ref_query / share,
            day.ref_later / share,
            _slog(max(-MAX_DELAY, min(MAX_DELAY, day.first))) if day.first is not None else 0.0,
            _slog(min(MAX_DELAY, day.last)) if day.last is not None else 0.0,
            day.ref_event / share, day.occurred / events, day.planned / events,
            day.conflict / events, day.coop / events, day.ref_quoted / share,
            day.ref_query_event / share, recalled_share,
        ])  # fmt: skip
    columns: list[list[float]] = []
    for c in COUNTS:
        top = max(raw[c]) or 1.0
        columns += [[math.log1p(v) for v in raw[c]], [v / top for v in raw[c]],
                    _percentiles(raw[c])]  # fmt: skip
    rows = [[col[i] for col in columns] + others[i] for i in range(len(cands))]
    return cands, rows


class DateRanker:
    """A linear score over (some of) :data:`FEATURES`, trained as a conditional logit: the
    softmax of the scores over a collection's candidate days is each day's share of the
    probability of being a timeline day."""

    def __init__(self, model: dict[str, Any]) -> None:
        unknown = [f for f in model["features"] if f not in FEATURES]
        if unknown:
            raise ValueError(f"the date ranker needs unknown features {unknown}; retrain it")
        self.model = model
        self.columns = [FEATURES.index(f) for f in model["features"]]
        self.means: list[float] = model["means"]
        self.scales: list[float] = model["scales"]
        self.weights: list[float] = model["weights"]
        #: Whether the model reads events or quotes (see :data:`MARKED`).
        self.needs_marks = any(
            f in MARKED or f.rsplit("_", 1)[0] in MARKED for f in model["features"]
        )

    @classmethod
    def load(cls, path: Path | None = None) -> DateRanker:
        """The shipped model, or one written by the training script."""
        if path is None:
            text = (resources.files("dyad") / "data/stories/date_ranker.json").read_text("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        return cls(json.loads(text))

    def score(self, row: Sequence[float]) -> float:
        """The day's score (higher: more likely a timeline day); ``row`` in FEATURES order."""
        return sum(
            w * (row[c] - m) / s
            for w, c, m, s in zip(self.weights, self.columns, self.means, self.scales, strict=True)
        )

    def rank(
        self,
        sentences: Sequence[Sentence],
        keywords: Sequence[str] = (),
        start: date | None = None,
        end: date | None = None,
        *,
        checked: bool = False,
    ) -> list[tuple[date, float]]:
        """Candidate days with their softmax share (summing to 1), best first (earlier first
        on a tie); ``checked`` as for :func:`date_features`."""
        days, rows = date_features(sentences, keywords, start, end, checked=checked)
        scores = [self.score(r) for r in rows]
        top = max(scores, default=0.0)
        exp = [math.exp(v - top) for v in scores]
        total = sum(exp) or 1.0
        ranked = [(d, e / total) for d, e in zip(days, exp, strict=True)]
        return sorted(ranked, key=lambda ds: (-ds[1], ds[0]))


_DEFAULT: DateRanker | None = None


def default_ranker() -> DateRanker:
    """The shipped ranker, loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = DateRanker.load()
    return _DEFAULT
