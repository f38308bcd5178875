"""report.html opens in headless Chromium with no console errors and no network requests."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import launch, needs_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _open(path: Path, shot: Path, inspect=None) -> tuple[list[str], list[str]]:
    """Open a report, click a citation and screenshot it; `inspect(page)` looks further.
    Returns the URLs requested and the console messages (dialogs count as messages)."""
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
            page.on("dialog", lambda d: (messages.append(f"dialog: {d.message}"), d.dismiss()))
            page.goto(path.as_uri(), wait_until="load")
            if inspect is not None:
                inspect(page)
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


def _chart_drawn(page, figures: int | None = None) -> None:
    """The first story's timeline chart is drawn, sized, with a tooltip on every mark."""
    chart = page.locator("section.timeline svg.timeline-chart").first
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 40
    marks = chart.locator("circle, rect[rx]")
    assert marks.count() >= 1
    assert chart.locator("g.events circle > title, g.events rect > title").count() >= 1
    assert figures is None or chart.locator("g.figure").count() == figures
    # a mark's link lands on an anchor of the page
    href = chart.locator("a").first.get_attribute("href")
    assert href.startswith("#") and page.locator(f"[id='{href[1:]}']").count() == 1


@needs_chromium
def test_seed_report_draws_the_timeline_chart(seeds_analysis, tmp_path):
    from storyline.render import write_outputs

    write_outputs(seeds_analysis, tmp_path)
    report = tmp_path / "report.html"
    requests, messages = _open(report, tmp_path / "chart.png", _chart_drawn)
    assert requests == [report.as_uri()]
    assert [m for m in messages if m.startswith(("error", "pageerror", "dialog"))] == []


@needs_chromium
def test_hostile_timeline_chart_runs_nothing(tmp_path):
    from test_reports import EVIL, sample_analysis

    from storyline.models import Claim, ClaimGroup, Event
    from storyline.render.html import render_html

    analysis = sample_analysis()
    d1, d2 = analysis.documents[0].id, analysis.documents[1].id
    analysis.events.append(
        Event(id="v9", date="2016-12", description=EVIL, story="s1", documents=[d2])
    )
    toll = [
        Claim(
            id=f"t{i}",
            document=doc,
            text=EVIL,
            start=0,
            end=5,
            value=v,
            what=EVIL,
            group="g9",
            status="conflicting",
            revision=True,
        )
        for i, (doc, v) in enumerate(((d1, 3), (d2, 7)))
    ]
    analysis.claims.extend(toll)
    analysis.claim_groups.append(
        ClaimGroup(
            id="g9",
            what=EVIL,
            status="conflicting",
            revision=True,
            claims=["t0", "t1"],
            documents=[d1, d2],
        )
    )
    analysis.documents[1] = analysis.documents[1].model_copy(update={"published": "2016-12-13"})
    report = tmp_path / "report.html"
    report.write_text(render_html(analysis), encoding="utf-8")
    requests, messages = _open(
        report, tmp_path / "hostile-chart.png", lambda page: _chart_drawn(page, figures=1)
    )
    assert requests == [report.as_uri()]
    assert messages == []
