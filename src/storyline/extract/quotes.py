"""Quotes (placeholder)."""

# PLACEHOLDER: replaced by the owning stage's implementation.
from __future__ import annotations

from spacy.tokens import Doc

from storyline.models import LocalMention, LocalQuote


def find_quotes(doc: Doc, mentions: list[LocalMention]) -> list[LocalQuote]:
    return []
