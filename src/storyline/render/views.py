"""What the reports show, per story, gathered once for report.md and report.html.

Every item carries links: a link is (label, anchor), where the anchor is a document
(`d3`) or a passage in it (`d3-120-180`). Each document's section marks every passage
some item links to, so a reader can always go from a claim to the words it rests on.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from storyline.models import Analysis, Claim, Document, Entity, MentionRef, Quote, Story
from storyline.render.control_strip import Cite, ControlStrip, control_strips

PLACE_TYPES = {"GPE", "LOC", "FACILITY"}


@dataclass
class Link:
    label: str
    anchor: str


@dataclass
class Passages:
    """The passages of every document that the report links to."""

    spans: dict[str, set[tuple[int, int]]] = field(default_factory=lambda: defaultdict(set))

    def link(self, doc: str, start: int | None = None, end: int | None = None) -> Link:
        if start is None or end is None or end <= start:
            return Link(doc, doc)
        self.spans[doc].add((start, end))
        return Link(doc, f"{doc}-{start}-{end}")

    def ref(self, ref: MentionRef) -> Link:
        return self.link(ref.document, ref.start, ref.end)


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
class StoryView:
    story: Story
    storyline_title: str | None
    siblings: list[Story]
    briefing: list[tuple[str, list[Link]]]
    timeline: list[tuple[str, str, list[Link]]]  # (date, description, links)
    places: list[tuple[Entity, Link]]
    people: list[tuple[Entity, list[tuple[Quote, Link]], Link | None]]
    claims: list[tuple[str, str, str, list[tuple[Claim, Link]]]]  # group, what, status, rows
    framing_docs: list[str]
    framing_rows: list[tuple[str, list[str]]]  # (row label, one cell per document)
    sources: list[Document]
    control: list[ControlStrip] = field(default_factory=list)  # who held which place


@dataclass
class ReportView:
    analysis: Analysis
    stories: list[StoryView]
    documents: list[DocView]
    unassigned: list[Document]


def _segments(text: str, spans: set[tuple[int, int]]) -> list[Segment]:
    """Split a text so that every linked passage is marked and anchored at its start.
    Overlapping passages share marks (their union is marked)."""
    n = len(text)
    spans = {(max(0, s), min(n, e)) for s, e in spans if s < n and e > s}
    cuts = sorted({0, n} | {s for s, _ in spans} | {e for _, e in spans})
    starts: dict[int, list[str]] = defaultdict(list)
    for s, e in sorted(spans):
        starts[s].append(f"{s}-{e}")
    out = []
    for a, b in itertools.pairwise(cuts):
        if b <= a:
            continue
        marked = any(s <= a and b <= e for s, e in spans)
        out.append(Segment(text[a:b], marked, starts.get(a, [])))
    return out


def _cite(link: Link) -> Cite:
    return Cite(link.label, f"#{link.anchor}")


def build_view(analysis: Analysis) -> ReportView:
    """Gather everything the reports show, story by story."""
    passages = Passages()
    docs = {d.id: d for d in analysis.documents}
    entities = {e.id: e for e in analysis.entities}
    lines = {line.id: line for line in analysis.storylines}
    stories_by_id = {s.id: s for s in analysis.stories}
    views = []
    for story in analysis.stories:
        in_story = set(story.documents)
        line = lines.get(story.storyline or "")
        siblings = [stories_by_id[s] for s in (line.stories if line else []) if s != story.id]
        briefing = [
            (
                s.text,
                [passages.ref(p) for p in s.passages]
                + [
                    passages.link(d) for d in s.sources if d not in {p.document for p in s.passages}
                ],
            )
            for s in story.summary
        ]
        events = sorted(
            (e for e in analysis.events if e.story == story.id or in_story & set(e.documents)),
            key=lambda e: (e.date is None, e.date or "", e.id),
        )
        timeline = [
            (
                e.date or e.when or "undated",
                e.description,
                [passages.link(d) for d in e.documents],
            )
            for e in events
        ]
        places = []
        for e in analysis.entities:
            if e.type in PLACE_TYPES and e.geo is not None:
                first = next((m for m in e.mentions if m.document in in_story), None)
                if first is not None:
                    places.append((e, passages.ref(first)))
        quotes_by: dict[str, list[Quote]] = defaultdict(list)
        for q in analysis.quotes:
            if q.document in in_story:
                quotes_by[q.speaker or f"name:{q.speaker_name or '?'}"].append(q)
        people = []
        seen = set()
        mention_count: Counter = Counter()
        for e in analysis.entities:
            if e.type == "PERSON":
                mention_count[e.id] = sum(1 for m in e.mentions if m.document in in_story)
        for eid, n in sorted(mention_count.items(), key=lambda kv: (-kv[1], kv[0])):
            if n == 0 and eid not in quotes_by:
                continue
            e = entities[eid]
            first = next((m for m in e.mentions if m.document in in_story), None)
            qs = [(q, passages.link(q.document, q.start, q.end)) for q in quotes_by.get(eid, [])]
            people.append((e, qs, passages.ref(first) if first else None))
            seen.add(eid)
        for key, qs in sorted(quotes_by.items()):
            if key.startswith("name:") and key[5:] != "?":
                ent = Entity(id=key, name=key[5:], type="PERSON")
                people.append(
                    (ent, [(q, passages.link(q.document, q.start, q.end)) for q in qs], None)
                )
        claims_in = [c for c in analysis.claims if c.document in in_story]
        by_group: dict[str, list[Claim]] = defaultdict(list)
        for c in claims_in:
            by_group[c.group].append(c)
        groups = {g.id: g for g in analysis.claim_groups}
        claims = []
        for gid, cs in sorted(
            by_group.items(),
            key=lambda kv: (
                {"conflicting": 0, "agreed": 1}.get(kv[1][0].status, 2),
                kv[0],
            ),
        ):
            g = groups.get(gid)
            what = (g.what if g else None) or cs[0].what or ""
            status = g.status if g else cs[0].status
            rows = [(c, passages.link(c.document, c.start, c.end)) for c in cs]
            claims.append((gid, what, status, rows))
        framing_docs, framing_rows = _framing_table(analysis, story)
        views.append(
            StoryView(
                story=story,
                storyline_title=line.title if line and len(line.stories) > 1 else None,
                siblings=siblings,
                briefing=briefing,
                timeline=timeline,
                places=places,
                people=people,
                claims=claims,
                framing_docs=framing_docs,
                framing_rows=framing_rows,
                sources=[docs[d] for d in story.documents if d in docs],
                control=control_strips(analysis, in_story, lambda p: _cite(passages.ref(p))),
            )
        )
    for a in analysis.accusations:  # accusations are linked from the framing table's docs
        passages.link(a.document, a.start, a.end)
    documents = [
        DocView(d, _segments(d.text, passages.spans.get(d.id, set()))) for d in docs.values()
    ]
    assigned = {d for s in analysis.stories for d in s.documents}
    unassigned = [d for d in analysis.documents if d.id not in assigned]
    return ReportView(analysis, views, documents, unassigned)


def _framing_table(
    analysis: Analysis, story: Story
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Rows (concepts, type, accusations, quoted) by columns (the story's documents)."""
    framing = {f.document: f for f in analysis.framing if f.document in set(story.documents)}
    cols = [d for d in story.documents if d in framing]
    if not cols:
        return [], []
    entities = {e.id: e.name for e in analysis.entities}
    concepts: dict[str, dict[str, str]] = defaultdict(dict)
    order: list[str] = []
    for d in cols:
        for t in framing[d].names:
            if t.concept not in concepts:
                order.append(t.concept)
            terms = sorted(t.terms.items(), key=lambda kv: (-kv[1], kv[0]))
            concepts[t.concept][d] = ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in terms)
    rows = [("type", [framing[d].doc_type for d in cols])]
    rows.append(("outlet", [framing[d].outlet or "—" for d in cols]))
    rows += [(c, [concepts[c].get(d, "—") for d in cols]) for c in order]
    rows.append(("accusations", [str(framing[d].accusations) for d in cols]))
    rows.append(
        (
            "quotes",
            [", ".join(entities.get(e, e) for e in framing[d].quoted) or "—" for d in cols],
        )
    )
    return cols, rows
