"""Convert the Phoenix actor and agent dictionaries into dyad's shipped actor data.

Reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt`` and ``Phoenix.agents.txt`` (Open Event Data Alliance, MIT
licence) and writes, under ``src/dyad/data/actors/``: ``phoenix.tsv.gz`` (one actor per line,
the compact table of ``dyad.actors.table``, documented in ``docs/actor-kb.md``), ``agents.tsv``
(agent noun → CAMEO role code) and ``LICENSE.phoenix`` (the licence, kept with the data).
Output is deterministic, so running it twice gives identical files. Prints a summary: actors,
aliases, roles, dates read, dates repaired and dropped.

    .venv/bin/python tools/convert_phoenix.py [--src DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from dyad.actors.phoenix import CENTURY, DROPPED, OK, REPAIRED, read_agents, read_entries
from dyad.actors.phoenix_records import assign_ids, entry_record, learn_first_names
from dyad.actors.table import write_table

ROOT = Path(__file__).resolve().parent.parent
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
HEADER = (
    "# dyad actor records converted by tools/convert_phoenix.py from the Phoenix actor\n"
    "# dictionaries (Phoenix.Countries/International/MilNonState.actors.txt), Copyright (c)\n"
    "# 2014 Open Event Data Alliance, MIT licence: see LICENSE.phoenix in this folder.\n"
    "# Format: tab-separated columns (below), documented in docs/actor-kb.md and in\n"
    "# src/dyad/actors/table.py; aliases joined by '|', roles by ';' as CODE [START|- [END]].\n"
)


def convert(src: Path, stats: Counter[str]) -> list[dict[str, Any]]:
    """All Phoenix actor entries of ``src`` as dyad records, ids assigned."""
    entries = [e for name in ACTOR_FILES for e in read_entries(src / name, stats)]
    stats["entries"] = len(entries)
    first_names = learn_first_names(entries)
    records = []
    for entry in entries:
        rec = entry_record(entry, first_names)
        if rec is None:
            stats["place entries left out"] += 1
        else:
            records.append(rec)
    return assign_ids(records, stats)


def write_agents(agents: dict[str, str], path: Path) -> None:
    lines = [
        "# Agent nouns and the CAMEO role code they imply, from Phoenix.agents.txt",
        "# (Copyright (c) 2014 Open Event Data Alliance, MIT licence: LICENSE.phoenix).",
        "# Columns: term (lower case) TAB code (role chunks, e.g. GOV, GOVMIL, IGO).",
    ]
    lines += [f"{term}\t{code}" for term, code in sorted(agents.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def summary(records: list[dict[str, Any]], agents: int, stats: Counter[str]) -> str:
    kinds = Counter(r["type"] for r in records)
    dates = stats[OK] + stats[CENTURY] + stats[REPAIRED]
    return "\n".join(
        [
            f"entries read            {stats['entries']:>7}",
            f"  code-less, dropped    {stats['no codes']:>7}",
            f"  place-only, left out  {stats['place entries left out']:>7}",
            f"  merged (same actor)   {stats['merged']:>7}",
            f"  ids disambiguated     {stats['disambiguated']:>7}",
            f"actors                  {len(records):>7}  "
            + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())),
            f"aliases                 {sum(len(r['aliases']) for r in records):>7}",
            f"roles                   {sum(len(r['roles']) for r in records):>7}",
            f"dates read              {dates:>7}",
            f"  YYMMDD, century added {stats[CENTURY]:>7}",
            f"  malformed, repaired   {stats[REPAIRED]:>7}",
            f"  malformed, dropped    {stats[DROPPED]:>7}",
            f"  start/end swapped     {stats['inverted']:>7}",
            f"agent terms             {agents:>7}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=ROOT.parent / "shared/data/phoenix")
    parser.add_argument("--out", type=Path, default=ROOT / "src/dyad/data/actors")
    args = parser.parse_args(argv)
    if not (args.src / ACTOR_FILES[0]).is_file():
        print(f"no Phoenix dictionaries in {args.src}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    stats: Counter[str] = Counter()
    records = convert(args.src, stats)
    write_table(records, args.out / "phoenix.tsv.gz", HEADER)
    agents = read_agents(args.src / "Phoenix.agents.txt")
    write_agents(agents, args.out / "agents.tsv")
    shutil.copyfile(args.src / "LICENSE.MIT", args.out / "LICENSE.phoenix")
    print(summary(records, len(agents), stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
