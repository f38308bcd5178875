"""Near-duplicate marking (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from storyline.models import Document


def mark_duplicates(documents: list[Document]) -> None:
    return None
