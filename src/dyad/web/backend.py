"""What a running web app serves from: the read-only store, the actor knowledge base, a cache.

DuckDB connections are not thread-safe and Starlette runs sync endpoints in a thread pool, so
every request works on its own cursor (:meth:`Backend.view`). The store is opened read-only
and DuckDB keeps writers out while it is open, so an answer cannot change while the server
runs: :meth:`Backend.run` memoises the data of the last ``cache_size`` distinct requests
(path and query parameters), which matters for pages whose library functions scan every fused
event (the relations chart). Errors are never cached.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request

from ..actors import ActorKB, default_kb
from ..store import Store

Build = Callable[[Store, ActorKB, Mapping[str, str], QueryParams], dict[str, Any]]
DEFAULT_CACHE = 256
Key = tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]


class Backend:
    """The read-only store and knowledge base a running app serves, with a small LRU cache."""

    def __init__(
        self, db: str | Path, kb: ActorKB | None = None, cache_size: int = DEFAULT_CACHE
    ) -> None:
        self.store = Store(db, read_only=True)
        self.kb = kb or default_kb()
        self.cache_size = cache_size
        self._cache: OrderedDict[Key, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def view(self) -> Iterator[Store]:
        """A shallow copy of the store whose connection is a fresh cursor, for one request."""
        with self._lock:
            cursor = self.store.con.cursor()
        view = copy.copy(self.store)
        view.con = cursor
        try:
            yield view
        finally:
            cursor.close()

    def run(self, build: Build, request: Request) -> dict[str, Any]:
        """``build`` on this request's path and query parameters (cached; treat as read-only)."""
        query = tuple(
            sorted((k, v) for k, v in request.query_params.multi_items() if k != "format")
        )
        key: Key = (build.__qualname__, tuple(sorted(request.path_params.items())), query)
        with self._lock:
            if key in self._cache:
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
