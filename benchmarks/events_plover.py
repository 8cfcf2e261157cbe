"""Event types on the PLOVER gold-standard records, and what the event coder costs.

Each PLOVER record is one news sentence with its gold ``event`` type. The text runs through
the whole pipeline (entities when the entity stage exists, timexes, quotes, events) as an
article with no publication date. Figures, in two views:

* ``dyad``: dyad's own types ("will support" is SUPPORT with status planned);
* ``plover``: :func:`dyad.events.plover_view`, which codes statuses the way PLOVER does
  (a planned cooperative act is AGREE, a planned hostile one THREATEN, a negated cooperative
  one REJECT; hypothetical events are no event).

**recall** = share of records whose gold type is among the output types; **precision
(events)** = share of output events whose type equals the record's gold type; **precision
(types)** = share of (record, distinct output type) pairs equal to the gold type. Records with
no output count against recall only.

Participants, for the events whose (PLOVER-view) type is the gold type: an output actor
*matches* a gold one when one name contains the other or they share a word of 4+ letters
(case-insensitive, a possessive 's ignored: "Reagan" ~ "President Reagan's"), or when its KB
id is the KB's first reading of the gold name, of the gold name without its head word ("U.S."
in "U.S. soldier": the alias twin of the shared-word rule) or, for a span the annotator
opened with its preposition, of the name at its end ("Baghdad" in "in central Baghdad").
**source P** = share of such events with actors whose actors include a gold source;
**source R** = share of records with a gold source and a correctly typed event where some
such event has a gold source among its actors; **target P/R** the same for recipients
against gold targets. Gold SRC/TAR pairs (symmetric events; gsr-dev lists them under
``source`` only, so they are read from the markup) are matched against actors and recipients
together. The ``*_strict`` figures keep the rule before issue 15's target work (text only,
SRC/TAR from the ``target`` field); ``*_kb`` is strict plus the KB reading of the whole name.

Throughput, on the same run: the ``--speed`` texts (default BBC politics) are parsed with
``nlp.pipe`` alone and extracted in full (clean + parse + every stage), alternating in chunks
of 25 texts so that a shared machine's load falls on both alike; the ratio is full docs/s over
parse docs/s. Peak memory is ``ru_maxrss`` after the run.

    .venv/bin/python benchmarks/events_plover.py [--data ../shared/data/plover/gsr-dev.jsonl]
        [--speed ../shared/data/bbc/politics] [--out docs/figures/events_plover.json] [--errors]
        [--no-speed] [--weak]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import resource
import time
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from dyad.actors import default_kb
from dyad.events import EventStage, plover_view, provenance
from dyad.events.learned import TriggerModel
from dyad.events.lexicon import Lexicon, lexicon
from dyad.events.provenance import Row
from dyad.events.train import Weak, train
from dyad.model import Article, Event, Metadata, RawDocument, article_id
from dyad.nlp import load_nlp
from dyad.pipeline import Options, Pipeline, Stage

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_DATA = SHARED / "plover" / "gsr-dev.jsonl"
DEFAULT_SPEED = SHARED / "bbc" / "politics"
DEFAULT_OUT = ROOT / "docs" / "figures" / "events_plover.json"
Parsed = tuple[Article, Doc]


def score(golds: list[str], outputs: list[list[str | None]]) -> dict[str, float]:
    found = sum(g in set(out) for g, out in zip(golds, outputs, strict=True))
    events = [(g, t) for g, out in zip(golds, outputs, strict=True) for t in out if t is not None]
    pairs = [(g, t) for g, out in zip(golds, outputs, strict=True) for t in set(out) - {None}]
    return {
        "recall": found / len(golds),
        "precision_events": sum(g == t for g, t in events) / max(len(events), 1),
        "precision_types": sum(g == t for g, t in pairs) / max(len(pairs), 1),
        "events": len(events),
    }


def prepare(path: Path, stages: list[Stage]) -> tuple[list[dict[str, Any]], list[Parsed]]:
    """The gold records and their parsed articles with every stage but events run once."""
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts = [r["text"] for r in records]
    before = [s for s in stages if s.name != "events"]
    parsed = []
    for text, doc in zip(texts, load_nlp().pipe(texts), strict=True):
        article = Article(id=article_id(text), source="plover", text=text, meta=Metadata())
        for stage in before:
            stage(article, doc)
        parsed.append((article, doc))
    return records, parsed


def code(
    parsed: list[Parsed], lex: Lexicon | None = None, model: TriggerModel | bool | None = True
) -> list[Article]:
    """The articles with their events coded afresh (with ``lex``, default the shipped one;
    ``model`` the learned classifier: True the shipped one, None the rules alone)."""
    stage = EventStage(lex=lex or lexicon(), model=model)
    out = []
    for article, doc in parsed:
        copy = dataclasses.replace(article, events=[])
        stage(copy, doc)
        out.append(copy)
    return out


def figures(records: list[dict[str, Any]], articles: list[Article]) -> dict[str, Any]:
    """Type figures in both views, participants and confusions of coded articles."""
    golds = [r["event"] for r in records]
    raw: list[list[str | None]] = [[e.type for e in a.events] for a in articles]
    view = [[plover_view(e) for e in a.events] for a in articles]
    confusion = Counter(
        (g, t) for g, out in zip(golds, view, strict=True) for t in out if t and t != g
    )
    return {
        "records": len(records),
        "dyad": score(golds, raw),
        "plover": score(golds, view),
        "participants": participants(records, articles),
        "confusions": {f"{g}->{t}": n for (g, t), n in confusion.most_common(15)},
    }


def evaluate(path: Path, stages: list[Stage], errors: bool, weak: bool = False) -> dict[str, Any]:
    records, parsed = prepare(path, stages)
    articles = code(parsed)
    if errors:
        for record, article in zip(records, articles, strict=True):
            out = [plover_view(e) for e in article.events]
            if record["event"] not in out or any(t not in (None, record["event"]) for t in out):
                _show(record, article.events)
    result = figures(records, articles)
    result["rules_only"] = figures(records, code(parsed, model=None))
    result["cross_validation"] = cross_validate(records, parsed, learned=True)
    result["cross_validation_rules_only"] = cross_validate(records, parsed, learned=False)
    if weak:  # issue 15: the model with weakly labelled news sentences (dyad.events.weak)
        from dyad.events.weak import training_set

        extra = training_set()
        result["cross_validation_weak"] = cross_validate(records, parsed, True, extra)
        result["cross_validation_weak"]["weak_examples"] = len(extra[1])
    result["rules_audit"] = audit(records, parsed)
    return result


SEED = 15
FOLDS = 3


def folds(records: list[dict[str, Any]], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """The fold of each record: stratified by gold type (each type's records shuffled with a
    fixed seed, then dealt round-robin, continuing where the previous type stopped)."""
    by_type: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        by_type.setdefault(r["event"], []).append(i)
    rng = random.Random(seed)
    fold = [0] * len(records)
    turn = 0
    for type_ in sorted(by_type):
        members = by_type[type_]
        rng.shuffle(members)
        for i in members:
            fold[i] = turn % k
            turn += 1
    return fold


def _evidence(parsed: list[Parsed]) -> dict[Row, set[int]]:
    """For each curated (non-dictionary, non-stoplist) row, the records that mention it."""
    rows = [row for row, src in provenance.sources().items() if src == "curated"]
    seen: dict[Row, set[int]] = {row: set() for row in rows}
    for i, (_, doc) in enumerate(parsed):
        for row in provenance.evidence(doc[:], rows):
            seen[row].add(i)
    return seen


def cross_validate(
    records: list[dict[str, Any]], parsed: list[Parsed], learned: bool, weak: Weak | None = None
) -> dict[str, Any]:
    """k-fold figures: for each held fold, the curated rows whose only development evidence
    lies in that fold are left out (they could not have been grown from the training folds),
    and the learned component is fitted on the training folds; the held fold is scored.
    Pooled figures over all held folds, plus each fold's."""
    fold = folds(records)
    seen = _evidence(parsed)
    pooled: list[Article] = [parsed[i][0] for i in range(len(parsed))]
    per_fold = []
    for k in range(FOLDS):
        held = [i for i in range(len(records)) if fold[i] == k]
        drop = frozenset(row for row, ids in seen.items() if ids and all(fold[i] == k for i in ids))
        lex = lexicon(drop=drop)
        model = None
        if learned:
            train_ids = [i for i in range(len(records)) if fold[i] != k]
            docs = [parsed[i][1] for i in train_ids]
            model = train([records[i] for i in train_ids], docs, lex, weak)
        coded = code([parsed[i] for i in held], lex, model)
        for i, article in zip(held, coded, strict=True):
            pooled[i] = article
        fig = figures([records[i] for i in held], coded)
        per_fold.append({"fold": k, "records": len(held), "rows_left_out": len(drop),
                         "plover": fig["plover"], "dyad": fig["dyad"],
                         "participants": fig["participants"]})  # fmt: skip
    result = figures(records, pooled)
    result["folds"] = per_fold
    result["seed"] = SEED
    return result


AUDIT = {
    "no curated typed rows, no nominals": {"off": frozenset({"curated", "nominals"})},
    "no stoplist rows (triggers.tsv '-')": {"off": frozenset({"stoplist"})},
    "no CAMEO verbs (cameo_verbs.tsv)": {"off": frozenset({"verbs"})},
    "no CAMEO verb+object patterns": {"off": frozenset({"patterns"})},
    "no derived nominals (cameo_nouns.tsv)": {"off": frozenset({"nominals"})},
    "no codebook descriptions (codebook.tsv)": {"off": frozenset({"codebook"})},
    "dictionary + derived nominals + stoplist only": {"off": frozenset({"curated"})},
}


def audit(records: list[dict[str, Any]], parsed: list[Parsed]) -> dict[str, Any]:
    """The figures with each trigger source switched off, and with every curated row that a
    development sentence mentions left out (the rules that may have been grown on dev)."""
    out: dict[str, Any] = {}
    seen = _evidence(parsed)
    variants: dict[str, Lexicon] = {name: lexicon(**kw) for name, kw in AUDIT.items()}
    dev_rows = frozenset(row for row, ids in seen.items() if ids)
    variants["no curated rows mentioned in gsr-dev"] = lexicon(drop=dev_rows)
    for name, lex in variants.items():
        fig = figures(records, code(parsed, lex, None))
        out[name] = {"plover": fig["plover"], "dyad": fig["dyad"],
                     "participants": fig["participants"]}  # fmt: skip
    counts = Counter(provenance.sources().values())
    out["curated_rows"] = dict(counts)
    out["curated_rows_mentioned_in_dev"] = sorted(f"{f} {p}" for f, p in dev_rows)
    return out


def _words(name: str, fair: bool = True) -> set[str]:
    name = name.lower()
    if fair:
        name = re.sub(r"['’]s\b", "", name)  # "President Reagan's" ~ "Reagan"
    return {w for w in name.replace("-", " ").split() if len(w) >= 4}


def _match(names: list[str], gold: list[str], fair: bool = True) -> bool:
    for a in names:
        for g in gold:
            al, gl = a.lower(), g.lower()
            if al in gl or gl in al or _words(a, fair) & _words(g, fair):
                return True
    return False


def _kb_ids(gold: list[str], modifiers: bool = False) -> set[str]:
    """The actor ids the KB reads the gold names as (its first reading of each); with
    ``modifiers`` also of a name's words before its head ("U.S." in "U.S. soldier", "Darfur"
    in "Darfur rebels"): the alias twin of the shared-word rule, which already matches
    "Palestinian" with "Palestinian armed groups"."""
    kb = default_kb()
    names = list(gold)
    if modifiers:
        names += [" ".join(g.split()[:-1]) for g in gold if len(g.split()) > 1]
        names += [_place_name(g) for g in gold]
    return {found[0].id for g in names if g and (found := kb.lookup(g))}


def _place_name(gold: str) -> str:
    """A target span the annotator opened with its preposition ("in central Baghdad", "in
    the capital city of Algiers"): the name at its end ("Baghdad"); else ""."""
    words = gold.split()
    if not words or words[0].lower() not in ("in", "at", "near", "into", "from", "to"):
        return ""
    tail: list[str] = []
    for word in reversed(words[1:]):
        if not word[:1].isupper():
            break
        tail.insert(0, word)
    return " ".join(tail)


SYMMETRIC = re.compile(r"\(SRC/TAR: ([^()]*)\)")


def _gold(record: dict[str, Any], fair: bool) -> tuple[list[str], list[str], set[str]]:
    """Gold sources, targets and symmetric (SRC/TAR) names. gsr-dev lists SRC/TAR actors
    under ``source`` only, with ``target`` empty; the fair reading takes them from the
    markup, so a recipient that is the other member of the pair is no false target."""
    sources = [a["actorText"] for a in record["source"]]
    targets = [a["actorText"] for a in record["target"]]
    both = set(sources) & set(targets)
    if fair:
        both |= {m.strip() for m in SYMMETRIC.findall(record.get("markup") or "")}
        targets += [b for b in sorted(both) if b not in targets]
    return sources, targets, both


def participants(records: list[dict[str, Any]], articles: list[Article]) -> dict[str, float]:
    """Source / target precision and recall over correctly typed events (see the docstring).
    Plain keys: the fair scorer (a name matches as text or through the KB's reading of the
    gold name or of its modifier; SRC/TAR pairs from the markup). ``*_strict``: text only
    and SRC/TAR from the ``target`` field, as before issue 15's target work; ``*_kb``: that
    strict rule plus the KB's reading of the whole gold name (the earlier alias figure)."""
    fair = _participants(records, articles, fair=True)
    strict = _participants(records, articles, fair=False)
    out = {k: v for k, v in fair.items() if not k.endswith("_kb")}
    out.update({f"{k}_strict": v for k, v in strict.items() if not k.endswith("_kb")})
    out.update({k: v for k, v in strict.items() if k.endswith("_kb")})
    return out


def _participants(
    records: list[dict[str, Any]], articles: list[Article], fair: bool
) -> dict[str, float]:
    tally = Counter[str]()
    for record, article in zip(records, articles, strict=True):
        typed = [e for e in article.events if plover_view(e) == record["event"]]
        sources, targets, both = _gold(record, fair)
        for side, gold in (("source", sources), ("target", targets)):
            ids = _kb_ids(gold, modifiers=fair)
            hits, kb_hits = [], []
            for e in typed:
                refs = e.actors if side == "source" else e.recipients
                if both:
                    refs = [*e.actors, *e.recipients]
                names = [r.name for r in refs]
                if names:
                    tally[f"{side}_out"] += 1
                    text = bool(gold) and _match(names, gold, fair)
                    kb_hit = text or any(r.id in ids for r in refs if r.id)
                    hit = kb_hit if fair else text
                    tally[f"{side}_hit"] += hit
                    tally[f"{side}_kbhit"] += kb_hit
                    hits.append(hit)
                    kb_hits.append(kb_hit)
            if gold and typed:
                tally[f"{side}_gold"] += 1
                tally[f"{side}_found"] += any(hits)
                tally[f"{side}_kbfound"] += any(kb_hits)
    return {
        f"{side}_{m}": round(tally[f"{side}_{num}"] / max(tally[f"{side}_{den}"], 1), 3)
        for side in ("source", "target")
        for m, num, den in (
            ("p", "hit", "out"), ("r", "found", "gold"), ("p_kb", "kbhit", "out"),
            ("r_kb", "kbfound", "gold"),
        )
    }  # fmt: skip


def _show(record: dict[str, Any], events: list[Event]) -> None:
    got = ", ".join(f"{e.type}/{e.status}:{e.trigger}→{plover_view(e)}" for e in events) or "-"
    print(f"[{record['event']}] {record['text'][:150]}\n      got: {got}")


def throughput(folder: Path, stages: list[Stage], chunk: int = 25) -> dict[str, float]:
    """Parse-only docs/s, full-extract docs/s (clean + parse + stages), per-stage ms/doc.
    The two runs alternate chunk by chunk (``chunk`` texts each), so a shared machine's
    changing load falls on both alike; the events stage is also timed without the learned
    model on the same parses."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    nlp = load_nlp()
    pipeline = Pipeline(Options())
    spent = dict.fromkeys((s.name for s in stages), 0.0)
    rules_only, parse, full, done = EventStage(model=None), 0.0, 0.0, 0
    spent["events_rules_only"] = 0.0
    for at in range(0, len(texts), chunk):
        part = texts[at : at + chunk]
        start = time.perf_counter()
        for _ in nlp.pipe(part):
            pass
        parse += time.perf_counter() - start
        start = time.perf_counter()
        cleaned = [pipeline._clean(RawDocument(str(n), "text", t)) for n, t in enumerate(part)]
        articles = [a for a in cleaned if isinstance(a, Article)]
        docs = []
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
            for stage in stages:
                before = time.perf_counter()
                stage(article, doc)
                spent[stage.name] += time.perf_counter() - before
            docs.append(doc)
        full += time.perf_counter() - start
        done += len(articles)
        for article, doc in zip(articles, docs, strict=True):
            before = time.perf_counter()
            rules_only(dataclasses.replace(article, events=[]), doc)
            spent["events_rules_only"] += time.perf_counter() - before
    result = {
        "docs": len(texts),
        "parse_docs_per_s": len(texts) / parse,
        "full_docs_per_s": done / full,
        "ratio_full_to_parse": (done / full) / (len(texts) / parse),
    }
    for name, seconds in spent.items():
        result[f"{name}_ms_per_doc"] = 1000 * seconds / max(done, 1)
    result["events_share_of_full"] = spent.get("events", 0.0) / full
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["load_average_1min"] = os.getloadavg()[0]
    return result


def _line(name: str, fig: dict[str, Any]) -> str:
    p, d, q = fig["plover"], fig["dyad"], fig["participants"]
    return (
        f"{name[:44]:44} {p['recall']:6.3f} {p['precision_events']:6.3f} {d['recall']:6.3f} "
        f"{d['precision_events']:6.3f} {q['source_p']:6.3f} {q['source_r']:6.3f} "
        f"{q['target_p']:6.3f} {q['target_r']:6.3f}"
    )


def report(result: dict[str, Any]) -> None:
    """Print the plain dev figures, the cross-validated ones and the rules audit."""
    print(f"{'':44} {'PLV R':>6} {'PLV P':>6} {'dyad R':>6} {'dyad P':>6} "
          f"{'src P':>6} {'src R':>6} {'tar P':>6} {'tar R':>6}")  # fmt: skip
    print(_line("dev (rules + model, all fit on dev)", result))
    kb = result["participants"]
    for name, key in (("strict (text only)", "_strict"), ("strict + KB reading", "_kb")):
        src = f"{kb[f'source_p{key}']:.3f}/{kb[f'source_r{key}']:.3f}"
        tar = f"{kb[f'target_p{key}']:.3f}/{kb[f'target_r{key}']:.3f}"
        print(f"{'  participants, ' + name:44} source {src}, target {tar}")
    print(_line("dev, rules alone", result["rules_only"]))
    for key, name in (
        ("cross_validation", "rules + model"),
        ("cross_validation_rules_only", "rules alone"),
        ("cross_validation_weak", "rules + model + weak"),
    ):
        if key not in result:
            continue
        cv = result[key]
        print(_line(f"{FOLDS}-fold CV, {name} (pooled)", cv))
        for fold in cv["folds"]:
            print(_line(f"  fold {fold['fold']} ({fold['rows_left_out']} rows left out)", fold))
    for name, fig in result["rules_audit"].items():
        if isinstance(fig, dict) and "plover" in fig:
            print(_line(f"audit: {name}", fig))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--speed", type=Path, default=DEFAULT_SPEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--errors", action="store_true", help="print records coded wrongly")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    parser.add_argument("--weak", action="store_true", help="also CV with weak supervision")
    args = parser.parse_args()
    stages = list(Pipeline(Options()).stages)
    load_nlp()("warm up")
    result: dict[str, Any] = {"stages": [s.name for s in stages]}
    result.update(evaluate(args.data, stages, args.errors, args.weak))
    if not args.no_speed:
        result["throughput"] = throughput(args.speed, stages)
    report(result)
    for key, value in result.get("throughput", {}).items():
        print(f"{key:24} {value:10.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
