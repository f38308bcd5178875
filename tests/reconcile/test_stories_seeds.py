"""Acceptance on the reference seeds: the December 2016 fall and the March 2017
recapture are two stories, linked in one storyline."""

from __future__ import annotations


def test_seeds_make_two_stories_in_one_storyline(seeds_analysis):
    a = seeds_analysis
    stories = sorted(a.stories, key=lambda s: len(s.documents), reverse=True)
    assert [len(s.documents) for s in stories] == [4, 1]
    fall, recapture = stories
    assert fall.id == "s1" and recapture.id == "s2"  # ordered by earliest document
    assert fall.start and fall.start.startswith("2016-12")
    assert recapture.start and recapture.start.startswith("2017-03")
    assert len(a.storylines) == 1 and a.storylines[0].stories == ["s1", "s2"]
    assert all(d.story in {"s1", "s2"} for d in a.documents)


def test_seed_briefings_cite_documents_and_passages(seeds_analysis):
    a = seeds_analysis
    texts = {d.id: d.text for d in a.documents}
    for story in a.stories:
        assert 1 <= len(story.summary) <= 10
        if len(story.documents) > 1:
            assert len(story.summary) >= 5
        for sentence in story.summary:
            assert sentence.sources and set(sentence.sources) <= set(story.documents)
            assert sentence.passages
            for p in sentence.passages:
                assert p.document in sentence.sources
                assert 0 <= p.start < p.end <= len(texts[p.document])
