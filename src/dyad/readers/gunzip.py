"""Decompressing gzip input as a stream, with damage reported as a reason, not a crash.

Any input that starts with the gzip magic bytes is read through :class:`Gunzip`, whatever
its name. Truncation (``EOFError`` from :mod:`gzip`) and corruption (``zlib.error``,
``BadGzipFile``) both surface as :class:`GzipError` with a one-line ``reason``; a plain
``EOFError`` must not escape because warcio takes it for a clean end of file and would hide
a cut-off archive.
"""

from __future__ import annotations

import gzip
import zlib
from typing import BinaryIO

TRUNCATED = "truncated gzip data"


class GzipError(ValueError):
    """Gzip data that ends early or does not decompress; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Gunzip:
    """A readable stream of the decompressed bytes of ``raw`` (all gzip members)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all if negative); fewer before damage, so none is lost."""
        try:
            return self._gz.read() if size < 0 else self._gz.read1(size)
        except EOFError as exc:
            raise GzipError(TRUNCATED) from exc
        except (zlib.error, gzip.BadGzipFile) as exc:
            raise GzipError(f"corrupt gzip data: {exc}") from exc

    def tell(self) -> int:
        return self._gz.tell()
