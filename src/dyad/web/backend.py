"""What a running web app serves from: the store (read-only, shared), the actor KB, a cache.

The server must never block or break an ingest writing the same store, yet DuckDB lets no
process open a file while another writes it, and opening one costs tens of milliseconds. So
the app keeps one read-only connection while nobody wants to write and lets it go as soon as
a writer takes the store's lock (:mod:`dyad.store.locking`): requests already running finish,
new ones wait (up to ``wait`` seconds, then :class:`~dyad.store.locking.StoreBusy`, which the
app answers with 503 and ``Retry-After``), and a watcher thread closes the idle connection
so a writer never waits for the next request. The connection is reopened after the write.

DuckDB connections are not thread-safe and Starlette runs sync endpoints in a thread pool, so
every request works on its own cursor (:meth:`Backend.view`). :meth:`Backend.run` memoises
the data of the last ``cache_size`` distinct requests (path and query parameters), which
matters for pages whose library functions scan every fused event (the relations chart). An
answer is served from the cache only while the store file is as it was when the connection
was opened (size and modification time of the file and of its write-ahead log), and the cache
is emptied when it is reopened on a changed file, so answers after an ingest's batch include
the new articles. Errors are never cached.
"""

from __future__ import annotations

import copy
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request

from ..actors import ActorKB, default_kb
from ..store import Store
from ..store.locking import POLL, StoreBusy, writer_active

Build = Callable[[Store, ActorKB, Mapping[str, str], QueryParams], dict[str, Any]]
DEFAULT_CACHE = 256
#: How long a request waits for a write in progress before it is answered 503, in seconds.
DEFAULT_WAIT = 5.0
#: How often the watcher looks for a writer waiting for the idle connection, in seconds.
WATCH_EVERY = 0.05
Key = tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]
Generation = tuple[int, ...]


class Backend:
    """The read-only store and knowledge base a running app serves, with a small LRU cache."""

    def __init__(
        self,
        db: str | Path,
        kb: ActorKB | None = None,
        cache_size: int = DEFAULT_CACHE,
        wait: float = DEFAULT_WAIT,
    ) -> None:
        self.db = str(db)
        self.wait = wait
        self.kb = kb or default_kb()
        self.cache_size = cache_size
        self._cache: OrderedDict[Key, dict[str, Any]] = OrderedDict()
        self._generation: Generation = ()
        self._lock = threading.Lock()  # guards the cache
        self._state = threading.Condition()  # guards the connection and its users
        self._store: Store | None = None
        self._users = 0
        self._closed = False
        with self.view():  # fail now on a missing or old store, not on the first request
            pass

    def close(self) -> None:
        with self._state:
            self._closed = True
            self._let_go()

    # -- the shared read-only connection -------------------------------------------------
    @contextmanager
    def view(self) -> Iterator[Store]:
        """A shallow copy of the store whose connection is a fresh cursor, for one request."""
        store = self._acquire()
        try:
            cursor = store.con.cursor()
            view = copy.copy(store)
            view.con = cursor
            try:
                yield view
            finally:
                cursor.close()
        finally:
            self._release()

    def _acquire(self) -> Store:
        deadline = time.monotonic() + self.wait
        with self._state:
            while True:
                if writer_active(self.db):
                    self._let_go_if_idle()
                else:
                    if self._store is None:
                        self._open(deadline)
                    if self._store is not None:
                        self._users += 1
                        return self._store
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"{self.db}: the store is being written; try again shortly")
                self._state.wait(POLL)

    def _open(self, deadline: float) -> None:
        """Open the connection (the caller holds ``_state``); leave it None if a writer won."""
        try:
            store = Store(self.db, read_only=True, wait=0)
        except StoreBusy:
            if time.monotonic() >= deadline:
                raise
            return
        self._store = store
        generation = store_generation(self.db)
        with self._lock:
            if generation != self._generation:
                self._cache.clear()
                self._generation = generation
        threading.Thread(target=self._watch, args=(store,), daemon=True).start()

    def _release(self) -> None:
        with self._state:
            self._users -= 1
            if self._users == 0 and (self._closed or writer_active(self.db)):
                self._let_go()
            self._state.notify_all()

    def _let_go_if_idle(self) -> None:
        if self._users == 0:
            self._let_go()

    def _let_go(self) -> None:
        if self._store is not None and self._users == 0:
            self._store.close()
            self._store = None

    def _watch(self, store: Store) -> None:
        """While ``store`` is open, close it when idle and a writer is waiting."""
        while True:
            time.sleep(WATCH_EVERY)
            with self._state:
                if self._store is not store:
                    return
                if self._users == 0 and writer_active(self.db):
                    self._let_go()
                    return

    # -- answers -------------------------------------------------------------------------
    def run(self, build: Build, request: Request) -> dict[str, Any]:
        """``build`` on this request's path and query parameters (cached; treat as read-only)."""
        query = tuple(
            sorted((k, v) for k, v in request.query_params.multi_items() if k != "format")
        )
        key: Key = (build.__qualname__, tuple(sorted(request.path_params.items())), query)
        with self._lock:  # a cached answer needs no connection while the file is unchanged
            if key in self._cache and store_generation(self.db) == self._generation:
                self._cache.move_to_end(key)
                return self._cache[key]
        with self.view() as store:
            found = build(store, self.kb, request.path_params, request.query_params)
        if self.cache_size > 0:
            with self._lock:
                self._cache[key] = found
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return found


def store_generation(db: str) -> Generation:
    """What changes whenever the store file does: size and modification time of the file
    and of its write-ahead log."""
    found: list[int] = []
    for path in (db, db + ".wal"):
        try:
            info = os.stat(path)
        except OSError:
            found += [0, 0]
        else:
            found += [info.st_size, info.st_mtime_ns]
    return tuple(found)
