"""Timeline summarisation for long collections, in the style of news-tls DATEWISE.

Two steps (Gholipour Ghalandari & Ifrim 2020, "Examining the State-of-the-Art in News
Timeline Summarization"): rank the *dates* (here unsupervised: how many sentences refer to a
day, a reference from days later counting fully and one from the same news cycle a quarter,
plus a tie-breaking weight for sentences published that day without naming a date),
keep the top k; then for each date pick the most *central* sentences among those that belong
to it: TF-IDF vectors (IDF over the whole collection), cosine to the candidates' centroid,
skipping near-duplicates of a sentence already picked. Pure functions: the benchmark runs
them on plain sentences, :mod:`dyad.stories.timeline` on fused events' source sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

PUBLISHED_WEIGHT = 0.01  # a sentence published on d that names no date: a tie-breaker
LATER_DAYS = 2  # a reference from an article published this many days after d counts fully
NEAR_WEIGHT = 0.25  # a reference made within the news cycle ("on Tuesday") counts this much
DUPLICATE_COSINE = 0.6  # a candidate this close to a picked sentence is a duplicate
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "said",
        "says",
        "she",
        "that",
        "the",
        "their",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "who",
        "will",
        "with",
        "would",
        "not",
        "after",
        "also",
        "than",
        "more",
        "about",
        "over",
        "into",
    ]
)

Vector = dict[str, float]


@dataclass(slots=True)
class Sentence:
    """A sentence of the collection with its publication date and the days it names."""

    text: str
    published: date | None = None
    dates: list[date] = field(default_factory=list)


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def rank_dates(
    sentences: Sequence[Sentence], start: date | None = None, end: date | None = None
) -> list[tuple[date, float]]:
    """Days by how much the collection talks about them, best first (within start..end)."""
    score: defaultdict[date, float] = defaultdict(float)
    for s in sentences:
        for d in set(s.dates):
            later = s.published is None or (s.published - d).days >= LATER_DAYS
            score[d] += 1.0 if later else NEAR_WEIGHT
        if not s.dates and s.published is not None:
            score[s.published] += PUBLISHED_WEIGHT
    inside = [
        (d, v)
        for d, v in score.items()
        if (start is None or d >= start) and (end is None or d <= end)
    ]
    return sorted(inside, key=lambda dv: (-dv[1], dv[0]))


def idf_table(texts: Sequence[str]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(words(text)))
    n = len(texts) or 1
    return {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}


def vector(text: str, idf: dict[str, float]) -> Vector:
    tf = Counter(words(text))
    vec = {w: c * idf.get(w, 1.0) for w, c in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def central(texts: Sequence[str], idf: dict[str, float], n: int = 1) -> list[int]:
    """Indexes of the ``n`` most central texts (closest to the centroid), no near-duplicates."""
    vectors = [vector(t, idf) for t in texts]
    centroid: defaultdict[str, float] = defaultdict(float)
    for vec in vectors:
        for w, v in vec.items():
            centroid[w] += v / len(vectors)
    order = sorted(range(len(texts)), key=lambda i: -cosine(vectors[i], centroid))
    picked: list[int] = []
    for i in order:
        if len(picked) >= n:
            break
        if len(words(texts[i])) < 5:
            continue
        if all(cosine(vectors[i], vectors[j]) < DUPLICATE_COSINE for j in picked):
            picked.append(i)
    return picked


def datewise(
    sentences: Sequence[Sentence],
    k: int,
    per_date: int = 1,
    start: date | None = None,
    end: date | None = None,
) -> list[tuple[date, list[str]]]:
    """A timeline of the ``k`` best dates with ``per_date`` sentences each, oldest first."""
    by_date: defaultdict[date, list[str]] = defaultdict(list)
    for s in sentences:
        for d in set(s.dates) or ({s.published} if s.published else set()):
            by_date[d].append(s.text)
    idf = idf_table([s.text for s in sentences])
    timeline = []
    for day, _ in rank_dates(sentences, start, end)[:k]:
        texts = list(dict.fromkeys(by_date[day]))
        picked = central(texts, idf, per_date) if texts else []
        if picked:
            timeline.append((day, [texts[i] for i in picked]))
    return sorted(timeline)
