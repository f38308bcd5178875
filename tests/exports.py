"""A small hand-made analysis for the export tests (no spaCy): two reports on a
river flood, one geocoded town, one place without coordinates, a disputed toll,
quotes with awkward text (commas, quotes, a line break, non-ASCII)."""

from __future__ import annotations

import hashlib

from storyline.ingest import IngestResult
from storyline.models import (
    Accusation,
    Analysis,
    Claim,
    ClaimGroup,
    Document,
    Entity,
    Event,
    Geo,
    MentionRef,
    Quote,
    RawInput,
    Story,
)

TEXTS = {
    "d1": 'Flood in Marrow\n\nThe river rose in Marrow, the mayor said: "We lost 12 homes."',
    "d2": "Marrow toll disputed\n\nOfficials put the toll at 15; the union blamed the dam board.",
}


def documents() -> list[Document]:
    docs = []
    for i, (doc_id, raw) in enumerate(TEXTS.items(), 1):
        title, body = raw.split("\n\n", 1)
        docs.append(
            Document(
                id=doc_id,
                source=f"in/{doc_id}.txt",
                title=title,
                outlet="Vale Courier" if i == 1 else "Río Post",
                published=f"2024-04-0{i}",
                story="s1",
                text=body,
                content_hash=hashlib.sha256(raw.encode()).hexdigest(),
            )
        )
    return docs


def flood_analysis() -> Analysis:
    docs = documents()
    return Analysis(
        documents=docs,
        stories=[
            Story(
                id="s1",
                title="Flood in Marrow",
                documents=["d1", "d2"],
                start="2024-04-01",
                end="2024-04-02",
            )
        ],
        entities=[
            Entity(
                id="e1",
                name="Marrow",
                type="GPE",
                aliases=["Marrow", "Marrow town"],
                geo=Geo(lat=52.25, lon=-1.5, country="GB", name="Marrow", feature="city"),
                mentions=[
                    MentionRef(document="d1", start=18, end=24),
                    MentionRef(document="d2", start=0, end=6),
                ],
            ),
            Entity(id="e2", name="Anna Brisk", type="PERSON", roles=["mayor"]),
            Entity(id="e3", name="Dam Board", type="ORG"),
            Entity(id="e4", name="Upper Weir", type="FACILITY", geo_note="not in the gazetteer"),
            Entity(id="e5", name="Dockers' Union", type="ORG"),
        ],
        quotes=[
            Quote(
                id="q1",
                document="d1",
                kind="direct",
                text='"We lost 12 homes,\nand the école," she said',
                start=40,
                end=59,
                speaker="e2",
                speaker_name="Anna Brisk",
                speaker_role="mayor",
                cue="said",
            ),
            Quote(
                id="q2",
                document="d2",
                kind="indirect",
                text="the dam board opened the gates too late",
                start=50,
                end=88,
                speaker_name="the union",
            ),
        ],
        claims=[
            Claim(
                id="c1",
                document="d1",
                text="12 homes",
                start=50,
                end=58,
                value=12,
                what="homes",
                claimant="e2",
                claimant_name="Anna Brisk",
                predicate="lost",
                group="g1",
                status="conflicting",
            ),
            Claim(
                id="c2",
                document="d2",
                text="15",
                start=27,
                end=29,
                value=15,
                value_high=None,
                approx="about",
                what="homes",
                predicate="lost",
                group="g1",
                status="conflicting",
            ),
        ],
        claim_groups=[
            ClaimGroup(
                id="g1",
                what="homes",
                status="conflicting",
                claims=["c1", "c2"],
                documents=["d1", "d2"],
                note="12 vs 15, same day",
            )
        ],
        events=[
            Event(
                id="v1",
                date="2024-04-01",
                precision="day",
                when="Monday",
                description="The river rose in Marrow.",
                story="s1",
                documents=["d1"],
                actors=["e2"],
                place="e1",
            ),
            Event(
                id="v2",
                date=None,
                description="The weir failed.",
                story="s1",
                documents=["d2"],
                place="e4",
            ),
        ],
        accusations=[
            Accusation(
                document="d2",
                accuser="the union",
                accuser_entity="e5",
                accused=["the dam board"],
                accused_entities=["e3"],
                text="the union blamed the dam board",
                start=30,
                end=60,
            )
        ],
    )


def flood_batch() -> IngestResult:
    """The same documents as an ingest batch, to save the analysis into a store."""
    result = IngestResult()
    for doc in documents():
        result.documents.append(doc.model_copy(update={"story": None}))
        result.raw[doc.id] = RawInput(source=doc.source, raw=TEXTS[doc.id].encode())
    return result
