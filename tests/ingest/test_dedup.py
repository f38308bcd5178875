"""Near-duplicate marking with MinHash LSH."""

from __future__ import annotations

import random

from storyline.ingest.dedup import mark_duplicates, shingles
from storyline.models import Document

_VOCABULARY = (
    "harbour council budget fishermen coast storm vote plan port berth ferry cargo crane dock "
    "tide boat net quay pier mayor court protest crew ship island bridge"
)
WORDS = _VOCABULARY.split()


def text(seed: int, n: int = 400) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def edit(t: str, every: int = 80) -> str:
    """A syndicated copy: a word changed every `every` words."""
    words = t.split()
    for i in range(0, len(words), every):
        words[i] = "edited"
    return " ".join(words)


def make(i: int, body: str, published: str | None = None) -> Document:
    return Document(id=f"d{i}", source=f"{i}.txt", text=body, published=published)


def test_shingles_are_word_five_grams():
    assert shingles("One two three four five six") == {
        "one two three four five",
        "two three four five six",
    }
    assert shingles("Too short") == {"too short"}
    assert shingles("") == set()


def test_syndicated_copy_points_to_the_earliest():
    original = text(1)
    docs = [
        make(1, edit(original), "2016-12-12"),  # the copy, read first but published later
        make(2, original, "2016-12-11"),
        make(3, text(2), "2016-12-10"),  # another story
    ]
    mark_duplicates(docs)
    assert [d.duplicate_of for d in docs] == ["d2", None, None]


def test_same_date_falls_back_to_input_order_and_undated_come_last():
    original = text(3)
    docs = [make(1, original), make(2, edit(original)), make(3, edit(original, 70), "2020-01-01")]
    mark_duplicates(docs)
    assert [d.duplicate_of for d in docs] == ["d3", "d3", None]


def test_copy_of_a_copy_points_to_the_original():
    a = text(4)
    b = edit(a, 90)
    c = edit(b, 75)
    docs = [make(1, a, "2020-01-01"), make(2, b, "2020-01-02"), make(3, c, "2020-01-03")]
    mark_duplicates(docs)
    assert [d.duplicate_of for d in docs] == [None, "d1", "d1"]


def test_different_articles_on_the_same_topic_are_not_duplicates():
    docs = [make(i, text(10 + i)) for i in range(1, 30)]
    mark_duplicates(docs)
    assert all(d.duplicate_of is None for d in docs)


def test_heavily_rewritten_copy_is_not_a_duplicate():
    original = text(5)
    docs = [make(1, original, "2020-01-01"), make(2, edit(original, 6), "2020-01-02")]
    mark_duplicates(docs)
    assert docs[1].duplicate_of is None


def test_deterministic_and_empty_safe():
    original = text(6)
    runs = []
    for _ in range(2):
        docs = [make(1, original), make(2, edit(original)), make(3, "")]
        mark_duplicates(docs)
        runs.append([d.duplicate_of for d in docs])
    assert runs[0] == runs[1] == [None, "d1", None]
    mark_duplicates([])
