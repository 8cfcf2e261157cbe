"""Sharing one store file between processes: a writer lock beside it and bounded waits.

DuckDB lets one process hold a database file read-write, and while it does no other process
can open the file at all, not even read-only; several processes may hold it read-only at
once, but then none can write. dyad's processes share a store through a lock file beside it,
``<db>.lock`` (an ``flock``; the kernel drops it when a process dies, even by SIGKILL):

* a writer takes it exclusively for as long as it writes (one batch, for ``dyad ingest``),
  then opens the database, retrying while readers finish what they are doing;
* a reader opens the database only when no writer holds or waits for the lock (a
  non-blocking shared lock, let go at once), and lets go of the database as soon as one does;
* both wait a bounded time, then give up with :class:`StoreBusy`, a one-line reason.

Because readers never start while a writer waits, a busy web server cannot starve an ingest,
and a second ingest on the same store waits for the first one's batch instead of failing.
The lock file is left in place (removing it would race with a process about to lock it).
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

from ..errors import StoreError

LOCK_SUFFIX = ".lock"
#: How often a waiting process looks again, in seconds.
POLL = 0.02
#: Default bounded waits, in seconds: a writer waits out other writers' batches; a reader
#: (a CLI query) waits out a batch being written.
WRITE_WAIT = 120.0
READ_WAIT = 10.0
#: A wait shorter than this (another batch being written, a request finishing) is not worth
#: a message.
NOTICE_AFTER = 1.0
WRITER_MESSAGE = "waiting for {db}: another dyad process is writing"
READER_MESSAGE = "waiting for {db}: another process has it open"


class StoreBusy(StoreError):
    """Another process holds the store longer than the bounded wait."""


def lock_path(db: str) -> str:
    return db + LOCK_SUFFIX


@contextmanager
def write_lock(db: str, *, wait: float, on_wait: Callable[[str], None] | None) -> Iterator[None]:
    """Hold ``<db>.lock`` exclusively (no-op for ``:memory:``); raises :class:`StoreBusy`."""
    if db == ":memory:":
        yield
        return
    try:
        fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:  # e.g. a read-only folder: DuckDB itself will say what is wrong
        if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
            yield
            return
        raise StoreError(f"{db}: cannot create lock file: {exc.strerror}") from exc
    try:
        _flock_within(fd, db, wait, on_wait)
        yield
    finally:
        os.close(fd)  # closing the descriptor lets the lock go


def _flock_within(fd: int, db: str, wait: float, on_wait: Callable[[str], None] | None) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if not told and on_wait is not None and time.monotonic() > deadline - wait + NOTICE_AFTER:
            on_wait(WRITER_MESSAGE.format(db=db))
            told = True
        if time.monotonic() >= deadline:
            raise StoreBusy(f"{db}: another dyad process is writing (waited {wait:g} s)")
        time.sleep(POLL)


def writer_active(db: str) -> bool:
    """Whether a writer holds (or is taking) the store's lock; never blocks."""
    try:
        fd = os.open(lock_path(db), os.O_RDONLY)
    except OSError:
        return False  # no lock file: no dyad writer has touched this store
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def is_lock_conflict(exc: BaseException) -> bool:
    """Whether a DuckDB error says another process (or, in this process, a connection opened
    the other way, read-only or not) holds the file."""
    message = str(exc).lower()
    return (isinstance(exc, duckdb.IOException) and "lock" in message) or (
        isinstance(exc, duckdb.ConnectionException) and "different configuration" in message
    )


def connect(
    db: str,
    *,
    read_only: bool,
    wait: float,
    on_wait: Callable[[str], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect``, retried for up to ``wait`` seconds while another process holds the
    file (readers also while a dyad writer holds the lock); raises :class:`StoreBusy`."""
    deadline = time.monotonic() + wait
    told = False
    while True:
        if not (read_only and writer_active(db)):
            try:
                return duckdb.connect(db, read_only=read_only)
            except duckdb.Error as exc:
                if not is_lock_conflict(exc):
                    raise
                holder = str(exc).split("Conflicting lock is held in")[-1].split(". See")[0]
        else:
            holder = "a dyad writer"
        if time.monotonic() >= deadline:
            what = "being written" if read_only else "open in another process"
            raise StoreBusy(f"{db}: store is {what} ({holder.strip()}; waited {wait:g} s)")
        if not told and on_wait is not None and time.monotonic() > deadline - wait + NOTICE_AFTER:
            on_wait(READER_MESSAGE.format(db=db))
            told = True
        time.sleep(POLL)
