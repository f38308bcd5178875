"""Quotation-mark pairing: typography, apostrophes, nesting, paragraphs; never crashes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.extract.quote_marks import pair_quotes


def _contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in pair_quotes(text)]


def test_plural_possessive_inside_single_quotes():
    assert _contents("He called it 'the hard-liners' last stand' yesterday.") == [
        "the hard-liners' last stand"
    ]


def test_possessive_after_closed_quote_is_ignored():
    text = "“IS’ fighters took the fields,” she said, citing the rebels’ reports."
    assert _contents(text) == ["IS’ fighters took the fields,"]


def test_elisions_do_not_open_quotes():
    assert _contents("They played rock 'n' roll in the '90s, said the owner.") == []
    assert _contents("Round ’em up, the old song goes, rock ’n’ roll.") == []


def test_nested_quote_stays_inside():
    text = "“She wrote ‘enough’ on the wall,” he said."
    assert _contents(text) == ["She wrote ‘enough’ on the wall,"]


def test_guillemets_and_doubled_apostrophes():
    assert _contents("«Assez», a-t-il dit.") == ["Assez"]
    assert _contents("''It works,'' said the engineer.") == ["It works,"]


def test_multi_paragraph_chain():
    text = "He said: “First part.\n\n“Second part.”\n\nNarration."
    spans = pair_quotes(text)
    assert [text[q.start : q.end] for q in spans] == ["First part.", "Second part."]
    assert spans[0].chain == spans[1].chain
    assert spans[0].close is None


def test_unclosed_mark_mid_paragraph_is_dropped():
    assert _contents("He said “this never closes.\n\nNext paragraph.") == []


@given(st.text(alphabet=st.sampled_from(list("ab \n.,'\"“”‘’«»s")), max_size=200))
def test_pairing_never_crashes_and_spans_are_ordered(text):
    spans = pair_quotes(text)
    last = -1
    for q in spans:
        assert 0 <= q.open < q.start <= q.end <= len(text)
        assert q.open > last
        last = q.outer_end - 1
