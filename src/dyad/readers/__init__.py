"""The readers: from paths on disk (or standard input) to :class:`RawDocument` records.

:func:`read_paths` is the whole public interface. It takes files, folders (walked
recursively, in path order) and ``-`` for standard input, recognises plain text and
Markdown, HTML, JSON Lines and WARC by content as well as by extension (gzip is undone
whatever the name), decodes bytes to text, and yields one :class:`RawDocument` per article,
in input order. Anything that cannot be read yields exactly one :class:`ReadError` with a
one-line reason, and reading goes on: the iterator never raises.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from dyad.model import RawDocument, ReadError
from dyad.readers.files import guarded, read_file, read_stream
from dyad.readers.walk import expand

__all__ = ["STDIN", "STDIN_SOURCE", "read_paths"]

#: The path that means standard input, and the source name its documents get.
STDIN = "-"
STDIN_SOURCE = "<stdin>"


def read_paths(
    paths: Sequence[str], *, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | ReadError]:
    """Every document in ``paths``, in order; ``stdin`` stands in for ``sys.stdin.buffer``."""
    for path in [paths] if isinstance(paths, str) else paths:
        if path == STDIN:
            yield from guarded(_read_stdin(stdin), STDIN_SOURCE)
            continue
        for item in expand(path):
            if isinstance(item, ReadError):
                yield item
            else:
                yield from read_file(item)


def _read_stdin(stdin: BinaryIO | None) -> Iterator[RawDocument | ReadError]:
    """Standard input, read whole so it can be sniffed and re-read like a file."""
    data = (stdin if stdin is not None else sys.stdin.buffer).read()
    yield from read_stream(io.BytesIO(data), STDIN_SOURCE)
