"""Story clustering and storylines (placeholder: one story)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from storyline.models import Story, Storyline
from storyline.reconcile.corpus import Corpus


def cluster_stories(corpus: Corpus) -> tuple[list[Story], list[Storyline]]:
    if not corpus.documents:
        return [], []
    for d in corpus.documents:
        d.story = "s1"
    story = Story(
        id="s1",
        title=corpus.documents[0].title or "",
        storyline="l1",
        documents=[d.id for d in corpus.documents],
    )
    return [story], [Storyline(id="l1", title=story.title, stories=["s1"])]
