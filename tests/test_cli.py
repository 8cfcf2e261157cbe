"""The real command line in a subprocess: extract, ingest, articles, errors and exit codes."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import SAMPLES, jsonl, run_dyad

CONTRACT_KEYS = {
    "id", "source", "title", "authors", "published", "url", "outlet", "text",
    "entities", "quotes", "timexes", "events",
}  # fmt: skip
SAMPLE = SAMPLES / "000_94e6e827dd53408d.txt"


def test_extract_one_sample_follows_the_contract() -> None:
    proc = run_dyad("extract", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    (article,) = jsonl(proc.stdout)
    assert article.keys() >= CONTRACT_KEYS
    assert article["title"] == "Putin, Obama Meet Ahead of G20"
    assert article["published"] == "2012-06-19"
    assert article["source"] == str(SAMPLE)
    assert len(article["id"]) == 64
    for key in ("entities", "quotes", "timexes", "events"):
        assert isinstance(article[key], list)


def test_extract_folder_in_order_and_stdin() -> None:
    proc = run_dyad("extract", str(SAMPLES))
    articles = jsonl(proc.stdout)
    assert [Path(a["source"]).name for a in articles] == sorted(
        p.name for p in SAMPLES.glob("*.txt")
    )
    piped = run_dyad("extract", "-", input=SAMPLE.read_bytes())
    (from_stdin,) = jsonl(piped.stdout)
    assert from_stdin["id"] == articles[0]["id"]
    assert jsonl(run_dyad("extract", input=SAMPLE.read_bytes()).stdout)[0]["id"] == from_stdin["id"]


def test_extract_bad_input_gives_error_lines_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    page = "<html><body>" + " ".join(f"word{i}" for i in range(3000)) + "</body></html>"
    packed = gzip.compress(page.encode())
    (tmp_path / "cut.html.gz").write_bytes(packed[: len(packed) // 2])
    shutil.copy(SAMPLE, tmp_path / "zz_good.txt")
    proc = run_dyad("extract", str(tmp_path))
    assert proc.returncode == 0
    lines = jsonl(proc.stdout)
    errors = [line for line in lines if "error" in line]
    assert {Path(e["source"]).name for e in errors} == {"empty.txt", "image.png", "cut.html.gz"}
    assert [line["title"] for line in lines if "error" not in line] == [
        "Putin, Obama Meet Ahead of G20"
    ]
    stderr = proc.stderr.decode()
    assert stderr.count("error:") == 3 and "empty.txt" in stderr


def test_extract_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    assert run_dyad("extract", str(tmp_path / "empty.txt")).returncode == 1
    missing = run_dyad("extract", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1
    assert jsonl(missing.stdout)[0]["error"]
    assert run_dyad("extract", "--no-such-option").returncode == 2


def test_ingest_is_idempotent_and_lists(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    first = run_dyad("ingest", str(SAMPLES), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "5 added, 0 already stored, 0 failed" in first.stderr.decode()
    second = run_dyad("ingest", str(SAMPLES), "--db", db)
    assert "0 added, 5 already stored" in second.stderr.decode()
    rows = json.loads(run_dyad("articles", "--db", db, "--format", "json").stdout)
    assert len(rows) == 5
    assert rows[0]["published"] == "2016-09-02"  # newest first
    # The RFE/RL report has no date line: its date is inferred from the meeting it reports.
    (rfe,) = [r for r in rows if r["outlet"] == "RFE/RL"]
    assert (rfe["published"], rfe["published_inferred"]) == ("2012-06-18", True)
    assert not any(r["published_inferred"] for r in rows if r is not rfe)
    table = run_dyad("articles", "--db", db).stdout.decode()
    assert "Putin, Obama Meet Ahead of G20" in table
    parsed = list(
        csv.DictReader(
            io.StringIO(run_dyad("articles", "--db", db, "--format", "csv").stdout.decode())
        )
    )
    assert len(parsed) == 5 and parsed[0]["outlet"] == "The Moscow Times"
    hits = json.loads(
        run_dyad("articles", "--db", db, "--format", "json", "--contains", "Hangzhou").stdout
    )
    assert [h["published"] for h in hits] == ["2016-09-02"]


def test_same_text_from_two_files_is_stored_once(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    db = str(tmp_path / "s.duckdb")
    proc = run_dyad("ingest", str(SAMPLE), str(copy), "--db", db)
    assert "1 added, 1 already stored" in proc.stderr.decode()


def test_failed_run_loses_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    run_dyad("ingest", str(SAMPLE), "--db", db)
    before = run_dyad("articles", "--db", db, "--format", "json").stdout
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "latin.txt").write_bytes(
        "Café society\n\nLe café est très bon à Paris.".encode("latin-1")
    )
    (bad / "binary.dat").write_bytes(bytes(range(256)) * 8)
    proc = run_dyad("ingest", str(bad), "--db", db)
    assert proc.returncode == 0
    assert "binary.dat" in proc.stderr.decode()
    after = json.loads(run_dyad("articles", "--db", db, "--format", "json").stdout)
    assert [r for r in after if r["title"] != "Café society"] == json.loads(before)
    assert any(r["title"] == "Café society" for r in after)
    nothing = run_dyad("ingest", str(bad / "binary.dat"), "--db", db)
    assert nothing.returncode == 1


def test_store_errors_are_one_clear_line(tmp_path: Path) -> None:
    proc = run_dyad("articles", "--db", str(tmp_path / "missing.duckdb"))
    assert proc.returncode == 1
    assert proc.stderr.decode().strip().startswith("dyad: error:")
    assert "Traceback" not in proc.stderr.decode()
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database" * 200)
    proc = run_dyad("ingest", str(SAMPLE), "--db", str(junk))
    assert proc.returncode == 1 and "cannot open store" in proc.stderr.decode()
    assert junk.read_text().startswith("not a database")


def test_help_has_examples() -> None:
    for command in ("extract", "ingest", "articles"):
        out = run_dyad(command, "--help").stdout.decode()
        assert "Examples:" in out and f"dyad {command}" in out


def _warc(pages: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, html in pages.items():
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(html.encode())
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=payload, http_headers=http)
        )
    return buf.getvalue()


def _html(title: str) -> str:
    body = " ".join(f"<p>{title} paragraph {i} says the ministers met again.</p>" for i in range(6))
    head = f"<head><title>{title}</title></head>"
    return f"<html>{head}<body><article><h1>{title}</h1>{body}</article></body></html>"


def test_every_reader_and_bad_input_through_the_cli(tmp_path: Path) -> None:
    """One run over a folder holding each input kind and each kind of bad input."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_text.txt").write_text("Text headline\n\nThe body of a plain article.\n")
    (d / "b_page.html").write_text(_html("Html page"))
    (d / "c_page.html.gz").write_bytes(gzip.compress(_html("Gzipped page").encode()))
    lines = [{"text": "Line one body.", "title": "Jsonl one", "published": "2012-06-19T08:00:00Z"},
             "not json", {"html": _html("Jsonl html")}]  # fmt: skip
    (d / "d_feed.jsonl").write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines)
    )
    (d / "e_crawl.warc.gz").write_bytes(
        _warc({"http://ex.com/1": _html("Warc one"), "http://ex.com/2": _html("Warc two")})
    )
    (d / "f_utf16.txt").write_bytes(
        "UTF-16 headline\n\nKöln and Moskva — a body.\n".encode("utf-16")
    )
    (d / "g_latin1.txt").write_bytes("Latin headline\n\nLe café de la gare.\n".encode("latin-1"))
    (d / "h_html_as.txt").write_text("<!DOCTYPE html>" + _html("Sniffed page"))
    cut = _warc({"http://ex.com/3": _html("Cut warc")})
    (d / "x_cut.warc.gz").write_bytes(cut[: len(cut) - 40])
    (d / "y_image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (d / "z_empty.txt").write_bytes(b"")
    proc = run_dyad("extract", str(d))
    assert proc.returncode == 0, proc.stderr
    out = jsonl(proc.stdout)
    titles = [a.get("title") for a in out if "error" not in a]
    assert titles == [
        "Text headline", "Html page", "Gzipped page", "Jsonl one", "Jsonl html",
        "Warc one", "Warc two", "UTF-16 headline", "Latin headline", "Sniffed page",
    ]  # fmt: skip
    texts = {a["title"]: a for a in out if "error" not in a}
    assert "Köln and Moskva" in texts["UTF-16 headline"]["text"]
    assert "café" in texts["Latin headline"]["text"]
    assert texts["Jsonl one"]["published"] == "2012-06-19"
    assert texts["Warc two"]["url"] == "http://ex.com/2"
    errors = {Path(e["source"].split("#")[0]).name: e["error"] for e in out if "error" in e}
    assert set(errors) == {"d_feed.jsonl", "x_cut.warc.gz", "y_image.png", "z_empty.txt"}
    assert "invalid JSON" in errors["d_feed.jsonl"]
    assert "WARC" in errors["x_cut.warc.gz"] or "gzip" in errors["x_cut.warc.gz"]
    assert errors["y_image.png"] == "binary file, not text"
    assert errors["z_empty.txt"] == "empty file"


def test_an_article_too_long_to_analyse_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a_good.txt")
    (folder / "b_huge.txt").write_text("Headline\n\n" + "Putin met Obama in Moscow. " * 40_000)
    db = str(tmp_path / "s.duckdb")
    proc = run_dyad("ingest", str(folder), "--db", db)
    assert proc.returncode == 0
    assert "1 added, 0 already stored, 1 failed" in proc.stderr.decode()
    assert "b_huge.txt: article too long to analyse: 1,0" in proc.stderr.decode()
    assert "characters (limit 1,000,000)" in proc.stderr.decode()
