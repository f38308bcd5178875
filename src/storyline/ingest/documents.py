"""Raw input -> cleaned, dated, typed Document (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

import hashlib

from storyline.models import Document, Problem, RawInput


def build_document(raw: RawInput, doc_id: str) -> Document | Problem:
    body = raw.body or ""
    lines = [x for x in body.splitlines()]
    title = next((x.strip() for x in lines if x.strip()), None)
    text = "\n".join(lines[1:]).strip()
    return Document(
        id=doc_id,
        source=raw.source,
        title=title,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
