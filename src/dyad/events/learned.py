"""A learned trigger classifier where the rules run out, with a calibrated abstain.

For every verb or noun of a sentence, :func:`features` names what the parse and the lexicons
say about it (its lemma, dependency label, governor, object and prepositions, the types the
CAMEO dictionary and the derived nominals give it, the rules' own code, negation and modal
cues). A multinomial logistic regression (trained by :mod:`dyad.events.train` with
scikit-learn; shipped as ``trigger_model.json``, so the runtime needs only numpy) gives each
token a probability per PLOVER type and ``NONE``. :meth:`TriggerModel.revise` then, with
thresholds chosen on the training data:

* drops a rule trigger the model is sure names no event (``P(NONE) >= drop``);
* retypes a rule trigger when another type is likely enough (``P(type) >= retype``);
* adds the most likely trigger of a sentence where the rules found none (``P >= add``).

Otherwise it abstains and the rules stand.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Span, Token

from dyad.events.lexicon import DATA_DIR, Lexicon, Spec
from dyad.events.triggers import MUST, Trigger

MODEL_PATH = DATA_DIR / "trigger_model.json"
NONE = "NONE"
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
NEVER = 2.0  # a threshold no probability reaches
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST", "THREATEN"})
# PLOVER types that dyad codes as a status of another type ("will meet" is a planned CONSULT,
# which PLOVER calls AGREE): a trigger of that other type is never retyped to them.
BY_STATUS = {"AGREE": COOPERATIVE, "REJECT": COOPERATIVE, "SANCTION": COOPERATIVE,
             "THREATEN": CONFLICTUAL}  # fmt: skip


def _type(spec: Spec | None) -> str:
    return spec.type if spec is not None else "-"


def features(token: Token, lex: Lexicon, rule: Trigger | None) -> list[str]:
    """The feature names of one candidate token."""
    lemma = token.lemma_.lower()
    head = token.head
    out = [f"l={lemma}", f"p={token.pos_}", f"d={token.dep_}", f"h={head.lemma_.lower()}",
           f"hd={head.dep_}", f"dh={token.dep_}:{head.lemma_.lower()}"]  # fmt: skip
    if token.pos_ == "VERB":
        out.append(f"vd={_type(lex.verbs.get(lemma))}" if lemma in lex.verbs else "vd=?")
    else:
        out.append(f"nd={_type(lex.nouns.get(lemma))}" if lemma in lex.nouns else "nd=?")
    for child in token.children:
        dep, word = child.dep_, child.lemma_.lower()
        if dep in ("dobj", "nsubjpass"):
            out.append(f"o={word}")
            if (lemma, word) in lex.verb_object:
                out.append(f"vo={lex.verb_object[(lemma, word)].type}")
            if word in lex.nouns:
                out.append(f"on={_type(lex.nouns[word])}")
        elif dep in ("prep", "prt", "agent"):
            out.append(f"pp={word}")
            out.append(f"lp={lemma}_{word}")
        elif dep == "neg":
            out.append("neg")
        elif dep == "aux":
            out.append(f"aux={word}")
        elif dep in ("xcomp", "ccomp"):
            out.append(f"c={dep}")
    if head.dep_ == "ROOT" and token.dep_ in ("dobj", "xcomp"):
        out.append(f"root_{token.dep_}")
    out.append(f"rule={rule.spec.type}" if rule is not None else "rule=none")

    return out


def candidates(sent: Span) -> list[Token]:
    """The tokens the model scores: verbs and common nouns."""
    return [t for t in sent if t.pos_ in CANDIDATE_POS]


@dataclass(slots=True)
class TriggerModel:
    """A multinomial logistic regression over :func:`features`, with its abstain thresholds."""

    classes: list[str]
    index: dict[str, int]
    coef: Any  # numpy array (features x classes)
    intercept: Any
    thresholds: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TriggerModel:
        return cls(
            classes=data["classes"],
            index={f: i for i, f in enumerate(data["features"])},
            coef=np.asarray(data["coef"], dtype=np.float32),
            intercept=np.asarray(data["intercept"], dtype=np.float32),
            thresholds=data.get("thresholds", {}),
        )

    def proba(self, feats: list[list[str]]) -> Any:
        """Class probabilities, one row per feature list."""
        scores = np.tile(self.intercept, (len(feats), 1))
        for row, names in enumerate(feats):
            cols = [self.index[f] for f in names if f in self.index]
            if cols:
                scores[row] += self.coef[cols].sum(axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def revise(self, sent: Span, found: list[Trigger], lex: Lexicon) -> list[Trigger]:
        """The rules' triggers of a sentence, dropped, retyped or completed (see the module)."""
        # with rule triggers, only they are scored (the cheap path); else every candidate
        tokens = [t.token for t in found if t.token.pos_ in CANDIDATE_POS] or candidates(sent)
        if not tokens:
            return found
        by_token = {t.token.i: t for t in found}
        probs = self.proba([features(t, lex, by_token.get(t.i)) for t in tokens])
        row_of = {t.i: r for r, t in enumerate(tokens)}
        none = self.classes.index(NONE)
        dropped = self._drops(found, row_of, probs[:, none])
        kept = []
        for n, trigger in enumerate(found):
            row = row_of.get(trigger.token.i)
            if row is None or _own_rules(trigger):
                kept.append(trigger)
                continue
            p = probs[row]
            if n in dropped:
                continue
            best = _best(p, none)
            label = self.classes[best]
            if _retype(trigger, label, lex) and p[best] >= self.thresholds.get("retype", NEVER):
                trigger = Trigger(trigger.token, Spec(label, None, None), trigger.extra,
                                  trigger.nominal)  # fmt: skip
            kept.append(trigger)
        open_rows = [r for r, t in enumerate(tokens) if not _ruled_out(t, lex)]
        if not found and open_rows:
            row = max(open_rows, key=lambda r: probs[r][_best(probs[r], none)])
            best = _best(probs[row], none)
            if probs[row][best] >= self.thresholds.get("add", NEVER):
                token = tokens[row]
                spec = Spec(self.classes[best], None, None)
                kept.append(Trigger(token, spec, nominal=token.pos_ == "NOUN"))
        return kept

    def _drops(self, found: list[Trigger], row_of: dict[int, int], p_none: Any) -> set[int]:
        """The positions in ``found`` of the rule triggers to drop: those the model is sure name
        no event, as long as the sentence keeps another trigger (if every trigger would go, the
        one with the lowest ``P(NONE)`` stays)."""
        threshold = self.thresholds.get("drop", NEVER)
        droppable = [
            n
            for n, t in enumerate(found)
            if t.token.i in row_of and not _own_rules(t) and p_none[row_of[t.token.i]] >= threshold
        ]
        if droppable and len(droppable) == len(found):
            droppable.remove(min(droppable, key=lambda n: p_none[row_of[found[n].token.i]]))
        return set(droppable)


def _own_rules(trigger: Trigger) -> bool:
    """Triggers the model leaves alone: meetings (rules of their own) and a reported
    obligation ("said that Y *must* ..."), which sits on the reporting verb the model has
    learned to drop as noise, though the pattern is the clause's modal, not the verb."""
    return trigger.spec.type == "CONSULT" or trigger.spec is MUST


def _ruled_out(token: Token, lex: Lexicon) -> bool:
    """Whether the rules say the token names no event: a stoplisted verb or noun, or a light
    verb with an abstract object ("give them this opportunity")."""
    lemma = token.lemma_.lower()
    table = lex.verbs if token.pos_ == "VERB" else lex.nouns
    if lemma in table and table[lemma] is None:
        return True
    return any((lemma, c.lemma_.lower()) in lex.blocked for c in token.children if c.dep_ == "dobj")


def _retype(trigger: Trigger, new: str, lex: Lexicon) -> bool:
    """Whether the model may recode a rule trigger as ``new``: only to another sense the
    dictionary gives the same word (a verb's default or any of its object/preposition
    patterns), never to a type dyad codes as a status of the old one."""
    old = trigger.spec.type
    if new == old or old in BY_STATUS.get(new, ()):
        return False
    return new in lex.senses(trigger.token.lemma_.lower())


def _best(p: Any, none: int) -> int:
    """The most likely class that is not NONE."""
    masked = p.copy()
    masked[none] = -1.0
    return int(masked.argmax())


@functools.cache
def trigger_model(path: Path = MODEL_PATH) -> TriggerModel | None:
    """The shipped model, or None when the data file is absent."""
    if not path.exists():
        return None
    return TriggerModel.from_dict(json.loads(_body(path.read_text(encoding="utf-8"))))


def _body(text: str) -> str:
    """The JSON of a model file, after its ``#`` header lines."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))
