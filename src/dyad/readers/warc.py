"""WARC input: every successful HTML response in a web archive is one article.

The archive is streamed through :class:`warcio.ArchiveIterator` (gzip is undone beforehand,
so damage to it is seen). A ``response`` record with HTTP status 200 and an HTML media type
(or, lacking a Content-Type, a payload that looks like HTML) becomes an HTML document whose
source is ``path#<WARC-Record-ID>`` (or the record's 1-based index), with the target URI in
``meta["url"]`` and the WARC-Date in ``meta["crawled"]`` (the crawl date, never taken as the
publication date). Other records are skipped silently. warcio itself accepts a cut-off last
record, so each record's declared length is checked; damage ends the file with one
:class:`ReadError`, after the records read before it. A file named ``.warc`` that does not
start like one is reported as corrupt, not read as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from dyad.model import RawDocument, ReadError
from dyad.readers.decode import DecodeError, decode
from dyad.readers.formats import HTML_MEDIA_TYPES, looks_like_html
from dyad.readers.gunzip import GzipError

CORRUPT = "truncated or corrupt WARC"
DRAIN_BYTES = 1 << 16
#: Bytes after the last record that may be blank line ends rather than a cut record.
TRAILING_SLACK = 8


class ByteStream(Protocol):
    """All warcio needs of its input: ``read(size)``."""

    def read(self, size: int = -1, /) -> bytes: ...


def read_warc(stream: ByteStream, source: str) -> Iterator[RawDocument | ReadError]:
    """The HTML articles in a WARC stream, then a :class:`ReadError` if it is damaged."""
    index = 0
    counted = _Counted(stream)
    try:
        records = ArchiveIterator(counted)
        for index, record in enumerate(records, 1):
            item = _article(record, source, index)
            damage = _damage(record)
            if damage:
                reason = counted.error.reason if counted.error else f"record {index} {damage}"
                yield ReadError(source, f"{CORRUPT}: {reason}")
                return
            if item is not None:
                yield item
        if counted.error:
            yield ReadError(source, f"{CORRUPT}: {counted.error.reason}")
            return
        # warcio ends quietly when the input stops inside a record header: look for bytes
        # read but not part of any record
        if counted.count - records.offset > TRAILING_SLACK:
            yield ReadError(source, f"{CORRUPT}: record {index + 1} is cut short in its header")
    except GzipError as exc:
        yield ReadError(source, f"{CORRUPT}: {exc.reason}")
    except ArchiveLoadFailed as exc:
        yield ReadError(source, f"{CORRUPT}: {_first_line(str(exc.msg))}")
    except (ValueError, AttributeError, IndexError, KeyError) as exc:
        # warcio fails this way on a record header it cannot parse (e.g. cut mid-header)
        yield ReadError(
            source, f"{CORRUPT}: cannot parse record {index + 1} ({type(exc).__name__})"
        )


class _Counted:
    """A stream that counts the bytes read from it and ends where its gzip data is damaged
    (keeping the error), so the records before the damage are still read."""

    def __init__(self, stream: ByteStream) -> None:
        self.stream = stream
        self.count = 0
        self.error: GzipError | None = None

    def read(self, size: int = -1, /) -> bytes:
        if self.error is not None:
            return b""
        try:
            data = self.stream.read(size)
        except GzipError as exc:
            self.error = exc
            return b""
        self.count += len(data)
        return data


def _article(record: ArcWarcRecord, source: str, index: int) -> RawDocument | ReadError | None:
    """The article a record holds, an error for a broken HTML payload, or ``None``."""
    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    media, charset = _content_type(http.get_header("Content-Type"))
    if media is not None and media not in HTML_MEDIA_TYPES:
        return None
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<> ")
    record_source = f"{source}#{record_id or index}"
    payload = record.content_stream().read()
    try:
        text = decode(payload, declared=charset)
    except DecodeError as exc:
        return None if media is None else ReadError(record_source, exc.reason)
    if media is None and not looks_like_html(text):
        return None
    if not text.strip():
        return ReadError(record_source, "empty HTML payload")
    return RawDocument(record_source, "html", text, _meta(record))


def _meta(record: ArcWarcRecord) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key, header in (("url", "WARC-Target-URI"), ("crawled", "WARC-Date")):
        value = record.rec_headers.get_header(header)
        if value:
            meta[key] = value.strip()
    return meta


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """Media type (lower case) and charset parameter of a Content-Type header."""
    if not value or not value.strip():
        return None, None
    media, *params = (part.strip() for part in value.split(";"))
    charset = None
    for param in params:
        name, _, arg = param.partition("=")
        if name.strip().lower() == "charset":
            charset = arg.strip().strip("\"'") or None
    return media.lower() or None, charset


def _damage(record: ArcWarcRecord) -> str | None:
    """Read what is left of the record; what is wrong with its length, if anything."""
    raw = record.raw_stream
    if not isinstance(raw, LimitReader):
        return "has no Content-Length"  # e.g. the file ends inside its header
    while raw.read(DRAIN_BYTES):
        pass
    return "is cut short" if raw.limit > 0 else None


def _first_line(message: str) -> str:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return lines[0] if lines else "unreadable archive"
