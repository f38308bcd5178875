"""Story clustering: the incremental index and the corpus-level stories/storylines."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from storyline.models import DocExtraction, Document, LocalMention
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.stories import (
    StoryIndex,
    StoryParams,
    cluster_stories,
    content_terms,
    date_span,
    doc_features,
    replace_newly_dated,
)

DIM = 384


def _topic_vector(topic: int, noise: float, seed: int) -> list[float]:
    rng = np.random.default_rng(1000 + topic)
    base = rng.standard_normal(DIM)
    jitter = np.random.default_rng(seed).standard_normal(DIM) * noise
    v = base / np.linalg.norm(base) + jitter / np.sqrt(DIM)
    return list(v / np.linalg.norm(v))


TOPICS = {
    1: ("Flood waters rise in Dunmore valley", "Dunmore", "River Alder", "Mayor Ines Kolar"),
    2: (
        "Chemical plant fire at Varnholt port",
        "Varnholt",
        "Kestrel Chemicals",
        "Chief Olu Brandt",
    ),
}


def _doc(i: int, topic: int, published: str | None, seed: int, duplicate_of=None):
    title, place, org, person = TOPICS[topic]
    text = (
        f"{title} as {person} of {place} spoke on the crisis. "
        f"{org} and officials in {place} said crews worked through the night. "
        f"Residents of {place} described the scene to reporters."
    )
    doc = Document(
        id=f"d{i}",
        source=f"n{i}.txt",
        title=title,
        text=text,
        published=published,
        duplicate_of=duplicate_of,
    )
    mentions = []
    for name, kind in ((place, "GPE"), (org, "ORG"), (person, "PERSON")):
        at = text.index(name)
        mentions.append(
            LocalMention(
                start=at, end=at + len(name), text=name, type=kind, name=name, cluster=name
            )
        )
    extraction = DocExtraction(
        document=doc.id, mentions=mentions, embedding=_topic_vector(topic, 0.3, seed)
    )
    return doc, (None if duplicate_of else extraction)


def _corpus(specs) -> Corpus:
    docs, extractions = [], []
    for i, (topic, published, dup) in enumerate(specs, 1):
        d, x = _doc(i, topic, published, seed=i, duplicate_of=dup)
        docs.append(d)
        if x is not None:
            extractions.append(x)
    return Corpus.from_records(docs, extractions)


def test_date_span_handles_partial_and_bad_dates():
    day = date_span("2016-12-11")
    assert day is not None and day[0] == day[1]
    month = date_span("2016-12")
    assert month is not None and month[1] - month[0] == 30
    year = date_span("2016")
    assert year is not None and year[1] - year[0] == 365
    assert date_span(None) is None
    assert date_span("2016-02-31") is None
    assert date_span("soon") is None


def test_content_terms_drop_stop_words_and_numbers():
    terms = content_terms("The army said the army had 300 tanks in the town.")
    assert "the" not in terms and "300" not in terms
    assert terms["army"] > terms["tanks"]


def test_two_topics_make_two_stories_with_ids_by_earliest_document():
    corpus = _corpus(
        [
            (2, "2020-05-03", None),
            (1, "2020-05-01", None),
            (1, "2020-05-02", None),
            (2, "2020-05-04", None),
            (1, None, None),
        ]
    )
    stories, _ = cluster_stories(corpus)
    assert [s.documents for s in stories] == [["d2", "d3", "d5"], ["d1", "d4"]]
    assert [s.id for s in stories] == ["s1", "s2"]
    assert stories[0].start == "2020-05-01" and stories[0].end == "2020-05-02"
    assert {d.id: d.story for d in corpus.documents} == {
        "d1": "s2",
        "d2": "s1",
        "d3": "s1",
        "d4": "s2",
        "d5": "s1",
    }


def test_same_subject_months_apart_is_two_stories_in_one_storyline():
    corpus = _corpus([(1, "2016-12-10", None), (1, "2016-12-12", None), (1, "2017-03-02", None)])
    stories, storylines = cluster_stories(corpus)
    assert [s.documents for s in stories] == [["d1", "d2"], ["d3"]]
    assert len(storylines) == 1 and storylines[0].stories == ["s1", "s2"]
    assert all(s.storyline == "l1" for s in stories)


def test_unrelated_stories_are_not_linked_into_a_storyline():
    corpus = _corpus([(1, "2016-12-10", None), (2, "2017-03-02", None)])
    stories, storylines = cluster_stories(corpus)
    assert len(stories) == 2 and len(storylines) == 2


def test_copies_join_their_originals_story():
    corpus = _corpus([(1, "2020-05-01", None), (2, "2020-05-01", None), (2, None, "d1")])
    stories, _ = cluster_stories(corpus)
    by_doc = {d.id: d.story for d in corpus.documents}
    assert by_doc["d3"] == by_doc["d1"]
    assert "d3" in next(s for s in stories if s.id == by_doc["d1"]).documents


def test_same_input_same_output():
    specs = [(1, None, None), (2, "2020-01-02", None), (1, "2020-01-03", None), (2, None, None)]
    first = cluster_stories(_corpus(specs))
    second = cluster_stories(_corpus(specs))
    assert [s.model_dump() for s in first[0]] == [s.model_dump() for s in second[0]]


def test_without_embeddings_words_and_entities_still_cluster():
    corpus = _corpus([(1, None, None), (2, None, None), (1, None, None), (2, None, None)])
    for x in corpus.extractions.values():
        x.embedding = None
    stories, _ = cluster_stories(corpus)
    assert sorted(s.documents for s in stories) == [["d1", "d3"], ["d2", "d4"]]


def test_empty_corpus():
    assert cluster_stories(Corpus.from_records([], [])) == ([], [])


def test_index_is_incremental_and_scores_only_candidates():
    params = StoryParams(max_candidates=5)
    index = StoryIndex(params)
    corpus = _corpus([(t, "2020-05-01", None) for t in (1, 2) * 3])
    keys = [index.add(doc_features(d, corpus.extractions[d.id])) for d in corpus.documents]
    assert keys == [0, 1, 0, 1, 0, 1]
    # a later document joins an existing story without touching the others
    late, extraction = _doc(99, 1, "2020-05-02", seed=99)
    assert index.add(doc_features(late, extraction)) == 0
    assert index.stories[0].members[-1] == "d99"
    # adding the same document again is a no-op
    assert index.add(doc_features(late, extraction)) == 0 and index.n_docs == 7


@pytest.mark.parametrize("n", [300])
def test_candidates_stay_bounded_as_the_index_grows(n):
    rng = np.random.default_rng(0)
    index = StoryIndex(StoryParams(max_candidates=20))
    from storyline.reconcile.stories import DocFeatures

    for i in range(n):
        v = rng.standard_normal(DIM).astype(np.float32)
        f = DocFeatures(
            id=f"x{i}", vector=v / np.linalg.norm(v), terms={f"w{i}": 1.0}, entities={}, span=None
        )
        assert len(index._candidates(f, index._bucket_keys(f.vector))) <= 20
        index.add(f)
    assert len(index.stories) > n // 2  # random documents mostly open their own stories


def test_a_document_placed_undated_moves_when_its_inferred_date_is_far_from_its_story():
    # d4 is undated when placed (it joins on content alone), then dated two months later
    corpus = _corpus(
        [
            (1, "2016-12-10", None),
            (1, "2016-12-12", None),
            (1, "2017-02-20", None),
            (1, None, None),
        ]
    )
    cluster_stories(corpus)
    december = corpus.by_id["d1"].story
    assert corpus.by_id["d3"].story != december
    corpus.by_id["d4"].story = december  # placed blind with the December reports
    corpus.by_id["d4"].published = "2017-02-21"  # as a year-less dateline resolves it
    assert replace_newly_dated(corpus, {"d4"}) is not None
    assert corpus.by_id["d4"].story == corpus.by_id["d3"].story
    assert corpus.by_id["d1"].story == corpus.by_id["d2"].story != corpus.by_id["d4"].story


def test_a_newly_dated_document_close_to_its_story_stays():
    corpus = _corpus([(1, "2016-12-10", None), (1, "2016-12-12", None), (1, None, None)])
    cluster_stories(corpus)
    corpus.by_id["d3"].published = "2016-12-14"
    assert replace_newly_dated(corpus, {"d3"}) is None


def test_a_dated_document_votes_only_over_stories_of_its_time_window():
    corpus = _corpus([(1, "2016-01-10", None), (1, "2016-09-10", None), (1, None, None)])
    # no entities: only the embedding buckets propose stories here
    feats = [
        dataclasses.replace(doc_features(d, corpus.extractions.get(d.id)), entities={})
        for d in corpus.documents
    ]
    index = StoryIndex()
    january = index.add(feats[0])
    keys = index._bucket_keys(feats[1].vector)
    # eight months later: January's story is no candidate, though the words are the same
    assert january not in index._candidates(feats[1], keys)
    # an undated report may join any story, so it still sees it
    assert january in index._candidates(feats[2], index._bucket_keys(feats[2].vector))


def test_a_story_beyond_the_span_cap_is_no_candidate_and_one_within_keeps_its_votes():
    # the same subject 75 days later cannot join (its reports would span more than
    # `max_span_days`), so it is not proposed; 20 days later it is, and it is joined
    corpus = _corpus([(1, "2018-03-01", None), (1, "2018-05-15", None), (1, "2018-03-21", None)])
    feats = [
        dataclasses.replace(doc_features(d, corpus.extractions.get(d.id)), entities={})
        for d in corpus.documents
    ]
    index = StoryIndex()
    march = index.add(feats[0])
    far = index._bucket_keys(feats[1].vector)
    assert march not in index._candidates(feats[1], far)
    assert index.score(feats[1], index.stories[march]) == float("-inf")
    near = index._bucket_keys(feats[2].vector)
    assert march in index._candidates(feats[2], near)
    assert index.add(feats[2]) == march
