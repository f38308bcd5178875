"""Document text as HTML with its mentions, quotes and claims highlighted.

Article text is untrusted: every character of it goes through `markupsafe.escape`;
only the tags built here (spans, links, one <mark>) are markup. Annotations may overlap,
so the text is cut at every annotation boundary into flat segments, each wrapped in one
span carrying the classes of every annotation covering it. The cited passage, if any,
is one <mark id="p-START-END"> around its segments, so the URL fragment targets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # "mention", "quote" or "claim": the CSS class
    title: str = ""
    href: str | None = None


def passage_id(start: int, end: int) -> str:
    return f"p-{start}-{end}"


def parse_passage(value: str | None, length: int) -> tuple[int, int] | None:
    """'120-180' -> (120, 180) when it is a valid span of the text, else None."""
    if not value:
        return None
    head, _, tail = value.partition("-")
    if not (head.isdigit() and tail.isdigit()):
        return None
    start, end = int(head), int(tail)
    return (start, end) if 0 <= start < end <= length else None


def _segments(text: str, marks: list[Mark], lo: int, hi: int) -> Markup:
    cuts = {lo, hi}
    for m in marks:
        for x in (m.start, m.end):
            if lo < x < hi:
                cuts.add(x)
    points = sorted(cuts)
    out: list[str] = []
    for a, b in pairwise(points):
        piece = escape(text[a:b])
        active = [m for m in marks if m.start <= a and b <= m.end]
        if not active:
            out.append(piece)
            continue
        classes = " ".join(sorted({m.kind for m in active}))
        title = " · ".join(dict.fromkeys(m.title for m in active if m.title))
        link = next((m.href for m in active if m.href), None)
        if link:
            piece = Markup('<a href="{}">{}</a>').format(link, piece)
        out.append(Markup('<span class="{}" title="{}">{}</span>').format(classes, title, piece))
    return Markup("").join(out)


def highlight(text: str, marks: list[Mark], passage: tuple[int, int] | None = None) -> Markup:
    """The whole text as escaped HTML, annotations as spans, the passage as a <mark>."""
    size = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= size]
    if passage is None:
        return _segments(text, marks, 0, size)
    start, end = passage
    return Markup("").join(
        [
            _segments(text, marks, 0, start),
            Markup('<mark id="{}" class="cited">').format(passage_id(start, end)),
            _segments(text, marks, start, end),
            Markup("</mark>"),
            _segments(text, marks, end, size),
        ]
    )
