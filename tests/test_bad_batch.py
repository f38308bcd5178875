"""A batch with any one bad input still yields complete results for the rest.

Property (hypothesis): three good articles and one hostile input, at any place in the
folder's order, analysed together, give each good article exactly the document, quotes,
claims and entity mentions it gets when the good articles are analysed alone. The bad
input is drawn from the kinds the issue tracker has seen break batches: undecodable and
random bytes, binary files, empty files, a file over the size limit, a gzip bomb, markup
nested past the parser's depth, non-Latin scripts, malformed JSON Lines and CSV, a text
past spaCy's length limit (shrunk here through nlp.max_length) and arbitrary text.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import storyline
from storyline.config import Settings

GOOD = {
    "harbour.txt": (
        "Dock strike halts ferries in Orlen\n\n"
        "ORLEN, March 3, 2025 - Ferry crews in Orlen walked out on Monday, stranding about "
        "2,000 passengers, the port authority said.\n\n"
        "\u201cWe will not sail until the new rosters are withdrawn,\u201d said Marta Lind, "
        "a spokeswoman for the crews' union.\n"
    ),
    "bridge.txt": (
        "Council votes to rebuild Dalmora bridge\n\n"
        "DALMORA, March 4, 2025 - The city council voted on Tuesday to rebuild the old "
        "bridge over the Vessa, after engineers found cracks in two of its piers.\n\n"
        "The work will cost 14 million euros, deputy mayor Ana Keller said.\n"
    ),
    "school.txt": (
        "Survivors pulled from collapsed school\n\n"
        "KERAN, March 5, 2025 - Rescuers pulled 12 survivors from the rubble of a school "
        "that collapsed in Keran on Wednesday, regional governor Tomas Brandt said.\n\n"
        "\u201cThe search goes on through the night,\u201d Brandt told reporters.\n"
    ),
}
# An article of its own (not a near-copy of a good one, which dedup would rightly merge).
OTHER = (
    "Storm closes mountain pass\n\n"
    "Snow closed the Terra pass for a third day, and 40 lorries waited at the foot of "
    "the road, the highway agency said.\n"
)
MAX_BYTES = 50_000
LONG_PARAGRAPH = "The convoy reached the border at dawn and waited for the inspectors. " * 40

BAD_KINDS = {
    "empty": ("bad.txt", b""),
    "pdf": ("bad.txt", b"%PDF-1.7\n" + bytes(range(256)) * 4),
    "too large": ("bad.txt", b"word " * (MAX_BYTES // 4)),
    "gzip bomb": ("bad.txt.gz", gzip.compress(b"a" * (MAX_BYTES * 40))),
    "deep html": (
        "bad.html",
        (
            "<html><body>" + "<div>" * 3000 + "<p>" + LONG_PARAGRAPH + "</p>" + "</div>" * 3000
        ).encode(),
    ),
    "greek": (
        "bad.txt",
        ("\u0397 \u03ba\u03c5\u03b2\u03ad\u03c1\u03bd\u03b7\u03c3\u03b7 " * 40).encode(),
    ),
    "chinese": ("bad.txt", ("\u653f\u5e9c\u661f\u671f\u4e00\u5ba3\u5e03\u3002" * 40).encode()),
    "bad jsonl": ("bad.jsonl", b'{"title": "x", "text": 5}\n{not json\n[1, 2]\n{"text": null}\n'),
    "bad csv": ("bad.csv", b'title,text\n"unterminated,\x00\n,,,,\n'),
    "long text": ("bad.txt", ("Long dispatch\n\n" + (LONG_PARAGRAPH + "\n\n") * 12).encode()),
}


def bad_inputs():
    fixed = st.sampled_from(sorted(BAD_KINDS)).map(lambda k: BAD_KINDS[k])
    random_bytes = st.binary(min_size=0, max_size=3_000).map(lambda b: ("bad.txt", b))
    invalid_utf8 = st.binary(min_size=1, max_size=40).map(
        lambda b: ("bad.txt", OTHER.encode() + b"\xff" + b)
    )
    text = st.text(max_size=2_000).map(lambda t: ("bad.txt", t.encode("utf-8", "surrogatepass")))
    return st.one_of(fixed, random_bytes, invalid_utf8, text)


def _run(folder: Path):
    return storyline.analyze([str(folder)], Settings(embed=False, max_bytes=MAX_BYTES))


def _per_source(analysis) -> dict[str, tuple]:
    """What each good article got, by file name (document ids shift with the order)."""
    out = {}
    for doc in analysis.documents:
        name = Path(doc.source).name.split("-", 1)[-1]
        if name not in GOOD:
            continue
        quotes = sorted(
            (q.text, q.start, q.end, q.speaker_name)
            for q in analysis.quotes
            if q.document == doc.id
        )
        claims = sorted(
            (c.text, c.start, c.end, c.value) for c in analysis.claims if c.document == doc.id
        )
        mentions = sorted(
            (e.name, m.start, m.end)
            for e in analysis.entities
            for m in e.mentions
            if m.document == doc.id
        )
        out[name] = (doc.title, doc.text, quotes, claims, mentions)
    return out


@pytest.fixture(scope="module")
def baseline(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    for name, text in GOOD.items():
        (folder / f"1-{name}").write_text(text, "utf-8")
    result = _per_source(_run(folder))
    assert set(result) == set(GOOD)
    assert all(quotes for _, _, quotes, _, _ in result.values())
    return result


@given(bad=bad_inputs(), position=st.integers(0, 3))
@example(bad=BAD_KINDS["long text"], position=1)  # aborted whole batches (spaCy E088)
@example(bad=BAD_KINDS["deep html"], position=0)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_one_bad_input_never_costs_the_rest(baseline, nlp, tmp_path, monkeypatch, bad, position):
    monkeypatch.setattr(nlp, "max_length", 2_000)  # the 'long text' kind passes it
    folder = tmp_path / "batch"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    names = sorted(GOOD)
    for i, name in enumerate(names):
        (folder / f"{1 + i + (i >= position)}-{name}").write_text(GOOD[name], "utf-8")
    bad_name, data = bad
    (folder / f"{1 + position}-{bad_name}").write_bytes(data)
    analysis = _run(folder)
    assert _per_source(analysis) == baseline
    json.loads(analysis.model_dump_json())  # the whole result serialises


def test_the_long_text_kind_is_analysed_in_pieces(nlp, tmp_path, monkeypatch):
    """The 'long text' bad input is really past the (shrunk) parser limit, and is used."""
    monkeypatch.setattr(nlp, "max_length", 2_000)
    name, data = BAD_KINDS["long text"]
    assert len(data) > 5 * 2_000
    (tmp_path / name).write_bytes(data)
    analysis = _run(tmp_path)
    [doc] = analysis.documents
    assert not [p for p in analysis.problems if p.severity == "error"]
    assert doc.text.count("The convoy reached the border") == 12 * 40
