"""Train the learned trigger classifier (:mod:`dyad.events.learned`) on PLOVER gold records.

Labels come from each record's markup: the tokens of its first ``(EVT: ...)`` span carry the
record's gold type, the tokens outside every ``EVT`` span are ``NONE``, the tokens of the other
``EVT`` spans are left out (they are parts of the one event, not separate ones). The model is
a scikit-learn multinomial logistic regression over :func:`~dyad.events.learned.features`;
the abstain thresholds are chosen on the training records alone, from inner 3-fold
cross-validated probabilities: each threshold is the lowest one at which the decisions it
allows gain more than they lose on the training records (never, when none does).

    python -m dyad.events.train [--data ../shared/data/plover/gsr-dev.jsonl] [--out PATH]
        [--weak]

``--weak`` adds the weakly labelled news sentences of :mod:`dyad.events.weak` (weight
``WEAK_WEIGHT``); by cross-validation they did not help, so the shipped model has none.

Needs the ``train`` extra (scikit-learn); the shipped model runs on numpy alone.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from dyad.events.learned import MODEL_PATH, NEVER, NONE, TriggerModel, candidates, features
from dyad.events.lexicon import Lexicon, lexicon
from dyad.events.triggers import absorb, find_triggers

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"
OPENER = re.compile(r"\(([A-Z/]+): ")
RETYPE_COST = 2
# Retyping a rule trigger lost by 3-fold CV on gsr-dev (PLOVER R/P 0.799/0.832 without it,
# 0.794/0.827 with it) and lets ~140 gold sentences override the dictionary's sense of a
# word ("arrested" read as ACCUSE after one "arrested for collaborating"): off.
RETYPE = False
GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def event_spans(record: dict[str, Any]) -> list[tuple[int, int]]:
    """Character spans of the ``EVT`` markups of a record, in order ([] if the markup does
    not reproduce the text)."""
    markup = record.get("markup") or ""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int] | None] = []
    at = 0
    while at < len(markup):
        opener = OPENER.match(markup, at)
        if opener:
            stack.append((opener.group(1), len("".join(out))))
            at = opener.end()
            continue
        char = markup[at]
        if char == "(":
            stack.append(None)
        elif char == ")" and stack:
            top = stack.pop()
            if top is not None:
                if top[0] == "EVT":
                    spans.append((top[1], len("".join(out))))
                at += 1
                continue
        out.append(char)
        at += 1
    return spans if "".join(out) == record["text"] else []


def examples(
    records: Sequence[dict[str, Any]], docs: Sequence[Doc], lex: Lexicon
) -> tuple[list[list[str]], list[str], list[int], list[str]]:
    """Feature lists, labels, record index and the rules' type of the token ("" if none)."""
    feats, labels, owner, is_rule = [], [], [], []
    for n, (record, doc) in enumerate(zip(records, docs, strict=True)):
        spans = event_spans(record)
        if not spans:
            continue
        for sent in doc.sents:
            rules = {t.token.i: t for t in absorb(find_triggers(sent, lex))}
            for token in candidates(sent):
                inside = [k for k, (a, b) in enumerate(spans) if a <= token.idx < b]
                if inside and inside[0] != 0:
                    continue
                feats.append(features(token, lex, rules.get(token.i)))
                labels.append(record["event"] if inside else NONE)
                owner.append(n)
                is_rule.append(rules[token.i].spec.type if token.i in rules else "")
    return feats, labels, owner, is_rule


def fit(
    feats: list[list[str]], labels: list[str], c: float = 1.0, weights: list[float] | None = None
) -> TriggerModel:
    """A logistic regression over the features (vocabulary: features seen twice or more);
    ``weights`` per example (default 1)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for names in feats:
        for f in set(names):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, k in counts.items() if k >= 2)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, names in enumerate(feats):
        for f in set(names):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(vocab)))
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, labels, sample_weight=None if weights is None else np.asarray(weights))
    classes = [str(k) for k in clf.classes_]
    return TriggerModel(classes, index, clf.coef_.T.astype(np.float32), clf.intercept_)


def _gain(
    probs: Any, labels: list[str], is_rule: list[str], classes: list[str]
) -> dict[str, float]:
    """For each decision, the lowest grid threshold whose net gain on these tokens is > 0,
    a harmful decision counting twice (a lost event costs more than a wrong one gains)."""
    none = classes.index(NONE)
    masked = probs.copy()
    masked[:, none] = -1.0
    best = masked.argmax(axis=1)
    out = {}
    for name in ("drop", "retype", "add"):
        chosen = NEVER
        for t in GRID:
            net = 0
            for r, label in enumerate(labels):
                guess = classes[best[r]]
                rule = is_rule[r]
                if name == "drop" and rule and probs[r, none] >= t:
                    net += 1 if label == NONE else -4
                elif name == "retype" and rule and rule != guess and probs[r, best[r]] >= t:
                    net += 1 if guess == label else -RETYPE_COST if rule == label else 0
                elif name == "add" and not rule and probs[r, best[r]] >= t:
                    net += 1 if guess == label else -2
            if net > 0:
                chosen = t
                break
        out[name] = chosen
    return out


Weak = tuple[list[list[str]], list[str]]


def _fit_with(feats: list[list[str]], labels: list[str], weak: Weak | None) -> TriggerModel:
    """Fit on gold examples plus weakly labelled ones (each counting ``WEAK_WEIGHT``)."""
    if not weak or not weak[1]:
        return fit(feats, labels)
    weights = [1.0] * len(labels) + [WEAK_WEIGHT] * len(weak[1])
    return fit(feats + weak[0], labels + weak[1], weights=weights)


WEAK_WEIGHT = 0.3


def train(
    records: Sequence[dict[str, Any]], docs: Sequence[Doc], lex: Lexicon, weak: Weak | None = None
) -> TriggerModel:
    """Fit on the records (plus ``weak`` examples: features and labels from
    :func:`dyad.events.weak.weak_examples`); thresholds from inner 3-fold cross-validated
    probabilities on the records alone."""
    feats, labels, owner, is_rule = examples(records, docs, lex)
    probs = None
    classes = sorted(set(labels))
    for k in range(3):
        train_rows = [r for r in range(len(labels)) if owner[r] % 3 != k]
        test_rows = [r for r in range(len(labels)) if owner[r] % 3 == k]
        inner = _fit_with([feats[r] for r in train_rows], [labels[r] for r in train_rows], weak)
        p = inner.proba([feats[r] for r in test_rows])
        if probs is None:
            probs = np.zeros((len(labels), len(classes)))
        for col, name in enumerate(inner.classes):
            probs[test_rows, classes.index(name)] = p[:, col]
    model = _fit_with(feats, labels, weak)
    model.thresholds = _gain(probs, labels, is_rule, classes)
    if not RETYPE:
        model.thresholds["retype"] = NEVER
    return model


HEADER = """# Source: logistic-regression weights trained by `python -m dyad.events.train`
# (dyad, MIT) on the PLOVER gold records of ../shared/data/plover/gsr-dev.jsonl (labels:
# the record's type on the tokens of its first EVT markup, NONE elsewhere) with features from
# the parse and from the converted CAMEO dictionary (MIT, Open Event Data Alliance).
# JSON after this header.
"""


def to_dict(model: TriggerModel) -> dict[str, Any]:
    vocab = sorted(model.index, key=model.index.__getitem__)
    return {
        "classes": model.classes,
        "features": vocab,
        "coef": [[round(float(v), 4) for v in row] for row in model.coef],
        "intercept": [round(float(v), 4) for v in model.intercept],
        "thresholds": model.thresholds,
    }


def main(argv: list[str] | None = None) -> None:
    from dyad.nlp import load_nlp

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "plover" / "gsr-dev.jsonl")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument(
        "--weak", action="store_true", help="add weakly labelled news sentences (not shipped)"
    )
    args = parser.parse_args(argv)
    lines = args.data.read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines if x.strip()]
    docs = list(load_nlp().pipe(r["text"] for r in records))
    weak = None
    if args.weak:
        from dyad.events.weak import training_set

        weak = training_set()
    model = train(records, docs, lexicon(), weak)
    args.out.write_text(HEADER + json.dumps(to_dict(model)) + "\n", encoding="utf-8")
    print(f"{len(model.index)} features, {len(model.classes)} classes, {model.thresholds}")


if __name__ == "__main__":
    main()
