"""``dyad serve`` end to end in a real headless Chromium (Python ``playwright``).

A store made by ``python -m dyad ingest samples/``, a real ``dyad serve`` subprocess on a free
loopback port, and a browser that searches for Putin, opens the Obama–Putin pair page, reads
the encounters (date, status, sources), opens an article and finds Obama's quote highlighted
with his name. The pair page is screenshotted to a temporary file, or to
``docs/pair-page.png`` when ``DYAD_SCREENSHOT=1`` (so a test run leaves the tree clean). Skipped
when Chromium
(``/usr/bin/chromium``; Debian: ``apt-get install -y chromium``) or playwright is missing.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SAMPLES, run_dyad

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DOC_SCREENSHOT = ROOT / "docs" / "pair-page.png"
GOLD = [  # (type, date prefix, acceptable statuses, minimum sources), gold.json "timeline"
    ("CONSULT", "2012-06-18", {"occurred"}, 3),
    ("CONSULT", "2013", {"cancelled", "planned"}, 1),
    ("CONSULT", "2016-09", {"planned"}, 1),
]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed"),
    pytest.mark.skipif(
        importlib.util.find_spec("playwright") is None, reason="playwright not installed"
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_command() -> list[str]:
    """The real ``dyad serve`` command line."""
    return [sys.executable, "-m", "dyad", "serve"]


def wait_for(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"dyad serve exited: {err}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"dyad serve did not listen on port {port} in {timeout}s")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "samples.duckdb"
    result = run_dyad("ingest", str(SAMPLES), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    port = free_port()
    process = subprocess.Popen(
        [*serve_command(), "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
    tab.errors = errors
    yield tab
    context.close()
    assert errors == [], errors  # no CSP violation, failed resource or script dialog


def test_search_leads_to_the_actor_and_the_pair_page(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.fill(".hero input[name=q]", "Putin")
    page.press(".hero input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Putin")
    page.click("#actors >> text=Vladimir Putin")
    page.wait_for_url("**/actors/vladimir-putin")
    assert "President of Russia" in page.inner_text("main")
    page.click(".chips >> text=Barack Obama")
    page.wait_for_url("**/pair/vladimir-putin/barack-obama")
    assert page.locator("ol.timeline > li.entry").count() >= 1


def test_pair_page_shows_the_gold_encounters(server: str, page: Any) -> None:
    page.goto(server + "/pair/barack-obama/vladimir-putin")
    for event_type, date, statuses, min_sources in GOLD:
        found = []
        for entry in page.locator(f'li.entry[data-type="{event_type}"]').all():
            status = entry.locator(".when .badge.status").inner_text().strip().lower()
            sources = entry.locator("ol.sources > li").count()
            if (
                (entry.get_attribute("data-date") or "").startswith(date)
                and status in statuses
                and sources >= min_sources
                and entry.locator(".when .date").is_visible()
            ):
                found.append(entry)
        assert found, f"no {event_type} on {date} ({'/'.join(statuses)}, {min_sources}+ sources)"


def test_pair_page_screenshot(server: str, page: Any, tmp_path: Path) -> None:
    page.goto(server + "/pair/barack-obama/vladimir-putin")
    page.wait_for_load_state("networkidle")
    assert page.locator(".chart img").evaluate("img => img.naturalWidth") > 0
    shot = DOC_SCREENSHOT if os.environ.get("DYAD_SCREENSHOT") == "1" else tmp_path / "pair.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_article_shows_the_quote_with_its_speaker(server: str, page: Any) -> None:
    page.goto(server + "/pair/barack-obama/vladimir-putin")
    page.locator("ol.sources a", has_text="Putin, Obama Meet Ahead of G20").first.click()
    page.wait_for_url("**/articles/*")
    assert page.inner_text("h1") == "Putin, Obama Meet Ahead of G20"
    quote = page.locator("mark.quote", has_text="candid, thoughtful and thorough")
    assert quote.count() == 1 and quote.is_visible()
    assert quote.get_attribute("title") == "Barack Obama"
    label = quote.locator("xpath=following-sibling::span[1]")
    assert label.get_attribute("class") == "who" and label.inner_text() == "Barack Obama"
    assert label.is_visible()
    colour = quote.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet loaded
