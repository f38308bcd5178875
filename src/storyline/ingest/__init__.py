"""Ingest: read inputs, decode, clean, date, type and deduplicate documents.

`ingest(sources, settings)` is the stage's one entry point. Reading is lazy and every
bad input becomes a `Problem` (one line, named input, reason) rather than an exception.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.config import Settings
from storyline.ingest.dedup import mark_duplicates
from storyline.ingest.documents import build_document
from storyline.ingest.readers import read_sources
from storyline.lexicon import Knowledge
from storyline.models import Document, Problem, RawInput


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    raw: dict[str, RawInput] = field(default_factory=dict)  # document id -> raw input


def ingest(
    sources: Iterable[str],
    settings: Settings | None = None,
    progress=None,
    knowledge: Knowledge | None = None,
) -> IngestResult:
    """Read every source, clean and type each document, mark near-duplicates.

    Document ids ("d1", "d2", …) follow the order of the inputs, so the same input
    gives the same ids. An exact duplicate (same cleaned text) is stored once. The
    cleaning rules come from `knowledge` (default: `Knowledge.of(settings)`).
    """
    settings = settings or Settings()
    knowledge = knowledge or Knowledge.of(settings)
    result = IngestResult()
    seen: dict[str, str] = {}
    for item in read_sources(sources, settings):
        if isinstance(item, Problem):
            result.problems.append(item)
            continue
        built = build_document(item, f"d{len(result.documents) + 1}", knowledge)
        if isinstance(built, Problem):
            result.problems.append(built)
            continue
        if built.content_hash in seen:
            continue  # identical content: stored once
        seen[built.content_hash] = built.id
        result.documents.append(built)
        result.raw[built.id] = item
        if progress is not None:
            progress()
    mark_duplicates(result.documents)
    return result
