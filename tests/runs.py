"""Two small hand-made batches and analyses for the run and delta tests (no spaCy):
an invented ferry delayed by fog, then resuming."""

from __future__ import annotations

import hashlib

from storyline.ingest import IngestResult
from storyline.models import Analysis, Document, Quote, Story

# Invented for these tests.
TEXTS = {
    "a": "Ferry delayed\n\nThe Kessel ferry was delayed by fog, the harbour master said.",
    "b": "Ferry resumes\n\nThe Kessel ferry resumed service at noon.",
    "c": "Market fire\n\nA fire closed the Tarn market overnight.",
}


def batch(names: list[str]) -> IngestResult:
    result = IngestResult()
    for i, name in enumerate(names, 1):
        title, body = TEXTS[name].split("\n\n", 1)
        result.documents.append(
            Document(
                id=f"d{i}",
                source=f"in/{name}.txt",
                title=title,
                text=body,
                content_hash=hashlib.sha256(TEXTS[name].encode()).hexdigest(),
            )
        )
    return result


def analysis(ids_titles: list[tuple[str, str]], stories: dict[str, list[str]]) -> Analysis:
    story_of = {d: s for s, docs in stories.items() for d in docs}
    return Analysis(
        documents=[
            Document(id=i, source=f"in/{i}", title=t, text="x", story=story_of[i])
            for i, t in ids_titles
        ],
        stories=[Story(id=s, title=s, documents=docs) for s, docs in stories.items()],
        quotes=[
            Quote(
                id=f"q{i}",
                document=i,
                kind="direct",
                text=f"words of {i}",
                start=0,
                end=1,
                speaker_name=f"Speaker {i}",
            )
            for i, _ in ids_titles
        ],
    )
