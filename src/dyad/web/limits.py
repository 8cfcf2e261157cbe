"""Request limits for ``dyad serve``: URL and body size, and a per-client rate limit.

Sized for a local tool. Every route is a GET with a few short parameters, so a URL longer
than ``max_url`` bytes is refused (414) before any routing, and so is a request announcing a
body over ``max_body`` bytes (413). The rate limit is a token bucket per client address:
``rate`` requests a second on average, bursts of ``burst``; over it a client gets 429 with
``Retry-After``. The machine's own addresses (loopback) are not limited by default, since the
user runs their own scripts against their own server; a server bound to another address
limits everyone else. ``rate=0`` turns the limit off. At most :data:`MAX_CLIENTS` buckets are
kept (the least recently seen go first), so many clients cannot grow memory without bound.
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from collections import OrderedDict

from starlette.types import ASGIApp, Receive, Scope, Send

DEFAULT_MAX_URL = 8192
DEFAULT_MAX_BODY = 65536
DEFAULT_RATE = 50.0
MAX_CLIENTS = 10_000


class Limits:
    """ASGI middleware enforcing the limits above."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_url: int = DEFAULT_MAX_URL,
        max_body: int = DEFAULT_MAX_BODY,
        rate: float = 0.0,
        burst: float | None = None,
        limit_loopback: bool = False,
    ) -> None:
        self.app = app
        self.max_url = max_url
        self.max_body = max_body
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, 5 * rate)
        self.limit_loopback = limit_loopback
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self._refusal(scope)
        if refused is None:
            await self.app(scope, receive, send)
            return
        status, message, headers = refused
        body = json.dumps({"error": message}).encode()
        headers = [(b"content-type", b"application/json"),
                   (b"content-length", str(len(body)).encode()), *headers]  # fmt: skip
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _refusal(self, scope: Scope) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "replace")
        if len(path) + len(scope.get("query_string", b"")) > self.max_url:
            return 414, f"URL longer than {self.max_url} bytes", []
        length = dict(scope.get("headers", [])).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_body:
            return 413, f"request body over {self.max_body} bytes", []
        client = (scope.get("client") or ("unknown", 0))[0]
        if self.rate > 0 and (self.limit_loopback or not _is_loopback(client)):
            wait = self._take(client)
            if wait > 0:
                retry = str(max(1, int(wait + 0.999))).encode()
                return 429, "too many requests; slow down", [(b"retry-after", retry)]
        return None

    def _take(self, client: str) -> float:
        """Take a token from ``client``'s bucket; 0 if there was one, else seconds to wait."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
        return wait


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
