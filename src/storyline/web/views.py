"""What each page shows, computed by its handler from one analysis (templates only
display it). A story page is `render.story.story_view`, the view the reports show."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from storyline.models import Analysis, Document, Entity, Quote, Story
from storyline.render.basemap import Pin, map_svg
from storyline.render.control_strip import strip_svg
from storyline.render.story import PLACE_TYPES, Cite, Lookups, StoryView, story_map, story_view
from storyline.render.timeline_chart import story_chart
from storyline.web.highlight import Mark, highlight, passage_id


def passage_href(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """Link to a document page, at a passage when one is given."""
    if start is None or end is None or end <= start:
        return f"/documents/{doc_id}"
    return f"/documents/{doc_id}?p={start}-{end}#{passage_id(start, end)}"


def cite_href(cite: Cite) -> str:
    return passage_href(cite.document, cite.start, cite.end)


def anchor_href(anchor: str) -> str:
    """The page of a report anchor: 'd3-120-180' (a passage) or 'd3' (a document)."""
    m = re.fullmatch(r"(.+)-(\d+)-(\d+)", anchor)
    return passage_href(m[1], int(m[2]), int(m[3])) if m else passage_href(anchor)


@dataclass
class StoryCard:
    """A story in the list: its span, outlets and first briefing sentence."""

    story: Story
    start: str | None
    end: str | None
    outlets: list[str]
    lead: str | None


@dataclass
class StoryPage:
    view: StoryView
    svg: Markup
    strips: list[Markup]  # who held which place, when (beside the map)
    chart: Markup  # events and changing figures over time (the timeline section)


@dataclass
class EntityPage:
    entity: Entity
    stands_for: Entity | None
    stories: list[Story]
    timeline: list[tuple[str, int]]  # mentions per publication date
    peak: int  # the largest count in the timeline
    documents: list[tuple[Document, int]]
    quotes: list[Quote]
    svg: Markup


@dataclass
class DocumentPage:
    doc: Document
    story: Story | None
    body: Markup
    passage: tuple[int, int] | None


class Index(Lookups):
    """Lookups over one analysis, and the pages built from them."""

    def __init__(self, analysis: Analysis) -> None:
        super().__init__(analysis)
        self.mentions_by_doc: dict[str, list[tuple[Entity, int, int]]] = {}
        for e in analysis.entities:
            for m in e.mentions:
                self.mentions_by_doc.setdefault(m.document, []).append((e, m.start, m.end))

    @cached_property
    def outlets(self) -> list[str]:
        return sorted({d.outlet for d in self.analysis.documents if d.outlet})

    @cached_property
    def places(self) -> list[Entity]:
        return sorted(
            (e for e in self.analysis.entities if e.type in PLACE_TYPES),
            key=lambda e: (-len(e.mentions), e.name),
        )

    def story_of_doc(self, doc_id: str) -> Story | None:
        doc = self.docs.get(doc_id)
        story = self.stories.get(doc.story) if doc and doc.story else None
        if story is not None:
            return story
        return next((s for s in self.analysis.stories if doc_id in s.documents), None)

    # ------------------------------------------------------------------ pages

    def story_card(self, story: Story) -> StoryCard:
        start, end = self.story_dates(story)
        outlets = list(dict.fromkeys(d.outlet for d in self.story_docs(story) if d.outlet))
        lead = story.summary[0].text if story.summary else None
        return StoryCard(story, start, end, outlets, lead)

    def story_page(self, story: Story) -> StoryPage:
        view = story_view(self.analysis, story, self)
        svg = story_map(view, lambda n: f"/entities/{n.entity.id}")
        # map_svg and strip_svg escape every label they write
        strips = [Markup(strip_svg(s, anchor_href)) for s in view.control]
        chart = Markup(story_chart(view, cite_href))  # timeline_svg escapes all it draws
        return StoryPage(view, Markup(svg), strips, chart)

    def entity_page(self, entity: Entity) -> EntityPage:
        counts: Counter[str] = Counter()
        for m in entity.mentions:
            doc = self.docs.get(m.document)
            counts[(doc.published if doc else None) or "undated"] += 1
        timeline = sorted(counts.items(), key=lambda x: (x[0] == "undated", x[0]))
        per_doc = Counter(m.document for m in entity.mentions)
        mentioned = set(per_doc)
        geo = entity.geo
        pins = [Pin(entity.name, geo.lat, geo.lon, area=geo.feature == "country")] if geo else []
        return EntityPage(
            entity=entity,
            stands_for=self.entities.get(entity.stands_for or ""),
            stories=[s for s in self.analysis.stories if mentioned & set(s.documents)],
            timeline=timeline,
            peak=max((n for _, n in timeline), default=1),
            documents=[(self.docs[d], n) for d, n in sorted(per_doc.items()) if d in self.docs],
            quotes=[q for q in self.analysis.quotes if q.speaker == entity.id],
            svg=Markup(map_svg(pins, title=entity.name)),
        )

    def document_page(self, doc: Document, passage: tuple[int, int] | None) -> DocumentPage:
        body = highlight(doc.text, self.document_marks(doc), passage)
        return DocumentPage(doc, self.story_of_doc(doc.id), body, passage)

    def document_marks(self, doc: Document) -> list[Mark]:
        marks = []
        for e, start, end in self.mentions_by_doc.get(doc.id, []):
            marks.append(Mark(start, end, "mention", f"{e.name} ({e.type})", f"/entities/{e.id}"))
        for q in self.quotes_by_doc.get(doc.id, []):
            who = self.entity_name(q.speaker) or q.speaker_name or "unattributed"
            marks.append(Mark(q.start, q.end, "quote", f"{q.kind} quote: {who}"))
        for c in self.claims_by_doc.get(doc.id, []):
            marks.append(Mark(c.start, c.end, "claim", f"claim {c.group}: {c.status}"))
        return marks
