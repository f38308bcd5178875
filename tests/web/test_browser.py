"""End to end in headless Chromium (Debian's `chromium`, driven by Playwright's Python
API): open a story, click a citation, check that the cited passage is highlighted; a
hostile article runs no script; no request leaves 127.0.0.1. Saves screenshots."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from browser import launch, needs_chromium, serving
from test_api import FERRY, build_store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    needs_chromium,
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("browser") / "s.sqlite")
    with serving(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = launch(pw)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A page that records console errors, dialogs and every request's host."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.events = {"errors": [], "dialogs": [], "hosts": set()}
    page.on(
        "console",
        lambda m: page.events["errors"].append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: page.events["errors"].append(str(e)))

    def on_dialog(dialog):
        page.events["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda r: page.events["hosts"].add(urlparse(r.url).hostname))
    yield page
    context.close()


def test_citation_opens_the_highlighted_passage(page, server, tmp_path):
    page.goto(server + "/")
    page.click("text=Ferry strike strands passengers in Orlen")
    page.wait_for_selector("#briefing")
    assert page.locator("svg.map circle.pin").count() == 1
    end = FERRY.index(".") + 1
    page.click(f'#briefing a.cite[href*="#p-0-{end}"]')
    page.wait_for_url(f"**/documents/d1?p=0-{end}#p-0-{end}")
    mark = page.locator(f"mark#p-0-{end}")
    mark.wait_for()
    assert mark.inner_text() == FERRY[:end]
    assert "flash" in (mark.get_attribute("class") or "")  # the script marked it
    assert page.evaluate("document.querySelector(':target').id") == f"p-0-{end}"
    color = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent")
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900  # scrolled into view
    shot = tmp_path / "citation.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 0
    assert page.events["errors"] == [] and page.events["hosts"] == {"127.0.0.1"}


def test_hostile_article_runs_nothing(page, server):
    page.goto(server + "/documents/d3")
    page.wait_for_selector("article.text")
    assert "<script>window.__pwned=1</script>" in page.inner_text("article.text")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("article.text img, article.text script").count() == 0
    page.goto(server + "/stories/s2")
    assert page.events["dialogs"] == []
    assert page.events["hosts"] == {"127.0.0.1"}


def test_story_page_shows_the_timeline_chart(page, server, tmp_path):
    page.goto(server + "/stories/s1")
    chart = page.locator("#timeline svg.timeline-chart")
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 40
    assert chart.locator("g.events circle").count() == 1  # the one dated event
    assert chart.locator("g.figure").count() == 1  # the passenger count, 2,000 then 1,950
    assert chart.locator("g.figure circle").count() == 2
    assert "Crews walk out" in chart.locator("g.events circle > title").text_content()
    chart.screenshot(path=str(tmp_path / "timeline-chart.png"))
    assert (tmp_path / "timeline-chart.png").stat().st_size > 0
    chart.locator("g.events a").first.click()  # a mark opens its source document
    page.wait_for_url("**/documents/d1")
    assert page.events["errors"] == [] and page.events["hosts"] == {"127.0.0.1"}


def test_add_article_from_the_browser(page, server):
    page.goto(server + "/add")
    page.fill("input[name=title]", "Lighthouse repainted")
    page.fill("textarea[name=text]", "Volunteers repainted the lighthouse at Orlen on Sunday.")
    page.click("button[type=submit]")
    page.wait_for_url("**/jobs/*")
    page.wait_for_selector("text=Back to the stories", timeout=120_000)
    page.click("text=Back to the stories")
    assert page.locator("text=Lighthouse repainted").count() >= 1 or "Lighthouse" in (
        page.content()
    )
    assert page.events["errors"] == []
