"""Accusations (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from spacy.tokens import Doc

from storyline.models import LocalAccusation, LocalMention, LocalQuote


def find_accusations(
    doc: Doc, mentions: list[LocalMention], quotes: list[LocalQuote]
) -> list[LocalAccusation]:
    return []
