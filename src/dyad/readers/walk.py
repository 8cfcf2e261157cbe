"""Turning the paths a user gave into the files to read, in a stable order.

A file path (or anything that is not a folder, even a missing one, which the reader then
reports) stands for itself. A folder is walked recursively, entries sorted by name, so the
files come out sorted by path; hidden entries (``.git``, ``.DS_Store``) are skipped. Everything
else that is not a folder goes to the reader, which reports what it cannot read (a named pipe
nobody writes to, a device, a link loop) as one error each. Symbolic links are followed, but
each folder is entered once, so a link cycle cannot loop. A folder that cannot be listed is
a :class:`ReadError`; an empty folder yields nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from dyad.model import ReadError
from dyad.readers.files import os_reason, source_name

HIDDEN_PREFIX = "."


def expand(path: str) -> Iterator[str | ReadError]:
    """The file paths ``path`` stands for, with errors for folders that cannot be listed."""
    if os.path.isdir(path):
        yield from _walk(path, set())
    else:
        yield path


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[str | ReadError]:
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadError(source_name(folder), os_reason(exc, folder))
        return
    for entry in entries:
        if entry.name.startswith(HIDDEN_PREFIX):
            continue
        if _is_dir(entry):
            yield from _walk(entry.path, seen)
        else:
            yield entry.path


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
