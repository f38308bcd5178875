"""Adding documents places only the new ones: stored documents keep their story."""

from storyline.models import DocExtraction, Document
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.stories import cluster_stories

FLOOD = (
    "Flood waters rose across the river valley on Tuesday as the dam at Lower Ferrow "
    "overflowed, forcing hundreds of families from their homes near the old mill."
)


def _doc(i: int, text: str, story: str | None = None) -> Document:
    return Document(
        id=f"d{i}",
        source=f"s{i}.txt",
        title="Dam overflows",
        text=text,
        published="2024-04-02",
        story=story,
    )


def _corpus(docs: list[Document]) -> Corpus:
    # the same lead embedding for all: as alike as documents get
    vector = [1.0] + [0.0] * 383
    return Corpus.from_records(docs, [DocExtraction(document=d.id, embedding=vector) for d in docs])


def test_new_documents_join_stories_without_moving_stored_ones():
    # Two stored documents that read alike but were kept apart (say, by an editor):
    # re-running the reduce must not merge them behind the user's back.
    docs = [_doc(1, FLOOD, story="s1"), _doc(2, FLOOD, story="s2"), _doc(3, FLOOD)]
    stories, _ = cluster_stories(_corpus(docs))
    members = sorted(sorted(s.documents) for s in stories)
    assert len(stories) == 2
    assert ["d2"] in members or ["d1"] in members  # the stored split is kept
    assert any("d3" in m and len(m) == 2 for m in members)  # the new one joined one


def test_without_prior_stories_alike_documents_share_one_story():
    docs = [_doc(1, FLOOD), _doc(2, FLOOD), _doc(3, FLOOD)]
    stories, _ = cluster_stories(_corpus(docs))
    assert [sorted(s.documents) for s in stories] == [["d1", "d2", "d3"]]
