"""Quote extraction and attribution on PolNeAR (political news attribution relations).

Runs the pipeline as shipped — :class:`~dyad.actors.EntityStage` (entities with their
coreferent mentions), then :class:`~dyad.quotes.QuoteStage`, which links speakers through
``article.entities`` — on the raw text of each PolNeAR document (no cleaning, so offsets stay
aligned with the BRAT standoff annotations; one annotator per document, the first
alphabetically). ``article.meta.published`` is the document's ``publication_date`` from
PolNeAR's ``metadata.tsv`` (next to the split folder) when that file is present, else
``None`` (role nominals such as "the Florida senator" are resolved on that date). Reports:

- direct-quote recall: gold Content spans whose text starts or ends with a double quotation
  mark (straight or curly); found when one dyad quote covers ≥ 0.5 of its word tokens. A
  dyad quote's words are the union of its ``span`` (the quoted words) and its added
  ``content`` field (the full reported content the quote belongs to: for a partial quote the
  clause or predicate around it, ``dismissed the whole kerfuffle as "absurd."``; for direct
  and indirect quotes the span itself). Reported both ways: ``direct_recall`` (span ∪
  content) and ``direct_recall_span_only``; and, as a third view, found when dyad's direct
  and partial quote spans together cover ≥ 0.5 of the words inside its quotation marks.
  ``content_words_in_gold`` checks that a widened content is not padding: the share of its
  words, over quotes whose content is wider than the span and whose span hits gold, that
  lie in some gold Content;
- speaker accuracy on the found ones whose gold Source is a name (not a pronoun, has a
  capitalised word), two ways. ``speaker_accuracy_tokens`` (the old measure): right when
  dyad's speaker name and the source share a word (case and accents ignored, function words
  dropped). ``speaker_accuracy``: right as above, or when the gold Source span overlaps a
  mention (in ``article.entities``) of the entity whose id equals dyad's ``speaker.id`` —
  a gold role nominal or partial name ("the Florida senator", "The minority leader") that
  the entity stage links to the person dyad names ("Marco Rubio") counts as right. Without
  entities (``--no-entities``) the two are equal. Both over the span ∪ content matches, and
  over the span-only matches (``speaker_accuracy_span_only``,
  ``speaker_accuracy_tokens_span_only``);
- precision: the share of dyad quotes (all kinds) that overlap some gold Content span by at
  least one character (and, stricter, by ≥ 0.5 of the quote's own word tokens);
- throughput: documents/s for the spaCy parse alone and for parse + entities + quotes (and
  each stage alone), same run.

    .venv/bin/python benchmarks/quotes_polnear.py [--data ../shared/data/polnear/dev]
        [--out docs/figures/quotes_polnear.json] [--errors N] [--limit N] [--no-entities]

``--no-entities`` runs the quote stage alone (the speakers are then named from the parse
only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from dyad.model import Article, Metadata, Quote
from dyad.nlp import load_nlp
from dyad.quotes import QuoteStage

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "dev"
DEFAULT_OUT = ROOT / "docs" / "figures" / "quotes_polnear.json"
QUOTE_MARKS = '"“”„«»'
PRONOUNS = {
    "he",
    "she",
    "they",
    "it",
    "i",
    "we",
    "you",
    "him",
    "her",
    "them",
    "us",
    "me",
    "his",
    "its",
    "their",
    "who",
    "one",
    "this",
    "that",
}
STOP = {"the", "a", "an", "of", "and", "to", "in", "for", "on", "at", "by", "s"}
WORD = re.compile(r"\w+")

Spans = list[tuple[int, int]]


@dataclass
class Attribution:
    content: Spans
    content_text: str
    source_text: str | None
    source: Spans = field(default_factory=list)


@dataclass
class GoldDoc:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)
    published: str | None = None


def read_ann(path: Path) -> list[Attribution]:
    """BRAT standoff: ``T`` spans (Source, Cue, Content) tied together by ``E`` lines."""
    spans: dict[str, tuple[Spans, str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            _, offsets = parts[1].split(" ", 1)
            pairs = [tuple(int(x) for x in chunk.split()) for chunk in offsets.split(";")]
            spans[parts[0]] = ([(p[0], p[1]) for p in pairs], parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for event in events:
        if "Content" not in event or event["Content"] not in spans:
            continue
        content, text = spans[event["Content"]]
        source_spans, source = spans.get(event.get("Source", ""), ([], None))
        out.append(Attribution(content, text, source, source_spans))
    return out


def read_dates(path: Path) -> dict[str, str]:
    """``filename`` -> ISO ``publication_date`` from PolNeAR's ``metadata.tsv`` (valid dates
    only); empty when the file is missing."""
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        return {}
    header = lines[0].split("\t")
    if "filename" not in header or "publication_date" not in header:
        return {}
    name_col, date_col = header.index("filename"), header.index("publication_date")
    out: dict[str, str] = {}
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) <= max(name_col, date_col):
            continue
        try:
            out[cols[name_col]] = date.fromisoformat(cols[date_col][:10]).isoformat()
        except ValueError:
            continue
    return out


def load(folder: Path) -> list[GoldDoc]:
    dates = read_dates(folder.parent / "metadata.tsv")
    docs = []
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(GoldDoc(txt.stem, text, read_ann(anns[0]), dates.get(txt.stem)))
    return docs


def words(text: str, spans: Spans) -> set[tuple[int, int]]:
    return {(s + m.start(), s + m.end()) for s, e in spans for m in WORD.finditer(text[s:e])}


def is_direct(attr: Attribution) -> bool:
    stripped = attr.content_text.strip()
    return bool(stripped) and (stripped[0] in QUOTE_MARKS or stripped[-1] in QUOTE_MARKS)


def named_source(source: str | None) -> bool:
    if not source or source.strip().lower() in PRONOUNS:
        return False
    return any(w[:1].isupper() for w in source.split())


def fold(text: str) -> set[str]:
    """Lowercase words without accents ("Calderón" = "Calderon"), minus function words."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return {w.lower() for w in WORD.findall(plain)} - STOP


def same_speaker(name: str, source: str) -> bool:
    return bool(fold(name) & fold(source))


def quoted_part(text: str, spans: Spans) -> Spans:
    """The part of each gold content segment between its first and last quotation mark."""
    out = []
    for s, e in spans:
        marks = [i for i in range(s, e) if text[i] in QUOTE_MARKS]
        if len(marks) >= 2:
            out.append((marks[0] + 1, marks[-1]))
        elif marks and marks[0] - s < e - marks[0]:
            out.append((marks[0] + 1, e))
        elif marks:
            out.append((s, marks[0]))
    return out


def quote_words(text: str, quote: Quote, *, content: bool) -> set[tuple[int, int]]:
    """The word tokens of a dyad quote: its span, or the union of span and ``content``."""
    spans = [quote.span]
    extra = getattr(quote, "content", None)
    if content and extra is not None:
        spans.append(tuple(extra))
    return words(text, spans)


def best_match(
    gold: set[tuple[int, int]], quotes: list[Quote], text: str, *, content: bool
) -> Quote | None:
    """The dyad quote covering most of ``gold``'s words, if it covers at least half."""
    best, best_cov = None, 0.0
    for quote in quotes:
        cov = len(gold & quote_words(text, quote, content=content)) / len(gold) if gold else 0.0
        if cov > best_cov:
            best, best_cov = quote, cov
    return best if best_cov >= 0.5 else None


def entity_stage() -> Callable[[Article, Doc], None] | None:
    """``dyad.actors.EntityStage`` when it can be imported."""
    try:
        from dyad.actors import EntityStage
    except Exception:  # any failure means: run without entities
        return None
    stage: Callable[[Article, Doc], None] = EntityStage()
    return stage


def run_stages(
    docs: list[GoldDoc], parsed: list[Doc], *, entities: bool = True
) -> tuple[list[Article], float, float]:
    """The shipped stages over the parsed documents: the entity stage (when asked and
    available), then quotes; the seconds each took."""
    stage = QuoteStage()
    articles = [
        Article(id=d.name, source=d.name, text=d.text, meta=Metadata(published=d.published))
        for d in docs
    ]
    linker = entity_stage() if entities else None
    t0 = time.perf_counter()
    if linker is not None:
        for article, doc in zip(articles, parsed, strict=True):
            linker(article, doc)
    t_entities = time.perf_counter() - t0
    t0 = time.perf_counter()
    for article, doc in zip(articles, parsed, strict=True):
        stage(article, doc)
    return articles, t_entities, time.perf_counter() - t0


def entity_mentions(article: Article, actor_id: str | None) -> Spans:
    """The mentions of the entities in ``article.entities`` whose id is ``actor_id``."""
    if actor_id is None:
        return []
    return [(s, e) for ent in article.entities if ent.id == actor_id for s, e in ent.mentions]


def overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _speaker_check(
    c: dict[str, int],
    key: str,
    attr: Attribution,
    best: Quote,
    article: Article,
    errors: list[str],
) -> None:
    """Score ``best``'s speaker against a named gold Source: by a shared word (the old,
    token-only measure), or — also right — by the gold Source span overlapping a mention of
    the entity whose id is dyad's speaker id."""
    if not named_source(attr.source_text):
        return
    assert attr.source_text is not None
    c[f"speaker_scored{key}"] += 1
    said = best.speaker.name if best.speaker else ""
    by_tokens = same_speaker(said, attr.source_text)
    by_mention = best.speaker is not None and overlaps(
        attr.source, entity_mentions(article, best.speaker.id)
    )
    c[f"speaker_right_tokens{key}"] += by_tokens
    if by_tokens or by_mention:
        c[f"speaker_right{key}"] += 1
    elif not key:
        errors.append(
            f"SPKR {article.id}: gold {attr.source_text!r} dyad {said!r}"
            f" cue {best.cue!r} | {best.text[:70]!r}"
        )


def _recall(c: dict[str, int], gold: GoldDoc, article: Article, errors: list[str]) -> None:
    text = gold.text
    marked = [q for q in article.quotes if q.kind != "indirect"]
    union = words(text, [q.span for q in marked])
    for attr in gold.attributions:
        if not is_direct(attr):
            continue
        c["direct_gold"] += 1
        qw = words(text, quoted_part(text, attr.content))
        c["quoted_words_found"] += bool(qw) and len(qw & union) * 2 >= len(qw)
        gw = words(text, attr.content)
        by_span = best_match(gw, article.quotes, text, content=False)
        if by_span is not None:
            c["direct_found_span"] += 1
            _speaker_check(c, "_span", attr, by_span, article, errors)
        best = best_match(gw, article.quotes, text, content=True)
        if best is None:
            errors.append(f"MISS {gold.name}: {attr.content_text[:100]!r}")
            continue
        c["direct_found"] += 1
        _speaker_check(c, "", attr, best, article, errors)


def _precision(
    c: dict[str, int],
    kinds: dict[str, list[int]],
    gold: GoldDoc,
    article: Article,
    errors: list[str],
) -> None:
    text = gold.text
    contents = [sp for a in gold.attributions for sp in a.content]
    covered = words(text, contents)
    for quote in article.quotes:
        qs, qe = quote.span
        hit = any(s < qe and qs < e for s, e in contents)
        qw = words(text, [quote.span])
        c["quotes"] += 1
        c["quotes_hit"] += hit
        c["quotes_hit_tokens"] += bool(qw) and len(qw & covered) / len(qw) >= 0.5
        cw = quote_words(text, quote, content=True)
        if hit and cw != qw:  # how much of a widened content is gold content
            c["content_words"] += len(cw)
            c["content_words_in_gold"] += len(cw & covered)
        kinds.setdefault(quote.kind, [0, 0])
        kinds[quote.kind][0] += 1
        kinds[quote.kind][1] += hit
        if not hit:
            errors.append(f"FP   {gold.name}: {quote.kind} {quote.cue!r} {quote.text[:90]!r}")


COUNTS = [
    "direct_gold",
    "direct_found",
    "direct_found_span",
    "quoted_words_found",
    "speaker_scored",
    "speaker_right",
    "speaker_right_tokens",
    "speaker_scored_span",
    "speaker_right_span",
    "speaker_right_tokens_span",
    "quotes",
    "quotes_hit",
    "quotes_hit_tokens",
    "content_words",
    "content_words_in_gold",
]


def score(docs: list[GoldDoc], articles: list[Article], n_errors: int) -> dict[str, Any]:
    """The figures for dyad's quotes in ``articles`` against the gold ``docs``."""
    c: dict[str, int] = dict.fromkeys(COUNTS, 0)
    kinds: dict[str, list[int]] = {}
    errors: list[str] = []
    for gold, article in zip(docs, articles, strict=True):
        _recall(c, gold, article, errors)
        _precision(c, kinds, gold, article, errors)
    for line in errors[:n_errors]:
        print(line, file=sys.stderr)
    ratio = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    return {
        "documents": len(docs),
        "counts": c,
        "direct_recall": ratio(c["direct_found"], c["direct_gold"]),
        "direct_recall_span_only": ratio(c["direct_found_span"], c["direct_gold"]),
        "direct_recall_quoted_words": ratio(c["quoted_words_found"], c["direct_gold"]),
        "speaker_accuracy": ratio(c["speaker_right"], c["speaker_scored"]),
        "speaker_accuracy_tokens": ratio(c["speaker_right_tokens"], c["speaker_scored"]),
        "speaker_accuracy_span_only": ratio(c["speaker_right_span"], c["speaker_scored_span"]),
        "speaker_accuracy_tokens_span_only": ratio(
            c["speaker_right_tokens_span"], c["speaker_scored_span"]
        ),
        "precision_char_overlap": ratio(c["quotes_hit"], c["quotes"]),
        "precision_token_overlap_0.5": ratio(c["quotes_hit_tokens"], c["quotes"]),
        "content_words_in_gold": ratio(c["content_words_in_gold"], c["content_words"]),
        "precision_by_kind": {
            k: {"quotes": v[0], "precision": ratio(v[1], v[0])} for k, v in sorted(kinds.items())
        },
    }


def evaluate(docs: list[GoldDoc], n_errors: int, *, entities: bool = True) -> dict[str, Any]:
    nlp = load_nlp()
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(d.text for d in docs))
    t_parse = time.perf_counter() - t0
    articles, t_entities, t_quotes = run_stages(docs, parsed, entities=entities)
    n = len(docs)
    per_s = lambda t: round(n / t, 1) if t else None  # noqa: E731
    ran_entities = entities and entity_stage() is not None
    return {
        **score(docs, articles, n_errors),
        "entities": ran_entities,
        "dated_documents": sum(d.published is not None for d in docs),
        "docs_per_s_parse": per_s(t_parse),
        "docs_per_s_parse_entities_quotes": per_s(t_parse + t_entities + t_quotes),
        "docs_per_s_entities_alone": per_s(t_entities) if ran_entities else None,
        "docs_per_s_quotes_alone": per_s(t_quotes),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--errors", type=int, default=0, help="print N errors to stderr")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument(
        "--no-entities",
        dest="entities",
        action="store_false",
        help="run the quote stage alone, without dyad.actors.EntityStage first",
    )
    args = parser.parse_args()
    if not (args.data / "text").is_dir() or not (args.data / "attributions").is_dir():
        print(
            f"PolNeAR data not found at {args.data} (need text/ and attributions/)", file=sys.stderr
        )
        return 2
    docs = load(args.data)
    if args.limit:
        docs = docs[: args.limit]
    result = {"data": str(args.data), **evaluate(docs, args.errors, entities=args.entities)}
    rows = [(k, v) for k, v in result.items() if not isinstance(v, dict)]
    rows += [(f"count {k}", v) for k, v in result["counts"].items()]
    rows += [
        (f"precision {k}", f"{v['precision']} of {v['quotes']}")
        for k, v in result["precision_by_kind"].items()
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
