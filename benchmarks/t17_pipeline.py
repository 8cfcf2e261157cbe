"""Run dyad's whole pipeline over the Timeline17 topics once: one store per topic.

The T17 articles (news-tls ``articles.jsonl``: ``id``, ``time``, ``text`` as Penn-Treebank
tokens, one sentence a line) are turned back into running text
(:func:`dyad.clean.tokens.detokenise`). Those published within a gold timeline's first..last
day (the standard protocol's input) are written to ``benchmarks/out/t17_in/<topic>.jsonl``
and ingested with ``dyad ingest --workers 1`` (``--jobs`` topics at once) into
``benchmarks/out/t17_store/<topic>.duckdb``.
The benchmark (``timeline_t17.py``) and the training script read those stores with the same
code ``dyad timeline`` uses on a user's store
(:func:`dyad.stories.collection.store_sentences`). A topic whose store is complete (a
``.done`` stamp naming the SHA-256 of the very input it was made from) is skipped, so a second
run is instant; a copy of the data with new file times does not redo 40 minutes of work, and
changed articles do. The stamp knows the input, not dyad's code: after a change to the
pipeline, ``--rebuild`` remakes the named topics (all of them when none is named).

Usage: nice -n 10 python benchmarks/t17_pipeline.py [--data DIR] [--jobs N] [--rebuild]
       [TOPIC ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dyad.clean.tokens import detokenise

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "t17"
OUT = Path(__file__).resolve().parent / "out"
INPUT = OUT / "t17_in"
STORES = OUT / "t17_store"


def store_path(topic: str) -> Path:
    return STORES / f"{topic}.duckdb"


def windows(folder: Path) -> list[tuple[str, str]]:
    """The first and last day of each gold timeline of the topic."""
    lines = (folder / "timelines.jsonl").read_text(encoding="utf-8").splitlines()
    spans = [[str(d)[:10] for d, _ in json.loads(line)] for line in lines]
    return [(min(days), max(days)) for days in spans if days]


def convert(folder: Path) -> tuple[Path, str]:
    """The topic's articles that the standard protocol reads (published within a gold
    timeline's first..last day) as dyad JSON Lines input, and the SHA-256 of its bytes.
    Written only when they differ from the file already there, and then whole (a temporary
    file renamed over it), so a run that is ingesting the file never reads it half-written."""
    INPUT.mkdir(parents=True, exist_ok=True)
    out = INPUT / f"{folder.name}.jsonl"
    spans = windows(folder)
    lines = []
    for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if not any(a <= record["time"][:10] <= b for a, b in spans):
            continue
        text = "\n".join(detokenise(p) for p in record["text"].split("\n") if p.strip())
        lines.append(json.dumps({"text": text, "published": record["time"][:10],
                                 "outlet": folder.name,
                                 "url": f"t17:{folder.name}/{record['id']}"}) + "\n")  # fmt: skip
    data = "".join(lines).encode("utf-8")
    if not out.exists() or out.read_bytes() != data:
        partial = out.with_name(out.name + ".part")
        partial.write_bytes(data)
        os.replace(partial, out)
    return out, hashlib.sha256(data).hexdigest()


def is_done(stamp: Path, digest: str) -> bool:
    """Whether ``stamp`` says its store was made from the input of this ``digest``."""
    return stamp.exists() and digest in stamp.read_text(encoding="utf-8").split()


def run_topic(folder: Path, rebuild: bool = False) -> None:
    """The topic's store, made unless it is complete (for this very input) and not to be
    rebuilt."""
    stamp = store_path(folder.name).with_suffix(".done")
    source, digest = convert(folder)
    if is_done(stamp, digest) and not rebuild:
        return
    stamp.unlink(missing_ok=True)
    STORES.mkdir(parents=True, exist_ok=True)
    db = store_path(folder.name)
    for old in (db, db.with_suffix(".duckdb.wal")):
        old.unlink(missing_ok=True)
    t0 = time.perf_counter()
    dyad = Path(sys.executable).parent / "dyad"
    cmd = [str(dyad), "ingest", str(source), "--db", str(db), "--workers", "1"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    stamp.write_text(f"{digest} {time.perf_counter() - t0:.0f} s\n", encoding="utf-8")
    print(f"{folder.name}: {time.perf_counter() - t0:.0f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--jobs", type=int, default=1, help="topics ingested at once")
    parser.add_argument(
        "--rebuild", action="store_true", help="remake the stores even when complete"
    )
    parser.add_argument("topics", nargs="*")
    args = parser.parse_args()
    if not args.data.is_dir():
        parser.error(f"--data: no folder {args.data}")
    folders = [
        f
        for f in args.data.iterdir()
        if (f / "articles.jsonl").exists() and (not args.topics or f.name in args.topics)
    ]
    unknown = sorted(set(args.topics) - {f.name for f in folders})
    if unknown:  # a misspelt topic would otherwise be skipped without a word
        parser.error(f"no topic {', '.join(unknown)} with an articles.jsonl in {args.data}")
    folders.sort(key=lambda f: -(f / "articles.jsonl").stat().st_size)  # largest first
    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(lambda folder: run_topic(folder, args.rebuild), folders))


if __name__ == "__main__":
    main()
