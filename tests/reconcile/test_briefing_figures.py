"""The briefing's figure sentences: real disputes and revisions, never a line over a group
a reader would not take for one quantity."""

from __future__ import annotations

from storyline.models import Claim, ClaimGroup, Document, Story
from storyline.reconcile.briefing import _numbers
from storyline.reconcile.corpus import Corpus

TEXT = "Police said 6 attackers were killed. The hospital counted at least 9 dead people."


def _claim(cid, doc, value, who, scope="story", approx="exact", predicate="killed"):
    start = TEXT.index(str(value)) if str(value) in TEXT else 0
    return Claim(
        id=cid,
        document=doc,
        text=str(value),
        start=start,
        end=start + len(str(value)),
        value=value,
        approx=approx,
        what="people killed",
        claimant_name=who,
        predicate=predicate,
        scope=scope,
        group="g1",
        status="conflicting",
    )


def _corpus(claims, **group):
    docs = [Document(id=d, source=f"{d}.txt", text=TEXT) for d in ("d1", "d2")]
    corpus = Corpus.from_records(docs, [])
    corpus.claims = claims
    corpus.claim_groups = [
        ClaimGroup(
            id="g1",
            what="people killed",
            status="conflicting",
            claims=[c.id for c in claims],
            documents=["d1", "d2"],
            **group,
        )
    ]
    return corpus, Story(id="s1", title="t", documents=["d1", "d2"])


def test_a_dispute_names_who_gives_which_value():
    corpus, story = _corpus(
        [
            _claim("c1", "d1", 6, "Police"),
            _claim("c2", "d2", 9, "St Anne's hospital", approx="more_than"),
        ]
    )
    (line,) = _numbers(corpus, story)
    assert (
        line.text == "Sources disagree on people killed: Police says 6; St Anne's hospital says 9."
    )
    assert set(line.sources) == {"d1", "d2"}


def test_a_revision_gives_its_sequence():
    corpus, story = _corpus(
        [_claim("c1", "d1", 6, "Police"), _claim("c2", "d2", 9, "Police")],
        revision=True,
        note="revised: rose from 6 to 9 between 3 May 2024 and 5 May 2024 (6 -> 9; Police: 6, 9)",
    )
    (line,) = _numbers(corpus, story)
    assert line.text.startswith(
        "The figure for people killed was revised: it rose from 6 to 9 between 3 May 2024"
    )


def test_no_line_over_a_group_mixing_background_or_predicates():
    background, _ = _corpus(
        [_claim("c1", "d1", 6, "Police"), _claim("c2", "d2", 9, "reporter", scope="background")]
    )
    mixed, story = _corpus(
        [_claim("c1", "d1", 6, "Police"), _claim("c2", "d2", 9, "Police", predicate="injured")]
    )
    assert _numbers(background, story) == []
    assert _numbers(mixed, story) == []


def test_an_unresolved_pronoun_is_not_printed_as_a_name():
    corpus, story = _corpus([_claim("c1", "d1", 6, "Police"), _claim("c2", "d2", 9, "He")])
    (line,) = _numbers(corpus, story)
    assert line.text.endswith("Police says 6; a source in d2 says 9.")
