"""Timeline summarisation for long collections, in the style of news-tls DATEWISE.

Two steps (Martschat & Markert 2018; Gholipour Ghalandari & Ifrim 2020, "Examining the
State-of-the-Art in News Timeline Summarization"), both unsupervised here:

1. **Date selection** (:func:`rank_dates`): a day's score is the number of sentences that
   *refer* to it (a day-precision time expression resolved against the publication date;
   each sentence counts a day once) plus :data:`PUBLISHED_WEIGHT` for every sentence published
   that day that names no day — news-tls's MentionCount ranker with its PubCount signal as a
   tie-breaker. With ``keywords`` (the topic query) only sentences matching one of them count.
2. **Per-date summaries** (:func:`summarise_date`): the candidates of a day are the sentences
   that name it plus the first :data:`CLIP_SENTS` sentences, naming no day, of the articles
   published that day or the next (news-tls's PM collector, ``pub_end=2``). They are ranked
   by TF-IDF cosine to the candidates' centroid (IDF over the whole collection); only
   sentences matching the keywords may be picked, near-duplicates (cosine ≥
   :data:`DUPLICATE_COSINE`) of a sentence picked for this day are skipped, and so are those
   of an earlier-ranked day's unless nothing else is left (the date stays). A date with no
   admissible sentence is dropped and the next-ranked date takes its place (as in news-tls).

:mod:`.dateranker` offers a learned ranking instead of step 1 (what ``dyad timeline`` uses).
Pure functions: the benchmark runs them on plain sentences; :mod:`dyad.stories.timeline`
uses :func:`central` for each entry's key sentence.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

LATER_DAYS = 2  # a reference from an article published this many days after d counts fully
NEAR_WEIGHT = 0.25  # a reference made within the news cycle or ahead ("by Tuesday"): a quarter
PUBLISHED_WEIGHT = 0.01  # a sentence published on d that names no day: a tie-breaker
CLIP_SENTS = 5  # of an article's sentences naming no day, only the first few are candidates
PUB_END = 2  # ... for the day it was published and the day before (news-tls ``pub_end``)
DUPLICATE_COSINE = 0.6  # a candidate this close to a picked sentence is a duplicate
MIN_WORDS = 5  # shorter candidates (content words) are never picked
MIN_PART_TOKENS = 5  # an article's parts with fewer tokens are no sentences (article_sentences)
MIN_QUERY_SHARE = 0.01  # a query matching fewer of the sentences (``bpoil``) is ignored
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
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
    """A sentence of the collection: its publication date, the days it names, its position.

    ``position`` is the sentence's index in its article (0 = lead); only the first
    :data:`CLIP_SENTS` sentences that name no day stand for their publication date.
    ``article`` identifies the article (for counts of articles rather than sentences).
    ``events`` holds (PLOVER type, status, the event's own day or None) of each event mention
    coded in the sentence and ``quoted`` whether it holds (part of) a quotation, as dyad's
    pipeline found them (:func:`~dyad.stories.collection.store_sentences`); the date ranker
    reads them.
    """

    text: str
    published: date | None = None
    dates: list[date] = field(default_factory=list)
    position: int = 0
    article: str = ""
    events: list[tuple[str, str, date | None]] = field(default_factory=list)
    quoted: bool = False


Marks = tuple[list[tuple[str, str, date | None]], bool]  # a sentence's events, quoted


def article_sentences(
    parts: Sequence[tuple[str, list[date]]],
    published: date | None,
    article: str,
    marks: Sequence[Marks] | None = None,
) -> list[Sentence]:
    """An article's sentences from its parts (text, days named) in order, with each part's
    ``marks`` (events, quoted; see :class:`Sentence`) when given: whitespace collapsed, parts
    under :data:`MIN_PART_TOKENS` tokens dropped (headings, bylines, fragments), ``position``
    counting the kept sentences only."""
    out: list[Sentence] = []
    for i, (text, dates) in enumerate(parts):
        tokens = text.split()
        if len(tokens) >= MIN_PART_TOKENS:
            events, quoted = marks[i] if marks is not None else ([], False)
            out.append(
                Sentence(" ".join(tokens), published, dates, len(out), article, events, quoted)
            )
    return out


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def keyword_terms(keywords: Sequence[str]) -> list[str]:
    """The query's terms, lowercase: ``["SyrianCrisis", "BP oil"]`` → syrian, crisis, bp, oil."""
    terms: list[str] = []
    for keyword in keywords:
        for part in _CAMEL.findall(keyword):
            term = part.lower()
            if term not in terms and term not in STOPWORDS:
                terms.append(term)
    return terms


def stems(terms: Sequence[str]) -> list[str]:
    """What :func:`matches` looks for: a term of 6+ letters without its last two letters."""
    return [t[:-2] if len(t) >= 6 else t for t in terms]


def matches(text: str, terms: Sequence[str]) -> bool:
    """Whether ``text`` names a query term. A term of 6+ letters matches words starting with
    all but its last two (``syrian``: Syria, Syrians; ``crisis``: crises), one of 4–5 letters
    words starting with it (``syria``: Syrian), a shorter one only itself. True for no terms."""
    if not terms:
        return True
    found = stems(terms)
    exact = {s for s in found if len(s) < 4}
    prefixes = tuple(s for s in found if len(s) >= 4)
    return any(w in exact or w.startswith(prefixes) for w in _WORD.findall(text.lower()))


def effective_keywords(sentences: Sequence[Sentence], keywords: Sequence[str]) -> list[str]:
    """``keywords``, or none when they match under :data:`MIN_QUERY_SHARE` of the sentences:
    a query that does not describe the collection (T17's ``bpoil``, ``MJ``) would filter out
    nearly everything."""
    terms = keyword_terms(keywords)
    if not terms or not sentences:
        return list(keywords)
    hits = sum(matches(s.text, terms) for s in sentences)
    return list(keywords) if hits >= MIN_QUERY_SHARE * len(sentences) else []


def rank_dates(
    sentences: Sequence[Sentence],
    start: date | None = None,
    end: date | None = None,
    keywords: Sequence[str] = (),
) -> list[tuple[date, float]]:
    """Days by how many sentences refer to them, best first (within start..end).

    Each sentence counts every day it names once: fully when published :data:`LATER_DAYS` or
    more days after it (the day is remembered), :data:`NEAR_WEIGHT` when published the same
    news cycle or before it (breaking news, plans, deadlines); a sentence that names no day
    counts :data:`PUBLISHED_WEIGHT` for its publication date. With ``keywords`` only
    sentences that match one (:func:`matches`) count.
    """
    terms = keyword_terms(keywords)
    score: defaultdict[date, float] = defaultdict(float)
    for s in sentences:
        if terms and not matches(s.text, terms):
            continue
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


def candidates(sentences: Sequence[Sentence]) -> dict[date, list[Sentence]]:
    """Each day's candidate sentences: those naming it, and the first :data:`CLIP_SENTS`
    sentences naming no day of articles published on it or :data:`PUB_END` − 1 days later."""
    by_date: defaultdict[date, list[Sentence]] = defaultdict(list)
    for s in sentences:
        if s.dates:
            for d in dict.fromkeys(s.dates):
                by_date[d].append(s)
        elif s.published is not None and s.position < CLIP_SENTS:
            for k in range(PUB_END):
                by_date[s.published - timedelta(days=k)].append(s)
    return by_date


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


def central(
    texts: Sequence[str],
    idf: dict[str, float],
    n: int = 1,
    allowed: Sequence[bool] | None = None,
    avoid: Sequence[str] = (),
    shown: Sequence[Vector] = (),
) -> list[int]:
    """Indexes of the ``n`` most central texts (closest to the TF-IDF centroid of all of
    them), skipping near-duplicates (of each other and of the ``avoid`` texts, e.g. those
    already shown on other dates, or of the ready-made ``shown`` vectors of such texts),
    texts under :data:`MIN_WORDS` content words and, with ``allowed``, texts whose flag is
    false (they still shape the centroid)."""
    vectors = [vector(t, idf) for t in texts]
    shown = [*shown, *(vector(t, idf) for t in avoid)]
    centroid: defaultdict[str, float] = defaultdict(float)
    for vec in vectors:
        for w, v in vec.items():
            centroid[w] += v / len(vectors)
    order = sorted(range(len(texts)), key=lambda i: -cosine(vectors[i], centroid))
    picked: list[int] = []
    for i in order:
        if len(picked) >= n:
            break
        if (allowed is not None and not allowed[i]) or len(words(texts[i])) < MIN_WORDS:
            continue
        others = [vectors[j] for j in picked] + shown
        if all(cosine(vectors[i], v) < DUPLICATE_COSINE for v in others):
            picked.append(i)
    return picked


def summarise_date(
    day_sentences: Sequence[Sentence],
    idf: dict[str, float],
    n: int,
    keywords: Sequence[str] = (),
    avoid: Sequence[str] = (),
    shown: Sequence[Vector] = (),
) -> list[str]:
    """Up to ``n`` central, distinct sentences among a day's candidates (keyword-matching),
    none a near-duplicate of one in ``avoid`` (the sentences already chosen for other days)
    or of a vector in ``shown`` (the same, as :func:`vector` built them once)."""
    texts = list(dict.fromkeys(s.text for s in day_sentences))
    if not texts:
        return []
    terms = keyword_terms(keywords)
    allowed = [matches(t, terms) for t in texts]
    return [texts[i] for i in central(texts, idf, n, allowed, avoid, shown)]


def datewise(
    sentences: Sequence[Sentence],
    k: int,
    per_date: int = 1,
    start: date | None = None,
    end: date | None = None,
    keywords: Sequence[str] = (),
    rank_keywords: bool = False,
    ranked: Sequence[tuple[date, float]] | None = None,
) -> list[tuple[date, list[str]]]:
    """A timeline of the ``k`` best dates with ``per_date`` sentences each, oldest first.

    ``keywords`` (the topic query) filter the summary sentences (as in news-tls) and, with
    ``rank_keywords``, also the sentences whose references rank the dates; a query that few
    sentences match (see :func:`effective_keywords`) is ignored. ``ranked`` (days best first,
    e.g. from :class:`~dyad.stories.dateranker.DateRanker`) replaces :func:`rank_dates`.
    """
    keywords = effective_keywords(sentences, keywords)
    by_date = candidates(sentences)
    idf = idf_table([s.text for s in sentences])
    if ranked is None:
        ranked = rank_dates(sentences, start, end, keywords if rank_keywords else ())
    days = pick_days(ranked, by_date, idf, k, per_date, keywords, repeat=True)
    return sorted((day, picked) for day, _, picked in days)


def pick_days(
    ranked: Sequence[tuple[date, float]],
    by_date: dict[date, list[Sentence]],
    idf: dict[str, float],
    k: int,
    per_date: int,
    keywords: Sequence[str] = (),
    *,
    repeat: bool,
) -> list[tuple[date, float, list[str]]]:
    """DATEWISE's day loop: ``(day, score, sentences)`` for up to ``k`` of the ``ranked``
    days, in that order, each with up to ``per_date`` sentences (:func:`summarise_date`)
    that are no near-duplicates of those of the days before. A day with nothing else left
    shows such a repeat with ``repeat`` (:func:`datewise`, as the benchmark measured it) and is
    skipped for the next-ranked day without (``dyad timeline --query``: nothing shown twice).
    A day with no admissible sentence at all is always skipped."""
    days: list[tuple[date, float, list[str]]] = []
    shown: list[Vector] = []
    for day, score in ranked:
        if len(days) >= k:
            break
        day_sentences = by_date.get(day, [])
        picked = summarise_date(day_sentences, idf, per_date, keywords, shown=shown)
        if not picked and repeat:
            picked = summarise_date(day_sentences, idf, per_date, keywords)
        if picked:
            days.append((day, score, picked))
            shown += [vector(t, idf) for t in picked]
    return days
