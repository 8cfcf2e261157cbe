"""Time-expression benchmark on the TempEval-3 training data (TimeBank + AQUAINT).

Reads every ``*.tml`` file under ``--data``, strips the TimeML tags from ``<TEXT>`` while
mapping each gold TIMEX3 to character offsets in the plain text, and runs
:func:`dyad.time.find_timexes` with the document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``, not scored) as anchor and the spaCy parse as ``doc``.
Scores follow TempEval-3: strict (exact extent) and relaxed (any overlap) detection
precision/recall/F1; value F1 (P = relaxed matches with the right value / predictions,
R = the same / gold); type accuracy over relaxed matches; throughput of ``find_timexes``
alone. Prints a table, writes JSON (``--out``), and with ``--errors`` the top mistakes.

    .venv/bin/python benchmarks/timex_tempeval.py [--data DIR] [--out FILE] [--errors]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.model import Timex
from dyad.nlp import load_nlp
from dyad.time import find_timexes

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3" / "Training"
FOLDS = 3
SEED = 15
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>|&(#?\w+);")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Document:
    name: str
    text: str
    anchor: str | None
    gold: list[Gold] = field(default_factory=list)


def parse_tml(path: Path) -> Document:
    """Plain ``<TEXT>`` content, gold TIMEX3 offsets into it, and the creation time."""
    raw = path.read_text("utf-8")
    anchor = None
    for match in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(_ATTR.findall(match.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            anchor = attrs.get("value")
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    gold: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for match in _TAG.finditer(body):
        piece = body[position : match.start()]
        parts.append(piece)
        length += len(piece)
        position = match.end()
        if match.group(4):
            char = html.unescape(match.group(0))
            parts.append(char)
            length += len(char)
        elif match.group(2) == "TIMEX3" and not match.group(1):
            open_timex = (length, dict(_ATTR.findall(match.group(3))))
        elif match.group(2) == "TIMEX3" and open_timex is not None:
            start, attrs = open_timex
            gold.append(Gold(start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    parts.append(body[position:])
    return Document(path.stem, "".join(parts), anchor, gold)


def load_corpus(data: Path, limit: int | None = None) -> list[Document]:
    """Every TimeML document under ``data`` (sorted by path; the test-pipeline file excluded)."""
    paths = sorted(p for p in data.rglob("*.tml") if "testpipeline" not in p.parts)
    return [parse_tml(path) for path in paths[:limit]]


def _match(pred: list[Timex], gold: list[Gold]) -> list[tuple[Timex, Gold]]:
    """One-to-one relaxed matching: each gold expression pairs with one overlapping guess."""
    pairs = []
    used: set[int] = set()
    for p in pred:
        for index, g in enumerate(gold):
            if index not in used and p.span[0] < g.end and g.start < p.span[1]:
                pairs.append((p, g))
                used.add(index)
                break
    return pairs


def _prf(hits: int, predicted: int, expected: int) -> dict[str, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate(docs: list[Document], use_doc: bool = True) -> dict[str, Any]:
    """Run the finder over ``docs`` and score it; ``errors`` lists every mistake."""
    nlp = load_nlp()
    parsed = list(nlp.pipe(d.text for d in docs)) if use_doc else [None] * len(docs)
    started = time.perf_counter()
    predictions = [find_timexes(d.text, d.anchor, p) for d, p in zip(docs, parsed, strict=True)]
    seconds = time.perf_counter() - started
    counts: Counter[str] = Counter()
    errors: list[dict[str, str]] = []
    fold_counts = [Counter[str]() for _ in range(FOLDS)]
    order = list(range(len(docs)))
    random.Random(SEED).shuffle(order)
    fold_of = {n: rank % FOLDS for rank, n in enumerate(order)}
    for n, (doc, pred) in enumerate(zip(docs, predictions, strict=True)):
        pairs = _match(pred, doc.gold)
        fold = fold_counts[fold_of[n]]
        fold.update({"pred": len(pred), "gold": len(doc.gold),
                     "value": sum(p.value == g.value for p, g in pairs)})  # fmt: skip
        counts["pred"] += len(pred)
        counts["gold"] += len(doc.gold)
        counts["relaxed"] += len(pairs)
        counts["strict"] += sum(p.span == (g.start, g.end) for p, g in pairs)
        counts["value"] += sum(p.value == g.value for p, g in pairs)
        counts["type"] += sum(p.type == g.type for p, g in pairs)
        errors.extend(_errors(doc, pred, pairs))
    chars = sum(len(d.text) for d in docs)
    return {
        "data": "TempEval-3 Training (TimeBank + AQUAINT)",
        "documents": len(docs),
        "gold_timexes": counts["gold"],
        "predicted_timexes": counts["pred"],
        "strict": _prf(counts["strict"], counts["pred"], counts["gold"]),
        "relaxed": _prf(counts["relaxed"], counts["pred"], counts["gold"]),
        "value": _prf(counts["value"], counts["pred"], counts["gold"]),
        "value_accuracy": round(counts["value"] / max(1, counts["relaxed"]), 4),
        "type_accuracy": round(counts["type"] / max(1, counts["relaxed"]), 4),
        "docs_per_second": round(len(docs) / seconds, 1),
        "chars_per_second": round(chars / seconds),
        "uses_parse": use_doc,
        # the rules are fixed (tuned on this whole set): each fold's figure, not a re-fit
        "value_fold_f1": [
            _prf(c["value"], c["pred"], c["gold"])
            | {"documents": sum(f == k for f in fold_of.values())}
            for k, c in enumerate(fold_counts)
        ],
        "errors": errors,
    }


def _context(text: str, start: int, end: int) -> str:
    return (
        text[max(0, start - 50) : start] + "[" + text[start:end] + "]" + text[end : end + 30]
    ).replace("\n", " ")


def _errors(
    doc: Document, pred: list[Timex], pairs: list[tuple[Timex, Gold]]
) -> list[dict[str, str]]:
    found = {id(g) for _, g in pairs}
    matched = {id(p) for p, _ in pairs}
    out = []
    for g in doc.gold:
        if id(g) not in found:
            out.append(
                {
                    "kind": "missed",
                    "doc": doc.name,
                    "anchor": str(doc.anchor),
                    "gold": g.value,
                    "text": doc.text[g.start : g.end],
                    "context": _context(doc.text, g.start, g.end),
                }
            )
    for p in pred:
        if id(p) not in matched:
            out.append(
                {
                    "kind": "spurious",
                    "doc": doc.name,
                    "anchor": str(doc.anchor),
                    "pred": str(p.value),
                    "text": p.text,
                    "context": _context(doc.text, *p.span),
                }
            )
    for p, g in pairs:
        if p.value != g.value:
            out.append(
                {
                    "kind": "value",
                    "doc": doc.name,
                    "anchor": str(doc.anchor),
                    "gold": g.value,
                    "pred": str(p.value),
                    "text": p.text,
                    "context": _context(doc.text, g.start, g.end),
                }
            )
    return out  # fmt: skip


def print_table(result: dict[str, Any]) -> None:
    counts = f"{result['gold_timexes']} gold TIMEX3, {result['predicted_timexes']} predicted"
    print(f"{result['data']}: {result['documents']} documents, {counts}")
    print(f"{'':18}{'P':>8}{'R':>8}{'F1':>8}")
    for key in ("strict", "relaxed", "value"):
        row = result[key]
        print(f"{key + ' match':18}{row['precision']:8.3f}{row['recall']:8.3f}{row['f1']:8.3f}")
    value, kind = result["value_accuracy"], result["type_accuracy"]
    print(f"value accuracy {value:.3f}   type accuracy {kind:.3f}")
    folds = ", ".join(f"{f['f1']:.3f} ({f['documents']} docs)" for f in result["value_fold_f1"])
    print(f"value F1 by fold (rules fixed, tuned on all of this set): {folds}")
    print(
        f"find_timexes: {result['docs_per_second']} docs/s, {result['chars_per_second']:,} chars/s"
    )


def print_errors(errors: list[dict[str, str]], top: int) -> None:
    for kind in ("missed", "spurious", "value"):
        chosen = [e for e in errors if e["kind"] == kind]
        print(f"\n== {kind}: {len(chosen)}")
        common = Counter(e["text"].lower() for e in chosen).most_common(25)
        print("   most common: " + ", ".join(f"{t!r}×{n}" for t, n in common))
        for e in chosen[:top]:
            where = f"{e['doc']} @{e['anchor'][:10]}"
            print(f"  {where} gold={e.get('gold', '-')} pred={e.get('pred', '-')}: {e['context']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    parser.add_argument("--errors", action="store_true", help="print the mistakes")
    parser.add_argument("--top", type=int, default=60, help="examples per error kind")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--no-parse", action="store_true", help="run without the spaCy parse")
    args = parser.parse_args(argv)
    if not args.data.is_dir() or not any(args.data.rglob("*.tml")):
        print(f"TempEval-3 data not found under {args.data} (expected TimeML *.tml files); "
              "pass --data DIR", file=sys.stderr)  # fmt: skip
        return 2
    result = evaluate(load_corpus(args.data, args.limit), use_doc=not args.no_parse)
    print_table(result)
    if args.errors:
        print_errors(result["errors"], args.top)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        figures = {k: v for k, v in result.items() if k != "errors"}
        args.out.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
