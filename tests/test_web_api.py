"""The web interface and JSON API (``dyad serve``) through Starlette's TestClient.

One store for the module, made by the real ``dyad ingest`` from the bundled samples plus an
article whose title and text hold HTML/script payloads. Every route is exercised, with the
CLI's filter names, pagination, bad parameters (400), unknown things (404) and escaping.
"""

from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES, run_dyad

warnings.filterwarnings("ignore", message="Using .httpx. with .starlette.testclient")
from starlette.testclient import TestClient  # noqa: E402

from dyad.web import create_app  # noqa: E402

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
XSS_TEXT = (
    "Vladimir Putin met Barack Obama in Moscow on Monday, officials said. "
    f'"{SCRIPT} is not a policy," Putin told reporters after the talks. '
    f"A spokesman added that the page {IMG} had been removed. "
    "Both leaders agreed to meet again next year in Washington to discuss trade and security."
)
GOLD = [  # /work/shared/samples/gold.json "timeline": Obama and Putin after all five samples
    {"type": "CONSULT", "date": "2012-06-18", "status": {"occurred"}, "min_sources": 3},
    {"type": "CONSULT", "date": "2013", "status": {"cancelled", "planned"}, "min_sources": 1},
    {"type": "CONSULT", "date": "2016-09", "status": {"planned"}, "min_sources": 1},
]
OBAMA_PUTIN_ARTICLE = "2508a96ee474"  # samples/000: "Putin, Obama Meet Ahead of G20"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("web")
    xss = folder / "xss.jsonl"
    record = {
        "title": f"{SCRIPT} Test headline",
        "text": XSS_TEXT,
        "published": "2015-03-02",
        "outlet": "Evil <b>Outlet</b>",
        "url": "javascript:alert(1)",
    }
    xss.write_text(json.dumps(record) + "\n", encoding="utf-8")
    path = folder / "web.duckdb"
    result = run_dyad("ingest", str(SAMPLES), str(xss), "--db", str(path))
    assert result.returncode == 0, result.stderr.decode()
    return str(path)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def get_json(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def xss_id(client: TestClient) -> str:
    items = get_json(client, "/api/articles?q=Test headline")["items"]
    assert len(items) == 1
    return str(items[0]["id"])


def matches_gold(entries: list[dict[str, Any]]) -> list[bool]:
    return [
        any(
            e["type"] == g["type"]
            and (e["date"] or "").startswith(str(g["date"]))
            and e["status"] in g["status"]
            and len(e["sources"]) >= int(g["min_sources"])  # type: ignore[call-overload]
            for e in entries
        )
        for g in GOLD
    ]


# -- pages -----------------------------------------------------------------------------------


def test_home_shows_stats_and_sets_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert 'action="/search"' in response.text
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    stats = get_json(client, "/?format=json")["stats"]
    assert stats["articles"] == 6 and stats["quotes"] > 0
    assert get_json(client, "/api/stats") == stats


def test_search_finds_actors_quotes_and_articles(client: TestClient) -> None:
    found = get_json(client, "/api/search?q=Putin")
    assert found["actors"][0]["id"] == "vladimir-putin"
    assert any(e["id"] == "vladimir-putin" for e in found["entities"])
    assert found["articles"]
    page = client.get("/search?q=Putin")
    assert page.status_code == 200 and 'href="/actors/vladimir-putin"' in page.text
    assert get_json(client, "/search?q=candid&format=json")["quotes"][0]["speaker_id"] == (
        "barack-obama"
    )


def test_actor_page_by_name_or_id(client: TestClient) -> None:
    by_name = get_json(client, "/api/actors/Putin")
    assert by_name["id"] == "vladimir-putin"
    assert get_json(client, "/actors/vladimir-putin?format=json")["id"] == "vladimir-putin"
    assert any(r["title"] == "President of Russia" for r in by_name["kb"]["roles"])
    assert by_name["counterparts"][0]["id"] == "barack-obama"
    assert by_name["quotes"]["items"] and by_name["articles"]
    page = client.get("/actors/Obama")
    assert page.status_code == 200
    assert "President of the United States" in page.text and "/pair/barack-obama/" in page.text


def test_pair_page_shows_the_fused_timeline(client: TestClient) -> None:
    found = get_json(client, "/pair/Obama/Putin?format=json")
    assert found["a"]["id"] == "barack-obama" and found["b"]["id"] == "vladimir-putin"
    assert all(matches_gold(found["timeline"])), found["timeline"]
    page = client.get("/pair/barack-obama/vladimir-putin")
    assert page.status_code == 200
    assert "18 June 2012" in page.text and 'class="badge status s-occurred"' in page.text
    assert "relations.svg" in page.text
    svg = client.get("/pair/barack-obama/vladimir-putin/relations.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.startswith("<svg")
    short = client.get("/pair/barack-obama/vladimir-putin?max_entries=1")
    assert short.status_code == 200 and "on less important dates</summary>" in short.text
    assert short.text.index("18 June 2012") < short.text.index("on less important dates")
    assert get_json(client, "/pair/Obama/Putin?format=json&max_entries=1")["more"]


def test_article_page_highlights_quotes_with_speakers(client: TestClient) -> None:
    found = get_json(client, f"/articles/{OBAMA_PUTIN_ARTICLE}?format=json")
    assert found["title"] == "Putin, Obama Meet Ahead of G20"
    assert found["entities"] and found["quotes"] and found["events"]
    page = client.get(f"/articles/{found['id']}").text
    assert (
        '<mark class="quote" title="Barack Obama">candid, thoughtful and thorough</mark>'
        '<span class="who">Barack Obama</span>'
    ) in page
    assert '<a class="ent t-person" href="/actors/vladimir-putin"' in page
    assert 'class="evsent"' in page
    assert get_json(client, f"/api/articles/{found['id']}") == found


def test_quotes_page_filters_like_the_cli(client: TestClient) -> None:
    obama = get_json(client, "/api/quotes?speaker=Obama")["items"]
    assert obama and all(q["speaker_id"] == "barack-obama" for q in obama)
    assert get_json(client, "/quotes?speaker=barack-obama&format=json")["items"] == obama
    candid = get_json(client, "/api/quotes?contains=thoughtful")["items"]
    assert [q["text"] for q in candid] == ["candid, thoughtful and thorough"]
    page = client.get("/quotes?speaker=Obama&contains=candid")
    assert page.status_code == 200 and "candid, thoughtful and thorough" in page.text


def test_pagination_pages_through_lists(client: TestClient) -> None:
    first = get_json(client, "/api/quotes?limit=2")
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    second = get_json(client, "/api/quotes?limit=2&offset=2")
    assert second["items"] != first["items"]
    everything = get_json(client, "/api/quotes?limit=500")
    assert everything["next_offset"] is None
    assert everything["items"][:4] == first["items"] + second["items"]
    assert get_json(client, "/api/articles?limit=1&offset=5")["next_offset"] is None


def test_events_api_with_the_cli_filters(client: TestClient) -> None:
    putin = get_json(client, "/api/events?actor=Putin&limit=500")["items"]
    assert putin
    comma = get_json(client, "/api/events?between=Obama,Putin&limit=500")["items"]
    repeated = get_json(client, "/api/events?between=Obama&between=vladimir-putin&limit=500")
    assert comma and comma == repeated["items"]
    consult = get_json(client, "/api/events?between=Obama,Putin&type=consult&limit=500")["items"]
    assert consult and all(e["type"] == "CONSULT" for e in consult)
    june = get_json(client, "/api/events?actor=Putin&since=2012-06&until=2012-06&limit=500")
    assert june["items"] and len(june["items"]) < len(putin)
    assert all((e["date"] or e["published"]).startswith("2012") for e in june["items"])


def test_timeline_api_resolves_names_like_the_cli(client: TestClient) -> None:
    short = get_json(client, "/api/timeline?a=Obama&b=Putin")["entries"]
    long = get_json(client, "/api/timeline?a=barack-obama&b=Vladimir%20Putin")["entries"]
    assert short == long and all(matches_gold(short))
    one = get_json(client, "/api/timeline?a=Putin&max_entries=0")["entries"]
    assert len(one) >= len(short)
    rel = get_json(client, "/api/relations?a=Obama&b=Putin&by=year")
    assert rel["rows"] and rel["rows"][0]["period"] == "2012"


def test_articles_api_lists_and_finds_by_id_or_prefix(client: TestClient) -> None:
    items = get_json(client, "/api/articles?q=G20")["items"]
    assert items and all("id" in a for a in items)
    full = items[0]["id"]
    assert get_json(client, f"/api/articles/{full}")["id"] == full
    assert get_json(client, f"/api/articles/{full[:12]}")["id"] == full


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/events?since=2012-13-45", "since"),
        ("/api/events?until=yesterday", "until"),
        ("/api/events?type=HUG", "type"),
        ("/api/events?between=Obama", "between"),
        ("/api/events?between=a,b,c", "between"),
        ("/api/quotes?limit=0", "limit"),
        ("/api/quotes?limit=501", "limit"),
        ("/api/quotes?limit=ten", "limit"),
        ("/api/articles?offset=-1", "offset"),
        ("/api/timeline", "a"),
        ("/api/timeline?a=Obama&max_entries=-3", "max_entries"),
        ("/api/relations?a=Obama&b=Putin&by=week", "by"),
        ("/api/search?q=" + "x" * 201, "q"),
        ("/quotes?format=xml", "format"),
        ("/pair/Obama/Putin?format=json&by=decade", "by"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client: TestClient, url: str, param: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.text[:200]
    if url.startswith("/api/") or "format=json" in url:
        body = response.json()
        assert body["param"] == param and body["error"]
    else:
        assert "Bad request" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/0123456789abcdef",
        "/api/articles/nothex!",
        "/api/articles/abc",
        "/api/actors/Nobody%20Atall%20Xyz",
        "/api/nothing",
        "/articles/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_unknown_things_are_404(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    if url.startswith("/api/"):
        assert response.json()["error"]


def test_unknown_page_is_an_html_404(client: TestClient) -> None:
    response = client.get("/actors/Nobody%20Atall%20Xyz")
    assert response.status_code == 404 and "Not found" in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_openapi_describes_every_api_route(client: TestClient) -> None:
    spec = get_json(client, "/openapi.json")
    assert spec["openapi"].startswith("3.")
    for path in (
        "/api/events",
        "/api/quotes",
        "/api/timeline",
        "/api/articles",
        "/api/articles/{ident}",
        "/api/actors/{ident}",
    ):
        assert path in spec["paths"]
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert names >= {"actor", "between", "type", "since", "until", "limit", "offset"}


def test_article_text_is_escaped_everywhere(client: TestClient) -> None:
    ident = xss_id(client)
    pages = [
        client.get(f"/articles/{ident}").text,
        client.get("/articles").text,
        client.get("/search?q=alert").text,
        client.get("/quotes?contains=policy").text,
        client.get(f"/search?q={SCRIPT}").text,
    ]
    for html in pages:
        assert "<script" not in html and "<img src=x" not in html
    article = pages[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&gt;&lt;img src=x onerror=alert(1)&gt;" in article
    assert "Evil &lt;b&gt;Outlet&lt;/b&gt;" in article
    assert "javascript:" not in article  # only http(s) URLs become links
    assert get_json(client, f"/api/articles/{ident}")["text"] == XSS_TEXT  # JSON keeps the text


def test_static_files_only_from_the_package(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    for url in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fstore%2fstore.py",
        "/static//etc/passwd",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "import" not in response.text


def test_odd_input_never_gives_a_server_error(client: TestClient) -> None:
    odd = ["%00", "'; DROP TABLE articles; --", "ünïcødé", "a" * 150, "%", "2012-02-30", ",,"]
    routes = [
        "/api/events?actor={}",
        "/api/events?since={}",
        "/api/quotes?speaker={}",
        "/api/quotes?contains={}",
        "/api/timeline?a={}&b={}",
        "/api/articles?q={}",
        "/api/actors/{}",
        "/api/articles/{}",
        "/search?q={}",
        "/pair/{}/{}",
        "/quotes?speaker={}",
        "/actors/{}",
        "/api/relations?a={}&b={}",
        "/api/events?between={}",
    ]
    for route in routes:
        for value in odd:
            response = client.get(route.format(value, value))
            assert response.status_code < 500, (route, value, response.text[:200])


def test_concurrent_requests_each_use_their_own_cursor(client: TestClient) -> None:
    failures: list[str] = []

    def worker() -> None:
        for url in ("/api/timeline?a=Obama&b=Putin", "/api/quotes?speaker=Putin", "/"):
            response = client.get(url)
            if response.status_code != 200:
                failures.append(f"{url}: {response.status_code}")

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = run_dyad_serve("--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1
    assert b"no such store" in result.stderr


def run_dyad_serve(*args: str) -> Any:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "dyad", "serve", *args],
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_cached_and_uncached_answers_agree(db: str, client: TestClient) -> None:
    with TestClient(create_app(db, cache_size=0)) as uncached:
        for url in (
            "/api/timeline?a=Obama&b=Putin",
            "/pair/Obama/Putin?format=json",
            "/api/quotes?speaker=Putin&limit=3",
        ):
            assert uncached.get(url).json() == client.get(url).json() == client.get(url).json()


def test_serve_help_has_examples() -> None:
    result = run_dyad_serve("--help")
    assert result.returncode == 0
    assert b"Examples:" in result.stdout and b"--db" in result.stdout


def test_openapi_describes_the_downloads() -> None:
    from dyad.web.downloads import LISTINGS
    from dyad.web.openapi import openapi_spec

    paths = openapi_spec()["paths"]
    for listing in LISTINGS:
        get = paths[f"/download/{listing}.{{fmt}}"]["get"]
        fmt = next(p for p in get["parameters"] if p["name"] == "fmt")
        assert fmt["in"] == "path" and fmt["schema"]["enum"] == ["csv", "json"]
        assert set(get["responses"]["200"]["content"]) == {"text/csv", "application/json"}
    events = paths["/download/events.{fmt}"]["get"]["parameters"]
    assert {p["name"] for p in events} == {"fmt", "actor", "between", "type", "since", "until"}
    timeline = paths["/download/timeline.{fmt}"]["get"]["parameters"]
    assert [p["name"] for p in timeline if p["required"]] == ["fmt", "a"]
