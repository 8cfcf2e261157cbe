"""Fuzzing with hypothesis: generated inputs through readers, cleaning, time and the pipeline.

Each target is a property that must hold for every input, checked on ``--examples`` generated
inputs in all (shared out by :data:`SHARES`; the spaCy stages, slow, get a small share, five
texts a batch):

* readers: any bytes (random, or a real text, HTML, JSON Lines, WARC or gzip input cut and
  mutated), under any file name, give only :class:`RawDocument` and :class:`ReadError`,
  never an exception;
* cleaning: any text or HTML gives a body and metadata, or :class:`InputError`; any supplied
  ``published`` value gives an ISO date or ``None`` (and a warning);
* time: :func:`find_timexes` on news-like text gives spans inside the text whose text is
  the span's text;
* pipeline: every entity mention, quote (and its content), time expression and event
  sentence of every article lies inside the text and matches it.

A property that fails or an exception is a crash; the script counts them (it does not stop at
the first) and keeps a few examples. Writes ``docs/figures/fuzz.json``.

    .venv/bin/python benchmarks/fuzz.py [--examples 100000] [--seed 14]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from dyad.clean import clean, merge_metadata
from dyad.errors import InputError
from dyad.model import Article, Metadata, RawDocument, ReadError
from dyad.readers.files import read_stream

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "figures" / "fuzz.json"
#: Share of the examples each target gets.
SHARES = {"readers": 0.5, "clean": 0.15, "published": 0.15, "time": 0.195, "pipeline": 0.005}
PIPELINE_BATCH = 5

WORDS = [
    "Obama",
    "Putin",
    "Merkel",
    "Xi",
    "the",
    "Kremlin",
    "White",
    "House",
    "President",
    "Minister",
    "said",
    "told",
    "met",
    "visited",
    "criticised",
    "accused",
    "agreed",
    "signed",
    "talks",
    "summit",
    "in",
    "on",
    "at",
    "of",
    "and",
    "but",
    "not",
    "will",
    "would",
    "Monday",
    "Tuesday",
    "Friday",
    "yesterday",
    "today",
    "tomorrow",
    "last",
    "next",
    "week",
    "month",
    "year",
    "January",
    "June",
    "December",
    "2012",
    "2015",
    "18",
    "1st",
    "the",
    "3rd",
    "quarter",
    "ago",
    "later",
    "earlier",
    "since",
    "until",
    "Moscow",
    "Washington",
    "Berlin",
    "London",
    "Beijing",
    "Syria",
    "Russia",
    "China",
    "according",
    "to",
    "officials",
    "spokesman",
    '"We',
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "-",
    "—",
    "(",
    ")",
    "\n",
    "\n\n",
    "<p>",
    "</p>",
    "<div>",
    "<b>",
    "&",
    "&amp;",
    "http://x.y/z",
    "@",
    "#",
    "10:30",
    "a.m.",
    "p.m.",
    "Mr.",
    "Dr.",
    "U.S.",
]
SAMPLE_INPUTS: list[tuple[str, bytes]] = [
    ("a.txt", b"Headline\n\nBy A Writer\n\nObama met Putin on Monday, the Kremlin said.\n"),
    ("b.html", b"<html><head><title>T</title><meta name='date' content='2012-06-19'></head>"
               b"<body><article><p>Putin said \"yes\" on Tuesday.</p></article></body></html>"),
    ("c.jsonl", b'{"text": "Merkel met Xi.", "published": "2015-03-01", "authors": ["A"]}\n'
                b'{"html": "<p>Second</p>", "title": "Two"}\n'),
]  # fmt: skip


def _warc_sample() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for i in range(2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(
            f"<html><body><p>Report {i}: Obama met Putin.</p></body></html>".encode()
        )
        writer.write_record(writer.create_warc_record(f"http://x/{i}", "response", payload=payload,
                                                      http_headers=headers))  # fmt: skip
    return out.getvalue()


SAMPLE_INPUTS.append(("d.warc.gz", _warc_sample()))
SAMPLE_INPUTS.append(("e.txt.gz", gzip.compress(SAMPLE_INPUTS[0][1])))

# -- strategies ------------------------------------------------------------------------------
news_text = st.lists(st.sampled_from(WORDS) | st.text(max_size=4), max_size=60).map(" ".join)
any_text = news_text | st.text(max_size=300)
names = st.sampled_from(["x.txt", "x.html", "x.jsonl", "x.warc", "x.warc.gz", "x.gz", "x", "x.md"])


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real input cut, with bytes flipped, inserted or deleted."""
    name, data = draw(st.sampled_from(SAMPLE_INPUTS))
    data = bytearray(data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data)
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "insert", "delete"]))
        if op == "flip":
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=8))
        else:
            del data[at : at + draw(st.integers(1, 16))]
    return name, bytes(data)


reader_inputs = (
    st.tuples(names, st.binary(max_size=600))
    | mutated()
    | st.tuples(names, any_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
)
raw_documents = st.builds(
    RawDocument, source=st.just("fuzz"), kind=st.sampled_from(["text", "html"]), content=any_text
)
published_values = (
    st.text(max_size=30) | st.integers() | st.floats() | st.dates().map(str) | st.none()
    | st.lists(st.integers(), max_size=2) | st.sampled_from(["2012-06-19", "19 June 2012",
                                                            "Tue, 19 Jun 2012 10:00:00 GMT"])
)  # fmt: skip


# -- properties ------------------------------------------------------------------------------
def check_reader(item: tuple[str, bytes]) -> None:
    name, data = item
    for found in read_stream(io.BytesIO(data), "fuzz", name=name):
        assert isinstance(found, RawDocument | ReadError), type(found)
        if isinstance(found, ReadError):
            assert found.reason and "\n" not in found.reason
        else:
            found.content.encode("utf-8")  # storable: no lone surrogates


def check_clean(raw: RawDocument) -> None:
    try:
        body, meta = clean(raw)
    except InputError:
        return
    assert body.strip() and isinstance(meta, Metadata)


def check_published(value: object) -> None:
    meta = merge_metadata(Metadata(), {"published": value})
    assert meta.published is None or len(meta.published) == 10
    if meta.published is None and value not in (None, ""):
        assert meta.warnings


def check_time(text: str) -> None:
    from dyad.time import find_timexes

    for t in find_timexes(text, "2012-06-19"):
        start, end = t.span
        assert 0 <= start < end <= len(text) and text[start:end] == t.text, t


def check_article(article: Article) -> None:
    n = len(article.text)

    def inside(span: tuple[int, int] | list[int], what: str) -> None:
        start, end = span
        assert 0 <= start <= end <= n, (what, span, n)

    for e in article.entities:
        for m in e.mentions:
            inside(m, "mention")
    for q in article.quotes:
        inside(q.span, "quote")
        assert article.text[q.span[0] : q.span[1]] == q.text, q
        if q.content is not None:
            inside(q.content, "quote content")
    for t in article.timexes:
        inside(t.span, "timex")
        assert article.text[t.span[0] : t.span[1]] == t.text, t
    for ev in article.events:
        inside(ev.sentence, "event sentence")


def check_pipeline(texts: list[str]) -> None:
    from dyad.pipeline import Pipeline

    raws = [RawDocument(f"fuzz{i}", "text", t) for i, t in enumerate(texts)]
    pipeline = _PIPELINE.setdefault("p", Pipeline())
    items = list(pipeline.run(raws))
    assert len(items) == len(raws)
    for item in items:
        if isinstance(item, ReadError):
            assert "analysis failed" not in item.reason, item.reason
        else:
            check_article(item)


_PIPELINE: dict[str, Any] = {}
TARGETS: dict[str, tuple[Any, Callable[[Any], None]]] = {
    "readers": (reader_inputs, check_reader),
    "clean": (raw_documents, check_clean),
    "published": (published_values, check_published),
    "time": (news_text, check_time),
    "pipeline": (
        st.lists(news_text, min_size=PIPELINE_BATCH, max_size=PIPELINE_BATCH),
        check_pipeline,
    ),
}


def fuzz(target: str, examples: int, rng_seed: int) -> dict[str, Any]:
    """Run ``examples`` generated inputs through ``target``; count crashes, keep a few."""
    strategy, check = TARGETS[target]
    tally: dict[str, Any] = {"inputs": 0, "crashes": 0, "examples": []}

    @seed(rng_seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(strategy)
    def run(value: Any) -> None:
        tally["inputs"] += len(value) if target == "pipeline" else 1
        try:
            check(value)
        except Exception:
            tally["crashes"] += 1
            if len(tally["examples"]) < 5:
                error = traceback.format_exc(limit=3)[-600:]
                tally["examples"].append({"input": repr(value)[:300], "error": error})

    start = time.perf_counter()
    run()
    tally["seconds"] = round(time.perf_counter() - start, 1)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    results = {}
    for target, share in SHARES.items():
        n = max(1, int(args.examples * share))
        if target == "pipeline":
            n = max(1, n // PIPELINE_BATCH)  # examples are batches of up to five texts
        results[target] = fuzz(target, n, args.seed)
        print(target, {k: v for k, v in results[target].items() if k != "examples"}, flush=True)
    total = {"inputs": sum(r["inputs"] for r in results.values()),
             "crashes": sum(r["crashes"] for r in results.values())}  # fmt: skip
    out = {"seed": args.seed, "total": total, "targets": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(total))


if __name__ == "__main__":
    main()
