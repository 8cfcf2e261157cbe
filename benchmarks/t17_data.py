"""Timeline17 as plain dated sentences, for ``timeline_t17.py`` and ``train_date_ranker.py``.

Each topic folder of ``../shared/data/t17`` holds ``articles.jsonl`` (news-tls format: ``id``,
``time``, ``text`` with one sentence a line, tokenised), ``timelines.jsonl`` (gold timelines,
``[[date, [sentences]], ...]``) and ``keywords.json``. For speed the articles are not run
through dyad's pipeline: sentences are the corpus's own lines (≥ 5 tokens, as
``dyad.stories.summarise.article_sentences`` keeps them for the store too), dates come from
dyad's time-expression finder (``find_timexes(text, published)``, no spaCy parse) keeping day
values. Sentences are cached per topic in ``benchmarks/out/t17/`` (redone when the topic's
``articles.jsonl`` changes size).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dyad.stories.summarise import Sentence, article_sentences
from dyad.time import find_timexes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "t17"
CACHE = Path(__file__).resolve().parent / "out" / "t17"
CACHE_VERSION = 2
_DAY = re.compile(r"\d{4}-\d\d-\d\d$")
Timeline = dict[date, list[str]]


@dataclass
class Topic:
    name: str
    sentences: list[Sentence]
    timelines: list[Timeline]
    keywords: list[str]

    @property
    def story(self) -> str:
        """The story, whatever the outlet: ``bpoil_bbc`` → ``bpoil``."""
        return self.name.split("_")[0]


def load_sentences(folder: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        published = date.fromisoformat(record["time"][:10])
        text: str = record["text"]
        starts, pos = [], 0
        lines = text.split("\n")
        for part in lines:
            starts.append(pos)
            pos += len(part) + 1
        dates: list[list[date]] = [[] for _ in lines]
        for timex in find_timexes(text, published):
            if timex.value and _DAY.match(timex.value):
                i = max(j for j, s in enumerate(starts) if s <= timex.span[0])
                try:
                    dates[i].append(date.fromisoformat(timex.value))
                except ValueError:
                    continue
        parts = list(zip(lines, dates, strict=True))
        sentences += article_sentences(parts, published, str(record["id"]))
    return sentences


def _cached_sentences(folder: Path) -> list[Sentence]:
    path = CACHE / f"{folder.name}.sentences.json"
    size = (folder / "articles.jsonl").stat().st_size
    if path.exists():
        cached: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if cached.get("version") == CACHE_VERSION and cached.get("size") == size:
            return [
                Sentence(t, date.fromisoformat(p), [date.fromisoformat(d) for d in ds], i, a)
                for t, p, ds, i, a in cached["sentences"]
            ]
    sentences = load_sentences(folder)
    rows = [
        [s.text, f"{s.published}", [d.isoformat() for d in s.dates], s.position, s.article]
        for s in sentences
    ]
    CACHE.mkdir(parents=True, exist_ok=True)
    cache = {"version": CACHE_VERSION, "size": size, "sentences": rows}
    path.write_text(json.dumps(cache), encoding="utf-8")
    return sentences


def load_topic(folder: Path) -> Topic:
    timelines = [
        {date.fromisoformat(str(d)[:10]): [str(x) for x in s] for d, s in json.loads(line)}
        for line in (folder / "timelines.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    keywords = json.loads((folder / "keywords.json").read_text(encoding="utf-8"))
    return Topic(folder.name, _cached_sentences(folder), timelines, keywords)


def load_topics(data: Path = DATA) -> list[Topic]:
    return [load_topic(f) for f in sorted(data.iterdir()) if (f / "articles.jsonl").exists()]


def pool(topic: Topic, gold: Timeline) -> list[Sentence]:
    """The standard protocol's input: sentences published within the gold's first..last date."""
    start, end = min(gold), max(gold)
    return [s for s in topic.sentences if s.published and start <= s.published <= end]
