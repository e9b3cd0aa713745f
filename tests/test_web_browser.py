"""The web app in a real browser: headless Chromium (Debian's, driven by Playwright) against a real
uvicorn server on a free port, over the example corpus and a hostile article.

Screenshots are saved under ``build/screenshots/`` as test artifacts. Every request the browser
makes is checked to stay on the server: nothing may come from a CDN or the network.
"""
from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportedly.web import create_app

from .test_web_api import HOSTILE, HOSTILE_TEXT, build_ledger

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A uvicorn server in a background thread on a free loopback port; yields its base URL."""
    import uvicorn

    app = create_app(build_ledger(tmp_path_factory.mktemp("browser")))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page; requests off the server are refused and recorded, script errors collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(server):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.base = server
    yield tab
    context.close()
    assert outside == [], f"the page fetched from outside the server: {outside}"
    assert errors == [], errors


def shot(page: Any, name: str, *, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def article_id(page: Any, doc_id: str) -> int:
    rows = page.request.get(f"{page.base}/api/articles?limit=200").json()["articles"]
    return int(next(r["id"] for r in rows if r["doc_id"] == doc_id))


def test_article_highlights_and_tooltip(page: Any) -> None:
    aid = article_id(page, "harbourwire-2031-03-04-dranov")
    data = page.request.get(f"{page.base}/api/articles/{aid}").json()
    page.goto(f"{page.base}/articles/{aid}")
    assert page.text_content("#article-text") == data["text"]  # highlighting adds and drops nothing
    denial = next(c for c in data["claims"] if c["record"]["cue"] and c["record"]["cue"]["text"] == "denied")
    n = denial["idx"]
    page.hover(f"#claim-{n}")
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert f"Claim {n}" in text and "Korvian Ministry of Defence" in text and "negating" in text
    assert "asserted (no hedge)" in text and "Conflicts" in text
    assert page.locator(f"mark.hl[data-claim='{n}'].active").count() >= 3  # its source, cue and content
    assert page.locator("mark.hl-content.depth-1").count() >= 1  # a nested attribution is drawn inside
    shot(page, "article-hover")


def test_certainty_band_and_scale_in_the_tooltip(page: Any) -> None:
    found = page.request.get(f"{page.base}/api/search?band=likely&limit=1").json()["claims"][0]
    aid = found["article_id"]
    data = page.request.get(f"{page.base}/api/articles/{aid}").json()
    hedged = next(c for c in data["claims"] if c["idx"] == found["idx"])
    page.goto(f"{page.base}/articles/{aid}")
    page.focus(f"#claim-{hedged['idx']}")  # focus shows it too
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    cert = hedged["record"]["certainty"]
    assert f"{cert['low']}–{cert['high']}%" in tip.inner_text() and cert["scale"] in tip.inner_text()


def test_pin_and_keyboard_navigation(page: Any) -> None:
    aid = article_id(page, "harbourwire-2031-03-04-dranov")
    page.goto(f"{page.base}/articles/{aid}")
    first = page.locator("#claim-0")
    first.click()
    assert first.get_attribute("aria-pressed") == "true"
    assert page.locator("#tip").get_attribute("class") == "tip pinned"
    assert page.url.endswith("#claim-0")
    page.mouse.move(5, 5)  # moving away keeps a pinned record
    assert page.locator("#tip").is_visible()
    assert "current" in (page.locator("#item-0").get_attribute("class") or "")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "claim-1"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "claim-2"
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == "claim-1"
    page.keyboard.press("Enter")
    assert page.locator("#claim-1").get_attribute("aria-pressed") == "true"
    assert first.get_attribute("aria-pressed") == "false"
    shot(page, "article-pinned")
    page.keyboard.press("Escape")
    assert page.locator("#claim-1").get_attribute("aria-pressed") == "false"
    assert page.locator("#tip").is_hidden()
    page.locator(".claim-list a[data-claim='3']").click()  # the side list pins too
    assert page.locator("#claim-3").get_attribute("aria-pressed") == "true"


def test_conflict_link_opens_the_exact_passage(page: Any) -> None:
    page.goto(f"{page.base}/conflicts")
    shot(page, "conflicts")
    pair = page.locator("article.pair").first
    link = pair.locator("a.passage").nth(1)
    target = link.get_attribute("href")
    match = re.fullmatch(r"/articles/(\d+)#claim-(\d+)", target or "")
    assert match, target
    quoted = pair.locator("blockquote").nth(1).inner_text()
    link.click()
    page.wait_for_url(f"**{target}")
    anchor = page.locator(f"#claim-{match[2]}")
    assert anchor.get_attribute("aria-pressed") == "true"
    assert anchor.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    whole = " ".join(m.inner_text() for m in page.locator(f"mark.hl-content[data-claim='{match[2]}']").all())
    assert quoted.split()[0] in whole and page.locator("#tip").is_visible()
    shot(page, "conflict-passage")


def test_analyse_form_then_save(page: Any) -> None:
    page.goto(f"{page.base}/analyse")
    page.fill("#an-text", "The port authority said on Friday that the ferry would likely resume service next week.")
    page.fill("#an-published", "2031-05-02")
    page.click("button[value='analyse']")
    page.wait_for_selector("#claim-0")
    assert "not saved" in page.inner_text(".article-head")
    page.hover("#claim-0")
    assert "2031-05-02" in page.inner_text("#tip")  # "on Friday" resolved against the date given
    shot(page, "analyse-result")
    page.click("button[value='save']")
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    assert "not saved" not in page.inner_text(".article-head") and page.locator("#claim-0").count() == 1


def test_numbers_chart_renders_points(page: Any) -> None:
    page.goto(f"{page.base}/numbers?event=killed")
    points = page.locator("svg.chart-svg a.point circle")
    assert points.count() >= 10
    first = page.locator("svg.chart-svg a.point").first
    assert re.fullmatch(r"/articles/\d+#claim-\d+", first.get_attribute("href") or "")
    assert page.locator("svg.chart-svg path[stroke]").count() >= 4  # one line per source
    shot(page, "numbers", full=True)
    first.click()
    page.wait_for_url(re.compile(r"/articles/\d+#claim-\d+$"))


def test_hostile_article_runs_nothing(page: Any) -> None:
    page.add_init_script("window.__pwned = undefined")
    aid = article_id(page, HOSTILE.id)
    for path in (f"/articles/{aid}", "/", "/articles", "/search?q=vote"):
        page.goto(page.base + path)
        for mark in page.locator("mark.hl").all():
            mark.hover()
        assert page.evaluate("window.__pwned") is None, path
    page.goto(f"{page.base}/articles/{aid}")
    assert page.text_content("#article-text") == HOSTILE_TEXT  # shown as text, literally
    assert page.locator("#article-text script, #article-text img, #article-text b").count() == 0
    assert page.inner_text("h1") == HOSTILE.title
    shot(page, "hostile-article")
    page.goto(f"{page.base}/analyse")  # the same through the analyse form
    page.fill("#an-text", HOSTILE_TEXT)
    page.click("button[value='analyse']")
    page.wait_for_selector("#claim-0")
    page.hover("#claim-0")
    assert page.evaluate("window.__pwned") is None


def test_docs_work_offline(page: Any) -> None:
    page.goto(f"{page.base}/docs")
    page.wait_for_selector(".opblock-summary-path")
    assert page.locator(".opblock").count() >= 10
    shot(page, "docs")


def test_sources_and_search_pages(page: Any) -> None:
    page.goto(f"{page.base}/sources")
    page.click("text=Korvian Ministry of Defence")
    page.wait_for_url(re.compile(r"/sources/Korvian"))
    assert "Claims over time" in page.inner_text("main")
    shot(page, "source")
    page.goto(f"{page.base}/search")
    page.fill("#q", "killed")
    page.select_option("#stance", "neutral")
    page.click(".search-form button")
    page.wait_for_url(re.compile(r"q=killed"))
    assert page.locator("table.rows tbody tr").count() >= 3
    shot(page, "search")
