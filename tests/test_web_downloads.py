"""CSV and JSON downloads of the web listing pages (events, quotes, articles, timeline).

The links on each page are followed with Starlette's TestClient over a store made by the real
``dyad ingest`` from the samples; the rows must be the ones the page's JSON gives for the same
filters (all of them, not one page), in the same order.
"""

from __future__ import annotations

import csv
import html
import io
import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import SAMPLES, run_dyad

warnings.filterwarnings("ignore", message="Using .httpx. with .starlette.testclient")
from starlette.testclient import TestClient  # noqa: E402

from dyad.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("downloads") / "web.duckdb"
    result = run_dyad("ingest", str(SAMPLES), "--db", str(path))
    assert result.returncode == 0, result.stderr.decode()
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c


def links(client: TestClient, page: str) -> dict[str, str]:
    response = client.get(page)
    assert response.status_code == 200, page
    block = re.search(r'<p class="downloads">(.*?)</p>', response.text, flags=re.S)
    assert block, f"{page} has download links"
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', block[1])]
    return {h.split("?")[0].rsplit(".", 1)[1]: h for h in hrefs}


def fetched(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:200])
    assert "attachment" in response.headers["content-disposition"]
    if url.split("?")[0].endswith(".csv"):
        assert response.headers["content-type"].startswith("text/csv")
        return list(csv.DictReader(io.StringIO(response.text)))
    return response.json()


@pytest.mark.parametrize(
    ("page", "api", "key"),
    [
        ("/events?between=Obama,Putin&since=2012-06", "/api/events", ("article_id", "idx")),
        ("/quotes?speaker=Putin", "/quotes", ("article_id", "start")),
        ("/articles?q=Obama", "/articles", ("id",)),
    ],
)
def test_downloads_give_the_pages_rows(
    client: TestClient, page: str, api: str, key: tuple[str, ...]
) -> None:
    query = page.split("?")[1]
    items = client.get(f"{api}?{query}&format=json&limit=500").json()["items"]
    assert items, page
    found = links(client, page + "&limit=2")  # a small page: the download still has every row
    as_json, as_csv = fetched(client, found["json"]), fetched(client, found["csv"])
    expected = [tuple(str(r[k]) for k in key) for r in items]
    assert [tuple(str(r[k]) for k in key) for r in as_json] == expected
    assert [tuple(r[k] for k in key) for r in as_csv] == expected
    assert as_json[0] == {k: items[0][k] for k in as_json[0]}


def test_timeline_download_is_the_pair_pages_story(client: TestClient) -> None:
    found = links(client, "/pair/Obama/Putin")
    entries = client.get("/api/timeline?a=barack-obama&b=vladimir-putin").json()["entries"]
    as_json, as_csv = fetched(client, found["json"]), fetched(client, found["csv"])
    assert [e["id"] for e in as_json] == [e["id"] for e in entries] == [r["id"] for r in as_csv]
    summit = next(r for r in as_csv if r["date"] == "2012-06-18" and r["type"] == "CONSULT")
    assert int(summit["n_sources"]) >= 3 and "Barack Obama" in summit["actors"]


def test_timeline_download_holds_the_folded_entries_too(client: TestClient) -> None:
    """With ``max_entries`` the pair page folds the rest away; the download has them all."""
    page = "/pair/barack-obama/vladimir-putin?max_entries=2"
    shown = client.get(page + "&format=json").json()
    assert len(shown["timeline"]) == 2 and shown["more"], "the samples fold some entries"
    expected = [e["id"] for e in shown["timeline"] + shown["more"]]
    found = links(client, page)
    as_json, as_csv = fetched(client, found["json"]), fetched(client, found["csv"])
    assert [e["id"] for e in as_json] == expected == [r["id"] for r in as_csv]
    assert [e["chosen"] for e in as_json] == [i < 2 for i in range(len(expected))]
    assert [r["chosen"] for r in as_csv][:3] == ["True", "True", "False"]


def test_bad_downloads(client: TestClient) -> None:
    assert client.get("/download/entities.csv").status_code == 404
    assert client.get("/download/events.xml").status_code == 404
    assert client.get("/download/events.csv?since=June").status_code == 400
    assert client.get("/download/timeline.json").status_code == 400  # a is required
