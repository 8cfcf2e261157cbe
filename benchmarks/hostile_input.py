"""A generated hostile corpus through ``dyad extract`` and ``dyad ingest``: one clear line each.

Writes into a temporary folder: empty, blank and binary files, truncated gzip and WARC, bad
UTF-8, Latin-1, UTF-16 with and without a BOM, NUL bytes, a 50 MB text file, a 1.5-million-
character one-line article, 10,000 nested divs, 10,000 quotation marks, unbalanced quotes,
right-to-left and emoji text, hostile JSON Lines, a named pipe nobody writes to, a symbolic
link loop, a dangling link and odd file names (a newline, spaces, a byte that is not UTF-8,
a leading dash) next to ordinary articles. Runs ``extract`` and ``ingest`` over the folder
(each under a time limit: running over it is a hang) and checks, per input: a file expected
to hold an article gives one (stored, or a JSON line), a bad one exactly one error line that
names it and gives a reason, and nothing else goes wrong (no traceback, no error line for an
unknown source). Also reports the peak resident memory of ``extract`` on the 50 MB file
against a one-article run. Writes ``docs/figures/hostile_input.json``.

    .venv/bin/python benchmarks/hostile_input.py [--small] [--timeout 900]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from dyad.cli import one_line
from dyad.readers.files import source_name
from reliability_common import FIGURES, dyad, machine

OUT = FIGURES / "hostile_input.json"
ARTICLE = (
    "Chancellor Angela Merkel met President Barack Obama in Berlin on Monday, officials "
    "said.\n\nThe two leaders discussed trade and security. \u201cWe agreed to meet again,\u201d "
    "Merkel told reporters after the talks.\n"
)
#: What an input should give: an article, an error line, some of each (a cut container), or
#: either (both are a clear outcome: e.g. NUL bytes are read as binary or as text).
STORED, ERROR, PARTIAL, EITHER = "stored", "error", "partial", "either"


@dataclass
class Case:
    name: str  # the file name, as bytes may not be UTF-8
    expect: str
    what: str

    def path(self, folder: Path) -> str:
        return os.path.join(os.fsdecode(bytes(folder)), self.name)

    @property
    def label(self) -> str:
        """The file name as a one-line, storable string."""
        return one_line(source_name(self.name))

    def shown(self, folder: Path) -> str:
        """How the file is named on standard error."""
        return one_line(source_name(self.path(folder)))


def article(n: int) -> str:
    return ARTICLE.replace("Monday", ["Monday", "Tuesday", "Friday", "Sunday"][n % 4]) + (
        f"Report {n}.\n"
    )


def warc(records: int, *, gz: bool = False) -> bytes:
    """A WARC of ``records`` HTML responses (gzipped per record, as crawlers write them)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for i in range(records):
        body = f"<p>{article(40 + i)}</p>"
        html = f"<html><head><title>Page {i}</title></head><body>{body}</body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")  # fmt: skip
        record = writer.create_warc_record(f"http://example.com/{i}", "response",
                                           payload=io.BytesIO(html.encode()),
                                           http_headers=headers)  # fmt: skip
        writer.write_record(record)
    return out.getvalue()


def files(small: bool) -> list[tuple[Case, bytes]]:
    """Every hostile input but the special files, with its content."""
    text = article(0).encode()
    varied = "".join(article(n) for n in range(300)).encode()
    rtl = "\u0627\u0644\u0631\u0626\u064a\u0633 \u05e9\u05dc\u05d5\u05dd \u202e\u202d "
    cases: list[tuple[Case, bytes]] = [
        (Case("good-1.txt", STORED, "ordinary article"), text),
        (Case("good-2.html", STORED, "ordinary page"),
         f"<html><body><article><p>{article(1)}</p></article></body></html>".encode()),
        (Case("empty.txt", ERROR, "empty file"), b""),
        (Case("blank.txt", ERROR, "only whitespace"), b" \n\t\n  \n"),
        (Case("binary.bin", ERROR, "random bytes"), os.urandom(4096)),
        (Case("elf.txt", ERROR, "binary named .txt"), b"\x7fELF\x02\x01\x01" + bytes(2000)),
        (Case("truncated.txt.gz", ERROR, "gzip cut in half"),
         gzip.compress(varied)[: len(gzip.compress(varied)) // 2]),
        (Case("not-gzip.txt.gz", EITHER, "named .gz, not gzip"), article(2).encode()),
        (Case("truncated.warc.gz", PARTIAL, "WARC gzipped per record, cut in the 3rd"),
         warc(3, gz=True)[: len(warc(3, gz=True)) * 5 // 6]),
        (Case("truncated.warc", PARTIAL, "WARC cut in the 2nd record"),
         warc(3)[: len(warc(1)) + 200]),
        (Case("bad-utf8.txt", STORED, "UTF-8 with invalid bytes"),
         article(3).encode().replace(b"officials", b"offi\xff\xfecials")),
        (Case("latin1.txt", STORED, "Latin-1"),
         (article(4) + "Caf\u00e9 na\u00efve se\u00f1or.").encode("latin-1", "replace")),
        (Case("utf16-bom.txt", STORED, "UTF-16 with BOM"), article(5).encode("utf-16")),
        (Case("utf16-nobom.txt", STORED, "UTF-16 LE without BOM"), article(6).encode("utf-16-le")),
        (Case("nul-bytes.txt", EITHER, "NUL bytes in text"),
         article(7).encode().replace(b" ", b"\0 ", 5)),
        (Case("quotes-10000.txt", STORED, "10,000 quotation marks"),
         (article(8) + 'He said ' + '"' * 10_000 + " and left.\n").encode()),
        (Case("unbalanced-quotes.txt", STORED, "unbalanced quotes"),
         (article(9) + '"We will never\n\nMerkel said \u201cno \u2018 and "left.\n' * 5).encode()),
        (Case("rtl-emoji.txt", STORED, "RTL, bidi controls and emoji"),
         (article(10) + rtl * 20 + "\U0001f600\U0001f1fa\U0001f1f8\u200d\U0001f468" * 50).encode()),
        (Case("nested-divs.html", EITHER, "10,000 nested divs"),
         ("<html><body>" + "<div>" * 10_000 + f"<p>{article(11)}</p>" + "</div>" * 10_000
          + "</body></html>").encode()),
        (Case("hostile.jsonl", PARTIAL, "JSON Lines: bad published, bad JSON, surrogates"),
         "\n".join([json.dumps({"text": article(12), "published": "next Tuesday-ish"}),
                    "{not json", "[1, 2]", '{"text": "Merkel met Obama \\ud800 in Berlin."}',
                    json.dumps({"text": 42}), json.dumps({"html": ""})]).encode()),
        (Case("new\nline.txt", STORED, "newline in the name"), article(13).encode()),
        (Case("with spaces.txt", STORED, "spaces in the name"), article(14).encode()),
        (Case(os.fsdecode(b"bad\xffname.txt"), STORED, "non-UTF-8 byte in the name"),
         article(15).encode()),
        (Case("-leading-dash.txt", STORED, "leading dash in the name"), article(16).encode()),
    ]  # fmt: skip
    if not small:
        line = "Merkel met Obama in Berlin and said \u201cwe agree\u201d on Monday. "
        cases += [
            (Case("one-line-1.5M.txt", ERROR, "1.5M-character one-line article"),
             (line * (1_500_000 // len(line) + 1)).encode()),
            (Case("big-50MB.txt", ERROR, "50 MB text file"), _big_text(50_000_000)),
        ]  # fmt: skip
    return cases


def _big_text(size: int) -> bytes:
    para = (article(20) * 40 + "\n").encode()
    return para * (size // len(para) + 1)


def special(folder: Path) -> list[Case]:
    """A named pipe nobody writes to, a link loop and a dangling link, made in ``folder``."""
    os.mkfifo(folder / "pipe.txt")
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("missing.txt", folder / "dangling.txt")
    return [
        Case("pipe.txt", ERROR, "named pipe with no writer"),
        Case("loop-a.txt", ERROR, "symbolic link loop"),
        Case("loop-b.txt", ERROR, "symbolic link loop"),
        Case("dangling.txt", ERROR, "dangling symbolic link"),
    ]


def make_corpus(folder: Path, *, small: bool) -> list[Case]:
    cases = []
    for case, content in files(small):
        Path(case.path(folder)).write_bytes(content)
        cases.append(case)
    return cases + special(folder)


ERROR_LINE = re.compile(r"^dyad: error: (?P<source>.+?): (?P<reason>.+)$")


def error_lines(stderr: str, cases: list[Case], folder: Path) -> tuple[dict[str, int], list[str]]:
    """Error lines per case, and the lines that name no case (or are not error lines)."""
    counts = {c.label: 0 for c in cases}
    stray = []
    by_shown = {c.shown(folder): c.label for c in cases}
    for line in stderr.splitlines():
        match = ERROR_LINE.match(line)
        if match is None:
            if not line.startswith("dyad: ") or "Traceback" in line:
                stray.append(line)
            continue
        shown = match.group("source").split("#")[0]
        name = by_shown.get(shown) or by_shown.get(match.group("source"))
        if name is None or not match.group("reason").strip():
            stray.append(line)
        else:
            counts[name] += 1
    return counts, stray


def verdicts(cases: list[Case], folder: Path, produced: set[str], errors: dict[str, int],
             ) -> dict[str, dict[str, Any]]:  # fmt: skip
    """Per case: what came out and whether that is a clear outcome."""
    found = {}
    for case in cases:
        shown = source_name(case.path(folder))
        got = any(s == shown or s.startswith(shown + "#") for s in produced)
        n = errors[case.label]
        ok = {
            STORED: got and n == 0,
            ERROR: not got and n == 1,
            PARTIAL: got and n >= 1,
            EITHER: (got and n == 0) or (not got and n == 1),
        }[case.expect]
        found[case.label] = {"what": case.what, "expect": case.expect, "article": got,
                            "error_lines": n, "handled": ok}  # fmt: skip
    return found


def run_extract(folder: Path, cases: list[Case], timeout: float) -> dict[str, Any]:
    start = time.monotonic()
    try:
        done = subprocess.run(dyad("extract", str(folder)), capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"hang": True, "seconds": timeout}
    stdout = done.stdout.decode("utf-8", "surrogateescape")
    produced = {d["source"] for d in map(json.loads, stdout.splitlines()) if "error" not in d}
    errors, stray = error_lines(done.stderr.decode("utf-8", "replace"), cases, folder)
    return {"hang": False, "seconds": round(time.monotonic() - start, 1),
            "exit_code": done.returncode, "stray_lines": stray,
            "cases": verdicts(cases, folder, produced, errors)}  # fmt: skip


def run_ingest(folder: Path, cases: list[Case], db: Path, timeout: float) -> dict[str, Any]:
    start = time.monotonic()
    try:
        done = subprocess.run(dyad("ingest", str(folder), "--db", str(db)), capture_output=True,
                              timeout=timeout)  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"hang": True, "seconds": timeout}
    with duckdb.connect(str(db), read_only=True) as con:
        produced = {r[0] for r in con.execute("SELECT source FROM article_sources").fetchall()}
    errors, stray = error_lines(done.stderr.decode("utf-8", "replace"), cases, folder)
    return {"hang": False, "seconds": round(time.monotonic() - start, 1),
            "exit_code": done.returncode, "stray_lines": stray,
            "cases": verdicts(cases, folder, produced, errors)}  # fmt: skip


def peak_rss_mb(path: str) -> tuple[float, float]:
    """Peak resident memory (MB) and seconds of ``dyad extract`` on one file."""
    start = time.monotonic()
    proc = subprocess.Popen(dyad("extract", "--", path), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return round(usage.ru_maxrss / 1024, 1), round(time.monotonic() - start, 1)


def summary(result: dict[str, Any]) -> dict[str, Any]:
    cases = result.get("cases", {})
    return {
        "tried": len(cases),
        "handled": sum(c["handled"] for c in cases.values()),
        "not_handled": sorted(n for n, c in cases.items() if not c["handled"]),
        "hangs": int(result["hang"]),
        "unexpected_lines": len(result.get("stray_lines", [])),
        "seconds": result["seconds"],
    }


def run(small: bool, timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        cases = make_corpus(folder, small=small)
        extract = run_extract(folder, cases, timeout)
        ingest = run_ingest(folder, cases, Path(tmp) / "s.duckdb", timeout)
        result: dict[str, Any] = {
            "extract": {**summary(extract), **extract},
            "ingest": {**summary(ingest), **ingest},
        }
        if not small:
            big_rss, big_s = peak_rss_mb(str(folder / "big-50MB.txt"))
            one_rss, one_s = peak_rss_mb(str(folder / "good-1.txt"))
            result["memory"] = {"extract_50MB_peak_rss_mb": big_rss, "seconds_50MB": big_s,
                                "extract_one_article_peak_rss_mb": one_rss,
                                "seconds_one_article": one_s}  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="Leave out the huge inputs.")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    result = {"machine": machine(), **run(args.small, args.timeout)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    short = {k: {x: result[k][x] for x in ("tried", "handled", "not_handled", "hangs",
                                            "unexpected_lines", "seconds")}
             for k in ("extract", "ingest")}  # fmt: skip
    print(json.dumps({**short, "memory": result.get("memory")}, indent=1))
    sys.exit(0)


if __name__ == "__main__":
    main()
