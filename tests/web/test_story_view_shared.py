"""The web story page, report.html and report.md show the same sections with the same
content, in the same order: all three lay out one `story_view`, so they cannot drift."""

from __future__ import annotations

import hashlib
import html
import re

import pytest
from fastapi.testclient import TestClient
from stories import flood

from storyline.ingest import IngestResult
from storyline.models import DocExtraction, RawInput
from storyline.render.html import render_html
from storyline.render.markdown import render_markdown
from storyline.render.story import SECTIONS, StoryView, story_view
from storyline.store import open_store
from storyline.web import create_app


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """(view, web page, report.html, report.md) for the first story of `flood()`."""
    analysis = flood()
    for d in analysis.documents:  # the store keys documents by their text's hash
        d.content_hash = hashlib.sha256(d.text.encode()).hexdigest()
    ingested = IngestResult(documents=list(analysis.documents))
    for d in analysis.documents:
        ingested.raw[d.id] = RawInput(source=d.source, raw=d.text.encode(), body=d.text)
    store = open_store(tmp_path_factory.mktemp("same") / "s.sqlite")
    store.save(ingested, analysis, [DocExtraction(document=d.id) for d in analysis.documents])
    stored = store.load_analysis()
    with TestClient(create_app(store), base_url="http://127.0.0.1") as client:
        page = client.get("/stories/s1").text
    store.close()
    view = story_view(stored, stored.stories[0])
    yield view, page, render_html(stored), render_markdown(stored)


def text_of(fragment: str) -> str:
    """The visible text of an HTML fragment (the map's SVG left out), one line."""
    fragment = re.sub(r"<svg.*?</svg>", " ", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def web_sections(page: str) -> dict[str, str]:
    found = re.findall(r'<section id="([a-z]+)">(.*?)</section>', page, re.S)
    return {key: body for key, body in found}


def report_sections(report: str, story: str) -> dict[str, str]:
    pattern = rf'<section class="([a-z]+)" id="{story}-\1">(.*?)</section>'
    return {key: body for key, body in re.findall(pattern, report, re.S)}


def markdown_sections(md: str, story: str) -> dict[str, str]:
    part = md.split(f'<a id="{story}"></a>', 1)[1]
    part = re.split(r"^## ", part, flags=re.M)[1]  # the story's heading to the next
    titles = {s.title: s.key for s in SECTIONS}
    chunks = re.split(r"^### (.+)$", part, flags=re.M)[1:]
    plain = lambda t: " ".join(html.unescape(re.sub(r"\\(.)", r"\1", t)).split())  # noqa: E731
    return {titles[t]: plain(body) for t, body in zip(chunks[::2], chunks[1::2], strict=True)}


def items(view: StoryView, key: str) -> list[str]:
    """What the section shows, in order, as the view holds it."""
    if key == "briefing":
        return [b.text for b in view.briefing]
    if key == "timeline":
        return [x for t in view.timeline for x in (t.date, t.description)]
    if key == "map":
        return [n.entity.name for n in view.named]
    if key == "quotes":
        return [x for s in view.speakers for x in (s.name, *(q.quote.text for q in s.quotes))]
    if key == "claims":
        return [
            x
            for g in view.claims
            for x in (
                g.what,
                g.group.status,
                *(y for c in g.claims for y in (c.value, c.claim.text)),
            )
        ]
    if key == "framing":
        return view.framing.concepts + [x for r in view.framing.rows for x in (r.label, *r.cells)]
    return [d.title for d in view.sources]


def in_order(text: str, wanted: list[str]) -> bool:
    at = 0
    for w in wanted:
        at = text.find(w, at)
        if at < 0:
            return False
        at += len(w)
    return True


def cited(fragment: str, web: bool) -> list[tuple[str, str | None]]:
    """The documents and passages a section links to, in order."""
    if web:
        found = re.findall(r'href="/documents/(d\d+)(?:\?p=(\d+-\d+)[^"]*)?"', fragment)
    else:
        found = re.findall(r'href="#(d\d+)(?:-(\d+-\d+))?"', fragment)
    return [(doc, span or None) for doc, span in found]


def test_same_sections_in_the_same_order(outputs):
    _, page, report, md = outputs
    keys = [s.key for s in SECTIONS]
    assert list(web_sections(page)) == keys
    assert list(report_sections(report, "s1")) == keys
    assert list(markdown_sections(md, "s1")) == keys
    titles = [s.title for s in SECTIONS]
    assert re.findall(r'<section id="[a-z]+">\s*<h2>(.*?)</h2>', page) == titles
    assert re.findall(r'<section class="[a-z]+" id="s1-[a-z]+">\s*<h3>(.*?)</h3>', report) == titles


@pytest.mark.parametrize("key", [s.key for s in SECTIONS])
def test_each_section_shows_the_same_items(outputs, key):
    view, page, report, md = outputs
    wanted = items(view, key)
    assert wanted, f"the sample story leaves {key} empty"
    assert in_order(text_of(web_sections(page)[key]), wanted), "web page"
    assert in_order(text_of(report_sections(report, "s1")[key]), wanted), "report.html"
    assert in_order(markdown_sections(md, "s1")[key], wanted), "report.md"


@pytest.mark.parametrize("key", ["briefing", "timeline", "claims", "framing", "sources"])
def test_each_section_cites_the_same_passages(outputs, key):
    _, page, report, _ = outputs
    web = cited(web_sections(page)[key], web=True)
    assert web and web == cited(report_sections(report, "s1")[key], web=False)


def test_the_old_drift_is_gone(outputs):
    _, page, report, md = outputs
    for out in (page, report, md):
        assert "flood ×3, water" in out and "rescuers ×2" in out  # one framing cell format
        assert "rescuers (2)" not in out
        assert "about 250 homes were flooded" in out  # the unattributed quote is kept
