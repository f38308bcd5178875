"""Records of one document looked up by offset in O(log n): a long document has tens of
thousands of mentions and sentences, and scanning them all once per claim or per time
expression made reconciling it quadratic."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar


class _HasSpan(Protocol):
    start: int
    end: int


T = TypeVar("T", bound=_HasSpan)


class ByStart(Generic[T]):
    """Records sorted by start offset (stable: equal starts keep their order)."""

    def __init__(self, records: Iterable[T]) -> None:
        ranked = sorted(enumerate(records), key=lambda ir: ir[1].start)
        self.records: list[T] = [r for _, r in ranked]
        self.positions = [i for i, _ in ranked]  # each record's place in the input
        self.starts = [r.start for r in self.records]

    def starting_in(self, lo: int, hi: int, input_order: bool = False) -> list[T]:
        """Records with lo <= start < hi, by start (or in the order they were given)."""
        a, b = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        if not input_order:
            return self.records[a:b]
        return [self.records[k] for k in sorted(range(a, b), key=self.positions.__getitem__)]

    def containing(self, offset: int) -> T | None:
        """The record with start <= offset < end, for records that do not overlap
        (sentences): the last one starting at or before the offset, if it reaches it."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.records[i].end:
            return self.records[i]
        return None
