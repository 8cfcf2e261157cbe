"""Timeline17 as dated sentences read off dyad's own stores, for ``timeline_t17.py`` and
``train_date_ranker.py``.

Each topic folder of ``../shared/data/t17`` holds ``articles.jsonl`` (news-tls format: ``id``,
``time``, ``text`` with one sentence a line, tokenised), ``timelines.jsonl`` (gold timelines,
``[[date, [sentences]], ...]``) and ``keywords.json``. The articles go through dyad's whole
pipeline once (``t17_pipeline.py``: one store per topic in ``benchmarks/out/t17_store/``, run
here for any topic without one), and the sentences are read from that store by
:func:`dyad.stories.collection.store_sentences`, the function ``dyad timeline`` uses on a
user's store: the days each sentence names (the pipeline's time expressions), its event
mentions (type, status, own date) and whether it is quoted. Sentences are cached per topic in
``benchmarks/out/t17/`` (redone when the topic's store is redone).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dyad.store import Store
from dyad.stories.collection import store_sentences
from dyad.stories.summarise import Sentence
from t17_pipeline import DATA, run_topic, store_path

CACHE = Path(__file__).resolve().parent / "out" / "t17"
CACHE_VERSION = 3
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


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _encode(s: Sentence) -> list[Any]:
    events = [[k, st, d.isoformat() if d else None] for k, st, d in s.events]
    return [s.text, f"{s.published}", [d.isoformat() for d in s.dates], s.position, s.article,
            events, s.quoted]  # fmt: skip


def _decode(row: list[Any]) -> Sentence:
    t, p, ds, i, a, events, quoted = row
    return Sentence(t, date.fromisoformat(p), [date.fromisoformat(d) for d in ds], i, a,
                    [(k, st, _day(d)) for k, st, d in events], quoted)  # fmt: skip


def _cached_sentences(folder: Path) -> list[Sentence]:
    run_topic(folder)
    path = CACHE / f"{folder.name}.sentences.json"
    stamp = store_path(folder.name).with_suffix(".done").stat().st_mtime
    if path.exists():
        cached: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if cached.get("version") == CACHE_VERSION and cached.get("store") == stamp:
            return [_decode(row) for row in cached["sentences"]]
    with Store(store_path(folder.name), read_only=True) as store:
        sentences, _ = store_sentences(store)
    CACHE.mkdir(parents=True, exist_ok=True)
    cache = {"version": CACHE_VERSION, "store": stamp, "sentences": [_encode(s) for s in sentences]}
    path.write_text(json.dumps(cache), encoding="utf-8")
    return sentences


def load_topic(folder: Path) -> Topic:
    timelines = [
        {date.fromisoformat(str(d)[:10]): [str(x) for x in s] for d, s in json.loads(line)}
        for line in (folder / "timelines.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    keywords = json.loads((folder / "keywords.json").read_text(encoding="utf-8"))
    return Topic(folder.name, _cached_sentences(folder), timelines, keywords)


def load_topics(data: Path = DATA, names: Sequence[str] = ()) -> list[Topic]:
    """The topics of ``data`` (only ``names`` if given)."""
    return [
        load_topic(f)
        for f in sorted(data.iterdir())
        if (f / "articles.jsonl").exists() and (not names or f.name in names)
    ]


def pool(topic: Topic, gold: Timeline) -> list[Sentence]:
    """The standard protocol's input: sentences published within the gold's first..last date."""
    start, end = min(gold), max(gold)
    return [s for s in topic.sentences if s.published and start <= s.published <= end]
