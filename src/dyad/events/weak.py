"""Weakly labelled training sentences for the trigger model, from news that is not gold data.

The trigger model (:mod:`dyad.events.learned`) sees only a few hundred gold sentences. This
module labels many more real news sentences (BBC politics and business, the Timeline17 war
and crisis topics, PolNeAR's election news: never the PLOVER gold records) with the
high-precision part of the CAMEO dictionary alone (no curated rows):

* **positive**: a dictionary verb whose subject names an actor (a proper name, a nationality
  or a known agent noun) and which either matches a *specific* pattern, verb + object or verb
  + preposition + object ("impose a *curfew*", "agree *to* a *ceasefire*"), or has an actor
  as its object ("Russia *accused* Ukraine"), and which is not background,
  the content of a speech act or the theme of another event; a derived event noun used as an
  event ("staged a *protest*", "Israel's *invasion* of Lebanon") with an actor of its own;
* **NONE**: in a sentence with a positive, every other verb and noun the dictionary does not
  know or that the stoplist rules out ("said", "the city", "hold" with no event object).

Other tokens the rules code are left unlabelled (too noisy either way). The examples are
features with the dictionary's own cues removed (``rule=``, ``vd=``, ``vo=``, ``nd=``,
``on=``): they teach the lemma and context features, which is what generalises to the
sentences the rules do not cover.

    python -m dyad.events.weak [--out benchmarks/out/weak_docs.spacy] [--limit 12000]

parses and caches the corpus (``nice`` it: a few minutes on a shared core).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin, Token

from dyad.clean.tokens import detokenise
from dyad.events.learned import candidates, features
from dyad.events.lexicon import Lexicon
from dyad.events.triggers import Trigger, absorb, background, find_triggers

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"
CACHE = Path(__file__).resolve().parents[3] / "benchmarks" / "out" / "weak_docs.spacy"
T17_TOPICS = ("IraqWar_guardian", "LibyaWar_cnn", "LibyaWar_reuters", "SyrianCrisis_bbc",
              "SyrianCrisis_reuters", "haiti_bbc")  # fmt: skip
BBC_FOLDERS = ("politics", "business")
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
LIMIT = 12000
DICTIONARY_CUES = ("rule=", "vd=", "vo=", "nd=", "on=")


def corpus_texts(shared: Path = SHARED) -> Iterator[str]:
    """Paragraph-sized texts of the corpora, interleaved so any prefix mixes them."""
    sources: list[list[str]] = []
    for topic in T17_TOPICS:
        path = shared / "t17" / topic / "articles.jsonl"
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            sources.append([detokenise(json.loads(x)["text"]) for x in lines if x.strip()])
    for folder in BBC_FOLDERS:
        files = sorted((shared / "bbc" / folder).glob("*.txt"))
        sources.append([p.read_text(encoding="utf-8", errors="replace") for p in files])
    files = sorted((shared / "polnear" / "train" / "text").glob("*.txt"))
    sources.append([p.read_text(encoding="utf-8", errors="replace") for p in files])
    at = 0
    while any(at < len(s) for s in sources):
        for s in sources:
            if at < len(s):
                yield from (p.strip() for p in s[at].split("\n") if len(p.split()) >= 6)
        at += 1


def parse_corpus(limit: int, out: Path = CACHE, shared: Path = SHARED) -> list[Doc]:
    """The first ``limit`` paragraphs parsed (cached in ``out``; a cache of fewer than
    ``limit`` paragraphs is parsed again)."""
    from dyad.nlp import load_nlp

    nlp = load_nlp()
    if out.exists():
        cached = DocBin().from_bytes(out.read_bytes())
        if len(cached) >= limit:
            return list(cached.get_docs(nlp.vocab))[:limit]
    texts = []
    for text in corpus_texts(shared):
        texts.append(text[:2000])
        if len(texts) >= limit:
            break
    docs = list(nlp.pipe(texts, batch_size=64))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(DocBin(store_user_data=False, docs=docs).to_bytes())
    return docs


def _actor(token: Token, lex: Lexicon) -> bool:
    """Whether a subject names an actor: a name, a nationality or a known agent noun."""
    head = token
    if token.ent_type_ in ACTOR_ENTS or token.pos_ == "PROPN":
        return True
    if head.lemma_.lower() in lex.agents:
        return True
    return any(c.ent_type_ in ACTOR_ENTS for c in head.children if c.dep_ in ("compound", "amod"))


def _specific(token: Token, lex: Lexicon) -> bool:
    """Whether a verb matches a dictionary pattern naming its object (not only its default)."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "dobj" and (lemma, child.lemma_.lower()) in lex.verb_object:
            return True
        if child.dep_ in ("prep", "agent"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if (lemma, f"{child.lower_}:{pobj.lemma_.lower()}") in lex.verb_object:
                    return True
    return False


def _positive(trigger: Trigger, lex: Lexicon) -> bool:
    token = trigger.token
    if trigger.nominal:
        owners = [c for c in token.children if c.dep_ in ("poss", "compound")]
        if token.head.pos_ == "VERB":
            owners += [c for c in token.head.children if c.dep_ == "nsubj"]
        return token.lemma_.lower() in lex.derived and any(_actor(o, lex) for o in owners)
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not any(_actor(s, lex) for s in subjects):
        return False
    return _specific(token, lex) or any(_actor(o, lex) for o in _objects(token))


def _objects(verb: Token) -> list[Token]:
    """The direct object and the prepositional objects of a verb."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def _unknown(token: Token, lex: Lexicon) -> bool:
    """Whether the dictionary has nothing for the token (or rules it out): a NONE example."""
    table = lex.verbs if token.pos_ == "VERB" else lex.nouns
    lemma = token.lemma_.lower()
    return lemma not in table or table[lemma] is None


def weak_examples(
    docs: list[Doc], lex: Lexicon, none_per_positive: int = 3
) -> tuple[list[list[str]], list[str]]:
    """Features (dictionary cues removed) and weak labels of the corpus sentences."""
    feats: list[list[str]] = []
    labels: list[str] = []
    for doc in docs:
        for sent in doc.sents:
            found = absorb(find_triggers(sent, lex))
            nouns = frozenset(t.token.i for t in found if t.nominal)
            good = [t for t in found if _positive(t, lex) and not background(t, nouns)]
            if not good:
                continue
            rules = {t.token.i: t for t in found}
            for t in good:
                feats.append(_strip(features(t.token, lex, t)))
                labels.append(t.spec.type)
            others = [c for c in candidates(sent) if c.i not in rules and _unknown(c, lex)]
            for c in others[: none_per_positive * len(good)]:
                feats.append(_strip(features(c, lex, None)))
                labels.append("NONE")
    return feats, labels


def training_set(limit: int = LIMIT, cache: Path = CACHE) -> tuple[list[list[str]], list[str]]:
    """The weak examples of the first ``limit`` corpus paragraphs, labelled with the
    dictionary alone (curated rows off); ([], []) when the corpora are absent."""
    from dyad.events.lexicon import lexicon

    if not cache.exists() and not (SHARED / "bbc").exists():
        return [], []
    return weak_examples(parse_corpus(limit, cache), lexicon(off=frozenset({"curated"})))


def _strip(names: list[str]) -> list[str]:
    return [f for f in names if not f.startswith(DICTIONARY_CUES)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=CACHE)
    parser.add_argument("--limit", type=int, default=LIMIT, help="paragraphs to parse")
    args = parser.parse_args(argv)
    docs = parse_corpus(args.limit, args.out)
    print(f"{len(docs)} paragraphs, {sum(len(d) for d in docs)} tokens cached in {args.out}")


if __name__ == "__main__":
    main()
