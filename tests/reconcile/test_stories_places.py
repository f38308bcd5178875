"""Place conflicts and the drift bound: same kind of event, other town or weeks later."""

from __future__ import annotations

from datetime import date, timedelta

from storyline.models import DocExtraction, Document, LocalMention
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.stories import StoryParams, cluster_stories, main_places

# One template for every report: only the town and the date differ, so words and lead
# embeddings alone cannot tell the events apart.
TEMPLATE = (
    "A storage depot burned through the night in {town}, and firefighters from {town} "
    "said the blaze was under control by dawn. Officials in {town} closed the ring road "
    "and asked residents of Norland to keep their windows shut. {detail}"
)
# what each event's reports add of their own (two events never read word for word alike)
DETAILS = {
    "Arlow": "Neighbours near the quarry saw orange smoke drifting over the granary.",
    "Bexham": "Dockers at the harbour watched black plumes rise above the warehouses.",
}


def _doc(i: int, town: str, day: str) -> tuple[Document, DocExtraction]:
    text = TEMPLATE.format(town=town, detail=DETAILS[town])
    doc = Document(id=f"d{i}", source=f"r{i}.txt", title="Depot fire", text=text, published=day)
    mentions = []
    start = 0
    for name in [town] * 3 + ["Norland"]:
        at = text.index(name, start if name == town else 0)
        start = at + len(name)
        mentions.append(
            LocalMention(
                start=at, end=at + len(name), text=name, type="GPE", name=name, cluster=name
            )
        )
    # leads alike but for the town they name: a shared axis plus one of the town's own
    own = 1 + sum(map(ord, town)) % 300
    vector = [0.0] * 384
    vector[0], vector[own] = 0.8, 0.6
    return doc, DocExtraction(document=doc.id, mentions=mentions, embedding=vector)


def _corpus(specs: list[tuple[str, str]]) -> Corpus:
    pairs = [_doc(i, town, day) for i, (town, day) in enumerate(specs, 1)]
    return Corpus.from_records([d for d, _ in pairs], [x for _, x in pairs])


def _groups(stories) -> list[list[str]]:
    return sorted(sorted(s.documents) for s in stories)


def test_main_places_are_the_most_named_places():
    _, extraction = _doc(1, "Arlow", "2021-06-01")
    assert main_places(extraction) == {"name:arlow"}
    # a country (here: marked broad) is never a main place
    assert main_places(extraction, broad={"name:arlow"}) == frozenset()


def test_same_event_in_other_towns_is_another_story():
    specs = [
        ("Arlow", "2021-06-01"),
        ("Bexham", "2021-06-02"),
        ("Arlow", "2021-06-02"),
        ("Bexham", "2021-06-03"),
    ]
    stories, _ = cluster_stories(_corpus(specs))
    assert _groups(stories) == [["d1", "d3"], ["d2", "d4"]]
    # without the place penalty the same reports would merge: the penalty is what splits
    merged, _ = cluster_stories(_corpus(specs), StoryParams(w_place=0.0))
    assert _groups(merged) == [["d1", "d2", "d3", "d4"]]


def test_reports_a_week_apart_do_not_drift_into_one_long_story():
    start = date(2021, 6, 1)
    specs = [("Arlow", (start + timedelta(days=8 * k)).isoformat()) for k in range(7)]
    stories, _ = cluster_stories(_corpus(specs))
    assert len(stories) >= 2
    for s in stories:
        first, last = date.fromisoformat(s.start), date.fromisoformat(s.end)
        assert (last - first).days <= 30
    # reports of one place within the same few days still make one story
    same_week = [("Arlow", (start + timedelta(days=k)).isoformat()) for k in range(5)]
    stories, _ = cluster_stories(_corpus(same_week))
    assert len(stories) == 1
