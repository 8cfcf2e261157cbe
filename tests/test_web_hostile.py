"""Every route with hostile parameters: never a 500, never a payload unescaped; limits hold.

The store is written through the library (no analysis needed: routes must hold whatever the
store holds), with a title that is itself a script payload.
"""

from __future__ import annotations

import asyncio
import re
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from dyad.model import Article, Metadata, article_id
from dyad.store import Store
from dyad.web import app as web_app

warnings.filterwarnings("ignore", message="Using .httpx. with .starlette.testclient")
from starlette.testclient import TestClient  # noqa: E402

from dyad.web import create_app  # noqa: E402

SCRIPT = "<script>alert(1)</script>"
PAYLOADS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "../../../../etc/passwd",
    "..%252f..%252fetc%252fpasswd",
    "2012-13-45",
    "2012-02-30",
    "99999-01-01",
    "-1",
    "-99999999999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "\x00",
    "%0d%0aSet-Cookie:%20x=1",
    "\u202eevil\u200f\U0001f600",
    "' OR 1=1; DROP TABLE articles; --",
]
PARAMS = ["q", "actor", "between", "type", "since", "until", "speaker", "contains", "limit",
          "offset", "a", "b", "by", "format"]  # fmt: skip
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("hostile") / "s.duckdb")
    text = f"Vladimir Putin met Barack Obama. {SCRIPT} was in the text."
    art = Article(id=article_id(text), source="x.txt", text=text,
                  meta=Metadata(title=f"{SCRIPT} title", published="2012-06-19"))  # fmt: skip
    with Store(path) as store:
        store.add([art])
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def routes() -> list[str]:
    paths = [p for p, _, _ in web_app.PAGES] + [p for p, _ in web_app.API]
    return [*paths, "/pair/{a}/{b}/relations.svg", "/openapi.json", "/static/{x}"]


def check(response_status: int, body: str, headers: dict[str, str], url: str) -> None:
    assert response_status < 500, (url[:200], response_status, body[:200])
    kind = headers["content-type"]
    if not kind.startswith("application/json"):  # JSON holds the payload as data, safely
        assert kind.startswith(("text/html", "image/svg+xml", "text/css")), kind
        assert SCRIPT not in body and "<img src=x" not in body, url[:200]
    assert "set-cookie" not in headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    for name, value in HEADERS.items():
        assert headers[name] == value


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_every_route_with_a_hostile_parameter(client: TestClient, payload: str) -> None:
    for route in routes():
        path = re.sub(r"\{(\w+)\}", lambda m: quote(payload, safe="")[:2000], route)
        for query in ({name: payload for name in PARAMS}, {"q": payload}, {"limit": payload}):
            response = client.get(path, params=query)
            check(response.status_code, response.text, dict(response.headers), path)


def raw_get(app: Any, path: str, query: bytes) -> tuple[int, dict[str, str], str]:
    """A GET straight into the ASGI app: httpx itself refuses queries over 64 KB."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": query, "root_path": "", "headers": [(b"host", b"testserver")],
             "client": ("192.0.2.1", 1234), "server": ("testserver", 80)}  # fmt: skip
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    # in a thread of its own: another test (the browser's) may leave an event loop running here
    worker = threading.Thread(target=asyncio.run, args=(app(scope, receive, send),))
    worker.start()
    worker.join()
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], headers, body.decode("utf-8", "replace")


def test_100kb_query_strings_on_every_route(db: str) -> None:
    strict, lenient = create_app(db), create_app(db, limits={"max_url": 10_000_000})
    try:
        for route in routes():
            path = route.replace("{", "").replace("}", "")
            for payload in ("A" * 100_000, (SCRIPT * 4000)[:100_000]):
                query = urlencode({name: payload for name in ("q", "actor", "a", "b")}).encode()
                status, headers, body = raw_get(strict, path, query)
                assert status == 414
                status, headers, body = raw_get(lenient, path, query)
                check(status, body, headers, path)
    finally:
        strict.state.backend.close()
        lenient.state.backend.close()


def test_negative_huge_and_odd_page_numbers_are_400(client: TestClient) -> None:
    for value in ("-1", "-5", "10000000000", "1.5", "0x10", "", " 3"):
        for param in ("limit", "offset"):
            response = client.get("/api/articles", params={param: value})
            assert response.status_code in (200, 400), (param, value)
            if value in ("-1", "10000000000"):
                assert response.status_code == 400 and response.json()["param"] == param


def test_templates_have_no_inline_script_style_or_handlers() -> None:
    """What the Content-Security-Policy forbids must not be in a template at all."""
    for template in (Path(web_app.HERE) / "templates").glob("*.html"):
        html = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html, re.I), template.name
        assert not re.search(r"\sstyle\s*=", html, re.I), template.name
        assert not re.search(r"\son[a-z]+\s*=", html, re.I), template.name
        assert "javascript:" not in html.lower(), template.name


def test_long_urls_and_large_bodies_are_refused(db: str) -> None:
    with TestClient(create_app(db, limits={"max_url": 1024, "max_body": 100})) as client:
        response = client.get("/api/articles", params={"q": "x" * 2000})
        assert response.status_code == 414 and "nosniff" in response.headers.values()
        response = client.request("GET", "/api/stats", content=b"x" * 1000)
        assert response.status_code == 413
        assert client.get("/api/stats").status_code == 200


def test_rate_limit_per_client_with_retry_after(db: str) -> None:
    limits = {"rate": 2.0, "burst": 3, "limit_loopback": True}
    with TestClient(create_app(db, limits=limits)) as client:
        codes = [client.get("/api/stats").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
        refused = client.get("/api/stats")
        assert refused.headers["retry-after"] == "1"
    with TestClient(create_app(db, limits={"rate": 0})) as client:  # off
        assert all(client.get("/api/stats").status_code == 200 for _ in range(20))
