"""Deltas between two snapshots: what new documents add, figures revised or disputed,
control changes, merges and splits; nothing known before is told again. Hand-made
analyses of an invented flood in the town of Orlan (no spaCy)."""

from __future__ import annotations

from storyline.models import (
    Accusation,
    Analysis,
    Claim,
    ClaimGroup,
    ControlChange,
    Document,
    Event,
    Quote,
    Story,
)
from storyline.reconcile.delta import Snapshot, compute_delta, take_snapshot
from storyline.render.delta import render_delta, story_lines


def doc(i: int, story: str = "s1") -> Document:
    return Document(
        id=f"d{i}",
        source=f"in/{i}.txt",
        title=f"Report {i}",
        outlet="Orlan Post",
        text="x",
        story=story,
    )


def quote(i: int, doc_id: str, speaker: str, text: str) -> Quote:
    return Quote(
        id=f"q{i}",
        document=doc_id,
        kind="direct",
        text=text,
        start=0,
        end=1,
        speaker_name=speaker,
    )


def claim(i: int, doc_id: str, value: float, by: str, group: str, status: str) -> Claim:
    return Claim(
        id=f"c{i}",
        document=doc_id,
        text=str(value),
        start=0,
        end=1,
        value=value,
        what="people killed",
        claimant_name=by,
        predicate="killed",
        group=group,
        status=status,
    )


def first() -> Analysis:
    """One story, one document: a toll of 4 from the river office, one quote."""
    return Analysis(
        documents=[doc(1)],
        stories=[Story(id="s1", title="Flood in Orlan", documents=["d1"])],
        events=[
            Event(
                id="v1",
                date="2031-05-02",
                description="The river burst its banks.",
                story="s1",
                documents=["d1"],
            )
        ],
        quotes=[quote(1, "d1", "Mira Tal", "The water came at night")],
        claims=[claim(1, "d1", 4, "the river office", "g1", "single")],
        claim_groups=[
            ClaimGroup(
                id="g1", what="people killed", status="single", claims=["c1"], documents=["d1"]
            )
        ],
        control_changes=[
            ControlChange(
                id="k1",
                place="e9",
                place_name="Orlan Dam",
                gained_by_name="the army",
                date="2031-05-02",
                status="reported",
                documents=["d1"],
            )
        ],
    )


def second() -> Analysis:
    """d2 joins s1: the toll rises to 9 by the same office, a new speaker, an old speaker
    again, an accusation, the dam's control now disputed; d3 opens a new story."""
    a = first()
    a.documents += [doc(2), doc(3, story="s2")]
    a.stories = [
        Story(id="s1", title="Flood in Orlan", documents=["d1", "d2"]),
        Story(id="s2", title="Bridge closed at Vessa", documents=["d3"]),
    ]
    # The reduce renumbers and rewords nothing here but ids: the delta must not care.
    a.events = [
        Event(
            id="v9",
            date="2031-05-02",
            description="The river burst its banks.",
            story="s1",
            documents=["d1"],
        ),
        Event(
            id="v1",
            date="2031-05-03",
            description="Rescuers reached the lower town.",
            story="s1",
            documents=["d2"],
        ),
        Event(
            id="v2",
            date="2031-05-03",
            description="The Vessa bridge was closed.",
            story="s2",
            documents=["d3"],
        ),
    ]
    a.quotes += [
        quote(2, "d2", "Mira Tal", "We are still waiting for help"),
        quote(3, "d2", "Ado Renn", "Every boat is out"),
        quote(4, "d3", "Lia Vos", "The bridge is unsafe"),
    ]
    a.claims = [
        claim(1, "d1", 4, "the river office", "g7", "conflicting"),
        claim(2, "d2", 9, "the river office", "g7", "conflicting"),
    ]
    a.claim_groups = [
        ClaimGroup(
            id="g7",
            what="people killed",
            status="conflicting",
            claims=["c1", "c2"],
            documents=["d1", "d2"],
        )
    ]
    a.accusations = [
        Accusation(
            document="d2",
            accuser="Ado Renn",
            accused=["the dam board"],
            text="Renn blamed the dam board for the late warning.",
        )
    ]
    a.control_changes = [
        ControlChange(
            id="k1",
            place="e9",
            place_name="Orlan Dam",
            gained_by_name="the army",
            date="2031-05-02",
            status="disputed",
            documents=["d1", "d2"],
        )
    ]
    return a


def test_the_first_run_reports_everything_as_a_new_story():
    delta = compute_delta(None, take_snapshot(first()))
    (story,) = delta.stories
    assert story.new and [d.id for d in story.documents] == ["d1"]
    assert [q.who for q in story.quotes] == ["Mira Tal"]
    assert [(f.kind, f.new) for f in story.figures] == [("new", ["4"])]
    assert [c.kind for c in story.controls] == ["new"]


def test_a_new_document_is_reported_with_exactly_what_it_adds():
    delta = compute_delta(take_snapshot(first()), take_snapshot(second()))
    new, old = delta.stories
    assert (new.id, new.new, [d.id for d in new.documents]) == ("s2", True, ["d3"])
    assert [e.text for e in new.events] == ["The Vessa bridge was closed."]
    assert (old.id, old.new, [d.id for d in old.documents]) == ("s1", False, ["d2"])
    assert [(e.text, e.documents) for e in old.events] == [
        ("Rescuers reached the lower town.", ["d2"])
    ]
    assert [q.who for q in old.quotes] == ["Ado Renn"]  # Mira Tal was quoted before
    assert [(a.who, a.whom, a.documents) for a in old.accusations] == [
        ("Ado Renn", ["the dam board"], ["d2"])
    ]
    (figure,) = old.figures
    assert (figure.kind, figure.old, figure.new, figure.by) == (
        "disputed",
        ["4"],
        ["9"],
        ["the river office"],
    )
    assert figure.documents == ["d2"]
    (control,) = old.controls
    assert (control.kind, control.old_status, control.status) == ("status", "reported", "disputed")
    assert not delta.moves


def test_every_line_cites_documents_in_every_format():
    delta = compute_delta(take_snapshot(first()), take_snapshot(second()))
    for story in delta.stories:
        for text, docs in story_lines(story):
            assert docs and all(d.startswith("d") for d in docs), text
    md = render_delta(delta, "md")
    bullets = [line for line in md.splitlines() if line.startswith("- ")]
    assert bullets and all(line.endswith("]") for line in bullets)
    assert "Figure now disputed: people killed 4 → 9 (the river office), was single [d2]" in md
    html = render_delta(delta, "html")
    assert "<script" not in html and "http" not in html.split("<body>")[1]
    assert Snapshot.model_validate(take_snapshot(second()).model_dump(mode="json"))


def test_nothing_is_told_twice():
    snap = take_snapshot(second())
    assert compute_delta(snap, snap).empty
    # A later run that adds nothing to s1 reports nothing about it.
    later = second()
    later.documents.append(doc(4, story="s2"))
    later.stories[1].documents.append("d4")
    delta = compute_delta(snap, take_snapshot(later))
    assert [s.id for s in delta.stories] == ["s2"]


def test_a_revision_by_the_same_source_is_a_revision():
    a, b = first(), second()
    b.claims = [
        claim(1, "d1", 4, "the river office", "g7", "agreed"),
        claim(2, "d2", 9, "the river office", "g7", "agreed"),
    ]
    b.claim_groups[0].status = "agreed"
    a.claim_groups[0].status = "agreed"
    (old,) = [s for s in compute_delta(take_snapshot(a), take_snapshot(b)).stories if not s.new]
    assert [(f.kind, f.old, f.new) for f in old.figures] == [("revised", ["4"], ["9"])]


def test_merges_and_splits_are_named_with_their_documents():
    before = second()
    merged = second()
    merged.documents[2].story = "s1"
    merged.stories = [Story(id="s1", title="Flood in Orlan", documents=["d1", "d2", "d3"])]
    delta = compute_delta(take_snapshot(before), take_snapshot(merged))
    assert [(m.kind, m.before, m.after, m.documents) for m in delta.moves] == [
        ("merged", ["s1", "s2"], ["s1"], ["d1", "d2", "d3"])
    ]
    # A speaker of either merged story is not new to the merged story.
    merged.documents.append(doc(4))
    merged.stories[0].documents.append("d4")
    merged.quotes += [quote(5, "d4", "Lia Vos", "Still unsafe"), quote(6, "d4", "Ona Berg", "Go")]
    (story,) = compute_delta(take_snapshot(before), take_snapshot(merged)).stories
    assert [q.who for q in story.quotes] == ["Ona Berg"]
    merged.documents.pop()
    merged.stories[0].documents.pop()
    merged.quotes = merged.quotes[:-2]
    back = compute_delta(take_snapshot(merged), take_snapshot(before))
    assert [(m.kind, m.before, m.after) for m in back.moves] == [("split", ["s1"], ["s1", "s2"])]


def test_one_story_only():
    delta = compute_delta(take_snapshot(first()), take_snapshot(second()), story="s2")
    assert [s.id for s in delta.stories] == ["s2"]


def test_renumbered_stories_change_nothing_but_their_ids():
    """A story dated earlier arriving renumbers the others (s1 -> s2): same delta."""
    b = second()
    swap = {"s1": "s2", "s2": "s1"}
    for d in b.documents:
        d.story = swap[d.story]
    for s in b.stories:
        s.id = swap[s.id]
    for e in b.events:
        e.story = swap[e.story]
    delta = compute_delta(take_snapshot(first()), take_snapshot(b))
    flood = next(s for s in delta.stories if s.title == "Flood in Orlan")
    assert (flood.id, flood.new) == ("s2", False)
    assert [(f.kind, f.new) for f in flood.figures] == [("disputed", ["9"])]
    assert [q.who for q in flood.quotes] == ["Ado Renn"]
    assert not delta.moves


def test_a_denial_is_told_as_a_denial_not_an_accusation():
    before, after = first(), second()  # d2 is new
    after.accusations = [
        *after.accusations,
        Accusation(
            document="d2",
            accuser="the dam board",
            accused=["the dam board"],
            negated=True,
            text="The dam board denied responsibility for the late warning.",
        ),
    ]
    delta = compute_delta(take_snapshot(before), take_snapshot(after))
    told = [(a.who, a.negated) for s in delta.stories for a in s.accusations]
    assert told == [("Ado Renn", False), ("the dam board", True)]
    lines = [text for s in delta.stories for text, _ in story_lines(s)]
    assert any(t.startswith("Denial: the dam board denies") for t in lines), lines
    assert not any(t.startswith("Accusation: the dam board") for t in lines), lines
