"""What the reports show, gathered once for report.md and report.html.

Each story's sections come from `render.story.story_view`, the same view the web page
shows. Every item carries citations (`Cite`): a document (`d3`) or a passage in it
(`d3-120-180`). Each document's section marks every passage some item cites, so a
reader can always go from a claim to the words it rests on.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass

from storyline.models import Analysis, Document
from storyline.render.story import Lookups, StoryView, story_view


@dataclass
class Segment:
    text: str
    marked: bool
    anchors: list[str]  # passage anchors that start here


@dataclass
class DocView:
    doc: Document
    segments: list[Segment]


@dataclass
class ReportView:
    analysis: Analysis
    stories: list[StoryView]
    documents: list[DocView]
    unassigned: list[Document]


def _segments(text: str, spans: set[tuple[int, int]]) -> list[Segment]:
    """Split a text so that every linked passage is marked and anchored at its start.
    Overlapping passages share marks (their union is marked). One sweep over the cuts:
    a segment is marked where some passage is open across it."""
    n = len(text)
    clamped = {(max(0, s), min(n, e)) for s, e in spans}
    spans = {(s, e) for s, e in clamped if e > s}  # a passage wholly outside is dropped
    cuts = sorted({0, n} | {s for s, _ in spans} | {e for _, e in spans})
    starts: dict[int, list[str]] = defaultdict(list)
    opening: Counter = Counter()
    for s, e in sorted(spans):
        starts[s].append(f"{s}-{e}")
        opening[s] += 1
        opening[e] -= 1
    out = []
    open_now = 0
    for a, b in itertools.pairwise(cuts):
        open_now += opening.get(a, 0)
        if b <= a:
            continue
        out.append(Segment(text[a:b], open_now > 0, starts.get(a, [])))
    return out


def build_view(analysis: Analysis) -> ReportView:
    """Gather everything the reports show, story by story."""
    lookups = Lookups(analysis)
    stories = [story_view(analysis, story, lookups) for story in analysis.stories]
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for sv in stories:
        for cite in sv.cites:
            if cite.is_passage:
                spans[cite.document].add((cite.start, cite.end))
    for a in analysis.accusations:  # the framing table counts them: their words are marked
        if a.start is not None and a.end is not None and a.end > a.start:
            spans[a.document].add((a.start, a.end))
    documents = [DocView(d, _segments(d.text, spans.get(d.id, set()))) for d in analysis.documents]
    assigned = {d for s in analysis.stories for d in s.documents}
    unassigned = [d for d in analysis.documents if d.id not in assigned]
    return ReportView(analysis, stories, documents, unassigned)
