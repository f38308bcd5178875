"""Certainty markers: each quote, claim and event is stated, attributed, unverified or
denied by the markers whose reach (read on the parse: main clause, one clause or phrase,
or the sentence before) holds it. Cases are invented (certainty_cases.tsv); precision and
recall per reading must stay at or above 0.85, and each parse-level error class is
checked on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extract.hedges import find_hedges
from storyline.extract.nlp import load_nlp
from storyline.lexicon import Knowledge
from storyline.models import Claim, DocExtraction, Document, Event, Quote, Span
from storyline.reconcile.certainty import certainty_from, load_markers, mark_certainty
from storyline.reconcile.corpus import Corpus

CASES = Path(__file__).with_name("certainty_cases.tsv")
HELDOUT = Path(__file__).with_name("certainty_heldout.tsv")
HELDOUT2 = Path(__file__).with_name("certainty_heldout2.tsv")  # written after the parse rules
READINGS = ("attributed", "unverified", "denied")


def cases(path: Path = CASES) -> list[tuple[str, str, str, bool, str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, target, cue, claimant, expected, text = line.split("\t")
            out.append((kind, target, cue, claimant == "y", expected, text))
    return out


@pytest.fixture(scope="module")
def markers():
    return load_markers(Knowledge())


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def judge(markers, kind, target, cue, claimant, text, nlp=None) -> str:
    """The certainty of `target` in `text` (an event: its whole sentence), as the pipeline
    gives it: the parse's hedges, then offsets only."""
    doc = (nlp or load_nlp())(text)
    start = text.index(target)
    end = start + len(target)
    if kind == "event":
        end = max(end, next(s.end_char for s in doc.sents if s.start_char <= start < s.end_char))
    return certainty_from(
        start,
        end,
        find_hedges(doc, markers),
        markers,
        quote=kind == "quote",
        cue=None if cue == "-" else cue,
        claimant=claimant,
    )


def scores(markers, nlp, path: Path = CASES) -> dict[str, tuple[float, float]]:
    pairs = [(exp, judge(markers, k, t, c, cl, x, nlp)) for k, t, c, cl, exp, x in cases(path)]
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


def test_precision_and_recall_on_the_cases(markers, nlp):
    assert len(cases()) >= 50
    for reading, (precision, recall) in scores(markers, nlp).items():
        assert precision >= 0.85 and recall >= 0.85, (reading, precision, recall)


@pytest.mark.parametrize(
    ("kind", "target", "cue", "claimant", "expected", "text"),
    [c for c in cases() if c[4] == "stated"][:4] + [c for c in cases() if c[4] == "denied"][:3],
)
def test_examples(markers, nlp, kind, target, cue, claimant, expected, text):
    assert judge(markers, kind, target, cue, claimant, text, nlp) == expected


# The error classes the text-level pass made on real news, each in invented sentences
# (rows of certainty_cases.tsv after its '# The parse's reach' line): every one must hold.
PARSE_CASES = CASES.read_text(encoding="utf-8").split("# The parse's reach", 1)[1]


@pytest.mark.parametrize(
    ("kind", "target", "cue", "claimant", "expected", "text"),
    [
        (k, t, c, cl == "y", e, x)
        for line in PARSE_CASES.splitlines()[2:]
        if line.strip() and not line.startswith("#")
        for k, t, c, cl, e, x in [line.split("\t")]
    ],
)
def test_the_parse_gives_each_marker_its_reach(
    markers, nlp, kind, target, cue, claimant, expected, text
):
    assert judge(markers, kind, target, cue, claimant, text, nlp) == expected


@pytest.mark.parametrize("path", [HELDOUT, HELDOUT2], ids=lambda p: p.stem)
def test_the_held_out_cases_stay_above_the_bar(markers, nlp, path):
    """Written after the markers and not tuned on: hedged (unverified or denied) must hold
    the bar; per reading the figures are in docs/quality.md ('denied it' is one miss)."""
    precision, recall = scores(markers, nlp, path)["hedged"]
    assert precision >= 0.85 and recall >= 0.85, (precision, recall)


def test_a_quotes_own_words_do_not_hedge_it(markers, nlp):
    text = '"Reportedly, the depot was hit twice," the spokesman said.'
    got = judge(markers, "quote", "Reportedly, the depot was hit twice", "said", True, text, nlp)
    assert got == "attributed"
    assert judge(markers, "claim", "twice", "-", False, text.replace('"', ""), nlp) == "unverified"


def test_hedges_reach_only_what_the_parse_gives_them(markers, nlp):
    text = "The minister, who reportedly fled, returned on Monday. Fighters allegedly shot 3 men."
    hedges = find_hedges(nlp(text), markers)
    first = next(h for h in hedges if text[h.start : h.end] == "reportedly")
    assert first.how == "clause" and text[first.scope_start : first.scope_end] == (
        "who reportedly fled"
    )
    second = next(h for h in hedges if text[h.start : h.end] == "allegedly")
    assert second.how == "main" and text[second.scope_start : second.scope_end].startswith(
        "Fighters"
    )


def test_mark_certainty_sets_the_records_in_place(markers, nlp):
    text = (
        "Rebels seized the airport on Friday. The claim could not be independently verified. "
        "The army denied that 12 civilians were killed. The port reopened."
    )
    doc = Document(id="d1", source="x", text=text, content_hash="h")
    parsed = nlp(text)
    extraction = DocExtraction(
        document="d1",
        sentences=[Span(start=s.start_char, end=s.end_char) for s in parsed.sents],
        hedges=find_hedges(parsed, markers),
    )
    corpus = Corpus.from_records([doc], [extraction])
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
