"""Reading one input, a file or a byte stream, into documents or errors.

Opens the file, undoes gzip (recognised by its magic bytes, whatever the name), sniffs what
the bytes hold and hands them on: WARC is streamed record by record; anything else is read
whole (articles are small), decoded, and becomes one document, or one per line for JSON
Lines. Every failure becomes a :class:`ReadError` with a one-line reason; nothing raises out
of these iterators.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import time
from collections.abc import Iterator
from typing import BinaryIO

from dyad.model import RawDocument, ReadError
from dyad.readers.decode import DecodeError, decode
from dyad.readers.formats import (
    GZIP_MAGIC,
    MAX_DOCUMENT_CHARS,
    Format,
    choose_format,
    format_for_name,
    is_warc,
    too_long,
)
from dyad.readers.gunzip import Gunzip, GzipError
from dyad.readers.jsonl import read_jsonl
from dyad.readers.warc import CORRUPT as CORRUPT_WARC
from dyad.readers.warc import read_warc

Item = RawDocument | ReadError

#: How many (decompressed) bytes are looked at to tell WARC from the rest.
HEAD_BYTES = 64
#: How much of a file named as WARC but not starting like one is read to see if it is blank.
NOT_WARC_PEEK = 1 << 16
EMPTY = "empty file"
#: UTF-8 takes at most four bytes a character (so do UTF-16 and UTF-32).
MAX_BYTES_PER_CHAR = 4
#: How much of a large input is decoded to tell JSON Lines from one huge article.
SNIFF_HEAD = 1 << 16
#: An input that is not WARC is read whole; beyond this many (uncompressed) bytes it is refused.
MAX_READ_BYTES = 1 << 30
FIFO_NO_WRITER = "named pipe (FIFO): nothing written to it"
#: How long a named pipe may wait for a writer before it is reported, in seconds.
FIFO_WAIT = 2.0
#: errno values and the one-line reason each gives.
OS_REASONS: dict[int, str] = {
    errno.ENOENT: "no such file or directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a directory",
    errno.ELOOP: "too many levels of symbolic links",
}


def os_reason(exc: OSError, path: str | None = None) -> str:
    """A one-line reason for an operating-system error on ``path``."""
    if exc.errno == errno.ENOENT and path is not None and os.path.islink(path):
        return "broken symbolic link"
    reason = OS_REASONS.get(exc.errno or 0)
    return reason or f"cannot read: {exc.strerror or exc}".replace("\n", " ")


def read_file(path: str) -> Iterator[Item]:
    """Documents in the file at ``path``, or the errors that stopped them."""
    source = source_name(path)
    return guarded(_read_file(path, source), source, path=path)


def source_name(path: str) -> str:
    """``path`` as a source name: bytes of the file name that are not UTF-8 (which Python
    keeps as lone surrogates, unstorable and unprintable) are written ``\\xNN``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def guarded(items: Iterator[Item], source: str, *, path: str | None = None) -> Iterator[Item]:
    """``items``, with an exception turned into a last :class:`ReadError` for ``source``."""
    try:
        yield from items
    except OSError as exc:
        yield ReadError(source, os_reason(exc, path))
    except Exception as exc:  # a bug must not end a whole run: report it against the input
        yield ReadError(source, f"unexpected error: {type(exc).__name__}: {exc}".replace("\n", " "))


def _read_file(path: str, source: str) -> Iterator[Item]:
    info = os.stat(path)  # follows links: a loop is ELOOP, a dangling one ENOENT
    if stat.S_ISFIFO(info.st_mode):
        yield from _read_fifo(path, source)
        return
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        yield ReadError(source, f"not a regular file but a {_file_type(info.st_mode)}")
        return
    with open(path, "rb") as raw:
        yield from read_stream(raw, source, name=source)


def _read_fifo(path: str, source: str) -> Iterator[Item]:
    """A named pipe, e.g. bash's ``<(zcat ...)``: read whole, like standard input.

    Opened without blocking, so a pipe nobody writes to is reported after
    :data:`FIFO_WAIT` seconds instead of hanging the run.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        os.set_blocking(fd, True)  # reads now wait for data, but end at once with no writer
        chunks: list[bytes] = []
        deadline = time.monotonic() + FIFO_WAIT
        while (chunk := os.read(fd, 1 << 20)) or (not chunks and time.monotonic() < deadline):
            if chunk:
                chunks.append(chunk)
            else:
                time.sleep(0.02)  # no writer yet
    finally:
        os.close(fd)
    if not chunks:
        yield ReadError(source, FIFO_NO_WRITER)
        return
    yield from read_stream(io.BytesIO(b"".join(chunks)), source, name=source)


def _file_type(mode: int) -> str:
    kinds = ((stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
             (stat.S_ISSOCK, "socket"))  # fmt: skip
    return next((name for test, name in kinds if test(mode)), "special file")


def read_stream(raw: BinaryIO, source: str, *, name: str | None = None) -> Iterator[Item]:
    """Documents in a seekable byte stream; ``name`` (if any) gives the extension."""
    by_name = format_for_name(name) if name else None
    gzipped = raw.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    raw.seek(0)
    try:
        head = _open(raw, gzipped).read(HEAD_BYTES)
        if is_warc(head):
            raw.seek(0)
            yield from read_warc(_open(raw, gzipped), source)
            return
        raw.seek(0)
        stream = _open(raw, gzipped)
        if by_name == "warc":
            yield _not_a_warc(stream, source)
            return
        data = _read_capped(stream)
    except (GzipError, TooLarge) as exc:
        yield ReadError(source, exc.reason)
        return
    yield from read_bytes(data, source, by_name)


def read_bytes(data: bytes, source: str, by_name: Format | None = None) -> Iterator[Item]:
    """Documents in a whole, uncompressed, non-WARC input."""
    if len(data) > MAX_BYTES_PER_CHAR * MAX_DOCUMENT_CHARS and not _opens_as_jsonl(data, by_name):
        # more characters than one article may have in any encoding: refuse before decoding
        yield ReadError(source, f"too long for one article: {len(data):,} bytes")
        return
    try:
        text = decode(data)
    except DecodeError as exc:
        yield ReadError(source, exc.reason)
        return
    if not text.strip():
        yield ReadError(source, EMPTY)
        return
    kind = choose_format(text, by_name)
    if kind == "jsonl":
        yield from read_jsonl(text, source)
    elif len(text) > MAX_DOCUMENT_CHARS:
        yield ReadError(source, too_long(len(text)))
    else:
        yield RawDocument(source=source, kind=kind, content=text)


def _opens_as_jsonl(data: bytes, by_name: Format | None) -> bool:
    """Whether a large input is JSON Lines (many articles), judged by its first lines."""
    head = data[:SNIFF_HEAD]
    try:
        text = decode(head[: head.rfind(b"\n") + 1] or head)
    except DecodeError:
        return False
    return choose_format(text, by_name) == "jsonl"


class TooLarge(ValueError):
    """More bytes than :data:`MAX_READ_BYTES` to read whole (a gzip bomb, a disk image)."""

    def __init__(self) -> None:
        self.reason = f"too large to read whole: over {MAX_READ_BYTES >> 20:,} MB"
        super().__init__(self.reason)


def _read_capped(stream: BinaryIO | Gunzip) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(1 << 20):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_READ_BYTES:
            raise TooLarge()
    return b"".join(chunks)


def _not_a_warc(stream: BinaryIO | Gunzip, source: str) -> ReadError:
    """The error for a file named as WARC that does not start like one (or is blank)."""
    data = stream.read(NOT_WARC_PEEK)
    try:
        blank = not stream.read(1) and not decode(data).strip()
    except DecodeError:
        blank = False
    return ReadError(source, EMPTY if blank else f"{CORRUPT_WARC}: no WARC header at the start")


def _open(raw: BinaryIO, gzipped: bool) -> BinaryIO | Gunzip:
    return Gunzip(raw) if gzipped else raw
