"""Framing: names per document for the same entity or concept, side by side."""

from __future__ import annotations

from storyline.lexicon import Knowledge
from storyline.models import Accusation, Document, Entity, MentionRef, Quote
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.framing import compare_framing, concept_terms, load_concepts

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


def test_concept_lexicon_counts_each_outlets_names():
    rows = {
        r.concept: r.terms
        for r in concept_terms("Daesh fighters entered; Daesh left. ISIS?", load_concepts(K))
    }
    assert rows["Islamic State (the group)"] == {"Daesh": 2, "ISIS": 1}


def test_acronyms_match_case_sensitively_and_longest_term_wins():
    rows = {
        r.concept: r.terms
        for r in concept_terms("This is where the Assad regime is.", load_concepts(K))
    }
    assert "Islamic State (the group)" not in rows
    assert rows["Syrian government"] == {"Assad regime": 1}


def test_compare_framing_side_by_side():
    docs = [
        Document(id="d1", source="a", text="The regime said Daesh attacked.", outlet="A"),
        Document(id="d2", source="b", text="The government said IS attacked.", doc_type="opinion"),
        Document(id="d3", source="c", text="The regime said Daesh attacked.", duplicate_of="d1"),
    ]
    corpus = Corpus.from_records(docs, [])
    corpus.entities = [
        Entity(
            id="e1",
            name="Islamic State",
            type="ARMED_GROUP",
            mentions=[
                MentionRef(document="d1", start=16, end=21),
                MentionRef(document="d2", start=20, end=22),
            ],
        )
    ]
    corpus.quotes = [
        Quote(id="q1", document="d2", kind="direct", text="x", start=0, end=1, speaker="e9")
    ]
    corpus.accusations = [
        Accusation(document="d1", accuser=None, text="Daesh attacked"),
        # a denial is no accusation the document makes
        Accusation(document="d1", accuser="IS", accused=["IS"], negated=True, text="IS denied it"),
    ]
    framing = {f.document: f for f in compare_framing(corpus, load_concepts(K))}
    assert list(framing) == ["d1", "d2", "d3"]
    names1 = {n.concept: n for n in framing["d1"].names}
    assert names1["Islamic State"].entity == "e1" and names1["Islamic State"].terms == {"Daesh": 1}
    # the concept row would only repeat the entity row, so it is left out
    assert "Islamic State (the group)" not in names1
    assert names1["Syrian government"].terms == {"The regime": 1} or names1[
        "Syrian government"
    ].terms == {"the regime": 1}
    assert {n.concept: n.terms for n in framing["d2"].names}["Islamic State"] == {"IS": 1}
    assert framing["d1"].accusations == 1 and framing["d2"].quoted == ["e9"]
    assert framing["d2"].doc_type == "opinion" and framing["d1"].outlet == "A"
    assert framing["d3"].names == framing["d1"].names  # a copy frames as its original
