"""Sentence embeddings of each document's title and lead, for story clustering."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.models import Document

LEAD_CHARS = 600  # title + first paragraph(s): what the story is about, not every detail


def lead_text(document: Document) -> str:
    """Title and the opening of the body, the part that names the event."""
    body = document.text[:LEAD_CHARS]
    cut = body.rfind(". ")
    if cut > LEAD_CHARS // 2:
        body = body[: cut + 1]
    return f"{document.title or ''}. {body}".strip(". ")


def _quiet_loading() -> None:
    """No 'Loading weights' progress bar on stderr: a batch run prints its own progress."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # the encoder's own dependency; nothing to silence without it
        return
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


def embed_documents(documents: Sequence[Document]) -> list[list[float]]:
    """Unit-length vectors, one per document, in order."""
    if not documents:
        return []
    from storyline.nlp import load_encoder

    _quiet_loading()
    encoder = load_encoder()
    vectors = encoder.encode(
        [lead_text(d) for d in documents],
        batch_size=32,
        normalize_embeddings=True,
        show_progress_bar=False,
    )
    return [[round(float(x), 6) for x in v] for v in vectors]
