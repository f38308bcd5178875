"""Reconciling a long document stays linear: the shortcuts give the same answers as the
pairwise and scanning code they replace."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.models import Claim, Quantity, Span
from storyline.reconcile.claims import _Item, _linked_pairs, _same_quantity, _within_window
from storyline.reconcile.spans import ByStart


def _components(n: int, pairs) -> set[frozenset[int]]:
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in pairs:
        parent[find(j)] = find(i)
    groups: dict[int, set[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values()}


def _item(entities: set[str], day: date | None) -> _Item:
    claim = Claim(
        id="c", document="d1", text="12", start=0, end=2, value=12, group="", status="single"
    )
    q = Quantity(start=0, end=2, text="12", value=12, what_head="people", predicate="killed")
    return _Item(claim, q, entities, day, "s1")


@given(
    st.lists(
        st.tuples(st.sets(st.sampled_from("abcde"), max_size=2), st.integers(0, 3)), max_size=25
    )
)
@settings(max_examples=300, deadline=None)
def test_linked_pairs_group_like_every_pair(rows):
    start = date(2016, 12, 1)
    items = [_item(ents, start + timedelta(days=d)) for ents, d in rows]
    idxs = list(range(len(items)))
    assert _within_window(items, idxs)
    brute = [(i, j) for i, j in combinations(idxs, 2) if _same_quantity(items[i], items[j])]
    assert _components(len(items), _linked_pairs(items, idxs)) == _components(len(items), brute)


def test_claims_dated_far_apart_are_not_within_the_window():
    items = [_item({"a"}, date(2016, 1, 1)), _item({"a"}, date(2016, 12, 1))]
    assert not _within_window(items, [0, 1])


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
