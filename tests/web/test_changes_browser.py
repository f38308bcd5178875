"""The 'What changed' page in headless Chromium, after two real runs into a store (two
of the invented Marrowick articles of test_cli_changes, each `analyze FILE --db`): the
latest run's delta lines show and cite its document as links; the run selector switches
to the first run; a citation opens its document; no console error, no request leaves
127.0.0.1."""

from __future__ import annotations

import re

import pytest
from browser import needs_chromium, serving

# The browser and page fixtures of test_browser; `page` uses this module's `server`.
from test_browser import browser, page  # noqa: F401
from test_cli_changes import ARTICLES

from storyline.config import Settings
from storyline.pipeline import analyze
from storyline.store import open_store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    needs_chromium,
]


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("changes-browser")
    db = str(folder / "s.sqlite")
    for name, text in ARTICLES[:2]:  # two runs: d1, then d2
        path = folder / name
        path.write_text(text, encoding="utf-8")
        analyze([str(path)], Settings(db=db))
    store = open_store(db)
    assert [r.new_documents for r in store.runs()] == [["d1"], ["d2"]]
    with serving(store) as url:
        yield url
    store.close()


def delta_lines(tab) -> list[tuple[str, list[str]]]:
    """(text, cited document links) of every line of the delta shown."""
    out = []
    for item in tab.locator("section.delta-story li").all():
        links = [a.get_attribute("href") for a in item.locator("a").all()]
        out.append((item.inner_text(), links))
    return out


def test_delta_page_shows_cited_lines_and_switches_runs(page, server, tmp_path):  # noqa: F811
    page.goto(server + "/changes")
    page.wait_for_selector("section.delta-story li")
    assert page.locator("select[name=run] option:checked").get_attribute("value") == "2"
    latest = delta_lines(page)
    texts = [text for text, _ in latest]
    assert any(t.startswith("New document d2") for t in texts), texts
    assert any(t.startswith("New speaker") and "Varnow" in t for t in texts), texts
    assert any(t.startswith("Accusation") for t in texts), texts
    # Every line ends with its citations, each a link to the new document only.
    for text, links in latest:
        assert text.endswith("[d2]"), text
        assert links == ["/documents/d2"], (text, links)
    assert "New story" not in page.inner_text("main")  # the second report joins the story
    page.screenshot(path=str(tmp_path / "changes-run2.png"), full_page=True)

    # The run selector: run 1, the first run, tells a new story citing d1 only.
    page.select_option("select[name=run]", "1")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*/changes\?run=1$"))
    page.wait_for_selector("section.delta-story li")
    assert page.locator("select[name=run] option:checked").get_attribute("value") == "1"
    assert "the first run" in page.inner_text("main")
    assert page.locator("section.delta-story h2", has_text="New story").count() == 1
    first = delta_lines(page)
    assert any(t.startswith("New document d1") for t, _ in first)
    assert any("Brekker" in t for t, _ in first)
    for text, links in first:
        assert text.endswith("[d1]") and links == ["/documents/d1"], (text, links)
    assert first != latest

    # A citation opens the document it names.
    page.locator("section.delta-story li a", has_text="d1").first.click()
    page.wait_for_url("**/documents/d1")
    page.wait_for_selector("article.text")
    assert "Marrowick" in page.inner_text("article.text")

    assert page.events["errors"] == []
    assert page.events["dialogs"] == []
    assert page.events["hosts"] == {"127.0.0.1"}
