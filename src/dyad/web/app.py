"""The Starlette application behind ``dyad serve``: pages, JSON API, static files, errors.

:func:`create_app` serves the store read-only through :class:`~dyad.web.backend.Backend`,
which lets go of it whenever an ingest writes (a request that cannot wait it out is a 503
with ``Retry-After``); each request works on its own DuckDB cursor (connections are not
thread-safe, and sync endpoints run in a thread pool). Pages are
Jinja2 templates with autoescaping on, over the dicts built by :mod:`dyad.web.data`; the same
route with ``?format=json`` returns that dict, and ``/api/...`` routes return the data only.
Bad parameters are 400, unknown things 404, both as JSON for the API; every response carries
a strict Content-Security-Policy (no inline scripts or styles, nothing from other origins).
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..actors import ActorKB
from ..store.locking import StoreBusy
from ..stories.svg import relations_svg
from . import data
from .backend import DEFAULT_CACHE, DEFAULT_WAIT, Backend, Build
from .downloads import download_endpoint
from .highlight import article_marks, highlight
from .limits import Limits
from .openapi import openapi_spec
from .params import BadParam, NotFound

HERE = Path(__file__).resolve().parent
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
log = logging.getLogger("dyad.web")
#: Seconds a client is asked to wait (``Retry-After``) when a write keeps the store busy.
RETRY_AFTER = 1
Endpoint = Callable[[Request], Response]


class SecurityHeaders:
    """ASGI middleware that adds :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


MONTHS = [calendar.month_name[m] for m in range(1, 13)]


def human_date(value: str | None) -> str:
    """``2012-06-18`` as ``18 June 2012``, ``2012-06`` as ``June 2012``; others unchanged."""
    if not value:
        return "undated"
    parts = value.split("-")
    if len(parts) >= 2 and all(x.isdigit() for x in parts[:3]) and 1 <= int(parts[1]) <= 12:
        month = MONTHS[int(parts[1]) - 1]
        return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
    return value


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.query_params.get("format") == "json"


def _format(request: Request) -> str:
    fmt = request.query_params.get("format") or "html"
    if fmt not in ("html", "json"):
        raise BadParam("format", f"{fmt!r} is not html or json")
    return fmt


PAGES: list[tuple[str, str, Build]] = [
    ("/", "home.html", data.home),
    ("/search", "search.html", data.search),
    ("/actors/{ident}", "actor.html", data.actor),
    ("/pair/{a}/{b}", "pair.html", data.pair),
    ("/articles", "articles.html", data.articles),
    ("/articles/{ident}", "article.html", data.article),
    ("/quotes", "quotes.html", data.quotes),
    ("/events", "events.html", data.events_page),
]
API: list[tuple[str, Build]] = [
    ("/api/stats", data.stats),
    ("/api/search", data.search),
    ("/api/events", data.events),
    ("/api/quotes", data.quotes),
    ("/api/timeline", data.timeline),
    ("/api/relations", data.relations_data),
    ("/api/articles", data.articles),
    ("/api/articles/{ident}", data.article),
    ("/api/actors/{ident}", data.actor),
]


def _article_view(found: dict[str, Any]) -> dict[str, Any]:
    """What the article template needs beyond the data: the highlighted text."""
    return {"body": highlight(found["text"], article_marks(found))}


VIEWS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {"article.html": _article_view}


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    env.filters["human_date"] = human_date
    return Jinja2Templates(env=env)


def _page(backend: Backend, templates: Jinja2Templates, template: str, build: Build) -> Endpoint:
    """A page: ``build``'s dict rendered by ``template``, or as JSON with ``?format=json``."""

    def endpoint(request: Request) -> Response:
        fmt = _format(request)
        found = backend.run(build, request)
        if fmt == "json":
            return JSONResponse(found)
        view = VIEWS.get(template)
        context = {"data": found, **(view(found) if view else {})}
        return templates.TemplateResponse(request, template, context)

    return endpoint


def _api(backend: Backend, build: Build) -> Endpoint:
    def endpoint(request: Request) -> Response:
        return JSONResponse(backend.run(build, request))

    return endpoint


def _chart(backend: Backend) -> Endpoint:
    def relations_chart(request: Request) -> Response:
        found = backend.run(data.pair, request)
        title = f"{found['a']['name']} – {found['b']['name']}"
        return Response(relations_svg(found["relations"], title), media_type="image/svg+xml")

    return relations_chart


def _openapi(request: Request) -> Response:
    return JSONResponse(openapi_spec())


def create_app(
    db: str | Path,
    *,
    kb: ActorKB | None = None,
    cache_size: int = DEFAULT_CACHE,
    wait: float = DEFAULT_WAIT,
    limits: dict[str, Any] | None = None,
) -> Starlette:
    """The ASGI app over the store in ``db`` (raises :class:`~dyad.errors.StoreError`);
    ``cache_size`` distinct answers are memoised (0: none); a request waits up to ``wait``
    seconds for a write in progress, then gets 503 with ``Retry-After``. ``limits`` are
    options of :class:`~dyad.web.limits.Limits` (URL and body size, rate per client)."""
    backend = Backend(db, kb, cache_size, wait)
    templates = _templates()

    def errors(request: Request, exc: Exception) -> Response:
        return _error_response(templates, request, exc)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        backend.close()

    routes: list[BaseRoute] = [
        Route(path, _page(backend, templates, t, build)) for path, t, build in PAGES
    ]
    routes += [Route(path, _api(backend, build)) for path, build in API]
    routes += [
        Route("/pair/{a}/{b}/relations.svg", _chart(backend)),
        Route("/download/{listing}.{fmt}", download_endpoint(backend)),
        Route("/openapi.json", _openapi),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    handlers = {BadParam: errors, NotFound: errors, HTTPException: errors, StoreBusy: errors,
                Exception: errors}  # fmt: skip
    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.add_middleware(Limits, **(limits or {}))
    app.add_middleware(SecurityHeaders)  # outermost: refusals carry the headers too
    app.state.backend = backend
    return app


def _error_response(templates: Jinja2Templates, request: Request, exc: Exception) -> Response:
    if isinstance(exc, BadParam):
        status, body = 400, {"error": exc.message, "param": exc.param}
    elif isinstance(exc, NotFound):
        status, body = 404, {"error": str(exc)}
    elif isinstance(exc, HTTPException):
        status, body = exc.status_code, {"error": exc.detail}
    elif isinstance(exc, StoreBusy):  # an ingest is writing: the client should come back
        status, body = 503, {"error": "the store is being written; try again shortly"}
    else:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        status, body = 500, {"error": "internal error"}
    headers = {"Retry-After": str(RETRY_AFTER)} if status == 503 else None
    if _wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "error": body}, status_code=status,
        headers=headers,
    )  # fmt: skip
