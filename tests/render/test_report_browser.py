"""report.html opens in headless Chromium with no console errors and no network requests."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import launch, needs_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _open(path: Path, shot: Path) -> tuple[list[str], list[str]]:
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    messages: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
            page.goto(path.as_uri(), wait_until="load")
            page.click("a.cite")  # citations jump within the page
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    return requests, messages


@needs_chromium
def test_seed_report_opens_offline_without_errors(seeds_analysis, tmp_path):
    from storyline.render import write_outputs

    write_outputs(seeds_analysis, tmp_path)
    report = tmp_path / "report.html"
    requests, messages = _open(report, tmp_path / "report.png")
    assert requests == [report.as_uri()]  # the page itself, nothing else
    assert [m for m in messages if m.startswith(("error", "pageerror"))] == []
    assert (tmp_path / "report.png").stat().st_size > 0


@needs_chromium
def test_hostile_report_opens_offline_without_errors(tmp_path):
    from test_reports import sample_analysis

    from storyline.render.html import render_html

    report = tmp_path / "report.html"
    report.write_text(render_html(sample_analysis()), encoding="utf-8")
    requests, messages = _open(report, tmp_path / "hostile.png")
    assert requests == [report.as_uri()]
    assert messages == []
