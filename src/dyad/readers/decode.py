"""Turning bytes into text: find the encoding, refuse binary data, normalise newlines.

The order is: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); UTF-16 without a BOM,
recognised by every other byte being NUL; a binary check (NUL bytes or many control
characters mean "not text"); strict UTF-8; a declared charset (an HTTP header, or an HTML
``<meta charset>``/``http-equiv`` tag); then a guess. Mostly-ASCII text that is not UTF-8 is
almost always Windows-1252/Latin-1 (charset-normalizer misreads short such texts, "café"
even as UTF-16), so it is read as cp1252 directly; other text gets charset-normalizer's best
guess; cp1252 and finally Latin-1, which never fails, close the chain.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Declared charsets that really mean Windows-1252 (as browsers treat them).
CP1252_ALIASES = frozenset({"latin_1", "iso8859_1", "ascii"})
SNIFF_BYTES = 8192
#: C0 control bytes that do not occur in text (tab, newlines, form feed, VT are allowed).
CONTROL_BYTES = bytes(sorted(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D})) + b"\x7f"
MAX_CONTROL_RATIO = 0.05
#: Share of non-ASCII bytes below which non-UTF-8 text is taken as Western (cp1252).
WESTERN_NON_ASCII_RATIO = 0.3
BINARY = "binary file, not text"

_ASCII = bytes(range(0x80))
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)


class DecodeError(ValueError):
    """Bytes that are not text, or text in no encoding that fits; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Decode ``data`` to text with ``\\n`` newlines; raise :class:`DecodeError` if not text.

    ``declared`` is a charset the container announced (e.g. an HTTP Content-Type header);
    it is tried after strict UTF-8, like an HTML ``<meta charset>``.
    """
    return normalise_newlines(_decode(data, declared)).lstrip("\ufeff")


def normalise_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"undecodable text: invalid {exc.encoding} data") from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if is_binary(data):
        raise DecodeError(BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for charset in (declared, _meta_charset(data)):
        text = _try_charset(data, charset)
        if text is not None:
            return text
    return _guess(data)


def is_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, at the start of ``data``."""
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return bool(sample) and controls / len(sample) > MAX_CONTROL_RATIO


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode UTF-16 recognised by NUL bytes in every other position, else ``None``."""
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0::2].count(0) / pairs
    odd_nuls = sample[1::2].count(0) / pairs
    if odd_nuls > 0.3 and even_nuls < 0.05:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 and odd_nuls < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if is_binary(text.encode("utf-8", "replace")) else text


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data, 0, SNIFF_BYTES)
    return match.group(1).decode("ascii") if match else None


def _try_charset(data: bytes, charset: str | None) -> str | None:
    """Decode strictly with a declared charset; ``None`` if unknown, unsuitable or wrong."""
    if not charset:
        return None
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # declared in ASCII bytes, so the declaration cannot be true
    if name.replace("-", "_") in CP1252_ALIASES:
        name = "cp1252"
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _guess(data: bytes) -> str:
    non_ascii = len(data.translate(None, _ASCII))
    if non_ascii / len(data) < WESTERN_NON_ASCII_RATIO:
        text = _try_charset(data, "cp1252")
        if text is not None:
            return text
    best = from_bytes(data, cp_exclusion=["utf_16", "utf_16_le", "utf_16_be", "utf_32"]).best()
    if best is not None:
        return str(best)
    return _try_charset(data, "cp1252") or data.decode("latin-1")
