"""report.md and report.html: every item cited, every citation resolvable, text escaped."""

from __future__ import annotations

import re

import pytest

from storyline.models import (
    Analysis,
    BriefingSentence,
    Claim,
    ClaimGroup,
    Document,
    Entity,
    Event,
    Framing,
    FramingTerm,
    Geo,
    MentionRef,
    Quote,
    Story,
    Storyline,
)
from storyline.render.basemap import Pin, countries, map_svg
from storyline.render.html import render_html
from storyline.render.markdown import render_markdown

EVIL = '<script>alert("x")</script> <img src="http://example.com/t.png"> *bold* [link](http://x)'


def sample_analysis() -> Analysis:
    t1 = f"Fighters entered Palmaria on Sunday. {EVIL} The army said 64 strikes hit the town."
    t2 = "Officials said 12 soldiers died near Palmaria. Others said 40 died."
    docs = [
        Document(
            id="d1",
            source="a.txt",
            title="Town falls <b>",
            text=t1,
            published="2016-12-11",
            story="s1",
        ),
        Document(id="d2", source="b.txt", title="Losses", text=t2, story="s1", outlet="Wire"),
        Document(id="d3", source="c.txt", title="Copy", text=t2, story="s1", duplicate_of="d2"),
    ]
    at = t1.index("Palmaria")
    palm = Entity(
        id="e1",
        name="Palmaria",
        type="GPE",
        geo=Geo(lat=34.55, lon=38.27, country="SY"),
        mentions=[MentionRef(document="d1", start=at, end=at + 8)],
    )
    person = Entity(
        id="e2",
        name="Ana Dorr",
        type="PERSON",
        roles=["spokeswoman"],
        mentions=[MentionRef(document="d2", start=0, end=9)],
    )
    q = Quote(
        id="q1",
        document="d2",
        kind="direct",
        text="12 soldiers died",
        start=15,
        end=31,
        speaker="e2",
        speaker_name="Ana Dorr",
        cue="said",
    )
    claims = [
        Claim(
            id="c1",
            document="d2",
            text="12 soldiers",
            start=15,
            end=26,
            value=12,
            group="g1",
            status="conflicting",
            what="soldiers killed",
        ),
        Claim(
            id="c2",
            document="d2",
            text="40",
            start=t2.index("40"),
            end=t2.index("40") + 2,
            value=40,
            group="g1",
            status="conflicting",
            what="soldiers killed",
        ),
    ]
    summary = [
        BriefingSentence(
            text=f"Fighters entered Palmaria {EVIL}",
            sources=["d1"],
            passages=[MentionRef(document="d1", start=0, end=35)],
        ),
        BriefingSentence(
            text="Figures conflict.",
            sources=["d2"],
            passages=[MentionRef(document="d2", start=15, end=26)],
        ),
    ]
    return Analysis(
        generated_by="storyline test",
        documents=docs,
        stories=[
            Story(
                id="s1",
                title="Town falls",
                storyline="l1",
                documents=["d1", "d2", "d3"],
                start="2016-12-11",
                end="2016-12-11",
                summary=summary,
            )
        ],
        storylines=[Storyline(id="l1", title="Town falls", stories=["s1"])],
        entities=[palm, person],
        quotes=[q],
        claims=claims,
        claim_groups=[
            ClaimGroup(
                id="g1",
                what="soldiers killed",
                status="conflicting",
                claims=["c1", "c2"],
                documents=["d2"],
            )
        ],
        events=[
            Event(
                id="v1",
                date="2016-12-11",
                description="Fighters enter <town>",
                story="s1",
                documents=["d1"],
            )
        ],
        framing=[
            Framing(
                document="d1", names=[FramingTerm(concept="armed opponents", terms={"Fighters": 1})]
            ),
            Framing(document="d2", doc_type="report", names=[]),
        ],
    )


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(sample_analysis())


@pytest.fixture(scope="module")
def md() -> str:
    return render_markdown(sample_analysis())


def test_html_escapes_article_text(html):
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;" in html
    assert "Town falls &lt;b&gt;" in html


def test_html_is_self_contained(html):
    # no attribute fetches anything: every href is an in-page anchor, nothing has a src
    assert not re.search(r"<[a-z][^>]*\ssrc=", html)
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', html))
    assert "<link" not in html and "@import" not in html and "url(" not in html


def test_every_html_link_lands_on_an_anchor(html):
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    hrefs = set(re.findall(r'href="#([^"]+)"', html))
    assert hrefs and hrefs <= ids
    assert {"d1-0-35", "d2-15-26", "d1", "d2", "d3", "s1"} <= ids


def test_html_marks_passages_and_highlights_claim_status(html):
    assert "<mark>" in html
    assert '<tr class="conflicting">' in html
    assert "Fighters enter &lt;town&gt;" in html  # timeline
    assert "Ana Dorr" in html and "spokeswoman" in html  # people and quotes


def test_html_has_an_inline_map_of_the_places(html):
    svg = re.search(r"<svg class=\"map\".*?</svg>", html, re.S)
    assert svg and "<path" in svg.group(0) and 'class="pin"' in svg.group(0)
    assert "Palmaria" in svg.group(0) and 'href="#d1-' in svg.group(0)


def test_html_draws_the_timeline_chart_in_the_timeline_section(html):
    section = re.search(r'<section class="timeline" id="s1-timeline">.*?</section>', html, re.S)
    svg = re.search(r'<svg class="timeline-chart".*?</svg>', section.group(0), re.S)
    assert svg and "<circle" in svg.group(0) and 'href="#d1"' in svg.group(0)
    assert "<title>2016-12-11: Fighters enter &lt;town&gt; — sources: d1" in svg.group(0)


def test_markdown_escapes_and_links_resolve(md):
    assert "<script" not in md and "<img" not in md
    assert r"\*bold\*" in md and r"\[link\]" in md
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', md))
    targets = set(re.findall(r"\]\(#([^)]+)\)", md))
    assert targets and targets <= anchors
    assert "**conflicting**" in md and "### Framing" in md and "### Places" in md


def test_empty_analysis_renders():
    assert "Storyline report" in render_html(Analysis())
    assert render_markdown(Analysis()).startswith("# Storyline report")


def test_basemap_covers_the_world_and_projects_pins():
    names = {name for name, _ in countries()}
    assert {"Syria", "France", "Brazil", "Australia"} <= names
    svg = map_svg([Pin("A & B", 48.85, 2.35, "#d1"), Pin("far", 33.5, 36.3)])
    assert svg.startswith("<svg") and "A &amp; B" in svg and svg.count("<circle") == 2
    assert map_svg([]) == ""
