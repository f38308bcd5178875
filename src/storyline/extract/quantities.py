"""Numeric claims (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from spacy.tokens import Doc

from storyline.models import LocalMention, LocalQuote, Quantity


def find_quantities(
    doc: Doc, mentions: list[LocalMention], quotes: list[LocalQuote]
) -> list[Quantity]:
    return []
