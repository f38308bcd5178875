"""TimeML values: the anchor dates they are resolved against, their precision, and the
ISO 8601 unit letters. Shared by extraction (resolving expressions) and the reduce
(re-resolving them against an inferred publication date, comparing claim dates)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# ISO 8601 / TimeML duration letters per canonical unit: a format, not a word list.
ISO_UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W2",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip
CLOCK_UNITS = frozenset({"second", "minute", "hour"})


@dataclass(frozen=True)
class Anchor:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_anchor(value: str | None) -> Anchor | None:
    """An anchor from an ISO date, possibly partial; None where there is none."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None
    try:
        anchor = Anchor(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
        _ = anchor.date  # validates the day
    except ValueError:
        return None
    return anchor


def precision_of(value: str | None) -> str:
    """The precision (contract's Precision literal) of an ISO/TimeML value."""
    if not value or value.startswith(("P", "X")) or value.endswith("_REF"):
        return "unknown"
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.match(r"^\d{4}-W\d{2}", value):
        return "week"
    if re.match(r"^\d{4}-(?:SP|SU|FA|WI|Q\d|H\d)$", value):
        return "season"
    if re.match(r"^\d{4}-\d{2}$", value):
        return "month"
    if re.match(r"^\d{4}$", value):
        return "year"
    if re.match(r"^\d{3}$", value):
        return "decade"
    return "unknown"
