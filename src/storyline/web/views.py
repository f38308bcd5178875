"""What each page shows, computed from one analysis (an index built once per analysis)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from storyline.models import (
    Analysis,
    BriefingSentence,
    Claim,
    ClaimGroup,
    Document,
    Entity,
    Event,
    Quote,
    Story,
)
from storyline.render.basemap import Pin
from storyline.web.highlight import Mark, passage_id

PLACE_TYPES = {"GPE", "LOC", "FACILITY"}


def passage_href(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """Link to a document page, at a passage when one is given."""
    if start is None or end is None or end <= start:
        return f"/documents/{doc_id}"
    return f"/documents/{doc_id}?p={start}-{end}#{passage_id(start, end)}"


@dataclass
class Citation:
    document: str
    label: str
    href: str


@dataclass
class SpeakerQuotes:
    name: str
    entity: str | None
    role: str | None
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class GroupView:
    group: ClaimGroup
    claims: list[Claim]


@dataclass
class FramingTable:
    concepts: list[str]
    rows: list[tuple[Document, list[str], int, list[str]]]  # doc, cells, accusations, quoted


class Index:
    """Lookups over one analysis."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.docs = {d.id: d for d in analysis.documents}
        self.stories = {s.id: s for s in analysis.stories}
        self.entities = {e.id: e for e in analysis.entities}
        self.groups = {g.id: g for g in analysis.claim_groups}
        self.quotes_by_doc: dict[str, list[Quote]] = defaultdict(list)
        for q in analysis.quotes:
            self.quotes_by_doc[q.document].append(q)
        self.claims_by_doc: dict[str, list[Claim]] = defaultdict(list)
        for c in analysis.claims:
            self.claims_by_doc[c.document].append(c)
        self.mentions_by_doc: dict[str, list[tuple[Entity, int, int]]] = defaultdict(list)
        for e in analysis.entities:
            for m in e.mentions:
                self.mentions_by_doc[m.document].append((e, m.start, m.end))
        self.framing_by_doc = {f.document: f for f in analysis.framing}

    # ----------------------------------------------------------------- helpers

    def doc_label(self, doc_id: str) -> str:
        doc = self.docs.get(doc_id)
        if doc is None:
            return doc_id
        return doc.outlet or doc.title or doc.source.rsplit("/", 1)[-1] or doc_id

    def story_docs(self, story: Story) -> list[Document]:
        return [self.docs[d] for d in story.documents if d in self.docs]

    def story_of_doc(self, doc_id: str) -> Story | None:
        doc = self.docs.get(doc_id)
        story = self.stories.get(doc.story) if doc and doc.story else None
        if story is not None:
            return story
        return next((s for s in self.analysis.stories if doc_id in s.documents), None)

    def entity_name(self, entity_id: str | None) -> str | None:
        e = self.entities.get(entity_id or "")
        return e.name if e else None

    @cached_property
    def outlets(self) -> list[str]:
        return sorted({d.outlet for d in self.analysis.documents if d.outlet})

    @cached_property
    def places(self) -> list[Entity]:
        return sorted(
            (e for e in self.analysis.entities if e.type in PLACE_TYPES),
            key=lambda e: (-len(e.mentions), e.name),
        )

    # ----------------------------------------------------------------- stories

    def story_dates(self, story: Story) -> tuple[str | None, str | None]:
        if story.start or story.end:
            return story.start, story.end
        dates = sorted(d.published for d in self.story_docs(story) if d.published)
        return (dates[0], dates[-1]) if dates else (None, None)

    def citations(self, sentence: BriefingSentence) -> list[Citation]:
        out = []
        for doc_id in sentence.sources:
            passage = next((p for p in sentence.passages if p.document == doc_id), None)
            href = passage_href(doc_id, passage.start, passage.end) if passage else None
            out.append(Citation(doc_id, self.doc_label(doc_id), href or passage_href(doc_id)))
        return out

    def story_events(self, story: Story) -> list[Event]:
        docs = set(story.documents)
        events = [e for e in self.analysis.events if e.story == story.id or docs & set(e.documents)]
        return sorted(events, key=lambda e: (e.date is None, e.date or "", e.id))

    def story_quotes(self, story: Story) -> list[SpeakerQuotes]:
        groups: dict[str, SpeakerQuotes] = {}
        for doc_id in story.documents:
            for q in self.quotes_by_doc.get(doc_id, []):
                name = self.entity_name(q.speaker) or q.speaker_name or "Unattributed"
                key = q.speaker or name.lower()
                if key not in groups:
                    entity = self.entities.get(q.speaker or "")
                    role = q.speaker_role or (entity.roles[0] if entity and entity.roles else None)
                    groups[key] = SpeakerQuotes(name, q.speaker, role)
                groups[key].quotes.append(q)
                groups[key].role = groups[key].role or q.speaker_role
        return sorted(
            groups.values(), key=lambda g: (g.name == "Unattributed", -len(g.quotes), g.name)
        )

    def story_claims(self, story: Story) -> list[GroupView]:
        claims = [c for d in story.documents for c in self.claims_by_doc.get(d, [])]
        by_group: dict[str, list[Claim]] = defaultdict(list)
        for c in claims:
            by_group[c.group].append(c)
        order = {"conflicting": 0, "agreed": 1, "single": 2}
        views = []
        for gid, members in by_group.items():
            group = self.groups.get(gid) or ClaimGroup(
                id=gid,
                what=members[0].what,
                unit=members[0].unit,
                status=members[0].status,
                claims=[c.id for c in members],
                documents=sorted({c.document for c in members}),
            )
            views.append(GroupView(group, members))
        return sorted(views, key=lambda v: (order.get(v.group.status, 3), v.group.id))

    def story_framing(self, story: Story) -> FramingTable:
        docs = [d for d in self.story_docs(story) if d.id in self.framing_by_doc]
        concepts = sorted({t.concept for d in docs for t in self.framing_by_doc[d.id].names})
        rows = []
        for d in docs:
            f = self.framing_by_doc[d.id]
            terms = {t.concept: t.terms for t in f.names}
            cells = [
                ", ".join(f"{term} ({n})" for term, n in sorted(terms.get(c, {}).items()))
                for c in concepts
            ]
            quoted = [self.entity_name(e) or e for e in f.quoted]
            rows.append((d, cells, f.accusations, quoted))
        return FramingTable(concepts, rows)

    def story_places(self, story: Story) -> list[Pin]:
        """Geocoded places mentioned in the story's documents, as map pins."""
        docs = set(story.documents)
        pins = []
        for e in self.places:
            weight = sum(1 for m in e.mentions if m.document in docs)
            if e.geo is not None and weight:
                area = e.geo.feature == "country"
                pins.append(Pin(e.name, e.geo.lat, e.geo.lon, f"/entities/{e.id}", weight, area))
        return pins

    def story_entities(self, story: Story) -> list[tuple[Entity, int]]:
        docs = set(story.documents)
        counted = [
            (e, sum(1 for m in e.mentions if m.document in docs)) for e in self.analysis.entities
        ]
        return sorted(((e, n) for e, n in counted if n), key=lambda x: (-x[1], x[0].name))

    # ----------------------------------------------------------------- entities

    def entity_quotes(self, entity: Entity) -> list[Quote]:
        return [q for q in self.analysis.quotes if q.speaker == entity.id]

    def entity_timeline(self, entity: Entity) -> list[tuple[str, int]]:
        """Mentions per publication date (undated documents under 'undated')."""
        counts: Counter[str] = Counter()
        for m in entity.mentions:
            doc = self.docs.get(m.document)
            counts[(doc.published if doc else None) or "undated"] += 1
        return sorted(counts.items(), key=lambda x: (x[0] == "undated", x[0]))

    def entity_documents(self, entity: Entity) -> list[tuple[Document, int]]:
        counts = Counter(m.document for m in entity.mentions)
        return [(self.docs[d], n) for d, n in sorted(counts.items()) if d in self.docs]

    def entity_stories(self, entity: Entity) -> list[Story]:
        docs = {m.document for m in entity.mentions}
        return [s for s in self.analysis.stories if docs & set(s.documents)]

    # ----------------------------------------------------------------- documents

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
