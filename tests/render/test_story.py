"""The one story view: what a story's sections hold, as report and web page both show it."""

from __future__ import annotations

import pytest
from stories import flood

from storyline.models import Analysis, Claim, ClaimGroup, Document, Story
from storyline.render.story import SECTIONS, claim_value, framing_cell, story_view


@pytest.fixture(scope="module")
def view():
    analysis = flood()
    return story_view(analysis, analysis.stories[0])


def test_header_falls_back_to_publication_dates_and_names_the_storyline(view):
    assert (view.start, view.end) == ("2023-03-02", "2023-03-02")
    assert view.storyline.title == "Varn flood" and [s.id for s in view.siblings] == ["s2"]


def test_briefing_cites_each_passage_once_then_each_source_without_one(view):
    (item,) = view.briefing
    assert [(c.document, c.start, c.end) for c in item.cites] == [
        ("d1", 0, 35),
        ("d2", None, None),
    ]
    assert [c.anchor for c in item.cites] == ["d1-0-35", "d2"]
    assert item.cites[0].title == "River Post" and item.cites[1].title == "Rescue"


def test_timeline_is_dated_first_with_place_and_actors(view):
    assert [(t.date, t.description) for t in view.timeline] == [
        ("2023-03-01", "Water reaches Varn"),
        ("undated", "Roads close"),
    ]
    assert [a.name for a in view.timeline[1].actors] == ["Edda Holm"]


def test_quotes_grouped_by_speaker_and_none_left_out(view):
    speakers = [(s.name, [q.quote.id for q in s.quotes]) for s in view.speakers]
    assert speakers == [
        ("Edda Holm", ["q1", "q2"]),
        ("A resident", ["q3"]),
        ("Jo Park", ["q4"]),
        ("Unattributed", ["q5"]),  # kept, and last
    ]
    holm, _, park, _ = view.speakers
    assert holm.roles == ["mayor", "head of the council"] and holm.first.anchor.startswith("d1-")
    assert park.roles == ["officer"] and park.entity is None and park.first is None


def test_places_and_named_entities_most_mentioned_first(view):
    assert [(n.entity.name, n.mentions) for n in view.named] == [("Varn", 2), ("Edda Holm", 1)]
    assert [n.entity.name for n in view.places] == ["Varn"]


def test_claim_groups_conflicting_first_with_values_as_read(view):
    assert [(g.group.id, g.group.status, g.what) for g in view.claims] == [
        ("g1", "conflicting", "homes flooded (dwellings)"),
        ("g2", "single", "officials"),  # a group missing from the analysis is made up
    ]
    assert [c.value for c in view.claims[0].claims] == ["300", "about 250"]


def test_claims_carry_their_documents_dates_and_events_their_precision(view):
    # the timeline chart draws figures by date and partial dates as spans
    dates = [(c.claim.document, c.date) for g in view.claims for c in g.claims]
    assert dates == [("d1", None), ("d2", "2023-03-02"), ("d2", "2023-03-02")]
    assert [t.precision for t in view.timeline] == ["unknown", "unknown"]


def test_claim_values():
    def c(**kw) -> Claim:
        return Claim(
            id="c", document="d", text="x", start=0, end=1, group="g", status="single", **kw
        )

    assert claim_value(c(value=2000)) == "2,000"
    assert claim_value(c(value=12, value_high=40)) == "12–40"
    assert claim_value(c(value=0, value_high=0)) == "0–0"
    assert claim_value(c(value=1.5, approx="more_than")) == "more than 1.5"


def test_framing_rows_per_document_most_named_concept_first(view):
    table = view.framing
    assert table.concepts == ["flood", "rescuers"]
    assert [(r.document.id, r.cells, r.accusations, r.quoted) for r in table.rows] == [
        ("d1", ["flood ×3, water", "—"], 1, ["Edda Holm"]),
        ("d2", ["—", "rescuers ×2"], 0, []),
    ]
    assert framing_cell({"b": 1, "a": 1, "c": 2}) == "c ×2, a, b"


def test_every_section_and_citation_is_known(view):
    assert all(view.has(s.key) for s in SECTIONS)
    assert [d.id for d in view.sources] == ["d1", "d2"]
    made = {(c.document, c.start, c.end) for c in view.cites}
    quoted = {
        (q.quote.document, q.quote.start, q.quote.end) for s in view.speakers for q in s.quotes
    }
    claimed = {(c.cite.document, c.cite.start, c.cite.end) for g in view.claims for c in g.claims}
    assert quoted | claimed | {("d1", 0, 35)} <= made


def test_an_empty_story_has_empty_sections():
    story = Story(id="s9", title="Nothing")
    view = story_view(Analysis(stories=[story]), story)
    assert not any(view.has(s.key) for s in SECTIONS)
    assert (view.start, view.end, view.siblings) == (None, None, [])


def test_a_unit_already_named_is_not_repeated():
    claim = Claim(
        id="c",
        document="d",
        text="300 square miles",
        start=0,
        end=16,
        value=300,
        group="g",
        status="single",
    )
    groups = [ClaimGroup(id="g", what="square miles", unit="square miles", status="single")]
    doc = Document(id="d", source="x.txt", text="300 square miles", story="s")
    story = Story(id="s", title="Area", documents=["d"])
    analysis = Analysis(documents=[doc], stories=[story], claims=[claim], claim_groups=groups)
    assert [g.what for g in story_view(analysis, story).claims] == ["square miles"]


def test_huge_sections_are_capped_with_a_count(monkeypatch):
    from storyline.render import story as story_module
    from storyline.render.html import render_html
    from storyline.render.markdown import render_markdown

    analysis = flood()
    story = analysis.stories[0]
    monkeypatch.setattr(story_module, "SECTION_LIMIT", 1)
    monkeypatch.setattr(story_module, "PER_ITEM_LIMIT", 1)
    view = story_module.story_view(analysis, story)
    assert len(view.sources) == 1 and view.omitted["sources"] == len(story.documents) - 1
    assert all(len(sp.quotes) <= 1 for sp in view.speakers)
    note = story_module.omitted_note(view, "sources")
    assert note and "more" in note
    assert "more, not shown here" in render_markdown(analysis)
    assert "more, not shown here" in render_html(analysis)
