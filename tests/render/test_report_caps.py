"""Reports of huge analyses: capped sections with a count, the JSON complete, and the
passage marking linear in the number of passages."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.models import Analysis, Claim, Document, Entity, Event, MentionRef, Quote, Story
from storyline.render.html import render_html
from storyline.render.json import render_json
from storyline.render.markdown import render_markdown
from storyline.render.story import PER_ITEM_LIMIT, SECTION_LIMIT
from storyline.render.views import _segments, build_view

SENTENCE = "Ana Keller said 12 people were hurt on the quay. "
N = 1_000


def huge_analysis() -> Analysis:
    text = SENTENCE * N
    step = len(SENTENCE)
    doc = Document(id="d1", source="live.txt", title="Live", text=text, story="s1")
    keller = Entity(
        id="e1",
        name="Ana Keller",
        type="PERSON",
        mentions=[MentionRef(document="d1", start=i * step, end=i * step + 10) for i in range(N)],
    )
    people = [
        Entity(
            id=f"e{i + 2}",
            name=f"Person {i}",
            type="PERSON",
            mentions=[MentionRef(document="d1", start=i * step, end=i * step + 3)],
        )
        for i in range(N)
    ]
    quotes = [
        Quote(
            id=f"q{i + 1}",
            document="d1",
            kind="indirect",
            text="12 people were hurt",
            start=i * step + 16,
            end=i * step + 35,
            speaker="e1",
            speaker_name="Ana Keller",
        )
        for i in range(N)
    ]
    claims = [
        Claim(
            id=f"c{i + 1}",
            document="d1",
            text="12 people",
            start=i * step + 16,
            end=i * step + 25,
            value=12,
            group=f"g{i + 1}",
            status="single",
        )
        for i in range(N)
    ]
    events = [
        Event(
            id=f"v{i + 1}",
            date=f"2016-12-{1 + i % 28:02d}",
            description="hurt on the quay",
            story="s1",
            documents=["d1"],
        )
        for i in range(N)
    ]
    story = Story(id="s1", title="Live", documents=["d1"])
    return Analysis(
        documents=[doc],
        stories=[story],
        entities=[keller, *people],
        quotes=quotes,
        claims=claims,
        events=events,
    )


def test_sections_are_capped_with_a_count_and_the_json_is_complete():
    analysis = huge_analysis()
    [sv] = build_view(analysis).stories
    assert len(sv.timeline) == SECTION_LIMIT and sv.omitted["timeline"] == N - SECTION_LIMIT
    assert len(sv.speakers) <= SECTION_LIMIT
    keller = next(sp for sp in sv.speakers if sp.entity is not None and sp.entity.id == "e1")
    assert len(keller.quotes) == PER_ITEM_LIMIT
    assert sv.omitted["quotes"] >= N - PER_ITEM_LIMIT
    assert sum(len(g.claims) for g in sv.claims) <= SECTION_LIMIT * PER_ITEM_LIMIT
    assert sv.omitted["claims"] >= N - SECTION_LIMIT * PER_ITEM_LIMIT

    page = render_html(analysis)
    assert f"… and {sv.omitted['timeline']:,} more, not shown here" in page
    assert f"… and {sv.omitted['quotes']:,} more, not shown here" in page
    md = render_markdown(analysis)
    assert f"*… and {sv.omitted['timeline']:,} more, not shown here" in md
    data = json.loads(render_json(analysis))
    assert len(data["quotes"]) == N and len(data["claims"]) == N and len(data["events"]) == N


def test_a_small_analysis_is_not_capped():
    analysis = huge_analysis()
    small = analysis.model_copy(
        update={
            "quotes": analysis.quotes[:3],
            "claims": analysis.claims[:3],
            "events": analysis.events[:3],
            "entities": analysis.entities[:3],
        }
    )
    [sv] = build_view(small).stories
    assert sv.omitted == {}
    assert "more, not shown here" not in render_html(small)


def _brute_marks(text, spans):
    return [any(s <= i < e for s, e in spans) for i in range(len(text))]


@given(
    st.integers(min_value=1, max_value=60).flatmap(
        lambda n: st.tuples(
            st.just("x" * n),
            st.sets(st.tuples(st.integers(-3, n + 3), st.integers(-3, n + 3)), max_size=12),
        )
    )
)
@settings(max_examples=300, deadline=None)
def test_passage_marks_are_the_union_of_the_passages(case):
    text, spans = case
    segments = _segments(text, spans)
    assert "".join(s.text for s in segments) == text
    marks = [s.marked for s in segments for _ in s.text]
    valid = {(max(0, s), min(len(text), e)) for s, e in spans if s < len(text) and e > s}
    assert marks == _brute_marks(text, valid)
