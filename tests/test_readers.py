"""Tests of dyad.readers on real files built in tmp_path: formats, encodings, bad input."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import threading
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyad.model import RawDocument, ReadError
from dyad.readers import read_paths
from dyad.readers.files import read_file

REPO = Path(__file__).resolve().parent.parent
ARTICLE = "Presidents met in Mexico on Monday.\nThey talked for two hours.\n"
PAGE = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

Item = RawDocument | ReadError


def read(*paths: str | Path, stdin: bytes | None = None) -> list[Item]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_paths([str(p) for p in paths], stdin=stream))


def only_doc(items: Sequence[Item]) -> RawDocument:
    assert len(items) == 1, items
    assert isinstance(items[0], RawDocument), items[0]
    return items[0]


def only_error(items: Sequence[Item]) -> ReadError:
    assert len(items) == 1, items
    assert isinstance(items[0], ReadError), items[0]
    return items[0]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def jsonl(*records: object) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


WarcSpec = tuple[str, str, str | None, bytes]  # (uri, status line, content type, body)


def make_warc(specs: Iterable[WarcSpec], *, compress: bool = False) -> bytes:
    """A WARC with a warcinfo record, then a request and a response per spec."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "test"}))
    for uri, status, ctype, body in specs:
        get = io.BytesIO(b"GET / HTTP/1.1\r\nHost: ex.com\r\n\r\n")
        writer.write_record(writer.create_warc_record(uri, "request", payload=get))
        headers = [("Content-Type", ctype)] if ctype else []
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http
        )
        writer.write_record(record)
    return buf.getvalue()


def page(n: int) -> bytes:
    return f"<html><body><p>Article {n} {'x' * 500}</p></body></html>".encode()


ARTICLES: list[WarcSpec] = [
    ("http://ex.com/1", "200 OK", "text/html; charset=utf-8", page(1)),
    ("http://ex.com/2", "200 OK", "application/xhtml+xml", page(2)),
    ("http://ex.com/3", "200 OK", "text/html", page(3)),
]


# --- kinds by extension -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.text"])
def test_text_by_extension_with_newlines_normalised(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, ARTICLE.replace("\n", "\r\n").encode())
    doc = only_doc(read(path))
    assert (doc.source, doc.kind, doc.content, doc.meta) == (str(path), "text", ARTICLE, {})


def test_lone_carriage_returns_become_newlines(tmp_path: Path) -> None:
    doc = only_doc(read(write(tmp_path / "a.txt", b"one\rtwo\r")))
    assert doc.content == "one\ntwo\n"


@pytest.mark.parametrize("name", ["a.html", "a.htm", "A.HTML"])
def test_html_by_extension(tmp_path: Path, name: str) -> None:
    doc = only_doc(read(write(tmp_path / name, b"<p>Just a fragment.</p>")))
    assert (doc.kind, doc.content) == ("html", "<p>Just a fragment.</p>")


def test_html_gz_by_extension(tmp_path: Path) -> None:
    doc = only_doc(read(write(tmp_path / "a.html.gz", gzip.compress(b"<p>Fragment</p>"))))
    assert (doc.kind, doc.content) == ("html", "<p>Fragment</p>")


def test_jsonl_by_extension_with_metadata(tmp_path: Path) -> None:
    data = jsonl(
        {
            "text": "Body one.",
            "title": "One",
            "url": "http://ex.com/1",
            "published": "2012-06-19",
            "authors": ["Ann Lee", "Bo Chen"],
            "outlet": "Moscow Times",
            "extra": "ignored",
        },
        {"html": "<p>Body two.</p>", "date": "2012-06-20", "authors": "Cy Dee"},
        {"text": "Body three.", "time": "2012-06-21T10:00:00Z"},
    )
    path = write(tmp_path / "a.jsonl", data)
    one, two, three = read(path)
    assert one == RawDocument(
        f"{path}#L1",
        "text",
        "Body one.",
        {
            "title": "One",
            "url": "http://ex.com/1",
            "published": "2012-06-19",
            "authors": ["Ann Lee", "Bo Chen"],
            "outlet": "Moscow Times",
        },
    )
    assert two == RawDocument(
        f"{path}#L2", "html", "<p>Body two.</p>", {"published": "2012-06-20", "authors": ["Cy Dee"]}
    )
    assert three == RawDocument(
        f"{path}#L3", "text", "Body three.", {"published": "2012-06-21T10:00:00Z"}
    )


@pytest.mark.parametrize("name", ["a.ndjson", "a.jsonl.gz"])
def test_other_jsonl_extensions(tmp_path: Path, name: str) -> None:
    data = jsonl({"text": "Body."})
    path = write(tmp_path / name, gzip.compress(data) if name.endswith(".gz") else data)
    doc = only_doc(read(path))
    assert (doc.source, doc.kind, doc.content) == (f"{path}#L1", "text", "Body.")


def test_jsonl_text_wins_over_html_and_newlines_normalised(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl({"text": "a\r\nb", "html": "<p>a b</p>"}))
    doc = only_doc(read(path))
    assert (doc.kind, doc.content) == ("text", "a\nb")


@pytest.mark.parametrize("compress", [False, True])
def test_warc_by_extension(tmp_path: Path, compress: bool) -> None:
    name = "crawl.warc.gz" if compress else "crawl.warc"
    path = write(tmp_path / name, make_warc(ARTICLES, compress=compress))
    docs = read(path)
    assert [d.kind for d in docs if isinstance(d, RawDocument)] == ["html"] * 3
    assert [d.content for d in docs if isinstance(d, RawDocument)] == [
        page(n).decode() for n in (1, 2, 3)
    ]
    for n, doc in enumerate(docs, 1):
        assert isinstance(doc, RawDocument)
        assert doc.source.startswith(f"{path}#urn:uuid:")
        assert doc.meta["url"] == f"http://ex.com/{n}"
        assert doc.meta["crawled"].startswith("20")
        assert "published" not in doc.meta
    assert len({d.source for d in docs}) == 3


def test_warc_skips_non_html_records(tmp_path: Path) -> None:
    specs: list[WarcSpec] = [
        ("http://ex.com/img", "200 OK", "image/png", PNG),
        ("http://ex.com/1", "200 OK", "text/html", page(1)),
        ("http://ex.com/gone", "404 Not Found", "text/html", page(9)),
        ("http://ex.com/moved", "301 Moved Permanently", "text/html", b""),
        ("http://ex.com/plain", "200 OK", "text/plain", b"plain words"),
        ("http://ex.com/css", "200 OK", "text/css", b"body { color: red }"),
        ("http://ex.com/bare", "200 OK", None, page(2)),
        ("http://ex.com/bare-img", "200 OK", None, PNG),
        ("http://ex.com/bare-text", "200 OK", None, b"no markup here"),
    ]
    docs = read(write(tmp_path / "a.warc", make_warc(specs)))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.meta["url"] for d in docs if isinstance(d, RawDocument)] == [
        "http://ex.com/1",
        "http://ex.com/bare",
    ]


def test_warc_payload_charset_from_http_header(tmp_path: Path) -> None:
    body = "<html><body><p>Café crème</p></body></html>".encode("latin-1")
    spec: WarcSpec = ("http://ex.com/fr", "200 OK", "text/html; charset=ISO-8859-1", body)
    doc = only_doc(read(write(tmp_path / "a.warc", make_warc([spec]))))
    assert "Café crème" in doc.content


# --- kinds by content -------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        PAGE,
        "\ufeff  \n<!doctype html>\n<html lang=en><body>Hi</body></html>",
        "<html>\n<body>Hi</body></html>",
        '<?xml version="1.0"?>\n<!-- saved -->\n<html xmlns="x"><body>Hi</body></html>',
        '<meta charset="utf-8">\n<title>T</title>\n<body>Hi</body>',
        "<head><title>T</title></head>Hi",
    ],
)
def test_html_by_content(tmp_path: Path, content: str) -> None:
    for name in ("page.txt", "page.dat", "page"):
        doc = only_doc(read(write(tmp_path / name, content.encode())))
        assert doc.kind == "html", (name, content)


def test_text_mentioning_tags_stays_text(tmp_path: Path) -> None:
    content = b"The <body> tag and the <head> tag were discussed.\n<b>bold</b> aside."
    assert only_doc(read(write(tmp_path / "notes.md", content))).kind == "text"


def test_jsonl_by_content(tmp_path: Path) -> None:
    path = write(tmp_path / "dump.dat", b"\n" + jsonl({"html": PAGE}, {"text": "Two."}))
    docs = read(path)
    assert [(d.source, getattr(d, "kind", None)) for d in docs] == [
        (f"{path}#L2", "html"),
        (f"{path}#L3", "text"),
    ]


def test_json_without_body_key_is_text(tmp_path: Path) -> None:
    doc = only_doc(read(write(tmp_path / "a.dat", b'{"name": "not an article"}\n')))
    assert doc.kind == "text"


def test_gzip_by_content_whatever_the_name(tmp_path: Path) -> None:
    text = write(tmp_path / "article.bin", gzip.compress(ARTICLE.encode()))
    html = write(tmp_path / "page.txt", gzip.compress(PAGE.encode()))
    lines = write(tmp_path / "lines", gzip.compress(jsonl({"text": "Body."})))
    items = read(text, html, lines)
    assert [(d.source, getattr(d, "kind", None)) for d in items] == [
        (str(text), "text"),
        (str(html), "html"),
        (f"{lines}#L1", "text"),
    ]
    assert items[0] == RawDocument(str(text), "text", ARTICLE)


@pytest.mark.parametrize("compress", [False, True])
def test_warc_by_content(tmp_path: Path, compress: bool) -> None:
    path = write(tmp_path / "crawl.dat", make_warc(ARTICLES, compress=compress))
    assert [getattr(d, "kind", None) for d in read(path)] == ["html"] * 3


# --- folders, order, stdin --------------------------------------------------------------


def test_folder_walked_recursively_in_path_order_skipping_hidden(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for rel in ["b.txt", "a/z.txt", "a/sub/y.md", "c/x.txt", "B.txt"]:
        write(root / rel, f"Article {rel}".encode())
    for rel in [".git/config", ".hidden.txt", "a/.cache/k.txt"]:
        write(root / rel, b"hidden")
    (root / "empty").mkdir()
    expected = ["B.txt", "a/sub/y.md", "a/z.txt", "b.txt", "c/x.txt"]
    items = read(root)
    assert [d.source for d in items] == [str(root / rel) for rel in expected]
    assert [getattr(d, "content", None) for d in items] == [f"Article {rel}" for rel in expected]


def test_input_order_is_kept_across_paths(tmp_path: Path) -> None:
    one = write(tmp_path / "1.txt", b"one")
    two = write(tmp_path / "2.txt", b"two")
    folder = tmp_path / "f"
    write(folder / "3.txt", b"three")
    items = read(two, folder, tmp_path / "missing.txt", one)
    assert [d.source for d in items] == [
        str(two),
        str(folder / "3.txt"),
        str(tmp_path / "missing.txt"),
        str(one),
    ]


def test_paths_as_a_single_string(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"one")
    assert [d.source for d in read_paths(str(path))] == [str(path)]


def test_empty_folder_yields_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty" / "deeper").mkdir(parents=True)
    write(tmp_path / "empty" / ".hidden", b"x")
    assert read(tmp_path / "empty") == []


def test_folder_symlink_cycle_does_not_loop(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", b"one")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d", target_is_directory=True)
    assert [d.source for d in read(tmp_path / "d")] == [str(tmp_path / "d" / "a.txt")]


def test_stdin_text_html_jsonl_gzip() -> None:
    doc = only_doc(read("-", stdin=ARTICLE.encode()))
    assert (doc.source, doc.kind, doc.content) == ("<stdin>", "text", ARTICLE)
    assert only_doc(read("-", stdin=gzip.compress(PAGE.encode()))).kind == "html"
    docs = read("-", stdin=jsonl({"text": "a"}, {"text": "b"}))
    assert [d.source for d in docs] == ["<stdin>#L1", "<stdin>#L2"]


def test_stdin_warc() -> None:
    docs = read("-", stdin=make_warc(ARTICLES[:1], compress=True))
    assert only_doc(docs).source.startswith("<stdin>#urn:uuid:")


def test_stdin_empty() -> None:
    assert only_error(read("-", stdin=b"")) == ReadError("<stdin>", "empty file")


def test_bundled_samples_are_five_text_documents() -> None:
    docs = read(*sorted((REPO / "samples").glob("*.txt")))
    assert len(docs) == 5
    assert all(isinstance(d, RawDocument) and d.kind == "text" for d in docs)
    assert all(isinstance(d, RawDocument) and len(d.content) > 1000 for d in docs)


# --- decoding ---------------------------------------------------------------------------

TEXT = "Le café « Ça va » — naïve Straße, 5 €.\nSecond line.\n"


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"),
        b"\x00\x00\xfe\xff" + TEXT.encode("utf-32-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le").replace(b"\n\x00", b"\r\x00\n\x00"),
        TEXT.encode("cp1252"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes) -> None:
    doc = only_doc(read(write(tmp_path / "a.txt", data)))
    assert doc.content == TEXT


@pytest.mark.parametrize("text", ["café", "Der Bürgermeister sagte: „Wir sind bereit.“ Café!"])
def test_latin1_and_cp1252(tmp_path: Path, text: str) -> None:
    encoding = "latin-1" if text == "café" else "cp1252"
    assert only_doc(read(write(tmp_path / "a.txt", text.encode(encoding)))).content == text


def test_utf16_html_by_content(tmp_path: Path) -> None:
    doc = only_doc(read(write(tmp_path / "page.txt", PAGE.encode("utf-16-le"))))
    assert (doc.kind, doc.content) == ("html", PAGE)


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    # 0xA4 is the euro sign in ISO-8859-15 but a currency sign in cp1252 and Latin-1
    page = '<html><head><meta charset="iso-8859-15"></head><body>5 €</body></html>'
    doc = only_doc(read(write(tmp_path / "a.html", page.encode("iso-8859-15"))))
    assert "5 €" in doc.content


def test_html_http_equiv_charset_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "</head><body>Путин и Обама</body></html>"
    )
    doc = only_doc(read(write(tmp_path / "a.htm", page.encode("cp1251"))))
    assert "Путин и Обама" in doc.content


def test_cyrillic_without_declaration_is_guessed(tmp_path: Path) -> None:
    text = (
        "Президент России Владимир Путин встретился с президентом США Бараком Обамой "
        "на полях саммита G20 в Мексике. Встреча продолжалась два часа.\n"
    )
    assert only_doc(read(write(tmp_path / "a.txt", text.encode("cp1251")))).content == text


# --- bad input --------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert only_error(read(missing)) == ReadError(str(missing), "no such file or directory")


def test_broken_symlink_and_symlink_loop(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    (tmp_path / "x").symlink_to(tmp_path / "y")
    (tmp_path / "y").symlink_to(tmp_path / "x")
    assert only_error(read(broken)).reason == "broken symbolic link"
    assert only_error(read(tmp_path / "x")).reason == "too many levels of symbolic links"


def test_broken_symlink_inside_folder(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", b"one")
    (tmp_path / "d" / "b.txt").symlink_to(tmp_path / "gone.txt")
    items = read(tmp_path / "d")
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadError"]
    assert items[1] == ReadError(str(tmp_path / "d" / "b.txt"), "broken symbolic link")


def test_reading_a_directory_as_a_file(tmp_path: Path) -> None:
    assert list(read_file(str(tmp_path))) == [ReadError(str(tmp_path), "is a directory")]


@pytest.mark.skipif(IS_ROOT, reason="root can read any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", b"text")
    path.chmod(0)
    try:
        assert only_error(read(path)) == ReadError(str(path), "permission denied")
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(IS_ROOT, reason="root can list any folder")
def test_unlistable_folder(tmp_path: Path) -> None:
    locked = tmp_path / "d" / "locked"
    write(locked / "a.txt", b"text")
    write(tmp_path / "d" / "z.txt", b"text")
    locked.chmod(0)
    try:
        items = read(tmp_path / "d")
    finally:
        locked.chmod(0o755)
    assert items[0] == ReadError(str(locked), "permission denied")
    assert [i.source for i in items[1:]] == [str(tmp_path / "d" / "z.txt")]


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("a.txt", "hello " * 50)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        PNG,
        _zip_bytes(),
        b"\x7fELF\x02\x01\x01\x00" + bytes(56),
        random.Random(7).randbytes(4096),
        bytes(range(1, 9)) * 20 + b"mostly control characters",
        b"text then a NUL \x00 byte",
    ],
    ids=["png", "zip", "elf", "random", "controls", "nul"],
)
def test_binary_file(tmp_path: Path, data: bytes) -> None:
    for name in ("a.txt", "a.jsonl", "a"):
        path = write(tmp_path / name, data)
        assert only_error(read(path)) == ReadError(str(path), "binary file, not text")


def test_binary_gzipped(tmp_path: Path) -> None:
    path = write(tmp_path / "img.gz", gzip.compress(PNG))
    assert only_error(read(path)).reason == "binary file, not text"


@pytest.mark.parametrize(
    "data", [b"", b"  \n\t\r\n ", b"\xef\xbb\xbf", b"\xff\xfe \x00\n\x00", gzip.compress(b"")]
)
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    for name in ("a.txt", "a.html", "a.jsonl", "a.warc", "a"):
        path = write(tmp_path / name, data)
        assert only_error(read(path)) == ReadError(str(path), "empty file")


@pytest.mark.parametrize("name", ["a.txt.gz", "a.txt", "a.jsonl.gz"])
def test_truncated_gzip(tmp_path: Path, name: str) -> None:
    data = gzip.compress((ARTICLE * 50).encode())
    for cut in (len(data) - 4, len(data) // 2, 12):
        path = write(tmp_path / name, data[:cut])
        assert only_error(read(path)) == ReadError(str(path), "truncated gzip data"), cut


def test_corrupt_gzip(tmp_path: Path) -> None:
    data = bytearray(gzip.compress((ARTICLE * 50).encode()))
    data[20:40] = bytes(20)
    path = write(tmp_path / "a.gz", bytes(data))
    assert only_error(read(path)).reason.startswith("corrupt gzip data: ")
    path = write(tmp_path / "b.gz", b"\x1f\x8bnot really gzip at all")
    assert only_error(read(path)).reason.startswith("corrupt gzip data: ")


def test_undecodable_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbfgood start \xff\xfe\xfd bad bytes")
    assert only_error(read(path)) == ReadError(str(path), "undecodable text: invalid utf-8 data")


def test_truncated_warc_keeps_records_before_the_damage(tmp_path: Path) -> None:
    data = make_warc(ARTICLES)
    path = write(tmp_path / "a.warc", data[: len(data) - 300])
    *docs, error = read(path)
    assert [d.meta["url"] for d in docs if isinstance(d, RawDocument)] == [
        "http://ex.com/1",
        "http://ex.com/2",
    ]
    assert error == ReadError(str(path), "truncated or corrupt WARC: record 7 is cut short")


def test_warc_cut_inside_a_record_header(tmp_path: Path) -> None:
    data = make_warc(ARTICLES[:1])
    second = make_warc(ARTICLES[1:2])
    path = write(tmp_path / "a.warc", data + second[:40])
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadError"]
    assert items[1].source == str(path)
    assert isinstance(items[1], ReadError)
    assert items[1].reason.startswith("truncated or corrupt WARC: ")


def test_truncated_warc_gz(tmp_path: Path) -> None:
    data = make_warc(ARTICLES, compress=True)
    for cut in (len(data) - 5, len(data) - 200):
        path = write(tmp_path / "a.warc.gz", data[:cut])
        *docs, error = read(path)
        assert all(isinstance(d, RawDocument) for d in docs)
        assert 1 <= len(docs) <= 3
        assert error == ReadError(str(path), "truncated or corrupt WARC: truncated gzip data")


def test_corrupt_warc(tmp_path: Path) -> None:
    path = write(tmp_path / "a.warc", make_warc(ARTICLES[:1]) + b"this is not a record\r\n\r\n")
    *docs, error = read(path)
    assert len(docs) == 1
    assert isinstance(error, ReadError)
    assert error.reason.startswith("truncated or corrupt WARC: ")


def test_warc_extension_without_warc_content(tmp_path: Path) -> None:
    path = write(tmp_path / "a.warc", b"just some words\n")
    assert only_error(read(path)).reason.startswith("truncated or corrupt WARC: ")


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First."}),
        "{not json",
        "",
        json.dumps(["an", "array"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        json.dumps({"html": "<p>Last.</p>"}),
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(lines).encode())
    items = read(path)
    assert [(i.source, type(i).__name__) for i in items] == [
        (f"{path}#L1", "RawDocument"),
        (f"{path}#L2", "ReadError"),
        (f"{path}#L4", "ReadError"),
        (f"{path}#L5", "ReadError"),
        (f"{path}#L6", "ReadError"),
        (f"{path}#L7", "ReadError"),
        (f"{path}#L8", "RawDocument"),
    ]
    reasons = [i.reason for i in items if isinstance(i, ReadError)]
    assert reasons[0].startswith("invalid JSON: ")
    assert reasons[1:] == [
        "JSON line is not an object but an array",
        'no "text" or "html" field',
        "empty text",
        '"text" is not a string but a number',
    ]


def test_one_error_per_bad_file_and_reading_goes_on(tmp_path: Path) -> None:
    bad = [
        write(tmp_path / "1.png", PNG),
        write(tmp_path / "2.txt", b""),
        write(tmp_path / "3.gz", gzip.compress(b"abc" * 100)[:20]),
        tmp_path / "4-missing.txt",
    ]
    good = write(tmp_path / "5.txt", b"fine")
    items = read(*bad, good)
    assert [type(i).__name__ for i in items] == ["ReadError"] * 4 + ["RawDocument"]
    assert all("\n" not in i.reason for i in items if isinstance(i, ReadError))


def test_named_pipe_is_read_whole(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(jsonl({"text": "Piped."}),))
    writer.start()
    try:
        doc = only_doc(read(fifo))
    finally:
        writer.join(timeout=5)
    assert (doc.source, doc.content) == (f"{fifo}#L1", "Piped.")
