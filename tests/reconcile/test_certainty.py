"""Certainty markers: each quote, claim and event is stated, attributed, unverified or
denied by its sentence (and a sentence after it that points back). Cases are invented
(certainty_cases.tsv); precision and recall per reading must stay at or above 0.85."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.lexicon import Knowledge
from storyline.models import Claim, Document, Event, Quote
from storyline.reconcile.certainty import (
    certainty_of,
    load_markers,
    mark_certainty,
    sentence_spans,
)
from storyline.reconcile.corpus import Corpus

CASES = Path(__file__).with_name("certainty_cases.tsv")
READINGS = ("attributed", "unverified", "denied")


def cases() -> list[tuple[str, str, str, bool, str, str]]:
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, target, cue, claimant, expected, text = line.split("\t")
            out.append((kind, target, cue, claimant == "y", expected, text))
    return out


@pytest.fixture(scope="module")
def markers():
    return load_markers(Knowledge())


def judge(markers, kind, target, cue, claimant, text) -> str:
    start = text.index(target)
    return certainty_of(
        text,
        start,
        start + len(target),
        sentence_spans(text),
        markers,
        quote=kind == "quote",
        cue=None if cue == "-" else cue,
        claimant=claimant,
    )


def scores(markers) -> dict[str, tuple[float, float]]:
    pairs = [(exp, judge(markers, k, t, c, cl, x)) for k, t, c, cl, exp, x in cases()]
    out = {}
    for reading in READINGS:
        tp = sum(1 for e, g in pairs if e == g == reading)
        said = sum(1 for _, g in pairs if g == reading)
        gold = sum(1 for e, _ in pairs if e == reading)
        out[reading] = (tp / said if said else 0.0, tp / gold if gold else 0.0)
    hedged = {"unverified", "denied"}
    tp = sum(1 for e, g in pairs if e in hedged and g in hedged)
    said = sum(1 for _, g in pairs if g in hedged)
    gold = sum(1 for e, _ in pairs if e in hedged)
    out["hedged"] = (tp / said, tp / gold)
    return out


def test_precision_and_recall_on_the_cases(markers):
    assert len(cases()) >= 35
    for reading, (precision, recall) in scores(markers).items():
        assert precision >= 0.85 and recall >= 0.85, (reading, precision, recall)


@pytest.mark.parametrize(
    ("kind", "target", "cue", "claimant", "expected", "text"),
    [c for c in cases() if c[4] == "stated"][:4] + [c for c in cases() if c[4] == "denied"][:3],
)
def test_examples(markers, kind, target, cue, claimant, expected, text):
    assert judge(markers, kind, target, cue, claimant, text) == expected


def test_a_quotes_own_words_do_not_hedge_it(markers):
    text = '"Reportedly, the depot was hit twice," the spokesman said.'
    assert judge(markers, "quote", "Reportedly, the depot was hit twice", "said", True, text) == (
        "attributed"
    )
    assert judge(markers, "claim", "twice", "-", False, text.replace('"', "")) == "unverified"


def test_mark_certainty_sets_the_records_in_place(markers):
    text = (
        "Rebels seized the airport on Friday. The claim could not be independently verified. "
        "The army denied that 12 civilians were killed. The port reopened."
    )
    doc = Document(id="d1", source="x", text=text, content_hash="h")
    corpus = Corpus.from_records([doc], [])
    at = text.index("12 civilians")
    corpus.claims = [
        Claim(
            id="c1",
            document="d1",
            text="12 civilians",
            start=at,
            end=at + 12,
            value=12,
            group="g1",
            status="single",
        )
    ]
    corpus.events = [
        Event(
            id="v1", date=None, description="Rebels seized the airport on Friday.", documents=["d1"]
        ),
        Event(id="v2", date=None, description="The port reopened.", documents=["d1"]),
    ]
    q = text.index("the airport")
    corpus.quotes = [
        Quote(id="q1", document="d1", kind="indirect", text="x", start=q, end=q + 11, cue="said")
    ]
    mark_certainty(corpus, markers)
    assert corpus.claims[0].certainty == "denied"
    assert [v.certainty for v in corpus.events] == ["unverified", "stated"]
    assert corpus.quotes[0].certainty == "unverified"


def test_old_records_stay_valid_with_defaults():
    claim = Claim.model_validate(
        {
            "id": "c1",
            "document": "d1",
            "text": "3",
            "start": 0,
            "end": 1,
            "value": 3,
            "group": "g1",
            "status": "single",
        }
    )
    assert claim.certainty == "stated"
    quote = Quote(id="q1", document="d1", kind="direct", text="x", start=0, end=1)
    assert quote.certainty == "attributed"
