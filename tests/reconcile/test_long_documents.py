"""Reconciling a long document stays linear: the span look-ups give the same answers as
the scans they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.models import Span
from storyline.reconcile.spans import ByStart


@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=30), st.integers(-2, 60)
)
@settings(max_examples=300, deadline=None)
def test_span_lookups_match_a_scan(raw, offset):
    spans = [Span(start=s, end=s + n) for s, n in raw]
    index = ByStart(spans)
    assert index.starting_in(offset, offset + 7, input_order=True) == [
        s for s in spans if offset <= s.start < offset + 7
    ]
    # sentences: consecutive, non-overlapping
    sentences, at = [], 0
    for _, n in raw:
        sentences.append(Span(start=at, end=at + n))
        at += n + (n % 2)  # some gaps between them
    found = ByStart(sentences).containing(offset)
    assert found == next((s for s in sentences if s.start <= offset < s.end), None)
