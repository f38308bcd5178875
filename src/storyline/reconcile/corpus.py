"""The reduce's working set: documents, their extractions, and each step's output."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from storyline.models import (
    Accusation,
    Claim,
    ClaimGroup,
    ControlChange,
    DocExtraction,
    Document,
    Entity,
    Event,
    Framing,
    Quote,
    Story,
    Storyline,
)


@dataclass
class Corpus:
    documents: list[Document]
    extractions: dict[str, DocExtraction]  # document id -> extraction (originals only)
    entities: list[Entity] = field(default_factory=list)
    entity_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc, cluster) -> id
    stories: list[Story] = field(default_factory=list)
    storylines: list[Storyline] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    accusations: list[Accusation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    claim_groups: list[ClaimGroup] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    control_changes: list[ControlChange] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)

    @classmethod
    def from_records(
        cls, documents: Sequence[Document], extractions: Sequence[DocExtraction]
    ) -> Corpus:
        return cls(list(documents), {x.document: x for x in extractions})

    @property
    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def originals(self) -> list[Document]:
        """Documents that are not copies of another (copies carry no extraction)."""
        return [d for d in self.documents if d.duplicate_of is None]

    def extracted(self) -> Iterator[tuple[Document, DocExtraction]]:
        """Each original document with its extraction, in document order."""
        for doc in self.originals():
            extraction = self.extractions.get(doc.id)
            if extraction is not None:
                yield doc, extraction

    def entity(self, doc_id: str, cluster: str | None) -> str | None:
        """The canonical entity id of a within-document mention cluster."""
        if cluster is None:
            return None
        return self.entity_of.get((doc_id, cluster))
