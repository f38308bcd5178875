"""Sentence embeddings of each document's title and lead, for story clustering.

The lead is the title and the first two sentences of the body: what the event is, where
and when, without the details that differ from report to report. It also keeps the
encoder's cost per document small and fixed (at most 128 tokens, what MiniLM was trained
at), whatever the article's length. On ECB+ it clusters as well as the first 600
characters did (docs/quality.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from storyline.extract.nlp import load_encoder
from storyline.models import DocExtraction, Document, Span

LEAD_SENTENCES = 2
FALLBACK_CHARS = 600  # no sentence spans (extraction failed): cut the opening instead
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+|\n\s*\n")
_WORDS = re.compile(r"\w+")


def _same(a: str, b: str) -> bool:
    return _WORDS.findall(a.lower()) == _WORDS.findall(b.lower())


def lead_sentences(document: Document, sentences: Sequence[Span] = ()) -> list[str]:
    """The body's first sentences: spaCy's sentence spans when given, else a plain split.
    A first sentence that repeats the title, or a fragment under three words, is skipped."""
    if sentences:
        candidates = (document.text[s.start : s.end] for s in sentences)
    else:
        candidates = iter(_SENTENCE_END.split(document.text[:FALLBACK_CHARS]))
    out: list[str] = []
    for raw in candidates:
        text = " ".join(raw.split())
        if len(_WORDS.findall(text)) < 3 or (document.title and _same(text, document.title)):
            continue
        out.append(text)
        if len(out) == LEAD_SENTENCES:
            break
    return out


def lead_text(document: Document, sentences: Sequence[Span] = ()) -> str:
    """Title and lead, the text that is embedded."""
    parts = [document.title.strip()] if document.title and document.title.strip() else []
    parts += lead_sentences(document, sentences)
    return " ".join(parts)


def embed_texts(texts: Sequence[str]) -> list[list[float]]:
    """Unit-length vectors, one per text, in order (rounded: stable, compact records)."""
    if not texts:
        return []
    vectors = load_encoder().encode(list(texts)).astype(np.float64)
    return vectors.round(6).tolist()


def embed_documents(
    documents: Sequence[Document], extractions: Sequence[DocExtraction] | None = None
) -> list[list[float]]:
    """One vector per document, in order, from its title and lead (the extraction's
    sentence spans mark the lead where given)."""
    spans = [x.sentences for x in extractions] if extractions else [()] * len(documents)
    return embed_texts([lead_text(d, s) for d, s in zip(documents, spans, strict=True)])
