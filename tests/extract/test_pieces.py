"""Long documents in pieces: boundaries, offsets into the whole text, error isolation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract import extract_all
from storyline.extract.pieces import merge_pieces, split_pieces
from storyline.extract.time_rules import match_times, time_rules
from storyline.lexicon import Knowledge
from storyline.models import DocExtraction, Document, LocalQuote, Span

PARAGRAPH = (
    "Officials in Dalmora said 14 people were killed when the bridge collapsed on Monday. "
    '"We are still searching the river," said Ana Keller, the regional fire chief.\n\n'
)


def test_pieces_tile_the_text_and_end_at_paragraphs():
    text = PARAGRAPH * 40
    pieces = split_pieces(text, max_chars=1_000)
    assert len(pieces) > 1
    assert "".join(text[p.start : p.end] for p in pieces) == text
    assert all(p.end - p.start <= 1_000 for p in pieces)
    assert all(text[p.start : p.end].endswith("\n\n") for p in pieces[:-1])


def test_a_paragraph_longer_than_a_piece_is_cut_at_a_sentence_end():
    text = ("The convoy reached the border at dawn. " * 80).strip()
    pieces = split_pieces(text, max_chars=500)
    assert all(text[p.start : p.end].endswith(". ") for p in pieces[:-1])


@given(st.text(alphabet="ab .\n", max_size=3_000), st.integers(min_value=20, max_value=400))
@settings(max_examples=200, deadline=None)
def test_pieces_always_tile_any_text(text, size):
    pieces = split_pieces(text, max_chars=size)
    assert "".join(text[p.start : p.end] for p in pieces) == text
    assert all(0 < p.end - p.start <= size for p in pieces) or text == ""


def test_merge_moves_offsets_into_the_whole_text():
    text = PARAGRAPH * 3
    pieces = split_pieces(text, max_chars=len(PARAGRAPH) + 10)
    assert len(pieces) == 3
    parts = []
    for piece in pieces:
        local = text[piece.start : piece.end]
        q = local.index("We are")
        quote = LocalQuote(
            kind="direct", start=q, end=q + 6, text="We are", cue_start=q + 40, cue_end=q + 44
        )
        parts.append(
            (piece, DocExtraction(document="d1", quotes=[quote], sentences=[Span(start=0, end=5)]))
        )
    merged = merge_pieces("d1", parts)
    assert [text[q.start : q.end] for q in merged.quotes] == ["We are"] * 3
    assert [q.cue_start - q.start for q in merged.quotes] == [40] * 3
    assert [s.start for s in merged.sentences] == [p.start for p in pieces]
    assert merged.error is None


def test_tomorrow_afternoon_is_a_time_not_a_crash():
    text = "The talks resume tomorrow afternoon in Geneva, and tomorrow evening in Bern."
    found = {
        text[c.start : c.end]: c.rule for c in match_times(text, time_rules(Knowledge.shared()))
    }
    assert found["tomorrow afternoon"]["n"] == 1
    assert found["tomorrow evening"]["n"] == 1


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, published="2016-12-12")


def test_a_text_over_the_parser_limit_is_extracted_in_pieces(nlp, monkeypatch):
    """spaCy refuses texts over nlp.max_length (E088); the document is parsed in pieces,
    the batch's other documents are untouched, and every offset is into the whole text."""
    monkeypatch.setattr(nlp, "max_length", 2_500)
    long_text = PARAGRAPH * 40  # ~7,000 characters
    short = _doc("d2", PARAGRAPH)
    [long_x, short_x] = extract_all([_doc("d1", long_text), short], _settings(), progress=None)
    assert long_x.error is None and short_x.error is None
    assert short_x.quotes and len(long_x.quotes) == 40 * len(short_x.quotes)
    for q in long_x.quotes:
        assert long_text[q.start : q.end] == q.text
    for m in long_x.mentions:
        assert long_text[m.start : m.end] == m.text
    for t in long_x.times:
        assert long_text[t.start : t.end] == t.text
    assert {q.speaker_cluster for q in long_x.quotes} == {q.speaker_cluster for q in short_x.quotes}


def _settings():
    from storyline.config import Settings

    return Settings(embed=False)


def test_one_extractors_failure_costs_only_its_own_records(nlp, monkeypatch):
    import storyline.extract as extract

    def broken(doc, anchor=None, rules=None):
        raise KeyError("tomorrow afternoon")

    monkeypatch.setattr(extract, "find_times", broken)
    [x] = extract_all([_doc("d1", PARAGRAPH)], _settings())
    assert x.times == []
    assert x.quotes and x.mentions and x.quantities
    assert x.error is not None and "times extractor failed" in x.error and "KeyError" in x.error


@pytest.mark.parametrize("name", ["mentions", "quotes"])
def test_an_early_extractors_failure_leaves_the_later_ones_running(nlp, monkeypatch, name):
    import storyline.extract as module

    finder = f"find_{name}"

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(module, finder, broken)
    [x] = extract_all([_doc("d1", PARAGRAPH)], _settings())
    assert getattr(x, name) == []
    assert x.times, "the time extractor does not depend on the failed one"
    assert x.sentences
    assert f"{name} extractor failed (RuntimeError: boom)" in (x.error or "")


def test_a_long_documents_pieces_are_parsed_a_few_at_a_time():
    """Peak memory: the parser never holds more than PARSE_BATCH_CHARS of text at once."""
    from storyline.extract import PARSE_BATCH_CHARS, PARSE_BATCH_DOCS, _parse_batches

    long_doc = _doc("d1", PARAGRAPH * 8_000)  # ~1.3 MB
    short = [_doc(f"d{i}", PARAGRAPH) for i in range(2, 40)]
    pairs = [(d, p) for d in [long_doc, *short] for p in split_pieces(d.text)]
    batches = list(_parse_batches(pairs))
    assert [pair for batch in batches for pair in batch] == pairs
    for batch in batches:
        assert len(batch) <= PARSE_BATCH_DOCS
        assert sum(p.end - p.start for _, p in batch) <= PARSE_BATCH_CHARS


def test_every_record_list_of_an_extraction_is_merged():
    from storyline.extract.pieces import _RECORD_LISTS
    from storyline.models import DocExtraction

    lists = {
        name
        for name, field in DocExtraction.model_fields.items()
        if str(field.annotation).startswith("list[") and name != "embedding"
    }
    assert lists == set(_RECORD_LISTS)
