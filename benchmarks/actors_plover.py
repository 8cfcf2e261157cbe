"""Actor countries on the PLOVER gold standard records, and what the entity stage costs.

Each PLOVER record is one news sentence with its ``source`` and ``target`` actors
(``actorText`` as written, CAMEO ``code``). For every gold actor whose code starts with a
country (CAMEO chunks mapped to ISO with :data:`dyad.actors.cameo.CAMEO_TO_ISO`, e.g. JAP →
JPN; IGO, NGO, regions and the like are left out), the actor text is located in the sentence
(the part before an ellipsis when it has one) and counted **right** when dyad gives an entity
of that country with a mention overlapping it. The records carry no publication date, so the
articles have ``published = None``: roles and date-based role nominals are not exercised.

Throughput: the same texts (``--speed``, default the BBC politics articles) are parsed once
with ``nlp.pipe`` and then given to :class:`~dyad.actors.EntityStage`; docs/s are reported for
the parse alone and for parse + entities.

    .venv/bin/python benchmarks/actors_plover.py [--data ../shared/data/plover/gsr-dev.jsonl]
        [--speed ../shared/data/bbc/politics] [--out docs/figures/actors_plover.json] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.actors import EntityStage
from dyad.actors.cameo import chunks, iso_country
from dyad.model import Article, Entity
from dyad.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_DATA = SHARED / "plover" / "gsr-dev.jsonl"
DEFAULT_SPEED = SHARED / "bbc" / "politics"
DEFAULT_OUT = ROOT / "docs" / "figures" / "actors_plover.json"


@dataclass(frozen=True, slots=True)
class GoldActor:
    record: str
    text: str
    actor_text: str
    country: str
    span: tuple[int, int] | None


def gold_actors(path: Path) -> tuple[list[tuple[str, str]], list[GoldActor], int]:
    """(record id, text) pairs, the country-coded gold actors, and how many were not."""
    records: list[tuple[str, str]] = []
    actors: list[GoldActor] = []
    other = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        records.append((rec["id"], rec["text"]))
        for actor in rec.get("source", []) + rec.get("target", []):
            code = str(actor.get("code") or "")
            country = iso_country(chunks(code.upper())[0]) if code else None
            if country is None:
                other += 1
                continue
            actors.append(
                GoldActor(
                    rec["id"],
                    rec["text"],
                    actor["actorText"],
                    country,
                    locate(rec["text"], actor["actorText"]),
                )
            )
    return records, actors, other


def locate(text: str, actor_text: str) -> tuple[int, int] | None:
    """Where the actor text is in the sentence (its part before "...", if any)."""
    needle = actor_text.split("...")[0].strip()
    start = text.find(needle) if needle else -1
    return (start, start + len(needle)) if start >= 0 else None


def is_right(actor: GoldActor, entities: list[Entity]) -> bool:
    assert actor.span is not None
    lo, hi = actor.span
    return any(
        e.country == actor.country and any(s < hi and lo < t for s, t in e.mentions)
        for e in entities
    )


def run(texts: list[str], stage: EntityStage) -> tuple[list[list[Entity]], float, float]:
    """Entities of each text; seconds spent parsing and seconds in the entity stage."""
    nlp = load_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.perf_counter() - t0
    out: list[list[Entity]] = []
    t0 = time.perf_counter()
    for i, (text, doc) in enumerate(zip(texts, docs, strict=True)):
        article = Article(id=str(i), source=str(i), text=text)
        stage(article, doc)
        out.append(article.entities)
    return out, parse, time.perf_counter() - t0


def speed(folder: Path, stage: EntityStage) -> dict[str, Any] | None:
    """docs/s for the parse alone and parse + entities over the texts in ``folder``."""
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        return None
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    _, parse, entities = run(texts, stage)
    return {
        "texts": str(folder),
        "docs": len(texts),
        "parse_docs_per_s": round(len(texts) / parse, 1),
        "parse_entities_docs_per_s": round(len(texts) / (parse + entities), 1),
        "entities_ms_per_doc": round(1000 * entities / len(texts), 2),
        "entities_share_of_time": round(entities / (parse + entities), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--speed", type=Path, default=DEFAULT_SPEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--errors", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(
            f"actors_plover: {args.data} not found (the PLOVER gold standard records)",
            file=sys.stderr,
        )
        return 2
    records, actors, other = gold_actors(args.data)
    stage = EntityStage()
    entities, _, _ = run([text for _, text in records], stage)
    by_id = dict(zip((rid for rid, _ in records), entities, strict=True))
    located = [a for a in actors if a.span is not None]
    misses = [a for a in located if not is_right(a, by_id[a.record])]
    right = len(located) - len(misses)
    result: dict[str, Any] = {
        "data": str(args.data),
        "records": len(records),
        "published": None,
        "gold_country_actors": len(actors),
        "not_found_in_text": len(actors) - len(located),
        "non_country_actors_left_out": other,
        "scored": len(located),
        "right": right,
        "share_right": round(right / len(located), 3) if located else None,
        "throughput": speed(args.speed, stage),
        "misses": [
            {"record": a.record, "actor": a.actor_text, "country": a.country} for a in misses
        ],
    }
    print_table(result)
    if args.errors:
        for a in misses:
            found = [(e.name, e.country) for e in by_id[a.record]]
            print(f"MISS {a.record} {a.actor_text!r} {a.country}\n  {a.text}\n  dyad: {found}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def print_table(result: dict[str, Any]) -> None:
    rows = [
        ("records (sentences)", result["records"]),
        ("gold actors with a country code", result["gold_country_actors"]),
        ("  not found in the text", result["not_found_in_text"]),
        ("scored", result["scored"]),
        ("right (entity of that country overlaps)", result["right"]),
        ("share right", result["share_right"]),
    ]
    speed_result = result["throughput"]
    if speed_result:
        rows += [
            (
                f"throughput on {speed_result['docs']} texts, parse only (docs/s)",
                speed_result["parse_docs_per_s"],
            ),
            ("throughput, parse + entities (docs/s)", speed_result["parse_entities_docs_per_s"]),
            ("entity stage, ms per doc", speed_result["entities_ms_per_doc"]),
        ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
