"""A story written for the tests of the story view, the reports and the web page: a flood
in two made-up river towns, with every section filled (including the cases where
report and page used to differ: unattributed quotes, repeated framing terms)."""

from __future__ import annotations

from storyline.models import (
    Analysis,
    BriefingSentence,
    Claim,
    ClaimGroup,
    Document,
    Entity,
    Event,
    Framing,
    FramingTerm,
    Geo,
    MentionRef,
    Quote,
    Story,
    Storyline,
)

T1 = (
    "Flood water reached Varn on Monday. Mayor Edda Holm said 300 homes were empty. "
    '"We are moving people to the school," Holm said. A resident said it came fast.'
)
T2 = "Rescuers in Varn said about 250 homes were flooded. Jo Park said roads were closed."


def _quote(i: int, doc: str, text: str, source: str, **kw) -> Quote:
    start = source.index(text)
    return Quote(
        id=f"q{i}", document=doc, kind="direct", text=text, start=start, end=start + len(text), **kw
    )


def _claim(i: int, doc: str, text: str, source: str, value: float, group: str, **kw) -> Claim:
    start = source.index(text)
    return Claim(
        id=f"c{i}",
        document=doc,
        text=text,
        start=start,
        end=start + len(text),
        value=value,
        group=group,
        **kw,
    )


def flood() -> Analysis:
    varn = T1.index("Varn")
    holm = T1.index("Edda Holm")
    docs = [
        Document(id="d1", source="a.txt", title="Flood", text=T1, story="s1", outlet="River Post"),
        Document(
            id="d2", source="b.txt", title="Rescue", text=T2, story="s1", published="2023-03-02"
        ),
        Document(id="d3", source="c.txt", title="Later", text="Water fell.", story="s2"),
    ]
    return Analysis(
        documents=docs,
        stories=[
            Story(
                id="s1",
                title="Flood in Varn",
                storyline="l1",
                documents=["d1", "d2"],
                summary=[
                    BriefingSentence(
                        text="Flood water reached Varn.",
                        sources=["d1", "d2"],
                        passages=[
                            MentionRef(document="d1", start=0, end=35),
                            MentionRef(document="d1", start=0, end=35),  # repeated: cited once
                        ],
                    )
                ],
            ),
            Story(id="s2", title="Water falls", storyline="l1", documents=["d3"]),
        ],
        storylines=[Storyline(id="l1", title="Varn flood", stories=["s1", "s2"])],
        entities=[
            Entity(
                id="e1",
                name="Varn",
                type="GPE",
                geo=Geo(lat=50.1, lon=8.6),
                mentions=[
                    MentionRef(document="d1", start=varn, end=varn + 4),
                    MentionRef(document="d2", start=T2.index("Varn"), end=T2.index("Varn") + 4),
                ],
            ),
            Entity(
                id="e2",
                name="Edda Holm",
                type="PERSON",
                roles=["mayor"],
                mentions=[MentionRef(document="d1", start=holm, end=holm + 9)],
            ),
        ],
        quotes=[
            _quote(
                1,
                "d1",
                "300 homes were empty",
                T1,
                speaker="e2",
                speaker_name="Edda Holm",
                speaker_role="Mayor; head of the council",
            ),
            _quote(2, "d1", "We are moving people to the school", T1, speaker="e2"),
            _quote(3, "d1", "it came fast", T1, speaker_name="A resident"),
            _quote(
                4, "d2", "roads were closed", T2, speaker_name="Jo Park", speaker_role="officer"
            ),
            _quote(5, "d2", "about 250 homes were flooded", T2),
        ],
        claims=[
            _claim(1, "d1", "300 homes", T1, 300, "g1", status="conflicting", what="homes"),
            _claim(2, "d2", "about 250 homes", T2, 250, "g1", status="conflicting", approx="about"),
            _claim(3, "d2", "Jo Park", T2, 1, "g2", status="single", what="officials"),
        ],
        claim_groups=[
            ClaimGroup(id="g1", what="homes flooded", unit="dwellings", status="conflicting"),
        ],
        events=[
            Event(id="v2", date=None, description="Roads close", documents=["d2"], actors=["e2"]),
            Event(id="v1", date="2023-03-01", description="Water reaches Varn", documents=["d1"]),
        ],
        framing=[
            Framing(
                document="d1",
                names=[FramingTerm(concept="flood", terms={"water": 1, "flood": 3})],
                accusations=1,
                quoted=["e2"],
            ),
            Framing(document="d2", names=[FramingTerm(concept="rescuers", terms={"rescuers": 2})]),
        ],
    )
