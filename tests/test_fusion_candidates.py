"""Which stored fused events a batch is compared with (``fusing.load_candidates``), on a real
DuckDB file: only those of a mention's block whose days overlap it, in id order; the result
of fusing is that of comparing with whole (block, month) pairs."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from dyad.model import ActorRef, Article
from dyad.store import Store
from dyad.store.fusing import load_candidates, load_fused, mention
from dyad.stories.fusion import Fused, fuse, fused_id
from dyad.stories.rules import months
from test_stories import article, event

ACTORS = [ActorRef(f"actor-{i}", f"Actor {i}") for i in range(3)]


def crowded(n: int, first: date, seed: int, tag: str) -> list[Article]:
    """``n`` articles a day apart of 4 mentions among 3 actors: many events share a block."""
    rng = random.Random(seed)
    arts = []
    for k in range(n):
        published = first + timedelta(days=k)
        events = []
        for _ in range(4):
            a, b = rng.sample(ACTORS, 2)
            dated = rng.random() < 0.5
            when = (published - timedelta(days=rng.randint(0, 3))).isoformat() if dated else None
            status = rng.choice(["occurred", "occurred", "planned"])
            events.append(event(status, when, actors=(a,), recipients=(b,)))
        arts.append(article(f"{tag}{k}", published.isoformat(), events))
    return arts


def whole_blocks(store: Store, batch: list[Article]) -> list[Fused]:
    """Every stored fused event of the batch's blocks in a month of one of its mentions, as
    the (block, month) index that fusion used to read gave them."""
    mentions = [mention(a.id, i, e.to_dict(), a.meta.published) for a in batch
                for i, e in enumerate(a.events)]  # fmt: skip
    wanted = {(m.key, mo) for m in mentions if m.key and m.span for mo in months(m.span)}
    stored = load_fused(store.con, "WHERE f.date_lo IS NOT NULL", [])
    return [
        f for f in stored if f.lo and f.hi and {(f.key, mo) for mo in months((f.lo, f.hi))} & wanted
    ]


def test_only_overlapping_candidates_are_loaded_and_fusion_is_the_same(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(crowded(90, date(2012, 1, 1), seed=1, tag="old"))
        batch = crowded(20, date(2012, 3, 5), seed=2, tag="new")
        mentions = [mention(a.id, i, e.to_dict(), a.meta.published) for a in batch
                    for i, e in enumerate(a.events)]  # fmt: skip
        loaded = load_candidates(store.con, mentions)
        everything = whole_blocks(store, batch)
        assert {f.id for f in loaded} < {f.id for f in everything}  # some are left out
        assert [f.id for f in loaded] == sorted(f.id for f in loaded)
        # what the batch makes of the stored events is the same either way
        assert fuse(mentions, loaded) == fuse(mentions, everything)


def test_a_tie_between_candidates_goes_to_the_lower_id(tmp_path: Path) -> None:
    # two one-day meetings in the week before an undated report of a meeting: it could be
    # either (same width, mentions, no place); the choice must not depend on storage order
    first = article("x1", "2012-06-12", [event(when="2012-06-11")])
    second = article("x2", "2012-06-14", [event(when="2012-06-13")])
    report = article("u", "2012-06-15", [event()])
    lower = min(fused_id(mention(a.id, 0, a.events[0].to_dict(), None)) for a in (first, second))
    for n, order in enumerate(([first, second], [second, first])):
        with Store(tmp_path / f"s{n}.duckdb") as store:
            for a in order:
                store.add([a])
            store.add([report])
            joined = store.con.execute("SELECT fused_id FROM events WHERE article_id = 'u'")
            assert joined.fetchall() == [(lower,)]
